"""What a visitor on a phone sees, in Debian's Chromium: cards, search, the player, page weight."""

from __future__ import annotations

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from phone import ARTIFACTS, Visit, bench_pages

pytest_plugins = ["browser_fixtures"]

DAKON = "sekolah/sdn-4-jiken/matematika-dakon/"
BATIK = "sekolah/sdn-4-jiken/batik-pewarna-daun-jati/"  # the demo's HD clip


def test_home_page_renders_cards_without_errors_or_foreign_requests(visit: Visit) -> None:
    page = visit.open("")
    assert page.locator(".etalase-card").count() >= 6
    first = page.locator(".etalase-card__title").first.inner_text()
    assert first.strip()
    assert page.locator(".md-tabs, .md-nav--primary").count() >= 1
    visit.screenshot("beranda-360")
    assert visit.errors == []
    assert visit.foreign == []


def test_the_first_video_card_shows_on_a_phone_s_first_screen(visit: Visit) -> None:
    page = visit.open("")
    card = page.locator(".etalase-card").first.bounding_box()
    assert card is not None
    # The card's top and most of its poster within 360x740, before any scrolling.
    assert card["y"] + 120 <= bench_pages.PHONE["height"], card
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=str(ARTIFACTS / "beranda-360-layar-pertama.png"))
    # The intro is all still there, below the cards: the guide's link too.
    guide = page.locator(".etalase-intro a[href*='panduan']")
    assert guide.count() == 1 and guide.first.is_visible()
    assert page.locator("h1").first.inner_text() == "Etalase Sekolah"


def test_search_finds_a_word_from_one_explanation(visit: Visit) -> None:
    page = visit.open("cari/?q=congklak")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert [link.removeprefix(visit.server.url) for link in links] == [DAKON]
    visit.screenshot("cari-360")
    assert visit.errors == [] and visit.foreign == []


def test_a_result_shows_the_explanation_and_a_school_name_finds_its_entries(visit: Visit) -> None:
    page = visit.open("cari/?q=congklak")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    box = page.locator(".pagefind-ui__search-input")
    assert box.get_attribute("placeholder") == "Cari video, sekolah, desa…"
    assert box.get_attribute("aria-label") == "Cari di katalog"
    excerpt = page.locator(".pagefind-ui__result-excerpt").first.inner_text()
    assert excerpt.startswith("Belajar Perkalian dengan Dakon. Ibu Wahyuningsih"), excerpt
    assert "Kecamatan" not in excerpt  # the facts list is not excerpt text
    page = visit.open("cari/?q=Tunas")  # only in the school's name, never in its entries' text
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    page.wait_for_load_state("networkidle")
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert {link.removeprefix(visit.server.url) for link in links} == {
        "sekolah/smp-tunas-jati-cepu/",
        "sekolah/smp-tunas-jati-cepu/pameran-sains/",
        "sekolah/smp-tunas-jati-cepu/wayang-kardus/",
    }


@pytest.mark.parametrize("path", ["", DAKON, "kecamatan/jiken/"])
def test_text_for_screen_readers_takes_no_room_on_screen(visit: Visit, path: str) -> None:
    page = visit.open(path)
    hidden = page.locator(".etalase-visually-hidden")
    assert hidden.count() >= 2  # the menu button's name, the header search label, ...
    for box in hidden.evaluate_all("els => els.map(e => e.getBoundingClientRect().toJSON())"):
        assert box["width"] <= 1 and box["height"] <= 1, box
    menu = page.locator('label.md-header__button[for="__drawer"]')
    assert menu.inner_text().strip() == "Navigasi"  # its accessible name, not shown


def test_a_kecamatan_filter_narrows_the_results(visit: Visit) -> None:
    page = visit.open("cari/?q=murid")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    page.wait_for_load_state("networkidle")
    filters = page.locator("details.pagefind-ui__filter-block", has_text="kecamatan")
    everything = _result_count(page)
    filters.locator("summary").click()
    filters.get_by_label("Jiken").check()
    page.wait_for_function(
        f"document.querySelector('.pagefind-ui__message')?.textContent"
        f" && !document.querySelector('.pagefind-ui__message')"
        f".textContent.includes('{everything}')"
    )
    page.wait_for_load_state("networkidle")
    narrowed = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert 0 < _result_count(page) < everything
    assert all("/sekolah/sdn-4-jiken/" in link for link in narrowed), narrowed
    assert visit.errors == []


FILTERS = ["Jenis", "Jenjang", "Kategori", "Kecamatan", "Tahun", "Takarir", "Tema"]


def test_a_search_from_a_link_shows_every_filter_even_when_filters_load_slowly(
    visit: Visit,
) -> None:
    # A slow phone network: one filter file arrives, then the words of the query, and the
    # other filter files only after the words have been searched.
    page = visit.page
    network = _SlowPagefind(page, "filter", "index")
    page.goto(visit.server.url + "cari/?q=murid", wait_until="load")
    page.wait_for_timeout(1_000)
    assert len(network.held["filter"]) == len(FILTERS)
    network.held["filter"].pop(0).continue_()
    page.wait_for_timeout(500)
    network.let_through("index")
    page.wait_for_timeout(1_000)
    network.let_through("filter")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    page.wait_for_load_state("networkidle")
    filters = page.locator("details.pagefind-ui__filter-block summary").all_inner_texts()
    assert filters == FILTERS
    assert visit.errors == []


def test_what_a_visitor_types_while_filters_load_is_not_replaced_by_the_link(
    visit: Visit,
) -> None:
    page = visit.page
    network = _SlowPagefind(page, "filter")
    page.goto(visit.server.url + "cari/?q=murid", wait_until="load")
    page.fill(".pagefind-ui__search-input", "congklak")
    page.wait_for_timeout(1_000)
    network.let_through("filter")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(500)  # a search from the link would start now
    page.wait_for_load_state("networkidle")
    assert page.locator(".pagefind-ui__search-input").input_value() == "congklak"
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert [link.removeprefix(visit.server.url) for link in links] == [DAKON]


class _SlowPagefind:
    """Holds Pagefind's files of some kinds (``filter/``, ``index/``) until let through."""

    def __init__(self, page: Any, *kinds: str) -> None:
        self.held: dict[str, list[Any]] = {kind: [] for kind in kinds}
        self.open: set[str] = set()
        for kind in kinds:
            page.route(f"**/pagefind/{kind}/*", self._route)

    def _route(self, route: Any) -> None:
        kind = route.request.url.split("/pagefind/")[1].split("/")[0]
        if kind in self.open:
            route.continue_()
        else:
            self.held[kind].append(route)

    def let_through(self, kind: str) -> None:
        self.open.add(kind)
        routes, self.held[kind] = self.held[kind], []
        for route in routes:
            route.continue_()


def _result_count(page: object) -> int:
    text = page.locator(".pagefind-ui__message").inner_text()  # type: ignore[attr-defined]
    return int("".join(c for c in text if c.isdigit()) or 0)


def test_the_video_plays_and_the_data_saver_switch_changes_the_source(visit: Visit) -> None:
    page = visit.open(DAKON)
    video = page.locator("#etalase-video")
    assert video.get_attribute("preload") == "none"
    assert video.get_attribute("poster")
    assert video.get_attribute("src").endswith("video-web.mp4")
    visit.screenshot("entri-360")
    page.evaluate("v => { v.muted = true; return v.play(); }", video.element_handle())
    page.wait_for_function(
        "document.getElementById('etalase-video').currentTime > 0.5", timeout=20_000
    )
    page.get_by_label("Hemat kuota").check()
    assert video.get_attribute("src").endswith("video-hemat.mp4")
    page.wait_for_function(
        "document.getElementById('etalase-video').currentTime > 0.5", timeout=20_000
    )
    page.reload(wait_until="networkidle")
    assert page.get_by_label("Hemat kuota").is_checked()  # remembered per visitor
    assert page.locator("#etalase-video").get_attribute("src").endswith("video-hemat.mp4")
    assert visit.errors == [] and visit.foreign == []


def test_pages_stay_within_the_weight_budgets(browser: object, demo_server: object) -> None:
    for name, path in bench_pages.PAGES.items():
        size, sent = bench_pages.weigh(browser, demo_server, path)  # type: ignore[arg-type]
        assert size <= bench_pages.BUDGETS[name], (name, size, sent)
        assert not [p for p, _ in sent if p.endswith(".mp4")], name  # no video before play


def test_every_player_and_its_bar_fit_a_phone_screen_upright_clips_too(
    visit: Visit, demo_server: bench_pages.GzipServer
) -> None:
    # sdn-3-todanan/lomba-tujuh-belasan is an upright phone clip: its controls were at 859 px.
    height = bench_pages.PHONE["height"]
    for path in bench_pages.entry_paths(demo_server.folder):
        page = visit.open(path)
        video = page.locator("#etalase-video").bounding_box()
        bar = page.locator(".etalase-player__bar").bounding_box()
        assert video is not None and bar is not None, path
        assert video["y"] + video["height"] <= height, (path, video)
        assert bar["y"] + bar["height"] <= height, (path, bar)


def _poster_fit(page: Any) -> tuple[int, float, list[int]]:
    """(width of the poster shown, device pixels it is shown at, widths on offer)."""
    return tuple(  # type: ignore[return-value]
        page.evaluate(
            """() => {
              const v = document.getElementById('etalase-video');
              const files = v.dataset.posters.split(', ').map(s => s.split(' '));
              const mine = files.find(f => f[0] === v.getAttribute('poster'));
              const shown = Math.min(v.clientWidth, v.clientHeight * v.width / v.height);
              return [parseInt(mine[1]), shown * devicePixelRatio, files.map(f => parseInt(f[1]))];
            }"""
        )
    )


def test_the_poster_is_the_one_the_players_real_slot_needs(
    visit: Visit, browser: Any, demo_server: bench_pages.GzipServer
) -> None:
    for path in bench_pages.entry_paths(demo_server.folder):
        mark = demo_server.ledger.mark()
        page = visit.open(path)
        fetched = [p for p, _ in demo_server.ledger.since(mark) if "/poster-" in p]
        assert len(fetched) == 1, (path, fetched)  # one poster, fetched at once, no swap
        width, shown, offer = _poster_fit(page)
        sharp_enough = [w for w in offer if w >= 0.9 * shown]
        assert width == (sharp_enough[0] if sharp_enough else offer[-1]), (path, width, shown)
    # On a wide, dense screen the script takes the HD clip's 1280 px poster instead.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    page = desk.new_page()
    page.goto(demo_server.url + BATIK, wait_until="networkidle")
    width, shown, offer = _poster_fit(page)
    assert offer == [320, 640, 1280] and shown > 1200 and width == 1280
    desk.close()


def test_every_entry_page_stays_within_its_budget_whatever_its_poster_shows(
    browser: object, demo_server: bench_pages.GzipServer
) -> None:
    # robot-dari-sampah's clip is a busy, noisy picture: its best-quality poster alone
    # was 86 KB, and its page 155 KB of the 120 KB budget.
    path, size, count = bench_pages.heaviest_entry(browser, demo_server)
    assert count >= 10
    assert size <= bench_pages.BUDGETS["entry"], (path, size)


@pytest.mark.parametrize(
    "path", ["", DAKON, "kecamatan/jiken/", "cari/?q=murid", "statistik/", "sekolah/"]
)
def test_axe_finds_no_serious_accessibility_violations(visit: Visit, path: str) -> None:
    page = visit.open(path)
    if path.startswith("cari/"):
        page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    violations = Axe().run(page).response["violations"]
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in violations
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


_PICTURE_FIT = """() => {
  const img = document.querySelector('.etalase-body img');
  const file = img.currentSrc.split('/').slice(-2).join('/');
  const offer = img.srcset.split(', ').map(s => s.split(' '));
  const chosen = offer.find(f => img.currentSrc.endsWith('/' + f[0]));
  return [file, parseInt(chosen[1]), img.clientWidth * devicePixelRatio, img.clientHeight];
}"""


def test_a_school_photo_comes_as_wide_as_the_screen_needs_and_no_wider(
    visit: Visit, browser: Any, demo_server: bench_pages.GzipServer
) -> None:
    mark = demo_server.ledger.mark()
    page = visit.open(BATIK)
    page.locator(".etalase-body img").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.etalase-body img').complete")
    file, natural, needed, height = page.evaluate(_PICTURE_FIT)
    # A 360 px phone at 2x: the 656 px column takes the 720 px copy, not the 1600 px photo.
    assert file == "_720w/hasil-batik.jpg" and natural >= needed, (file, natural, needed)
    assert height > 0 and abs(height * 4 / 3 - needed / 2) < 3  # its own proportions
    photos = [p for p, _ in demo_server.ledger.since(mark) if "hasil-batik" in p]
    assert len(photos) == 1 and "_720w/" in photos[0], photos
    # A desktop screen takes a wider copy, still sharp.
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    page = desk.new_page()
    page.goto(demo_server.url + BATIK, wait_until="networkidle")
    page.locator(".etalase-body img").scroll_into_view_if_needed()
    page.wait_for_function("document.querySelector('.etalase-body img').complete")
    file, natural, needed, _ = page.evaluate(_PICTURE_FIT)
    assert file in ("_1080w/hasil-batik.jpg", "batik-pewarna-daun-jati/hasil-batik.jpg")
    assert natural >= needed, (file, natural, needed)
    desk.close()


def test_a_wide_school_logo_keeps_its_proportions(visit: Visit) -> None:
    page = visit.open("sekolah/sdn-4-jiken/")
    logo = page.locator(".etalase-school__logo")
    logo.scroll_into_view_if_needed()
    box = logo.bounding_box()
    assert box is not None and box["width"] == pytest.approx(96, abs=1)
    assert box["height"] == pytest.approx(32, abs=1)  # 480x160: 3 to 1, not squeezed square

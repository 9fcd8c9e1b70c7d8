"""A transcript per published language, and a switch between them, in Debian's Chromium (#30.4).

A scenario entry spoken in Indonesian carries the school's Indonesian and Javanese
captions. The page holds both transcripts; a switch of pressed buttons (keyboard
alone) shows one at a time and the clip's captions in the same language; both are
searched. Without scripts, both lists are on the page, each named.
"""

from __future__ import annotations

import gzip
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from phone import Visit, bench_pages

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugin"))
from site_scenario import Site, new_site

pytest_plugins = ["browser_fixtures"]

PAGE = "sekolah/sdn-1-blora/robot-bekas/"
ID_SRT = (
    "1\n00:00:00,200 --> 00:00:01,200\nRobot dari kardus\n\n"
    "2\n00:00:01,500 --> 00:00:02,800\nBisa berjalan sendiri\n"
)
JV_SRT = (
    "1\n00:00:00,200 --> 00:00:01,200\nRobot saka kardus\n\n"
    "2\n00:00:01,500 --> 00:00:02,800\nSaged mlampah piyambak\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]) -> Site:
    site = new_site(tmp_path_factory.mktemp("transkrip") / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    folder = site.entry("sdn-1-blora", "robot-bekas", title="Robot dari Barang Bekas")
    (folder / "video.id.srt").write_text(ID_SRT, encoding="utf-8")
    (folder / "video.jv.srt").write_text(JV_SRT, encoding="utf-8")
    assert site.build() == 0
    return site


@pytest.fixture
def visit(browser: Any, site: Site) -> Iterator[Visit]:
    with bench_pages.GzipServer(site.out) as server:
        v = Visit(browser, server)
        yield v
        v.context.close()


def test_the_switch_shows_each_languages_transcript_by_keyboard(visit: Visit) -> None:
    page = visit.open(PAGE)
    summary = page.locator("#etalase-transcript summary")
    summary.focus()
    page.keyboard.press("Enter")  # opened by keyboard alone
    switch = page.get_by_role("group", name="Bahasa transkrip")
    assert switch.is_visible()
    indonesian = switch.get_by_role("button", name="Indonesia (sekolah)")
    javanese = switch.get_by_role("button", name="Jawa (sekolah)")
    assert indonesian.get_attribute("aria-pressed") == "true"
    assert javanese.get_attribute("aria-pressed") == "false"
    visible = page.locator("#etalase-transcript button[data-start]:visible")
    assert visible.all_inner_texts() == ["0:00 Robot dari kardus", "0:01 Bisa berjalan sendiri"]
    assert page.locator(".etalase-transcript__name:visible").count() == 0  # the switch names them
    assert "Indonesia (sekolah)" in summary.inner_text()
    # Tab from the summary to the second language's button, and press it with Space.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.lang") == "id"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.lang") == "jv"
    page.keyboard.press("Space")
    assert javanese.get_attribute("aria-pressed") == "true"
    assert indonesian.get_attribute("aria-pressed") == "false"
    assert visible.all_inner_texts() == ["0:00 Robot saka kardus", "0:01 Saged mlampah piyambak"]
    assert "Jawa (sekolah)" in summary.inner_text()
    assert page.locator("#etalase-transcript-jv ol").get_attribute("lang") == "jv"
    # The clip shows the Javanese captions now.
    shown = page.evaluate(
        "Array.from(document.getElementById('etalase-video').textTracks)"
        ".filter(t => t.mode === 'showing').map(t => t.language)"
    )
    assert shown == ["jv"]
    # A Javanese line seeks, and is marked current (Enter on it, by keyboard).
    page.evaluate(
        "(() => { const v = document.getElementById('etalase-video');"
        " v.preload = 'auto'; v.load(); })()"
    )
    page.wait_for_function("document.getElementById('etalase-video').readyState >= 1")
    line = page.locator("#etalase-transcript-jv button[data-start='1.500']")
    line.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.getElementById('etalase-video').currentTime === 1.5")
    page.wait_for_function(
        "document.querySelector('#etalase-transcript [aria-current]')?.textContent"
        ".includes('Saged mlampah')"
    )
    # Back to Indonesian with Enter: its line at the same time is the current one.
    indonesian.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#etalase-transcript [aria-current]')?.textContent"
        ".includes('Bisa berjalan')"
    )
    assert page.locator("#etalase-transcript [aria-current]").count() == 1
    # axe on the player and its transcripts (the scenario site has Material's own footer,
    # whose grey fails contrast; the demo's colours are tested in test_captions_player.py).
    violations = Axe().run(page, context=".etalase-entry").response["violations"]
    assert [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations] == []
    assert visit.errors == [] and visit.foreign == []


def test_without_scripts_every_transcript_is_on_the_page_named(browser: Any, site: Site) -> None:
    with bench_pages.GzipServer(site.out) as server:
        context = browser.new_context(java_script_enabled=False, viewport=bench_pages.PHONE)
        page = context.new_page()
        page.goto(server.url + PAGE, wait_until="load")
        page.locator("#etalase-transcript summary").click()
        assert page.locator(".etalase-transcript__switch").is_hidden()
        names = page.locator(".etalase-transcript__name:visible").all_inner_texts()
        assert names == ["Indonesia (sekolah)", "Jawa (sekolah)"]
        assert page.locator("#etalase-transcript button[data-start]:visible").count() == 4
        context.close()


def test_every_published_language_is_searched(site: Site) -> None:
    html = site.page(PAGE)
    for words in ("Robot dari kardus", "Saged mlampah piyambak"):
        assert f"</span> {words}</button>" in html
    assert html.count('data-pagefind-weight="0.5"') == 2
    fragments = [
        gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        for path in (site.out / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    assert any("piyambak" in f and "berjalan sendiri" in f for f in fragments)

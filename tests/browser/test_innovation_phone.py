"""An innovation page on a phone: what it shows, its weight, axe, and the Jenis filter."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from phone import Visit, bench_pages

pytest_plugins = ["browser_fixtures"]

WARUNG = "inovasi/warung-belajar/"


def test_an_innovation_page_on_a_phone(visit: Visit) -> None:
    page = visit.open(WARUNG)
    headings = page.locator(".etalase-body h2").all_inner_texts()
    assert headings == [
        "Latar belakang dan masalah",
        "Keunikan",
        "Implementasi",
        "Dampak",
        "Keberlanjutan",
        "Replikasi",
    ]
    assert page.locator(".etalase-impact svg").count() == 2
    caption = page.locator(".etalase-impact figcaption").first.inner_text()
    assert "Sebelum (2023) 17" in caption and "sesudah (2025) 5" in caption
    chart = page.locator(".etalase-impact svg").first.bounding_box()
    assert chart is not None and chart["width"] <= 360  # fits the phone's width
    cards = page.locator(".etalase-card")
    assert cards.count() == 2
    cards.first.locator("a").click()  # a clip's player is one tap away
    page.wait_for_load_state("load")
    assert page.url.endswith("/sekolah/pkbm-sekar-melati-kunduran/kerupuk-tahu/")
    assert page.locator("#etalase-video").count() == 1
    assert "WARUNG BELAJAR" in page.locator(".etalase-evidence-for").inner_text()
    visit.screenshot("inovasi-360")
    assert visit.errors == [] and visit.foreign == []


def test_the_innovation_page_stays_within_the_list_budget(
    browser: object, demo_server: object
) -> None:
    size, sent = bench_pages.weigh(browser, demo_server, WARUNG)  # type: ignore[arg-type]
    assert size <= bench_pages.BUDGETS["list"] == bench_pages.BUDGETS["innovation"], (size, sent)
    assert not [p for p, _ in sent if p.endswith(".mp4")]


def test_axe_finds_no_serious_violations_on_innovation_pages(visit: Visit) -> None:
    for path in (WARUNG, "inovasi/", "inovasi/sapu-jagad-jati/"):
        page = visit.open(path)
        violations = Axe().run(page).response["violations"]
        serious = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in violations
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], path


def test_the_jenis_filter_tells_innovations_from_videos(visit: Visit) -> None:
    page = visit.open("cari/?q=sampah")
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    page.wait_for_load_state("networkidle")
    block = page.locator("details.pagefind-ui__filter-block", has_text="jenis")
    block.locator("summary").click()
    before = page.locator(".pagefind-ui__result-link").count()
    block.get_by_label("inovasi").check()
    page.wait_for_timeout(1_000)
    page.wait_for_load_state("networkidle")
    links = page.locator(".pagefind-ui__result-link").evaluate_all("els => els.map(e => e.href)")
    assert links and all("/inovasi/" in link for link in links), links
    assert len(links) < before

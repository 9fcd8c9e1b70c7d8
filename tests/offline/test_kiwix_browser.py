"""A teacher with Kiwix: kiwix-serve on the school laptop, Debian's Chromium on a phone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from zimkit import DemoZim, bench_pages

pytest_plugins = ["zim_fixtures"]

READING_CORNER = "/etalase/sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas/index.html"
SEEK_TO = 20


@pytest.fixture
def phone(kiwix: str, browser: Any) -> Iterator[tuple[Any, list[str]]]:
    """A phone-size page; the list collects every request kiwix-serve could not answer."""
    context = browser.new_context(viewport=bench_pages.PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    missing: list[str] = []
    page.on("response", lambda r: r.status >= 400 and missing.append(r.url))
    page.on("requestfailed", lambda r: missing.append(r.url))
    yield page, missing
    context.close()


def test_kiwix_home_search_membaca_opens_the_reading_corner_and_its_clip_seeks_to_20_s(
    kiwix: str, demo_zim: DemoZim, phone: tuple[Any, list[str]]
) -> None:
    page, missing = phone
    page.goto(kiwix + "/", wait_until="networkidle")
    page.click(".book__link")  # Kiwix's library lists the ZIM by its title and icon
    page.wait_for_load_state("networkidle")
    assert page.url == f"{kiwix}/etalase/index.html"
    assert "Etalase Sekolah" in page.locator("h1").first.inner_text()

    page.fill("#kiwixsearchbox", "membaca")  # the search bar kiwix-serve puts on every page
    page.press("#kiwixsearchbox", "Enter")
    page.wait_for_load_state("networkidle")
    first = page.locator(".results a").first
    assert first.get_attribute("href") == READING_CORNER
    assert first.inner_text() == "Pojok Baca di Teras Kelas"

    first.click()
    page.wait_for_load_state("networkidle")
    video = page.locator("#etalase-video")
    assert video.get_attribute("poster", timeout=5_000).endswith(".webp")
    video.evaluate("v => v.play()")
    page.wait_for_function(
        "document.getElementById('etalase-video').currentTime > 0.5", timeout=20_000
    )
    assert video.evaluate("v => v.currentSrc").endswith(".webm")  # the offline VP9/Opus clip
    duration = video.evaluate("v => v.duration")
    assert duration >= SEEK_TO + 5  # the demo clips run 31-58 s
    video.evaluate(f"v => {{ v.currentTime = {SEEK_TO}; }}")
    page.wait_for_function(
        f"(() => {{ const v = document.getElementById('etalase-video');"
        f" return !v.seeking && v.currentTime > {SEEK_TO} + 0.3; }})()",
        timeout=20_000,
    )
    assert video.evaluate("v => [v.paused, v.error]") == [False, None]  # playing on
    assert [url for url in missing if "/etalase/" in url] == []

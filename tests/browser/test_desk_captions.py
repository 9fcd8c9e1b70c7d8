"""The desk's caption editor in Debian's Chromium, against a real ``etalase desk`` (#30.3).

A machine draft sits in the project's drafts store as ``etalase captions``
leaves it (its WebVTT and per-cue confidence, named in the manifest); the
published entry's page has no track until a curator checks it. The curator
corrects a cue, marks the captions checked, and the preview the same desk
serves shows the corrected words, labelled "diperiksa".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from phone import bench_desk, bench_pages

from scenarios import record_draft

pytest_plugins = ["browser_fixtures"]

CURATOR = "Bu Sari Kurator"
KEY = "sdn-2-cepu/sudah-terbit"  # published: its captions wait for a person, its text does not


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("meja-takarir")
    clip = bench_desk.make_clip(tmp / "klip")
    root = bench_desk.make_project(tmp / "proyek", clip, waiting=1)
    cues = [(1.0, 4.0, "Selamat pagi semua", 0.9), (5.0, 9.0, "Robot dari kardos", 0.3)]
    record_draft(root, KEY, cues)
    return root


@pytest.fixture(scope="module")
def desk(project: Path) -> Iterator[bench_desk.DeskProcess]:
    with bench_desk.DeskProcess(project, "--as", CURATOR) as process:
        yield process
    assert "Traceback" not in "".join(process.errors), "".join(process.errors)


def _preview(page: Any, desk: bench_desk.DeskProcess, ok: Any) -> str:
    for _ in range(300):
        response = page.request.get(f"{desk.base}/sekolah/{KEY}/")
        text = response.text() if response.status == 200 else ""
        if ok(text):
            return text
        page.wait_for_timeout(300)
    return text


def test_a_curator_corrects_a_draft_checks_it_and_the_page_shows_it(
    browser: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(desk.url, wait_until="load")  # the token becomes the cookie
    assert "<track" not in _preview(page, desk, lambda text: "<video" in text)  # draft: private
    page.goto(f"{desk.base}/_meja/entri/{KEY}/", wait_until="load")
    page.locator("#captions-link").click()
    page.wait_for_url(f"**/_meja/takarir/{KEY}/")
    rows = page.locator("#cue-rows tbody tr")
    assert rows.count() == 2
    assert rows.nth(1).get_attribute("class") == "low"  # confidence 0.3: marked
    assert "kurang yakin" in rows.nth(1).inner_text() and rows.nth(0).get_attribute("class") is None
    page.wait_for_function("document.getElementById('player').readyState >= 1")
    rows.nth(1).get_by_role("button").click()  # a click on a cue plays it from its start
    page.wait_for_function("document.getElementById('player').currentTime >= 5")
    serious = [
        v["id"]
        for v in Axe().run(page).response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
    # A form made before someone else saved is refused (stale version), with the CSRF field.
    csrf = page.locator("input[name=csrf]").input_value()
    stale = page.request.post(
        f"{desk.base}/_meja/takarir/{KEY}/",
        form={"csrf": csrf, "version": "usang", "bahasa": "id", "start_0": "00:00:01.000",
              "end_0": "00:00:02.000", "text_0": "Tidak boleh"},
    )  # fmt: skip
    assert stale.status == 409
    no_csrf = page.request.post(f"{desk.base}/_meja/takarir/{KEY}/", form={"text_0": "x"})
    assert no_csrf.status == 403
    target = project / "content" / "sekolah" / KEY / "video.id.diperiksa.vtt"
    assert not target.exists()
    page.locator("textarea[name=text_1]").fill("Robot dari kardus bekas")
    page.get_by_role("button", name="Tandai sudah diperiksa").click()
    page.wait_for_url("**hasil=ok**")
    written = target.read_text("utf-8")
    assert re.match(r"WEBVTT\n\nNOTE diperiksa oleh Bu Sari Kurator, \d{4}-\d\d-\d\d\n\n", written)
    assert "00:00:05.000 --> 00:00:09.000\nRobot dari kardus bekas\n" in written
    log = [
        json.loads(line)
        for line in (project / "keputusan-kurator.jsonl").read_text("utf-8").splitlines()
    ]
    assert {k: log[-1][k] for k in ("action", "entry", "curator")} == {
        "action": "captions",
        "entry": KEY,
        "curator": CURATOR,
    }
    # The editor opens the checked file from now on.
    assert page.locator("textarea[name=text_1]").input_value() == "Robot dari kardus bekas"
    shown = _preview(page, desk, lambda text: "kardus bekas" in text)
    assert 'label="Indonesia (diperiksa)"' in shown
    assert "Robot dari kardus bekas" in shown and "kardos" not in shown
    assert errors == []
    context.close()


def test_a_regional_language_starts_from_empty_rows(
    browser: Any, desk: bench_desk.DeskProcess
) -> None:
    context = browser.new_context(viewport=bench_pages.PHONE)
    page = context.new_page()
    page.goto(desk.url, wait_until="load")
    page.goto(f"{desk.base}/_meja/takarir/{KEY}/?bahasa=jv", wait_until="load")
    fields = page.locator("textarea").evaluate_all("els => els.map(e => e.value)")
    assert fields and set(fields) == {""}
    assert "tulis sendiri" in page.locator(".note").inner_text()
    context.close()

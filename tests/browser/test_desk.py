"""The curator's desk in Debian's Chromium, against a real ``etalase desk`` process.

One scenario project (git checkout, a shared-folder submission imported by
``etalase ingest``), one desk started with ``--as``, ``--commit`` and
``--drop``. Each decision is made by clicking in the page; afterwards the
entry file differs from before only in the fields the decision sets, the
decision log and git have it, and the preview served by the same process
shows it. The guard is tested from outside too: no token, no CSRF field, a
foreign ``Host`` are refused with 403.
"""

from __future__ import annotations

import difflib
import http.client
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from phone import ARTIFACTS, bench_desk, bench_pages

pytest_plugins = ["browser_fixtures"]

CURATOR = "Bu Sari Kurator"
DROP_SCHOOL = "20312345 SD Negeri 1 Blora"
OWN_REASON = "Wajah murid terlihat tetapi belum ada izin tertulis dari orang tua."


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("meja")
    clip = bench_desk.make_clip(tmp / "klip")
    root = bench_desk.make_project(tmp / "proyek", clip)
    for args in (
        ["init", "-q"],
        ["add", "-A"],
        [
            "-c",
            "user.name=Operator",
            "-c",
            "user.email=op@example.id",
            "commit",
            "-q",
            "-m",
            "Isi awal",
        ],
    ):
        subprocess.run(["git", *args], cwd=root, check=True)
    time.sleep(1.1)  # the shared folder's submission arrives after the last commit
    submission = tmp / "drop" / DROP_SCHOOL / "Kiriman Agustus"
    submission.mkdir(parents=True)
    (submission / "rekaman.mp4").write_bytes(clip.read_bytes())
    (submission / "penjelasan.txt").write_text(
        "Kebun Hidroponik Kelas 5\nIzin: ya\nKategori: kegiatan sekolah\n\n"
        "Murid menanam sawi di pipa bekas.\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(bench_desk.ROOT / "src")}
    ingest = subprocess.run(
        [sys.executable, "-m", "etalase", "ingest", str(tmp / "drop"), "--settle", "0"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    assert ingest.returncode == 0, ingest.stdout + ingest.stderr
    return root


@pytest.fixture(scope="module")
def desk(project: Path) -> Iterator[bench_desk.DeskProcess]:
    drop = project.parent / "drop"
    with bench_desk.DeskProcess(
        project,
        "--as",
        CURATOR,
        "--commit",
        "--drop",
        str(drop),
        env={"GIT_AUTHOR_EMAIL": "kurator@example.id"},
    ) as process:
        yield process
    assert "Traceback" not in "".join(process.errors), "".join(process.errors)


@pytest.fixture
def page(browser: Any, desk: bench_desk.DeskProcess) -> Iterator[Any]:
    context = browser.new_context(
        viewport=bench_pages.PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
    )
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.on("console", lambda m: m.type == "error" and errors.append(m.text))
    tab.on("response", lambda r: r.status >= 400 and errors.append(f"{r.status} {r.url}"))
    tab.goto(desk.url, wait_until="load")  # the token becomes the cookie
    yield tab
    context.close()
    assert errors == []


def _entry(project: Path, key: str) -> Path:
    return project / "content" / "sekolah" / key / "index.md"


def _changed_keys(before: bytes, after: bytes) -> set[str]:
    """The front-matter keys of the lines that differ; every other line is the same."""
    keys: set[str] = set()
    for line in difflib.ndiff(before.decode().splitlines(), after.decode().splitlines()):
        if line[:2] in ("- ", "+ "):
            assert ":" in line, line  # only whole "key: value" lines change
            keys.add(line[2:].split(":", 1)[0])
    return keys


def _log(project: Path) -> list[dict[str, Any]]:
    path = project / "keputusan-kurator.jsonl"
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _last_commit(project: Path) -> str:
    return subprocess.run(
        ["git", "log", "-1", "--format=%an|%s", "--name-only"],
        cwd=project,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def _preview(page: Any, desk: bench_desk.DeskProcess, path: str) -> str:
    other = page.context.new_page()
    response = other.goto(f"{desk.base}/{path}", wait_until="domcontentloaded")
    text = other.content() if response.status == 200 else ""
    other.close()
    return text


def _caught_up(
    page: Any, desk: bench_desk.DeskProcess, path: str, ok: Callable[[str], bool]
) -> str:
    """The preview's page once ``ok`` says it shows the last decision: it rebuilds in the background."""
    deadline = time.monotonic() + 120
    while True:
        text = _preview(page, desk, path)
        if ok(text) or time.monotonic() > deadline:
            return text
        time.sleep(0.2)


def _open(page: Any, desk: bench_desk.DeskProcess, key: str) -> None:
    page.goto(f"{desk.base}/_meja/entri/{key}/", wait_until="load")


def test_the_queue_lists_waiting_entries_newest_first_with_filters(
    page: Any, desk: bench_desk.DeskProcess
) -> None:
    page.goto(f"{desk.base}/_meja/", wait_until="networkidle")
    titles = page.locator(".queue h2").all_inner_texts()
    assert titles[0] == "Kebun Hidroponik Kelas 5"  # imported today: the newest
    assert titles[1:5] == ["Robot Bekas 0", "Robot Bekas 1", "Robot Bekas 2", "Robot Bekas 3"]
    assert "Sudah Terbit" not in titles and "Tanpa Izin" in titles
    row = page.locator(".row", has_text="Kebun Hidroponik")
    assert f"Lewat folder bersama “{DROP_SCHOOL}”" in row.inner_text()
    assert "Web" in row.inner_text() and "MB" in row.inner_text()
    bad = page.locator(".row", has_text="Tanpa Izin").inner_text()
    assert "CONSENT_MISSING" in bad and "tulis 'consent: true'" in bad  # the fix text
    status = page.locator("#f-status option").all_inner_texts()
    assert "Menunggu tinjauan (6)" in status and "Terbit (1)" in status
    page.select_option("#f-district", "Cepu")  # JavaScript submits the filter at once
    page.wait_for_url("**district=Cepu**")
    assert page.locator(".queue h2").all_inner_texts() == ["Robot Bekas 1"]
    page.goto(f"{desk.base}/_meja/", wait_until="networkidle")
    page.screenshot(path=str(_artifact("meja-antrean-360")), full_page=True)


def test_publish_changes_only_the_status_and_the_preview_shows_it(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-1-blora/robot-0"
    before = _entry(project, key).read_bytes()
    assert "menunggu tinjauan" in _preview(page, desk, f"sekolah/{key}/")
    _open(page, desk, key)
    page.screenshot(path=str(_artifact("meja-entri-360")), full_page=True)
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_url("**hasil=**")
    assert "Diterbitkan: Robot Bekas 0." in page.locator(".flash").inner_text()
    assert _changed_keys(before, _entry(project, key).read_bytes()) == {
        "status",
        "published",
    }  # the date the feed orders by (#12.5)
    assert b"status: published" in _entry(project, key).read_bytes()
    last = _log(project)[-1]
    assert (last["action"], last["entry"], last["curator"]) == ("publish", key, CURATOR)
    shown = _caught_up(page, desk, f"sekolah/{key}/", lambda t: "menunggu tinjauan" not in t)
    assert "Robot Bekas 0" in shown and "menunggu tinjauan" not in shown
    commit = _last_commit(project)
    assert commit.startswith(f"{CURATOR}|Meja kurator: publish {key}")
    assert "keputusan-kurator.jsonl" in commit and f"content/sekolah/{key}/index.md" in commit
    assert f"{CURATOR} · Terbitkan" in page.locator(".log").inner_text()


def test_an_entry_with_errors_cannot_be_published_and_says_what_to_fix(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-1-blora/tanpa-izin"
    before = _entry(project, key).read_bytes()
    _open(page, desk, key)
    assert page.get_by_role("button", name="Terbitkan").is_disabled()
    note = page.locator(".cannot").inner_text()
    assert "belum bisa diterbitkan" in note and "consent: true" in note
    # A hand-made POST (the button is disabled) is refused by the same check as `etalase publish`.
    csrf = page.locator("input[name=csrf]").first.get_attribute("value")
    version = page.locator("input[name=version]").first.get_attribute("value")
    page.evaluate(
        """([key, csrf, version]) => { const f = document.createElement('form');
        f.method = 'post'; f.action = `/_meja/entri/${key}/terbitkan`;
        f.innerHTML = `<input name=csrf value="${csrf}"><input name=version value="${version}">`;
        document.body.append(f); f.submit(); }""",
        [key, csrf, version],
    )
    page.wait_for_url("**hasil=**")
    assert "ENTRY_HAS_ERRORS" in page.locator(".flash").inner_text()
    assert _entry(project, key).read_bytes() == before


def test_reject_without_a_reason_is_refused_with_or_without_javascript(
    browser: Any, page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-3-jepon/robot-2"
    before = _entry(project, key).read_bytes()
    _open(page, desk, key)
    page.get_by_role("button", name="Tolak").click()  # the script stops it in the page
    assert page.url.endswith(f"/_meja/entri/{key}/")
    context = browser.new_context(java_script_enabled=False, viewport=bench_pages.PHONE)
    plain = context.new_page()
    plain.goto(desk.url, wait_until="load")
    plain.goto(f"{desk.base}/_meja/entri/{key}/", wait_until="load")
    plain.get_by_role("button", name="Tolak").click()
    plain.wait_for_url("**hasil=**")
    assert "REJECT_REASON_MISSING" in plain.locator(".flash").inner_text()
    context.close()
    assert _entry(project, key).read_bytes() == before


def test_reject_with_a_reason_reaches_the_schools_report_but_never_the_site(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = next(
        p.parent.relative_to(project / "content/sekolah").as_posix()
        for p in (project / "content/sekolah").glob("*/*/.etalase-asal.json")
    )
    before = _entry(project, key).read_bytes()
    _open(page, desk, key)
    page.fill("#reason_own", OWN_REASON)
    page.get_by_role("button", name="Tolak").click()
    page.wait_for_url("**hasil=**")
    assert "Laporan sekolah di folder bersama diperbarui." in page.locator(".flash").inner_text()
    assert _changed_keys(before, _entry(project, key).read_bytes()) == {"status", "review_note"}
    assert _log(project)[-1] == {
        **_log(project)[-1],
        "action": "reject",
        "entry": key,
        "reason": OWN_REASON,
    }
    report = (project.parent / "drop" / DROP_SCHOOL / "LAPORAN-ETALASE.txt").read_text("utf-8-sig")
    assert "[DITOLAK KURATOR] Kiriman Agustus/" in report
    assert f"Alasan kurator: {OWN_REASON}" in report
    shown = _caught_up(page, desk, f"sekolah/{key}/", lambda t: "ditolak" in t)
    assert "ditolak" in shown and OWN_REASON not in shown
    assert OWN_REASON in page.locator(".log").inner_text()
    env = {**os.environ, "PYTHONPATH": str(bench_desk.ROOT / "src")}
    built = subprocess.run(
        [sys.executable, "-m", "etalase", "build"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    for path in (project / "site").rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".txt", ".js"):
            assert OWN_REASON not in path.read_text("utf-8", errors="replace"), path


def test_a_listed_reason_rejects_and_back_to_review_removes_the_note(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-1-blora/robot-3"
    before = _entry(project, key).read_bytes()
    _open(page, desk, key)
    page.select_option("#reason", "Suara tidak terdengar jelas.")
    page.get_by_role("button", name="Tolak").click()
    page.wait_for_url("**hasil=**")
    assert b'review_note: "Suara tidak terdengar jelas."' in _entry(project, key).read_bytes()
    page.get_by_role("button", name="Kembalikan ke tinjauan").click()
    page.wait_for_url("**hasil=**")
    assert _entry(project, key).read_bytes() == before  # status back, the note gone
    assert [d["action"] for d in _log(project) if d["entry"] == key] == ["reject", "review"]
    shown = _caught_up(page, desk, f"sekolah/{key}/", lambda t: "menunggu tinjauan" in t)
    assert "menunggu tinjauan" in shown


def test_feature_and_stop_featuring_a_published_entry(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-2-cepu/sudah-terbit"
    before = _entry(project, key).read_bytes()
    _open(page, desk, key)
    page.get_by_role("button", name="Unggulkan").click()
    page.wait_for_url("**hasil=**")
    assert _changed_keys(before, _entry(project, key).read_bytes()) == {"featured"}
    home = _caught_up(page, desk, "", lambda t: "<h2>Pilihan</h2>" in t)
    assert "<h2>Pilihan</h2>" in home  # the site's word for featured
    assert "Sudah Terbit" in home.split("<h2>Pilihan</h2>", 1)[1].split("<h2>", 1)[0]
    page.get_by_role("button", name="Batal unggulan").click()
    page.wait_for_url("**hasil=**")
    assert _entry(project, key).read_bytes() == before
    assert [d["action"] for d in _log(project) if d["entry"] == key] == ["feature", "unfeature"]
    assert "<h2>Pilihan</h2>" not in _caught_up(page, desk, "", lambda t: "Pilihan" not in t)


def test_pick_a_poster_frame_from_the_paused_player(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-2-cepu/robot-1"
    before = _entry(project, key).read_bytes()
    _open(page, desk, key)
    poster_url = desk.base + page.locator("#poster").get_attribute("src").split("?")[0]
    old_poster = page.request.get(poster_url).body()
    assert old_poster[:2] == b"\xff\xd8"  # a JPEG
    site_poster = (
        f"{desk.base}/sekolah/{key}/{sorted(_posters(_preview(page, desk, f'sekolah/{key}/')))[0]}"
    )
    old_site_poster = page.request.get(site_poster).body()
    page.evaluate("""() => new Promise(done => { const v = document.getElementById('player');
        v.muted = true; v.addEventListener('seeked', () => { v.pause(); done(); }, {once: true});
        v.currentTime = 17.5; })""")
    page.wait_for_function("document.getElementById('poster_time').value === '17.5'")
    page.get_by_role("button", name="Jadikan poster").click()
    page.wait_for_url("**hasil=**")
    assert _changed_keys(before, _entry(project, key).read_bytes()) == {"poster_time"}
    assert b"poster_time: 17.5\n" in _entry(project, key).read_bytes()
    assert _log(project)[-1]["poster_time"] == 17.5
    deadline = time.monotonic() + 120  # remade by the preview's build, in the background
    while page.request.get(poster_url).body() == old_poster:
        assert time.monotonic() < deadline, "the poster was never remade"
        time.sleep(0.2)
    page.reload(wait_until="load")
    assert page.locator("#poster").evaluate("img => img.complete && img.naturalWidth > 0")
    new_site_poster = page.request.get(site_poster).body()
    assert new_site_poster[:2] == b"\xff\xd8" and new_site_poster != old_site_poster  # the preview


def _posters(html: str) -> set[str]:
    import re

    return set(re.findall(r"poster-\d+\.jpg", html))


def test_no_serious_accessibility_violations_at_phone_size(
    page: Any, desk: bench_desk.DeskProcess
) -> None:
    for path in (
        "_meja/",
        "_meja/entri/sdn-1-blora/tanpa-izin/",
        "_meja/entri/sdn-2-cepu/robot-1/",
    ):
        page.goto(f"{desk.base}/{path}", wait_until="networkidle")
        results = Axe().run(page)
        serious = [
            v["id"]
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert serious == [], (path, serious)


def _request(
    desk: bench_desk.DeskProcess,
    method: str,
    path: str,
    *,
    host: str | None = None,
    cookie: str | None = None,
    body: str | None = None,
) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", desk.port, timeout=30)
    headers = {"Host": host or f"127.0.0.1:{desk.port}"}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    conn.request(method, path, body=body, headers=headers)
    status = conn.getresponse().status
    conn.close()
    return status


def test_no_token_no_csrf_field_or_a_foreign_host_are_refused(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-1-blora/robot-3"
    before = _entry(project, key).read_bytes()
    assert _request(desk, "GET", "/_meja/") == 403
    assert _request(desk, "GET", "/") == 403  # the preview too
    assert (
        _request(desk, "GET", f"/_meja/?token={desk.token}", host=f"rebind.example:{desk.port}")
        == 403
    )
    cookie = next(c for c in page.context.cookies() if c["name"] == "etalase_meja")
    jar = f"etalase_meja={cookie['value']}"
    assert _request(desk, "GET", "/_meja/", cookie=jar) == 200
    assert _request(desk, "GET", "/_meja/", cookie=jar, host=f"evil.example:{desk.port}") == 403
    assert _request(desk, "POST", f"/_meja/entri/{key}/terbitkan", cookie=jar, body="") == 403
    assert (
        _request(desk, "POST", f"/_meja/entri/{key}/terbitkan", cookie=jar, body="csrf=tebakan")
        == 403
    )
    assert _request(desk, "POST", f"/_meja/entri/{key}/terbitkan", body="csrf=x") == 403
    assert _request(desk, "GET", "/_meja/entri/..%2F..%2Fetc/passwd/", cookie=jar) == 404
    assert _entry(project, key).read_bytes() == before


def test_a_network_address_without_a_password_does_not_start(project: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(bench_desk.ROOT / "src")}
    env.pop("ETALASE_DESK_PASSWORD", None)
    done = subprocess.run(
        [sys.executable, "-m", "etalase", "desk", "--bind", "192.0.2.1"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "ETALASE_DESK_PASSWORD" in done.stderr
    everywhere = subprocess.run(
        [sys.executable, "-m", "etalase", "desk", "--bind", "0.0.0.0"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert everywhere.returncode == 2 and "0.0.0.0" in everywhere.stderr


def _artifact(name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / f"{name}.png"


def test_an_edit_outside_the_desk_shows_after_reload(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    index = _entry(project, "sdn-3-jepon/robot-2")
    before = index.read_bytes()
    index.write_bytes(before.replace(b"title: Robot Bekas 2", b"title: Robot Kardus Jepon"))
    try:
        page.goto(f"{desk.base}/_meja/", wait_until="load")
        assert "Robot Kardus Jepon" not in page.locator(".queue").inner_text()
        page.get_by_role("button", name="Muat ulang dari berkas").click()
        page.wait_for_load_state("load")
        assert "Robot Kardus Jepon" in page.locator(".queue").inner_text()
        assert "Robot Kardus Jepon" in _preview(page, desk, "sekolah/sdn-3-jepon/robot-2/")
    finally:
        index.write_bytes(before)


def test_each_browser_decides_under_the_name_it_gave(
    page: Any, desk: bench_desk.DeskProcess, project: Path
) -> None:
    key = "sdn-3-jepon/ditolak"
    _open(page, desk, key)
    assert CURATOR in page.locator("#who-hint").inner_text()  # the desk's name until then
    page.fill("#who", "Pak Budi Kurator")
    page.get_by_role("button", name="Simpan nama").click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/_meja/entri/{key}/")
    page.goto(f"{desk.base}/_meja/", wait_until="load")
    _open(page, desk, key)
    assert page.locator("#who").input_value() == "Pak Budi Kurator"  # remembered
    page.get_by_role("button", name="Kembalikan ke tinjauan").click()
    page.wait_for_url("**hasil=**")
    assert (_log(project)[-1]["curator"], _log(project)[-1]["entry"]) == ("Pak Budi Kurator", key)
    assert "Pak Budi Kurator · Kembalikan ke tinjauan" in page.locator(".log").inner_text()
    assert _last_commit(project).startswith(f"Pak Budi Kurator|Meja kurator: review {key}")


def test_the_desk_speaks_english_with_lang_en(browser: Any, project: Path) -> None:
    with bench_desk.DeskProcess(project, "--lang", "en", "--as", CURATOR) as english:
        assert "The curator's desk is ready" in "".join(english.output)
        context = browser.new_context(viewport=bench_pages.PHONE)
        tab = context.new_page()
        tab.goto(english.url, wait_until="load")
        assert tab.locator("html").get_attribute("lang") == "en"
        assert tab.locator("h1").inner_text().startswith("Queue")
        tab.goto(f"{english.base}/_meja/entri/sdn-1-blora/tanpa-izin/", wait_until="load")
        assert "cannot be published while it has errors" in tab.locator(".cannot").inner_text()
        assert tab.get_by_role("button", name="Publish").is_disabled()
        context.close()

"""`etalase stats import` on a real nginx's access log: exact counts, nothing personal kept.

A small project is built, its site served by nginx (the deploy tests' server, with the
site under a base path as on an office's host), and visited: pages, ranged video
requests, a bot, curl, and `etalase deploy`'s own check; then malformed and hostile
lines are appended. The import must count exactly, keep no address or user agent in
any file the project holds, count nothing twice, and read a rotated, gzipped log.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import logging
import os
import re
import shutil
import signal
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from etalase.cli import main
from etalase.deploy.verify import verify_site
from etalase.stats.counter import CHECK_AGENT

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "deploy"))
from servers import nginx

from innovation_scenario import innovation_text, write_innovation

ENTRY = (
    '---\ntitle: "{title}"\ndate: 2026-08-14\ncategory: kreativitas-siswa\n'
    "video: video.mp4\nconsent: true\nstatus: published\n---\nMurid merakit robot.\n"
)
YML = """\
site_name: Etalase Uji
site_url: https://dinas.example.id/etalase/
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - etalase:
      districts: [Blora]
      duration_min: 1
"""
BASE = "/etalase/"
PHONE_A = "Mozilla/5.0 (Linux; Android 13; EtalaseUjiA) AppleWebKit/537.36 Mobile Safari/537.36"
PHONE_B = "Mozilla/5.0 (Linux; Android 11; EtalaseUjiB) AppleWebKit/537.36 Mobile Safari/537.36"
PHONE_C = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0; EtalaseUjiC) Mobile/15E148"
BOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
CURL = "curl/8.5.0"


@dataclass
class Site:
    root: Path
    pages: Path  # what nginx serves
    log: Path
    port: int
    pid_file: Path

    def get(self, path: str, agent: str, method: str = "GET", **headers: str) -> int:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, headers={"User-Agent": agent, **headers})
            response = conn.getresponse()
            response.read()
            return response.status
        finally:
            conn.close()

    def import_logs(self, *logs: Path, capsys: pytest.CaptureFixture[str]) -> str:
        capsys.readouterr()
        previous = Path.cwd()
        os.chdir(self.root)
        try:
            assert main(["stats", "import", *map(str, logs)]) == 0
        finally:
            os.chdir(previous)
        return capsys.readouterr().out

    def totals(self) -> dict[str, object]:
        data: dict[str, object] = json.loads((self.root / "stats/kunjungan.json").read_text())
        return data

    def wait_logged(self, lines: int) -> None:
        """nginx writes a line when a response is done; wait until all are there."""
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.log.exists() and self.log.read_bytes().count(b"\n") >= lines:
                return
            time.sleep(0.05)
        raise AssertionError(f"nginx logged fewer than {lines} lines")


def make_project(root: Path, clips: dict[str, Path]) -> Path:
    school = root / "content" / "sekolah" / "sdn-1"
    school.mkdir(parents=True)
    (root / "content" / "index.md").write_text("---\ntitle: Beranda\n---\n# Uji\n")
    (school / "index.md").write_text(
        '---\nname: SD Satu\nnpsn: "20312345"\nlevel: SD\ndistrict: Blora\n---\nSekolah.\n'
    )
    for slug in ("robot", "tari"):
        folder = school / slug
        folder.mkdir()
        shutil.copyfile(clips["ok"], folder / "video.mp4")
        (folder / "index.md").write_text(ENTRY.format(title=slug.title()))
    text = innovation_text({"schools": "[sdn-1]", "evidence": "[sdn-1/robot]"})
    write_innovation(root / "content", "sahabat", text)
    (root / "mkdocs.yml").write_text(YML)
    return root


def build(root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    previous = Path.cwd()
    os.chdir(root)
    try:
        assert main(["build"]) == 0, capsys.readouterr().out
    finally:
        os.chdir(previous)


def publish(site: Site) -> None:
    """The built site under the base path, as the office's host serves it."""
    shutil.rmtree(site.pages / "etalase", ignore_errors=True)
    shutil.copytree(site.root / "site", site.pages / "etalase")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]) -> Iterator[Site]:
    base = tmp_path_factory.mktemp("stats")
    root = make_project(base / "project", clips)
    capture = pytest.CaptureFixture  # builds print; the module fixture has no capsys
    del capture
    previous = Path.cwd()
    os.chdir(root)
    try:
        assert main(["build"]) == 0
    finally:
        os.chdir(previous)
    with nginx(base / "nginx", base / "pages", base / "media") as web:
        port = int(web.pages_url.rsplit(":", 1)[1].strip("/"))
        site = Site(
            root, base / "pages", base / "nginx" / "access.log", port, base / "nginx" / "nginx.pid"
        )
        publish(site)
        yield site


def visit(site: Site) -> int:
    """The visits of the test; the number of log lines they make."""
    entry = f"{BASE}sekolah/sdn-1/robot/"
    requests = [
        (f"{BASE}", PHONE_A, "GET", {}, 200),
        (entry, PHONE_A, "GET", {}, 200),
        (f"{entry}index.html?utm_source=wa", PHONE_A, "GET", {}, 200),
        (f"{entry}video-web.mp4", PHONE_A, "GET", {"Range": "bytes=0-1023"}, 206),
        (f"{entry}video-web.mp4", PHONE_A, "GET", {"Range": "bytes=1024-4095"}, 206),
        (f"{entry}video-hemat.mp4", PHONE_A, "GET", {"Range": "bytes=0-"}, 206),
        (f"{entry}video-hemat.mp4", PHONE_B, "GET", {}, 200),
        (f"{BASE}sekolah/sdn-1/", PHONE_B, "GET", {}, 200),
        (f"{BASE}sekolah/sdn-1/tari/", PHONE_B, "HEAD", {}, 200),
        (f"{BASE}sekolah/sdn-1/nope/", PHONE_B, "GET", {}, 404),
        (f"{BASE}inovasi/sahabat/", PHONE_B, "GET", {}, 200),
        (f"{BASE}statistik/", PHONE_B, "GET", {}, 200),
        (entry, BOT, "GET", {}, 200),
        (f"{entry}video-web.mp4", CURL, "GET", {"Range": "bytes=0-99"}, 206),
    ]
    for path, agent, method, headers, status in requests:
        assert site.get(path, agent, method, **headers) == status, path
    # A page the phone has cached: 304 Not Modified is a view too (nginx: exact date).
    page = site.pages / "etalase" / "sekolah" / "sdn-1" / "tari" / "index.html"
    stamp = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(int(page.stat().st_mtime)))
    tari = f"{BASE}sekolah/sdn-1/tari/"
    assert site.get(tari, PHONE_B, **{"If-Modified-Since": stamp}) == 304
    # The office's own check after a deploy, as `etalase deploy` runs it.
    fetched = verify_site(f"http://127.0.0.1:{site.port}{BASE}", site.pages / "etalase")
    assert len(fetched) >= 4 and all(f.ok for f in fetched), fetched
    return len(requests) + 1 + len(fetched)


def today() -> str:
    return time.strftime("%d/%b/%Y", time.localtime())


def hostile(day: str) -> tuple[list[bytes], list[bytes]]:
    """Lines that are not log lines, and log lines that are hostile (dated ``day``)."""
    stamp = day.encode()
    unreadable = [
        b"this is not a log line\n",
        b"127.0.0.1 - - [" + b"A" * 20_000 + b'] "GET / HTTP/1.1" 200 1 "-" "x"\n',
        b"\xff\xfe\x00\x01\x80 binary \x00 junk\n",
        b'127.0.0.1 - - [99/Foo/2026:10:00:00 +0000] "GET /etalase/ HTTP/1.1" 200 5 "-" "Mozilla"\n',
    ]
    readable = [
        # Leaves the site's folders: never a page of the catalogue.
        b"10.9.8.7 - - [" + stamp + b':10:00:00 +0000] "GET /etalase/sekolah/../../etc/passwd '
        b'HTTP/1.1" 200 5 "-" "Mozilla/5.0 EtalaseUjiX"\n',
        # Script in the referrer and the agent: a view, kept as nothing but a count.
        b"10.9.8.7 - - [" + stamp + b':10:00:01 +0000] "GET /etalase/sekolah/sdn-1/tari/ '
        b'HTTP/1.1" 200 5 "<script>alert(1)</script>" "Mozilla/5.0 <b>EtalaseUjiX</b>"\n',
    ]
    return unreadable, readable


@dataclass
class Imported:
    out: str
    lines: int  # log lines nginx wrote for the visits
    month: str
    started: float  # when the import began: every file written since is the project's


@pytest.fixture(scope="module")
def imported(served: Site) -> Imported:
    """The visits made and their log imported once (with the hostile lines appended)."""
    site = served
    lines = visit(site)
    site.wait_logged(lines)
    unreadable, readable = hostile(today())
    with site.log.open("ab") as log:
        log.writelines(unreadable + readable)
        # nginx still writing its last line: no newline yet.
        log.write(
            b"127.0.0.1 - - [" + today().encode() + b':10:00:02 +0000] "GET /etalase/ HTTP/1.1" 200'
        )
    started = time.time()
    previous = Path.cwd()
    os.chdir(site.root)
    try:
        import contextlib
        import io

        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["stats", "import", str(site.log)]) == 0
    finally:
        os.chdir(previous)
    return Imported(out.getvalue(), lines, time.strftime("%Y-%m", time.localtime()), started)


SECRETS = (b"127.0.0.1", b"10.9.8.7", b"EtalaseUji", b"Googlebot", b"curl/", b"alert(1)")


def assert_nobody_named(root: Path, since: float) -> None:
    """No file of the project written since ``since`` holds an address or a user agent.

    The theme's own files (``site/assets/``: Material's source map names 127.0.0.1) are
    copied as they are and left out, and so is a replaced site still being deleted.
    """
    left_out = {root / "site" / "assets", root / ".site.old"}  # the old site: being deleted
    written = []
    for base, folders, names in os.walk(root):  # a folder gone meanwhile is passed over
        folders[:] = [f for f in folders if Path(base, f) not in left_out]
        for name in names:
            path = Path(base, name)
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_mtime >= since - 1:
                    written.append(path)
    assert written
    for path in written:
        data = path.read_bytes()
        assert not [s for s in SECRETS if s in data], path


def test_a_real_nginx_log_is_counted_exactly_and_nothing_personal_is_kept(
    served: Site, imported: Imported, capsys: pytest.CaptureFixture[str]
) -> None:
    site, month, out = served, imported.month, imported.out
    totals = site.totals()
    assert totals["entries"] == {
        "sdn-1/robot": {month: {"plays": 2, "views": 2}},
        "sdn-1/tari": {month: {"views": 2}},
    }
    assert totals["schools"] == {"sdn-1": {month: {"views": 1}}}
    assert totals["innovations"] == {"sahabat": {month: {"views": 1}}}
    assert totals["site"] == {month: {"views": 8}}
    bots = 2 + (imported.lines - 15)  # Googlebot, curl and every fetch of the deploy check
    assert (
        f"Halaman dilihat: 8; video diputar: 2; bot dan pemeriksaan kantor dilewati: {bots};" in out
    )
    assert "4 baris bukan baris log" in out, out
    # The last line has no newline yet: it is left for the next import.
    (mark,) = totals["imported"].values()  # type: ignore[attr-defined]
    assert mark["lines"] == imported.lines + 6
    assert mark["bytes"] == len(site.log.read_bytes().rsplit(b"\n", 1)[0]) + 1
    # Nothing the project holds names a visitor: no address, no user agent.
    assert CHECK_AGENT.encode() in site.log.read_bytes()
    assert (site.root / "stats/kunjungan.json").stat().st_mtime >= imported.started - 1
    assert_nobody_named(site.root, imported.started)

    # Imported again: nothing counted twice, the file unchanged to the byte.
    before = (site.root / "stats/kunjungan.json").read_bytes()
    again = site.import_logs(site.log, capsys=capsys)
    assert "sudah pernah diimpor; 0 baris baru dibaca" in again, again
    assert (site.root / "stats/kunjungan.json").read_bytes() == before

    # The last line is finished, the log grows, is rotated and compressed (logrotate),
    # and a new one begins.
    with site.log.open("ab") as log:
        log.write(b' 5 "-" "Mozilla/5.0 EtalaseUjiC"\n')
    assert site.get(f"{BASE}sekolah/sdn-1/robot/", PHONE_C) == 200
    site.wait_logged(imported.lines + 6 + 2)
    rotated = site.log.with_name("access.log.1")
    site.log.rename(rotated)
    os.kill(int(site.pid_file.read_text()), signal.SIGUSR1)  # nginx reopens its log
    deadline = time.monotonic() + 10
    while not site.log.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert site.get(f"{BASE}sekolah/sdn-1/tari/", PHONE_C) == 200
    assert site.get(f"{BASE}sekolah/sdn-1/tari/video-web.mp4", PHONE_C, Range="bytes=0-9") == 206
    site.wait_logged(2)
    packed = rotated.with_name("access.log.2.gz")
    packed.write_bytes(gzip.compress(rotated.read_bytes()))
    rotated.unlink()
    out = site.import_logs(site.log, packed, capsys=capsys)
    assert "access.log.2.gz: sudah pernah diimpor; 2 baris baru dibaca" in out, out
    totals = site.totals()
    assert totals["entries"] == {
        "sdn-1/robot": {month: {"plays": 2, "views": 3}},
        "sdn-1/tari": {month: {"plays": 1, "views": 3}},
    }
    assert totals["site"] == {month: {"views": 11}}
    assert "baris bukan baris log" not in out, out
    before = (site.root / "stats/kunjungan.json").read_bytes()
    site.import_logs(packed, site.log, capsys=capsys)
    assert (site.root / "stats/kunjungan.json").read_bytes() == before


def test_the_pages_show_the_reach_as_charts_that_render(
    served: Site, imported: Imported, browser: object, capsys: pytest.CaptureFixture[str]
) -> None:
    site = served
    started = time.time()
    build(site.root, capsys)
    publish(site)
    totals = site.totals()

    def views(table: str, key: str, what: str = "views") -> int:
        months = totals[table].get(key, {})  # type: ignore[attr-defined]
        return sum(row.get(what, 0) for row in months.values())

    entries = ("sdn-1/robot", "sdn-1/tari")
    school_views = views("schools", "sdn-1") + sum(views("entries", k) for k in entries)
    plays = sum(views("entries", k, "plays") for k in entries)
    assert school_views >= 5 and plays >= 2  # the import's own counts, at least
    out = site.root / "site"
    school = (out / "sekolah/sdn-1/index.html").read_text()
    assert (
        f"Halaman sekolah ini dan videonya dilihat {school_views} kali; videonya diputar "
        f"{plays} kali." in school
    )
    innovation = (out / "inovasi/sahabat/index.html").read_text()
    assert f"Halaman inovasi ini dilihat {views('innovations', 'sahabat')} kali." in innovation
    stats_page = out / "statistik/index.html"
    html = stats_page.read_text()
    svgs = re.findall(r'<svg class="etalase-svg".*?</svg>', html, re.S)
    titles = [re.search(r"<title [^>]*>([^<]+)</title>", svg).group(1) for svg in svgs]  # type: ignore[union-attr]
    assert titles == [
        "Halaman dilihat per bulan",
        "Video diputar per bulan",
        "Video yang paling sering dilihat",
        "Video terbit per bulan",
        "Sekolah yang mengirim per bulan",
        "Cakupan sekolah dari waktu ke waktu",
    ]
    assert all("<desc " in svg and "<script" not in svg for svg in svgs)
    # The numbers are on the page as a table too (a screen reader, a text browser).
    assert f'<th scope="row">Robot (SD Satu)</th><td>{views("entries", "sdn-1/robot")}</td>' in html
    assert len(gzip.compress(stats_page.read_bytes())) <= 150_000
    assert_nobody_named(site.root, started)

    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"http://127.0.0.1:{site.port}{BASE}statistik/", wait_until="load")
    boxes = page.eval_on_selector_all(
        "svg.etalase-svg",
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.width, r.height, e.querySelectorAll('rect, polyline').length]; })",
    )
    violations = Axe().run(page).response["violations"]
    context.close()
    # Material's own footer, restyled by the demo's overrides/ that this bare project lacks.
    theme = [[".md-copyright"]]
    serious = [
        (v["id"], [n["target"] for n in v["nodes"]][:4])
        for v in violations
        if v["impact"] in ("serious", "critical") and [n["target"] for n in v["nodes"]] != theme
    ]
    assert serious == []
    assert len(boxes) == 6
    assert all(w > 100 and h > 20 and shapes > 0 for w, h, shapes in boxes), boxes
    assert not errors, errors

    # The folder edition (a USB stick, opened from file://) draws the same charts.
    card = site.root.parent / "kartu"
    config = str(site.root / "mkdocs.yml")
    assert main(["offline", "--folder", "-f", config, "-o", str(card)]) == 0
    context = browser.new_context(viewport={"width": 360, "height": 740})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((card / "statistik" / "index.html").as_uri(), wait_until="load")
    offline = page.eval_on_selector_all(
        "svg.etalase-svg", "els => els.map(e => e.getBoundingClientRect().height)"
    )
    context.close()
    assert len(offline) == 6 and all(h > 20 for h in offline), offline


def test_deploy_fetches_the_host_s_logs_with_rclone_and_imports_only_new_lines(
    served: Site, imported: Imported, capsys: pytest.CaptureFixture[str]
) -> None:
    site = served
    host = site.root.parent / "host-logs"  # the office's host as rclone reaches it
    host.mkdir()
    for log in site.log.parent.glob("access.log*"):
        shutil.copyfile(log, host / log.name)
    (host / "error.log").write_text("not fetched\n")
    # Run alone, the log still ends in the line nginx was writing: it is finished first.
    unfinished = not (host / "access.log").read_bytes().endswith(b"\n")
    with (host / "access.log").open("ab") as log:
        if unfinished:
            log.write(b' 5 "-" "Mozilla/5.0 EtalaseUjiC"\n')
        log.write(
            b"10.1.2.3 - - [" + today().encode() + b':11:00:00 +0000] "GET /etalase/sekolah/'
            b'sdn-1/tari/ HTTP/1.1" 200 5 "-" "Mozilla/5.0 EtalaseUjiD"\n'
        )
    before = site.totals()
    config = site.root / "mkdocs.yml"
    plain = config.read_text()
    config.write_text(plain + f"      deploy:\n        logs: {host}\n")
    previous = Path.cwd()
    os.chdir(site.root)
    try:
        capsys.readouterr()
        assert main(["deploy", "--fetch-logs"]) == 0
        out = capsys.readouterr().out
    finally:
        os.chdir(previous)
        config.write_text(plain)
    logs = sorted(p.name for p in host.glob("access.log*"))
    fetched = re.search(rf"^{len(logs)} berkas log diambil dari \S+ ke (\S+)\.$", out, re.M)
    assert fetched, out
    assert sorted(p.name for p in (site.root / fetched.group(1)).iterdir()) == logs
    after = site.totals()
    month = imported.month
    tari = after["entries"]["sdn-1/tari"][month]  # type: ignore[index]
    assert tari["views"] == before["entries"]["sdn-1/tari"][month]["views"] + 1  # type: ignore[index]
    site_views = after["site"][month]["views"]  # type: ignore[index]
    assert site_views == before["site"][month]["views"] + 1 + unfinished  # type: ignore[index]
    assert b"10.1.2.3" not in (site.root / "stats/kunjungan.json").read_bytes()


def test_a_damaged_totals_file_never_stops_a_build(
    served: Site, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    site = served
    totals = site.root / "stats" / "kunjungan.json"
    kept = totals.read_bytes() if totals.exists() else None
    totals.parent.mkdir(exist_ok=True)
    totals.write_text('<<<<<<< HEAD\n{"format": 1}\n=======\n{}\n>>>>>>> kantor\n')
    try:
        with caplog.at_level(logging.INFO):
            build(site.root, capsys)
    finally:
        if kept is None:
            totals.unlink()
        else:
            totals.write_bytes(kept)
    said = caplog.text
    assert "STATS_DAMAGED" in said and "stats/kunjungan.json" in said, said
    school = (site.root / "site/sekolah/sdn-1/index.html").read_text()
    assert "etalase-reach" not in school

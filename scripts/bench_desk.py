#!/usr/bin/env python3
"""The curator's desk under load: the queue page with 500 waiting entries, and a publish round trip.

Makes a scenario project in a temporary folder (one tiny real clip made by
ffmpeg, copied into every entry, so the media cache makes its renditions
once), starts a real ``etalase desk`` process on 127.0.0.1, and measures in
Debian's Chromium through Playwright:

* the queue page (``/_meja/``): time to first byte and the bytes transferred
  until the network is idle, at phone size;
* a publish round trip: from the click on *Terbitkan* until the entry's page
  in the preview no longer carries the "waiting for review" banner.

Runs are taken in turns and the medians are written to the "Curator's desk"
section of ``BENCHMARKS.md`` (other sections are kept).

With ``--reflected 1000,10000`` it measures instead, on ``bench_site.py``'s
generated catalogue, how long a decision takes to show: in the desk's answer,
its queue, the entry's desk page and the preview (its own section).

Usage: python scripts/bench_desk.py [--entries 500] [--runs 3] [--no-write]
       python scripts/bench_desk.py --reflected 1000,10000 [--runs 3] [--label after]
           [--etalase-src DIR] [--rows FILE]

The browser tests import :func:`make_project` and :class:`DeskProcess` from here.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import bench_pages  # noqa: E402

SECTION = "## Curator's desk (`scripts/bench_desk.py`)"
PYTHON = sys.executable

MKDOCS_YML = """\
site_name: Etalase Meja
site_url: https://etalase.example.id/
docs_dir: content
theme:
  name: material
  language: {language}
  font: false
plugins:
  - etalase:
      districts: [Blora, Cepu, Jepon]
      reject_reasons:
        - Suara tidak terdengar jelas.
        - Izin orang tua belum ada.
"""
SCHOOL = """\
---
name: {name}
npsn: "{npsn}"
level: SD
district: {district}
---
Sekolah di tepi hutan jati.
"""
ENTRY = """\
---
# Ditulis oleh operator sekolah.
title: {title}
date: {date}
category: {category}
video: video.mp4
tags: [robotik]
consent: true
status: {status}
---
Murid merakit **robot** dari barang bekas. <script>alert('x')</script>
"""


def make_clip(folder: Path, seconds: float = 32) -> Path:
    """A tiny real clip (picture and sound) made by ffmpeg's lavfi sources."""
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / "klip.mp4"
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=s=160x120:r=10:d={seconds}",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=440:d={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(out),
        ],
        check=True,
    )
    return out


def make_project(root: Path, clip: Path, *, waiting: int = 4, language: str = "id") -> Path:
    """A project with three schools and ``waiting`` entries in review, plus a few others.

    Returns the project folder. Entry ``sdn-1-blora/robot-0`` is the newest waiting one;
    ``sdn-1-blora/terlalu-pendek`` has an error (no consent) and cannot be published.
    """
    content = root / "content"
    (content / "sekolah").mkdir(parents=True)
    (content / "index.md").write_text("---\ntitle: Beranda\n---\n# Etalase\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language), encoding="utf-8")
    schools = [
        ("sdn-1-blora", "SD Negeri 1 Blora", "20312345", "Blora"),
        ("sdn-2-cepu", "SD Negeri 2 Cepu", "20312346", "Cepu"),
        ("sdn-3-jepon", "SD Negeri 3 Jepon", "20312347", "Jepon"),
    ]
    for slug, name, npsn, district in schools:
        (content / "sekolah" / slug).mkdir()
        (content / "sekolah" / slug / "index.md").write_text(
            SCHOOL.format(name=name, npsn=npsn, district=district), encoding="utf-8"
        )
    categories = ["kreativitas-siswa", "inovasi-pembelajaran", "kegiatan-sekolah"]

    def entry(school: str, slug: str, title: str, status: str, n: int, text: str = ENTRY) -> None:
        folder = content / "sekolah" / school / slug
        folder.mkdir()
        os.link(clip, folder / "video.mp4") if _same_device(clip, folder) else shutil.copyfile(
            clip, folder / "video.mp4"
        )
        body = text.format(
            title=title,
            date=f"2026-{1 + n % 9:02d}-{1 + n % 27:02d}",
            category=categories[n % 3],
            status=status,
        )
        (folder / "index.md").write_bytes(body.encode("utf-8"))
        stamp = time.time() - 60 * n  # robot-0 is the newest
        os.utime(folder / "index.md", (stamp, stamp))

    for n in range(waiting):
        school = schools[n % 3][0] if n else "sdn-1-blora"
        entry(school, f"robot-{n}", f"Robot Bekas {n}", "review", n)
    entry("sdn-2-cepu", "sudah-terbit", "Sudah Terbit", "published", waiting + 1)
    entry("sdn-3-jepon", "ditolak", "Pernah Ditolak", "rejected", waiting + 2)
    entry(
        "sdn-1-blora",
        "tanpa-izin",
        "Tanpa Izin",
        "review",
        waiting + 3,
        ENTRY.replace("consent: true", "consent: false"),
    )
    return root


def _same_device(a: Path, folder: Path) -> bool:
    return os.stat(a).st_dev == os.stat(folder).st_dev


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class DeskProcess:
    """A real ``etalase desk`` subprocess; ``url`` is the address with the token."""

    def __init__(
        self, project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
    ) -> None:
        self.project = project
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        environment = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **(env or {})}
        self.proc = subprocess.Popen(
            [PYTHON, "-m", "etalase", "desk", "--port", str(self.port), *args],
            cwd=project,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.output: list[str] = []
        self.errors: list[str] = []
        threading.Thread(target=self._drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        self.url = ""
        assert self.proc.stdout is not None
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.output.append(line)
            found = re.search(r"(http://\S+\?token=\S+)", line)
            if found:
                self.url = found.group(1)
                break
        if not self.url:
            self.stop()
            raise RuntimeError("etalase desk did not start:\n" + "".join(self.output + self.errors))
        self.token = self.url.split("token=", 1)[1]
        while time.monotonic() < deadline:  # the address is printed just before it listens
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.05)
        threading.Thread(target=self._rest, daemon=True).start()

    def _drain(self) -> None:
        assert self.proc.stderr is not None
        for line in self.proc.stderr:
            self.errors.append(line)

    def _rest(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.output.append(line)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> DeskProcess:
        return self

    def __exit__(self, *_: object) -> None:
        self.stop()


def measure_queue(browser: Any, desk: DeskProcess) -> tuple[float, int]:
    """TTFB (ms) and bytes transferred for the queue page, at phone size, with a fresh cookie."""
    context = browser.new_context(viewport=bench_pages.PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(desk.url, wait_until="networkidle")  # sets the cookie, lands on the queue
    sizes: list[int] = []
    page.on(
        "requestfinished",
        lambda r: sizes.append(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]),
    )
    page.goto(f"{desk.base}/_meja/", wait_until="networkidle")
    timing = page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
    context.close()
    return timing["responseStart"] - timing["requestStart"], sum(sizes)


def measure_publish(browser: Any, desk: DeskProcess, key: str) -> float:
    """Seconds from the click on *Terbitkan* until the preview's entry page shows it published."""
    context = browser.new_context(viewport=bench_pages.PHONE, is_mobile=True)
    page = context.new_page()
    page.goto(desk.url, wait_until="load")
    page.goto(f"{desk.base}/_meja/entri/{key}/", wait_until="load")
    started = time.monotonic()
    page.get_by_role("button", name="Terbitkan").click()
    page.wait_for_url(re.compile(r"hasil="))
    check = context.new_page()
    while True:
        check.goto(f"{desk.base}/sekolah/{key}/", wait_until="domcontentloaded")
        if "menunggu tinjauan" not in check.content():
            break
        time.sleep(0.05)
    seconds = time.monotonic() - started
    context.close()
    return seconds


class Session:
    """A curator's browser session over plain HTTP (cookies kept), for timing many requests."""

    def __init__(self, desk: DeskProcess) -> None:
        import http.cookiejar
        import urllib.request

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args: Any, **kwargs: Any) -> None:
                return None

        self.base = desk.base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
        )
        self.get(f"/_meja/?token={desk.token}")

    def get(self, path: str) -> tuple[int, str]:
        return self._open(path, None)

    def post(self, path: str, form: dict[str, str]) -> tuple[int, str]:
        from urllib.parse import urlencode

        return self._open(path, urlencode(form).encode())

    def _open(self, path: str, data: bytes | None) -> tuple[int, str]:
        import urllib.error

        try:
            with self.opener.open(self.base + path, data, timeout=600) as answer:
                return answer.status, answer.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:  # the 303 after a decision, a 404
            return exc.code, exc.read().decode("utf-8", "replace")


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    if not found:
        raise RuntimeError(f"no {name} field on the page")
    return found.group(1)


def _until(check: Any, limit: float = 900) -> None:
    deadline = time.monotonic() + limit
    while not check():
        if time.monotonic() > deadline:
            raise RuntimeError("the desk never showed the decision")
        time.sleep(0.02)


def measure_reflected(session: Session, key: str) -> tuple[float, float, float, float]:
    """Seconds from POSTing a rejection of ``key`` until: the answer, the queue, the entry's desk page, the preview.

    The queue is asked for the school's rejected entries (its filters), so the
    row is on the first page; the entry's desk page for its status badge; the
    preview for the entry's page carrying the banner of a rejected entry (the
    word alone may be in a generated text).
    """
    school = key.split("/")[0]
    page = session.get(f"/_meja/entri/{key}/")[1]
    form = {
        "csrf": _field(page, "csrf"),
        "version": _field(page, "version"),
        "reason_own": "Suara tidak terdengar jelas (uji).",
    }
    started = time.monotonic()
    status, _ = session.post(f"/_meja/entri/{key}/tolak", form)
    answered = time.monotonic() - started
    if status != 303:
        raise RuntimeError(f"the decision was answered {status}")
    _until(
        lambda: f"/_meja/entri/{key}/" in session.get(f"/_meja/?status=rejected&school={school}")[1]
    )
    queue = time.monotonic() - started
    _until(lambda: 'id="status">Ditolak<' in session.get(f"/_meja/entri/{key}/")[1])
    entry = time.monotonic() - started
    _until(lambda: "berstatus \u201cditolak\u201d" in session.get(f"/sekolah/{key}/")[1])
    preview = time.monotonic() - started
    return answered, queue, entry, preview


REFLECTED = "## Curator's desk: a decision reflected (`scripts/bench_desk.py --reflected`)"


def reflected(sizes: Sequence[int], runs: int, src: Path | None, label: str) -> str:
    """Decisions at each catalogue size in ``sizes``; the markdown rows of their medians."""
    import bench_site

    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "proyek"
            root.mkdir()
            bench_site.generate(root, size)
            env = {"PYTHONPATH": str(src)} if src else None
            started = time.monotonic()
            with DeskProcess(root, "--as", "Bench", env=env, timeout=1800) as desk:
                first_build = time.monotonic() - started
                session = Session(desk)
                schools = max(1, size // 10)
                taken = [
                    measure_reflected(session, f"sd-{n:05d}/entri-{n:05d}") for n in range(runs)
                ]
                if schools < runs:
                    raise RuntimeError("fewer schools than runs")
        columns = list(zip(*taken, strict=True))
        cells = [
            f"{statistics.median(c):.2f} s ({', '.join(f'{v:.2f}' for v in c)})" for c in columns
        ]
        rows.append(f"| {label} | {size:,} | {first_build:.0f} s | " + " | ".join(cells) + " |")
        print(rows[-1], flush=True)
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--reflected",
        help="catalogue sizes (e.g. 1000,10000): time a decision until the desk shows it",
    )
    parser.add_argument("--etalase-src", type=Path, help="--reflected: another checkout's src/")
    parser.add_argument("--label", default="after", help="--reflected: the rows' label")
    parser.add_argument("--rows", type=Path, help="--reflected: rows kept from earlier runs")
    args = parser.parse_args(argv)
    if args.reflected:
        sizes = [int(n) for n in args.reflected.split(",")]
        new = reflected(sizes, args.runs, args.etalase_src, args.label)
        kept = args.rows.read_text("utf-8").strip() if args.rows and args.rows.exists() else ""
        if args.rows:
            args.rows.write_text((kept + "\n" + new).strip() + "\n", encoding="utf-8")
        text = (
            f"{REFLECTED}\n\n"
            "`bench_site.py`'s generated catalogue (published entries, one tiny clip "
            "hard-linked into each), a real `etalase desk` on 127.0.0.1, asked over plain "
            "HTTP: a rejection POSTed, then polled every 20 ms until the answer came back, "
            "the queue (filtered to the school's rejected entries) lists the entry, the "
            "entry's desk page shows *Ditolak*, and the preview's page of the entry shows "
            "it rejected. Decisions one after another on different entries; medians "
            f"(runs in brackets), {time.strftime('%Y-%m-%d', time.gmtime())}, 2 cores "
            "shared with other work. *before*: the desk rebuilt the preview before "
            "answering.\n\n"
            "| desk | entries | start-up (first build) | answer | queue shows it "
            "| entry page shows it | preview shows it |\n|---|---:|---:|---|---|---|---|\n"
            f"{(kept + chr(10) + new).strip() if args.rows else new}\n"
            "\nThe bar (#24.4) is the queue: at most 1 s at 10,000 entries. After a "
            "decision the desk reads the decided entry's `index.md` again and answers; "
            "the workspace's reload, the preview's rebuild and the queue's collection run "
            "on a thread of the desk's process, so the requests made meanwhile share the "
            "interpreter with the build (most of the queue's time here). The preview "
            "catches up in one incremental build, as before.\n"
        )
        print(text)
        if not args.no_write:
            bench_pages.write_section(text, ROOT / "BENCHMARKS.md", REFLECTED)
        return 0
    ttfb: list[float] = []
    weight: list[int] = []
    publish: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        clip = make_clip(Path(tmp) / "klip")
        project = make_project(Path(tmp) / "proyek", clip, waiting=args.entries)
        started = time.monotonic()
        with DeskProcess(project, "--as", "Bench") as desk, bench_pages.chromium() as browser:
            first_build = time.monotonic() - started
            for run in range(args.runs):  # in turns: queue, publish, queue, publish...
                ms, size = measure_queue(browser, desk)
                ttfb.append(ms)
                weight.append(size)
                publish.append(measure_publish(browser, desk, f"sdn-2-cepu/robot-{3 * run + 1}"))
    text = (
        f"{SECTION}\n\n"
        f"{args.entries} entries waiting for review (plus 3 others), one 32 s clip each; "
        f"a real `etalase desk` on 127.0.0.1, Debian's Chromium at 360×740, medians of "
        f"{args.runs} runs taken in turns. Start-up (first preview build, renditions made "
        f"once for the shared clip): {first_build:.1f} s.\n\n"
        "| measure | median | runs |\n|---|---|---|\n"
        f"| queue page `/_meja/`: time to first byte | {statistics.median(ttfb):.0f} ms | "
        f"{', '.join(f'{v:.0f}' for v in ttfb)} |\n"
        f"| queue page: transferred until network idle (50 rows, posters) | "
        f"{statistics.median(weight) / 1000:.0f} KB | "
        f"{', '.join(f'{v / 1000:.0f}' for v in weight)} |\n"
        f"| publish round trip: click to the preview showing it published | "
        f"{statistics.median(publish):.2f} s | {', '.join(f'{v:.2f}' for v in publish)} |\n"
        "\nThe round trip is the publish check (a load with the desk's read memo), the "
        "edit, the log line and one incremental preview build. Three changes made it "
        "what it is, each measured on its own on the shared 2-core machine (single "
        "runs, so read them as rough): preview drafts reused from the page cache like "
        "any page (a rebuild after a decision 4.9–7.0 s → 3.2–4.5 s); each build into "
        "a fresh folder, the old one deleted on another thread, instead of MkDocs "
        "emptying the served folder first (round trip 6.5 s → 4.4 s; removing 500 "
        "folders on this disk takes 2–4 s); the read memo for the publish check "
        "(0.5 s → 0.2 s).\n"
    )
    print(text)
    if not args.no_write:
        bench_pages.write_section(text, ROOT / "BENCHMARKS.md", SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""The ZIM for Kiwix, measured: its size against its clips, and the time to write it.

Two rows for ``BENCHMARKS.md`` (section "ZIM for Kiwix (offline)"):

- the demo catalogue's edition, with the reading-corner entry published: the
  ZIM's size against the sum of the clips in it, and the time to write it;
- a generated edition of ``--entries`` entry pages (default 1,000), each with
  its own small clip and WebP poster: the time to write the ZIM.

The tests import :func:`build_demo_edition`, :func:`write_demo_zim` and
:func:`kiwix_serve` from here, so the tests and the benchmark use the same
edition and the same server.

The edition is built the way ``etalase offline --zim`` builds it (the Edition
object's ``zim`` kind), from a copy of the demo with its reading-corner entry
published.

Usage: python scripts/bench_zim.py [--entries 1000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## ZIM for Kiwix (offline)"
#: The demo entry the tests search for ("membaca"); it waits for review in the demo.
READING_CORNER = "sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas"
CLIP_SUFFIXES = (".mp4", ".webm")


@dataclass(frozen=True)
class DemoZim:
    """The demo edition folder and the ZIM written from it."""

    edition: Path
    path: Path
    config: Path  # the demo project copy's mkdocs.yml


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


#: The demo's media cache in the repository, made by its builds (``make serve``, ``make site``).
MEDIA_CACHE = Path(".cache") / "plugin" / "etalase" / "media"


def copy_demo(work: Path, media: Path = ROOT / MEDIA_CACHE) -> Path:
    """A copy of the demo project in ``work``; returns its ``mkdocs.yml``.

    Content and the media cache (``media``: the demo's own, or another copy's) are
    hard links: nothing in the repository changes, and the media made for the
    demo site are not made again.
    """
    work.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", work / "mkdocs.yml")
    shutil.copytree(ROOT / "overrides", work / "overrides")
    shutil.copytree(ROOT / "content", work / "content", copy_function=_link_or_copy)
    if media.is_dir():
        shutil.copytree(media, work / MEDIA_CACHE, copy_function=_link_or_copy)
    return work / "mkdocs.yml"


def demo_project(work: Path, media: Path = ROOT / MEDIA_CACHE) -> Path:
    """A copy of the demo project (:func:`copy_demo`) with the reading-corner entry published.

    The entry is published the way a curator does. Returns its ``mkdocs.yml``.
    """
    from etalase.curation.review import apply_changes, publish_changes

    config = copy_demo(work, media)
    index = work / "content" / READING_CORNER / "index.md"
    problem = apply_changes(index, publish_changes(dt.date(2026, 10, 3)), str(index))
    assert problem is None, problem
    return config


def build_demo_edition(out: Path, work: Path) -> Path:
    """The demo catalogue's ZIM edition folder in ``out``, as ``etalase offline --zim`` builds it.

    Returns the ``mkdocs.yml`` of the project copy in ``work`` (see :func:`demo_project`).
    """
    config = demo_project(work)
    write_demo_edition(config, out)
    return config


def write_demo_edition(config: Path, out: Path) -> None:
    """The ZIM edition folder of the demo project copy ``config`` in ``out``."""
    from etalase.commands.offline import write_edition_folder
    from etalase.project import load_project
    from etalase.site.edition import Edition

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    write_edition_folder(load_project(config), Edition("zim"), out)


def write_demo_zim(edition: Path, target: Path, config: Path = ROOT / "mkdocs.yml") -> float:
    """Write the demo edition as a ZIM with the demo project's metadata; seconds taken."""
    from etalase.offline import zim
    from etalase.project import load_project

    started = time.perf_counter()
    zim.write_edition_zim(load_project(config), edition, target, today=dt.date.today())
    return time.perf_counter() - started


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def kiwix_serve(zim_file: Path) -> Iterator[str]:
    """Debian's ``kiwix-serve`` serving ``zim_file`` on a free 127.0.0.1 port; yields its URL.

    The server is stopped (and waited for) when the block ends.
    """
    port = free_port()
    server = subprocess.Popen(
        ["kiwix-serve", "--port", str(port), "--address", "127.0.0.1", str(zim_file)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(url + "/", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"kiwix-serve did not start: {server.stderr!r}") from None
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def clip_bytes(folder: Path) -> int:
    """The bytes of every clip in an edition folder."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.suffix in CLIP_SUFFIXES)


def generated_edition(folder: Path, entries: int, clip: Path, poster: Path) -> None:
    """An edition of ``entries`` entry pages, each with its own copy of ``clip`` and ``poster``."""
    words = [
        "membaca",
        "menulis",
        "berhitung",
        "menari",
        "membatik",
        "bercocok",
        "tanam",
        "menabung",
    ]
    links = []
    for n in range(entries):
        place = folder / "sekolah" / f"sekolah-{n // 10:03d}" / f"entri-{n:04d}"
        place.mkdir(parents=True)
        # Each clip differs in its last bytes, as real clips do: nothing to share.
        (place / "video.webm").write_bytes(clip.read_bytes() + n.to_bytes(4, "big"))
        shutil.copyfile(poster, place / "poster.webp")
        word = words[n % len(words)]
        (place / "index.html").write_text(
            f"<!doctype html><html lang=id><head><meta charset=utf-8><title>Entri {n} - "
            f"Etalase</title></head><body><h1>Entri {n}: {word}</h1><video controls "
            f'src="video.webm" poster="poster.webp"></video><p>Murid belajar {word} '
            f"bersama guru di kelas {n % 6 + 1}.</p>"
            f'<a href="../../../index.html">Beranda</a></body></html>',
            encoding="utf-8",
        )
        links.append(
            f'<li><a href="sekolah/sekolah-{n // 10:03d}/entri-{n:04d}/index.html">{n}</a>'
        )
    (folder / "index.html").write_text(
        "<!doctype html><html lang=id><head><meta charset=utf-8><title>Beranda - Etalase"
        f"</title></head><body><ul>{''.join(links)}</ul></body></html>",
        encoding="utf-8",
    )


def _tiny_media(work: Path) -> tuple[Path, Path]:
    """A 30 s VP9/Opus clip at the offline preset's size class and a WebP poster."""
    clip, poster = work / "clip.webm", work / "poster.webp"
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
         "testsrc2=s=320x180:r=15:d=30", "-f", "lavfi", "-i", "sine=d=30",
         "-c:v", "libvpx-vp9", "-b:v", "120k", "-deadline", "realtime", "-cpu-used", "8",
         "-c:a", "libopus", "-b:a", "24k", str(clip)],
        check=True,
    )  # fmt: skip
    subprocess.run(
        ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(clip), "-frames:v", "1", str(poster)],
        check=True,
    )
    return clip, poster


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "scripts"))
    import bench_pages

    with tempfile.TemporaryDirectory(prefix="bench-zim-") as temp:
        work = Path(temp)
        edition = work / "demo"
        config = build_demo_edition(edition, work / "project")
        demo_zim = work / "demo.zim"
        demo_seconds = write_demo_zim(edition, demo_zim, config)
        demo_clips = clip_bytes(edition)
        demo_row = (demo_zim.stat().st_size, demo_clips, demo_seconds)
        shutil.rmtree(work / "project")

        clip, poster = _tiny_media(work)
        big = work / "generated"
        generated_edition(big, args.entries, clip, poster)
        big_zim = work / "generated.zim"
        from etalase.offline import zim
        from etalase.project import load_project

        metadata = zim.metadata_for(load_project(ROOT / "mkdocs.yml"), today=dt.date.today())
        icon = (edition / "assets/images/favicon.png").read_bytes()
        started = time.perf_counter()
        zim.write_zim(big, big_zim, metadata, icon)
        big_seconds = time.perf_counter() - started
        big_row = (big_zim.stat().st_size, clip_bytes(big), big_seconds)
    text = report(demo_row, args.entries, big_row)
    print(text)
    bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


def mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def report(demo: tuple[int, int, float], entries: int, big: tuple[int, int, float]) -> str:
    def row(name: str, zim_bytes: int, clips: int, seconds: float) -> str:
        overhead = (zim_bytes - clips) / clips * 100
        return f"| {name} | {mb(zim_bytes)} | {mb(clips)} | {overhead:+.1f} % | {seconds:.1f} s |"

    return "\n".join(
        [
            SECTION,
            "",
            f"Measured {dt.date.today().isoformat()} by `scripts/bench_zim.py` on the 2-core "
            "machine: python-libzim 2.1 (libzim 8), full-text index `ind`, written by "
            "`etalase.offline.zim.write_zim`, wall time on the shared machine. The demo "
            "edition is the Edition's `zim` pages with the offline VP9/Opus rendition of each "
            "clip; the generated one has one 30 s VP9/Opus clip (≈ 1.15 MB a minute) and one "
            "WebP poster per entry.",
            "",
            "| edition | ZIM | clips in it | ZIM − clips | time to write |",
            "|---|---|---|---|---|",
            row("demo catalogue", *demo),
            row(f"{entries:,} generated entries", *big),
            "",
            "The time to write is the ZIM alone (the pages are built before it). ZIM − clips "
            "is everything else in the file (pages, posters, scripts, the full-text index) "
            "against the clips.",
            "",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""The folder edition (``etalase offline``) of a large generated catalogue: time and bytes.

Generates N published entries as ``scripts/bench_site.py`` does (one real tiny
clip hard-linked into every entry folder, so the media step encodes it once),
seeds the media step, then times ``etalase offline`` twice: the first run renders
every page of the edition, the second reuses them from the page cache. Reports
the edition's bytes by kind (pages, posters, search index, theme files, video)
per entry: the generated clip is tiny, so the overhead is given per entry and as a
share of a 45 s clip at the offline budget (1.6 MB a minute), not of that clip.
Writes the "Offline folder edition" section of ``BENCHMARKS.md``.

Usage: .venv/bin/python scripts/bench_offline_folder.py [--entries 1000] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
import bench_site

SECTION = "## Offline folder edition"
#: The clip the overhead is compared with: 45 s at the offline budget.
CLIP_BYTES = 45 / 60 * 1.6e6


def kinds(folder: Path) -> dict[str, int]:
    """Bytes of the edition by kind of file."""
    out = {"pages": 0, "posters": 0, "video": 0, "index": 0, "theme": 0, "other": 0}
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        rel = path.relative_to(folder).as_posix()
        if rel.startswith("assets/"):
            out["theme"] += size
        elif rel == "cari/indeks.js":
            out["index"] += size
        elif path.name.endswith((".mp4", ".webm")):
            out["video"] += size
        elif path.name.startswith("poster-"):
            out["posters"] += size
        elif path.name.endswith(".html"):
            out["pages"] += size
        else:
            out["other"] += size
    return out


def report(
    entries: int, first: dict[str, float], second: dict[str, float], sizes: dict[str, int]
) -> str:
    per = {k: v / entries for k, v in sizes.items()}
    overhead = sum(v for k, v in per.items() if k != "video")
    lines = [
        SECTION,
        "",
        f"Measured {dt.date.today().isoformat()} by `scripts/bench_offline_folder.py` on {os.cpu_count()} "
        f"CPUs: `etalase offline` of {entries} generated published entries "
        f"({max(1, entries // 10)} schools), media seeded first.",
        "",
        "| run | wall | CPU | peak memory |",
        "|---|---|---|---|",
        f"| first (every page rendered) | {first['wall']:.1f} s | {first['cpu']:.1f} s | {first['rss']:.0f} MB |",
        f"| again (pages from the page cache) | {second['wall']:.1f} s | {second['cpu']:.1f} s | {second['rss']:.0f} MB |",
        "",
        "| bytes per entry | KB |",
        "|---|---|",
    ]
    for kind in ("pages", "posters", "index", "theme", "other"):
        lines.append(f"| {kind} | {per[kind] / 1000:.1f} |")
    lines += [
        f"| everything but video | {overhead / 1000:.1f} |",
        "",
        f"Everything but the video is {100 * overhead / CLIP_BYTES:.1f} % of a 45 s clip at "
        "1.6 MB a minute (budget 5 %). The generated clip itself is a tiny test pattern, so its "
        "bytes say nothing about a real clip's, and its posters (96 px wide) are lighter than "
        "a real clip's (25 to 45 KB at 320 and 640 px in the demo). Wall time is on a machine "
        "shared with other jobs; CPU counts the command's own process, not the page renderers "
        "it forks.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    args = parser.parse_args(argv)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    etalase = [sys.executable, "-m", "etalase"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "katalog"
        root.mkdir()
        bench_site.generate(root, args.entries)
        bench_site.measure([*etalase, "media"], root, env)
        out = root / "kartu"
        first = bench_site.measure([*etalase, "offline", "-o", str(out)], root, env)
        second = bench_site.measure([*etalase, "offline", "-o", str(out)], root, env)
        text = report(args.entries, first, second, kinds(out))
    print(text)
    if not args.no_write:
        bench_pages.write_section(text, bench_pages.ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Benchmark ``etalase ingest``: a first run that imports, and the re-run that must do nothing.

Builds a throw-away project with SCHOOLS schools and SUBMISSIONS submissions each
(tiny real clips made by ffmpeg once, then copied), runs ingest twice in-process
and prints wall time and ffmpeg/ffprobe processes started per run. The re-run is
the cost a ``--watch`` loop or a cron job pays every time: it should start no
process and only stat files. ``--write`` appends the figures to BENCHMARKS.md.

Usage: python scripts/bench_ingest.py [--schools 10] [--submissions 5] [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--submissions", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="append to BENCHMARKS.md")
    args = parser.parse_args(argv)

    from etalase import process
    from etalase.intake.ingest import ingest_once
    from etalase.project import load_project

    work = Path(tempfile.mkdtemp(prefix="bench-ingest-"))
    try:
        clip = work / "clip.mp4"
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
                "testsrc2=s=320x240:r=25:d=40",
                "-f",
                "lavfi",
                "-i",
                "sine=frequency=440:d=40",
                "-c:v",
                "libx264",
                "-preset",
                "ultrafast",
                "-c:a",
                "aac",
                "-shortest",
                str(clip),
            ],
            check=True,
        )
        content = work / "content" / "sekolah"
        drop = work / "drop"
        for i in range(args.schools):
            npsn = f"{20300000 + i:08d}"
            school = content / f"sekolah-{i}"
            school.mkdir(parents=True)
            (school / "index.md").write_text(
                f'---\nname: Sekolah {i}\nnpsn: "{npsn}"\nlevel: SD\ndistrict: Blora\n---\nProfil.\n'
            )
            for j in range(args.submissions):
                folder = drop / f"{npsn} Sekolah {i}" / f"Kiriman {j}"
                folder.mkdir(parents=True)
                shutil.copyfile(clip, folder / "video.mp4")
                (folder / "penjelasan.txt").write_text(
                    f"Kegiatan {i}-{j}\nKategori: kegiatan sekolah\nIzin: ya\n\nPenjelasan.\n"
                )
        os.chdir(work)
        project = load_project()
        project.tools()
        figures = []
        for label in ("first run (imports)", "re-run (nothing new)"):
            started, t0 = process.stats.started, time.perf_counter()
            summary = ingest_once(project, drop, settle=0)
            seconds = time.perf_counter() - t0
            figures.append((label, seconds, process.stats.started - started, len(summary.imported)))
    finally:
        os.chdir(ROOT)
        shutil.rmtree(work, ignore_errors=True)

    total = args.schools * args.submissions
    lines = [
        f"### ingest, {total} submissions ({args.schools} schools x {args.submissions}), "
        f"40 s 320x240 clips, settle 0",
        "",
        "| run | seconds | processes started | imported |",
        "|---|---:|---:|---:|",
        *(f"| {label} | {s:.2f} | {n} | {k} |" for label, s, n, k in figures),
        "",
        f"{dt.date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if args.write:
        path = ROOT / "BENCHMARKS.md"
        if not path.exists():
            path.write_text(
                "# Benchmarks\n\nFigures from `scripts/bench_*.py` on the machine "
                "named under each table.\n\n"
            )
        with path.open("a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())

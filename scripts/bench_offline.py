#!/usr/bin/env python3
"""Benchmark the offline WebM against today's ``hemat`` MP4 on one 60 s clip; write BENCHMARKS.md.

Issue #23, item 3: the offline rendition (VP9/Opus WebM, :data:`etalase.media.
rendition.OFFLINE`) must cost at most 1.5 times the CPU of the data-saver
rendition, and weigh about 1.4 MB a minute. One phone-like clip is generated
(60 s, 1280x720 by default, 30 fps, light film grain, a tone; nothing is
committed), then each contestant encodes it in turns (A, B, C, A, B, C, ...)
for ``--rounds`` rounds, with the exact command line the code builds
(:func:`etalase.media.commands.clip_command`) run by the project's runner,
one encoder thread (what each clip gets when a catalogue is worked on):

A. ``hemat``: the data-saver MP4 (H.264 ``veryfast``, 360p, mono AAC);
B. ``offline``: the WebM as :func:`etalase.media.offline.make_offline` makes it;
C. the same WebM in libvpx's ``good`` deadline (its ``-cpu-used`` clamped to 5),
   the "wrong flag" the issue warns about (``--no-good`` leaves it out).

CPU is user + system time of the ffmpeg child (``RUSAGE_CHILDREN``); medians
are quoted. Then bytes per minute and SSIM of each output against the source
decoded and scaled to the output's size at its frame rate.

Usage: .venv/bin/python scripts/bench_offline.py [--rounds 3] [--size 1280x720]
       [--no-good] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from etalase import process
from etalase.content.video import VideoInfo
from etalase.media.commands import FFMPEG_GLOBALS, clip_command
from etalase.media.pipeline import recipes
from etalase.media.probe import probe
from etalase.media.rendition import OFFLINE, video_output, webm_output
from etalase.media.tools import Tools, find_tools
from etalase.policy import default_policy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
import bench_pages  # noqa: E402

SECTION = "## Offline rendition (`scripts/bench_offline.py`)"
SECONDS = 60
TIMEOUT = 1800.0


@dataclass(frozen=True, slots=True)
class Contestant:
    name: str
    label: str
    args: Callable[[Path], list[str]]  # the ffmpeg command writing to the given file
    suffix: str


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    cpu: float  # median seconds
    wall: float
    size: str
    per_minute: float  # bytes
    ssim: float


def make_clip(ffmpeg: str, path: Path, size: str) -> None:
    subprocess.run(
        [
            ffmpeg,
            *FFMPEG_GLOBALS,
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=s={size}:r=30:d={SECONDS},noise=alls=3:allf=t",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=300:d={SECONDS}",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-crf",
            "20",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "128k",
            "-shortest",
            str(path),
        ],
        check=True,
    )


def contestants(tools: Tools, source: Path, info: VideoInfo, good: bool) -> list[Contestant]:
    hemat = recipes(default_policy())[1]

    def saver(target: Path) -> list[str]:
        output = video_output(info, source, hemat, target)
        return clip_command(tools.ffmpeg, source, videos=[output], threads=1)

    def offline(target: Path) -> list[str]:
        output = webm_output(info, OFFLINE, target)
        return clip_command(tools.ffmpeg, source, videos=[output], threads=1)

    def offline_good(target: Path) -> list[str]:
        args = offline(target)
        at = args.index("-deadline")
        return [*args[: at + 1], "good", *args[at + 2 :]]

    made = [
        Contestant("hemat", "`hemat` MP4 (H.264 veryfast, 360p, AAC mono)", saver, ".mp4"),
        Contestant(
            "offline",
            f"offline WebM (VP9 realtime, -cpu-used {OFFLINE.speed}, Opus mono)",
            offline,
            ".webm",
        ),
    ]
    if good:
        made.append(
            Contestant("good", "the same WebM in libvpx's `good` deadline", offline_good, ".webm")
        )
    return made


def child_cpu(args: list[str], target: Path) -> tuple[float, float]:
    """Run ``args``; the CPU seconds of the ffmpeg child and the wall seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process.run(args, timeout=TIMEOUT, outputs=[target]).check()
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), wall


def ssim(tools: Tools, output: Path, source: Path, width: int, height: int, fps: int) -> float:
    """SSIM of ``output`` against the source scaled to its size at its frame rate."""
    graph = f"[1:v]fps={fps},scale={width}:{height}:flags=bicubic,setsar=1[ref];[0:v][ref]ssim"
    done = subprocess.run(
        [
            tools.ffmpeg,
            "-nostdin",
            "-hide_banner",
            "-i",
            str(output),
            "-i",
            str(source),
            "-lavfi",
            graph,
            "-f",
            "null",
            "-",
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    found = re.findall(r"All:([0-9.]+)", done.stderr)
    return float(found[-1]) if found else float("nan")


def report(rows: dict[str, Row], clip: str, rounds: int, duration: float, tools: Tools) -> str:
    hemat_cpu = rows["hemat"].cpu
    lines = [
        SECTION,
        "",
        f"Command: `.venv/bin/python scripts/bench_offline.py --rounds {rounds} --size {clip}`, "
        "measured "
        f"{date.today().isoformat()} (from the repository root, after `make install`).",
        f"Machine: {os.cpu_count()} CPUs, shared with other work while measured, Python "
        f"{platform.python_version()}, {tools.version.split(' Copyright')[0]}.",
        f"Clip: one generated phone-like clip, {duration:.0f} s {clip} at 30 fps with light film "
        "grain and a tone (AAC). Each encode is the command line the code builds, run by the "
        "project's runner with one encoder thread (as each clip gets when a catalogue is "
        f"worked on), in turns, {rounds} rounds; medians. CPU = user + system of the ffmpeg "
        "child. SSIM compares with the source scaled to the output's size at its frame rate.",
        "",
        "| rendition | CPU | CPU vs hemat | wall | size | bytes per minute | SSIM |",
        "|---|---:|---:|---:|---|---:|---:|",
    ]
    for row in rows.values():
        lines.append(
            f"| {row.label} | {row.cpu:.1f} s | {row.cpu / hemat_cpu:.2f}x | {row.wall:.1f} s | "
            f"{row.size} | {row.per_minute / 1e6:.2f} MB | {row.ssim:.4f} |"
        )
    ratio = rows["offline"].cpu / hemat_cpu
    per_minute = rows["offline"].per_minute / 1e6
    lines += [
        "",
        f"Bars (issue #23): offline CPU at most 1.5x hemat: {ratio:.2f}x "
        f"({'met' if ratio <= 1.5 else 'NOT met'}); about 1.4 MB a minute and at most 1.6: "
        f"{per_minute:.2f} MB ({'met' if per_minute <= 1.6 else 'NOT met'}).",
    ]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", default="1280x720", help="the clip's WIDTHxHEIGHT")
    parser.add_argument("--no-good", action="store_true", help="leave out the `good` deadline")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    args = parser.parse_args(argv)
    tools = find_tools(default_policy())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "clip.mp4"
        make_clip(tools.ffmpeg, source, args.size)
        info = probe(tools, source, 30).info
        assert info is not None
        entrants = contestants(tools, source, info, not args.no_good)
        cpu: dict[str, list[float]] = {c.name: [] for c in entrants}
        wall: dict[str, list[float]] = {c.name: [] for c in entrants}
        for round_ in range(args.rounds):
            for entrant in entrants:
                target = folder / f"{entrant.name}{entrant.suffix}"
                target.unlink(missing_ok=True)
                spent, took = child_cpu(entrant.args(target), target)
                cpu[entrant.name].append(spent)
                wall[entrant.name].append(took)
                print(f"round {round_ + 1} {entrant.name}: {spent:.1f} s CPU", file=sys.stderr)
        rows: dict[str, Row] = {}
        for entrant in entrants:
            target = folder / f"{entrant.name}{entrant.suffix}"
            made = probe(tools, target, 30).info
            assert made is not None
            fps = OFFLINE.max_fps  # hemat's too (25)
            rows[entrant.name] = Row(
                entrant.label,
                statistics.median(cpu[entrant.name]),
                statistics.median(wall[entrant.name]),
                f"{made.width}x{made.height}",
                target.stat().st_size / made.duration * 60,
                ssim(tools, target, source, made.width, made.height, fps),
            )
    text = report(rows, args.size, args.rounds, info.duration, tools)
    print(text)
    if not args.no_write:
        bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

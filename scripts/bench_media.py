#!/usr/bin/env python3
"""Benchmark the media step against its one-pass floor, today's code and sigal; write BENCHMARKS.md.

Everything is measured in one run on the same generated clips (nothing is
committed): by default 4 phone-like clips of 30-60 s at 480p-720p, 30 fps,
with film grain and a tone, some with a portrait rotation flag, some HEVC in
``.mov``; and a set of tiny clips (64x48, 1 fps, 30-60 s, no sound) for the
first build of a large catalogue, where process start-up is the cost.

Contestants, each from an empty cache, run in turns (A, B, C, D, A, B, ...)
for ``--rounds`` rounds, medians quoted:

A. ``etalase media`` (this checkout): load with ffprobe, then the media step,
   ``--jobs`` at its default (the core count);
B. the one-pass floor: per clip a bare ``ffprobe`` and ONE ``ffmpeg`` that
   decodes once into both renditions (the same sizes and bitrate caps) and
   one poster JPEG, as many clips at once as cores;
C. today's code (``--today SRC``, a ``src`` folder of an earlier checkout),
   run exactly like A;
D. sigal in mp4 mode (``--sigal EXE``, installed in its own throwaway venv,
   never a project dependency): one 480x360 rendition and a thumbnail per clip.

CPU is user + system time of the process and all its children (every
contestant runs in a child process). Then bytes per minute and SSIM of both
renditions for A and C (SSIM against the source decoded upright and scaled to
the rendition's size), and a second, no-change run of A.

Usage: .venv/bin/python scripts/bench_media.py [--clips 4] [--tiny 300] [--rounds 2]
       [--today /tmp/etalase-today/src] [--sigal /tmp/sigal-venv/bin/sigal] [--no-write]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECTION = "## Media step (`scripts/bench_media.py`)"
SIZES = ((854, 480), (1280, 720), (960, 540))
SCHOOL = """---
name: SD Negeri Bench 1
npsn: "20310001"
level: SD
district: Blora
---
Sekolah untuk pengukuran.
"""
ENTRY = """---
title: Klip {n}
date: 2026-08-14
category: kegiatan-sekolah
video: {video}
consent: true
status: published
---
Klip sintetis untuk pengukuran.
"""
# Run in a child process with PYTHONPATH set to the code measured: load the content
# with ffprobe (through the media cache), then the media step; print what it made.
RUN_MEDIA = r"""
import json, sys, time
from dataclasses import replace
from pathlib import Path
from etalase.content.loader import load_catalogue
from etalase.media.cache import MediaCache
from etalase.media.pipeline import run_media
from etalase.media.tools import find_tools
from etalase.policy import default_policy
try:  # since issue 11
    from etalase import process as runner
except ImportError:  # code from before it (--today)
    from etalase.media import runner

content, cache = Path(sys.argv[1]), Path(sys.argv[2])
started = time.perf_counter()
policy = replace(default_policy(), districts=("Blora",))
tools = find_tools(policy)
prober = MediaCache.open(cache).prober(tools, policy.probe_timeout)
try:
    loaded = load_catalogue(content, policy, root=content.parent, prober=prober,
                            known=prober.known)
except TypeError:  # code from before issue 11
    loaded = load_catalogue(content, policy, tools=tools, root=content.parent, prober=prober)
result = run_media(loaded.catalogue, policy, tools, cache_dir=cache, root=content.parent)
by_key = {e.key: str(e.video) for e in loaded.catalogue.entries}
print(json.dumps({
    "wall": time.perf_counter() - started, "processes": runner.stats.started,
    "problems": [[p.path, p.code] for p in (*loaded.errors, *result.problems)],
    "media": [{"source": by_key[key], "duration": m.duration,
               "renditions": [[r.name, str(r.path), r.width, r.height, r.bytes]
                              for r in m.renditions]} for key, m in result.media.items()],
}))
"""
SIGAL_CONF = """source = {source!r}
destination = {destination!r}
video_format = "mp4"
write_html = False
"""


def ffmpeg_bin(name: str = "ffmpeg") -> str:
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} not found: run `make install` first")
    return found


def generate(args: list[str]) -> None:
    subprocess.run([ffmpeg_bin(), "-v", "error", "-nostdin", "-y", *args], check=True)


def clip_spec(i: int) -> tuple[float, tuple[int, int], bool, bool]:
    """Duration, stored size, rotated (portrait phone), HEVC."""
    return 30 + (i * 7) % 31, SIZES[i % 3], i % 6 == 2, i % 5 == 4


def make_clip(folder: Path, i: int) -> None:
    seconds, (w, h), rotated, hevc = clip_spec(i)
    codec = (
        ["-c:v", "libx265", "-tag:v", "hvc1", "-x265-params", "log-level=error"]
        if hevc
        else ["-c:v", "libx264"]
    )
    generate(
        [
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=s={w}x{h}:r=30:d={seconds},noise=alls=3:allf=t",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency={220 + 40 * i}:d={seconds}",
            *codec,
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
            *(["-metadata:s:v:0", "rotate=90"] if rotated else []),
            str(folder / ("video.mov" if hevc else "video.mp4")),
        ]
    )


def make_tiny(folder: Path, i: int) -> None:
    # A hue of its own: no two clips have the same bytes (the cache would share their work).
    generate(
        [
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=s=64x48:r=1:d={30 + i % 31},hue=h={i * 0.35:.2f}",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(folder / "video.mp4"),
        ]
    )


def make_corpus(root: Path, count: int, tiny: bool) -> Path:
    content = root / "content"
    school = content / "sekolah" / "sdn-bench"
    school.mkdir(parents=True)
    (school / "index.md").write_text(SCHOOL, encoding="utf-8")
    jobs = []
    for i in range(count):
        folder = school / f"klip-{i:04d}"
        folder.mkdir()
        video = "video.mov" if not tiny and clip_spec(i)[3] else "video.mp4"
        (folder / "index.md").write_text(ENTRY.format(n=i, video=video), encoding="utf-8")
        jobs.append((folder, i))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda job: (make_tiny if tiny else make_clip)(*job), jobs))
    return content


def clips_of(content: Path) -> list[Path]:
    return sorted(p for p in content.glob("sekolah/*/*/video.*"))


def measured(fn: Any, *args: Any) -> tuple[Any, float, float]:
    """``fn(*args)``, its wall time and the CPU time of the children it waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    value = fn(*args)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return value, wall, cpu


def etalase_media(src: Path, content: Path, cache: Path) -> dict[str, Any]:
    shutil.rmtree(cache, ignore_errors=True)
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", RUN_MEDIA, str(content), str(cache)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    made: dict[str, Any] = json.loads(out.splitlines()[-1])
    if made["problems"]:
        sys.exit(f"{src}: problems {made['problems']}")
    return made


def again(src: Path, content: Path, cache: Path) -> dict[str, Any]:
    """A second run on the same cache (no ``rmtree``)."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run(
        [sys.executable, "-c", RUN_MEDIA, str(content), str(cache)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    made: dict[str, Any] = json.loads(out.splitlines()[-1])
    return made


def even_size(display: tuple[int, int], short_side: int) -> tuple[int, int]:
    width, height = display
    scale = min(1.0, short_side / min(width, height))
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def floor_one(clip: Path, out: Path) -> None:
    """Bare ffprobe, then one ffmpeg: both renditions and one poster frame."""
    info = json.loads(
        subprocess.run(
            [
                ffmpeg_bin("ffprobe"),
                "-v",
                "error",
                "-of",
                "json",
                "-show_format",
                "-show_streams",
                str(clip),
            ],
            check=True,
            capture_output=True,
        ).stdout
    )
    video = next(s for s in info["streams"] if s["codec_type"] == "video")
    size = (int(video["width"]), int(video["height"]))
    rotated = any(abs(float(d.get("rotation", 0))) == 90 for d in video.get("side_data_list", []))
    display = size[::-1] if rotated else size
    (ww, wh), (hw, hh) = even_size(display, 720), even_size(display, 360)
    at = float(info["format"]["duration"]) / 4
    pw = min(640, display[0]) // 2 * 2
    x264 = [
        "-c:v",
        "libx264",
        "-preset",
        "veryfast",
        "-pix_fmt",
        "yuv420p",
        "-threads",
        "1",
        "-movflags",
        "+faststart",
        "-c:a",
        "aac",
    ]
    generate(
        [
            "-i",
            str(clip),
            "-filter_complex",
            f"[0:V:0]split=3[a][b][c];[a]scale={ww}:{wh}:flags=bicubic,setsar=1[w];"
            f"[b]scale={hw}:{hh}:flags=bicubic,setsar=1[h];"
            f"[c]trim=start={at:.3f},trim=end_frame=1,scale={pw}:-2[p]",
            "-map",
            "[w]",
            "-map",
            "0:a:0?",
            *x264,
            "-profile:v",
            "high",
            "-crf",
            "23",
            "-maxrate",
            "520k",
            "-bufsize",
            "1040k",
            "-fpsmax",
            "30",
            "-b:a",
            "96k",
            "-ac",
            "2",
            str(out / f"{clip.parent.name}-web.mp4"),
            "-map",
            "[h]",
            "-map",
            "0:a:0?",
            *x264,
            "-profile:v",
            "main",
            "-crf",
            "28",
            "-maxrate",
            "128k",
            "-bufsize",
            "256k",
            "-fpsmax",
            "25",
            "-b:a",
            "40k",
            "-ac",
            "1",
            str(out / f"{clip.parent.name}-hemat.mp4"),
            "-map",
            "[p]",
            "-frames:v",
            "1",
            str(out / f"{clip.parent.name}.jpg"),
        ]
    )


def floor(clips: list[Path], out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda clip: floor_one(clip, out), clips))


def sigal(exe: str, clips: list[Path], work: Path) -> None:
    source, destination = work / "sigal-src", work / "sigal-out"
    shutil.rmtree(destination, ignore_errors=True)
    if not source.is_dir():
        source.mkdir(parents=True)
        for clip in clips:
            shutil.copyfile(clip, source / f"{clip.parent.name}{clip.suffix}")
    conf = work / "sigal.conf.py"
    conf.write_text(SIGAL_CONF.format(source=str(source), destination=str(destination)))
    subprocess.run([exe, "build", "-c", str(conf), "-q"], check=True, capture_output=True)


def ssim(rendition: str, source: str, width: int, height: int, stats: Path) -> float:
    """Mean SSIM ("All") of the rendition against the source scaled to its size."""
    generate(
        [
            "-i",
            rendition,
            "-i",
            source,
            "-lavfi",
            f"[1:v]scale={width}:{height}:flags=bicubic,setsar=1[ref];"
            f"[0:v][ref]ssim=stats_file={stats}",
            "-f",
            "null",
            "-",
        ]
    )
    values = [
        float(part.split(":")[1])
        for line in stats.read_text().splitlines()
        for part in line.split()
        if part.startswith("All:")
    ]
    return statistics.fmean(values)


def quality(made: dict[str, Any], stats: Path) -> dict[str, list[float]]:
    """Bytes per minute and SSIM per rendition name."""
    found: dict[str, list[float]] = {}
    for media in made["media"]:
        for name, path, width, height, size in media["renditions"]:
            found.setdefault(f"{name}_bpm", []).append(size / media["duration"] * 60)
            found.setdefault(f"{name}_ssim", []).append(
                ssim(path, media["source"], width, height, stats)
            )
    return found


def bench(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    print(f"making {args.clips} clips and {args.tiny} tiny clips in {work} ...", file=sys.stderr)
    content = make_corpus(work / "clips", args.clips, tiny=False)
    tiny = make_corpus(work / "tiny", args.tiny, tiny=True) if args.tiny else None
    clips = clips_of(content)
    minutes = (
        sum(
            float(
                json.loads(
                    subprocess.run(
                        [
                            ffmpeg_bin("ffprobe"),
                            "-v",
                            "error",
                            "-of",
                            "json",
                            "-show_format",
                            str(c),
                        ],
                        check=True,
                        capture_output=True,
                    ).stdout
                )["format"]["duration"]
            )
            for c in clips
        )
        / 60
    )
    ours_src = args.ours
    contestants: dict[str, Any] = {
        "ours": lambda: etalase_media(ours_src, content, work / "cache-ours"),
        "floor": lambda: floor(clips, work / "floor"),
    }
    if args.today:
        contestants["today"] = lambda: etalase_media(args.today, content, work / "cache-today")
    if args.sigal:
        contestants["sigal"] = lambda: sigal(args.sigal, clips, work)
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in contestants}
    made: dict[str, Any] = {}
    for round_no in range(args.rounds):
        for name, run in contestants.items():
            value, wall, cpu = measured(run)
            runs[name].append((cpu, wall))
            made.setdefault(name, value)
            print(
                f"  round {round_no + 1} {name}: {cpu:.1f} s CPU, {wall:.1f} s wall",
                file=sys.stderr,
            )
    figures: dict[str, Any] = {
        "clips": len(clips),
        "minutes": minutes,
        "rounds": args.rounds,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "ffmpeg": subprocess.run(
            [ffmpeg_bin(), "-version"], capture_output=True, text=True
        ).stdout.split(" Copyright")[0],
        "processes": made["ours"]["processes"],
    }
    for name, pairs in runs.items():
        figures[f"{name}_cpu"] = statistics.median(c for c, _ in pairs)
        figures[f"{name}_wall"] = statistics.median(w for _, w in pairs)
    for name in ("ours", "today"):
        if name in made:
            for key, values in quality(made[name], work / "ssim.log").items():
                figures[f"{name}_{key}"] = statistics.median(values)
                figures[f"{name}_{key}_max"] = max(values)
                figures[f"{name}_{key}_min"] = min(values)
    second, _wall, _cpu = measured(again, ours_src, content, work / "cache-ours")
    figures["second_wall"], figures["second_processes"] = second["wall"], second["processes"]
    if tiny is not None:
        for name, src in (("ours", ours_src), ("today", args.today)):
            if src is None:
                continue
            _made, wall, cpu = measured(etalase_media, src, tiny, work / f"tiny-{name}")
            figures[f"tiny_{name}_wall"], figures[f"tiny_{name}_cpu"] = wall, cpu
            print(f"  tiny {name}: {cpu:.1f} s CPU, {wall:.1f} s wall", file=sys.stderr)
        figures["tiny"] = args.tiny
    return figures


def report(f: dict[str, Any], command: str) -> str:
    def s(key: str) -> str:
        return f"{f[key]:.1f} s" if key in f else "–"

    def mb(key: str) -> str:
        return f"{f[key] / 1_000_000:.2f} MB" if key in f else "–"

    def x(key: str, base: str = "floor_cpu") -> str:
        return f"{f[key] / f[base]:.2f}x" if key in f else "–"

    rows = [
        (
            "`etalase media` (this branch), default `--jobs`",
            s("ours_cpu"),
            s("ours_wall"),
            x("ours_cpu"),
        ),
        (
            "one-pass floor: `ffprobe` + one `ffmpeg` per clip (both renditions + a poster)",
            s("floor_cpu"),
            s("floor_wall"),
            "1.00x",
        ),
        (
            "`etalase media`, today's code (before issue 17)",
            s("today_cpu"),
            s("today_wall"),
            x("today_cpu"),
        ),
        (
            "sigal 2.6 in mp4 mode (one 480x360 rendition + thumbnail)",
            s("sigal_cpu"),
            s("sigal_wall"),
            x("sigal_cpu"),
        ),
    ]
    table = "\n".join(f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows)
    quality_rows = []
    for name, label in (("web", "web"), ("hemat", "data saver")):
        for who, who_label in (("ours", "this branch"), ("today", "today")):
            key = f"{who}_{name}"
            if f"{key}_bpm" in f:
                quality_rows.append(
                    f"| {label}, {who_label} | {mb(key + '_bpm')} ({mb(key + '_bpm_max')}) | "
                    f"{f[key + '_ssim']:.4f} ({f[key + '_ssim_min']:.4f}) |"
                )
    tiny = ""
    if "tiny" in f:
        n = f["tiny"]
        scale = 1000 / n
        lines = [
            f"| this branch | {s('tiny_ours_cpu')} | {s('tiny_ours_wall')} | "
            f"{f['tiny_ours_wall'] * scale:.0f} s |"
        ]
        if "tiny_today_wall" in f:
            lines.append(
                f"| today's code | {s('tiny_today_cpu')} | {s('tiny_today_wall')} | "
                f"{f['tiny_today_wall'] * scale:.0f} s |"
            )
        extrapolated = (
            ""
            if n == 1000
            else (
                f" The last column scales the {n}-clip figure linearly to 1,000 clips "
                "(extrapolated, not measured; the work per clip does not depend on the count)."
            )
        )
        tiny = (
            f"\n\nFirst build of {n} tiny clips (64x48, 1 fps, 30-60 s, H.264, no sound; "
            f"load with ffprobe + media, empty cache, default `--jobs`; target for 1,000: "
            f"under 250 s on 2 cores).{extrapolated}\n\n"
            "| code | CPU | wall | wall for 1,000 |\n|---|---:|---:|---:|\n" + "\n".join(lines)
        )
    return f"""{SECTION}

Command: `{command}` (from the repository root, after `make install`).
Machine: {f["cpus"]} CPUs, shared with other work while measured (figures are noisy),
Python {f["python"]}, {f["ffmpeg"]}.
Corpus: {f["clips"]} generated clips, {f["minutes"]:.1f} minutes in all, 30-60 s, 480p-720p
at 30 fps with light film grain and AAC audio; every 6th clip carries a portrait rotation
flag, every 5th is HEVC in `.mov`. Each contestant started from an empty cache, in turns,
{f["rounds"]} rounds; medians. CPU = user + system of the process and all its children.

| contestant | CPU | wall | CPU vs floor |
|---|---:|---:|---:|
{table}

Renditions (median over the clips, max or min in brackets). SSIM compares with the source
decoded upright and scaled to the rendition's size, so it measures the encode, not the
downscale.

| rendition | bytes per minute (max) | SSIM (min) |
|---|---:|---:|
{chr(10).join(quality_rows)}

A second run on unchanged content (load + media): {f["second_wall"]:.3f} s,
{f["second_processes"]} processes (the first run started {f["processes"]}).{tiny}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clips", type=int, default=4)
    parser.add_argument("--tiny", type=int, default=300, help="tiny clips (0: skip)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--ours",
        type=Path,
        default=ROOT / "src",
        help="the src folder measured as this branch (default: this checkout)",
    )
    parser.add_argument(
        "--today",
        type=Path,
        default=None,
        help="the src folder of an earlier checkout to compare with",
    )
    parser.add_argument("--sigal", default=None, help="a sigal executable (its own venv)")
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    args = parser.parse_args(argv)
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join([".venv/bin/python scripts/bench_media.py", *given])
    work = Path(tempfile.mkdtemp(prefix="etalase-bench-"))
    try:
        text = report(bench(args, work), command)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(text)
    if not args.no_write:
        sys.path.insert(0, str(ROOT / "scripts"))
        from bench_pages import write_section

        write_section(text.rstrip(), ROOT / "BENCHMARKS.md", SECTION)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

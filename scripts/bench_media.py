#!/usr/bin/env python3
"""Benchmark the media step on a generated corpus and write the figures to BENCHMARKS.md.

The corpus is made here with ffmpeg's synthetic sources (nothing is committed):
by default 20 clips of 30-60 s at 480p-720p, 30 fps, with film grain and a
tone, some recorded "upright on a phone" (a rotation flag) and some HEVC in
``.mov``. Then, as medians from one run:

1. probe + poster per clip (our cached prober, the black-frame check and six
   poster files) against the bare ``ffprobe`` + ``ffmpeg -ss T -frames:v 1``
   pair, as a ratio;
2. media speed in multiples of real time with ``--jobs 1`` and ``--jobs 2``
   (poster + web + data-saver per clip, from an empty cache each time);
3. rendition bytes per minute (web and data saver);
4. SSIM of each rendition against its source scaled to the same size
   (ffmpeg's ``ssim`` filter, per-frame values read from its stats file);
5. the time and the number of processes of a second, no-change run.

Usage: .venv/bin/python scripts/bench_media.py [--clips 20] [--out BENCHMARKS.md] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from etalase import process
from etalase.content.loader import load_catalogue
from etalase.content.model import Catalogue
from etalase.media.cache import MediaCache
from etalase.media.pipeline import MediaResult, run_media
from etalase.media.poster import poster_sizes, render_posters
from etalase.media.probe import bare_prober
from etalase.media.tools import find_tools
from etalase.policy import default_policy

SIZES = ((854, 480), (1280, 720), (960, 540))
SCHOOL = """---
name: SD Negeri Bench {n}
npsn: "2031{n:04d}"
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


def ffmpeg_bin() -> str:
    found = shutil.which("ffmpeg")
    if not found:
        sys.exit("ffmpeg not found: run `make install` first")
    return found


def clip_spec(i: int) -> tuple[float, tuple[int, int], bool, bool]:
    """Duration, stored size, rotated (portrait phone), HEVC."""
    return 30 + (i * 7) % 31, SIZES[i % 3], i % 6 == 2, i % 5 == 4


def make_clip(folder: Path, i: int) -> Path:
    seconds, (w, h), rotated, hevc = clip_spec(i)
    path = folder / ("video.mov" if hevc else "video.mp4")
    codec = (["-c:v", "libx265", "-tag:v", "hvc1", "-x265-params", "log-level=error"] if hevc
             else ["-c:v", "libx264"])  # fmt: skip
    subprocess.run(
        [ffmpeg_bin(), "-v", "error", "-nostdin", "-y",
         "-f", "lavfi", "-i", f"testsrc2=s={w}x{h}:r=30:d={seconds},noise=alls=3:allf=t",
         "-f", "lavfi", "-i", f"sine=frequency={220 + 40 * i}:d={seconds}",
         *codec, "-preset", "ultrafast", "-crf", "20", "-pix_fmt", "yuv420p",
         "-c:a", "aac", "-b:a", "128k", "-shortest",
         *(["-metadata:s:v:0", "rotate=90"] if rotated else []), str(path)],
        check=True,
    )  # fmt: skip
    return path


def make_corpus(root: Path, count: int) -> Path:
    content = root / "content"
    school = content / "sekolah" / "sdn-bench"
    school.mkdir(parents=True)
    (school / "index.md").write_text(SCHOOL.format(n=1), encoding="utf-8")
    folders = []
    for i in range(count):
        folder = school / f"klip-{i:02d}"
        folder.mkdir()
        _s, _size, _r, hevc = clip_spec(i)
        video = "video.mov" if hevc else "video.mp4"
        (folder / "index.md").write_text(ENTRY.format(n=i, video=video), encoding="utf-8")
        folders.append(folder)
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        list(pool.map(lambda pair: make_clip(pair[1], pair[0]), enumerate(folders)))
    return content


def timed(fn, *args, **kwargs):
    started = time.perf_counter()
    value = fn(*args, **kwargs)
    return value, time.perf_counter() - started


def bare_probe_and_frame(video: Path, at: float, out: Path) -> None:
    ffprobe = shutil.which("ffprobe") or "ffprobe"
    subprocess.run([ffprobe, "-v", "error", "-print_format", "json", "-show_format",
                    "-show_streams", str(video)], check=True, capture_output=True)  # fmt: skip
    subprocess.run([ffmpeg_bin(), "-v", "error", "-nostdin", "-y", "-ss", f"{at:.3f}", "-i",
                    str(video), "-frames:v", "1", str(out)], check=True)  # fmt: skip


def ssim(rendition: Path, source: Path, width: int, height: int, stats: Path) -> float:
    """Mean SSIM ("All") of the rendition against the source scaled to its size."""
    subprocess.run(
        [ffmpeg_bin(), "-v", "error", "-nostdin", "-i", str(rendition), "-i", str(source),
         "-lavfi", f"[1:v]scale={width}:{height}:flags=bicubic,setsar=1[ref];"
                   f"[0:v][ref]ssim=stats_file={stats}",
         "-f", "null", "-"],
        check=True,
    )  # fmt: skip
    values = [float(part.split(":")[1]) for line in stats.read_text().splitlines()
              for part in line.split() if part.startswith("All:")]  # fmt: skip
    return statistics.fmean(values)


def run_all(content: Path, cache: Path, jobs: int) -> tuple[MediaResult, float, int]:
    policy = replace(default_policy(), districts=("Blora",))
    tools = find_tools(policy)
    MediaCache._open.clear()  # a fresh process: read the manifest from disk
    before = process.stats.started
    started = time.perf_counter()
    prober = MediaCache.open(cache).prober(tools, policy.probe_timeout)
    loaded = load_catalogue(content, policy, root=content.parent, prober=prober,
                            known=prober.known)
    if loaded.errors:
        sys.exit(f"corpus has problems: {[p.code for p in loaded.errors]}")
    result = run_media(loaded.catalogue, policy, tools, cache_dir=cache, jobs=jobs,
                       root=content.parent)  # fmt: skip
    if result.problems:
        sys.exit(f"media problems: {[(p.path, p.code) for p in result.problems]}")
    return result, time.perf_counter() - started, process.stats.started - before


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clips", type=int, default=20)
    parser.add_argument("--out", type=Path, default=Path("BENCHMARKS.md"))
    parser.add_argument("--keep", type=Path, default=None, help="work here and keep the corpus")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="etalase-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    given = argv if argv is not None else sys.argv[1:]
    command = " ".join([".venv/bin/python scripts/bench_media.py", *given])
    try:
        figures = bench(work, args.clips)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    text = report(figures, command)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


def bench(work: Path, count: int) -> dict[str, object]:
    policy = replace(default_policy(), districts=("Blora",))
    tools = find_tools(policy)
    content = work / "content"
    if not content.is_dir():
        print(f"making {count} clips in {work} ...", file=sys.stderr)
        _none, gen = timed(make_corpus, work, count)
        print(f"  corpus made in {gen:.0f} s", file=sys.stderr)
    else:
        print(f"reusing the corpus in {work}", file=sys.stderr)
    loaded = load_catalogue(content, policy, root=work,
                            prober=bare_prober(tools, policy.probe_timeout))
    entries = loaded.catalogue.entries
    total_seconds = sum(e.video_info.duration for e in entries if e.video_info)

    # 1. probe + poster against the bare commands.
    ours, bare = [], []
    scratch = work / "scratch"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    probe_cache = MediaCache(scratch / "cache")
    prober = probe_cache.prober(tools, policy.probe_timeout)
    for entry in entries:
        _none, seconds = timed(bare_probe_and_frame, entry.video,
                               entry.video_info.duration / 4, scratch / "bare.jpg")  # fmt: skip
        bare.append(seconds)

        def ours_once(video: Path = entry.video) -> None:
            info = prober(video).info
            assert info is not None
            sizes = poster_sizes(info.display_size, policy.poster_widths)
            targets = [(scratch / f"{w}.webp", scratch / f"{w}.jpg") for w, _ in sizes]
            render_posters(tools, video, info.duration, None, sizes, targets, 60)

        _none, seconds = timed(ours_once)
        ours.append(seconds)

    # 2. media speed: jobs 1 (also per clip) and jobs 2, each from an empty cache.
    per_clip_speed = []
    started = time.perf_counter()
    for entry in entries:
        cache = work / "cache-per-clip"
        MediaCache._open.clear()
        single = Catalogue(loaded.catalogue.schools, (entry,))
        _r, seconds = timed(run_media, single, policy, tools, cache_dir=cache, jobs=1, root=work)
        per_clip_speed.append(entry.video_info.duration / seconds)
    jobs1_wall = time.perf_counter() - started
    shutil.rmtree(work / "cache-per-clip", ignore_errors=True)
    cache2 = work / "cache-jobs2"
    shutil.rmtree(cache2, ignore_errors=True)
    first, jobs2_wall, first_processes = run_all(content, cache2, jobs=2)

    # 3 + 4. bytes per minute and SSIM.
    web_bpm, saver_bpm, web_ssim, saver_ssim = [], [], [], []
    by_key = {e.key: e for e in entries}
    for key, media in first.media.items():
        entry = by_key[key]
        for rendition in media.renditions:
            per_minute = rendition.bytes / media.duration * 60
            value = ssim(rendition.path, entry.video, rendition.width, rendition.height,
                         scratch / "ssim.log")  # fmt: skip
            (web_bpm if rendition.name == "web" else saver_bpm).append(per_minute)
            (web_ssim if rendition.name == "web" else saver_ssim).append(value)
    largest_60s = max(r.bytes / m.duration * 60 for m in first.media.values()
                      for r in m.renditions if r.name == "web")  # fmt: skip

    # 5. a second run on unchanged content.
    _again, second_wall, second_processes = run_all(content, cache2, jobs=2)
    ffmpeg_version = MediaCache.open(cache2).tool_version(tools)
    return {
        "clips": len(entries), "minutes": total_seconds / 60,
        "ours": statistics.median(ours), "bare": statistics.median(bare),
        "per_clip_speed": statistics.median(per_clip_speed),
        "jobs1": total_seconds / jobs1_wall, "jobs2": total_seconds / jobs2_wall,
        "jobs1_wall": jobs1_wall, "jobs2_wall": jobs2_wall, "first_processes": first_processes,
        "web_bpm": statistics.median(web_bpm), "saver_bpm": statistics.median(saver_bpm),
        "web_bpm_max": max(web_bpm), "saver_bpm_max": max(saver_bpm), "largest_60s": largest_60s,
        "web_ssim": statistics.median(web_ssim), "saver_ssim": statistics.median(saver_ssim),
        "web_ssim_min": min(web_ssim), "saver_ssim_min": min(saver_ssim),
        "second_wall": second_wall, "second_processes": second_processes,
        "ffmpeg": ffmpeg_version, "cpus": os.cpu_count(), "python": platform.python_version(),
    }  # fmt: skip


def report(f: dict[str, object], command: str) -> str:
    def n(key: str, digits: int = 2) -> str:
        return f"{float(f[key]):.{digits}f}"  # type: ignore[arg-type]

    def mb(key: str) -> str:
        return f"{float(f[key]) / 1_000_000:.2f} MB"  # type: ignore[arg-type]

    ratio = float(f["ours"]) / float(f["bare"])  # type: ignore[arg-type]
    rows = [
        ("probe + poster per clip, ours (cached ffprobe, black-frame check, "
         "3 widths x WebP+JPEG)", f"{n('ours')} s"),
        ("bare `ffprobe` + `ffmpeg -ss T -i clip -frames:v 1 poster.jpg` per clip",
         f"{n('bare')} s"),
        ("ratio ours / bare", f"{ratio:.2f}"),
        ("media speed, `--jobs 1`, per clip (poster + web + data saver)",
         f"{n('per_clip_speed', 1)}x real time"),
        ("media speed, `--jobs 1`, whole corpus",
         f"{n('jobs1', 1)}x real time ({n('jobs1_wall', 0)} s)"),
        ("media speed, `--jobs 2`, whole corpus",
         f"{n('jobs2', 1)}x real time ({n('jobs2_wall', 0)} s, "
         f"{f['first_processes']} processes)"),
        ("web rendition bytes per minute (max)", f"{mb('web_bpm')} ({mb('web_bpm_max')})"),
        ("data-saver bytes per minute (max)", f"{mb('saver_bpm')} ({mb('saver_bpm_max')})"),
        ("largest web rendition scaled to 60 s (bar: 5 MB)", mb("largest_60s")),
        ("SSIM web vs source at the same size (min)",
         f"{n('web_ssim', 3)} ({n('web_ssim_min', 3)})"),
        ("SSIM data saver vs source at the same size (min)",
         f"{n('saver_ssim', 3)} ({n('saver_ssim_min', 3)})"),
        ("second run, unchanged content (load + media, whole corpus)",
         f"{n('second_wall', 3)} s, {f['second_processes']} processes"),
    ]  # fmt: skip
    table = "\n".join(f"| {name} | {value} |" for name, value in rows)
    return f"""# Benchmarks

## Media step (`scripts/bench_media.py`)

Command: `{command}` (from the repository root, after `make install`).
Machine: {f["cpus"]} CPUs, shared with other work while measured (figures are noisy),
Python {f["python"]}, {str(f["ffmpeg"]).split(" Copyright")[0]}.
Corpus: {f["clips"]} generated clips, {n("minutes", 1)} minutes in all, 30-60 s, 480p-720p
at 30 fps with light film grain and AAC audio; every 6th clip carries a portrait rotation
flag, every 5th is HEVC in `.mov`. Figures are medians over the clips of one run unless
marked otherwise.

| measure | result |
|---|---|
{table}

MB = 10^6 bytes. Synthetic clips with grain are harder to compress than most phone
footage, so sizes sit near the bitrate caps. SSIM compares with the source decoded upright
and scaled to the rendition's size, so it measures the encode, not the downscale.
"""


if __name__ == "__main__":
    raise SystemExit(main())

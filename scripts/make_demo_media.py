#!/usr/bin/env python3
"""Generate the demo catalogue's videos with ffmpeg's synthetic sources.

The demo entries under ``content/sekolah/<school>/<entry>/`` name a video file
in their front matter, but the videos themselves are not committed: this
maintainer script makes a small test-pattern clip with a sine tone for each
entry listed in ``content/.demo-entries`` (one ``<school>/<entry>`` a line),
and the demo's few pictures (:data:`PICTURES`) in those entries' and their
schools' folders, and for no other: a school's real entry whose video is missing stays missing, and
``etalase check`` says so (``FILE_MISSING``). Without that list (a real
catalogue) the script makes nothing. Durations are deterministic (a hash of the entry key), except for the
two entries that deliberately break the 30-60 s policy so that
``etalase check`` has something to report. A clip that already exists is kept
unless ``--force`` is given. Standard library only; it does not import the
``etalase`` package.

Usage: python scripts/make_demo_media.py [--content content] [--force] [--jobs N]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

#: Entries whose clip is deliberately out of policy (seconds).
DURATIONS: dict[str, int] = {
    "smpn-4-randublatung/ecobrick-bangku-taman": 72,
    "sdn-4-jiken/jumat-bersih": 18,
}
#: Entries recorded upright on a phone.
PORTRAIT: frozenset[str] = frozenset({"sdn-3-todanan/lomba-tujuh-belasan"})
#: Entries filmed in HD (1280x720): they get a 1280 px poster for wide screens.
HD: frozenset[str] = frozenset({"sdn-4-jiken/batik-pewarna-daun-jati"})
#: The demo's pictures, by their place under ``sekolah/``: (width, height, lavfi source).
#: Made only in the folder of a listed entry or of its school; the texts name them.
PICTURES: dict[str, tuple[int, int, str]] = {
    # A phone photo's size and grain: published at 1600 px, with narrower copies for phones.
    "sdn-4-jiken/batik-pewarna-daun-jati/hasil-batik.jpg": (
        2000,
        1500,
        "mandelbrot=s=2000x1500:maxiter=200:start_scale=1.2,format=yuv420p,noise=alls=10:allf=u",
    ),
    # A wide logo: the school page shows it in its own proportions.
    "sdn-4-jiken/logo.png": (480, 160, "gradients=s=480x160:c0=0x1b5e20:c1=0xf2c14e:nb_colors=2"),
}
#: Picture suffix -> (ffmpeg muxer and codec arguments).
STILL_FORMATS: dict[str, list[str]] = {
    ".jpg": ["-c:v", "mjpeg", "-q:v", "3", "-f", "mjpeg"],
    ".png": ["-c:v", "png", "-update", "1", "-f", "image2"],
}

MIN_SECONDS, MAX_SECONDS = 31, 58
FPS = 25
TIMEOUT_SECONDS = 180
SIZE_WARNING_BYTES = 1_600_000

#: lavfi video sources; ``{w}``x``{h}`` is the frame size, ``{hw}``x``{hh}``
#: half of it and ``{qw}``x``{qh}`` a quarter. Slow generators work small or
#: loop a short stretch so that all demo clips are made in seconds.
SOURCES: tuple[str, ...] = (
    "testsrc2=s={w}x{h}:r=25",
    "smptehdbars=s={w}x{h}:r=25",
    # Mandelbrot costs ~5 ms a frame: render a 2 s zoom and loop it.
    "mandelbrot=s={w}x{h}:r=25:maxiter=128,format=yuv420p,trim=duration=2,loop=loop=-1:size=50",
    # Life on a coarse grid, scaled up without smoothing: big cells compress well.
    (
        "life=s={qw}x{qh}:r=25:mold=10:ratio=0.1:life_color=#f2c14e:death_color=#7a2e1f,"
        "format=yuv420p,scale={w}:{h}:flags=neighbor"
    ),
    "cellauto=s={w}x{h}:r=25:rule=30,format=yuv420p",
    "rgbtestsrc=s={w}x{h}:r=25",
    "gradients=s={hw}x{hh}:r=25:speed=0.02,scale={w}:{h}",
)
#: libvpx-vp9 in realtime mode overshoots its bitrate on busy pictures, so
#: WebM clips use calm sources to stay small.
CALM_SOURCES: tuple[str, ...] = (
    "smptehdbars=s={w}x{h}:r=25",
    "rgbtestsrc=s={w}x{h}:r=25",
)

# fmt: off
X264 = [
    "-c:v", "libx264", "-preset", "ultrafast", "-crf", "30",
    "-maxrate", "100k", "-bufsize", "200k", "-pix_fmt", "yuv420p",
    "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart",
]
VP9 = [
    "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8",
    "-b:v", "300k", "-pix_fmt", "yuv420p",
    "-c:a", "libopus", "-b:a", "48k",
]
# fmt: on
#: File suffix -> (ffmpeg muxer, codec arguments).
FORMATS: dict[str, tuple[str, list[str]]] = {
    ".mp4": ("mp4", X264),
    ".m4v": ("mp4", X264),
    ".mov": ("mov", X264),
    ".webm": ("webm", VP9),
}

#: The demo's own entries, relative to the content folder.
DEMO_LIST = ".demo-entries"

_VIDEO_LINE = re.compile(r"^video:[ \t]*(?P<value>.*?)[ \t]*$")


@dataclass(frozen=True)
class Clip:
    """One demo video to generate."""

    key: str
    path: Path
    seconds: int
    width: int
    height: int
    source: str
    tone_hz: int


@dataclass(frozen=True)
class Still:
    """One demo picture to generate."""

    key: str
    path: Path
    width: int
    height: int
    source: str


def _digest(key: str) -> int:
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")


def read_video_name(index_md: Path) -> str | None:
    """Return the ``video:`` value from an entry's front matter, or None.

    A deliberately tiny parser: it looks only at the block between the first
    two ``---`` lines and strips one pair of quotes or a trailing comment.
    """
    lines = index_md.read_text(encoding="utf-8-sig").splitlines()
    if not lines or lines[0].strip() != "---":
        return None
    for line in lines[1:]:
        if line.strip() == "---":
            break
        match = _VIDEO_LINE.match(line)
        if not match:
            continue
        value = match.group("value")
        if len(value) > 1 and value[0] == value[-1] and value[0] in "\"'":
            return value[1:-1]
        return value.split(" #", 1)[0].strip() or None
    return None


def demo_entries(content: Path) -> list[str]:
    """The keys listed in ``content/.demo-entries`` (none when there is no such file)."""
    try:
        text = (content / DEMO_LIST).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    keys = [line.strip() for line in text.splitlines()]
    return [k for k in keys if k and not k.startswith("#")]


def plan(content: Path) -> tuple[list[Clip], list[str]]:
    """Describe the clip of every demo entry listed in ``content/.demo-entries``."""
    clips: list[Clip] = []
    problems: list[str] = []
    for key in sorted(demo_entries(content)):
        parts = key.split("/")
        if len(parts) != 2 or any(p in ("", ".", "..") for p in parts):
            problems.append(f"{key}: not a <school>/<entry> key, skipped")
            continue
        index_md = content / "sekolah" / parts[0] / parts[1] / "index.md"
        if not index_md.is_file():
            problems.append(f"{key}: no index.md, skipped")
            continue
        entry_dir = index_md.parent
        name = read_video_name(index_md)
        if not name:
            problems.append(f"{key}: no 'video:' in front matter, skipped")
            continue
        if Path(name).name != name or name in {".", ".."}:
            problems.append(f"{key}: video {name!r} is not a plain file name, skipped")
            continue
        suffix = Path(name).suffix.lower()
        if suffix not in FORMATS:
            problems.append(f"{key}: unsupported video type {suffix!r}, skipped")
            continue
        digest = _digest(key)
        seconds = DURATIONS.get(key, MIN_SECONDS + digest % (MAX_SECONDS - MIN_SECONDS + 1))
        width, height = (360, 640) if key in PORTRAIT else (1280, 720) if key in HD else (640, 360)
        # Round-robin over the sorted entries so neighbouring clips look different.
        sources = CALM_SOURCES if suffix == ".webm" else SOURCES
        source = sources[len(clips) % len(sources)].format(
            w=width, h=height, hw=width // 2, hh=height // 2, qw=width // 4, qh=height // 4
        )
        tone_hz = 220 + 55 * ((digest >> 32) % 12)
        clips.append(Clip(key, entry_dir / name, seconds, width, height, source, tone_hz))
    return clips, problems


def stills(content: Path) -> list[Still]:
    """The demo pictures whose folder is a listed entry's or its school's."""
    listed = set(demo_entries(content))
    folders = listed | {key.split("/")[0] for key in listed}
    return [
        Still(key, content / "sekolah" / key, width, height, source)
        for key, (width, height, source) in sorted(PICTURES.items())
        if key.rpartition("/")[0] in folders
    ]


def still_argv(ffmpeg: str, still: Still, output: Path) -> list[str]:
    """Build the ffmpeg command line that writes ``still`` to ``output``."""
    return [
        ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", still.source, "-frames:v", "1",
        *STILL_FORMATS[still.path.suffix.lower()], str(output),
    ]  # fmt: skip


def ffmpeg_argv(ffmpeg: str, clip: Clip, output: Path) -> list[str]:
    """Build the ffmpeg command line that writes ``clip`` to ``output``."""
    muxer, codec_args = FORMATS[clip.path.suffix.lower()]
    # fmt: off
    return [
        ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
        "-f", "lavfi", "-i", clip.source,
        "-f", "lavfi", "-i", f"sine=frequency={clip.tone_hz}:sample_rate=48000",
        "-t", str(clip.seconds), "-r", str(FPS),
        *codec_args,
        "-map_metadata", "-1",
        "-f", muxer, str(output),
    ]
    # fmt: on


def make(ffmpeg: str, item: Clip | Still) -> str | None:
    """Generate one clip or picture atomically; return an error message or None.

    ffmpeg writes to a hidden temporary name beside the final file, which is
    renamed into place only on success and removed on any failure.
    """
    partial = item.path.with_name(f".{item.path.name}.tmp")
    argv = ffmpeg_argv if isinstance(item, Clip) else still_argv
    try:
        result = subprocess.run(
            argv(ffmpeg, item, partial),  # type: ignore[arg-type]
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
        if result.returncode != 0:
            tail = " | ".join(result.stderr.strip().splitlines()[-3:])
            return f"ffmpeg exited with {result.returncode}: {tail}"
        os.replace(partial, item.path)
    except subprocess.TimeoutExpired:
        return f"ffmpeg took longer than {TIMEOUT_SECONDS} s"
    except OSError as exc:
        return str(exc)
    finally:
        partial.unlink(missing_ok=True)
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the script; return the process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--content", type=Path, default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument("--force", action="store_true", help="regenerate clips that already exist")
    parser.add_argument(
        "--jobs", type=int, default=min(4, os.cpu_count() or 2), help="ffmpeg processes at once"
    )
    args = parser.parse_args(argv)

    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        print(
            "error: ffmpeg was not found on PATH; install it "
            "(e.g. 'apt-get install ffmpeg') and run again.",
            file=sys.stderr,
        )
        return 2
    if not (args.content / "sekolah").is_dir():
        print(f"error: {args.content / 'sekolah'} is not a folder.", file=sys.stderr)
        return 2

    if not demo_entries(args.content):
        print(
            f"no demo entries listed in {args.content / DEMO_LIST}: nothing to make "
            "(a real catalogue's videos come from the schools)."
        )
        return 0
    clips, problems = plan(args.content)
    for problem in problems:
        print(f"skip     {problem}")
    items: list[Clip | Still] = [*clips, *stills(args.content)]
    todo = [item for item in items if args.force or not item.path.exists()]
    for item in items:
        if item not in todo:
            print(f"exists   {item.key}: {item.path.name}")

    started = time.monotonic()
    failures = 0
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for item, error in zip(todo, pool.map(lambda c: make(ffmpeg, c), todo), strict=True):
            if error:
                failures += 1
                print(f"FAILED   {item.key}: {item.path.name}: {error}")
                continue
            size = item.path.stat().st_size
            shape = f"{item.width}x{item.height}"
            seconds = f"{item.seconds} s " if isinstance(item, Clip) else ""
            note = "  (larger than expected)" if size > SIZE_WARNING_BYTES else ""
            print(
                f"made     {item.key}: {item.path.name} {seconds}{shape} {size / 1e6:.2f} MB{note}"
            )

    made = len(todo) - failures
    print(
        f"{made} made, {len(items) - len(todo)} already present, "
        f"{len(problems)} skipped, {failures} failed "
        f"in {time.monotonic() - started:.1f} s"
    )
    return 1 if failures or problems else 0


if __name__ == "__main__":
    sys.exit(main())

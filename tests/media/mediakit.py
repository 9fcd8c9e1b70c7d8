"""Helpers for the media tests: read facts back from outputs with the real ffprobe/ffmpeg."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

from etalase.policy import Policy, default_policy
from scenarios import TEST_DURATION_MIN

FFMPEG = shutil.which("ffmpeg") or "ffmpeg"
FFPROBE = shutil.which("ffprobe") or "ffprobe"
#: Tags phones write that must never reach a visitor.
PRIVATE_TAGS = (
    "location",
    "location-eng",
    "com.apple.quicktime.location.iso6709",
    "make",
    "model",
    "com.apple.quicktime.make",
    "com.apple.quicktime.model",
    "creation_time",
    "date",
    "com.android.version",
)


def media_policy(**changes: Any) -> Policy:
    """The fixture trees' policy (3 s clips valid) with ``changes`` applied."""
    base = {"districts": ("Blora", "Cepu", "Jepon"), "duration_min": TEST_DURATION_MIN}
    return replace(default_policy(), **{**base, **changes})


def ffprobe(path: Path) -> dict[str, Any]:
    out = subprocess.run(
        [
            FFPROBE,
            "-v",
            "error",
            "-print_format",
            "json",
            "-show_format",
            "-show_streams",
            str(path),
        ],
        check=True,
        capture_output=True,
    ).stdout
    data: dict[str, Any] = json.loads(out)
    return data


def stream(info: dict[str, Any], kind: str) -> dict[str, Any] | None:
    return next((s for s in info["streams"] if s["codec_type"] == kind), None)


def all_tags(info: dict[str, Any]) -> dict[str, str]:
    """Every tag of the file and of its streams, keys lower-cased."""
    tags = {k.lower(): v for k, v in info["format"].get("tags", {}).items()}
    for s in info["streams"]:
        tags.update({k.lower(): v for k, v in s.get("tags", {}).items()})
    return tags


def rotation(video: dict[str, Any]) -> float:
    for side in video.get("side_data_list", []):
        if "rotation" in side:
            return float(side["rotation"])
    return float(video.get("tags", {}).get("rotate", 0))


def is_faststart(path: Path) -> bool:
    """The ``moov`` atom comes before ``mdat`` (the player can start before the end)."""
    data = path.read_bytes()
    return 0 <= data.find(b"moov") < data.find(b"mdat")


def mean_luma(image: Path) -> float:
    """Average brightness (0-255) of an image or a video's first frame."""
    out = subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-i",
            str(image),
            "-frames:v",
            "1",
            "-vf",
            "scale=32:18,format=gray",
            "-f",
            "rawvideo",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    assert len(out) == 32 * 18
    return sum(out) / len(out)


def make_late_start(path: Path) -> Path:
    """A 20 s clip, black for its first 12 seconds: the first poster candidates are black."""
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "color=c=black:s=160x120:r=10:d=12",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=160x120:r=10:d=8",
            "-filter_complex",
            "[0:v][1:v]concat=n=2:v=1[v]",
            "-map",
            "[v]",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


def make_noisy(path: Path, size: str = "640x360") -> Path:
    """A 6 s clip of pure detail (rule-30 automaton): the worst frame a poster can get."""
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            f"cellauto=s={size}:r=10:rule=30,format=yuv420p,trim=duration=6",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-crf",
            "12",
            str(path),
        ],
        check=True,
    )
    return path

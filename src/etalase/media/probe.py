"""Reading a clip's facts with ffprobe: duration, picture size, rotation, codecs.

ffprobe reads only the container headers (``-show_format -show_streams``), so a
two-hour upload is measured as fast as a short one; nothing is decoded. The
answer is parsed from ffprobe's JSON, never from human-readable stderr. Headers
survive a stalled upload, so the file's size is held against what its container
says it holds (:mod:`etalase.media.container`): a clip cut off in transfer is a
``truncated`` failure, never facts.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import process
from ..content.video import ProbeResult, VideoInfo
from ..reasons import tool_reason
from .commands import probe_command
from .container import is_truncated
from .tools import Tools

#: Part of every remembered probe answer's key: change it when what a probe judges
#: changes. "v2": a clip shorter than its headers say is ``truncated``.
PROBE_RECIPE = "v2"


def probe_args(tools: Tools, path: Path) -> list[str]:
    """The ffprobe command line for ``path`` (absolute, behind ``file:``)."""
    return probe_command(tools.ffprobe, path)


def probe(tools: Tools, path: Path, timeout: float) -> ProbeResult:
    """Probe one clip, bounded by ``timeout`` seconds.

    A clip shorter than its container says (an upload that stalled) is a
    ``truncated`` failure, whether ffprobe read its headers or not.
    """
    result = process.run(probe_args(tools, path), timeout=timeout)
    if result.timed_out:
        return ProbeResult(None, "timeout")
    cut = is_truncated(path)
    if not result.ok:
        said = tool_reason(result.stderr_tail, f"file:{path.resolve()}")
        return ProbeResult(None, "truncated" if cut else "unreadable", **said)
    if cut:
        return ProbeResult(None, "truncated")
    try:
        data = json.loads(result.stdout)
    except ValueError:
        return ProbeResult(None, "unreadable", "jawaban ffprobe tidak terbaca", "ffprobe JSON")
    return parse(data)


def parse(data: Any) -> ProbeResult:
    """Turn ffprobe's JSON into a :class:`ProbeResult`."""
    if not isinstance(data, dict):
        return ProbeResult(None, "unreadable", "jawaban ffprobe tidak terbaca", "ffprobe JSON")
    streams = [s for s in data.get("streams") or [] if isinstance(s, dict)]
    fmt = data.get("format") if isinstance(data.get("format"), dict) else {}
    assert isinstance(fmt, dict)
    if not streams:
        return ProbeResult(None, "unreadable", "tidak ada isi video atau suara", "no streams")
    pictures = [
        s
        for s in streams
        if s.get("codec_type") == "video"
        and not (s.get("disposition") or {}).get("attached_pic")
        and _int(s.get("width")) > 0
    ]
    if not pictures:
        return ProbeResult(None, "no-picture")
    video = pictures[0]
    codec = video.get("codec_name")
    if not codec or codec == "none":
        # ffprobe names no codec it has no decoder for: nothing could be made of it.
        tag = str(video.get("codec_tag_string") or "?")[:16]
        return ProbeResult(None, "unknown-codec", tag)
    audio = next((s for s in streams if s.get("codec_type") == "audio"), None)
    duration = _duration(fmt, video)
    if duration is None:
        return ProbeResult(None, "no-duration")
    info = VideoInfo(
        duration=duration,
        width=_int(video.get("width")),
        height=_int(video.get("height")),
        rotation=_rotation(video),
        video_codec=str(codec),
        audio_codec=str(audio.get("codec_name")) if audio else None,
        container=str(fmt.get("format_name", "?")),
        bit_rate=_int(fmt.get("bit_rate")) or None,
        pixel_format=str(video["pix_fmt"]) if video.get("pix_fmt") else None,
        color_transfer=str(video["color_transfer"]) if video.get("color_transfer") else None,
    )
    return ProbeResult(info)


def _number(value: object) -> float | None:
    """A finite number, or None for anything else ffprobe might print."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value: object) -> int:
    number = _number(value)
    return int(number) if number is not None else 0


def _duration(fmt: dict[str, Any], video: dict[str, Any]) -> float | None:
    for value in (fmt.get("duration"), video.get("duration")):
        number = _number(value)
        if number is not None and number > 0:
            return number
    return None


def _rotation(video: dict[str, Any]) -> int:
    """Clockwise display rotation in degrees (0, 90, 180 or 270)."""
    for side in video.get("side_data_list") or []:
        angle = _number(side.get("rotation")) if isinstance(side, dict) else None
        if angle is not None:
            # The display matrix is reported counter-clockwise: -90 is a portrait phone clip.
            return round(-angle / 90) * 90 % 360
    tags = video.get("tags")
    angle = _number(tags.get("rotate")) if isinstance(tags, dict) else None
    return round(angle / 90) * 90 % 360 if angle is not None else 0


@functools.lru_cache(maxsize=8)
def bare_prober(tools: Tools, timeout: float) -> Callable[[Path], ProbeResult]:
    """ffprobe without a cache, for a load that keeps nothing (tests, benchmarks).

    The same callable for the same tools, so a read memo's answers still hold.
    """
    return lambda path: probe(tools, path, timeout)

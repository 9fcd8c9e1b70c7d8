"""Posters: one representative, upright frame as WebP and JPEG at a few widths.

The frame is the entry's ``poster_time`` when given. Otherwise candidate moments
through the clip are tried in turn (a quarter in first, which is past most
fade-ins and black leaders) until one is neither black nor a blank, flat
picture. The posters of the first candidate are written and the frame is
measured (shrunk to a few hundred grey pixels on ffmpeg's stdout) in one call,
so a normal clip costs one process; only a dark first frame costs cheap looks at
the other candidates and a second write. If every candidate is dark or flat the
liveliest one is used, so a short or odd clip still gets a poster. ffmpeg applies the rotation flag
while decoding, so portrait clips give portrait posters, and neither WebP nor
JPEG output carries EXIF or any other metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import process
from ..process import StepFailed
from .cache import temp_output
from .outputs import Poster
from .picture import sdr_chain
from .tools import SAFE_INPUT_OPTIONS, Tools

#: Where to look, as fractions of the duration, in order of preference.
CANDIDATES = (0.25, 0.5, 0.75, 0.1, 0.9)
SAMPLE_W, SAMPLE_H = 32, 18
#: Mean luma below this is black (video black is 16 on the 16-235 scale).
DARK_MEAN = 28.0
#: A standard deviation below this is a flat picture (a blank wall, a title card colour).
FLAT_STDDEV = 6.0
WEBP_QUALITY = 72
JPEG_QSCALE = 5  # mjpeg -q:v, 2 (best) .. 31
#: Part of the cache key: change it when the way posters are made changes.
POSTER_RECIPE = ("v1", CANDIDATES, DARK_MEAN, FLAT_STDDEV, WEBP_QUALITY, JPEG_QSCALE)


@dataclass(frozen=True, slots=True)
class FrameLook:
    """How one sampled frame looks."""

    time: float
    mean: float
    stddev: float

    @property
    def acceptable(self) -> bool:
        return self.mean >= DARK_MEAN and self.stddev >= FLAT_STDDEV


def candidate_times(duration: float) -> list[float]:
    """Moments to try, in order; a very short clip is looked at near its start."""
    latest = max(0.0, duration - 0.2)
    times = [round(min(duration * f, latest), 3) for f in CANDIDATES]
    return list(dict.fromkeys(times))


def look(tools: Tools, source: Path, at: float, timeout: float) -> FrameLook | None:
    """Decode the frame at ``at`` seconds as tiny grey pixels and measure it.

    Returns None when there is no frame there (past the end of a clip whose
    duration was over-reported).

    Raises:
        StepFailed: ffmpeg failed or timed out.
    """
    args = [
        tools.ffmpeg, "-v", "error", "-nostdin", "-hide_banner",
        "-ss", f"{at:.3f}", *SAFE_INPUT_OPTIONS, "-i", f"file:{source.resolve()}",
        "-map", "0:V:0", "-frames:v", "1", "-an", "-sn", "-dn",
        "-vf", f"scale={SAMPLE_W}:{SAMPLE_H}:flags=area,format=gray",
        "-f", "rawvideo", "pipe:1",
    ]  # fmt: skip
    result = process.run(args, timeout=timeout)
    result.check()
    return _measure(result.stdout, at)


def _measure(data: bytes, at: float) -> FrameLook | None:
    pixels = data[: SAMPLE_W * SAMPLE_H]
    if len(pixels) < SAMPLE_W * SAMPLE_H:
        return None
    mean = sum(pixels) / len(pixels)
    variance = sum((p - mean) ** 2 for p in pixels) / len(pixels)
    return FrameLook(at, mean, variance**0.5)


def choose_time(
    tools: Tools,
    source: Path,
    duration: float,
    timeout: float,
    poster_time: float | None,
    *,
    candidates: Sequence[float] | None = None,
    seen: Sequence[FrameLook] = (),
) -> float:
    """The moment the poster shows: ``poster_time``, or the first lively candidate.

    Args:
        tools: ffmpeg.
        source: The clip.
        duration: Its length in seconds.
        timeout: Seconds per ffmpeg call.
        poster_time: The entry's choice, taken as is.
        candidates: Moments to look at (default: :func:`candidate_times`).
        seen: Frames already measured, kept as fallbacks.

    Raises:
        StepFailed: ffmpeg failed or timed out.
    """
    if poster_time is not None:
        return poster_time
    looked = list(seen)
    for at in candidate_times(duration) if candidates is None else candidates:
        found = look(tools, source, at, timeout)
        if found is None:
            continue
        if found.acceptable:
            return found.time
        looked.append(found)
    if not looked:
        return 0.0
    return max(looked, key=lambda f: (f.mean >= DARK_MEAN, f.stddev, f.mean)).time


def poster_sizes(display: tuple[int, int], widths: Sequence[int]) -> list[tuple[int, int]]:
    """Even-sized (width, height) pairs, ascending, never wider than the clip."""
    width, height = display
    sizes: dict[int, int] = {}
    for wanted in sorted(widths):
        w = max(2, min(wanted, width) // 2 * 2)
        h = max(2, round(height * w / width / 2) * 2)
        sizes.setdefault(w, h)
    return sorted(sizes.items())


def render_posters(
    tools: Tools,
    source: Path,
    duration: float,
    poster_time: float | None,
    sizes: Sequence[tuple[int, int]],
    targets: Sequence[tuple[Path, Path]],
    timeout: float,
    color_transfer: str | None = None,
) -> tuple[list[Poster], float]:
    """Write the posters at the best moment; usually a single ffmpeg call.

    The first candidate is written and measured in the same call. Only when it
    is dark or flat are the other candidates looked at (cheaply), and the
    posters written again at the chosen moment.

    Returns:
        The posters and the second they show.

    Raises:
        StepFailed: ffmpeg failed, timed out or found no frame at all.
    """
    first = poster_time if poster_time is not None else candidate_times(duration)[0]
    made = make_posters(tools, source, first, sizes, targets, timeout, color_transfer)
    if made is not None and (poster_time is not None or made[1].acceptable):
        return made[0], first
    later = [t for t in candidate_times(duration) if t != first]
    at = choose_time(tools, source, duration, timeout, None, candidates=later,
                     seen=[made[1]] if made else [])  # fmt: skip
    if made is not None and at == first:
        return made[0], first
    again = make_posters(tools, source, at, sizes, targets, timeout, color_transfer)
    if again is None:
        raise StepFailed("no frame")
    return again[0], at


def make_posters(
    tools: Tools,
    source: Path,
    at: float,
    sizes: Sequence[tuple[int, int]],
    targets: Sequence[tuple[Path, Path]],
    timeout: float,
    color_transfer: str | None = None,
) -> tuple[list[Poster], FrameLook] | None:
    """Write the frame at ``at`` as WebP and JPEG at every size, in one ffmpeg call.

    The same call measures the frame (see :func:`look`), so the caller can
    tell whether it is worth showing.

    Args:
        tools: ffmpeg.
        source: The clip.
        at: Seconds into the clip.
        sizes: (width, height) per poster.
        targets: (webp, jpeg) final paths per size; written atomically.
        timeout: Seconds before ffmpeg is killed.
        color_transfer: The clip's, so that HDR is tone-mapped to SDR.

    Returns:
        The posters and how the frame looks, or None when there is no frame at ``at``.

    Raises:
        StepFailed: ffmpeg failed or timed out.
    """
    n = len(sizes)
    first = ",".join([*sdr_chain(color_transfer), f"split={2 * n + 1}"])
    chains = [f"[0:V:0]{first}" + "".join(f"[s{i}]" for i in range(2 * n + 1))]
    for i, (w, h) in enumerate(sizes):
        for j, kind in ((2 * i, "w"), (2 * i + 1, "j")):
            chains.append(f"[s{j}]scale={w}:{h}:flags=lanczos,setsar=1[{kind}{i}]")
    chains.append(f"[s{2 * n}]scale={SAMPLE_W}:{SAMPLE_H}:flags=area,format=gray[g]")
    args = [
        tools.ffmpeg, "-v", "error", "-nostdin", "-hide_banner", "-y",
        "-ss", f"{at:.3f}", *SAFE_INPUT_OPTIONS, "-i", f"file:{source.resolve()}",
        "-filter_complex", ";".join(chains),
    ]  # fmt: skip
    temps: list[tuple[Path, Path]] = []
    for i, (webp, jpeg) in enumerate(targets):
        tw, tj = temp_output(webp), temp_output(jpeg)
        temps.append((tw, tj))
        args += ["-map", f"[w{i}]", "-frames:v", "1", "-map_metadata", "-1",
                 "-c:v", "libwebp", "-quality", str(WEBP_QUALITY), "-f", "webp", str(tw),
                 "-map", f"[j{i}]", "-frames:v", "1", "-map_metadata", "-1",
                 "-c:v", "mjpeg", "-q:v", str(JPEG_QSCALE), "-f", "mjpeg", str(tj)]  # fmt: skip
    args += ["-map", "[g]", "-frames:v", "1", "-f", "rawvideo", "pipe:1"]
    outputs = [p for pair in temps for p in pair]
    result = process.run(args, timeout=timeout, outputs=outputs)
    try:
        result.check()
        seen = _measure(result.stdout, at)
        if seen is None or not all(p.is_file() and p.stat().st_size > 0 for p in outputs):
            return None
        posters = []
        for (w, h), (tw, tj), (webp, jpeg) in zip(sizes, temps, targets, strict=True):
            tw.replace(webp)
            tj.replace(jpeg)
            posters.append(Poster(width=w, height=h, webp=webp, jpeg=jpeg))
        return posters, seen
    finally:
        for path in outputs:
            path.unlink(missing_ok=True)

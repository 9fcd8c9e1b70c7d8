"""Posters: one representative, upright frame as WebP and JPEG at a few widths.

The frame is the entry's ``poster_time`` when given. Otherwise candidate moments
through the clip are tried in turn (a quarter in first, which is past most
fade-ins and black leaders) until one is neither black nor a blank, flat
picture. In the media step's one pass (:mod:`etalase.media.onepass`) every
candidate is measured (shrunk to a few hundred grey pixels) while the clip is
decoded for its renditions, and the posters of the first candidate are written;
only when that frame is dark or flat is a second, seeking call made to write the
posters of the chosen moment. With nothing to decode (only the posters to make
again) the first candidate is written and measured by seeking to it, and a dark
first frame costs cheap looks at the others (:func:`render_posters`). If every
candidate is dark or flat the liveliest one is used, so a short or odd clip
still gets a poster. ffmpeg applies the rotation flag
while decoding, so portrait clips give portrait posters, and neither WebP nor
JPEG output carries EXIF or any other metadata.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import process
from ..process import StepFailed
from .cache import temp_output
from .commands import (
    LOOK_H,
    LOOK_W,
    PIPE,
    POSTER_LADDER,
    LookOutput,
    PosterOutputs,
    clip_command,
)
from .outputs import Poster
from .tools import Tools

#: Where to look, as fractions of the duration, in order of preference.
CANDIDATES = (0.25, 0.5, 0.75, 0.1, 0.9)
SAMPLE_W, SAMPLE_H = LOOK_W, LOOK_H
#: Mean luma below this is black (video black is 16 on the 16-235 scale).
DARK_MEAN = 28.0
#: A standard deviation below this is a flat picture (a blank wall, a title card colour).
FLAT_STDDEV = 6.0
#: Two looks whose grey pixels differ by less than this on average (0-255) show one picture.
STILL_DIFF = 0.5
#: A clip is one still picture when at least this many looks through it all show one picture.
STILL_LOOKS = 3
#: Most bytes a poster file may take per pixel: 37 KB at 640x360, so a phone's
#: entry page (about 70 KB of theme, script and text) stays within its 120 KB
#: with a 640 px poster of even a noisy frame. A calm or ordinary frame is well
#: under it at the best quality and is never touched.
BYTES_PER_PIXEL = 0.16
#: Small posters get at least this much (the file headers alone are ~100 bytes).
MIN_BUDGET = 6_000
#: Part of the cache key: change it when the way posters are made changes.
POSTER_RECIPE = (
    "v2",
    CANDIDATES,
    DARK_MEAN,
    FLAT_STDDEV,
    POSTER_LADDER,
    BYTES_PER_PIXEL,
    MIN_BUDGET,
)


@dataclass(frozen=True, slots=True)
class FrameLook:
    """How one sampled frame looks."""

    time: float
    mean: float
    stddev: float
    pixels: bytes = field(default=b"", repr=False, compare=False)

    @property
    def acceptable(self) -> bool:
        return self.mean >= DARK_MEAN and self.stddev >= FLAT_STDDEV


def is_still(looked: Sequence[FrameLook]) -> bool:
    """Whether the frames looked at through a clip all show one picture.

    A photo (or a dark screen) held for the whole clip: the one pass looks at five
    moments from 10 % to 90 % of the clip anyway, so this costs no decoding. A
    slideshow, or anything moving, differs somewhere.
    """
    frames = [f.pixels for f in looked if f.pixels]
    if len(frames) < STILL_LOOKS:
        return False
    first = frames[0]
    return all(
        sum(abs(a - b) for a, b in zip(first, other, strict=True)) < STILL_DIFF * len(first)
        for other in frames[1:]
    )


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
    args = clip_command(tools.ffmpeg, source, looks=[LookOutput(at, PIPE)])
    result = process.run(args, timeout=timeout)
    result.check()
    return measure(result.stdout, at)


def best_time(looked: Sequence[FrameLook]) -> float | None:
    """The first acceptable moment of ``looked`` (in order of preference), else the liveliest."""
    for found in looked:
        if found.acceptable:
            return found.time
    if not looked:
        return None
    return max(looked, key=lambda f: (f.mean >= DARK_MEAN, f.stddev, f.mean)).time


def measure(data: bytes, at: float) -> FrameLook | None:
    """How the grey frame ``data`` (taken at ``at``) looks; None when there is no frame."""
    pixels = data[: SAMPLE_W * SAMPLE_H]
    if len(pixels) < SAMPLE_W * SAMPLE_H:
        return None
    mean = sum(pixels) / len(pixels)
    variance = sum((p - mean) ** 2 for p in pixels) / len(pixels)
    return FrameLook(at, mean, variance**0.5, bytes(pixels))


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
    at = choose_time(
        tools, source, duration, timeout, None, candidates=later, seen=[made[1]] if made else []
    )
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
    step: int = 0,
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
        step: The step of :data:`POSTER_LADDER` (0: the best quality).

    Returns:
        The posters and how the frame looks, or None when there is no frame at ``at``.

    Raises:
        StepFailed: ffmpeg failed or timed out.
    """
    temps = [(temp_output(webp), temp_output(jpeg)) for webp, jpeg in targets]
    wanted = PosterOutputs(at, tuple(sizes), tuple(temps), step)
    args = clip_command(
        tools.ffmpeg,
        source,
        posters=wanted,
        looks=[LookOutput(at, PIPE)],
        color_transfer=color_transfer,
    )
    outputs = [p for pair in temps for p in pair]
    result = process.run(args, timeout=timeout, outputs=outputs)
    try:
        result.check()
        seen = measure(result.stdout, at)
        if seen is None or not written(outputs):
            return None
        return adopt(sizes, temps, targets), seen
    finally:
        for path in outputs:
            path.unlink(missing_ok=True)


def budget(poster: Poster) -> int:
    """The most bytes each of ``poster``'s files may take.

    An upright poster gets what a 16:9 one of its width gets: the page shows
    it in a slot no wider (see ``etalase.site.views.Player.phone_poster``).
    """
    pixels = poster.width * min(poster.height, poster.width * 9 // 16)
    return max(MIN_BUDGET, int(pixels * BYTES_PER_PIXEL))


def over_budget(poster: Poster) -> bool:
    """Either file of ``poster`` is larger than :func:`budget` allows."""
    limit = budget(poster)
    return any(path.stat().st_size > limit for path in (poster.webp, poster.jpeg))


def fit_posters(
    tools: Tools,
    source: Path,
    at: float,
    posters: Sequence[Poster],
    timeout: float,
    color_transfer: str | None = None,
) -> list[Poster]:
    """Encode the posters over their byte budget again, a quality step lower each time.

    Only a noisy frame gets here: one seeking ffmpeg call per step, for the
    sizes still over. The last step's files are kept even if one is still over.

    Raises:
        StepFailed: ffmpeg failed or timed out.
    """
    for step in range(1, len(POSTER_LADDER)):
        over = [p for p in posters if over_budget(p)]
        if not over:
            break
        sizes = [(p.width, p.height) for p in over]
        targets = [(p.webp, p.jpeg) for p in over]
        if make_posters(tools, source, at, sizes, targets, timeout, color_transfer, step) is None:
            break
    return list(posters)


def written(files: Sequence[Path]) -> bool:
    """Every file exists and is not empty (ffmpeg writes nothing where there is no frame)."""
    return all(p.is_file() and p.stat().st_size > 0 for p in files)


def adopt(
    sizes: Sequence[tuple[int, int]],
    temps: Sequence[tuple[Path, Path]],
    targets: Sequence[tuple[Path, Path]],
) -> list[Poster]:
    """Move written temporary posters to their final paths (atomically, one by one)."""
    posters = []
    for (w, h), (tw, tj), (webp, jpeg) in zip(sizes, temps, targets, strict=True):
        tw.replace(webp)
        tj.replace(jpeg)
        posters.append(Poster(width=w, height=h, webp=webp, jpeg=jpeg))
    return posters

"""One ffmpeg call per clip for everything the cache lacks: renditions and posters.

The clip is decoded once and split into every rendition asked (the rows of
:func:`~etalase.media.rendition.renditions` the cache lacks), the poster frame (every width, WebP and JPEG) and a tiny grey copy
of each candidate moment, so the black/flat-frame rule is judged in the same
call (:mod:`etalase.media.poster`). A rendition that is a stream copy joins the
call without decoding; when nothing is decoded, the poster frame is read by
seeking to its moment instead.

The call is split only where one pass cannot do the work (see
:func:`settle_posters`): when the first candidate moment turns out dark or
flat, the posters of the chosen moment are written again by a second,
seeking call, because which frame wins is known only once the whole clip has
been decoded; and when ``poster_time`` (or every candidate) lies past the last
frame, the separate poster search of :func:`~etalase.media.poster.render_posters`
takes over.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .. import process
from ..content.video import VideoInfo
from ..process import StepFailed
from .cache import temp_output
from .commands import LookOutput, PosterOutputs, clip_command
from .outputs import Poster, Rendition
from .poster import (
    FrameLook,
    adopt,
    best_time,
    candidate_times,
    choose_time,
    fit_posters,
    make_posters,
    measure,
    render_posters,
    written,
)
from .rendition import Recipe
from .tools import Tools


@dataclass(frozen=True, slots=True)
class PosterJob:
    """The posters a clip needs: sizes, their final (webp, jpeg) paths, the entry's moment."""

    sizes: tuple[tuple[int, int], ...]
    targets: tuple[tuple[Path, Path], ...]
    poster_time: float | None


@dataclass(slots=True)
class PassResult:
    """What the one call made; posters may still need :func:`settle_posters`."""

    renditions: list[tuple[Rendition, bool]]  # (rendition, remuxed), in the order asked
    posters: tuple[list[Poster], float] | None = None  # settled posters and their moment
    looked: list[FrameLook] = field(default_factory=list)  # candidates measured, in order
    unlooked: list[float] = field(default_factory=list)  # candidates not measured


def one_pass(
    tools: Tools,
    source: Path,
    info: VideoInfo,
    renditions: Sequence[tuple[Recipe, Path]],
    posters: PosterJob | None,
    *,
    timeout: float,
    threads: int = 0,
) -> PassResult:
    """Make the renditions (final paths given) and, usually, the posters in one ffmpeg call.

    Args:
        tools: ffmpeg.
        source: The school's clip (only read).
        info: Its probe facts.
        renditions: (recipe, final path) per rendition to make.
        posters: The posters to make, or None.
        timeout: Seconds per encode: the call is allowed this much per
            rendition it encodes (at least once), as separate calls were.
        threads: Decoder and encoder threads (0: ffmpeg decides).

    Returns:
        The renditions, and the posters when the call settled them.

    Raises:
        StepFailed: ffmpeg failed or timed out; nothing of the call is kept.
    """
    videos = [recipe.output(info, source, temp_output(target)) for recipe, target in renditions]
    decoding = any(not v.copy for v in videos)
    wanted: PosterOutputs | None = None
    looks: list[LookOutput] = []
    candidates: list[float] = []
    if posters is not None:
        candidates = candidate_times(info.duration)
        at = posters.poster_time if posters.poster_time is not None else candidates[0]
        temps = tuple((temp_output(w), temp_output(j)) for w, j in posters.targets)
        wanted = PosterOutputs(at, posters.sizes, temps)
        if posters.poster_time is None:
            # Decoding anyway, every candidate costs a tiny frame; seeking, only the first.
            looked_at = candidates if decoding else candidates[:1]
            gray = posters.targets[0][0].with_suffix(".gray")
            looks = [LookOutput(t, str(temp_output(gray))) for t in looked_at]
    args = clip_command(
        tools.ffmpeg,
        source,
        videos=videos,
        posters=wanted,
        looks=looks,
        color_transfer=info.color_transfer,
        threads=threads,
    )
    files = [v.target for v in videos]
    files += [p for pair in wanted.targets for p in pair] if wanted else []
    files += [Path(look.target) for look in looks]
    limit = timeout * max(1, sum(not v.copy for v in videos))
    try:
        process.run(args, timeout=limit, outputs=files).check()
        made: list[tuple[Rendition, bool]] = []
        for (recipe, target), video in zip(renditions, videos, strict=True):
            os.replace(video.target, target)
            rendition = Rendition(
                recipe.name, target, video.width, video.height, target.stat().st_size
            )
            made.append((rendition, video.copy))
        result = PassResult(made)
        if posters is not None and wanted is not None:
            result.looked = [
                found
                for look in looks
                if (found := measure(Path(look.target).read_bytes(), look.at)) is not None
            ]
            result.unlooked = [t for t in candidates if t not in {look.at for look in looks}]
            chosen = _settled(posters, wanted.at, result, complete=decoding)
            if chosen is not None and written([p for pair in wanted.targets for p in pair]):
                result.posters = adopt(posters.sizes, wanted.targets, posters.targets), chosen
        return result
    finally:
        for path in files:
            path.unlink(missing_ok=True)


def _settled(
    posters: PosterJob, written_at: float, result: PassResult, complete: bool
) -> float | None:
    """The moment whose posters the call wrote, if they are the ones to keep."""
    if posters.poster_time is not None:
        return written_at
    first = next((f for f in result.looked if f.time == written_at), None)
    if first is None:
        return None
    if first.acceptable or (complete and best_time(result.looked) == written_at):
        return written_at
    return None


def settle_posters(
    tools: Tools,
    source: Path,
    info: VideoInfo,
    posters: PosterJob,
    made: PassResult,
    *,
    timeout: float,
) -> tuple[list[Poster], float]:
    """The final posters: kept from :func:`one_pass`, or written by a separate call.

    The one pass writes the first candidate's posters; when that frame is dark
    or flat, the chosen moment's are written here by seeking (one call). A
    clip whose frames all lie before every candidate (or before ``poster_time``)
    gets the separate search of :func:`render_posters`. Posters over their byte
    budget (a noisy frame) are encoded again smaller (:func:`fit_posters`).

    Raises:
        StepFailed: ffmpeg failed, timed out or found no frame at all.
    """
    made_posters, at = _chosen_posters(tools, source, info, posters, made, timeout=timeout)
    return fit_posters(tools, source, at, made_posters, timeout, info.color_transfer), at


def _chosen_posters(
    tools: Tools,
    source: Path,
    info: VideoInfo,
    posters: PosterJob,
    made: PassResult,
    *,
    timeout: float,
) -> tuple[list[Poster], float]:
    if made.posters is not None:
        return made.posters
    sizes, targets = list(posters.sizes), list(posters.targets)
    if posters.poster_time is not None or not made.looked:
        return render_posters(
            tools,
            source,
            info.duration,
            posters.poster_time,
            sizes,
            targets,
            timeout,
            info.color_transfer,
        )
    if made.unlooked:  # seeking: only the first candidate was looked at
        at: float | None = choose_time(
            tools, source, info.duration, timeout, None, candidates=made.unlooked, seen=made.looked
        )
    else:
        at = best_time(made.looked)
    assert at is not None  # made.looked is not empty
    again = make_posters(tools, source, at, sizes, targets, timeout, info.color_transfer)
    if again is None:
        raise StepFailed("no frame")
    return again[0], at

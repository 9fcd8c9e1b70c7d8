"""Pictures a school put beside its text or as its logo, re-encoded before they are published.

A photo straight from a phone carries its GPS position, the phone's make and
model and the time it was taken, and a file called ``foto.png`` may be any
bytes at all. Nothing a school sends reaches the site as it is: each JPEG, PNG
or WebP is decoded by ffmpeg (bounded by the runner, so a hostile file cannot
hang or crash the build) and written again in the same format, at most
:data:`MAX_SIDE` pixels on its longer side, turned upright by its EXIF
orientation, with every metadata block gone. A wide picture also gets the
narrower copies of :data:`NARROWER`, made from that clean copy, so a phone on
mobile data fetches the one its screen needs (``srcset``), not the full one.
Outputs live in the media cache, keyed by the picture's content, so an
unchanged picture costs nothing on the next build.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import process
from ..content.layout import IMAGE_SUFFIXES
from ..problems import Problem, problem
from .cache import MediaCache, job_key, temp_output
from .commands import COPY_CODECS, PICTURE_CODECS, PictureOutput, picture_command, probe_command
from .tools import Tools

MAX_SIDE = 1600
#: The narrower copies of a wide picture, in pixels: a 360 px phone screen at
#: 2x density takes the 720 px one (about a fifth of the full picture's bytes).
#: A copy is made only where the picture is a tenth wider than it, at least, and
#: kept only where it is lighter than the full picture.
NARROWER = (360, 720, 1080)
#: Part of the cache key: change it when the way pictures are made changes.
IMAGE_RECIPE = ("v3", MAX_SIDE, NARROWER)
assert set(PICTURE_CODECS) == IMAGE_SUFFIXES


@dataclass(frozen=True, slots=True)
class ImageJob:
    """One picture to publish: its source and the problem path it is shown as."""

    source: Path
    shown: str


@dataclass(frozen=True, slots=True)
class PictureFile:
    """One made copy of a picture, in the media cache."""

    path: Path
    width: int
    height: int


@dataclass(frozen=True, slots=True)
class Picture:
    """A published picture: its copies narrowest first, the full-size one last."""

    files: tuple[PictureFile, ...]


@dataclass(frozen=True, slots=True)
class ImageResult:
    """Re-encoded pictures by source path (as given), and the pictures refused."""

    made: dict[Path, Picture]
    problems: tuple[Problem, ...]


def narrower_sizes(width: int, height: int) -> list[tuple[int, int]]:
    """The sizes of the narrower copies a ``width`` x ``height`` picture gets."""
    return [(w, max(1, round(height * w / width))) for w in NARROWER if w * 1.1 <= width]


def publish_images(
    jobs: Sequence[ImageJob], tools: Tools, cache: MediaCache, *, timeout: float, workers: int = 2
) -> ImageResult:
    """Re-encode (or take from the cache) every picture; refused ones become problems."""
    version = cache.tool_version(tools)

    def one(job: ImageJob) -> tuple[ImageJob, Picture | None, Problem | None]:
        suffix = job.source.suffix.lower()
        try:
            sha = cache.source_hash(job.source)
        except OSError as exc:
            return job, None, _refused(job, exc.strerror or type(exc).__name__)
        codecs = (PICTURE_CODECS[suffix], COPY_CODECS[suffix])
        key = job_key("image", sha, version, IMAGE_RECIPE, codecs, suffix)
        full = cache.output_path(key, f"image{suffix}")
        known = cache.lookup(key)
        if known is not None:  # made before, or refused before: the same bytes, the same answer
            failed = known.get("failed")
            if failed:
                return job, None, _refused(job, str(failed))
            remembered = _remembered(cache, key, suffix, known.get("sizes"))
            if remembered is not None:
                return job, remembered, None
        temp = temp_output(full)
        command = picture_command(
            tools.ffmpeg, job.source, [PictureOutput(temp)], max_side=MAX_SIDE
        )
        result = process.run(command, timeout=timeout, outputs=[temp])
        try:
            if not result.ok or not temp.is_file() or temp.stat().st_size == 0:
                if result.timed_out:
                    return job, None, _refused(job, "timeout")
                cache.record(key, [], {"failed": result.last_error_line})
                return job, None, _refused(job, result.last_error_line)
            temp.replace(full)
        except OSError as exc:
            return job, None, _refused(job, exc.strerror or type(exc).__name__)
        finally:
            temp.unlink(missing_ok=True)
        size = _measure(tools, full, timeout)
        if size is None:
            return job, None, _refused(job, "ffprobe")
        files = _narrower(tools, cache, key, full, size, timeout)
        if files is None:  # not this time: the full picture alone, tried again next build
            return job, Picture((PictureFile(full, *size),)), None
        picture = Picture((*files, PictureFile(full, *size)))
        cache.record(
            key,
            [f.path for f in picture.files],
            {"suffix": suffix, "sizes": [[f.width, f.height] for f in picture.files]},
        )
        return job, picture, None

    made: dict[Path, Picture] = {}
    problems: list[Problem] = []
    todo = list(jobs)
    if not todo:
        return ImageResult({}, ())
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
        for job, picture, refused in pool.map(one, todo):
            if picture is not None:
                made[job.source] = picture
            if refused is not None:
                problems.append(refused)
    cache.save()
    return ImageResult(made, tuple(problems))


def _measure(tools: Tools, path: Path, timeout: float) -> tuple[int, int] | None:
    """The width and height of a picture we wrote, read by ffprobe."""
    result = process.run(probe_command(tools.ffprobe, path, image=True), timeout=timeout)
    try:
        stream = json.loads(result.stdout)["streams"][0] if result.ok else {}
        width, height = int(stream["width"]), int(stream["height"])
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return (width, height) if width > 0 and height > 0 else None


def _narrower(
    tools: Tools,
    cache: MediaCache,
    key: str,
    full: Path,
    size: tuple[int, int],
    timeout: float,
) -> list[PictureFile] | None:
    """The narrower copies of ``full``, made in one ffmpeg call; None if it failed."""
    sizes = narrower_sizes(*size)
    if not sizes:
        return []
    targets = [cache.output_path(key, f"image-{w}{full.suffix}") for w, _ in sizes]
    temps = [temp_output(target) for target in targets]
    outputs = [PictureOutput(t, w, h) for t, (w, h) in zip(temps, sizes, strict=True)]
    command = picture_command(tools.ffmpeg, full, outputs, max_side=MAX_SIDE)
    result = process.run(command, timeout=timeout, outputs=temps)
    try:
        if not result.ok or not all(t.is_file() and t.stat().st_size > 0 for t in temps):
            return None
        # A narrower copy that is not lighter (a flat PNG drawing) is of no use.
        full_bytes = full.stat().st_size
        kept = []
        for temp, target, (w, h) in zip(temps, targets, sizes, strict=True):
            if temp.stat().st_size < full_bytes:
                temp.replace(target)
                kept.append(PictureFile(target, w, h))
    except OSError:
        return None
    finally:
        for temp in temps:
            temp.unlink(missing_ok=True)
    return kept


def _remembered(cache: MediaCache, key: str, suffix: str, sizes: object) -> Picture | None:
    """The picture a cache record describes (None for a record of another shape)."""
    if not isinstance(sizes, list) or not sizes:
        return None
    try:
        pairs = [(int(w), int(h)) for w, h in sizes]
    except (TypeError, ValueError):
        return None
    names = [f"image-{w}{suffix}" for w, _ in pairs[:-1]] + [f"image{suffix}"]
    return Picture(
        tuple(
            PictureFile(cache.output_path(key, name), w, h)
            for name, (w, h) in zip(names, pairs, strict=True)
        )
    )


def _refused(job: ImageJob, reason: str) -> Problem:
    return problem("IMAGE_UNUSABLE", job.shown, value=job.source.name, reason=reason[:160])

"""Pictures a school put beside its text or as its logo, re-encoded before they are published.

A photo straight from a phone carries its GPS position, the phone's make and
model and the time it was taken, and a file called ``foto.png`` may be any
bytes at all. Nothing a school sends reaches the site as it is: each JPEG, PNG
or WebP is decoded by ffmpeg (bounded by the runner, so a hostile file cannot
hang or crash the build) and written again in the same format, at most
:data:`MAX_SIDE` pixels on its longer side, turned upright by its EXIF
orientation, with every metadata block gone. Outputs live in the media cache,
keyed by the picture's content, so an unchanged picture costs nothing on the
next build.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .. import process
from ..content.layout import IMAGE_SUFFIXES
from ..problems import Problem, problem
from .cache import MediaCache, job_key, temp_output
from .tools import Tools

MAX_SIDE = 1600
JPEG_QSCALE = 4
WEBP_QUALITY = 80
#: Image demuxers only: a picture is never read as a playlist or a video.
IMAGE_FORMATS = "image2,jpeg_pipe,png_pipe,webp_pipe"
#: Part of the cache key: change it when the way pictures are made changes.
IMAGE_RECIPE = ("v1", MAX_SIDE, JPEG_QSCALE, WEBP_QUALITY)
#: Output format per file suffix: (encoder, muxer, extra arguments).
ENCODERS: dict[str, tuple[str, ...]] = {
    ".jpg": ("-c:v", "mjpeg", "-q:v", str(JPEG_QSCALE), "-f", "mjpeg"),
    ".jpeg": ("-c:v", "mjpeg", "-q:v", str(JPEG_QSCALE), "-f", "mjpeg"),
    ".png": ("-c:v", "png", "-f", "image2", "-update", "1"),
    ".webp": ("-c:v", "libwebp", "-quality", str(WEBP_QUALITY), "-f", "webp"),
}
assert set(ENCODERS) == IMAGE_SUFFIXES


@dataclass(frozen=True, slots=True)
class ImageJob:
    """One picture to publish: its source and the problem path it is shown as."""

    source: Path
    shown: str


@dataclass(frozen=True, slots=True)
class ImageResult:
    """Re-encoded pictures by source path (as given), and the pictures refused."""

    made: dict[Path, Path]
    problems: tuple[Problem, ...]


def reencode_args(tools: Tools, source: Path, target: Path) -> list[str]:
    """The ffmpeg command that writes ``source`` again as ``target`` (format by its suffix)."""
    fit = (
        f"scale=w='min(iw,{MAX_SIDE})':h='min(ih,{MAX_SIDE})'"
        ":force_original_aspect_ratio=decrease,setsar=1"
    )
    return [
        tools.ffmpeg,
        "-v",
        "error",
        "-nostdin",
        "-hide_banner",
        "-y",
        "-protocol_whitelist",
        "file",
        "-format_whitelist",
        IMAGE_FORMATS,
        "-i",
        f"file:{source.resolve()}",
        "-map",
        "0:V:0",
        "-frames:v",
        "1",
        "-vf",
        fit,
        "-map_metadata",
        "-1",
        "-fflags",
        "+bitexact",
        "-flags:v",
        "+bitexact",
        *ENCODERS[target.suffix.lower()],
        str(target),
    ]


def publish_images(
    jobs: Sequence[ImageJob], tools: Tools, cache: MediaCache, *, timeout: float, workers: int = 2
) -> ImageResult:
    """Re-encode (or take from the cache) every picture; refused ones become problems."""
    version = cache.tool_version(tools)

    def one(job: ImageJob) -> tuple[ImageJob, Path | None, Problem | None]:
        suffix = job.source.suffix.lower()
        try:
            sha = cache.source_hash(job.source)
        except OSError as exc:
            return job, None, _refused(job, exc.strerror or type(exc).__name__)
        key = job_key("image", sha, version, IMAGE_RECIPE, suffix)
        target = cache.output_path(key, f"image{suffix}")
        known = cache.lookup(key)
        if known is not None:  # made before, or refused before: the same bytes, the same answer
            failed = known.get("failed")
            return (job, None, _refused(job, str(failed))) if failed else (job, target, None)
        temp = temp_output(target)
        result = process.run(
            reencode_args(tools, job.source, temp), timeout=timeout, outputs=[temp]
        )
        try:
            if not result.ok or not temp.is_file() or temp.stat().st_size == 0:
                if result.timed_out:
                    return job, None, _refused(job, "timeout")
                cache.record(key, [], {"failed": result.last_error_line})
                return job, None, _refused(job, result.last_error_line)
            temp.replace(target)
        except OSError as exc:
            return job, None, _refused(job, exc.strerror or type(exc).__name__)
        finally:
            temp.unlink(missing_ok=True)
        cache.record(key, [target], {"suffix": suffix})
        return job, target, None

    made: dict[Path, Path] = {}
    problems: list[Problem] = []
    todo = list(jobs)
    if not todo:
        return ImageResult({}, ())
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(todo)))) as pool:
        for job, target, refused in pool.map(one, todo):
            if target is not None:
                made[job.source] = target
            if refused is not None:
                problems.append(refused)
    cache.save()
    return ImageResult(made, tuple(problems))


def _refused(job: ImageJob, reason: str) -> Problem:
    return problem("IMAGE_UNUSABLE", job.shown, value=job.source.name, reason=reason[:160])

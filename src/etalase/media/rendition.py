"""Renditions as data: the one list of what is made from a clip, and how each is made.

Every rendition is a row (:class:`Recipe`) of :func:`renditions`; the media
step's runner (:func:`etalase.media.pipeline.run_recipes`) makes the rows, the
site, the player, the desk and deploy's check read their names from the list
(``docs/renditions.md`` walks through adding one). MP4 rows are H.264/AAC with
faststart, upright, small, and free of metadata.

Two MP4 rows: ``web`` (short side at most ``rendition_height``, 720
by default) and ``hemat``, the data saver (about 360p, well under 2 MB a
minute). Bitrates are capped with x264's VBV (``-maxrate``/``-bufsize``) on
top of a quality target, so a calm clip comes out smaller than its budget and
a busy one never above it. ffmpeg applies the rotation flag while decoding and
the output keeps none, so portrait clips stay portrait everywhere; HDR clips
are tone-mapped to SDR (:mod:`etalase.media.picture`). A clip that
is already a small H.264/AAC MP4 or QuickTime ``.mov`` becomes the web rendition by a
remux (stream copy), which is fast and loses nothing. ``-map_metadata -1`` on the file and on
every stream drops GPS/location, device make/model and creation times; the MP4
muxer writes none of the QuickTime ``udta`` atoms phones use for them.

A third row, ``offline`` (:data:`OFFLINE`), is made for the offline editions
only, on demand (:mod:`etalase.media.offline`): VP9/Opus WebM around openZIM's
low preset, about 1.4 MB a minute.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .. import process
from ..content.video import VideoInfo
from .cache import job_key, temp_output
from .commands import VideoOutput, WebmOutput, clip_command
from .outputs import Rendition
from .picture import is_hdr
from .tools import Tools

if TYPE_CHECKING:
    from ..policy import Policy

MAX_FPS = 30
#: ffprobe reports one container for MP4, MOV and 3GP; the suffix tells them apart.
#: A phone's H.264/AAC ``.mov`` copies into MP4 as is (its QuickTime tags, timecode
#: and other tracks are not copied); 3GP is left out (old phones, odd audio).
REMUX_SUFFIXES = (".mp4", ".m4v", ".mov")
#: Part of the cache key: change it when the way renditions are made changes.
RENDITION_RECIPE = "v1"
#: Part of the offline rendition's cache key, likewise.
OFFLINE_RECIPE = "v1"
#: Above the rates asked: Opus's constrained VBR runs a little over on a tone, and the
#: WebM container (measured on a busy 60 s clip: 1.45 MB a minute for 1.41 MB asked).
WEBM_OVERHEAD = 0.03


Container = Literal["mp4", "webm"]
#: Who carries a rendition: the public site (``online``), or the offline editions
#: (folder and ZIM), which carry one rendition a clip (see :func:`offline_choice`).
Carrier = Literal["online", "offline"]


@dataclass(frozen=True, slots=True)
class Recipe:
    """One rendition, one row of :func:`renditions`: what it is, how it is made, who carries it.

    ``container`` picks the codecs: ``mp4`` is H.264/AAC with faststart (``crf``,
    ``preset``, ``profile``, ``may_remux`` apply), ``webm`` is VP9/Opus at a
    constant rate (``keyframe_seconds``, ``speed`` apply). ``side`` caps the
    short side of an MP4 and the long side of a WebM (an upright phone clip is
    as light as a landscape one offline). The file in the cache, in ``site/``
    (``video-<name>.<container>``) and in the curator's desk is named by
    ``name``; so are its labels in the message table (``step.<name>`` and
    ``desk.rendition.<name>``).
    """

    name: str
    container: Container
    side: int
    video_kbps: int
    audio_kbps: int
    channels: int
    max_fps: int
    editions: tuple[Carrier, ...] = ("online",)
    #: Made by ``etalase offline`` only, for the offline editions; never by a build.
    on_demand: bool = False
    #: The player's data-saver choice (one row at most).
    saver: bool = False
    crf: int = 23
    preset: str = "veryfast"
    profile: str = "high"
    may_remux: bool = False
    keyframe_seconds: int = 5  # a seek decodes at most this much
    speed: int = 6  # libvpx -cpu-used in its realtime deadline

    @property
    def file_name(self) -> str:
        """The output's name in the cache: ``web.mp4``, ``offline.webm``."""
        return f"{self.name}.{self.container}"

    @property
    def short_side(self) -> int:
        return self.side

    @property
    def long_side(self) -> int:
        return self.side

    @property
    def bytes_per_second(self) -> float:
        """The clip's bytes a second: the rates asked, plus what Opus and WebM add."""
        overhead = WEBM_OVERHEAD if self.container == "webm" else 0.0
        return (self.video_kbps + self.audio_kbps) * 1000 / 8 * (1 + overhead)

    def key_parts(self) -> tuple[object, ...]:
        """The settings in the cache key (as before the list: existing caches stay valid)."""
        if self.container == "webm":
            return (
                OFFLINE_RECIPE,
                self.side,
                self.video_kbps,
                self.audio_kbps,
                self.channels,
                self.max_fps,
                self.keyframe_seconds,
                self.speed,
            )
        return (
            RENDITION_RECIPE,
            self.name,
            self.side,
            self.video_kbps,
            self.audio_kbps,
            self.crf,
            self.preset,
            self.profile,
            self.channels,
            self.max_fps,
            self.may_remux,
        )

    def cache_key(self, sha: str, version: str) -> str:
        """The media cache key of this rendition of a clip: content, recipe, ffmpeg version.

        A WebM row's key starts with its name (``offline``), an MP4 row's with
        ``rendition`` and holds its name: the keys the two runners used before.
        """
        kind = self.name if self.container == "webm" else "rendition"
        return job_key(kind, sha, version, self.key_parts())

    def output(self, info: VideoInfo, source: Path, target: Path) -> VideoOutput | WebmOutput:
        """What ffmpeg must write for this rendition of a clip with ``info``."""
        if self.container == "webm":
            return webm_output(info, self, target)
        return video_output(info, source, self, target)


def web_recipe(short_side: int, video_kbps: int, audio_kbps: int) -> Recipe:
    """The default web rendition (720p, about 4.6 MB for 60 s at the defaults)."""
    return Recipe(
        "web",
        "mp4",
        short_side,
        video_kbps,
        audio_kbps,
        channels=2,
        max_fps=MAX_FPS,
        editions=("online",),
        crf=23,
        profile="high",
        may_remux=True,
    )


def saver_recipe(short_side: int, video_kbps: int, audio_kbps: int) -> Recipe:
    """The data-saver rendition (360p, mono, 25 fps); the offline editions' fallback."""
    return Recipe(
        "hemat",
        "mp4",
        short_side,
        video_kbps,
        audio_kbps,
        channels=1,
        max_fps=25,
        editions=("online", "offline"),
        saver=True,
        crf=28,
        profile="main",
    )


#: The offline editions' rendition: around openZIM's ``VideoWebmLow`` (zimscraperlib:
#: libvpx-vp9 at 140 kbit/s, 480 pixels wide, 48 kbit/s audio), with Opus instead of
#: Vorbis, mono, and the long side (not the width) at most 480.
OFFLINE = Recipe(
    "offline",
    "webm",
    480,
    140,
    48,
    channels=1,
    max_fps=25,
    editions=("offline",),
    on_demand=True,
    keyframe_seconds=5,
    speed=6,
)


def renditions(policy: Policy) -> tuple[Recipe, ...]:
    """Every rendition Etalase makes: THE list (see ``docs/renditions.md``).

    A build makes the rows that are not ``on_demand``, in this order (the
    player's first choice first); ``etalase offline`` makes the others.
    """
    return (
        web_recipe(policy.rendition_height, policy.video_kbps, policy.audio_kbps),
        saver_recipe(policy.saver_height, policy.saver_kbps, policy.saver_audio_kbps),
        OFFLINE,
    )


def built(policy: Policy) -> tuple[Recipe, ...]:
    """The rows every media step makes (and the site carries online)."""
    return tuple(r for r in renditions(policy) if not r.on_demand)


def carried(policy: Policy, carrier: Carrier) -> tuple[Recipe, ...]:
    """The rows an edition carries (its ``editions`` field): what it asks the media step for."""
    return tuple(r for r in renditions(policy) if carrier in r.editions)


def on_demand(policy: Policy) -> tuple[Recipe, ...]:
    """The rows only ``etalase offline`` makes."""
    return tuple(r for r in renditions(policy) if r.on_demand)


@functools.lru_cache(maxsize=8)
def saver_names(policy: Policy) -> frozenset[str]:
    """The rows the player's data-saver switch may pick (``hemat``); asked once an entry page."""
    return frozenset(r.name for r in renditions(policy) if r.saver)


def offline_choice(policy: Policy) -> tuple[str, ...]:
    """The names an offline edition takes for a clip, by preference: it carries the first
    one the clip has. Its own rows (made on demand for it) before the ones it shares."""
    rows = [r for r in renditions(policy) if "offline" in r.editions]
    return tuple(r.name for r in sorted(rows, key=lambda r: not r.on_demand))


def target_size(display: tuple[int, int], short_side: int) -> tuple[int, int]:
    """Even (width, height) with the short side at most ``short_side``; never upscaled."""
    width, height = display
    scale = min(1.0, short_side / min(width, height))
    return (max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2))


def can_remux(info: VideoInfo, source: Path, recipe: Recipe) -> bool:
    """True when the clip is already what the rendition would be: copy, don't encode."""
    budget = (recipe.video_kbps + recipe.audio_kbps) * 1000
    width, height = info.display_size
    return (
        recipe.may_remux
        and source.suffix.lower() in REMUX_SUFFIXES
        and "mp4" in info.container
        and info.video_codec == "h264"
        and info.pixel_format == "yuv420p"
        and not is_hdr(info.color_transfer)
        and info.audio_codec in (None, "aac")
        and info.rotation == 0
        and min(width, height) <= recipe.side
        and width % 2 == 0
        and height % 2 == 0
        and info.bit_rate is not None
        and info.bit_rate <= budget
    )


def video_output(info: VideoInfo, source: Path, recipe: Recipe, target: Path) -> VideoOutput:
    """What ffmpeg must write for ``recipe``: a stream copy when it may, else an encode."""
    if can_remux(info, source, recipe):
        width, height = info.display_size
        return VideoOutput(target, width, height, copy=True)
    width, height = target_size(info.display_size, recipe.side)
    return VideoOutput(
        target,
        width,
        height,
        video_kbps=recipe.video_kbps,
        audio_kbps=recipe.audio_kbps,
        crf=recipe.crf,
        preset=recipe.preset,
        profile=recipe.profile,
        channels=recipe.channels,
        max_fps=recipe.max_fps,
    )


def make_rendition(
    tools: Tools,
    source: Path,
    info: VideoInfo,
    recipe: Recipe,
    target: Path,
    *,
    timeout: float,
    threads: int = 0,
) -> tuple[Rendition, bool]:
    """Write one rendition of ``source`` to ``target`` atomically, in its own ffmpeg call.

    The media step makes renditions together with the posters in one call
    (:mod:`etalase.media.onepass`); this is the same command with one output.

    Args:
        tools: ffmpeg.
        source: The school's clip (only read).
        info: Its probe facts.
        recipe: What to make.
        target: The final path in the cache.
        timeout: Seconds before ffmpeg is killed and the partial file removed.
        threads: Encoder threads (0: ffmpeg decides).

    Returns:
        The rendition and whether it was a remux (no re-encoding).

    Raises:
        StepFailed: ffmpeg failed or timed out.
    """
    temp = temp_output(target)
    output = video_output(info, source, recipe, temp)
    args = clip_command(
        tools.ffmpeg, source, videos=[output], color_transfer=info.color_transfer, threads=threads
    )
    try:
        process.run(args, timeout=timeout, outputs=[temp]).check()
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)
    rendition = Rendition(recipe.name, target, output.width, output.height, target.stat().st_size)
    return rendition, output.copy


def fit_size(display: tuple[int, int], long_side: int) -> tuple[int, int]:
    """Even (width, height) with the long side at most ``long_side``; never upscaled."""
    width, height = display
    scale = min(1.0, long_side / max(width, height))
    return (max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2))


def offline_key(sha: str, version: str, recipe: Recipe = OFFLINE) -> str:
    """The media cache key of a clip's offline rendition: content, recipe, ffmpeg version."""
    return recipe.cache_key(sha, version)


def webm_output(info: VideoInfo, recipe: Recipe, target: Path) -> WebmOutput:
    """What ffmpeg must write for a WebM rendition of a clip with ``info``."""
    width, height = fit_size(info.display_size, recipe.side)
    return WebmOutput(
        target,
        width,
        height,
        video_kbps=recipe.video_kbps,
        audio_kbps=recipe.audio_kbps,
        channels=recipe.channels,
        max_fps=recipe.max_fps,
        keyframe_seconds=recipe.keyframe_seconds,
        speed=recipe.speed,
    )

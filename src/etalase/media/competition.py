"""The competition video: an innovation's evidence clips joined into one MP4, as KIPP asks.

:func:`plan_video` is pure data: which clips fit in five minutes (whole, trimmed,
or left out), and the frame size the sources allow (720p where any source has
it; otherwise the best the sources have, said plainly). :func:`make_video`
writes the title-card texts into a scratch folder and runs the one ffmpeg
command (:func:`etalase.media.commands.competition_command`) through the
bounded runner, into a temporary file that replaces the target only when
ffmpeg succeeded.
"""

from __future__ import annotations

import shutil
import tempfile
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import process
from ..content.captions import read_file
from ..errors import ConfigError
from ..files import atomic_target
from .commands import CardPart, ClipPart, competition_command, filters_command
from .tools import Tools

#: KIPP's limit for the whole video, seconds.
MAX_SECONDS = 300.0
#: Each title card's length, seconds.
CARD_SECONDS = 3.0
#: A clip cut shorter than this says nothing: it is left out instead.
MIN_PART_SECONDS = 10.0
#: 16:9 frames from the best down: (height, width). The first whose height the best
#: source reaches (its shorter side) is used.
FRAMES: tuple[tuple[int, int], ...] = ((720, 1280), (480, 854), (360, 640), (240, 426))
#: Fonts for the title cards, first found wins (Debian: fonts-dejavu-core, fonts-liberation2).
FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
)
#: Characters per line on a card (a long title wraps instead of leaving the frame).
CARD_LINE_CHARS = 36


@dataclass(frozen=True, slots=True)
class Clip:
    """One evidence clip as the video needs it.

    Attributes:
        key: The entry's key.
        title: The entry's title (its card).
        school: The school's name (its card).
        source: The video read: the school's original (the best quality there is).
        duration: Seconds.
        width: Displayed width (rotation applied).
        height: Displayed height.
        has_audio: Whether it has sound (silence is added otherwise).
        captions: The published WebVTT burned in, if any.
    """

    key: str
    title: str
    school: str
    source: Path
    duration: float
    width: int
    height: int
    has_audio: bool
    captions: Path | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """A clip in the video and how many of its seconds are used."""

    clip: Clip
    seconds: float

    @property
    def trimmed(self) -> bool:
        return self.seconds < self.clip.duration - 0.05


@dataclass(frozen=True, slots=True)
class VideoPlan:
    """What the competition video holds: its parts in order, what was left out, its frame."""

    parts: tuple[Part, ...]
    left_out: tuple[Clip, ...]
    width: int
    height: int
    #: The best source's quality (its shorter side, "p"); below 720 the video is smaller.
    source_p: int
    card_seconds: float = CARD_SECONDS

    @property
    def seconds(self) -> float:
        """The whole video's length: the opening card, a card and the clip per part."""
        return self.card_seconds * (1 + len(self.parts)) + sum(p.seconds for p in self.parts)

    @property
    def reduced(self) -> bool:
        """Whether every source is smaller than 720p (the video is made smaller too)."""
        return self.height < FRAMES[0][0]


def plan_video(
    clips: Sequence[Clip],
    *,
    limit: float = MAX_SECONDS,
    card: float = CARD_SECONDS,
    min_part: float = MIN_PART_SECONDS,
) -> VideoPlan:
    """Fit ``clips`` (in the innovation's order) into ``limit`` seconds with their cards.

    A clip that fits is used whole; one that does not is cut to the time left when
    at least ``min_part`` seconds are left (or the clip is shorter than that and
    fits), else left out; a later, shorter clip may still fit.
    """
    left = limit - card
    parts: list[Part] = []
    out: list[Clip] = []
    for clip in clips:
        room = left - card
        if clip.duration <= room:
            parts.append(Part(clip, clip.duration))
            left -= card + clip.duration
        elif room >= min_part:
            parts.append(Part(clip, room))
            left = 0.0
        else:
            out.append(clip)
    used = [p.clip for p in parts] or list(clips)
    best = max((min(c.width, c.height) for c in used), default=0)
    height, width = next(((h, w) for h, w in FRAMES if best >= h), FRAMES[-1])
    return VideoPlan(tuple(parts), tuple(out), width, height, best, card)


def find_font(tools: Tools) -> Path:
    """A TrueType font for the cards: a known file, else fontconfig's sans.

    Raises:
        ConfigError: no font on this machine.
    """
    for name in FONTS:
        if Path(name).is_file():
            return Path(name)
    fc_match = shutil.which("fc-match")
    if fc_match:
        found = process.run([fc_match, "-f", "%{file}", "sans"], timeout=20)
        path = Path(found.stdout.decode("utf-8", "replace").strip())
        if found.ok and path.suffix.lower() in (".ttf", ".otf") and path.is_file():
            return path
    raise ConfigError("video.no_font")


@cache
def has_filter(ffmpeg: str, name: str) -> bool:
    """Whether this ffmpeg has the filter ``name`` (``subtitles`` needs libass)."""
    listed = process.run(filters_command(ffmpeg), timeout=20)
    words = (line.split() for line in listed.stdout.decode("utf-8", "replace").splitlines())
    return listed.ok and any(len(w) > 1 and w[1] == name for w in words)


def card_text(lines: Sequence[str], width: int = CARD_LINE_CHARS) -> str:
    """Card lines, each wrapped to ``width`` characters, without control characters."""
    wrapped: list[str] = []
    for line in lines:
        clean = "".join(ch if ch.isprintable() else " " for ch in line).strip()
        if clean:
            wrapped += textwrap.wrap(clean, width) or [clean]
    return "\n".join(wrapped)


def make_video(
    plan: VideoPlan,
    target: Path,
    tools: Tools,
    *,
    opening: tuple[str, Sequence[str]],
    timeout: float,
    subtitles: bool | None = None,
) -> float:
    """Write the planned video to ``target`` (atomically); returns ffmpeg's seconds.

    Args:
        plan: From :func:`plan_video` (at least one part).
        target: The MP4 to write.
        tools: ffmpeg.
        opening: The opening card's title and lines under it.
        timeout: Seconds ffmpeg may take.
        subtitles: Burn captions with libass (None: when ffmpeg has it), else with
            ``drawtext`` per cue.

    Raises:
        process.StepFailed: ffmpeg failed or timed out (nothing is written).
    """
    font = find_font(tools)
    libass = has_filter(tools.ffmpeg, "subtitles") if subtitles is None else subtitles
    with tempfile.TemporaryDirectory(prefix="etalase-video-") as scratch:
        folder = Path(scratch)

        def write(name: str, content: str) -> Path:
            path = folder / name
            path.write_text(content, encoding="utf-8")
            return path

        title, lines = opening
        parts: list[CardPart | ClipPart] = [
            CardPart(
                write("opening.txt", card_text([title])),
                write("opening-detail.txt", card_text(lines, CARD_LINE_CHARS + 16))
                if lines
                else None,
                plan.card_seconds,
            )
        ]
        for n, part in enumerate(plan.parts):
            clip = part.clip
            parts.append(
                CardPart(
                    write(f"card-{n}.txt", card_text([clip.title])),
                    write(f"card-{n}-detail.txt", card_text([clip.school], CARD_LINE_CHARS + 16)),
                    plan.card_seconds,
                )
            )
            captions: Path | None = None
            cues: tuple[tuple[float, float, Path], ...] = ()
            if clip.captions is not None and libass:
                # A name of our own: no character of the cache path reaches filter syntax.
                captions = folder / f"captions-{n}.vtt"
                shutil.copyfile(clip.captions, captions)
            elif clip.captions is not None:
                cues = tuple(
                    (cue.start, cue.end, write(f"cue-{n}-{i}.txt", cue.text))
                    for i, cue in enumerate(read_file(clip.captions, clip.duration).cues)
                    if cue.start < part.seconds
                )
            parts.append(ClipPart(clip.source, part.seconds, clip.has_audio, captions, cues))
        with atomic_target(target) as temp:
            command = competition_command(
                tools.ffmpeg, parts, temp, width=plan.width, height=plan.height, font=font
            )
            result = process.run(command, timeout=timeout, outputs=[temp])
            result.check()
    return result.seconds

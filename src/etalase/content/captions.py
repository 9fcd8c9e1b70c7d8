"""Captions from schools: SubRip (``.srt``) and WebVTT (``.vtt``) read, checked and normalised.

Schools send captions the way their phone editors export them: CapCut's
``.srt`` in UTF-8 (with or without a byte-order mark), an old Windows tool's
Windows-1252, a subtitle editor's UTF-16, a ``.vtt`` from YouTube. An entry's
tracks are named beside the video (``video.id.srt``, ``video.jv.srt``;
``video.vtt`` is in the entry's own language) or listed in front matter
(``captions: {id: teks.srt}``). This module is pure: it turns a file's bytes
into cues and findings (each with the cue's line number) and the cues into
plain UTF-8 WebVTT. Only plain text survives: tags (``<b>``, ``<font>``),
SubStation overrides (``{\\an8}``) and a ``<script>`` with everything in it
are dropped. The school's file is never changed; the media step writes the
normalised copy into the cache (:mod:`etalase.media.captions`).
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import open_regular

#: Larger than any caption file of a one-minute clip (a 60 s clip has about 2 KB of text).
MAX_BYTES = 512 * 1024
#: What a phone shows in one caption line at a readable size, and how many lines.
MAX_LINE_CHARS = 42
MAX_LINES = 2
#: A cue may end this much after the clip (a rounded last timestamp).
END_TOLERANCE = 0.5
SUFFIXES = (".srt", ".vtt")
#: An ISO 639 code: ``id``, ``jv``, ``su``, ``mad``.
LANGUAGE = re.compile(r"^[a-z]{2,3}$")

_TIME = r"(-?)(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?"
_TIMING = re.compile(rf"^\s*{_TIME}\s*-->\s*{_TIME}(?:\s.*)?$")
_SCRIPT = re.compile(r"<\s*script\b.*?(?:<\s*/\s*script\s*>|$)", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"</?\s*[A-Za-z][^<>]*>|<\d[\d:.]*>")
_OVERRIDE = re.compile(r"\{\\[^{}]*\}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption: from ``start`` to ``end`` seconds, plain text, and the line it starts on."""

    start: float
    end: float
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Finding:
    """One kind of mistake in a caption file: its problem code, the first cue's line, how many.

    Attributes:
        code: A code of :data:`etalase.problems.CATALOGUE` (``CAPTIONS_*``).
        line: The line (from 1) of the first cue with this mistake (0: the whole file).
        count: How many cues have it.
    """

    code: str
    line: int = 0
    count: int = 1


@dataclass(frozen=True, slots=True)
class Captions:
    """A caption file read: the cues kept and what was wrong.

    ``usable`` is False when nothing can be published (a binary, oversized or
    empty file); the entry is then published without that track.
    """

    cues: tuple[Cue, ...]
    findings: tuple[Finding, ...]

    @property
    def usable(self) -> bool:
        return bool(self.cues)

    def webvtt(self) -> str:
        """The cues as UTF-8 WebVTT text (what players and editors open)."""
        return to_webvtt(self.cues)

    def digest(self) -> str:
        """SHA-256 of :meth:`webvtt`: the normalised file's name in the cache."""
        return hashlib.sha256(self.webvtt().encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class CaptionTrack:
    """One language's captions of an entry, as a school sent them.

    Attributes:
        language: ISO 639 code (``id``, ``jv``).
        source: The school's file (never changed).
        digest: SHA-256 of the normalised WebVTT ("" until the loader checked it, or
            when nothing of it can be used).
        machine: An unchecked machine draft (its ``source`` is in the drafts cache), on
            the site only when the office sets ``publish_unchecked_drafts`` (#30.3); never
            among an entry's own ``captions`` as the loader makes them.
    """

    language: str
    source: Path
    digest: str = ""
    machine: bool = False

    @property
    def usable(self) -> bool:
        """Checked, with cues to publish."""
        return bool(self.digest)

    @property
    def origin(self) -> str:
        """Where its words come from: ``school``, ``checked`` or ``draft`` (:func:`origin_of`)."""
        return "draft" if self.machine else origin_of(self.source)

    @property
    def published_name(self) -> str:
        """The normalised file's name on the site: a ``.vtt`` keeps its name, a ``.srt``
        becomes ``.vtt`` with its language (``video.srt`` -> ``video.id.vtt``), an
        unchecked draft is ``otomatis.<language>.vtt``."""
        if self.machine:
            return f"otomatis.{self.language}.vtt"
        name = self.source.name
        if name.lower().endswith(".vtt"):
            return name
        stem = name[: -len(".srt")]
        return (
            f"{stem}.vtt" if stem.endswith(f".{self.language}") else f"{stem}.{self.language}.vtt"
        )


def read_file(path: Path, duration: float | None = None) -> Captions:
    """Read and check the caption file at ``path`` (never raises for what it holds).

    Args:
        path: A ``.srt`` or ``.vtt`` file (a link or device is refused by :func:`open_regular`).
        duration: The clip's length in seconds, when known: cues past it are dropped.
    """
    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError:
        return Captions((), (Finding("CAPTIONS_BINARY"),))
    return read_bytes(data, duration)


def read_bytes(data: bytes, duration: float | None = None) -> Captions:
    """Check and normalise the bytes of a caption file (see :func:`read_file`)."""
    if len(data) > MAX_BYTES:
        return Captions((), (Finding("CAPTIONS_TOO_LARGE"),))
    decoded = decode(data)
    if decoded is None:
        return Captions((), (Finding("CAPTIONS_BINARY"),))
    parsed, found = parse(decoded)
    cues, more = check(parsed, duration)
    if not cues:
        more.append(Finding("CAPTIONS_EMPTY"))
    return Captions(tuple(cues), _merge([*found, *more]))


def decode(data: bytes) -> str | None:
    """The text of a caption file in any common encoding, or None for a binary file.

    A byte-order mark says UTF-8, UTF-16 LE or UTF-16 BE; without one the file
    is UTF-8 if it decodes as such, else Windows-1252. A NUL byte outside UTF-16,
    or any other control character, means the file is not text.
    """
    text: str | None = None
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError:
                return None
            break
    if text is None:
        if b"\x00" in data:
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                return None
    if _CONTROL.search(text):
        return None
    return text


def parse(text: str) -> tuple[list[Cue], list[Finding]]:
    """Cues of SubRip or WebVTT text, with their text cleaned, and what was wrong.

    Blocks are separated by blank lines; a block's timing line (``-->``) may be
    preceded by a cue number or identifier. WebVTT ``NOTE``, ``STYLE`` and
    ``REGION`` blocks are skipped.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[Cue] = []
    findings: list[Finding] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        if block:
            _block(block, cues, findings)
            block = []
    return cues, findings


def _block(block: list[tuple[int, str]], cues: list[Cue], findings: list[Finding]) -> None:
    first = block[0][1].strip()
    if first.startswith(("WEBVTT", "NOTE", "STYLE", "REGION")) and "-->" not in first:
        return
    at = next((i for i, (_, line) in enumerate(block) if "-->" in line), None)
    if at is None:
        findings.append(Finding("CAPTIONS_TIME_INVALID", block[0][0]))
        return
    number, timing = block[at]
    match = _TIMING.match(timing)
    if match is None or match.group(1) or match.group(6):
        findings.append(Finding("CAPTIONS_TIME_INVALID", number))
        return
    start, end = _seconds(match.groups()[1:5]), _seconds(match.groups()[6:10])
    raw = "\n".join(line for _, line in block[at + 1 :])
    text, marks = clean_text(raw)
    findings.extend(Finding(code, number) for code in marks)
    if text:
        cues.append(Cue(start, end, text, number))


def _seconds(parts: Sequence[str | None]) -> float:
    hours, minutes, seconds, fraction = parts
    millis = int((fraction or "0").ljust(3, "0"))
    return int(hours or 0) * 3600 + int(minutes or 0) * 60 + int(seconds or 0) + millis / 1000


def clean_text(raw: str) -> tuple[str, list[str]]:
    """Plain text of a cue and the findings for what was removed (``CAPTIONS_SCRIPT``, ...).

    Entities (``&amp;``, ``&lt;b&gt;``) are read as the characters they stand for
    first, so markup written as entities goes too; the result is the text a person
    reads (WebVTT escaping happens on output).
    """
    marks: list[str] = []
    text = html.unescape(raw)
    if _SCRIPT.search(text):
        marks.append("CAPTIONS_SCRIPT")
        text = _SCRIPT.sub("", text)
    stripped = _OVERRIDE.sub("", _TAG.sub("", text))
    if stripped != text:
        marks.append("CAPTIONS_MARKUP")
    text = stripped
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return "\n".join(line for line in lines if line), marks


def check(cues: Iterable[Cue], duration: float | None) -> tuple[list[Cue], list[Finding]]:
    """Cues in time order with impossible ones dropped, and the timing and length findings.

    A cue ending before it starts is dropped, one starting after the clip is
    dropped and one running past it is cut at the clip's end; overlapping cues
    and long lines are kept (a player shows them) but reported.
    """
    findings: list[Finding] = []
    kept: list[Cue] = []
    for cue in sorted(cues, key=lambda c: (c.start, c.line)):
        if cue.end <= cue.start:
            findings.append(Finding("CAPTIONS_TIME_ORDER", cue.line))
            continue
        if duration is not None and cue.end > duration + END_TOLERANCE:
            findings.append(Finding("CAPTIONS_PAST_END", cue.line))
            if cue.start >= duration:
                continue
            cue = Cue(cue.start, duration, cue.text, cue.line)
        if kept and cue.start < kept[-1].end:
            findings.append(Finding("CAPTIONS_OVERLAP", cue.line))
        lines = cue.text.split("\n")
        if len(lines) > MAX_LINES or any(len(line) > MAX_LINE_CHARS for line in lines):
            findings.append(Finding("CAPTIONS_LINE_LONG", cue.line))
        kept.append(cue)
    return kept, findings


def _merge(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """One finding per code: the first line it was seen on and how many cues."""
    merged: dict[str, Finding] = {}
    for item in findings:
        old = merged.get(item.code)
        if old is None:
            merged[item.code] = item
        else:
            line = min(old.line, item.line) if old.line and item.line else old.line or item.line
            merged[item.code] = Finding(item.code, line, old.count + item.count)
    return tuple(merged.values())


def timestamp(seconds: float) -> str:
    """``HH:MM:SS.mmm``, as WebVTT writes a time."""
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def to_webvtt(cues: Iterable[Cue]) -> str:
    """WebVTT text of ``cues`` (their text escaped, so nothing in it is read as markup)."""
    parts = ["WEBVTT", ""]
    for cue in cues:
        body = cue.text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        body = body.replace("-->", "--&gt;")
        parts += [f"{timestamp(cue.start)} --> {timestamp(cue.end)}", body, ""]
    return "\n".join(parts)


def language_of(name: str, video: str, default: str) -> str | None:
    """The language a caption file beside ``video`` is in, from its name; None if not one.

    ``video.id.srt`` is Indonesian, ``video.jv.vtt`` Javanese, ``video.srt``
    the entry's own language (``default``), ``video.id.diperiksa.vtt`` the checked
    Indonesian captions the desk wrote (:func:`checked_name`); ``lain.srt`` is not
    the video's.
    """
    lower = name.lower()
    suffix = next((s for s in SUFFIXES if lower.endswith(s)), None)
    stem = video.rsplit(".", 1)[0].lower()
    if suffix is None or not lower.startswith(stem):
        return None
    middle = lower[len(stem) : -len(suffix)]
    if middle == "":
        return default
    language = middle.removeprefix(".").removesuffix(f".{CHECKED_MARK}")
    if middle.startswith(".") and LANGUAGE.match(language):
        return language
    return None


def spoken_text(tracks: Iterable[CaptionTrack], duration: float | None = None) -> str:
    """What an entry's published captions say, as plain text for the search index (#30.5).

    ``tracks`` are an entry's checked tracks (``Entry.captions``: the school's own
    and the drafts a person checked and saved into the entry folder); machine drafts
    in the cache are never among them. Each track's cues in time order, one line
    each, tracks in the order given (put the clip's own language first).
    """
    parts: list[str] = []
    for track in (t for t in tracks if t.usable):
        captions = read_file(track.source, duration)
        parts += [" ".join(cue.text.split()) for cue in captions.cues]
    return "\n".join(parts)


#: The mark in the name of the file the desk writes: never a name a school's file has.
CHECKED_MARK = "diperiksa"


def checked_name(video: str, language: str) -> str:
    """The name of the captions a person checked in the desk, beside ``video``
    (``video.id.diperiksa.vtt``): its own name, so that checking a school's
    ``video.id.vtt`` never overwrites the school's file, nor a school's next upload the
    checked one."""
    return f"{video.rsplit('.', 1)[0]}.{language}.{CHECKED_MARK}.vtt"


#: The NOTE line the desk writes first into a draft a person checked (#30.3).
CHECKED_NOTE = "NOTE diperiksa oleh"
#: The NOTE line of an unchecked machine draft the office chose to publish (#30.3).
DRAFT_NOTE = "NOTE otomatis"


def origin_of(path: Path) -> str:
    """Where a published track's words come from: ``checked`` (a machine draft a person
    checked in the desk: its NOTE line), ``draft`` (an unchecked machine draft) or
    ``school`` (the school's own file)."""
    try:
        with open_regular(path) as handle:
            head = decode(handle.read(4096)) or ""
    except OSError:
        return "school"
    for line in head.splitlines()[1:4]:
        if line.startswith(CHECKED_NOTE):
            return "checked"
        if line.startswith(DRAFT_NOTE):
            return "draft"
    return "school"


def beside_video(name: str, video: str) -> str:
    """The name a caption file sent with a clip gets beside the entry's ``video``: its
    language suffix kept (``Lomba Robot.jv.srt`` -> ``video.jv.srt``), else none
    (``takarir.srt`` -> ``video.srt``, the entry's own language)."""
    suffix = ".vtt" if name.lower().endswith(".vtt") else ".srt"
    stem = video.rsplit(".", 1)[0]
    parts = name[: -len(suffix)].rsplit(".", 1)
    if len(parts) == 2 and LANGUAGE.match(parts[1].lower()):
        return f"{stem}.{parts[1].lower()}{suffix}"
    return f"{stem}{suffix}"

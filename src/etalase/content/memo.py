"""Remembering what one catalogue load read, so the next load in the process can skip it.

``etalase serve`` loads the whole catalogue again after every saved file. A
:class:`ReadMemo` passed to each load (``load_catalogue(..., memo=memo)``)
lets it skip what cannot have changed since the load before:

- a Markdown file's front matter and body, while the file's stat (mtime,
  size, inode, ctime) is the same;
- the schema's verdict on that file, while the date, the policy and the
  answers the schema got from the disk (does the named video resolve inside
  the folder, does the caption file start like WebVTT) are the same when
  asked again;
- a folder's listing, while the folder's stat is the same (creating,
  removing or renaming anything in it changes the folder's mtime).

What ffprobe said of a video is not kept here: the media cache's prober is
the one memory of probes (:class:`~etalase.media.cache.CacheProber`), and the
loader asks it what it knows before probing.

Everything that depends on other files or on the date is asked again or is
part of the key. A file or folder changed less than ``settle`` seconds ago is
not remembered: a second change within the same clock tick could leave its
stat exactly as it was. What a load no longer sees (a removed entry) is
forgotten at the end of that load.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Literal, TypeVar, cast

from ..paths import Resolved
from ..problems import Problem
from .reader import SourceFile, read_markdown
from .schema import LIVE_DISK, Disk

T = TypeVar("T")

#: What identifies a file's version: mtime, size, inode and ctime.
Signature = tuple[int, int, int, int]
#: One question the schema asked the disk, and the answer it got.
Answer = tuple[
    Literal["resolve", "head", "pictures"],
    Path,
    str,
    Resolved | bytes | tuple[tuple[str, str | None], ...],
]


def signature(stat: os.stat_result) -> Signature:
    """The parts of a stat that change whenever the file (or folder) does."""
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino, stat.st_ctime_ns)


@dataclass(frozen=True, slots=True)
class MemoCounts:
    """What the last load took from the memo and what it had to read again."""

    files_reused: int = 0
    files_read: int = 0
    parses_reused: int = 0
    listings_reused: int = 0
    probes_reused: int = 0  # answers the prober knew without starting ffprobe


@dataclass(frozen=True, slots=True)
class _Parsed:
    key: tuple[object, ...]
    answers: tuple[Answer, ...]
    value: object
    problems: tuple[Problem, ...]


@dataclass(slots=True)
class _File:
    signature: Signature
    shown: str
    source: SourceFile | None
    problems: tuple[Problem, ...]
    parsed: _Parsed | None = None
    seen: int = 0


@dataclass(slots=True)
class _Listing:
    signature: Signature
    names: tuple[str, ...]
    seen: int = 0


class _Recorder(Disk):
    """The real disk, writing down every question and answer."""

    def __init__(self) -> None:
        self.answers: list[Answer] = []

    def resolve(self, folder: Path, name: str) -> Resolved:
        answer = LIVE_DISK.resolve(folder, name)
        self.answers.append(("resolve", folder, name, answer))
        return answer

    def head(self, path: Path) -> bytes:
        answer = LIVE_DISK.head(path)
        self.answers.append(("head", path, "", answer))
        return answer

    def pictures(self, folder: Path, body: str) -> tuple[tuple[str, str | None], ...]:
        answer = LIVE_DISK.pictures(folder, body)
        self.answers.append(("pictures", folder, body, answer))
        return answer


def _same_answers(answers: tuple[Answer, ...]) -> bool:
    for kind, path, name, answer in answers:
        if kind == "resolve":
            now: object = LIVE_DISK.resolve(path, name)
        elif kind == "pictures":
            now = LIVE_DISK.pictures(path, name)
        else:
            now = LIVE_DISK.head(path)
        if now != answer:
            return False
    return True


class ReadMemo:
    """What earlier loads read from files that have not changed since.

    Keep one per process and pass it to every
    :func:`~etalase.content.loader.load_catalogue` call, e.g. on the MkDocs
    plugin instance, which lives across ``serve`` rebuilds.
    A load with a memo returns exactly what a load without one returns.
    One load at a time: the memo is not shared between threads.

    Args:
        settle: A file or folder whose mtime or ctime is less than this many
            seconds old is read again on the next load.
        keep: False for a memo that keeps nothing: a one-off load (``etalase
            build``, ``etalase check``) pays nothing for remembering.
    """

    def __init__(self, *, settle: float = 2.0, keep: bool = True) -> None:
        self.settle_ns = int(settle * 1e9)
        self.keep = keep
        self.counts = MemoCounts()
        self._files: dict[Path, _File] = {}
        self._listings: dict[Path, _Listing] = {}
        self._load = 0
        self._now = 0
        self._tally: dict[str, int] = {}

    def remembers(self, path: Path) -> bool:
        """Whether anything read from ``path`` (a file or a folder) is kept."""
        return path in self._files or path in self._listings

    # --- one load ------------------------------------------------------------------

    def begin(self) -> None:
        """A load starts."""
        self._load += 1
        self._now = time.time_ns()
        self._tally = dict.fromkeys((f.name for f in fields(MemoCounts)), 0)

    def end(self, *, forget: bool = True) -> None:
        """A load finished: forget what it did not see (removed or renamed files).

        Args:
            forget: False for a load of a few entries
                (:func:`~etalase.content.loader.reload_entries`): what it did not
                read is still the whole load's.
        """
        for table in (self._files, self._listings) if forget else ():
            gone = [path for path, item in table.items() if item.seen != self._load]
            for path in gone:
                del table[path]
        self.counts = MemoCounts(**self._tally)

    def _settled(self, stat: os.stat_result) -> bool:
        """Whether to keep what was read: its last change is older than a clock tick or two."""
        return self.keep and self._now - max(stat.st_mtime_ns, stat.st_ctime_ns) >= self.settle_ns

    # --- what a load asks ----------------------------------------------------------

    def listing(self, folder: Path) -> tuple[str, ...]:
        """The names in ``folder``, sorted (raises ``OSError`` as :func:`os.listdir` does)."""
        stat = os.stat(folder)
        known = self._listings.get(folder)
        if known is not None and known.signature == signature(stat):
            known.seen = self._load
            self._tally["listings_reused"] += 1
            return known.names
        names = tuple(sorted(os.listdir(folder)))
        if self._settled(stat):
            self._listings[folder] = _Listing(signature(stat), names, self._load)
        return names

    def markdown(
        self,
        path: Path,
        shown: str,
        key: tuple[object, ...],
        parse: Callable[[SourceFile, Disk], tuple[T | None, list[Problem]]],
    ) -> tuple[SourceFile | None, T | None, list[Problem]]:
        """Read ``path`` (:func:`~etalase.content.reader.read_markdown`) and parse it.

        Args:
            path: The Markdown file.
            shown: Its path as problems name it.
            key: Everything ``parse`` depends on besides the file and the disk
                (its kind, slugs, the policy, the date), compared with ``==``.
            parse: Checks the read file against the schema, asking the disk only
                through the :class:`~etalase.content.schema.Disk` it is given.

        Returns:
            The file's front matter and body (None when it cannot be read), the
            parsed value (None when invalid) and every problem, in order.
        """
        try:
            stat: os.stat_result | None = os.lstat(path)  # a file swapped for a link is read again
        except OSError:
            stat = None
        known = self._files.get(path)
        if (
            stat is not None
            and known is not None
            and known.shown == shown
            and known.signature == signature(stat)
        ):
            known.seen = self._load
            self._tally["files_reused"] += 1
        else:
            self._tally["files_read"] += 1
            source, problems = read_markdown(path, shown)
            if stat is None or not self._settled(stat):  # nothing to keep: parse and go
                if source is None:
                    return None, None, problems
                value, more = parse(source, LIVE_DISK)
                return source, value, problems + more
            known = self._files[path] = _File(
                signature(stat), shown, source, tuple(problems), seen=self._load
            )
        if known.source is None:
            return None, None, list(known.problems)
        parsed = known.parsed
        if parsed is not None and parsed.key == key and _same_answers(parsed.answers):
            self._tally["parses_reused"] += 1
        else:
            recorder = _Recorder()
            value, more = parse(known.source, recorder)
            parsed = _Parsed(key, tuple(recorder.answers), value, tuple(more))
            known.parsed = parsed
        return known.source, cast("T | None", parsed.value), [*known.problems, *parsed.problems]

    def tally(self, count: str) -> None:
        """Count one more of ``count`` (a :class:`MemoCounts` field) for this load."""
        self._tally[count] += 1

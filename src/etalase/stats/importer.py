"""``etalase stats import``'s work: log files in, the totals updated, a report out.

Files are read oldest first (by their first line's day), so a visitor's day is
seen in order across ``access.log.2.gz``, ``access.log.1`` and ``access.log``. A file
that cannot be read is reported and the others are still counted; a line that is
not a log line is counted as unreadable and skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
import gzip
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..reasons import os_said
from .counter import Counter, Tally
from .logs import MAX_LINE, Position, fingerprint, open_log, parse_line, read_lines
from .lookup import PageLookup
from .totals import Totals

#: What a damaged gzip file raises part-way through.
_BROKEN = (OSError, EOFError, gzip.BadGzipFile, zlib.error)


@dataclass(frozen=True, slots=True)
class FileRead:
    """One log file's import: new lines read, or why it could not be read."""

    path: Path
    lines: int = 0
    known: bool = False  # its fingerprint was imported before
    error: object = None  # why it could not be read (a worded reason or a text)


@dataclass(slots=True)
class ImportReport:
    files: list[FileRead] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)


def import_logs(paths: Sequence[Path], routes: PageLookup, totals: Totals) -> ImportReport:
    """Count the new lines of ``paths`` into ``totals`` (which remembers what was read)."""
    counter = Counter(routes, totals)
    report = ImportReport(tally=counter.tally)
    ordered: list[tuple[dt.date, int, Path]] = []
    for i, path in enumerate(paths):
        try:
            day = _first_day(path)
        except _BROKEN as exc:
            report.files.append(FileRead(path, error=_reason(exc)))
            continue
        ordered.append((day or dt.date.max, i, path))
    for _, _, path in sorted(ordered):
        report.files.append(_import_file(path, counter, totals))
    counter.forget()
    return report


def _import_file(path: Path, counter: Counter, totals: Totals) -> FileRead:
    try:
        mark = fingerprint(path)
    except _BROKEN as exc:
        return FileRead(path, error=_reason(exc))
    if mark is None:  # empty, or its first line is still being written
        return FileRead(path)
    done = totals.imported.get(mark, {"bytes": 0, "lines": 0})
    at = Position()
    error: object = None
    try:
        with open_log(path) as stream:
            for line in read_lines(stream, done["bytes"], at):
                hit = parse_line(line) if line is not None else None
                if hit is None:
                    counter.unreadable()
                else:
                    counter.count(hit)
    except _BROKEN as exc:  # a damaged gzip: what was read before the damage counts
        error = _reason(exc)
    totals.imported[mark] = {
        "bytes": max(done["bytes"], at.bytes),
        "lines": done["lines"] + at.lines,
    }
    return FileRead(path, at.lines, done["bytes"] > 0, error)


def _first_day(path: Path) -> dt.date | None:
    with open_log(path) as stream:
        first = stream.readline(MAX_LINE + 1)
    hit = parse_line(first.decode("utf-8", "replace").rstrip("\r\n"))
    return hit.day if hit is not None else None


def _reason(exc: BaseException) -> object:
    if isinstance(exc, OSError) and not isinstance(exc, gzip.BadGzipFile):
        return os_said(exc)
    return str(exc) or type(exc).__name__

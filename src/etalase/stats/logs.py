"""nginx/Apache combined log files, read one line at a time in bounded memory.

A log file is opened plain or through gzip (by its magic bytes, not its name: a
rotated ``access.log.2.gz`` and a renamed one read alike). Each file has a
fingerprint: the hash of its first line. A log that grew or was rotated
(``access.log`` -> ``access.log.1`` -> ``access.log.2.gz``) keeps its first line, so
what was imported from it before is skipped by its length in bytes (of the
uncompressed text). Only whole lines count: a last line still being written is
left for the next import.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..files import open_regular

#: A line longer than this is not a log line (a hostile or broken one): skipped, counted.
MAX_LINE = 16 * 1024
GZIP_MAGIC = b"\x1f\x8b"

_QUOTED = r'"([^"\\]*(?:\\.[^"\\]*)*)"'
#: ``host ident user [time] "request" status bytes ["referer" "user agent"]``.
_LINE = re.compile(
    rf"^(\S+) \S+ \S+ \[([^\]]+)\] {_QUOTED} (\d{{3}}) (?:\d+|-)(?: {_QUOTED} {_QUOTED})?"
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"), 1
    )
}
_TIME = re.compile(r"^(\d{2})/([A-Z][a-z]{2})/(\d{4}):\d{2}:\d{2}:\d{2}(?: [+-]\d{4})?$")


@dataclass(frozen=True, slots=True)
class Hit:
    """One request, as much of it as counting needs (its address and agent are dropped
    by the counter the moment it has told visitors apart)."""

    host: str
    day: dt.date
    month: str  # "2026-08"
    method: str
    path: str
    status: int
    agent: str


def parse_line(line: str) -> Hit | None:
    """A combined (or common) log line as a :class:`Hit`, or None when it is not one."""
    match = _LINE.match(line)
    if match is None:
        return None
    host, when, request, status, _referer, agent = match.groups()
    stamp = _TIME.match(when)
    if stamp is None or stamp.group(2) not in _MONTHS:
        return None
    year, month = int(stamp.group(3)), _MONTHS[stamp.group(2)]
    try:
        day = dt.date(year, month, int(stamp.group(1)))
    except ValueError:
        return None
    parts = request.split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/"):
        return None
    return Hit(host, day, f"{year:04d}-{month:02d}", parts[0], parts[1], int(status), agent or "")


def open_log(path: Path) -> BinaryIO:
    """The file's uncompressed bytes (gzip by its magic bytes).

    Raises:
        OSError: It cannot be read (or is not a regular file).
    """
    raw = open_regular(path)
    try:
        magic = raw.read(2)
        raw.seek(0)
    except OSError:
        raw.close()
        raise
    if magic == GZIP_MAGIC:
        return gzip.GzipFile(fileobj=raw, mode="rb")  # type: ignore[return-value]
    return raw


def fingerprint(path: Path) -> str | None:
    """The hash of the file's first whole line (None: empty or no whole line yet).

    Raises:
        OSError, EOFError, gzip.BadGzipFile: It cannot be read.
    """
    with open_log(path) as stream:
        first = stream.readline(MAX_LINE + 1)
    if not first.endswith(b"\n"):
        return None
    return hashlib.sha256(first).hexdigest()


@dataclass(slots=True)
class Position:
    """How far a file was read: bytes of whole lines (uncompressed) and lines."""

    bytes: int = 0
    lines: int = 0


def read_lines(stream: BinaryIO, skip: int, at: Position) -> Iterator[str | None]:
    """The whole lines after the first ``skip`` bytes, decoded; None for a line too long.

    ``at`` follows the lines given (a last line without its newline is not given
    and not counted: it is still being written).
    """
    at.bytes = _skip(stream, skip)
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            rest, ended = _skip_line(stream)
            if not ended:  # the file ends inside the long line: it is still being written
                return
            at.bytes += len(line) + rest
            at.lines += 1
            yield None
            continue
        if not line.endswith(b"\n"):
            return
        at.bytes += len(line)
        at.lines += 1
        yield line.decode("utf-8", "replace").rstrip("\r\n")


def _skip(stream: BinaryIO, count: int) -> int:
    """Read past ``count`` bytes; how many there were."""
    done = 0
    while done < count:
        chunk = stream.read(min(1 << 20, count - done))
        if not chunk:
            break
        done += len(chunk)
    return done


def _skip_line(stream: BinaryIO) -> tuple[int, bool]:
    """Read past the rest of a long line: bytes read, and whether its newline came."""
    total = 0
    while True:
        chunk = stream.readline(1 << 16)
        if not chunk:
            return total, False
        total += len(chunk)
        if chunk.endswith(b"\n"):
            return total, True

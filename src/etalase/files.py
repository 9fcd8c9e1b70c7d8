"""Writing files so that a reader never sees half of one, and hashing them.

Every file Etalase writes for others to read (a school's report, a curator's
edit, the inventory, the ingest ledger, the media manifest) goes through
:func:`atomic_target`: the data is written to a temporary file in the same
folder and renamed over the target only when complete, so a crash leaves the
old file or the new one, never a mixture. What a school sent is opened with
:func:`open_regular` only: a FIFO or a device named like a text or a picture
is refused at once instead of blocking the run forever. A file hashed before
is hashed again only when its size or modification time changed
(:func:`stamped_sha256`, the one stat fast path of the media cache, the ingest
ledger and the deploy state).
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

CHUNK = 1024 * 1024

#: A file's size, modification time (ns) and SHA-256, as kept between runs.
Stamp = tuple[int, int, str]


class NotRegularFile(OSError):
    """The path is a FIFO, a device, a socket or a folder, not a regular file."""


class LinkedFile(NotRegularFile):
    """The path is a symbolic link, and the caller reads no file through one."""


def open_regular(path: Path | str, *, follow_links: bool = True) -> BinaryIO:
    """Open ``path`` for reading in binary mode, only if it is a regular file.

    The file is opened without blocking (a FIFO with no writer would otherwise
    wait forever) and checked with ``fstat`` on the open descriptor, so a file
    swapped for a FIFO between a check and the open is refused too.

    Args:
        path: The file.
        follow_links: False to refuse a ``path`` that is itself a symbolic link
            (checked by the open itself, so a file swapped for a link is refused too).

    Raises:
        LinkedFile: ``follow_links`` is False and ``path`` is a symbolic link.
        NotRegularFile: It is not a regular file.
        OSError: It cannot be opened.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP and not follow_links and os.path.islink(path):
            raise LinkedFile(errno.ELOOP, "a symbolic link", str(path)) from exc
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotRegularFile(errno.EINVAL, "not a regular file", str(path))
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path | str) -> bytes:
    """All bytes of a regular file (see :func:`open_regular`)."""
    with open_regular(path) as handle:
        return handle.read()


def sha256_file(path: Path) -> str:
    """The SHA-256 of a file's bytes, read in chunks."""
    return hash_file(path, "sha256")


def hash_file(path: Path, algorithm: str) -> str:
    """The hex digest of a file's bytes with a :mod:`hashlib` algorithm, read in chunks."""
    digest = hashlib.new(algorithm)
    with open_regular(path) as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def known_sha256(known: Sequence[object] | None, info: os.stat_result) -> str | None:
    """The hash in ``known`` (a :data:`Stamp`) while the file's size and mtime still match it."""
    if (
        known is not None
        and len(known) == 3
        and known[0] == info.st_size
        and known[1] == info.st_mtime_ns
        and isinstance(known[2], str)
    ):
        return known[2]
    return None


def stamped_sha256(
    path: Path, known: Sequence[object] | None = None, info: os.stat_result | None = None
) -> Stamp:
    """``path``'s stamp: its hash taken from ``known`` while size and mtime match, else read.

    A fresh git clone gives every file a new mtime: each is read and hashed
    once, and the same bytes give the same hash, so nothing downstream changes.

    Args:
        path: The file.
        known: Its stamp from an earlier run, if any.
        info: Its stat, when the caller has it already.

    Raises:
        OSError: ``path`` cannot be stat'ed or read.
    """
    info = info if info is not None else os.stat(path)
    sha = known_sha256(known, info)
    return (info.st_size, info.st_mtime_ns, sha if sha is not None else sha256_file(path))


@contextmanager
def atomic_target(
    path: Path, *, mode: int = 0o644, fsync: bool = False, parents: bool = True
) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success it replaces ``path``.

    Args:
        path: The file to (re)place. Its folder is created when missing.
        mode: Permission bits of the new file.
        fsync: Flush the data to disk before the rename (for files a person
            edits by hand, where losing an edit would hurt).
        parents: Create the folder when missing; with False, a missing folder
            raises ``FileNotFoundError`` (a folder someone removed stays removed).
    """
    if parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    temp = Path(name)
    try:
        yield temp
        if fsync:
            with temp.open("rb") as written:
                os.fsync(written.fileno())
        os.chmod(temp, mode)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def atomic_write_bytes(
    path: Path, data: bytes, *, mode: int = 0o644, fsync: bool = False, parents: bool = True
) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`atomic_target`)."""
    with atomic_target(path, mode=mode, fsync=fsync, parents=parents) as temp:
        temp.write_bytes(data)


def atomic_write_text(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) atomically."""
    atomic_write_bytes(path, text.encode("utf-8"))

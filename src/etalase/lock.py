"""One run at a time: an exclusive, non-blocking lock per project and kind of run.

Two ``etalase build`` (or ``ingest``) runs on the same project would interleave
their writes: two half-built sites racing to be swapped in, or one submission
imported twice. :func:`exclusive` takes a POSIX ``flock`` on a file in the
project's cache folder and refuses at once, with a plain message, when another
process holds it. The kernel drops the lock when its holder dies, so a crashed
or killed run never leaves a stale lock behind.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import ConfigError
from .reasons import os_said


class ProjectBusy(ConfigError):
    """Another run of the same kind holds the project's lock (exit code 2)."""


@contextmanager
def exclusive(path: Path, kind: str) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` for the block, or refuse at once.

    Args:
        path: The lock file (created with its folder when missing; never deleted,
            so two runs always lock the same inode).
        kind: ``"build"`` (build and media runs) or ``"ingest"``: which message a
            refused run gets.

    Raises:
        ProjectBusy: Another process holds the lock.
        ConfigError: The lock file cannot be created.
    """
    import fcntl

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("a")
    except OSError as exc:
        reason = os_said(exc)
        raise ConfigError("config.lock_unwritable", path=path, reason=reason) from exc
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise ProjectBusy(f"busy.{kind}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)

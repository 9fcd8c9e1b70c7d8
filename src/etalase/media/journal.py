"""A manifest on disk: one JSON file, and a journal of the records changed since it was written.

A cache of 10,000 clips has a manifest of several megabytes; rewriting all of it
for each finished clip (every few seconds in a run, after every ``serve`` or desk
rebuild) costs far more than the clip's record. So a save appends only the
records that changed to a journal beside the manifest (``manifest.journal``
beside ``manifest.json``): one JSON line per record, ``[version, section, key,
value]``, written with one ``write`` and flushed to disk (``fsync``). Reading
takes the manifest, then the journal's lines in order (a later line for a key
wins). A line that does not parse (the last one, torn by a crash or a power cut)
is ignored, and the next append starts on a new line after it, so a crash loses
at most the record being written.

When there is no manifest yet, or the journal would outgrow a share of the
manifest (:data:`FOLD_RATIO`, and at least :data:`FOLD_MIN` bytes), a save folds
instead: manifest and journal are read from disk, written as the new manifest
(atomically and flushed, :func:`~etalase.files.atomic_write_bytes`) and the
journal is removed. A fold starts from what is on disk, not from one process's
memory, so it drops nothing another process appended. Processes that share a
cache folder take an ``flock`` on the journal: exclusive to append or fold,
shared to read, so no reader sees a folded manifest's journal half gone. The
kernel drops the lock of a process that dies.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..files import atomic_write_bytes

FOLD_MIN = 256 * 1024  # a journal smaller than this is never folded
FOLD_RATIO = 0.5  # ...nor one smaller than this share of the manifest

#: One changed record: section (``"outputs"``...), key, value.
Record = tuple[str, str, Any]
Sections = dict[str, dict[str, Any]]


class Manifest:
    """One manifest file (``NAME.json``) and its journal (``NAME.journal``).

    Args:
        path: The manifest file.
        version: The format's version; a file or line of another version is ignored.
        sections: The top-level maps of records, e.g. ``("sources", "outputs")``.
    """

    def __init__(self, path: Path, version: int, sections: Sequence[str]) -> None:
        self.path = path
        self.journal = path.with_suffix(".journal")
        self.version = version
        self.sections = tuple(sections)

    def load(self) -> Sections:
        """Every record: the manifest's, then the journal's (empty sections when none)."""
        with _locked(self.journal, exclusive=False) as fd:
            return self._read(fd)

    def save(self, records: Sequence[Record]) -> None:
        """Append ``records`` to the journal, or fold them in with it (see the module's doc).

        Raises:
            OSError: The folder cannot be written.
        """
        if not records:
            return
        lines = b"".join(self._line(record) for record in records)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.journal, exclusive=True) as fd:
            assert fd is not None  # an exclusive lock creates the journal
            size = os.fstat(fd).st_size
            try:
                limit = max(FOLD_MIN, self.path.stat().st_size * FOLD_RATIO)
            except FileNotFoundError:
                limit = -1  # no manifest yet: this save writes it
            if size + len(lines) > limit:
                data = self._read(fd)
                for section, key, value in records:
                    data[section][key] = value
                self._replace(data)
                return
            if size and os.pread(fd, 1, size - 1) != b"\n":
                lines = b"\n" + lines  # after a torn line, a line of its own
            view = memoryview(lines)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)

    def fold(self) -> None:
        """Write manifest and journal as one manifest, and remove the journal."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.journal, exclusive=True) as fd:
            assert fd is not None
            if os.fstat(fd).st_size or not self.path.is_file():
                self._replace(self._read(fd))
            else:
                self.journal.unlink()

    def replace(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        """Make ``data`` the whole manifest, whatever the files held (after a prune)."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(self.journal, exclusive=True):
            self._replace(data)

    def remove(self) -> None:
        """Delete the manifest and its journal."""
        with _locked(self.journal, exclusive=True):
            self.path.unlink(missing_ok=True)
            self.journal.unlink(missing_ok=True)

    def _read(self, fd: int | None) -> Sections:
        data: Sections = {name: {} for name in self.sections}
        try:
            whole = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            whole = None
        if isinstance(whole, dict) and whole.get("version") == self.version:
            for name in self.sections:
                if isinstance(whole.get(name), dict):
                    data[name].update(whole[name])
        if fd is None:
            return data
        for raw in os.pread(fd, os.fstat(fd).st_size, 0).split(b"\n"):
            try:
                line = json.loads(raw)
            except ValueError:
                continue  # empty, or torn by a crash
            if (
                isinstance(line, list)
                and len(line) == 4
                and line[0] == self.version
                and line[1] in data
                and isinstance(line[2], str)
            ):
                data[line[1]][line[2]] = line[3]
        return data

    def _line(self, record: Record) -> bytes:
        section, key, value = record
        text = json.dumps(
            [self.version, section, key, value], sort_keys=True, separators=(",", ":")
        )
        return text.encode("utf-8") + b"\n"

    def _replace(self, data: Mapping[str, Mapping[str, Any]]) -> None:
        """Write ``data`` as the manifest, then remove the journal (the caller holds its lock)."""
        whole = {"version": self.version, **{name: data.get(name, {}) for name in self.sections}}
        text = json.dumps(whole, sort_keys=True, separators=(",", ":"))
        atomic_write_bytes(self.path, text.encode("utf-8"), fsync=True)
        self.journal.unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(journal: Path, *, exclusive: bool) -> Iterator[int | None]:
    """Hold an ``flock`` on ``journal`` for the block; yield its descriptor.

    An exclusive lock creates the journal; a shared one yields None when there is
    none. A journal folded (removed) while this process waited for its lock is
    let go, and the file now at that path locked instead.
    """
    flags = (os.O_RDWR | os.O_APPEND | os.O_CREAT) if exclusive else os.O_RDONLY
    while True:
        try:
            fd = os.open(journal, flags | os.O_CLOEXEC, 0o644)
        except OSError:
            if exclusive:
                raise
            yield None  # no journal (or none this process may read): the manifest alone
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
            held = os.fstat(fd)
            try:
                now = os.stat(journal)
            except FileNotFoundError:
                now = None
            if now is not None and (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino):
                break
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield fd
    finally:
        os.close(fd)

"""Pulling media work from a shared folder: idle PCs take batches until none is left.

``etalase media --pull SHARED_DIR`` lets the office's PCs encode a large catalogue
overnight. Every PC has the content (a git clone or a synced folder) and the same
shared folder (a network share). The valid entries are cut into batches, the
same on every PC: a school's entries, a few at a time, named by the school and a
fingerprint of the batch's clips (their content hashes), the ffmpeg version and
the media settings, so a changed clip or setting makes a new batch. The shared
folder holds:

- ``klaim/<batch>.<generation>``: a claim, made with ``O_CREAT | O_EXCL`` so
  that exactly one PC gets it (SMB and NFSv3+ shares honour exclusive create;
  NFSv2 and some FUSE mounts do not; a sync folder does not either, and is
  refused: :mod:`etalase.media.shares`). It holds the host, the process id and
  the time. While a PC works, it rewrites its claim; a claim unwritten for
  longer than the lease is stale and the next PC takes it over by creating the
  next generation, again exclusively. A claim's age is measured on the shared
  folder's own clock (:meth:`SharedFolder.share_now`), never against this PC's:
  the PCs' clocks may disagree by hours. A claim of this very host whose process
  is gone (a PC that was switched off or stopped) is taken back at once.
- ``selesai/<mark>``: an empty file per clip whose media is in the shared
  cache (named by its content hash, the ffmpeg version and the settings), so
  a batch is planned from the clips not yet finished: a school that adds one
  entry costs one encoding, not a new batch of all its entries.
- ``cache/``: the shared media cache. A finished batch's outputs are copied in
  (content-addressed names: equal names hold equal bytes, so copying never
  overwrites anything different), then its manifest as
  ``manifest.shard-pull-<batch>.json``, last: that file is the mark that the
  batch is done, and the media cache reads it beside ``manifest.json`` like a
  shard's manifest, so the folder is a ready cache for the build machine.

Two PCs doing the same batch (a claim taken over from a PC that was only slow)
cost time, never correctness: their outputs and manifests are byte-for-byte
interchangeable.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import socket
import threading
from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..files import atomic_target
from .cache import _alive, job_key

CLAIMS = "klaim"
CACHE = "cache"
FINISHED = "selesai"
DONE_PREFIX = "manifest.shard-pull-"  # one per finished batch; read like a shard's manifest

Outcome = Literal["claimed", "taken_over", "held"]


@dataclass(frozen=True, slots=True)
class Batch:
    """Entries worked on together, named the same on every PC.

    Attributes:
        id: ``<school>.<fingerprint>``.
        keys: The entries' keys (``<school>/<entry>``).
        marks: Their clips' marks (:func:`entry_mark`), written when the batch is done.
    """

    id: str
    keys: tuple[str, ...]
    marks: tuple[str, ...] = ()

    @property
    def manifest_name(self) -> str:
        """The manifest this batch writes; in the shared cache, the mark that it is done."""
        return f"{DONE_PREFIX}{self.id}.json"


def plan_batches(
    sources: Iterable[tuple[str, str]],
    size: int,
    salt: str,
    finished: Container[str] = frozenset(),
) -> list[Batch]:
    """Cut the entries not yet finished into batches of at most ``size`` entries of one school.

    Args:
        sources: ``(entry key, content hash of its video)`` pairs, in any order.
        size: Entries a batch holds at most.
        salt: What else the outputs depend on (ffmpeg version, media settings).
        finished: The marks (:func:`entry_mark`) of the clips already in the shared
            cache: a school that adds one entry costs one encoding, not its batch's.

    Returns:
        The batches, by school and key; every PC with the same content gets the same.
    """
    by_school: dict[str, list[tuple[str, str]]] = {}
    for key, sha in sorted(sources):
        mark = entry_mark(salt, sha)
        if mark not in finished:
            by_school.setdefault(key.split("/", 1)[0], []).append((key, mark))
    batches = []
    for school, pairs in sorted(by_school.items()):
        for start in range(0, len(pairs), size):
            chunk = pairs[start : start + size]
            fingerprint = job_key("pull", chunk)[:16]
            batches.append(
                Batch(
                    f"{school}.{fingerprint}",
                    tuple(k for k, _ in chunk),
                    tuple(m for _, m in chunk),
                )
            )
    return batches


def entry_mark(salt: str, sha: str) -> str:
    """The name of the mark that a clip's media (with these settings) is in the shared cache."""
    return job_key("pull-entry", salt, sha)[:32]


@dataclass(frozen=True, slots=True)
class Claim:
    """A claim this process holds, and whose it was before (for a take-over)."""

    path: Path
    outcome: Outcome
    previous: dict[str, str]


class SharedFolder:
    """The shared folder of ``--pull``: claims and the shared cache."""

    def __init__(self, root: Path, lease_seconds: float) -> None:
        self.root = root.resolve()
        self.claims = self.root / CLAIMS
        self.cache = self.root / CACHE
        self.finished = self.root / FINISHED
        self.lease = lease_seconds
        self.host = socket.gethostname()

    def done(self) -> set[str]:
        """The ids of the batches whose manifest is in the shared cache."""
        try:
            names = os.listdir(self.cache)
        except FileNotFoundError:
            return set()
        return {n[len(DONE_PREFIX) : -5] for n in names if n.startswith(DONE_PREFIX)}

    def finished_marks(self) -> set[str]:
        """The marks of the clips whose media is in the shared cache."""
        try:
            return set(os.listdir(self.finished))
        except FileNotFoundError:
            return set()

    def is_done(self, batch: Batch) -> bool:
        """Whether ``batch``'s manifest is in the shared cache now."""
        return (self.cache / batch.manifest_name).is_file()

    def claim(self, batch: Batch) -> Claim | None:
        """Claim ``batch``, taking over a stale claim; None when another PC holds it."""
        generations = self._generations(batch)
        previous: dict[str, str] = {}
        if generations:
            top = self.claims / f"{batch.id}.{generations[-1]}"
            previous = _read_claim(top)
            if not self._stale(top, previous):
                return None
        path = self.claims / f"{batch.id}.{(generations[-1] if generations else 0) + 1}"
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:  # another PC was faster
            return None
        holder = {
            "host": self.host,
            "pid": str(os.getpid()),
            "time": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        }
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(holder, handle)
        return Claim(path, "taken_over" if generations else "claimed", previous)

    @contextlib.contextmanager
    def holding(self, claim: Claim) -> Iterator[None]:
        """Keep ``claim`` fresh while the block runs; release it if the block fails.

        The claim is rewritten every quarter lease (at most every five
        minutes): a write, which the share stamps as it stamps :meth:`share_now`'s, so a batch that takes longer than the lease is not taken over
        from a PC still working on it. On Ctrl+C or an error the claim is deleted,
        so another PC (or this one, later) takes the batch at once.
        """
        stop = threading.Event()

        def beat() -> None:
            while not stop.wait(min(self.lease / 4, 300.0)):
                with contextlib.suppress(OSError):
                    _rewrite(claim.path)

        beater = threading.Thread(target=beat, name="etalase-pull-claim", daemon=True)
        beater.start()
        try:
            yield
        except BaseException:
            with contextlib.suppress(OSError):
                claim.path.unlink()
            raise
        finally:
            stop.set()
            beater.join()

    def publish(self, batch: Batch, folder: Path) -> int:
        """Copy a finished batch's cache ``folder`` into the shared cache; the manifest last.

        Returns:
            The number of output files copied (files already there are kept).
        """
        copied = 0
        for source in sorted(folder.glob("*/*")):
            if source.name.startswith(".") or not source.is_file():
                continue  # a temporary file of an interrupted run
            target = self.cache / source.relative_to(folder)
            if target.is_file() and target.stat().st_size == source.stat().st_size:
                continue  # content-addressed: the same name holds the same bytes
            with atomic_target(target) as temp:
                shutil.copyfile(source, temp)
            copied += 1
        with atomic_target(self.cache / batch.manifest_name) as temp:
            shutil.copyfile(folder / batch.manifest_name, temp)
        return copied

    def finish(self, batch: Batch) -> None:
        """Mark a published batch's clips finished and remove its claims."""
        self.finished.mkdir(exist_ok=True)
        for mark in batch.marks:
            (self.finished / mark).touch()
        for generation in self._generations(batch):
            with contextlib.suppress(OSError):
                (self.claims / f"{batch.id}.{generation}").unlink()

    def _generations(self, batch: Batch) -> list[int]:
        prefix = f"{batch.id}."
        found = []
        for name in os.listdir(self.claims):
            rest = name[len(prefix) :]
            if name.startswith(prefix) and rest.isdigit():
                found.append(int(rest))
        return sorted(found)

    def share_now(self) -> float:
        """The shared folder's time now: the modification time a write there gets.

        A claim's age is its last write against this, both stamped by whoever
        stamps writes on the share (the file server, for SMB and NFS), so a PC
        whose clock runs hours ahead or behind judges a lease as every other does.
        """
        probe = self.claims / f".jam.{self.host}.{os.getpid()}"
        try:
            with probe.open("wb") as handle:
                handle.write(b"0")
            return probe.stat().st_mtime
        finally:
            with contextlib.suppress(OSError):
                probe.unlink()

    def _stale(self, path: Path, holder: dict[str, str]) -> bool:
        if holder.get("host") == self.host and holder.get("pid", "").isdigit():
            return not _alive(int(holder["pid"]))
        try:
            touched = path.stat().st_mtime
        except FileNotFoundError:  # released meanwhile
            return True
        return self.share_now() - touched > self.lease


def _rewrite(path: Path) -> None:
    """Write a claim's bytes again: its modification time becomes the share's now."""
    with path.open("r+b") as handle:
        data = handle.read() or b"{}"
        handle.seek(0)
        handle.write(data)


def _read_claim(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # gone, or a PC died between create and write
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items()}

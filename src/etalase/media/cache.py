"""The media cache: a JSON manifest and content-addressed output files.

Outputs live under the cache folder (default ``.cache/plugin/etalase/``), never
beside a school's upload. A source video is known by the SHA-256 of its bytes;
a stat fast path (size + mtime) avoids re-reading an unchanged file, and a
fresh git clone (new mtimes, same bytes) costs one hash per file and nothing
more (:func:`~etalase.files.stamped_sha256`, the one such fast path). Every output is named by a key that hashes the source's content, the
processing parameters and the ffmpeg version, so a changed setting or a new
ffmpeg makes new files instead of reusing stale ones. ffprobe results are kept
too, so a re-run on unchanged content starts no process at all. Every output
is written atomically (a temporary name, then :func:`os.replace`); a save of the
manifest appends only the records that changed to its journal
(:mod:`etalase.media.journal`), folded into the manifest now and then. Within one
process (``etalase serve`` rebuilds), a file whose stat is the same as when it
was last hashed, inode and ctime included, is not even resolved again, and
probe answers are kept in memory: :class:`CacheProber` is the one memory of
what ffprobe said, for every command and every reload of a live workspace.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import threading
import time
import uuid
from collections.abc import Callable, Hashable
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, ClassVar, TypedDict

from ..content.video import ProbeResult, VideoInfo
from ..files import known_sha256, stamped_sha256
from .journal import Manifest, Record
from .probe import PROBE_RECIPE, probe
from .tools import Tools

MANIFEST = "manifest.json"
SHARD_MANIFESTS = "manifest.shard-*.json"  # written by `etalase media --shard K/N`
MANIFEST_VERSION = 1
SECTIONS = ("sources", "probes", "outputs")

Prober = Callable[[Path], ProbeResult]


class SourceJSON(TypedDict):
    """What the stat fast path remembers about one file."""

    size: int
    mtime_ns: int
    sha256: str


class ManifestJSON(TypedDict):
    """The whole manifest file."""

    version: int
    sources: dict[str, SourceJSON]  # absolute path -> stat and hash
    probes: dict[str, dict[str, Any]]  # probe key -> VideoInfo fields or a failure
    outputs: dict[str, dict[str, Any]]  # job key -> {"files": [...], "meta": {...}}


# What json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str) makes,
# without building an encoder for each of the three keys of every entry.
_KEY_JSON = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def job_key(*parts: object) -> str:
    """A stable hex key for a job: the SHA-256 of its parts as JSON."""
    return hashlib.sha256(_KEY_JSON.encode(parts).encode("utf-8")).hexdigest()


class MediaCache:
    """The manifest of one cache folder, shared by the threads of one run.

    Use :meth:`open` so that the loader's prober and the media pipeline of one
    process share a single manifest.
    """

    _open: ClassVar[dict[Path, MediaCache]] = {}
    _open_lock: ClassVar[threading.Lock] = threading.Lock()

    def __init__(self, folder: Path) -> None:
        self.folder = folder.resolve()
        self.manifest_name = MANIFEST  # a shard run writes its own (see etalase.media.shard)
        self._lock = threading.Lock()
        self._changed: dict[tuple[str, str], None] = {}  # (section, key), since the last save
        self._pruned = False  # the next save writes the whole manifest
        self._saved_at = time.monotonic()
        self._data = self._read()
        self._used: set[str] = set()  # output keys looked up or recorded by this process
        # In memory only: path as given -> (stat identity, hash), and probers by identity.
        self._hashed: dict[str, tuple[tuple[int, ...], str]] = {}
        self._probers: dict[Hashable, CacheProber] = {}
        self._outcomes: dict[Hashable, dict[str, tuple[Hashable, object]]] = {}

    def outcomes(self, step: Hashable) -> dict[str, tuple[Hashable, object]]:
        """What one step (its every setting in ``step``) found for each entry, in this process.

        A live preview's media step asks the cache about every entry after each
        saved file; an entry whose value and clip are what they were gets the
        answer it got last time (by entry key: the inputs, then the outcome)
        without a job key or an output looked up again.
        """
        with self._lock:
            return self._outcomes.setdefault(step, {})

    @classmethod
    def open(cls, folder: Path) -> MediaCache:
        """The process-wide cache for ``folder`` (made on first use)."""
        key = folder.resolve()
        with cls._open_lock:
            cache = cls._open.get(key)
            if cache is None:
                cache = cls._open[key] = cls(key)
            return cache

    def _manifest(self, name: str | None = None) -> Manifest:
        """This process's manifest file (or the one called ``name``) and its journal."""
        return Manifest(self.folder / (name or self.manifest_name), MANIFEST_VERSION, SECTIONS)

    def _shards(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.glob(SHARD_MANIFESTS))

    def _read(self) -> ManifestJSON:
        """The manifest, joined with every shard's manifest found beside it (journals too)."""
        merged: ManifestJSON = {
            "version": MANIFEST_VERSION,
            "sources": {},
            "probes": {},
            "outputs": {},
        }
        for name in [MANIFEST, *self._shards()]:
            data = self._manifest(name).load()
            for section in SECTIONS:
                merged[section].update(data[section])  # type: ignore[literal-required,unused-ignore]
        return merged

    def _change(self, section: str, key: str) -> None:
        """Note a changed record for the next save (the caller holds ``_lock``)."""
        self._changed[(section, key)] = None

    # --- sources -----------------------------------------------------------------

    def source_hash(self, path: Path) -> str:
        """The content hash of ``path``; reads the file only when its stat changed."""
        sha, stat, where = self._known_hash(path)
        if sha is not None:
            return sha
        _, _, sha = stamped_sha256(path, None, stat)
        with self._lock:
            self._data["sources"][where] = {
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "sha256": sha,
            }
            self._change("sources", where)
        self._remember_hash(path, stat, sha)
        return sha

    def known_hash(self, path: Path) -> str | None:
        """The content hash of ``path`` if its stat shows it unchanged; never reads the file.

        Raises:
            OSError: ``path`` cannot be stat'ed.
        """
        return self._known_hash(path)[0]

    def _known_hash(self, path: Path) -> tuple[str | None, os.stat_result, str]:
        given = str(path)
        stat = os.stat(given)
        seen = self._hashed.get(given)
        if seen is not None and seen[0] == _identity(stat):  # the very file hashed before
            return seen[1], stat, given
        where = str(path.resolve())
        sha = known_sha256(self._stamp(where), stat)
        if sha is not None:
            self._remember_hash(path, stat, sha)
        return sha, stat, where

    def _stamp(self, where: str) -> tuple[object, ...] | None:
        """The manifest's record of ``where`` as a :data:`~etalase.files.Stamp`."""
        with self._lock:
            known = self._data["sources"].get(where)
        if not isinstance(known, dict):
            return None
        return (known.get("size"), known.get("mtime_ns"), known.get("sha256"))

    def _remember_hash(self, path: Path, stat: os.stat_result, sha: str) -> None:
        self._hashed[str(path)] = (_identity(stat), sha)

    def tool_version(self, tools: Tools) -> str:
        """ffmpeg's version line, remembered by the executable's stat.

        Asking ffmpeg costs a process; a re-run on unchanged content must not
        start any, so the answer is kept while the executable is unchanged.
        """
        binary = Path(tools.ffmpeg)
        stat = binary.stat()
        where = f"tool:{binary.resolve()}"
        known = known_sha256(self._stamp(where), stat)
        if known is not None:
            return known
        version = tools.version
        with self._lock:
            self._data["sources"][where] = {
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "sha256": version,
            }
            self._change("sources", where)
        return version

    # --- probes ------------------------------------------------------------------

    def prober(self, tools: Tools, timeout: float) -> CacheProber:
        """A drop-in for :func:`etalase.media.probe.probe` that remembers answers.

        Results are keyed by the clip's content and ffprobe's identity (its path
        and stat); a time-out is never remembered, so it is tried again. While
        ffprobe is unchanged, the same prober is returned on every call, so its
        answers in memory hold across ``serve`` rebuilds.
        """
        binary = Path(tools.ffprobe)
        stat = binary.stat()
        identity = (str(binary.resolve()), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            made = self._probers.get((tools, timeout, identity))
            if made is None:
                made = CacheProber(self, tools, timeout, identity)
                self._probers[(tools, timeout, identity)] = made
            return made

    def _probe_answer(self, key: str) -> ProbeResult | None:
        with self._lock:
            known = self._data["probes"].get(key)
        return _probe_from_json(known) if known is not None else None

    def _record_probe(self, key: str, result: ProbeResult) -> None:
        with self._lock:
            self._data["probes"][key] = _probe_to_json(result)
            self._change("probes", key)

    # --- outputs -----------------------------------------------------------------

    def output_path(self, key: str, suffix: str) -> Path:
        """Where the output ``suffix`` (e.g. ``web.mp4``) of job ``key`` lives."""
        return self.folder.joinpath(key[:2], f"{key}-{suffix}")

    def lookup(self, key: str) -> dict[str, Any] | None:
        """The recorded meta of a finished job whose files all still exist."""
        with self._lock:
            record = self._data["outputs"].get(key)
        if not isinstance(record, dict) or not isinstance(record.get("meta"), dict):
            return None
        files = record.get("files")
        if not isinstance(files, list) or not all(
            isinstance(f, str) and os.path.isfile(os.path.join(self.folder, f)) for f in files
        ):
            return None
        meta: dict[str, Any] = record["meta"]
        with self._lock:
            self._used.add(key)
        return meta

    def record(self, key: str, files: list[Path], meta: dict[str, Any]) -> None:
        """Remember a finished job, its files (inside the cache) and its meta."""
        names = [p.relative_to(self.folder).as_posix() for p in files]
        with self._lock:
            self._data["outputs"][key] = {"files": names, "meta": meta}
            self._used.add(key)
            self._change("outputs", key)

    def prune(self) -> tuple[int, int]:
        """Delete what this process has not used: stale outputs, left-over temporary
        files, and the memory of sources that no longer exist.

        Call it only after a run over the whole catalogue (under the build lock):
        the manifest is then written whole from this process's memory, and the
        shards' manifests, whose records it now holds, are deleted.

        Returns:
            The number of files deleted and the bytes they took.
        """
        with self._lock:
            outputs = self._data["outputs"]
            for key in [k for k in outputs if k not in self._used]:
                del outputs[key]
            keep = {f for record in outputs.values() for f in record.get("files", [])}
            sources = self._data["sources"]
            for where in [w for w in sources if not w.startswith("tool:")]:
                if not Path(where).is_file():
                    del sources[where]
            self._pruned = True
        count = size = 0
        for path in self.folder.glob("*/*"):
            if path.is_file() and path.relative_to(self.folder).as_posix() not in keep:
                size += path.stat().st_size
                path.unlink()
                count += 1
        for folder in self.folder.iterdir():
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        self.save()
        if self.manifest_name == MANIFEST:  # the shards' records now live in the manifest
            for name in self._shards():
                self._manifest(name).remove()
        return count, size

    def save(self, *, at_most_every: float = 0.0) -> None:
        """Write down what changed since the last save (when throttled, not too often).

        Only the changed records are appended to the manifest's journal; after a
        :meth:`prune`, the manifest is written whole.
        """
        with self._lock:
            if not (self._changed or self._pruned):
                return
            if time.monotonic() - self._saved_at < at_most_every:
                return
            manifest = self._manifest()
            if self._pruned:
                manifest.replace(self._data)  # type: ignore[arg-type]
            else:
                records: list[Record] = []
                for section, key in self._changed:
                    value = self._data[section].get(key)  # type: ignore[literal-required]
                    if value is not None:
                        records.append((section, key, value))
                manifest.save(records)
            self._changed.clear()
            self._pruned = False
            self._saved_at = time.monotonic()

    def fold(self) -> None:
        """Save, then write the manifest whole, its journal folded in.

        For a manifest handed to another machine (a shard's, a pull batch's),
        which must be one complete file.
        """
        self.save()
        with self._lock:
            self._manifest().fold()


class CacheProber:
    """:func:`~etalase.media.probe.probe` with a cache's memory; made by :meth:`MediaCache.prober`."""

    def __init__(
        self, cache: MediaCache, tools: Tools, timeout: float, identity: tuple[object, ...]
    ) -> None:
        self.cache = cache
        self.tools = tools
        self.timeout = timeout
        self.identity = identity
        # The clip's hash -> answer, read from the manifest or asked this run.
        self._answers: dict[str, ProbeResult] = {}

    def __call__(self, path: Path) -> ProbeResult:
        """ffprobe's answer for ``path``: remembered, or asked (and then remembered)."""
        sha = self.cache.source_hash(path)
        answer = self._remembered(sha)
        if answer is not None:
            return answer
        result = probe(self.tools, path, self.timeout)
        if result.failure != "timeout":  # a time-out is tried again
            self.cache._record_probe(self._key(sha), result)
            self._answers[sha] = result
        return result

    def correct(self, path: Path, result: ProbeResult) -> None:
        """Remember ``result`` for ``path`` instead of what ffprobe said.

        The media step calls it when decoding found less than the headers
        promised (a truncated clip in a container that states no size): the next
        ``etalase check`` must say so too, without decoding again.
        """
        sha = self.cache.source_hash(path)
        self.cache._record_probe(self._key(sha), result)
        self._answers[sha] = result

    def _key(self, sha: str) -> str:
        return job_key("probe", sha, self.identity, PROBE_RECIPE)

    def known(self, path: Path) -> ProbeResult | None:
        """The remembered answer for ``path``, if there is one; never hashes or probes.

        Fast enough to ask on one thread for every clip before handing the rest
        to a thread pool. Raises ``OSError`` when ``path`` cannot be stat'ed.
        """
        sha = self.cache.known_hash(path)
        return self._remembered(sha) if sha is not None else None

    def _remembered(self, sha: str) -> ProbeResult | None:
        answer = self._answers.get(sha)
        if answer is None:
            answer = self.cache._probe_answer(self._key(sha))
            if answer is not None:
                self._answers[sha] = answer
        return answer


def temp_output(final: Path) -> Path:
    """A temporary sibling of ``final`` with the same suffix, for atomic writes.

    Its name carries this process's id. The first time a process writes into a
    folder, it removes the temporary files there of processes that no longer
    run (a killed ``etalase media``): the next run reclaims what a kill left.
    """
    final.parent.mkdir(parents=True, exist_ok=True)
    _reclaim(final.parent)
    return final.with_name(f".{os.getpid()}-{uuid.uuid4().hex[:12]}.tmp{final.suffix}")


_TEMP = re.compile(r"^\.(?P<pid>[0-9]+)-[0-9a-f]{12}\.tmp")
_swept: set[str] = set()
_swept_lock = threading.Lock()


def _reclaim(folder: Path) -> None:
    """Remove temporary files in ``folder`` left by processes that are gone."""
    key = str(folder)
    with _swept_lock:
        if key in _swept:
            return
        _swept.add(key)
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = _TEMP.match(name)
        if match is not None and not _alive(int(match.group("pid"))):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _identity(stat: os.stat_result) -> tuple[int, ...]:
    """Which file, and its version: a stricter test than the manifest's size and mtime."""
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def _probe_to_json(result: ProbeResult) -> dict[str, Any]:
    if result.info is not None:
        return {"info": asdict(result.info)}
    return {"failure": result.failure, "reason": result.reason, "reason_en": result.reason_en}


def _probe_from_json(data: Any) -> ProbeResult | None:
    if not isinstance(data, dict):
        return None
    info = data.get("info")
    if isinstance(info, dict):
        names = {f.name for f in fields(VideoInfo)}
        if set(info) != names:
            return None
        return ProbeResult(VideoInfo(**info))
    failure = data.get("failure")
    if failure in ("unreadable", "no-picture", "no-duration", "unknown-codec", "truncated"):
        reason, reason_en = str(data.get("reason", "")), str(data.get("reason_en", ""))
        return ProbeResult(None, failure, reason, reason_en)
    return None

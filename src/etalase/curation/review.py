"""The review queue: what waits for a curator, and the three decisions a curator makes.

``publish``, ``reject`` and ``feature`` change only ``status``, ``review_note``
and ``featured`` in an entry's front matter, through
:mod:`etalase.curation.frontmatter_edit`, and write the file atomically. The
queue lists every entry whose status is ``review`` (written or by default),
valid or not, with the problems a curator must know before publishing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.layout import INDEX, SCHOOLS_DIR
from ..content.loader import LoadResult
from ..files import atomic_write_bytes, read_regular, sha256_file
from ..paths import is_slug
from ..problems import Problem, problem
from ..reasons import os_reason
from .frontmatter_edit import Value, edit_front_matter

PREVIEW_BASE = "http://127.0.0.1:8000/"


@dataclass(frozen=True, slots=True)
class Waiting:
    """One entry waiting for review."""

    key: str
    school: str
    title: str
    duration: float | None
    problems: tuple[Problem, ...]
    preview_url: str


def find_entry(content_dir: Path, key: str) -> Path | None:
    """The ``index.md`` of entry ``school/entry`` (a path to the folder also works)."""
    parts = [p for p in key.replace("\\", "/").strip("/").split("/") if p]
    if parts and parts[-1] == INDEX:
        parts.pop()
    if len(parts) < 2:
        return None
    school, slug = parts[-2], parts[-1]
    if not (is_slug(school) and is_slug(slug)):
        return None
    folder = content_dir / SCHOOLS_DIR / school / slug
    index = folder / INDEX
    if folder.is_symlink() or index.is_symlink() or not index.is_file():
        return None
    return index


def entry_key(index: Path) -> str:
    """``school/entry`` of an entry's ``index.md``."""
    return f"{index.parent.parent.name}/{index.parent.name}"


def entry_version(index: Path) -> str:
    """The version of everything published with an entry, as a curator's page saw it.

    A decision is made on what the curator saw, and the site publishes more
    than ``index.md``: the video, its captions (``.vtt``/``.srt``), the pictures
    and any other file of the entry folder. So the version is the hash of
    ``index.md``'s bytes (a same-size edit within one clock tick still counts)
    and of every other file's name, size, modification time and inode: a clip
    swapped in by ``etalase ingest`` (a new file renamed over the old one), an
    added caption or a replaced picture all give another version, without any
    video being read. Hidden files (the ingest's origin file, partial copies)
    are left out: they never reach the site. Empty when ``index.md`` cannot be read.
    """
    try:
        digest = hashlib.sha256(sha256_file(index).encode("ascii"))
    except OSError:
        return ""
    folder = str(index.parent)
    for dirpath, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith(".") or (dirpath == folder and name == INDEX):
                continue
            path = os.path.join(dirpath, name)
            try:
                info = os.lstat(path)
            except OSError:
                continue  # removed meanwhile: no longer published with the entry
            rel = os.path.relpath(path, folder).replace(os.sep, "/")
            digest.update(
                f"\0{rel}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ino}".encode(
                    "utf-8", "surrogateescape"
                )
            )
    return digest.hexdigest()[:16]


def publish_changes(today: dt.date | None = None) -> dict[str, Value]:
    """Front-matter changes that publish an entry: its status, and when (the feed's order)."""
    return {"status": "published", "published": today or dt.date.today()}


def reject_changes(reason: str) -> dict[str, Value]:
    """Front-matter changes that reject an entry; the reason reaches the school's report."""
    return {"status": "rejected", "review_note": reason}


def review_changes() -> dict[str, Value]:
    """Front-matter changes that send an entry back to review (a rejection's note goes)."""
    return {"status": "review", "review_note": None}


def poster_changes(seconds: float) -> dict[str, Value]:
    """Front-matter changes that take the poster from second ``seconds`` of the clip."""
    return {"poster_time": round(float(seconds), 3)}


def feature_changes(on: bool = True) -> dict[str, Value]:
    """Front-matter changes that feature an entry (or stop featuring it)."""
    return {"featured": True if on else None}


def apply_changes(index: Path, changes: Mapping[str, Value], shown: str) -> Problem | None:
    """Edit ``index`` in place, atomically; returns a problem when it was left alone."""
    try:
        data = read_regular(index)
    except OSError as exc:
        return problem("FILE_UNREADABLE", shown, **os_reason(exc))
    edited = edit_front_matter(data, changes, shown)
    if edited.data is None:
        return edited.problem
    if edited.data != data:
        write_atomic(index, edited.data)
    return None


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``, keeping its permissions and flushing it to disk."""
    mode = path.stat().st_mode & 0o7777 if path.exists() else 0o644
    atomic_write_bytes(path, data, mode=mode, fsync=True)


def waiting_for_review(
    result: LoadResult, default_status: str, notes: Mapping[str, Problem] | None = None
) -> list[Waiting]:
    """Entries with status ``review``, valid or not, with their problems.

    Read from the load's records: no front matter is read again.

    Args:
        result: The loaded catalogue (with probing, so durations are known).
        default_status: The status of an entry that declares an empty one.
        notes: One more problem per entry key (the same clip as another entry).
    """
    notes = notes or {}
    items: list[Waiting] = []
    for record in sorted(result.records, key=lambda r: r.key):
        if (record.status or default_status).strip().lower() != "review":
            continue
        entry = record.entry
        school = record.key.partition("/")[0]
        duration = result.durations.get(record.key)
        items.append(
            Waiting(
                key=record.key,
                school=result.school_names.get(school, school),
                title=entry.title if entry else record.title or record.key,
                duration=duration,
                problems=(*record.problems, *((notes[record.key],) if record.key in notes else ())),
                preview_url=f"{PREVIEW_BASE}{SCHOOLS_DIR}/{record.key}/",
            )
        )
    return items

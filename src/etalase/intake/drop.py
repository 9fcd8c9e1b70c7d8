"""Scanning the shared drop folder: school folders by NPSN, submissions, uploads still running.

Layout: ``DROP_DIR/<npsn> <any name>/<any submission folder>/`` with one video
and one explanation file. This module only reads: it lists what is there,
classifies each submission folder, and tells a file still being written (size
or mtime changing between two looks ``settle`` seconds apart) from a finished
one. Symbolic links are not followed, and folders inside a submission folder
are not looked into, but both are listed so the school's report can say so;
an explanation in a format we cannot read (``.doc``, ``.pdf`` ...) is listed too.
"""

from __future__ import annotations

import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content.layout import VIDEO_SUFFIXES
from .explanation import TEXT_SUFFIXES

#: Explanation formats schools send that Etalase cannot read (they are asked for .docx).
UNSUPPORTED_TEXT_SUFFIXES = frozenset(
    {".doc", ".docm", ".dot", ".dotx", ".pdf", ".odt", ".rtf", ".pages", ".wps", ".gdoc"}
)

REPORT_NAME = "LAPORAN-ETALASE.txt"
_NPSN = re.compile(r"^\s*([0-9]{8})(?![0-9])")
# Files that sync clients, Office and operating systems leave behind.
_JUNK = re.compile(
    r"^(desktop\.ini|thumbs\.db|\.ds_store|icon\r|~\$.*|\.~lock\..*|.*\.tmp|.*\.part|"
    r".*\.crdownload|\.gdoc|.*\.gsheet|\.sync.*)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class SubmissionFolder:
    """One folder inside a school's drop folder."""

    folder: Path
    videos: tuple[Path, ...]
    texts: tuple[Path, ...]
    unsupported: tuple[Path, ...] = ()  # explanations in a format we cannot read
    nested: tuple[Path, ...] = ()  # folders inside the submission folder (not looked into)
    links: tuple[Path, ...] = ()  # symbolic links (never followed)

    @property
    def files(self) -> tuple[Path, ...]:
        return self.videos + self.texts + self.unsupported


@dataclass(frozen=True, slots=True)
class SchoolFolder:
    """A school's folder in the drop: ``npsn`` is None when the name does not start with one."""

    folder: Path
    npsn: str | None
    submissions: tuple[SubmissionFolder, ...]
    loose: tuple[Path, ...]
    links: tuple[Path, ...] = ()  # symbolic links in the school folder (never followed)


def npsn_of(folder_name: str) -> str | None:
    """The NPSN at the start of a folder name (``"20312345 SD N 1 Blora"`` -> ``"20312345"``)."""
    match = _NPSN.match(folder_name)
    return match.group(1) if match else None


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if not _ignored(p.name))
    except OSError:  # vanished or unreadable between two looks
        return []


def _ignored(name: str) -> bool:
    return name.startswith(".") or name == REPORT_NAME or bool(_JUNK.match(name))


def _kind(path: Path) -> str:
    try:
        mode = path.lstat().st_mode
    except OSError:
        return "gone"
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def scan_drop(drop_dir: Path) -> list[SchoolFolder]:
    """List the school folders of ``drop_dir`` with their submission folders."""
    schools: list[SchoolFolder] = []
    for school_dir in _entries(drop_dir):
        if _kind(school_dir) != "dir":
            continue
        submissions: list[SubmissionFolder] = []
        loose: list[Path] = []
        links: list[Path] = []
        for child in _entries(school_dir):
            kind = _kind(child)
            if kind == "dir":
                submissions.append(_submission(child))
            elif kind == "link":
                links.append(child)
            elif kind == "file" and child.suffix.lower() in VIDEO_SUFFIXES | TEXT_SUFFIXES:
                loose.append(child)
        schools.append(
            SchoolFolder(
                school_dir, npsn_of(school_dir.name), tuple(submissions), tuple(loose), tuple(links)
            )
        )
    return schools


def _submission(folder: Path) -> SubmissionFolder:
    children = [(p, _kind(p)) for p in _entries(folder)]
    files = [p for p, kind in children if kind == "file"]

    def having(suffixes: frozenset[str]) -> tuple[Path, ...]:
        return tuple(p for p in files if p.suffix.lower() in suffixes)

    return SubmissionFolder(
        folder,
        having(VIDEO_SUFFIXES),
        having(TEXT_SUFFIXES),
        having(UNSUPPORTED_TEXT_SUFFIXES),
        nested=tuple(p for p, kind in children if kind == "dir"),
        links=tuple(p for p, kind in children if kind == "link"),
    )


Stamp = tuple[int, int] | None


def stamps(paths: Iterable[Path]) -> dict[Path, Stamp]:
    """Size and mtime of each file (None when it vanished)."""
    result: dict[Path, Stamp] = {}
    for path in paths:
        try:
            info = path.stat()
            result[path] = (info.st_size, info.st_mtime_ns)
        except OSError:
            result[path] = None
    return result


def still_growing(paths: Iterable[Path], settle: float) -> set[Path]:
    """Files whose size or mtime changed within ``settle`` seconds (or that vanished)."""
    items = list(paths)
    first = stamps(items)
    if settle > 0 and items:
        time.sleep(settle)
    second = stamps(items)
    return {p for p in items if first[p] is None or first[p] != second[p]}

"""Scanning the shared drop folder: school folders by NPSN, submissions, uploads still running.

Layout: ``DROP_DIR/<npsn> <any name>/<any submission folder>/`` with one video
and one explanation file. One level of grouping is accepted: a folder that holds
folders but no file we read is a group (``Kegiatan 2025/``), and each of its
folders is a submission (``Kegiatan 2025/Lomba/``). This module only reads: it
lists what is there, classifies each submission folder, and tells a file still
being written (size or mtime changing between two looks ``settle`` seconds
apart) from a finished one. Nothing is passed over unsaid: symbolic links are
not followed, folders inside a submission folder and groups inside a group are
not looked into, and folders that cannot be listed are not guessed at, but all
of them are listed so the school's report can say so; an explanation in a format
we cannot read (``.doc``, ``.pdf`` ...) is listed too.
"""

from __future__ import annotations

import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..content.captions import SUFFIXES
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
    captions: tuple[Path, ...] = ()  # .srt/.vtt: copied beside the video, language kept

    @property
    def files(self) -> tuple[Path, ...]:
        return self.videos + self.texts + self.unsupported + self.captions


@dataclass(frozen=True, slots=True)
class SchoolFolder:
    """A school's folder in the drop: ``npsn`` is None when the name does not start with one."""

    folder: Path
    npsn: str | None
    submissions: tuple[SubmissionFolder, ...]
    loose: tuple[Path, ...]
    links: tuple[Path, ...] = ()  # symbolic links in the school folder or a group (never followed)
    too_deep: tuple[Path, ...] = ()  # groups inside a group (not looked into)
    unreadable: tuple[Path, ...] = ()  # folders that cannot be listed (the school folder too)


def npsn_of(folder_name: str) -> str | None:
    """The NPSN at the start of a folder name (``"20312345 SD N 1 Blora"`` -> ``"20312345"``)."""
    match = _NPSN.match(folder_name)
    return match.group(1) if match else None


def _entries(folder: Path) -> list[Path] | None:
    """The entries of ``folder`` we look at, sorted; None when it cannot be listed."""
    try:
        return sorted(p for p in folder.iterdir() if not _ignored(p.name))
    except FileNotFoundError:  # vanished between two looks: nothing to say
        return []
    except OSError:
        return None


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
    for school_dir in _entries(drop_dir) or []:
        if _kind(school_dir) != "dir":
            continue
        submissions: list[SubmissionFolder] = []
        loose: list[Path] = []
        links: list[Path] = []
        too_deep: list[Path] = []
        children = _entries(school_dir)
        unreadable: list[Path] = [school_dir] if children is None else []
        for child in children or []:
            kind = _kind(child)
            if kind == "dir":
                inside = _entries(child)
                if inside is None:
                    unreadable.append(child)
                elif not _is_group(inside):
                    submissions.append(_submission(child, inside))
                    continue
                for sub in inside or []:  # a group: each folder in it is a submission
                    sub_kind = _kind(sub)
                    if sub_kind == "link":
                        links.append(sub)
                    elif sub_kind != "dir":
                        continue
                    elif (sub_inside := _entries(sub)) is None:
                        unreadable.append(sub)
                    elif _is_group(sub_inside):
                        too_deep.append(sub)
                    else:
                        submissions.append(_submission(sub, sub_inside))
            elif kind == "link":
                links.append(child)
            elif kind == "file" and child.suffix.lower() in VIDEO_SUFFIXES | TEXT_SUFFIXES:
                loose.append(child)
        schools.append(
            SchoolFolder(
                school_dir,
                npsn_of(school_dir.name),
                tuple(submissions),
                tuple(loose),
                tuple(links),
                tuple(too_deep),
                tuple(unreadable),
            )
        )
    return schools


CAPTION_FILE_SUFFIXES = frozenset(SUFFIXES)
#: Files that make a folder a submission (a group holds folders and none of these).
_READ_SUFFIXES = VIDEO_SUFFIXES | TEXT_SUFFIXES | UNSUPPORTED_TEXT_SUFFIXES


def _is_group(entries: list[Path]) -> bool:
    """Whether a folder with these entries groups submissions: folders, and no file we read."""
    kinds = [(p, _kind(p)) for p in entries]
    return any(kind == "dir" for _, kind in kinds) and not any(
        kind == "file" and p.suffix.lower() in _READ_SUFFIXES for p, kind in kinds
    )


def _submission(folder: Path, entries: list[Path]) -> SubmissionFolder:
    children = [(p, _kind(p)) for p in entries]
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
        captions=having(CAPTION_FILE_SUFFIXES),
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

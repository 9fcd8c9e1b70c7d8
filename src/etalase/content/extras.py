"""The files beside a school's or an entry's text: which may travel to the site, and how.

A folder holds its ``index.md`` and video, and may hold the captions its entry
names and photos. Anything else a school put there (an SVG or HTML page that
could run script on the office's site, a PDF, a document) never reaches the
site: :func:`sort_folder` names it so ``check`` and ``build`` can say so with
``FILE_NOT_PUBLISHED``. Pictures are re-encoded before they are published
(:mod:`etalase.media.image`); captions only as the normalised WebVTT copies the
media step makes of the tracks the loader checked (:mod:`etalase.media.captions`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from ..paths import suffix_of
from .layout import IMAGE_SUFFIXES, VIDEO_SUFFIXES


@dataclass(frozen=True, slots=True)
class FolderFiles:
    """The files of one folder, sorted by what becomes of them."""

    captions: tuple[Path, ...]  # the checked captions: published as normalised WebVTT copies
    images: tuple[Path, ...]  # pictures: re-encoded first
    refused: tuple[Path, ...]  # never published


def sort_folder(folder: Path, captions: Sequence[Path] = ()) -> FolderFiles:
    """Sort the files directly in ``folder`` (hidden files, texts and videos aside).

    Args:
        folder: A school's or an entry's folder.
        captions: The caption files of its entry the loader checked.
    """
    kept: list[Path] = []
    images: list[Path] = []
    refused: list[Path] = []
    checked = {os.path.realpath(path) for path in captions}
    try:
        listing = sorted(os.scandir(folder), key=lambda item: item.name)
    except OSError:
        return FolderFiles((), (), ())
    for item in listing:
        name = item.name
        suffix = suffix_of(name).lower()
        if name.startswith(".") or suffix == ".md" or suffix in VIDEO_SUFFIXES:
            continue  # hidden (never collected), the text, the original video
        if item.is_dir():
            continue  # an entry, or a folder whose files never reach the site (a linked
            # folder is the loader's FOLDER_LINKED)
        path = Path(item.path)
        if checked and os.path.realpath(item.path) in checked:
            kept.append(path)
        elif suffix in IMAGE_SUFFIXES and not item.is_symlink():
            images.append(path)
        else:
            refused.append(path)
    return FolderFiles(tuple(kept), tuple(images), tuple(refused))


#: A Markdown picture, ``![alt](target "title")``, and an HTML one, ``<img src="target">``.
_MD_PICTURE = re.compile(
    r'!\[(?P<alt>[^\]\n]*)\]\(\s*(?P<target><[^>\n]*>|[^)\s]+)(?:\s+"[^"\n]*")?\s*\)'
)
_HTML_PICTURE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']?(?P<target>[^"'\s>]+)[^>]*>""", re.I)


def _local_name(target: str) -> str | None:
    """The file name a picture reference points at, if it is a local one."""
    name = unquote(target.strip("<>").split("#", 1)[0].split("?", 1)[0])
    if not name or "://" in name or name.startswith(("//", "data:", "/")) or ":" in name:
        return None  # not a file of the folder (the sanitizer drops remote ones)
    return name.removeprefix("./")


def unshown_pictures(body: str, folder: Path) -> list[tuple[str, str | None]]:
    """Pictures the text shows that will not be on the site: (name, same name in other case).

    A picture is shown when it is a JPEG, PNG or WebP file directly in ``folder``
    (what :func:`sort_folder` publishes); anything else would be a broken image.
    """
    if "![" not in body and "<img" not in body.lower():
        return []
    try:
        present = {item.name for item in os.scandir(folder)}
    except OSError:
        present = set()
    unshown: list[tuple[str, str | None]] = []
    for match in (*_MD_PICTURE.finditer(body), *_HTML_PICTURE.finditer(body)):
        name = _local_name(match.group("target"))
        if name is None or _is_shown(folder, name, present):
            continue
        other = next((p for p in sorted(present) if p.casefold() == name.casefold()), None)
        if (name, other) not in unshown:
            unshown.append((name, other))
    return unshown


def without_unshown_pictures(body: str, folder: Path) -> str:
    """``body`` with every picture that will not be on the site replaced by its alt text."""
    unshown = {name for name, _ in unshown_pictures(body, folder)}
    if not unshown:
        return body

    def markdown(match: re.Match[str]) -> str:
        name = _local_name(match.group("target"))
        return match.group("alt") if name in unshown else match.group(0)

    def html(match: re.Match[str]) -> str:
        return "" if _local_name(match.group("target")) in unshown else match.group(0)

    return _HTML_PICTURE.sub(html, _MD_PICTURE.sub(markdown, body))


def _is_shown(folder: Path, name: str, present: set[str]) -> bool:
    if "/" in name or "\\" in name or name not in present:
        return False
    path = folder / name
    return suffix_of(name).lower() in IMAGE_SUFFIXES and path.is_file() and not path.is_symlink()

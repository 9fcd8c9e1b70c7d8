"""The files beside a school's or an entry's text: which may travel to the site, and how.

A folder holds its ``index.md`` and video, and may hold the captions its entry
names and photos. Anything else a school put there (an SVG or HTML page that
could run script on the office's site, a PDF, a document) never reaches the
site: :func:`sort_folder` names it so ``check`` and ``build`` can say so with
``FILE_NOT_PUBLISHED``. Pictures are re-encoded before they are published
(:mod:`etalase.media.image`); captions are published only when the entry names
them (the loader checked them as WebVTT).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..paths import suffix_of
from .layout import IMAGE_SUFFIXES, VIDEO_SUFFIXES


@dataclass(frozen=True, slots=True)
class FolderFiles:
    """The files of one folder, sorted by what becomes of them."""

    captions: tuple[Path, ...]  # the checked captions: copied as they are
    images: tuple[Path, ...]  # pictures: re-encoded first
    refused: tuple[Path, ...]  # never published


def sort_folder(folder: Path, captions: Path | None = None) -> FolderFiles:
    """Sort the files directly in ``folder`` (hidden files, texts and videos aside).

    Args:
        folder: A school's or an entry's folder.
        captions: The captions file its entry names and the loader checked.
    """
    kept: list[Path] = []
    images: list[Path] = []
    refused: list[Path] = []
    checked = os.path.realpath(captions) if captions is not None else None
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
            # folder is the loader's PATH_OUTSIDE)
        path = Path(item.path)
        if checked is not None and os.path.realpath(item.path) == checked:
            kept.append(path)
        elif suffix in IMAGE_SUFFIXES and not item.is_symlink():
            images.append(path)
        else:
            refused.append(path)
    return FolderFiles(tuple(kept), tuple(images), tuple(refused))

"""What the media step hands to the site: per entry, the poster and rendition files.

These types are the contract between :mod:`etalase.media` (which makes the
files in the cache) and the site layer (which copies them into each entry's
folder of ``site/``). Paths point into the media cache; nothing here points at
a school's original upload.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Poster:
    """One poster image at one width."""

    width: int
    height: int
    webp: Path
    jpeg: Path


@dataclass(frozen=True, slots=True)
class Rendition:
    """One rendition of a clip, made by a row of :func:`etalase.media.rendition.renditions`."""

    name: str  # the row's: "web" (up to 720p), "hemat" (data saver, 360p), "offline" (WebM)
    path: Path
    width: int
    height: int
    bytes: int


@dataclass(frozen=True, slots=True)
class EntryMedia:
    """Everything the site needs to show one entry's clip."""

    key: str  # Entry.key, "<school>/<entry>"
    duration: float
    posters: tuple[Poster, ...]  # ascending width
    renditions: tuple[Rendition, ...]  # in the rendition list's order: "web", then "hemat"

    def rendition(self, name: str) -> Rendition | None:
        """The rendition called ``name`` (the curator's desk serves it by name)."""
        return next((r for r in self.renditions if r.name == name), None)


@dataclass(frozen=True, slots=True)
class OfflineRendition:
    """One clip's video for the offline editions: VP9/Opus WebM, made on demand only.

    Made by :func:`etalase.media.offline.make_offline`, never by a build; the
    ``hemat`` MP4 stays beside it as the fallback for players without VP9.
    """

    key: str  # Entry.key, "<school>/<entry>"
    path: Path  # in the media cache
    bytes: int
    duration: float  # seconds, the clip's
    width: int
    height: int

"""The school's captions as the site gets them: normalised UTF-8 WebVTT in the media cache.

The loader checked each track (:func:`etalase.content.captions.read_file`) and
kept the SHA-256 of its normalised WebVTT. Here that text is written once into
``<media cache>/captions/<xx>/<sha256>.vtt`` (content-addressed, like the posters:
the same captions in two entries are one file, an edited file gets a new name),
atomically. The school's own file is only read.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..content.captions import CaptionTrack, read_file
from ..content.model import Entry
from ..files import atomic_write_text

CAPTIONS_DIR = "captions"


def normalised_file(media_dir: Path, track: CaptionTrack, duration: float | None) -> Path | None:
    """The cache's WebVTT copy of ``track``, written when missing; None when the
    school's file changed since the loader checked it (the next load sees it)."""
    if not track.digest:
        return None
    # Two levels down: `etalase media --prune` deletes only the files one level down that
    # its manifest does not name, and these few-KB files are not in it.
    path = media_dir / CAPTIONS_DIR / track.digest[:2] / f"{track.digest}.vtt"
    if path.is_file():
        return path
    captions = read_file(track.source, duration)
    if not captions.usable or captions.digest() != track.digest:
        return None
    atomic_write_text(path, captions.webvtt())
    return path


def caption_copies(media_dir: Path, entries: Iterable[Entry]) -> dict[str, Path]:
    """Each track's site address (``sekolah/<school>/<entry>/video.id.vtt``) and cache file."""
    copies: dict[str, Path] = {}
    for entry in entries:
        duration = entry.video_info.duration if entry.video_info is not None else None
        for track in entry.captions:
            made = normalised_file(media_dir, track, duration)
            if made is not None:
                copies[f"{entry.url}{track.published_name}"] = made
    return copies

"""The school's captions as the site gets them: normalised UTF-8 WebVTT in the media cache.

The loader checked each track (:func:`etalase.content.captions.read_file`) and
kept the SHA-256 of its normalised WebVTT. Here that text is written once into
``<media cache>/captions/<xx>/<sha256>.vtt`` (content-addressed, like the posters:
the same captions in two entries are one file, an edited file gets a new name),
atomically. The school's own file is only read.

Where the office sets ``publish_unchecked_drafts``, an entry's machine draft in a
language it has no other captions in joins its tracks for the site
(:func:`with_unchecked_drafts`), marked as a machine track: a school's file or
a checked one always wins over a draft.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..content.captions import CaptionTrack, read_file
from ..content.model import Entry
from ..files import atomic_write_text
from .drafts import DraftStore

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


def with_unchecked_drafts(captions_dir: Path, entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """``entries`` with each one's unchecked machine draft among its tracks (#30.3).

    Only a draft of a language the entry has no usable track in (the school's own or
    a checked one), made from the clip as it is now (:meth:`DraftStore.current`),
    with cues; an entry without one is returned as it is (the same object).
    """
    store = DraftStore(captions_dir)
    found: list[Entry] = []
    for entry in entries:
        rows = store.rows.get(entry.key, {})
        taken = {t.language for t in entry.captions if t.usable}
        added: list[CaptionTrack] = []
        for language in sorted(set(rows) - taken):
            vtt = store.current(entry.key, language, entry.video)
            if vtt is None:
                continue
            duration = entry.video_info.duration if entry.video_info is not None else None
            captions = read_file(vtt, duration)
            if captions.usable:
                added.append(CaptionTrack(language, vtt, captions.digest(), machine=True))
        if added:
            tracks = sorted([*entry.captions, *added], key=lambda t: t.language)
            entry = replace(entry, captions=tuple(tracks))
        found.append(entry)
    return tuple(found)

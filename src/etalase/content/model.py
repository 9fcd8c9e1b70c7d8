"""Typed values for what schools write: a school profile and a showcase entry."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..paths import slugify
from .captions import CaptionTrack
from .roster import Roster
from .video import VideoInfo

if TYPE_CHECKING:
    from .innovation import Innovation

Status = Literal["draft", "review", "published", "rejected"]


@dataclass(frozen=True, slots=True)
class School:
    """A school profile, from ``content/sekolah/<slug>/index.md``."""

    slug: str
    source: Path
    name: str
    npsn: str
    level: str
    district: str
    body: str
    address: str | None = None
    website: str | None = None
    logo: Path | None = None

    @property
    def folder(self) -> Path:
        return self.source.parent

    @property
    def district_slug(self) -> str:
        return slugify(self.district)

    @property
    def level_slug(self) -> str:
        return slugify(self.level)

    @property
    def url(self) -> str:
        return f"sekolah/{self.slug}/"


@dataclass(frozen=True, slots=True)
class Entry:
    """One showcase clip with its short explanation."""

    school_slug: str
    slug: str
    source: Path
    title: str
    date: dt.date
    category: str
    video: Path
    consent: bool
    status: Status
    body: str
    tags: tuple[str, ...] = ()
    featured: bool = False
    review_note: str | None = None
    #: The school's captions, one per language, checked by the loader (an unusable one is
    #: kept without a digest: see :attr:`CaptionTrack.usable`).
    captions: tuple[CaptionTrack, ...] = ()
    poster_time: float | None = None
    video_info: VideoInfo | None = None
    #: When the curator published it (``published:``, written by ``etalase publish``).
    published: dt.date | None = None
    #: The language spoken in the clip (``language:``, ISO 639): its drafts are made in it.
    language: str = "id"
    #: ``<school>/<entry>``: unique across the catalogue. Made once: every step
    #: looks entries up by it, a few hundred thousand times in a 10,000-entry build.
    key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.school_slug}/{self.slug}")

    @property
    def folder(self) -> Path:
        return self.source.parent

    @property
    def url(self) -> str:
        return f"sekolah/{self.school_slug}/{self.slug}/"

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def main_captions(self) -> CaptionTrack | None:
        """The usable captions in the clip's own language, else the first usable track."""
        usable = [t for t in self.captions if t.usable]
        own = next((t for t in usable if t.language == self.language), None)
        return own or next(iter(usable), None)

    @property
    def published_on(self) -> dt.date:
        """The publication date; the activity date for entries published before it was kept."""
        return self.published or self.date


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The valid schools, entries and innovations (invalid ones are only in the report), and
    the roster.

    ``schools`` are the schools with a valid profile folder; with a roster, their
    name, level, kecamatan and address are the roster's.
    """

    schools: tuple[School, ...] = ()
    entries: tuple[Entry, ...] = ()
    #: The office's list of every school, when it keeps one (``content/sekolah.csv``).
    roster: Roster | None = None
    _by_slug: dict[str, School] = field(default_factory=dict, compare=False, repr=False)
    #: Innovation profiles (``content/inovasi/``), checked against the schools and entries.
    innovations: tuple[Innovation, ...] = ()

    def __post_init__(self) -> None:
        self._by_slug.update((s.slug, s) for s in self.schools)

    def school(self, slug: str) -> School | None:
        return self._by_slug.get(slug)

    @property
    def published(self) -> tuple[Entry, ...]:
        """Published entries, newest first."""
        items = [e for e in self.entries if e.is_published]
        return tuple(sorted(items, key=lambda e: (e.date, e.key), reverse=True))

    @property
    def published_innovations(self) -> tuple[Innovation, ...]:
        """Published innovations, by title."""
        items = [i for i in self.innovations if i.is_published]
        return tuple(sorted(items, key=lambda i: (i.title.casefold(), i.slug)))

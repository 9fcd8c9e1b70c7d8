"""What the catalogue templates show: plain, frozen values with site-root-relative URLs.

Views are built by :mod:`etalase.site.pages` from the catalogue and handed to
the Jinja templates unchanged. Every text in them is raw (unescaped); the
templates escape it. URLs are relative to the site root (``sekolah/x/``) and
go through MkDocs' ``url`` filter in the templates, so the site works from any
folder of a host.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .charts import Chart
    from .innovation import InnovationStats


#: The entry player on the phone this site is measured on (360x740 CSS px, 2x):
#: the content column's width, and the height an upright clip may take (etalase.css).
PHONE_SLOT_CSS, PHONE_UPRIGHT_CSS, PHONE_DENSITY = 328, 0.56 * 740, 2


@dataclass(frozen=True, slots=True)
class ImageFile:
    """One poster or picture file at one width."""

    uri: str
    width: int
    height: int

    @property
    def name(self) -> str:
        """The file name: posters sit in their entry's folder, beside its page."""
        return self.uri.rsplit("/", 1)[-1]

    def src(self, base: str) -> str:
        """The address from a page: ``base`` (the entry folder's URL) and the name,
        or the full address on the media host (``media_url``)."""
        return self.uri if "://" in self.uri else base + self.name


@dataclass(frozen=True, slots=True)
class PosterSet:
    """An entry's poster in every width, as WebP and JPEG (offline: WebP in both)."""

    webp: tuple[ImageFile, ...]
    jpeg: tuple[ImageFile, ...]

    @property
    def fallback(self) -> ImageFile:
        """The smallest JPEG, for browsers that ignore ``srcset``."""
        return self.jpeg[0]

    @property
    def largest_jpeg(self) -> ImageFile:
        return self.jpeg[-1]

    def webp_for(self, width: float) -> ImageFile:
        """The narrowest WebP about ``width`` pixels wide or wider (else the widest).

        "About": a poster up to a tenth narrower than the slot is taken, so a
        656-pixel slot gets the 640 poster rather than the 1280 one.
        """
        wide_enough = [f for f in self.webp if f.width >= 0.9 * width]
        return wide_enough[0] if wide_enough else self.webp[-1]


@dataclass(frozen=True, slots=True)
class Link:
    """A labelled link, with a count where one helps."""

    label: str
    url: str
    count: int = 0


@dataclass(frozen=True, slots=True)
class Card:
    """An entry in a list: poster, title, school, kecamatan, date."""

    key: str
    title: str
    url: str
    school: str
    district: str
    date_iso: str
    date_text: str
    duration_text: str | None
    poster: PosterSet | None
    status: str = "published"


@dataclass(frozen=True, slots=True)
class Source:
    """One rendition the player can play."""

    name: str  # a row of the rendition list: "web", "hemat", "offline"
    uri: str
    width: int
    height: int
    megabytes: str
    saver: bool = False  # the data-saver switch's choice (the list's ``saver`` row)


@dataclass(frozen=True, slots=True)
class Track:
    """One ``<track>`` of the player: a language's published captions (#30.4)."""

    uri: str
    language: str
    label: str  # the language and where the captions come from: "Indonesia (sekolah)"
    default: bool = False


@dataclass(frozen=True, slots=True)
class TranscriptLine:
    """One cue of the transcript under the player: a button that seeks to ``start``."""

    start: float
    end: float
    time_text: str  # "0:07"
    text: str


@dataclass(frozen=True, slots=True)
class Transcript:
    """One published language's transcript under the player (#30.4)."""

    language: str
    label: str  # its track's label: "Jawa (sekolah)"
    lines: tuple[TranscriptLine, ...]
    #: An unchecked machine draft (``publish_unchecked_drafts``): the page says so, and its
    #: words are kept out of every search index (#30.3, #30.5).
    unchecked: bool = False


@dataclass(frozen=True, slots=True)
class Player:
    """The video element of an entry page.

    The poster in the HTML is the one a phone's player slot needs, so the
    phones this site is mostly for fetch it at once and no other; ``etalase.js``
    takes a wider one only where the player is wider on screen (a tablet, a desktop).
    """

    sources: tuple[Source, ...]  # in the rendition list's order: the first is played first
    poster: PosterSet | None
    captions: str | None  # the main track's address (the folder edition's script reads it)
    duration_text: str
    width: int
    height: int
    tracks: tuple[Track, ...] = ()
    transcripts: tuple[Transcript, ...] = ()  # one per published language, the main first
    captions_language: str = "id"
    captions_label: str = ""

    def source(self, name: str) -> Source | None:
        return next((s for s in self.sources if s.name == name), None)

    @property
    def transcript(self) -> tuple[TranscriptLine, ...]:
        """The main language's transcript lines."""
        return self.transcripts[0].lines if self.transcripts else ()

    @property
    def unchecked(self) -> bool:
        """A published track is an unchecked machine draft: the page says so (#30.3)."""
        return any(t.unchecked for t in self.transcripts)

    @property
    def saver(self) -> Source | None:
        """The data-saver source, when the page carries one beside the first."""
        return next((s for s in self.sources[1:] if s.saver), None)

    @property
    def portrait(self) -> bool:
        return self.height > self.width

    @property
    def phone_poster(self) -> ImageFile | None:
        """The poster for the player on a phone: 328 CSS px wide at most (a 360 px
        screen), an upright clip at most 56 % of a 740 px screen high, at 2x density."""
        if self.poster is None:
            return None
        shown = min(PHONE_SLOT_CSS, PHONE_UPRIGHT_CSS * self.width / self.height)
        return self.poster.webp_for(PHONE_DENSITY * shown)


@dataclass(frozen=True, slots=True)
class EntryView:
    """An entry page."""

    title: str
    school: Link
    district: Link
    level: Link
    category: Link
    year: Link
    date_iso: str
    date_text: str
    tags: tuple[Link, ...]
    player: Player | None
    status: str
    status_text: str
    evidence_for: tuple[Link, ...] = ()  # the innovations this clip is evidence for
    kind_filter: bool = False  # search tells videos from innovations (only when there are some)


@dataclass(frozen=True, slots=True)
class SchoolView:
    """A school page: its profile and its entries."""

    name: str
    npsn: str
    level: Link
    district: Link
    address: str | None
    website: str | None
    logo: tuple[ImageFile, ...]  # the logo's files, narrowest first (none: no logo)
    cards: tuple[Card, ...]
    innovations: tuple[Link, ...] = ()
    entries_elsewhere: int = 0  # an update pack: its published entries outside the pack


@dataclass(frozen=True, slots=True)
class Pagination:
    """Where a list page sits among its pages."""

    page: int
    pages: int
    newer: str | None
    older: str | None
    links: tuple[Link, ...]


@dataclass(frozen=True, slots=True)
class ListingView:
    """One page of entry cards, newest first."""

    heading: str
    kind: str  # "kecamatan", "jenjang", "kategori", "tahun", "tag"
    cards: tuple[Card, ...]
    total: int
    pagination: Pagination


@dataclass(frozen=True, slots=True)
class IndexView:
    """The values of one facet (all kecamatan, all jenjang, ...) with their counts."""

    heading: str
    links: tuple[Link, ...]
    empty: tuple[str, ...]  # values with nothing published yet


@dataclass(frozen=True, slots=True)
class SchoolRow:
    """A school in the ``/sekolah/`` list."""

    link: Link
    level: str


@dataclass(frozen=True, slots=True)
class SchoolsView:
    """``/sekolah/``: the schools with published entries, grouped by kecamatan."""

    groups: tuple[tuple[Link, tuple[SchoolRow, ...]], ...]
    total: int  # schools listed (those with published entries)
    known: int = 0  # every school of the regency the office knows (roster or profiles)


@dataclass(frozen=True, slots=True)
class Bar:
    """One row of a server-side bar chart."""

    label: str
    count: int
    percent: int
    url: str | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class StatsView:
    """``/statistik/``: counts and coverage."""

    published: int
    schools: int
    contributing: int
    by_district: tuple[Bar, ...]
    by_level: tuple[Bar, ...]
    by_category: tuple[Bar, ...]
    by_year: tuple[Bar, ...]
    coverage: tuple[Bar, ...]
    # By kecamatan: (kecamatan, the first schools, how many more are not named).
    schools_without: tuple[tuple[str, tuple[Link, ...], int], ...]
    districts_without: tuple[str, ...]
    innovations: InnovationStats | None = None
    coverage_level: tuple[Bar, ...] = ()
    over_time: tuple[Chart, ...] = ()  # entries, schools and coverage per month
    reach: tuple[Chart, ...] = ()  # views and plays per month, most viewed (from the logs)


@dataclass(frozen=True, slots=True)
class HomeView:
    """The home page beside the office's intro text."""

    featured: tuple[Card, ...]
    latest: tuple[Card, ...]
    published: int
    schools: int
    districts: int
    preview: tuple[Card, ...] = ()  # unpublished entries, in curator preview only
    since_text: str | None = None  # an update pack: what was published since this day

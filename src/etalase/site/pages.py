"""The site plan: every catalogue page and every media file, from the catalogue alone.

:func:`plan_site` turns the validated catalogue, the policy and the media
step's outputs into :class:`PageSpec` values (URL, title, template, the
contributed Markdown, the view the template shows) and :class:`MediaFile`
copies (renditions and posters into the entry's own folder). It knows nothing
of MkDocs, so any generator can publish the same plan. No page lists the whole
catalogue: lists are paginated and the navigation holds only the sections.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar, cast

import markdown
import nh3

from ..content.captions import CaptionTrack, read_file
from ..content.extras import without_unshown_pictures
from ..content.model import Catalogue, Entry, School
from ..content.routes import CAPTIONED, CATEGORY, DISTRICT, LEVEL, ROUTES, TAG, YEAR
from ..inventory import CoverageRow, coverage
from ..media.outputs import EntryMedia
from ..media.rendition import saver_names
from ..paths import slugify
from ..policy import Policy
from ..stats.totals import Totals
from . import charts
from .edition import ONLINE, Edition
from .innovation import INDEX_URI as INNOVATIONS_URI
from .innovation import InnovationPlanner
from .pictures import Pictures
from .sanitize import safe_link
from .strings import Strings
from .views import (
    Bar,
    Card,
    EntryView,
    HomeView,
    ImageFile,
    IndexView,
    Link,
    ListingView,
    Pagination,
    Player,
    PosterSet,
    SchoolRow,
    SchoolsView,
    SchoolView,
    Source,
    StatsView,
    Track,
    Transcript,
    TranscriptLine,
)

PAGE_SIZE = 24
#: Schools without a published entry named per kecamatan on /statistik/ (the export has all).
WITHOUT_SHOWN = 100
#: The most viewed clips named on /statistik/.
MOST_WATCHED = 10
#: Months a chart on /statistik/ shows at most (the last ones): two years fit a phone.
CHART_MONTHS = 24
HOME_LATEST = 12
HOME_FEATURED = 6
DESCRIPTION_CHARS = 200

#: The list facets: URL prefix and the label key in :mod:`etalase.site.strings`.
FACETS = (
    (DISTRICT, "districts"),
    (LEVEL, "levels"),
    (CATEGORY, "categories"),
    (YEAR, "years"),
    (TAG, "tags"),
    (CAPTIONED, "captioned_facet"),  # one value: the clips with published captions (#30.4)
)


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One page of the site.

    ``markdown`` is the page's Markdown source, or ``None`` for a page the
    content folder already holds (the home page's intro). ``contributed``
    marks text written by a school: its rendered HTML must be sanitized.
    """

    src_uri: str
    title: str
    template: str
    view: object = None
    markdown: str | None = ""
    description: str = ""
    image: str | None = None
    thumb: str | None = None
    contributed: bool = False
    draft: bool = False
    reach: str = ""  # how often the page (and its clips) was seen, from the office's logs


@dataclass(frozen=True, slots=True)
class MediaFile:
    """A file the media step made, and where it goes in the site."""

    source: Path
    dest_uri: str


@dataclass(frozen=True, slots=True)
class SitePlan:
    """Everything the catalogue adds to a site."""

    pages: tuple[PageSpec, ...]
    media: tuple[MediaFile, ...]
    feed_entries: tuple[tuple[Entry, School, str], ...]  # (entry, school, description)
    default_image: str | None
    left_out: tuple[str, ...] = field(default=())  # published keys without media
    images: Mapping[str, str] = field(default_factory=dict)  # largest JPEG poster by key
    has_innovations: bool = False  # the navigation gets an Inovasi section


T = TypeVar("T")


class PlanMemo:
    """What the last plans made for each entry, kept by a live preview between plans.

    A plan of 10,000 entries makes 10,000 entry pages, cards and media lists;
    after one school saved one file, all but that school's come out the same. A
    memo passed to every :func:`plan_site` call of a process gives back what an
    entry's inputs made last time while they compare equal (an unchanged entry
    is usually the very same object), and forgets everything when a setting of
    the whole plan changes (the policy, the words, the edition, preview).
    """

    def __init__(self) -> None:
        self._setting: object = None
        self._made: dict[tuple[str, str], tuple[object, object]] = {}

    def begin(self, setting: object) -> None:
        """A plan starts with these settings (compared with the last plan's)."""
        if setting != self._setting:
            self._made.clear()
            self._setting = setting

    def get(self, kind: str, key: str, inputs: object, make: Callable[[], T]) -> T:
        """What ``make`` made for ``key`` last time from equal ``inputs``, else make it now."""
        kept = self._made.get((kind, key))
        if kept is not None and kept[0] == inputs:
            return cast(T, kept[1])
        made = make()
        self._made[(kind, key)] = (inputs, made)
        return made


def plan_site(
    catalogue: Catalogue,
    policy: Policy,
    media: Mapping[str, EntryMedia] | None,
    strings: Strings,
    *,
    preview: bool = False,
    page_size: int = PAGE_SIZE,
    edition: Edition = ONLINE,
    pictures: Pictures | None = None,
    memo: PlanMemo | None = None,
    reach: Totals | None = None,
    pack: frozenset[str] | None = None,
) -> SitePlan:
    """Plan every catalogue page and media copy.

    Args:
        catalogue: The valid schools and entries.
        policy: Levels, districts and categories (their order and labels).
        media: Outputs of the media step by ``Entry.key``. ``None`` when the
            media step did not run: entries are then built without a player.
            Otherwise a published entry without media is left out.
        strings: The site's words.
        preview: Also build pages (as drafts) for valid unpublished entries,
            with a banner: the curator's ``etalase serve --preview``.
        page_size: Cards per list page.
        edition: Which edition the plan is for (:mod:`etalase.site.edition`):
            where renditions and posters go (beside each entry's page, or on the
            media host under content-addressed names), which renditions it
            carries, and which entries (an update pack's).
        pictures: The schools' published pictures (:mod:`etalase.site.pictures`):
            a logo is shown only when it is one of them.
        memo: Kept between the plans of one live preview (:class:`PlanMemo`).
        reach: Views and plays from the office's logs (:mod:`etalase.stats.totals`),
            shown on ``/statistik/`` and the school and innovation pages; None: none imported.
        pack: An update pack's entries (keys), else None. A pack is self-contained:
            pages for its entries and the lists that hold them, for every school
            with something published and every innovation (so each link in it
            leads to a page in it), while the statistics and the innovations'
            evidence count the whole published ``catalogue``; what was published
            before the pack is said to be in the full edition.
    """
    memo = memo if memo is not None else PlanMemo()
    memo.begin((policy, strings.lang, preview, page_size, edition, pack))
    planner = _Planner(
        catalogue, policy, media, strings, preview, page_size, edition, pictures or {}, memo, pack
    )
    planner.reach = reach
    return planner.plan()


class _Planner:
    def __init__(
        self,
        catalogue: Catalogue,
        policy: Policy,
        media: Mapping[str, EntryMedia] | None,
        strings: Strings,
        preview: bool,
        page_size: int,
        edition: Edition = ONLINE,
        pictures: Pictures | None = None,
        memo: PlanMemo | None = None,
        pack: frozenset[str] | None = None,
    ) -> None:
        self.memo = memo if memo is not None else PlanMemo()
        self.reach: Totals | None = None
        self.pack = pack
        self.edition = edition
        self.pictures: Pictures = pictures or {}
        self.catalogue = catalogue
        self.policy = policy
        self.media = media
        self.t = strings
        self.preview = preview
        self.page_size = max(1, page_size)
        self.schools = {s.slug: s for s in catalogue.schools}
        # An update pack: its entries get pages; all published ones are counted.
        self.everything = catalogue.published
        chosen = catalogue.published
        if pack is not None:
            chosen = tuple(e for e in chosen if e.key in pack)
        self.published = tuple(e for e in chosen if media is None or e.key in media)
        self.left_out = tuple(e.key for e in chosen if media is not None and e.key not in media)
        self.posters = {e.key: self.poster_set(e) for e in catalogue.entries}
        self.cards: dict[str, Card] = {}  # an entry's card appears on up to ten pages
        self.descriptions = {e.key: plain_summary(e.body) for e in catalogue.entries}
        # Grouped once: a school page must not walk the whole catalogue.
        self.by_school: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.published:
            self.by_school[entry.school_slug].append(entry)
        if preview:
            for entry in catalogue.entries:
                if not entry.is_published:
                    self.by_school[entry.school_slug].append(entry)
        self.newest_image = self.image_of(self.published[0].key if self.published else None)
        self.innovations = InnovationPlanner(
            catalogue,
            policy,
            strings,
            {e.key: e for e in self.published},
            self.card,
            self.posters,
            preview=preview,
            published={e.key for e in self.everything} if pack is not None else (),
        )
        self.evidence_for = self.innovations.evidence_for()
        self.school_innovations = self.innovations.of_school()
        self.innovations.school_has_page = lambda slug: self.has_page(self.schools[slug])
        self.kind_filter = bool(self.innovations.public)
        # Offline, a tag of one clip gets no list page (it would show the one card its only
        # link comes from): the tag is plain text, and the card does not carry the page.
        tags = Counter(slugify(t) for e in self.published for t in set(e.tags) if slugify(t))
        self.lone_tags = {t for t, n in tags.items() if n == 1} if edition.offline else set()
        # The list pages this plan makes: a statistics bar links to one only if it is made.
        self.listed = {url for e in self.published for url in self.facet_urls(e)}
        # An update pack: every school with something published has its page in the pack.
        self.elsewhere: Counter[str] = Counter()
        if pack is not None:
            shown = {e.key for e in self.published}
            self.elsewhere.update(e.school_slug for e in self.everything if e.key not in shown)

    def has_page(self, school: School) -> bool:
        """Whether ``school`` gets a page: something of it is shown (or, in an update pack,
        published anywhere, or an innovation of it is)."""
        if self.by_school.get(school.slug):
            return True
        return self.pack is not None and (
            self.elsewhere[school.slug] > 0 or school.slug in self.school_innovations
        )

    def in_pack(self, link: Link) -> Link:
        """``link`` to a list page, without its URL when an update pack has no such page."""
        if self.pack is None or link.url in self.listed:
            return link
        return Link(link.label, "", link.count)

    def tag_link(self, tag: str) -> Link:
        """A tag's link to its list page, or its words alone when it has none (:attr:`lone_tags`)."""
        slug = slugify(tag)
        return Link(tag, "" if slug in self.lone_tags else ROUTES.tag(slug))

    def facet_urls(self, entry: Entry) -> list[str]:
        """The list pages ``entry`` is on (their canonical URLs)."""
        school = self.schools[entry.school_slug]
        values = [
            (DISTRICT, school.district),
            (LEVEL, school.level),
            (CATEGORY, entry.category),
            (YEAR, str(entry.date.year)),
            *((TAG, tag) for tag in entry.tags),
            *([(CAPTIONED, self.t("captioned"))] if entry.main_captions is not None else []),
        ]
        return [ROUTES.facet(kind, slugify(v)) for kind, v in values if slugify(v)]

    # --- building blocks -------------------------------------------------------
    def media_of(self, entry: Entry) -> EntryMedia | None:
        return self.media.get(entry.key) if self.media else None

    def poster_set(self, entry: Entry) -> PosterSet | None:
        item = self.media_of(entry)
        return self.memo.get(
            "posters", entry.key, (entry.url, item), lambda: self.make_poster_set(entry, item)
        )

    def make_poster_set(self, entry: Entry, item: EntryMedia | None) -> PosterSet | None:
        if item is None or not item.posters:
            return None
        posters = self.edition.posters(item.posters)
        base = entry.url
        webp = tuple(
            ImageFile(self.uri(p.webp, f"{base}poster-{p.width}.webp"), p.width, p.height)
            for p in posters
        )
        if not self.edition.jpeg_posters:  # an offline edition: one format, WebP
            return PosterSet(webp=webp, jpeg=webp)
        return PosterSet(
            webp=webp,
            jpeg=tuple(
                ImageFile(self.uri(p.jpeg, f"{base}poster-{p.width}.jpg"), p.width, p.height)
                for p in posters
            ),
        )

    def uri(self, source: Path, beside: str) -> str:
        """Where a media file is linked from (the edition decides)."""
        return self.edition.media(source, beside)

    def dest(self, source: Path, beside: str) -> str:
        """Where a media file is written (the edition decides)."""
        return self.edition.media_dest(source, beside)

    def card(self, entry: Entry) -> Card:
        made = self.cards.get(entry.key)
        if made is None:
            inputs = (entry, self.schools[entry.school_slug], self.media_of(entry))
            made = self.cards[entry.key] = self.memo.get(
                "card", entry.key, inputs, lambda: self.make_card(entry)
            )
        return made

    def make_card(self, entry: Entry) -> Card:
        school = self.schools[entry.school_slug]
        item = self.media.get(entry.key) if self.media else None
        info = entry.video_info
        seconds = item.duration if item else (info.duration if info else None)
        return Card(
            key=entry.key,
            title=entry.title,
            url=entry.url,
            school=school.name,
            district=school.district,
            date_iso=entry.date.isoformat(),
            date_text=self.t.date(entry.date),
            duration_text=self.t.duration(seconds) if seconds else None,
            poster=self.posters.get(entry.key),
            status=entry.status,
        )

    def district_link(self, school: School) -> Link:
        return Link(school.district, ROUTES.district(school.district_slug))

    def level_link(self, school: School) -> Link:
        return Link(school.level, ROUTES.level(school.level_slug))

    def category_link(self, slug: str) -> Link:
        return Link(self.policy.category_label(slug), ROUTES.category(slugify(slug)))

    def thumb_of(self, key: str | None) -> str | None:
        posters = self.posters.get(key) if key else None
        return posters.webp[0].uri if posters else None

    def image_of(self, key: str | None) -> str | None:
        posters = self.posters.get(key) if key else None
        return posters.largest_jpeg.uri if posters else None

    # --- pages -----------------------------------------------------------------
    def plan(self) -> SitePlan:
        pages: list[PageSpec] = [self.home(), self.schools_index(), self.stats(), self.search()]
        for entry in self.published:
            pages.append(self.entry_page(entry))
        if self.preview:
            pages += [
                self.entry_page(e, draft=True) for e in self.catalogue.entries if not e.is_published
            ]
        # A school page only for a school with something to show: no empty pages.
        for school in self.catalogue.schools:
            if self.has_page(school):
                pages.append(self.school_page(school))
        pages += self.facet_pages()
        if self.innovations.active:
            pages += self.innovation_pages()
        feed = tuple(
            (e, self.schools[e.school_slug], self.descriptions[e.key]) for e in self.published
        )
        images = {e.key: image for e in self.published if (image := self.image_of(e.key))}
        return SitePlan(
            tuple(pages),
            self.media_files(),
            feed,
            self.newest_image,
            self.left_out,
            images,
            self.innovations.active,
        )

    def innovation_pages(self) -> list[PageSpec]:
        """``/inovasi/`` and one page per innovation (drafts only in a curator preview)."""
        plan = self.innovations
        pages = [
            PageSpec(
                INNOVATIONS_URI,
                self.t("innovations"),
                "etalase/innovations.html",
                plan.index_view(),
                image=self.newest_image,
            )
        ]
        for item in plan.items:
            poster_key = next((k for k in item.evidence if k in plan.shown), None)
            pages.append(
                PageSpec(
                    f"{item.url}index.md",
                    item.title,
                    "etalase/innovation.html",
                    plan.view(item),
                    markdown=plan.markdown(item),
                    description=plain_summary(item.intro or item.sections[0].text),
                    image=self.image_of(poster_key),
                    thumb=self.thumb_of(poster_key),
                    contributed=True,
                    draft=not item.is_published,
                    reach=self.t("reach_innovation", views=self.reach.innovation_views(item.slug))
                    if self.reach is not None
                    else "",
                )
            )
        return pages

    def home(self) -> PageSpec:
        featured = [e for e in self.published if e.featured][:HOME_FEATURED]
        latest = [e for e in self.published if e not in featured][:HOME_LATEST]
        pending = [e for e in self.catalogue.entries if not e.is_published] if self.preview else []
        view = HomeView(
            featured=tuple(self.card(e) for e in featured),
            latest=tuple(self.card(e) for e in latest),
            published=len(self.published),
            schools=len({e.school_slug for e in self.published}),
            districts=len({self.schools[e.school_slug].district for e in self.published}),
            preview=tuple(self.card(e) for e in pending),
            since_text=self.t.date(self.edition.since) if self.edition.since else None,
        )
        shown = featured or latest
        first = shown[0] if shown else None
        return PageSpec(
            "index.md",
            self.t("home"),
            "etalase/home.html",
            view,
            markdown=None,
            image=self.image_of(first.key if first else None),
        )

    def entry_page(self, entry: Entry, *, draft: bool = False) -> PageSpec:
        markdown = without_unshown_pictures(entry.body, entry.source.parent)
        inputs = (
            entry,
            self.schools[entry.school_slug],
            self.media_of(entry),
            self.evidence_for.get(entry.key, ()),
            self.kind_filter,
            draft,
            markdown,
        )
        return self.memo.get(
            "page", entry.key, inputs, lambda: self.make_entry_page(entry, markdown, draft)
        )

    def make_entry_page(self, entry: Entry, markdown: str, draft: bool) -> PageSpec:
        school = self.schools[entry.school_slug]
        view = EntryView(
            title=entry.title,
            school=Link(school.name, school.url),
            district=self.district_link(school),
            level=self.level_link(school),
            category=self.category_link(entry.category),
            year=Link(str(entry.date.year), ROUTES.year(entry.date.year)),
            date_iso=entry.date.isoformat(),
            date_text=self.t.date(entry.date),
            tags=tuple(self.tag_link(tag) for tag in entry.tags if slugify(tag)),
            player=self.player(entry),
            status=entry.status,
            status_text=self.t(f"status_{entry.status}"),
            evidence_for=self.evidence_for.get(entry.key, ()),
            kind_filter=self.kind_filter,
        )
        return PageSpec(
            f"{entry.url}index.md",
            entry.title,
            "etalase/entry.html",
            view,
            markdown=markdown,
            description=self.descriptions[entry.key],
            image=self.image_of(entry.key),
            thumb=self.thumb_of(entry.key),
            contributed=True,
            draft=draft,
        )

    def player(self, entry: Entry) -> Player | None:
        item = self.media.get(entry.key) if self.media else None
        if item is None or not item.renditions:
            return None
        savers = saver_names(self.policy)
        sources = tuple(
            Source(
                r.name,
                self.uri(r.path, f"{entry.url}video-{r.name}{r.path.suffix}"),
                r.width,
                r.height,
                f"{r.bytes / 1_000_000:.1f}".replace(".", self.t("decimal_point")),
                saver=r.name in savers,
            )
            for r in self.edition.renditions(item.renditions)
        )
        track = entry.main_captions
        captions = f"{entry.url}{track.published_name}" if track is not None else None
        tracks = self.tracks(entry)
        return Player(
            sources=sources,
            poster=self.posters.get(entry.key),
            captions=captions,
            duration_text=self.t.duration(item.duration),
            width=sources[0].width,
            height=sources[0].height,
            tracks=tracks,
            transcripts=self.transcripts(entry, item.duration),
            captions_language=track.language if track is not None else "id",
            captions_label=tracks[0].label if tracks else "",
        )

    def published_tracks(self, entry: Entry) -> list[CaptionTrack]:
        """The entry's published tracks, the clip's own language first (shown by default)."""
        main = entry.main_captions
        usable = [t for t in entry.captions if t.usable and t is not main]
        return ([main] if main is not None else []) + usable

    def track_label(self, track: CaptionTrack) -> str:
        """A track's language and origin: "Indonesia (sekolah)" (#30.4)."""
        return self.t(
            "track_label",
            language=self.t.language_name(track.language),
            origin=self.t(f"origin_{track.origin}"),
        )

    def tracks(self, entry: Entry) -> tuple[Track, ...]:
        """A ``<track>`` per published language, the clip's own first (shown by default),
        each labelled with its language and origin (:meth:`track_label`)."""
        ordered = self.published_tracks(entry)
        return tuple(
            Track(f"{entry.url}{t.published_name}", t.language, self.track_label(t), default=i == 0)
            for i, t in enumerate(ordered)
        )

    def transcripts(self, entry: Entry, duration: float) -> tuple[Transcript, ...]:
        """Each published track's cues for the transcript under the player, the clip's own
        language first (server-side, so the folder edition's page has them without a
        request); the page switches between them."""
        found: list[Transcript] = []
        for track in self.published_tracks(entry):
            cues = read_file(track.source, duration).cues
            lines = tuple(
                TranscriptLine(
                    c.start,
                    c.end,
                    f"{int(c.start) // 60}:{int(c.start) % 60:02d}",
                    " ".join(c.text.split()),
                )
                for c in cues
            )
            if lines:
                label = self.track_label(track)
                found.append(Transcript(track.language, label, lines, unchecked=track.machine))
        return tuple(found)

    def school_page(self, school: School) -> PageSpec:
        entries = self.by_school.get(school.slug, [])
        logo = self.pictures.get(f"{school.url}{school.logo.name}", ()) if school.logo else ()
        view = SchoolView(
            name=school.name,
            npsn=school.npsn,
            level=self.in_pack(self.level_link(school)),
            district=self.in_pack(self.district_link(school)),
            address=school.address,
            website=safe_link(school.website),
            logo=logo,
            cards=tuple(self.card(e) for e in entries),
            innovations=self.school_innovations.get(school.slug, ()),
            entries_elsewhere=self.elsewhere[school.slug],
        )
        return PageSpec(
            f"{school.url}index.md",
            school.name,
            "etalase/school.html",
            view,
            markdown=without_unshown_pictures(school.body, school.folder),
            description=plain_summary(school.body),
            image=self.image_of(entries[0].key if entries else None),
            thumb=self.thumb_of(entries[0].key if entries else None),
            contributed=True,
            reach=self.school_reach(school, entries),
        )

    def school_reach(self, school: School, entries: Sequence[Entry]) -> str:
        """A school's own views (its page and its clips' pages) and its clips' plays."""
        if self.reach is None:
            return ""
        views = self.reach.school_views(school.slug)
        views += sum(self.reach.entry_views(e.key) for e in entries)
        plays = sum(self.reach.entry_plays(e.key) for e in entries)
        return self.t("reach_school", views=views, plays=plays)

    def schools_index(self) -> PageSpec:
        counts: dict[str, int] = defaultdict(int)
        for entry in self.everything if self.pack is not None else self.published:
            counts[entry.school_slug] += 1
        by_district: dict[str, list[School]] = defaultdict(list)
        for school in self.catalogue.schools:
            if self.has_page(school):
                by_district[school.district].append(school)
        order = [d for d in self.policy.districts if d in by_district]
        order += sorted(d for d in by_district if d not in order)
        groups = tuple(
            (
                Link(d, ROUTES.district(slugify(d)), len(by_district[d])),
                tuple(
                    SchoolRow(Link(s.name, s.url, counts[s.slug]), s.level)
                    for s in sorted(by_district[d], key=lambda s: s.name.lower())
                ),
            )
            for d in order
        )
        listed = sum(len(v) for v in by_district.values())
        roster = self.catalogue.roster
        known = len(roster) if roster is not None else len(self.catalogue.schools)
        return PageSpec(
            ROUTES.source(ROUTES.schools),
            self.t("schools"),
            "etalase/schools.html",
            SchoolsView(groups, listed, known),
            image=self.newest_image,
        )

    def stats(self) -> PageSpec:
        counted = self.everything if self.pack is not None else self.published
        cov = coverage(
            Catalogue(self.catalogue.schools, counted, self.catalogue.roster), self.policy
        )
        label = self.policy.category_label
        page_of = {s.npsn: s.url for s in self.catalogue.schools if self.has_page(s)}
        without: dict[str, list[Link]] = {}
        for school in cov.schools_without_entries:
            listed = without.setdefault(school.district, [])
            if len(listed) < WITHOUT_SHOWN:
                listed.append(Link(school.name, page_of.get(school.npsn, "")))
        rest = Counter(s.district for s in cov.schools_without_entries)

        def shares(rows: Sequence[CoverageRow]) -> tuple[Bar, ...]:
            return tuple(
                Bar(
                    r.label,
                    r.contributing,
                    round(100 * r.contributing / r.schools),
                    None,
                    self.t("contributing", c=r.contributing, n=r.schools),
                )
                for r in rows
                if r.schools
            )

        view = StatsView(
            published=cov.published,
            schools=cov.schools,
            contributing=cov.contributing,
            by_district=_bars(cov.entries_by_district, DISTRICT, listed=self.listed),
            by_level=_bars(cov.entries_by_level, LEVEL, listed=self.listed),
            by_category=_bars(cov.entries_by_category, CATEGORY, label, listed=self.listed),
            by_year=_bars([(str(y), n) for y, n in cov.entries_by_year], YEAR, listed=self.listed),
            coverage=shares(cov.by_district),
            schools_without=tuple(
                (d, tuple(links), rest[d] - len(links)) for d, links in without.items()
            ),
            districts_without=cov.districts_without_schools,
            innovations=self.innovations.stats(),
            coverage_level=shares(cov.by_level),
            over_time=self.over_time(counted, cov.schools),
            reach=self.reach_charts(),
        )
        return PageSpec(
            ROUTES.source(ROUTES.stats),
            self.t("stats"),
            "etalase/stats.html",
            view,
            image=self.newest_image,
        )

    def over_time(self, counted: Sequence[Entry], schools: int) -> tuple[charts.Chart, ...]:
        """Entries and contributing schools per month (of ``counted``: the whole published
        catalogue, in an update pack too), and the coverage at each month's end."""
        t = self.t
        by_month: dict[str, list[Entry]] = defaultdict(list)
        for entry in counted:
            by_month[entry.published_on.strftime("%Y-%m")].append(entry)
        if not by_month:
            return ()
        months = month_range(min(by_month), max(by_month))
        seen: set[str] = set()
        coverage_at: list[tuple[str, float]] = []
        for month in month_range(min(by_month), months[-1], limit=None):
            seen.update(e.school_slug for e in by_month.get(month, ()))
            if month in months:
                coverage_at.append((t.short_month(month), 100 * len(seen) / max(1, schools)))
        header = (t("month"), t("entries").capitalize())
        return (
            charts.columns(
                "entries",
                t("entries_per_month"),
                t("entries_per_month_desc"),
                [(t.short_month(m), len(by_month.get(m, ()))) for m in months],
                header=header,
            ),
            charts.columns(
                "schools",
                t("schools_per_month"),
                t("schools_per_month_desc"),
                [
                    (t.short_month(m), len({e.school_slug for e in by_month.get(m, ())}))
                    for m in months
                ],
                header=(t("month"), t("schools")),
            ),
            charts.columns(
                "coverage",
                t("coverage_per_month"),
                t("coverage_per_month_desc"),
                [(label, min(100.0, share)) for label, share in coverage_at],
                header=(t("month"), t("percent_schools")),
                suffix="%",
                line=True,
            ),
        )

    def reach_charts(self) -> tuple[charts.Chart, ...]:
        """Views and plays per month, and the most viewed clips (none without imported logs)."""
        if self.reach is None:
            return ()
        t = self.t
        per_month = self.reach.site_views()
        made: list[charts.Chart] = []
        if per_month:
            months = month_range(min(per_month), max(per_month))
            made.append(
                charts.columns(
                    "views",
                    t("views_per_month"),
                    t("views_per_month_desc"),
                    [(t.short_month(m), per_month.get(m, {}).get("views", 0)) for m in months],
                    header=(t("month"), t("views")),
                )
            )
            made.append(
                charts.columns(
                    "plays",
                    t("plays_per_month"),
                    t("plays_per_month_desc"),
                    [(t.short_month(m), per_month.get(m, {}).get("plays", 0)) for m in months],
                    header=(t("month"), t("plays")),
                )
            )
        ranked = sorted(
            (
                (-self.reach.entry_views(e.key), -self.reach.entry_plays(e.key), e.title, e)
                for e in self.published
                if self.reach.entry_views(e.key)
            ),
            key=lambda row: row[:3],
        )[:MOST_WATCHED]
        if ranked:
            made.append(
                charts.bars(
                    "watched",
                    t("most_watched"),
                    t("most_watched_desc"),
                    [
                        (
                            t(
                                "entry_by_school",
                                title=e.title,
                                school=self.schools[e.school_slug].name,
                            ),
                            -views,
                        )
                        for views, _, _, e in ranked
                    ],
                    header=(t("entries").capitalize(), t("views")),
                )
            )
        return tuple(made)

    def search(self) -> PageSpec:
        return PageSpec(
            ROUTES.source(ROUTES.search),
            self.t("search"),
            "etalase/search.html",
            None,
            image=self.newest_image,
        )

    def facet_pages(self) -> list[PageSpec]:
        groups: dict[str, dict[str, tuple[str, list[Entry]]]] = {k: {} for k, _ in FACETS}

        def add(kind: str, label: str, entry: Entry) -> None:
            slug = slugify(label)
            if slug:
                groups[kind].setdefault(slug, (label, []))[1].append(entry)

        for entry in self.published:
            school = self.schools[entry.school_slug]
            add(DISTRICT, school.district, entry)
            add(LEVEL, school.level, entry)
            add(CATEGORY, entry.category, entry)
            add(YEAR, str(entry.date.year), entry)
            for tag in entry.tags:
                add(TAG, tag, entry)
            if entry.main_captions is not None:
                add(CAPTIONED, self.t("captioned"), entry)
        configured = {
            DISTRICT: list(self.policy.districts),
            LEVEL: list(self.policy.levels),
            CATEGORY: list(self.policy.category_slugs),
        }
        pages: list[PageSpec] = []
        for kind, label_key in FACETS:
            found = groups[kind]
            if kind == CAPTIONED and not found:
                continue  # no captioned clip yet: no empty list of them
            keys = [slugify(v) for v in configured.get(kind, []) if slugify(v) in found]
            rest = sorted(k for k in found if k not in keys)
            keys += sorted(rest, reverse=True) if kind == YEAR else rest
            if kind == TAG:
                keys.sort(key=lambda k: (-len(found[k][1]), k))
            lone = self.lone_tags if kind == TAG else set()
            links = tuple(
                Link(
                    self.facet_label(kind, found[k][0]),
                    "" if k in lone else ROUTES.facet(kind, k),
                    len(found[k][1]),
                )
                for k in keys
            )
            empty = tuple(
                self.facet_label(kind, v)
                for v in configured.get(kind, [])
                if slugify(v) not in found
            )
            pages.append(
                PageSpec(
                    ROUTES.source(ROUTES.facet(kind)),
                    self.t(label_key),
                    "etalase/index.html",
                    IndexView(self.t(label_key), links, empty),
                    image=self.newest_image,
                )
            )
            for slug in (k for k in keys if k not in lone):
                label, entries = found[slug]
                pages += self.listing(kind, slug, self.facet_label(kind, label), entries)
        return pages

    def facet_label(self, kind: str, value: str) -> str:
        return self.policy.category_label(value) if kind == CATEGORY else value

    def listing(self, kind: str, slug: str, label: str, entries: Sequence[Entry]) -> list[PageSpec]:
        chunks = [entries[i : i + self.page_size] for i in range(0, len(entries), self.page_size)]
        base = ROUTES.facet(kind, slug)

        def url(n: int) -> str:
            return base if n == 1 else f"{base}{n}/"

        pages = []
        for n, chunk in enumerate(chunks, start=1):
            pagination = Pagination(
                page=n,
                pages=len(chunks),
                newer=url(n - 1) if n > 1 else None,
                older=url(n + 1) if n < len(chunks) else None,
                links=tuple(Link(str(i), url(i)) for i in _window(n, len(chunks))),
            )
            title = label if n == 1 else f"{label} · {self.t('page_of', page=n, pages=len(chunks))}"
            view = ListingView(
                label, kind, tuple(self.card(e) for e in chunk), len(entries), pagination
            )
            pages.append(
                PageSpec(
                    f"{url(n)}index.md",
                    title,
                    "etalase/listing.html",
                    view,
                    image=self.image_of(chunk[0].key),
                )
            )
        return pages

    # --- media -----------------------------------------------------------------
    def media_files(self) -> tuple[MediaFile, ...]:
        if not self.media:
            return ()
        keys = [e.key for e in self.published]
        if self.preview:
            keys += [e.key for e in self.catalogue.entries if not e.is_published]
        url_of = {e.key: e.url for e in self.catalogue.entries}
        files: list[MediaFile] = []
        for key in keys:
            item = self.media.get(key)
            if item is not None:
                base = url_of[key]
                files += self.memo.get(
                    "media", key, (base, item), functools.partial(self.entry_media, base, item)
                )
        return tuple(files)

    def entry_media(self, base: str, item: EntryMedia) -> tuple[MediaFile, ...]:
        """One entry's renditions and posters, and where each is written."""
        files = [
            MediaFile(r.path, self.dest(r.path, f"{base}video-{r.name}{r.path.suffix}"))
            for r in self.edition.renditions(item.renditions)
        ]
        for p in self.edition.posters(item.posters):
            files.append(MediaFile(p.webp, self.dest(p.webp, f"{base}poster-{p.width}.webp")))
            if self.edition.jpeg_posters:
                files.append(MediaFile(p.jpeg, self.dest(p.jpeg, f"{base}poster-{p.width}.jpg")))
        return tuple(files)


def _bars(
    rows: Sequence[tuple[str, int]],
    prefix: str,
    label: Callable[[str], str] | None = None,
    *,
    listed: Collection[str] | None = None,
) -> tuple[Bar, ...]:
    """Bars scaled to the largest count; a bar links to its list page when it has entries
    (and, given ``listed``, when that page is one of them: an update pack's lists hold
    only its own entries)."""
    top = max([n for _, n in rows] + [1])
    bars = []
    for v, n in rows:
        url = ROUTES.facet(prefix, slugify(v))
        linked = n and (listed is None or url in listed)
        bars.append(Bar(label(v) if label else v, n, round(100 * n / top), url if linked else None))
    return tuple(bars)


def month_range(first: str, last: str, limit: int | None = CHART_MONTHS) -> list[str]:
    """Every month from ``first`` to ``last`` (``YYYY-MM``), the last ``limit`` of them."""
    year, month = (int(x) for x in first.split("-"))
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out[-limit:] if limit else out


def _window(page: int, pages: int, width: int = 2) -> range:
    low = max(1, page - width)
    high = min(pages, page + width)
    return range(low, high + 1)


_SPACES = re.compile(r"\s+")
# One converter for every summary: building a Markdown instance costs more than a paragraph.
_SUMMARY_MARKDOWN = markdown.Markdown()
# What can make Markdown or HTML out of a paragraph: any character but letters, digits,
# spaces, newlines and plain punctuation, an underscore, or a line that does not start
# with a letter (a list, heading, quote, rule or indented code). Without any of these,
# the paragraph renders to itself (tests/site/test_pages.py checks that against Markdown).
_MARKUP = re.compile(r"[^\w \n.,;:?!'\"()/%-]|_|^(?![^\W\d_])", re.MULTILINE)


def plain_summary(text: str, limit: int = DESCRIPTION_CHARS) -> str:
    """The first paragraph of Markdown ``text`` as plain text, cut at a word.

    Used for meta descriptions and the feed: every tag is removed, so the
    result is safe to escape and place in an attribute.
    """
    first = next((p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()), "")
    plain = _plain_text(first)
    if len(plain) <= limit:
        return plain
    cut = plain[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def plain_text(text: str) -> str:
    """All of Markdown ``text`` as plain text, paragraphs joined by a space."""
    paragraphs = (p for p in re.split(r"\n\s*\n", text.strip()) if p.strip())
    return " ".join(_plain_text(p) for p in paragraphs)


@functools.lru_cache(maxsize=1 << 17)  # every entry and school; a rebuild asks again
def _plain_text(paragraph: str) -> str:
    """A Markdown paragraph as plain text, whitespace collapsed."""
    if _MARKUP.search(paragraph) is None:  # plain prose: no need to render it
        return _SPACES.sub(" ", paragraph).strip()
    rendered = _SUMMARY_MARKDOWN.reset().convert(paragraph)
    plain = html.unescape(nh3.clean(rendered, tags=set()))
    return _SPACES.sub(" ", plain).strip()


def section_nav(
    strings: Strings, *, has_guide: bool, has_innovations: bool = False
) -> list[dict[str, str]]:
    """The navigation: the catalogue's sections only, never an entry or a school.

    Inovasi is a section only when the site has innovation pages.
    """
    nav = [
        {strings("home"): "index.md"},
        {strings("schools"): ROUTES.source(ROUTES.schools)},
        *([{strings("innovations"): INNOVATIONS_URI}] if has_innovations else []),
        {strings("districts"): ROUTES.source(ROUTES.districts)},
        {strings("levels"): ROUTES.source(ROUTES.levels)},
        {strings("categories"): ROUTES.source(ROUTES.categories)},
        {strings("search"): ROUTES.source(ROUTES.search)},
        {strings("stats"): ROUTES.source(ROUTES.stats)},
    ]
    if has_guide:
        nav.append({strings("guide"): ROUTES.source(ROUTES.guide)})
    return nav

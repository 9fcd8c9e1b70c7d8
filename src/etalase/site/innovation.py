"""Innovation pages: ``/inovasi/`` and ``/inovasi/<slug>/``, planned from the catalogue alone.

Views are plain frozen values like the rest of :mod:`etalase.site.views`; the
texts are raw and the templates escape them. The six sections are the page's
Markdown (a school's text, sanitized like an entry's body); everything else an
innovation holds (schools, evidence clips, impact numbers, awards, versions,
its life year by year, decree, budget and replications) is in the view; the
list counts the replications per kecamatan. Nothing here is planned for a catalogue without published
innovations, so such a site is built exactly as before.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import cast

from ..content.innovation import (
    Award,
    ImpactRow,
    Innovation,
    Replication,
    replication_district,
)
from ..content.model import Catalogue, Entry, School
from ..content.routes import ROUTES
from ..messages import text
from ..policy import Policy
from ..problems import Lang
from .strings import Strings
from .views import Bar, Card, Link, PosterSet

INDEX_URI = ROUTES.source(ROUTES.innovations)


@dataclass(frozen=True, slots=True)
class InnovationCard:
    """An innovation in the ``/inovasi/`` list."""

    title: str
    meaning: str | None
    url: str
    schools: str
    themes: str
    stage: str
    running: bool
    poster: PosterSet | None
    poster_base: str | None  # the evidence entry's folder, where the poster files sit
    status: str = "published"


@dataclass(frozen=True, slots=True)
class ImpactBar:
    """One impact row as two bars (before, after) on the row's own scale."""

    measure: str
    unit: str
    before: str
    after: str
    before_label: str  # "Sebelum (2020)"
    after_label: str
    before_width: int  # of 170 SVG units
    after_width: int
    change: str  # "turun 75%", "naik 21%"


@dataclass(frozen=True, slots=True)
class TreeNode:
    """One innovation in a family of versions."""

    link: Link
    current: bool
    children: tuple[TreeNode, ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineYear:
    """One year of an innovation's life."""

    year: int
    state: str  # berjalan, jeda, berhenti (for the style)
    label: str  # "Berjalan"
    note: str
    budget: str


@dataclass(frozen=True, slots=True)
class ReplicationLink:
    """A school that replicated the innovation: a link inside the catalogue, else its place."""

    label: str
    url: str | None
    place: str | None
    year: int | None


@dataclass(frozen=True, slots=True)
class InnovationView:
    """An innovation page beside its six sections."""

    title: str
    meaning: str | None
    schools: tuple[Link, ...]
    office: bool
    districts: tuple[str, ...]
    themes: tuple[str, ...]
    stage: str
    running: bool
    started: str
    checked: str | None
    evidence: tuple[Card, ...]
    impact: tuple[ImpactBar, ...]
    awards: tuple[Award, ...]
    derived_from: Link | None
    replicated_by: tuple[Link, ...]
    family: TreeNode | None
    status: str
    status_text: str
    evidence_elsewhere: int = 0  # an update pack: published evidence outside the pack
    timeline: tuple[TimelineYear, ...] = ()
    decree: str | None = None
    budget: str = ""
    replications: tuple[ReplicationLink, ...] = ()


@dataclass(frozen=True, slots=True)
class InnovationsView:
    """``/inovasi/``: every published innovation as a card."""

    cards: tuple[InnovationCard, ...]
    running: int
    stopped: int
    #: Replications per kecamatan (configured order), then those outside the regency.
    replication: tuple[Bar, ...] = ()


@dataclass(frozen=True, slots=True)
class InnovationStats:
    """The innovations' part of ``/statistik/``."""

    total: int
    by_district: tuple[Bar, ...]
    by_theme: tuple[Bar, ...]
    by_state: tuple[Bar, ...]  # running, stopped


def number_text(value: float, lang: str) -> str:
    """``12``, ``3,5`` (Indonesian decimal comma) or ``3.5``."""
    if float(value).is_integer():
        return str(int(value))
    digits = f"{value:.2f}".rstrip("0").rstrip(".")
    return digits.replace(".", text("number.decimal_point", cast(Lang, lang)))


class InnovationPlanner:
    """Plans the innovation pages; ``card`` and ``posters`` come from the site planner.

    Args:
        catalogue: The valid catalogue (its innovations among it).
        shown: Entries that have a public page in this build, by key.
        card: An entry's card, the one the other lists use.
        posters: Poster sets by entry key.
        preview: Unpublished innovations are planned too (as drafts).
    """

    def __init__(
        self,
        catalogue: Catalogue,
        policy: Policy,
        strings: Strings,
        shown: Mapping[str, Entry],
        card: Callable[[Entry], Card],
        posters: Mapping[str, PosterSet | None],
        *,
        preview: bool = False,
        published: Collection[str] = (),
    ) -> None:
        self.published = frozenset(published)  # an update pack: every published entry's key
        # Whether a school has a page of its own (the site planner says, once it knows).
        self.school_has_page: Callable[[str], bool] = lambda slug: True
        self.policy = policy
        self.catalogue = catalogue
        self.t = strings
        self.schools = {s.slug: s for s in catalogue.schools}
        self.shown = shown
        self.card = card
        self.posters = posters
        self.public = catalogue.published_innovations
        self.items = self.public + tuple(
            i for i in catalogue.innovations if preview and not i.is_published
        )
        self.by_slug = {i.slug: i for i in self.public}
        self.children: dict[str, list[Innovation]] = {}
        for item in self.public:
            if item.derived_from in self.by_slug:
                self.children.setdefault(item.derived_from, []).append(item)

    @property
    def active(self) -> bool:
        """Whether the site gets innovation pages at all."""
        return bool(self.items)

    # --- what other pages show -------------------------------------------------------
    def evidence_for(self) -> dict[str, tuple[Link, ...]]:
        """Innovation links by entry key: an entry page says what it is evidence for."""
        found: dict[str, list[Link]] = {}
        for item in self.public:
            for key in item.evidence:
                found.setdefault(key, []).append(Link(item.title, item.url))
        return {k: tuple(v) for k, v in found.items()}

    def of_school(self) -> dict[str, tuple[Link, ...]]:
        """Innovation links by school slug: its own and those it replicated."""
        found: dict[str, list[Link]] = {}
        for item in self.public:
            for slug in (*item.schools, *item.replicated_by):
                links = found.setdefault(slug, [])
                if all(link.url != item.url for link in links):
                    links.append(Link(item.title, item.url))
        return {k: tuple(v) for k, v in found.items()}

    def stats(self) -> InnovationStats | None:
        """Counts per kecamatan and theme, running versus stopped; None without innovations."""
        if not self.public:
            return None
        office = self.t("office")
        districts: Counter[str] = Counter()
        for item in self.public:
            for district in self.districts(item) or ((office,) if item.office else ()):
                districts[district] += 1
        order = [d for d in self.policy.districts if districts[d]]
        order += sorted(d for d in districts if d not in order)
        themes = Counter(theme for item in self.public for theme in item.themes)
        running = sum(1 for i in self.public if i.running)
        return InnovationStats(
            total=len(self.public),
            by_district=_bars([(d, districts[d]) for d in order]),
            by_theme=_bars(
                [
                    (self.policy.theme_label(s), themes[s])
                    for s in self.policy.theme_slugs
                    if themes[s]
                ]
            ),
            by_state=_bars(
                [(self.t("running"), running), (self.t("stopped"), len(self.public) - running)]
            ),
        )

    # --- the pages -------------------------------------------------------------------
    def districts(self, item: Innovation) -> tuple[str, ...]:
        found: list[str] = []
        for slug in item.schools:
            school = self.schools.get(slug)
            if school is not None and school.district not in found:
                found.append(school.district)
        return tuple(found)

    def school_names(self, item: Innovation) -> str:
        names = [self.schools[s].name for s in item.schools if s in self.schools]
        if item.office:
            names.append(self.t("office"))
        return ", ".join(names)

    def first_poster(self, item: Innovation) -> tuple[PosterSet | None, str | None]:
        for key in item.evidence:
            entry = self.shown.get(key)
            poster = self.posters.get(key) if entry is not None else None
            if entry is not None and poster is not None:
                return poster, entry.url
        return None, None

    def index_view(self) -> InnovationsView:
        cards = []
        for item in self.items:
            poster, base = self.first_poster(item)
            cards.append(
                InnovationCard(
                    title=item.title,
                    meaning=item.meaning,
                    url=item.url,
                    schools=self.school_names(item),
                    themes=", ".join(self.policy.theme_label(s) for s in item.themes),
                    stage=self.t(f"stage_{item.stage}"),
                    running=item.running,
                    poster=poster,
                    poster_base=base,
                    status=item.status,
                )
            )
        running = sum(1 for i in self.public if i.running)
        return InnovationsView(
            tuple(cards), running, len(self.public) - running, self.replication_by_district()
        )

    def replication_by_district(self) -> tuple[Bar, ...]:
        """How many replications of the published innovations each kecamatan holds."""
        counts: Counter[str] = Counter()
        outside = 0
        for item in self.public:
            for replication in item.replications:
                district = replication_district(replication, self.catalogue, self.policy.districts)
                if district is None:
                    outside += 1
                else:
                    counts[district] += 1
        order = [d for d in self.policy.districts if counts[d]]
        order += sorted(d for d in counts if d not in order)
        rows = [(d, counts[d]) for d in order]
        if outside:
            rows.append((self.t("outside_regency"), outside))
        return _bars(rows)

    def view(self, item: Innovation) -> InnovationView:
        schools = tuple(self.school_link(s) for s in item.schools if s in self.schools)
        parent = self.by_slug.get(item.derived_from or "")
        return InnovationView(
            title=item.title,
            meaning=item.meaning,
            schools=schools,
            office=item.office,
            districts=self.districts(item),
            themes=tuple(self.policy.theme_label(s) for s in item.themes),
            stage=self.t(f"stage_{item.stage}"),
            running=item.running,
            started=self.t.month(item.started),
            checked=self.t.date(item.checked) if item.checked else None,
            evidence=tuple(self.card(self.shown[k]) for k in item.evidence if k in self.shown),
            impact=tuple(self.impact_bar(row) for row in item.impact),
            awards=tuple(sorted(item.awards, key=lambda a: (-a.year, a.competition))),
            derived_from=Link(parent.title, parent.url) if parent else None,
            replicated_by=tuple(
                self.school_link(s) for s in item.replicated_by if s in self.schools
            ),
            family=self.family(item),
            status=item.status,
            status_text=self.t(f"status_{item.status}"),
            evidence_elsewhere=sum(
                1 for k in item.evidence if k in self.published and k not in self.shown
            ),
            timeline=tuple(
                TimelineYear(y.year, y.status, self.t(f"life_{y.status}"), y.note, y.budget or "")
                for y in item.life
            ),
            decree=(
                self.t(
                    "decree_text",
                    number=item.decree.number,
                    date=self.t.date(item.decree.date),
                    by=item.decree.by,
                )
                if item.decree
                else None
            ),
            budget=", ".join(item.budget),
            replications=tuple(self.replication_link(r) for r in item.replications),
        )

    def replication_link(self, replication: Replication) -> ReplicationLink:
        school = self.schools.get(replication.school or "")
        if school is not None:
            return ReplicationLink(
                school.name, self.school_link(school.slug).url or None, None, replication.year
            )
        return ReplicationLink(replication.name, None, replication.place, replication.year)

    def school_link(self, slug: str) -> Link:
        """A school's name, linked when the site has its page (:attr:`school_has_page`)."""
        school: School = self.schools[slug]
        return Link(school.name, school.url if self.school_has_page(slug) else "")

    def impact_bar(self, row: ImpactRow) -> ImpactBar:
        lang = self.t.lang
        top = max(abs(row.before), abs(row.after)) or 1.0

        def label(key: str, year: int | None) -> str:
            return self.t(key) + (f" ({year})" if year else "")

        if row.before:
            percent = round(100 * (row.after - row.before) / abs(row.before))
            change = self.t(
                "up" if percent > 0 else "down" if percent < 0 else "same", percent=abs(percent)
            )
        else:
            change = ""
        return ImpactBar(
            measure=row.measure,
            unit=row.unit,
            before=number_text(row.before, lang),
            after=number_text(row.after, lang),
            before_label=label("before", row.year_before),
            after_label=label("after", row.year_after),
            before_width=max(1, round(170 * abs(row.before) / top)),
            after_width=max(1, round(170 * abs(row.after) / top)),
            change=change,
        )

    def family(self, item: Innovation) -> TreeNode | None:
        """The versions tree around ``item``, from its oldest ancestor; None when it has none."""
        if item.slug not in self.by_slug:
            return None
        root, seen = item, {item.slug}
        while root.derived_from in self.by_slug and root.derived_from not in seen:
            root = self.by_slug[root.derived_from]
            seen.add(root.slug)
        if root is item and item.slug not in self.children:
            return None
        return self.node(root, item.slug, set())

    def node(self, item: Innovation, current: str, seen: set[str]) -> TreeNode:
        seen.add(item.slug)
        kids = [c for c in self.children.get(item.slug, []) if c.slug not in seen]
        return TreeNode(
            Link(item.title, item.url),
            item.slug == current,
            tuple(self.node(c, current, seen) for c in kids),
        )

    def markdown(self, item: Innovation) -> str:
        """The page's Markdown: the summary, then the six sections in the KIPP order."""
        parts = [item.intro] if item.intro else []
        for section in item.sections:
            parts.append(f"## {section.heading}\n\n{section.text}")
        return "\n\n".join(parts) + "\n"


def _bars(rows: Sequence[tuple[str, int]]) -> tuple[Bar, ...]:
    top = max([n for _, n in rows] + [1])
    return tuple(Bar(label, n, round(100 * n / top)) for label, n in rows)

"""The office's inventory figures: what each kecamatan, jenjang and kategori holds.

One source for ``etalase report``, ``etalase export`` and the site's
``/statistik/`` page. Works on a loaded catalogue; knows nothing of MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from operator import attrgetter

from .content.model import Catalogue, Entry, School
from .content.roster import Roster, RosterSchool
from .policy import Policy


@dataclass(frozen=True, slots=True)
class CoverageRow:
    """One kecamatan or jenjang: its schools, how many contributed, their published entries."""

    label: str
    schools: int
    contributing: int
    entries: int


@dataclass(frozen=True, slots=True)
class Coverage:
    """Counts of published entries and contributing schools.

    With a roster, ``schools`` counts every school on it and the schools
    without a published entry include those that never wrote a profile;
    without one, only schools with a valid profile are known.
    """

    by_district: tuple[CoverageRow, ...]
    by_level: tuple[CoverageRow, ...]
    entries_by_category: tuple[tuple[str, int], ...]
    entries_by_year: tuple[tuple[int, int], ...]
    schools_without_entries: tuple[RosterSchool, ...]  # by kecamatan, then name
    districts_without_schools: tuple[str, ...]
    waiting_for_review: tuple[Entry, ...]
    published: int
    schools: int
    contributing: int
    rostered: bool

    @property
    def entries_by_district(self) -> tuple[tuple[str, int], ...]:
        return tuple((row.label, row.entries) for row in self.by_district)

    @property
    def entries_by_level(self) -> tuple[tuple[str, int], ...]:
        return tuple((row.label, row.entries) for row in self.by_level)


def known_schools(catalogue: Catalogue) -> tuple[RosterSchool, ...]:
    """Every school the office knows: the roster, or the valid profiles when there is none."""
    if catalogue.roster is not None:
        return catalogue.roster.schools
    return tuple(as_listed(s) for s in catalogue.schools)


def as_listed(school: School) -> RosterSchool:
    """A profile as a roster row (for a catalogue without a roster)."""
    return RosterSchool(
        npsn=school.npsn,
        name=school.name,
        level=school.level,
        status="",
        district=school.district,
        address=school.address or "",
    )


def coverage(catalogue: Catalogue, policy: Policy, roster: Roster | None = None) -> Coverage:
    """Count the catalogue by the policy's districts, levels and categories.

    Every configured district, level and category appears, with zero where
    nothing was sent: the gaps are what the office needs to see.

    Args:
        catalogue: The valid schools and entries.
        policy: The office's districts, levels and categories.
        roster: Counted against instead of ``catalogue.roster``.
    """
    if roster is not None:
        catalogue = Catalogue(catalogue.schools, catalogue.entries, roster)
    published = catalogue.published
    school_of = {s.slug: s for s in catalogue.schools}
    known = known_schools(catalogue)
    entries_of = Counter(school_of[e.school_slug].npsn for e in published)
    by_category = Counter(e.category for e in published)
    by_year = Counter(e.date.year for e in published)

    def rows(key: str, configured: tuple[str, ...]) -> tuple[CoverageRow, ...]:
        value_of = attrgetter(key)
        schools: Counter[str] = Counter()
        contributing: Counter[str] = Counter()
        entries: Counter[str] = Counter()
        for school in known:  # one pass: a province's roster has 20,000 schools
            value = value_of(school)
            schools[value] += 1
            sent = entries_of.get(school.npsn, 0)
            if sent:
                contributing[value] += 1
                entries[value] += sent
        labels = list(configured) + sorted(v for v in schools if v not in configured)
        return tuple(CoverageRow(v, schools[v], contributing[v], entries[v]) for v in labels)

    by_district = rows("district", policy.districts)
    position = {d: i for i, d in enumerate(policy.districts)}
    last = len(position)
    without = sorted(
        (s for s in known if not entries_of.get(s.npsn)),
        key=lambda s: (position.get(s.district, last), s.district, s.name.casefold()),
    )
    contributing = sum(1 for s in known if entries_of.get(s.npsn))
    return Coverage(
        by_district=by_district,
        by_level=rows("level", policy.levels),
        entries_by_category=tuple((c, by_category[c]) for c in policy.category_slugs),
        entries_by_year=tuple(sorted(by_year.items(), reverse=True)),
        schools_without_entries=tuple(without),
        districts_without_schools=tuple(r.label for r in by_district if not r.schools),
        waiting_for_review=tuple(e for e in catalogue.entries if e.status == "review"),
        published=len(published),
        schools=len(known),
        contributing=contributing,
        rostered=catalogue.roster is not None,
    )


@dataclass(frozen=True, slots=True)
class SchoolCount:
    """One school's entries by status, for the inventory's schools sheet."""

    school: School
    entries: int
    published: int
    waiting: int


def school_counts(catalogue: Catalogue) -> tuple[SchoolCount, ...]:
    """Every valid school, including those with no entry, with its entry counts."""
    total = Counter(e.school_slug for e in catalogue.entries)
    published = Counter(e.school_slug for e in catalogue.entries if e.is_published)
    waiting = Counter(e.school_slug for e in catalogue.entries if e.status == "review")
    return tuple(
        SchoolCount(s, total[s.slug], published[s.slug], waiting[s.slug])
        for s in sorted(catalogue.schools, key=lambda s: (s.district, s.name))
    )

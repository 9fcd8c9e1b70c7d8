"""The office's inventory figures: what each kecamatan, jenjang and kategori holds.

One source for ``etalase report``, ``etalase export`` and the site's
``/statistik/`` page. Works on a loaded catalogue; knows nothing of MkDocs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .content.model import Catalogue, Entry, School
from .policy import Policy


@dataclass(frozen=True, slots=True)
class Coverage:
    """Counts of published entries and contributing schools."""

    entries_by_district: tuple[tuple[str, int], ...]
    schools_by_district: tuple[tuple[str, int, int], ...]  # (district, schools, contributing)
    entries_by_level: tuple[tuple[str, int], ...]
    entries_by_category: tuple[tuple[str, int], ...]
    entries_by_year: tuple[tuple[int, int], ...]
    schools_without_entries: tuple[School, ...]
    districts_without_schools: tuple[str, ...]
    waiting_for_review: tuple[Entry, ...]
    published: int
    schools: int


def coverage(catalogue: Catalogue, policy: Policy) -> Coverage:
    """Count the catalogue by the policy's districts, levels and categories.

    Every configured district, level and category appears, with zero where
    nothing was sent: the gaps are what the office needs to see.
    """
    published = catalogue.published
    school_of = {s.slug: s for s in catalogue.schools}
    by_district = Counter(school_of[e.school_slug].district for e in published)
    by_level = Counter(school_of[e.school_slug].level for e in published)
    by_category = Counter(e.category for e in published)
    by_year = Counter(e.date.year for e in published)
    contributing = {e.school_slug for e in published}
    districts = list(policy.districts) or sorted({s.district for s in catalogue.schools})
    schools_in = Counter(s.district for s in catalogue.schools)
    contributing_in = Counter(s.district for s in catalogue.schools if s.slug in contributing)
    return Coverage(
        entries_by_district=tuple((d, by_district[d]) for d in districts),
        schools_by_district=tuple((d, schools_in[d], contributing_in[d]) for d in districts),
        entries_by_level=tuple((lv, by_level[lv]) for lv in policy.levels),
        entries_by_category=tuple((c, by_category[c]) for c in policy.category_slugs),
        entries_by_year=tuple(sorted(by_year.items(), reverse=True)),
        schools_without_entries=tuple(s for s in catalogue.schools if s.slug not in contributing),
        districts_without_schools=tuple(d for d in districts if not schools_in[d]),
        waiting_for_review=tuple(e for e in catalogue.entries if e.status == "review"),
        published=len(published),
        schools=len(catalogue.schools),
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

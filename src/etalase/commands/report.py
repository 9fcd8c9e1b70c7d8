"""``etalase report``: coverage by kecamatan and jenjang, and what waits for review.

With a school roster the counts are against every school on it, so the schools
that never sent anything are listed, by kecamatan, for the office to call.

The figures come from :func:`etalase.inventory.coverage`, the same source as the
export and the site's ``/statistik/`` page.
"""

from __future__ import annotations

import sys
from itertools import groupby
from typing import TextIO

from ..inventory import Coverage, CoverageRow, coverage
from ..messages import text
from ..policy import Policy
from ..problems import Lang
from ..project import Project


def _table(title: str, columns: str, rows: tuple[CoverageRow, ...], width: int) -> list[str]:
    head = columns.split("|")
    lines = [title, f"  {head[0]:<{width}}  {head[1]:>8}  {head[2]:>14}  {head[3]:>14}"]
    lines += [
        f"  {r.label:<{width}}  {r.schools:>8}  {r.contributing:>14}  {r.entries:>14}" for r in rows
    ]
    return lines


def format_report(cov: Coverage, policy: Policy, invalid: int, lang: Lang) -> str:
    """The report text for people."""

    def t(key: str, **params: object) -> str:
        return text(f"report.{key}", lang, **params)

    totals = t(
        "totals_roster" if cov.rostered else "totals",
        schools=cov.schools,
        contributing=cov.contributing,
        published=cov.published,
        waiting=len(cov.waiting_for_review),
    )
    width = max([len(r.label) for r in cov.by_district + cov.by_level] + [12])
    lines = [t("title"), "", totals, ""]
    lines += _table(t("by_district"), t("columns_district"), cov.by_district, width)
    lines += ["", *_table(t("by_level"), t("columns_level"), cov.by_level, width)]
    lines += ["", t("by_category")]
    lines += [
        f"  {policy.category_label(c):<{width + 10}} {n:>5}" for c, n in cov.entries_by_category
    ]
    lines += ["", t("without", n=len(cov.schools_without_entries))]
    for district, group in groupby(cov.schools_without_entries, key=lambda s: s.district):
        schools = list(group)
        lines.append(f"  {district} ({len(schools)}):")
        lines += [f"    - {s.name} ({s.level}, NPSN {s.npsn})" for s in schools]
    if not cov.schools_without_entries:
        lines.append(t("none"))
    if cov.districts_without_schools:
        lines += ["", t("no_schools", names=", ".join(cov.districts_without_schools))]
    lines += ["", t("waiting", n=len(cov.waiting_for_review))]
    lines += [f"  - {e.key}: {e.title}" for e in cov.waiting_for_review]
    if not cov.waiting_for_review:
        lines.append(t("none"))
    if invalid:
        lines += ["", t("invalid", n=invalid)]
    return "\n".join(lines) + "\n"


def run_report(project: Project, *, lang: Lang = "id", out: TextIO | None = None) -> int:
    """Print the coverage report. Always exits 0."""
    out = out or sys.stdout
    result = project.load()
    cov = coverage(result.catalogue, project.policy)
    invalid = result.entries_seen - len(result.catalogue.entries)
    out.write(format_report(cov, project.policy, invalid, lang))
    return 0

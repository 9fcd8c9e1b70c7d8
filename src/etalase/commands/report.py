"""``etalase report``: coverage by kecamatan and jenjang, and what waits for review.

The figures come from :func:`etalase.inventory.coverage`, the same source as the
export and the site's ``/statistik/`` page.
"""

from __future__ import annotations

import sys
from typing import TextIO

from ..inventory import Coverage, coverage
from ..policy import Policy
from ..problems import Lang
from ..project import Project

COLUMNS = {
    "id": ("Kecamatan", "Sekolah", "Berkontribusi", "Entri tayang"),
    "en": ("District", "Schools", "Contributing", "Published entries"),
}
TEXT = {
    "id": {
        "title": "Laporan cakupan Etalase Sekolah",
        "totals": "{schools} sekolah terdaftar, {contributing} di antaranya punya entri tayang; "
        "{published} entri tayang; {waiting} menunggu pemeriksaan.",
        "by_district": "Per kecamatan:",
        "by_level": "Per jenjang (entri tayang):",
        "by_category": "Per kategori (entri tayang):",
        "without": "Sekolah yang belum punya entri tayang ({n}):",
        "no_schools": "Kecamatan tanpa sekolah terdaftar: {names}",
        "waiting": "Menunggu pemeriksaan ({n}):",
        "invalid": "{n} entri bermasalah tidak dihitung; lihat 'etalase check'.",
        "none": "  (tidak ada)",
    },
    "en": {
        "title": "Etalase Sekolah coverage report",
        "totals": "{schools} schools registered, {contributing} with published entries; "
        "{published} published entries; {waiting} waiting for review.",
        "by_district": "By district:",
        "by_level": "By school level (published entries):",
        "by_category": "By category (published entries):",
        "without": "Schools without a published entry ({n}):",
        "no_schools": "Districts without a registered school: {names}",
        "waiting": "Waiting for review ({n}):",
        "invalid": "{n} entries with problems are not counted; see 'etalase check'.",
        "none": "  (none)",
    },
}


def format_report(cov: Coverage, policy: Policy, invalid: int, lang: Lang) -> str:
    """The report text for people."""
    t = TEXT[lang]
    contributing = sum(c for _, _, c in cov.schools_by_district)
    lines = [t["title"], "", t["totals"].format(
        schools=cov.schools, contributing=contributing, published=cov.published,
        waiting=len(cov.waiting_for_review),
    ), "", t["by_district"]]  # fmt: skip
    published = dict(cov.entries_by_district)
    width = max([len(d) for d, _, _ in cov.schools_by_district] + [12])
    head = COLUMNS[lang]
    lines.append(f"  {head[0]:<{width}}  {head[1]:>8}  {head[2]:>14}  {head[3]:>18}")
    for district, schools, contrib in cov.schools_by_district:
        lines.append(
            f"  {district:<{width}}  {schools:>8}  {contrib:>14}  {published[district]:>18}"
        )
    lines += ["", t["by_level"]]
    lines += [f"  {level:<{width}} {n:>5}" for level, n in cov.entries_by_level]
    lines += ["", t["by_category"]]
    lines += [f"  {policy.category_label(c):<{width + 10}} {n:>5}" for c, n in cov.entries_by_category]
    lines += ["", t["without"].format(n=len(cov.schools_without_entries))]
    lines += [f"  - {s.name} ({s.district}, NPSN {s.npsn})" for s in cov.schools_without_entries]
    if not cov.schools_without_entries:
        lines.append(t["none"])
    if cov.districts_without_schools:
        lines += ["", t["no_schools"].format(names=", ".join(cov.districts_without_schools))]
    lines += ["", t["waiting"].format(n=len(cov.waiting_for_review))]
    lines += [f"  - {e.key}: {e.title}" for e in cov.waiting_for_review]
    if not cov.waiting_for_review:
        lines.append(t["none"])
    if invalid:
        lines += ["", t["invalid"].format(n=invalid)]
    return "\n".join(lines) + "\n"


def run_report(project: Project, *, lang: Lang = "id", out: TextIO | None = None) -> int:
    """Print the coverage report. Always exits 0."""
    out = out or sys.stdout
    result = project.load()
    cov = coverage(result.catalogue, project.policy)
    invalid = result.entries_seen - len(result.catalogue.entries)
    out.write(format_report(cov, project.policy, invalid, lang))
    return 0

"""The innovation part of the site plan, without MkDocs: nothing without innovations."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from etalase.content.innovation import SECTIONS, ImpactRow, Innovation, Section
from etalase.content.model import Catalogue, Entry, School
from etalase.policy import Policy
from etalase.site.innovation import InnovationView, number_text
from etalase.site.pages import plan_site, section_nav
from etalase.site.strings import Strings
from etalase.site.views import EntryView
from scenarios import planned

T = Strings("id")
SCHOOL = School(
    "sdn-1-blora",
    Path("/c/sekolah/sdn-1-blora/index.md"),
    "SD 1",
    "20312345",
    "SD",
    "Blora",
    "Profil.",
)
ENTRY = Entry(
    "sdn-1-blora",
    "robot",
    Path("/c/sekolah/sdn-1-blora/robot/index.md"),
    "Robot",
    dt.date(2026, 1, 1),
    "kreativitas-siswa",
    Path("/c/x.mp4"),
    True,
    "published",
    "Teks.",
)


def _innovation(slug: str, derived: str | None = None, status: str = "published") -> Innovation:
    return Innovation(
        slug=slug,
        source=Path(f"/c/inovasi/{slug}/index.md"),
        title=slug.upper(),
        meaning=None,
        schools=("sdn-1-blora",),
        office=False,
        started="2021-07",
        stage="penerapan",
        running=True,
        checked=dt.date(2026, 8, 1),
        themes=("literasi",),
        evidence=("sdn-1-blora/robot",),
        impact=(ImpactRow("Buku", "buku", 10, 2.5),),
        awards=(),
        derived_from=derived,
        replicated_by=(),
        status=status,  # type: ignore[arg-type]
        sections=tuple(Section(k, h, "Isi.") for k, h in SECTIONS),
    )


def test_without_innovations_nothing_changes(policy: Policy) -> None:
    plan = plan_site(Catalogue((SCHOOL,), (ENTRY,)), policy, None, T)
    assert not [p for p in plan.pages if p.src_uri.startswith("inovasi/")]
    assert plan.has_innovations is False
    entry = planned(plan, "sekolah/sdn-1-blora/robot/index.md")
    assert entry is not None and isinstance(entry.view, EntryView)
    assert (entry.view.kind_filter, entry.view.evidence_for) == (False, ())
    assert section_nav(T, has_guide=True) == section_nav(T, has_guide=True, has_innovations=False)
    assert {"Inovasi": "inovasi/index.md"} not in section_nav(T, has_guide=True)
    assert {"Inovasi": "inovasi/index.md"} in section_nav(T, has_guide=True, has_innovations=True)


def test_only_published_innovations_make_pages_drafts_in_preview(policy: Policy) -> None:
    catalogue = replace(
        Catalogue((SCHOOL,), (ENTRY,)),
        innovations=(_innovation("a"), _innovation("b", status="review")),
    )
    uris = {p.src_uri: p for p in plan_site(catalogue, policy, None, T).pages}
    assert "inovasi/a/index.md" in uris and "inovasi/b/index.md" not in uris
    preview = {p.src_uri: p for p in plan_site(catalogue, policy, None, T, preview=True).pages}
    assert preview["inovasi/b/index.md"].draft and not preview["inovasi/a/index.md"].draft
    page = uris["inovasi/a/index.md"]
    assert page.contributed and page.markdown is not None
    assert [line for line in page.markdown.splitlines() if line.startswith("## ")] == [
        f"## {h}" for _, h in SECTIONS
    ]


def test_a_cycle_of_versions_does_not_loop(policy: Policy) -> None:
    catalogue = replace(
        Catalogue((SCHOOL,), (ENTRY,)), innovations=(_innovation("a", "b"), _innovation("b", "a"))
    )
    page = planned(plan_site(catalogue, policy, None, T), "inovasi/a/index.md")
    assert page is not None and isinstance(page.view, InnovationView)
    assert page.view.family is not None


def test_numbers_use_the_site_language() -> None:
    assert (number_text(12.0, "id"), number_text(2.5, "id"), number_text(2.5, "en")) == (
        "12",
        "2,5",
        "2.5",
    )

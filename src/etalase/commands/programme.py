"""``etalase export programme``: the office's own KIPP dossier for the catalogue itself.

The office enters its own programme in the innovation competition with the same
six sections every dossier has. The problem (school news only in class WhatsApp
groups) and the way the catalogue answers it are the office's words; the impact
is measured from the catalogue as it stands: published clips, contributing
schools against the roster, kecamatan reached, innovations documented and their
replications, each before the catalogue (nothing could be found), at the end of
its first year and now. Views come from the office's own web logs through the
``views`` hook when the statistics are wired in.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..content.innovation import SECTIONS, replication_district
from ..content.model import Catalogue
from ..content.routes import ROUTES
from ..inventory import coverage
from ..messages import text
from ..policy import Policy
from ..problems import Lang
from ..project import Project
from ..site.strings import Strings
from .dossier import _base_url, office_name, reaches_nobody
from .dossier_body import BodyWriter
from .export import _write_atomic
from .paper import link_paragraph, new_document, page_break, table, xml_text


@dataclass(frozen=True, slots=True)
class Reach:
    """What the catalogue holds up to the end of one year (or now)."""

    entries: int
    schools: int
    districts: int
    innovations: int
    replications: int


def reach(catalogue: Catalogue, until: int | None = None) -> Reach:
    """Published clips, contributing schools, kecamatan, innovations and replications
    dated up to the end of ``until`` (None: everything now)."""
    entries = [
        e for e in catalogue.entries if e.is_published and (until is None or e.date.year <= until)
    ]
    slugs = {e.school_slug for e in entries}
    schools = [s for s in catalogue.schools if s.slug in slugs]
    innovations = [
        i for i in catalogue.published_innovations if until is None or i.started_year <= until
    ]
    replications = sum(
        1
        for i in innovations
        for r in i.replications
        if until is None or (r.year is not None and r.year <= until)
    )
    return Reach(
        len(entries),
        len(schools),
        len({s.district for s in schools}),
        len(innovations),
        replications,
    )


def write_programme(
    catalogue: Catalogue,
    policy: Policy,
    path: Path,
    *,
    base_url: str,
    site_name: str,
    office: str,
    lang: Lang = "id",
    today: dt.date | None = None,
    views: Mapping[str, int] | None = None,
) -> None:
    """Write the programme's dossier (A4 ``.docx``) in the six KIPP sections.

    Args:
        catalogue: The loaded catalogue (its roster, if any, is the count of schools).
        policy: The regency's kecamatan.
        path: The ``.docx`` to write.
        base_url: The site's public address ending in ``/`` (may be empty).
        site_name: The catalogue's name.
        office: The education office.
        lang: The language of the document.
        today: "Now" (the last column of the impact table, the cover's year).
        views: Views by entry key from the office's own logs (``etalase stats import``);
            None leaves the views row out. The statistics module fills this hook.
    """

    def p(key: str, **params: object) -> str:
        return text(f"programme.{key}", lang, **params)

    words = Strings(lang)
    today = today or dt.date.today()
    cov = coverage(catalogue, policy)
    published = sorted(e.date for e in catalogue.entries if e.is_published)
    first_year = published[0].year if published else today.year
    now, first = reach(catalogue), reach(catalogue, first_year)
    doc = new_document(
        language=text("dossier.language", lang),
        title=xml_text(f"{p('title')}: {site_name}"),
        office=xml_text(office),
        subject=text("dossier.subject", lang),
        keywords="KIPP, etalase, " + xml_text(site_name),
    )
    # --- cover
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(xml_text(office.upper()))
    run.bold, run.font.size = True, Pt(14)
    kind = doc.add_paragraph(text("dossier.kind", lang))
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.paragraph_format.space_after = Cm(3)
    doc.add_heading(xml_text(site_name), level=0)
    doc.add_paragraph(p("subtitle"), style="Subtitle")
    doc.add_paragraph(xml_text(f"{p('by')}: {office}"))
    if published:
        doc.add_paragraph(xml_text(f"{text('dossier.started', lang)}: {words.date(published[0])}"))
    doc.add_paragraph(text("dossier.office_year", lang).format(year=today.year))
    if base_url:  # the public pages a jury opens, on the cover where they are found first
        for label, url in (
            (p("link_home"), base_url),
            (p("link_stats"), base_url + ROUTES.stats),
            (p("link_innovations"), base_url + ROUTES.innovations),
        ):
            link_paragraph(doc, xml_text(url), label=label + ":")
    page_break(doc)
    body = BodyWriter(doc, Path("."), {}, base_url, xml_text, lambda name: name)
    heading = dict(SECTIONS)
    share = f"{round(100 * cov.contributing / cov.schools)}%" if cov.schools else "-"
    # --- 1. the problem
    doc.add_heading(heading["latar"], level=1)
    body.add(p("problem"))
    doc.add_paragraph(xml_text(p("regency", schools=cov.schools, districts=len(policy.districts))))
    # --- 2. uniqueness
    doc.add_heading(heading["keunikan"], level=1)
    body.add(p("unique"))
    # --- 3. implementation
    doc.add_heading(heading["implementasi"], level=1)
    body.add(p("steps"))
    if published:
        doc.add_paragraph(
            xml_text(
                p(
                    "so_far",
                    since=words.date(published[0]),
                    entries=now.entries,
                    schools=now.schools,
                )
            )
        )
    # --- 4. impact, measured
    doc.add_heading(heading["dampak"], level=1)
    doc.add_paragraph(p("impact_intro"))

    def of(count: int, whole: int) -> str:
        return f"{count} / {whole}" if whole else str(count)

    rows = [
        (p("m_entries"), "0", str(first.entries), str(now.entries)),
        (
            p("m_schools"),
            "0",
            of(first.schools, cov.schools),
            of(now.schools, cov.schools) + f" ({share})",
        ),
        (
            p("m_districts"),
            "0",
            of(first.districts, len(policy.districts)),
            of(now.districts, len(policy.districts)),
        ),
        (p("m_innovations"), "0", str(first.innovations), str(now.innovations)),
        (p("m_replications"), "0", str(first.replications), str(now.replications)),
    ]
    if views is not None:
        rows.append((p("m_views"), "0", "-", str(sum(views.values()))))
    table(
        doc,
        (p("measure"), p("before"), str(first_year), p("now", year=today.year)),
        rows,
        (7.0, 3.0, 3.0, 3.0),
    )
    doc.add_paragraph(p("coverage_intro")).paragraph_format.keep_with_next = True
    table(
        doc,
        (words("district"), p("c_schools"), p("c_contributing"), p("c_published")),
        [(r.label, str(r.schools), str(r.contributing), str(r.entries)) for r in cov.by_district],
        (6.0, 3.0, 3.5, 3.5),
        together=len(cov.by_district) <= 15,
    )
    # --- 5. sustainability
    doc.add_heading(heading["keberlanjutan"], level=1)
    body.add(p("sustain"))
    running = sum(1 for i in catalogue.published_innovations if i.running)
    doc.add_paragraph(
        xml_text(p("innovations", n=len(catalogue.published_innovations), running=running))
    )
    # --- 6. replication
    doc.add_heading(heading["replikasi"], level=1)
    body.add(p("replicate"))
    places: dict[str, int] = {}
    for item in catalogue.published_innovations:
        for r in item.replications:
            where = replication_district(r, catalogue, policy.districts) or words("outside_regency")
            places[where] = places.get(where, 0) + 1
    if places:
        doc.add_paragraph(p("replications_intro")).paragraph_format.keep_with_next = True
        order = [d for d in policy.districts if d in places]
        order += [d for d in places if d not in order]
        table(
            doc,
            (words("district"), p("c_replications")),
            [(d, str(places[d])) for d in order],
            (10.0, 6.0),
        )
    _write_atomic(path, lambda temp: doc.save(temp))


def run_programme(
    project: Project,
    *,
    output: Path | None = None,
    allow_local: bool = False,
    lang: Lang = "id",
    out: TextIO | None = None,
    views: Mapping[str, int] | None = None,
) -> int:
    """Write ``program-etalase.docx`` (or ``output``); exit 1 when its links would lead
    to this computer and ``allow_local`` is False. ``views``: the statistics hook."""
    out = out or sys.stdout
    if reaches_nobody(project.site_url) and not allow_local:
        out.write(text("dossier.local", lang, url=project.site_url or "-") + "\n")
        return 1
    result = project.load()
    path = output or Path("program-etalase.docx")
    write_programme(
        result.catalogue,
        project.policy,
        path,
        base_url=_base_url(project),
        site_name=project.site_name or "Etalase Sekolah",
        office=office_name(project),
        lang=lang,
        views=views,
    )
    out.write(text("dossier.wrote", lang, path=path) + "\n")
    return 0

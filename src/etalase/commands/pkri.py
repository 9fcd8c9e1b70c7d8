"""``etalase export innovation SLUG --format pkri`` and ``--letter replikasi``.

The PKRI narrative tells whether an innovation survived and spread, as the
sustainability and replication competition asks: its identity (schools, start,
decree, budget lines), its years (running, paused, stopped), who replicated it,
where and when, the versions it grew into, and the list of evidence with whole
links. The replication letter is the agreement KIPP asks for since 2025: the
office's letterhead, the two parties (the school that owns the innovation and
the one replicating it), what is replicated and on which terms, place and date,
and room for both heads of school and the office to sign; one letter per
replicating school (or one with blanks to fill when none is recorded yet). Both
are Word documents laid out by :mod:`.paper`, written atomically.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

from ..content.innovation import Innovation, Replication
from ..content.model import Catalogue, School
from ..messages import text
from ..policy import Policy
from ..problems import Lang
from ..project import Project
from ..site.strings import Strings
from .dossier import (
    _base_url,
    find_innovation,
    life_tables,
    office_name,
    replication_place,
    replication_tables,
)
from .dossier_body import BodyWriter
from .export import _write_atomic
from .paper import TEXT_CM, link_paragraph, new_document, signature_block, table, xml_text

#: A line to write on by hand.
BLANK = "." * 40


def _centred(doc: Any, words: str, *, bold: bool = False, size: float | None = None) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(xml_text(words))
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    return paragraph


def _body(doc: Any, item: Innovation, base_url: str, t: Callable[[str], str]) -> BodyWriter:
    return BodyWriter(
        doc,
        item.folder,
        {},  # photos belong to the dossier; the narrative keeps to text and tables
        base_url + item.url if base_url else "",
        xml_text,
        lambda name: t("photo_alt").format(name=name),
    )


def write_pkri(
    item: Innovation,
    catalogue: Catalogue,
    policy: Policy,
    path: Path,
    *,
    base_url: str,
    office: str,
    lang: Lang = "id",
    views: Mapping[str, int] | None = None,
) -> None:
    """Write the PKRI sustainability and replication narrative of ``item`` (A4 ``.docx``).

    Args:
        item: The innovation.
        catalogue: Its schools, evidence and the other innovations (its versions).
        policy: The regency's kecamatan (inside or outside the regency).
        path: The ``.docx`` to write.
        base_url: The site's public address ending in ``/`` (may be empty).
        office: The education office (letterhead, author, company).
        lang: The language of the document's own words.
        views: Views of the evidence clips by entry key (``etalase stats import``);
            None leaves views out. The statistics module fills this hook.
    """

    def t(key: str) -> str:
        return text(f"dossier.{key}", lang)

    def p(key: str, **params: object) -> str:
        return text(f"pkri.{key}", lang, **params)

    words = Strings(lang)
    doc = new_document(
        language=text("dossier.language", lang),
        title=xml_text(f"{p('kind')}: {item.title}"),
        office=xml_text(office),
        subject=p("subject"),
        keywords="PKRI, " + xml_text(item.title),
    )
    _centred(doc, office.upper(), bold=True, size=14)
    _centred(doc, p("kind"))
    doc.add_heading(xml_text(item.title), level=0)
    if item.meaning:
        doc.add_paragraph(xml_text(item.meaning), style="Subtitle")
    schools = [s for s in (catalogue.school(x) for x in item.schools) if s is not None]
    # --- identity
    doc.add_heading(p("identity"), level=1)
    names = [f"{s.name} (NPSN {s.npsn})" for s in schools] + ([office] if item.office else [])
    state = words("running") if item.running else words("stopped")
    if item.checked:
        state += " " + p("checked", date=words.date(item.checked))
    rows = [
        (t("schools"), "; ".join(names)),
        (words("district"), ", ".join(dict.fromkeys(s.district for s in schools)) or "-"),
        (t("started"), words.month(item.started)),
        (t("stage"), words(f"stage_{item.stage}")),
        (t("state"), state),
        (
            words("decree"),
            words(
                "decree_text",
                number=item.decree.number,
                date=words.date(item.decree.date),
                by=item.decree.by,
            )
            if item.decree
            else p("no_decree"),
        ),
        (words("budget"), ", ".join(item.budget) or "-"),
    ]
    table(doc, None, [(a, xml_text(b)) for a, b in rows], (4.5, TEXT_CM - 4.5))
    if base_url:
        link_paragraph(doc, xml_text(base_url + item.url), label=p("profile") + ":")
    # --- sustainability
    body = _body(doc, item, base_url, t)
    doc.add_heading(p("sustainability"), level=1)
    doc.add_paragraph(xml_text(sustained(item, words, lang)))
    body.add(item.section("keberlanjutan").text)
    life_tables(doc, item, words, t)
    # --- replication
    doc.add_heading(p("replication"), level=1)
    doc.add_paragraph(xml_text(spread(item, catalogue, policy, lang)))
    body.add(item.section("replikasi").text)
    replication_tables(doc, item, catalogue, policy, words, t)
    # --- evidence
    doc.add_heading(p("evidence"), level=1)
    entries = {e.key: e for e in catalogue.entries}
    number = 0
    for key in item.evidence:
        entry = entries[key]
        number += 1
        school = catalogue.school(entry.school_slug)
        facts = [words.date(entry.date)] + ([school.name] if school else [])
        if views is not None:
            facts.append(t("views").format(n=views.get(key, 0)))
        heading = doc.add_paragraph()
        heading.add_run(xml_text(f"{number}. {entry.title}")).bold = True
        heading.paragraph_format.keep_with_next = True
        link = base_url + entry.url
        if base_url:
            link_paragraph(doc, xml_text(link), label=xml_text(" · ".join(facts)))
        else:
            doc.add_paragraph(xml_text(" · ".join([*facts, link])))
    if item.decree is not None:
        number += 1
        doc.add_paragraph(
            xml_text(
                f"{number}. {words('decree')} "
                + words(
                    "decree_text",
                    number=item.decree.number,
                    date=words.date(item.decree.date),
                    by=item.decree.by,
                )
                + ". "
                + p("attach")
            )
        )
    if not number:
        doc.add_paragraph(t("none"))
    _write_atomic(path, lambda temp: doc.save(temp))


def sustained(item: Innovation, words: Strings, lang: Lang) -> str:
    """One sentence on how long the innovation has lasted, from its years."""
    started = words.month(item.started)
    if not item.life:
        state = words("running") if item.running else words("stopped")
        return text("pkri.sustained_short", lang, title=item.title, started=started, state=state)
    running = sum(1 for y in item.life if y.status == "berjalan")
    return text(
        "pkri.sustained",
        lang,
        title=item.title,
        started=started,
        running=running,
        years=len(item.life),
        first=item.life[0].year,
        last=item.life[-1].year,
    )


def spread(item: Innovation, catalogue: Catalogue, policy: Policy, lang: Lang) -> str:
    """One sentence on how far the innovation spread: inside and outside the regency."""
    from ..content.innovation import replication_district

    if not item.replications:
        return text("pkri.spread_none", lang)
    inside = [r for r in item.replications if replication_district(r, catalogue, policy.districts)]
    return text(
        "pkri.spread",
        lang,
        n=len(item.replications),
        inside=len(inside),
        outside=len(item.replications) - len(inside),
    )


# --- the replication letter -------------------------------------------------------------
def write_letter(
    item: Innovation,
    catalogue: Catalogue,
    policy: Policy,
    path: Path,
    *,
    base_url: str,
    office: str,
    lang: Lang = "id",
    today: dt.date | None = None,
) -> None:
    """Write the replication agreement(s) of ``item``: one letter per recorded replication,
    or one with blanks when none is recorded yet.

    Args:
        item: The innovation being replicated.
        catalogue: Its schools and the replicating ones.
        policy: The regency's kecamatan (a replication's place).
        path: The ``.docx`` to write.
        base_url: The site's public address ending in ``/`` (may be empty).
        office: The education office: letterhead, the third signature, author.
        lang: The language of the letter.
        today: The letter's date.
    """

    def t(key: str) -> str:
        return text(f"letter.{key}", lang)

    words = Strings(lang)
    today = today or dt.date.today()
    owner = next((s for s in (catalogue.school(x) for x in item.schools) if s), None)
    doc = new_document(
        language=text("dossier.language", lang),
        title=xml_text(f"{t('title')}: {item.title}"),
        office=xml_text(office),
        subject=t("subject"),
        keywords=xml_text(f"KIPP, replikasi, {item.title}"),
    )
    from docx.shared import Pt

    normal = doc.styles["Normal"]  # a letter, its three signatures included, fits one page
    normal.paragraph_format.space_after = Pt(2)
    normal.font.size = Pt(10.5)
    replications: list[Replication | None] = list(item.replications) or [None]
    for number, replication in enumerate(replications):
        first = _letter(
            doc, item, catalogue, policy, owner, replication, base_url, office, words, t
        )
        # Each letter on a page of its own: a break before its letterhead, not a line
        # holding a break (LibreOffice moves such a line after a table to before it).
        first.paragraph_format.page_break_before = bool(number)
        place = owner.district if owner is not None else BLANK
        doc.add_paragraph(xml_text(f"{place}, {words.date(today)}"))
        second = (
            catalogue.school(replication.school)
            if replication is not None and replication.school
            else None
        )
        signature_block(
            doc,
            [
                (
                    t("first_party"),
                    t("head_of").format(school=owner.name if owner else BLANK),
                    f"({BLANK})",
                ),
                (
                    t("second_party"),
                    t("head_of").format(
                        school=second.name
                        if second
                        else (replication.name if replication else BLANK)
                    ),
                    f"({BLANK})",
                ),
            ],
        )
        signature_block(
            doc, [(t("acknowledged"), t("head_of").format(school=office), f"({BLANK})")]
        )
    _write_atomic(path, lambda temp: doc.save(temp))


def _letter(
    doc: Any,
    item: Innovation,
    catalogue: Catalogue,
    policy: Policy,
    owner: School | None,
    replication: Replication | None,
    base_url: str,
    office: str,
    words: Strings,
    t: Callable[[str], str],
) -> Any:
    """One letter up to its date line; its first paragraph (the letterhead)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    first = _centred(doc, office.upper(), bold=True, size=14)
    head = _centred(doc, base_url.rstrip("/") if base_url else "")
    border = OxmlElement("w:pBdr")  # the letterhead's rule
    bottom = OxmlElement("w:bottom")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", "12"),
        ("w:space", "4"),
        ("w:color", "000000"),
    ):
        bottom.set(qn(key), value)
    border.append(bottom)
    head._p.get_or_add_pPr().append(border)
    _centred(doc, t("title").upper(), bold=True, size=12)
    _centred(doc, f"{t('number')}: {BLANK}")
    doc.add_paragraph(t("opening"))
    second = catalogue.school(replication.school) if replication and replication.school else None
    where = replication_place(replication, catalogue, policy, words) if replication else BLANK
    parties = [
        (
            t("first_party"),
            [
                (t("name"), BLANK),
                (t("position"), t("head_of").format(school=owner.name if owner else BLANK)),
                ("NPSN", owner.npsn if owner else BLANK),
                (t("address"), f"{words('district')} {owner.district}" if owner else BLANK),
            ],
        ),
        (
            t("second_party"),
            [
                (t("name"), BLANK),
                (
                    t("position"),
                    t("head_of").format(
                        school=second.name
                        if second
                        else (replication.name if replication else BLANK)
                    ),
                ),
                ("NPSN", second.npsn if second else BLANK),
                (t("address"), where),
            ],
        ),
    ]
    for party, rows in parties:
        label = doc.add_paragraph()
        label.add_run(party).bold = True
        label.paragraph_format.keep_with_next = True
        table(doc, None, [(a, xml_text(b)) for a, b in rows], (4.0, TEXT_CM - 4.0))
    what = f"{item.title}" + (f" ({item.meaning})" if item.meaning else "")
    doc.add_paragraph(
        xml_text(
            t("agree").format(
                what=what,
                owner=owner.name if owner else office,
                started=words.month(item.started),
            )
        )
    )
    year = str(replication.year) if replication and replication.year else str(dt.date.today().year)
    terms = "\n".join(
        f"{n}. {line}"
        for n, line in enumerate(
            [
                t("term_share"),
                t("term_adapt").format(what=item.title),
                t("term_report").format(office=office),
                t("term_year").format(year=year),
            ],
            start=1,
        )
    )
    writer = BodyWriter(doc, item.folder, {}, "", xml_text, lambda name: name)
    writer.add(terms)
    if base_url:
        link_paragraph(doc, xml_text(base_url + item.url), label=t("profile") + ":")
    doc.add_paragraph(t("closing"))
    return first


def run_pkri(
    project: Project,
    slug: str,
    *,
    letter: bool = False,
    output: Path | None = None,
    allow_local: bool = False,
    lang: Lang = "id",
    out: TextIO | None = None,
    views: Mapping[str, int] | None = None,
) -> int:
    """Write ``<slug>-pkri.docx`` (or, with ``letter``, ``<slug>-surat-replikasi.docx``).

    Exit 1 as :func:`~.dossier.run_dossier` does. ``views`` is the statistics hook
    (entry key to views), None until ``etalase stats import`` is wired in.
    """
    out = out or sys.stdout
    found = find_innovation(project, slug, allow_local=allow_local, lang=lang, out=out)
    if found is None:
        return 1
    result, item = found
    base = _base_url(project)
    office = office_name(project)
    if letter:
        path = output or Path(f"{slug}-surat-replikasi.docx")
        write_letter(
            item, result.catalogue, project.policy, path, base_url=base, office=office, lang=lang
        )
    else:
        path = output or Path(f"{slug}-pkri.docx")
        write_pkri(
            item,
            result.catalogue,
            project.policy,
            path,
            base_url=base,
            office=office,
            lang=lang,
            views=views,
        )
    out.write(text("dossier.wrote", lang, path=path) + "\n")
    return 0

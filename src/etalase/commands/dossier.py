"""``etalase export innovation SLUG --format docx`` and ``etalase export innovations``.

The dossier is a Word document in the KIPP outline, for a school or the office
to submit to an innovation competition as it is: an A4 document (laid out by
:mod:`.paper`) with a cover (the office, name, schools, year), the six sections
(their tables, numbered steps, captioned photos and links kept, see
:mod:`.dossier_body`; the innovation's years, decree and budget under
Keberlanjutan, its lineage and replications under Replikasi), the impact table,
the awards, and the evidence clips, each with its poster, title, date, public
link and a QR code of that link, so a jury holding the printed dossier reaches
the clips with a phone.
A dossier whose links would lead to this computer (no ``site_url``, or a local
one) is refused unless asked for (``--allow-local``): printed, it would send the
jury nowhere. Posters come from the media step (unchanged clips are taken from
its cache; new ones are made); photos are the media step's clean copies.
``export innovations`` lists every valid innovation as CSV or XLSX, for the
office's own recap. Every file is written atomically.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .. import process
from ..content.innovation import Innovation, Replication, replication_district
from ..content.layout import INDEX, INNOVATIONS_DIR
from ..content.loader import LoadResult
from ..content.model import Catalogue, Entry
from ..folders import check_place
from ..media.outputs import EntryMedia
from ..messages import text
from ..policy import Policy
from ..problems import Lang, problem
from ..project import Project
from ..site.innovation import number_text
from ..site.size import local_site_url
from ..site.strings import Strings
from .dossier_body import BodyWriter, describe, picture_names
from .dossier_transcripts import add_transcripts
from .export import _write_atomic, _write_text, csv_text, write_workbook
from .paper import fit, keep, link_paragraph, new_document, page_break, table, xml_text

POSTER_WIDTH = 640  # the widest poster a printed page needs
QR_SCALE = 6  # pixels per module: sharp when printed 3 cm wide

LIST_KEYS = (
    "title",
    "meaning",
    "schools",
    "npsn",
    "districts",
    "themes",
    "stage",
    "started",
    "running",
    "checked",
    "status",
    "evidence",
    "awards",
    "derived_from",
    "replicated_by",
    "life",
    "decree",
    "budget",
    "url",
)
LIST_COLUMNS = (
    "Inovasi",
    "Kepanjangan",
    "Sekolah",
    "NPSN",
    "Kecamatan",
    "Tema",
    "Tahap",
    "Mulai",
    "Masih berjalan",
    "Terakhir dipastikan",
    "Status",
    "Video bukti",
    "Penghargaan",
    "Tumbuh dari",
    "Ditiru oleh",
    "Perjalanan per tahun",
    "SK",
    "Sumber anggaran",
    "URL",
)


def _base_url(project: Project) -> str:
    return project.site_url.rstrip("/") + "/" if project.site_url else ""


def reaches_nobody(site_url: str) -> bool:
    """Whether links made from ``site_url`` open nowhere but here: empty, or a local address."""
    return not site_url.strip() or local_site_url(site_url)


def _poster_media(
    project: Project, catalogue: Catalogue, keys: Sequence[str]
) -> dict[str, EntryMedia]:
    """Posters of the evidence clips, from the media step (its cache when unchanged)."""
    from ..media.pipeline import run_media

    wanted = tuple(e for e in catalogue.entries if e.key in keys)
    if not wanted:
        return {}
    result = run_media(
        Catalogue(catalogue.schools, wanted),
        project.policy,
        project.tools(),
        cache_dir=project.cache.media,
        root=project.root,
    )
    return dict(result.media)


def qr_png(url: str) -> bytes:
    """A QR code of ``url`` as PNG (segno; error correction M, quiet zone kept)."""
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=QR_SCALE, border=4)
    return buffer.getvalue()


def office_name(project: Project) -> str:
    """The education office that signs and submits: the plugin option ``office``, else
    ``offline_publisher``, else ``site_author``, else the generic "Dinas Pendidikan"."""
    policy = project.policy
    return (
        policy.office or policy.offline_publisher or project.site_author or text("dossier.office")
    )


def write_dossier(
    item: Innovation,
    catalogue: Catalogue,
    policy: Policy,
    path: Path,
    *,
    base_url: str,
    site_name: str,
    media: Mapping[str, EntryMedia],
    pictures: Mapping[Path, Path] | None = None,
    lang: Lang = "id",
    today: dt.date | None = None,
    office: str = "",
    views: Mapping[str, int] | None = None,
) -> None:
    """Write one innovation's dossier as ``.docx`` (A4), ready to submit as it is.

    Args:
        item: The innovation.
        catalogue: The catalogue its schools and evidence are in.
        policy: For the theme labels.
        path: The ``.docx`` to write (atomically).
        base_url: The site's public address ending in ``/`` (may be empty).
        site_name: The site's name, on the cover.
        media: The evidence clips' media (their posters).
        pictures: Word-readable clean copies of the photos the text shows, by source.
        lang: The language of the dossier's own words.
        today: The date of the cover's year.
        office: The education office (cover, author and company); the generic
            "Dinas Pendidikan" when empty.
        views: Views of the evidence clips by entry key, from the office's own web
            logs (``etalase stats import``); None leaves views out. This is the hook
            the statistics module fills: the dossier only prints what it is given.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    def t(key: str) -> str:
        return text(f"dossier.{key}", lang)

    words = Strings(lang)
    office = office or t("office")
    schools = [s for s in (catalogue.school(slug) for slug in item.schools) if s is not None]
    entries = {e.key: e for e in catalogue.entries}
    doc = new_document(
        language=text("dossier.language", lang),
        title=xml_text(item.title + (f" ({item.meaning})" if item.meaning else "")),
        office=xml_text(office),
        subject=t("subject"),
        keywords=xml_text(", ".join(["KIPP", *(policy.theme_label(s) for s in item.themes)])),
    )
    body = BodyWriter(
        doc,
        item.folder,
        pictures or {},
        base_url + item.url if base_url else "",
        xml_text,
        lambda name: t("photo_alt").format(name=name),
        caption=lambda n, alt: t("figure").format(n=n, alt=alt),
    )
    # --- cover
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(xml_text(office.upper()))
    run.bold, run.font.size = True, Pt(14)
    kind = doc.add_paragraph(t("kind"))
    kind.alignment = WD_ALIGN_PARAGRAPH.CENTER
    kind.paragraph_format.space_after = Cm(3)
    doc.add_heading(xml_text(item.title), level=0)
    if item.meaning:
        doc.add_paragraph(xml_text(item.meaning), style="Subtitle")
    names = [f"{s.name} (NPSN {s.npsn}), {words('district')} {s.district}" for s in schools]
    if item.office:
        names.append(office)
    doc.add_paragraph(xml_text(f"{t('schools')}: " + "; ".join(names)))
    if site_name:
        doc.add_paragraph(xml_text(site_name))
    facts = [
        (t("started"), words.month(item.started)),
        (t("stage"), words(f"stage_{item.stage}")),
        (t("theme"), ", ".join(policy.theme_label(s) for s in item.themes)),
        (t("state"), words("running") if item.running else words("stopped")),
    ]
    for label, value in facts:
        doc.add_paragraph(xml_text(f"{label}: {value}"))
    doc.add_paragraph(t("office_year").format(year=(today or dt.date.today()).year))
    page_break(doc)
    # --- the six sections; what the front matter says goes under its own section
    if item.intro:
        body.add(item.intro)
    for section in item.sections:
        doc.add_heading(xml_text(section.heading), level=1)
        body.add(section.text)
        if section.key == "keberlanjutan":
            life_tables(doc, item, words, t)
        if section.key == "replikasi":
            replication_tables(doc, item, catalogue, policy, words, t)
    # --- impact, awards
    doc.add_heading(xml_text(t("impact")), level=1)
    if item.impact:
        rows = [
            (
                xml_text(r.measure),
                xml_text(r.unit),
                _with_year(number_text(r.before, lang), r.year_before),
                _with_year(number_text(r.after, lang), r.year_after),
            )
            for r in item.impact
        ]
        table(doc, (t("measure"), t("unit"), t("before"), t("after")), rows, (7.0, 3.4, 2.8, 2.8))
    else:
        doc.add_paragraph(t("none"))
    doc.add_heading(xml_text(t("awards")), level=1)
    if item.awards:
        table(
            doc,
            (t("competition"), t("level"), t("year"), t("result")),
            [
                (xml_text(a.competition), xml_text(a.level), str(a.year), xml_text(a.result))
                for a in item.awards
            ],
            (7.0, 3.0, 2.0, 4.0),
        )
    else:
        doc.add_paragraph(t("none"))
    # --- evidence
    doc.add_heading(xml_text(t("evidence")), level=1)
    if not item.evidence:
        doc.add_paragraph(t("none"))
    for key in item.evidence:
        _evidence(doc, entries[key], catalogue, base_url, media, views, words, t)
    add_transcripts(doc, item, catalogue, xml_text, lang)  # the appendix (#30.7)
    _write_atomic(path, lambda temp: doc.save(temp))


def _with_year(value: str, year: int | None) -> str:
    return f"{value} ({year})" if year else value


def life_tables(doc: Any, item: Innovation, words: Strings, t: Callable[[str], str]) -> None:
    """Under "Keberlanjutan": the innovation's years, its decree and budget lines."""
    if item.life:
        doc.add_heading(t("life"), level=2).paragraph_format.keep_with_next = True
        table(
            doc,
            (t("year"), t("state"), t("note"), words("budget")),
            [
                (str(y.year), words(f"life_{y.status}"), xml_text(y.note), y.budget or "")
                for y in item.life
            ],
            (2.0, 2.6, 8.4, 3.0),
        )
    if item.decree is not None:
        decree = words(
            "decree_text",
            number=item.decree.number,
            date=words.date(item.decree.date),
            by=item.decree.by,
        )
        doc.add_paragraph(xml_text(f"{words('decree')}: {decree}"))
    if item.budget:
        doc.add_paragraph(xml_text(f"{words('budget')}: " + ", ".join(item.budget)))


def replication_tables(
    doc: Any,
    item: Innovation,
    catalogue: Catalogue,
    policy: Policy,
    words: Strings,
    t: Callable[[str], str],
) -> None:
    """Under "Replikasi": what it grew from, its versions, and who replicated it where."""
    titles = {i.slug: i.title for i in catalogue.innovations}
    if item.derived_from:
        parent = titles.get(item.derived_from, item.derived_from)
        doc.add_paragraph(xml_text(f"{t('derived_from')}: {parent}"))
    versions = [i.title for i in catalogue.innovations if i.derived_from == item.slug]
    if versions:
        doc.add_paragraph(xml_text(f"{t('versions')}: " + ", ".join(versions)))
    if item.replications:
        doc.add_paragraph(t("replicated_by") + ":").paragraph_format.keep_with_next = True
        table(
            doc,
            (t("school"), t("place"), t("year")),
            [
                (
                    xml_text(r.name),
                    xml_text(replication_place(r, catalogue, policy, words)),
                    str(r.year or ""),
                )
                for r in item.replications
            ],
            (7.5, 6.5, 2.0),
        )


def replication_place(
    replication: Replication, catalogue: Catalogue, policy: Policy, words: Strings
) -> str:
    """ "Kecamatan Cepu" inside the regency, the place as written outside it."""
    district = replication_district(replication, catalogue, policy.districts)
    if district is not None:
        return f"{words('district')} {district}"
    return replication.place or words("outside_regency")


def _evidence(
    doc: Any,
    entry: Entry,
    catalogue: Catalogue,
    base_url: str,
    media: Mapping[str, EntryMedia],
    views: Mapping[str, int] | None,
    words: Strings,
    t: Callable[[str], str],
) -> None:
    """One clip: its title, poster, date and school, QR code, and its link on a line of its
    own, kept together on one page."""
    from docx.shared import Cm

    url = base_url + entry.url
    heading = doc.add_heading(xml_text(entry.title), level=2)
    heading.paragraph_format.keep_with_next = True
    grid = doc.add_table(rows=1, cols=2)
    fit(grid, (10.5, 5.5))
    left, right = grid.rows[0].cells
    poster = _poster(media.get(entry.key))
    if poster is not None:
        shape = left.paragraphs[0].add_run().add_picture(str(poster), width=Cm(8))
        describe(shape, xml_text(t("poster_alt").format(title=entry.title)))
    else:
        left.paragraphs[0].add_run(t("no_poster"))
    school = catalogue.school(entry.school_slug)
    left.add_paragraph(
        xml_text(f"{t('date')}: {words.date(entry.date)}" + (f" · {school.name}" if school else ""))
    )
    if views is not None:
        left.add_paragraph(t("views").format(n=views.get(entry.key, 0)))
    shape = right.paragraphs[0].add_run().add_picture(io.BytesIO(qr_png(url)), width=Cm(3.5))
    describe(shape, xml_text(t("qr_alt").format(url=url)))
    right.add_paragraph(t("scan"))
    # The link is the table's second row, across both columns: LibreOffice keeps rows
    # of one table together, but not a table with the paragraph after it.
    below = grid.add_row().cells
    link = below[0].merge(below[1])
    link_paragraph(link, xml_text(url), label=f"{t('link')}:")
    link._tc.remove(link.paragraphs[0]._p)  # the merged cell's own empty paragraph
    keep(grid, header=False, together=True)


def _poster(item: EntryMedia | None) -> Path | None:
    if item is None or not item.posters:
        return None
    fitting = [p for p in item.posters if p.width <= POSTER_WIDTH] or [item.posters[0]]
    return fitting[-1].jpeg


def _find(result: LoadResult, slug: str) -> Innovation | None:
    return next((i for i in result.catalogue.innovations if i.slug == slug), None)


def find_innovation(
    project: Project, slug: str, *, allow_local: bool, lang: Lang, out: TextIO
) -> tuple[LoadResult, Innovation] | None:
    """The loaded catalogue and the valid innovation ``slug`` for a printed document.

    None (after saying why) when its links would lead to this computer (no or a local
    ``site_url``) and ``allow_local`` is False, or when the innovation is missing or
    invalid (its own problems are printed).
    """
    if reaches_nobody(project.site_url) and not allow_local:
        out.write(text("dossier.local", lang, url=project.site_url or "-") + "\n")
        return None
    result = project.load()
    item = _find(result, slug)
    if item is None:
        where = project.shown(project.content_dir / INNOVATIONS_DIR / slug / INDEX)
        for found in result.problems:
            if found.path.endswith(f"{INNOVATIONS_DIR}/{slug}/{INDEX}"):
                out.write(f"{found.path}: [{found.code}] {found.message(lang)} {found.fix(lang)}\n")
        missing = problem("INNOVATION_NOT_FOUND", where, value=slug)
        out.write(f"[{missing.code}] {missing.message(lang)} {missing.fix(lang)}\n")
        return None
    return result, item


def run_dossier(
    project: Project,
    slug: str,
    *,
    output: Path | None = None,
    allow_local: bool = False,
    lang: Lang = "id",
    out: TextIO | None = None,
    views: Mapping[str, int] | None = None,
) -> int:
    """Write ``<slug>.docx`` (or ``output``).

    Exit 1 when the innovation is missing or invalid, or when its links and QR codes
    would lead to this computer (no or a local ``site_url``) and ``allow_local`` is False.
    ``views`` (entry key to views, from ``etalase stats import``) prints each evidence
    clip's views; None leaves them out until the statistics are wired in.
    """
    out = out or sys.stdout
    found = find_innovation(project, slug, allow_local=allow_local, lang=lang, out=out)
    if found is None:
        return 1
    result, item = found
    base = _base_url(project)
    media = _poster_media(project, result.catalogue, item.evidence)
    path = output or Path(f"{slug}.docx")
    check_place(project, path)
    with tempfile.TemporaryDirectory(prefix="etalase-dossier-") as scratch:
        pictures = _word_pictures(project, item, Path(scratch), lang, out)
        write_dossier(
            item,
            result.catalogue,
            project.policy,
            path,
            base_url=base,
            site_name=project.site_name,
            media=media,
            pictures=pictures,
            lang=lang,
            office=office_name(project),
            views=views,
        )
    out.write(text("dossier.wrote", lang, path=path) + "\n")
    if reaches_nobody(project.site_url):
        out.write(text("dossier.relative", lang) + "\n")
    return 0


def _word_pictures(
    project: Project, item: Innovation, scratch: Path, lang: Lang, out: TextIO
) -> dict[Path, Path]:
    """Clean copies of the photos the innovation's text shows, in formats Word reads.

    The media step's copies (no location or camera metadata, at most 1600 px); Word
    reads no WebP, so a WebP copy is written again as PNG into ``scratch``.
    """
    from ..media.commands import PictureOutput, picture_command
    from ..media.image import MAX_SIDE, ImageJob, publish_images

    text_of = "\n\n".join([item.intro, *(s.text for s in item.sections)])
    sources = picture_names(text_of, item.folder)
    if not sources:
        return {}
    tools = project.tools()
    timeout = project.policy.media_timeout
    made = publish_images(
        [ImageJob(p, project.shown(p)) for p in sources],
        tools,
        project.media_cache(),
        timeout=timeout,
    )
    for refused in made.problems:
        out.write(f"{refused.path}: [{refused.code}] {refused.message(lang)}\n")
    pictures: dict[Path, Path] = {}
    for number, source in enumerate(sources):
        picture = made.made.get(source)
        if picture is None:
            continue
        clean = picture.files[-1].path
        if clean.suffix.lower() == ".webp":
            png = scratch / f"{number}.png"
            command = picture_command(tools.ffmpeg, clean, [PictureOutput(png)], max_side=MAX_SIDE)
            if not process.run(command, timeout=timeout, outputs=[png]).ok:
                continue
            clean = png
        pictures[source] = clean
    return pictures


def innovation_rows(catalogue: Catalogue, policy: Policy, base_url: str) -> list[dict[str, Any]]:
    """One row per valid innovation (any status), by title."""
    words = Strings("id")
    entries: dict[str, Entry] = {e.key: e for e in catalogue.entries}
    rows = []
    for item in sorted(catalogue.innovations, key=lambda i: (i.title.casefold(), i.slug)):
        schools = [s for s in (catalogue.school(x) for x in item.schools) if s is not None]
        names = [s.name for s in schools] + ([text("dossier.office")] if item.office else [])
        replicas = [
            r.name
            + (
                f" ({', '.join(str(x) for x in (r.place, r.year) if x)})"
                if r.place or r.year
                else ""
            )
            for r in item.replications
        ]
        decree = item.decree
        rows.append(
            {
                "title": item.title,
                "meaning": item.meaning or "",
                "schools": ", ".join(names),
                "npsn": ", ".join(s.npsn for s in schools),
                "districts": ", ".join(dict.fromkeys(s.district for s in schools)),
                "themes": ", ".join(policy.theme_label(t) for t in item.themes),
                "stage": words(f"stage_{item.stage}"),
                "started": item.started,
                "running": item.running,
                "checked": item.checked.isoformat() if item.checked else "",
                "status": item.status,
                "evidence": "; ".join(entries[k].title for k in item.evidence if k in entries),
                "awards": "; ".join(
                    f"{a.competition} {a.year} ({a.level}): {a.result}" for a in item.awards
                ),
                "derived_from": item.derived_from or "",
                "replicated_by": "; ".join(replicas),
                "life": "; ".join(f"{y.year}: {y.status}" for y in item.life),
                "decree": f"{decree.number} ({decree.date.isoformat()}, {decree.by})"
                if decree
                else "",
                "budget": ", ".join(item.budget),
                "url": base_url + item.url,
            }
        )
        rows[-1] = {k: xml_text(v) if isinstance(v, str) else v for k, v in rows[-1].items()}
    return rows


def run_innovations_export(
    project: Project,
    *,
    fmt: str = "csv",
    output: Path | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Write ``inovasi.csv`` or ``inovasi.xlsx`` (``output`` ``-``: CSV to the screen)."""
    out = out or sys.stdout
    result = project.load()
    rows = innovation_rows(result.catalogue, project.policy, _base_url(project))
    if output is not None and str(output) == "-":
        out.write(csv_text(rows, LIST_KEYS, LIST_COLUMNS))
        return 0
    path = output or Path(f"inovasi.{fmt}")
    check_place(project, path)
    if fmt == "xlsx":
        write_workbook(path, [("Inovasi", rows, LIST_KEYS, LIST_COLUMNS)])
    else:
        _write_text(path, csv_text(rows, LIST_KEYS, LIST_COLUMNS), bom=True)
    out.write(text("dossier.wrote", lang, path=path) + "\n")
    out.write(text("dossier.count", lang, n=len(rows)) + "\n")
    return 0

"""``etalase export innovation SLUG --format docx`` and ``etalase export innovations``.

The dossier is a Word document in the KIPP outline, for a school or the office
to submit to an innovation competition: an A4 document with a cover (name,
schools, office, year), the six sections (their tables, numbered steps, photos
and links kept, see :mod:`.dossier_body`), the impact table, the awards, and the
evidence clips, each with its poster, title, date, public link and a QR code of
that link, so a jury holding the printed dossier reaches the clips with a phone.
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
import re
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from .. import process
from ..content.innovation import Innovation
from ..content.layout import INDEX, INNOVATIONS_DIR
from ..content.loader import LoadResult
from ..content.model import Catalogue, Entry
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
    "URL",
)


# Characters XML 1.0 cannot hold: Word and Excel files would refuse them, so a stray
# control character in a school's text must not stop the dossier.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters an Office file cannot hold."""
    return _NOT_XML.sub("", text)


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
) -> None:
    """Write one innovation's dossier as ``.docx`` (A4).

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
    """
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Cm, Mm

    def t(key: str) -> str:
        return text(f"dossier.{key}", lang)

    words = Strings(lang)
    schools = [s for s in (catalogue.school(slug) for slug in item.schools) if s is not None]
    entries = {e.key: e for e in catalogue.entries}
    doc = Document()
    for page in doc.sections:  # python-docx's template is US Letter; Indonesia prints A4
        page.page_width, page.page_height = Mm(210), Mm(297)
        page.left_margin = page.right_margin = Cm(2.5)
        page.top_margin = page.bottom_margin = Cm(2.5)
    body = BodyWriter(
        doc,
        item.folder,
        pictures or {},
        base_url + item.url if base_url else "",
        xml_text,
        lambda name: t("photo_alt").format(name=name),
    )
    # --- cover
    doc.add_heading(xml_text(item.title), level=0)
    if item.meaning:
        doc.add_paragraph(xml_text(item.meaning), style="Subtitle")
    names = [f"{s.name} (NPSN {s.npsn}), {words('district')} {s.district}" for s in schools]
    if item.office:
        names.append(t("office"))
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
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    # --- the six sections
    if item.intro:
        body.add(item.intro)
    for section in item.sections:
        doc.add_heading(xml_text(section.heading), level=1)
        body.add(section.text)
    # --- impact, awards, origins
    doc.add_heading(xml_text(t("impact")), level=1)
    if item.impact:
        header = (t("measure"), t("unit"), t("before"), t("year"), t("after"), t("year"))
        rows = [
            (
                r.measure,
                r.unit,
                number_text(r.before, lang),
                str(r.year_before or ""),
                number_text(r.after, lang),
                str(r.year_after or ""),
            )
            for r in item.impact
        ]
        _table(doc, header, rows)
    else:
        doc.add_paragraph(t("none"))
    doc.add_heading(xml_text(t("awards")), level=1)
    if item.awards:
        _table(
            doc,
            (t("competition"), t("level"), t("year"), t("result")),
            [(a.competition, a.level, str(a.year), a.result) for a in item.awards],
        )
    else:
        doc.add_paragraph(t("none"))
    if item.derived_from:
        doc.add_paragraph(f"{t('derived_from')}: {item.derived_from}")
    replicas = [s.name for s in (catalogue.school(x) for x in item.replicated_by) if s]
    if replicas:
        doc.add_paragraph(xml_text(f"{t('replicated_by')}: " + ", ".join(replicas)))
    # --- evidence
    doc.add_heading(xml_text(t("evidence")), level=1)
    if not item.evidence:
        doc.add_paragraph(t("none"))
    for key in item.evidence:
        entry = entries[key]
        url = base_url + entry.url
        doc.add_heading(xml_text(entry.title), level=2)
        table = doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        poster = _poster(media.get(key))
        if poster is not None:
            shape = left.paragraphs[0].add_run().add_picture(str(poster), width=Cm(8))
            describe(shape, xml_text(t("poster_alt").format(title=entry.title)))
        else:
            left.paragraphs[0].add_run(t("no_poster"))
        school = catalogue.school(entry.school_slug)
        left.add_paragraph(
            xml_text(
                f"{t('date')}: {words.date(entry.date)}" + (f" · {school.name}" if school else "")
            )
        )
        left.add_paragraph(xml_text(f"{t('link')}: {url}"))
        shape = right.paragraphs[0].add_run().add_picture(io.BytesIO(qr_png(url)), width=Cm(3.5))
        describe(shape, xml_text(t("qr_alt").format(url=url)))
        right.add_paragraph(t("scan"))
    add_transcripts(doc, item, catalogue, xml_text, lang)  # the appendix (#30.7)
    _write_atomic(path, lambda temp: doc.save(temp))


def _table(doc: Any, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, label in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(xml_text(label)).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            cell.text = xml_text(value)


def _poster(item: EntryMedia | None) -> Path | None:
    if item is None or not item.posters:
        return None
    fitting = [p for p in item.posters if p.width <= POSTER_WIDTH] or [item.posters[0]]
    return fitting[-1].jpeg


def _find(result: LoadResult, slug: str) -> Innovation | None:
    return next((i for i in result.catalogue.innovations if i.slug == slug), None)


def run_dossier(
    project: Project,
    slug: str,
    *,
    output: Path | None = None,
    allow_local: bool = False,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Write ``<slug>.docx`` (or ``output``).

    Exit 1 when the innovation is missing or invalid, or when its links and QR codes
    would lead to this computer (no or a local ``site_url``) and ``allow_local`` is False.
    """
    out = out or sys.stdout
    if reaches_nobody(project.site_url) and not allow_local:
        out.write(text("dossier.local", lang, url=project.site_url or "-") + "\n")
        return 1
    result = project.load()
    item = _find(result, slug)
    if item is None:
        where = project.shown(project.content_dir / INNOVATIONS_DIR / slug / INDEX)
        for found in result.problems:
            if found.path.endswith(f"{INNOVATIONS_DIR}/{slug}/{INDEX}"):
                out.write(f"{found.path}: [{found.code}] {found.message(lang)} {found.fix(lang)}\n")
        missing = problem("INNOVATION_NOT_FOUND", where, value=slug)
        out.write(f"[{missing.code}] {missing.message(lang)} {missing.fix(lang)}\n")
        return 1
    base = _base_url(project)
    media = _poster_media(project, result.catalogue, item.evidence)
    path = output or Path(f"{slug}.docx")
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
        replicas = [s.name for s in (catalogue.school(x) for x in item.replicated_by) if s]
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
                "replicated_by": ", ".join(replicas),
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
    if fmt == "xlsx":
        write_workbook(path, [("Inovasi", rows, LIST_KEYS, LIST_COLUMNS)])
    else:
        _write_text(path, csv_text(rows, LIST_KEYS, LIST_COLUMNS), bom=True)
    out.write(text("dossier.wrote", lang, path=path) + "\n")
    out.write(text("dossier.count", lang, n=len(rows)) + "\n")
    return 0

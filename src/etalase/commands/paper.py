"""Word documents an office prints and submits as they are: A4, its name, whole links.

Every ``.docx`` export (the KIPP dossier, the PKRI narrative, the replication
letter, the programme's own dossier) starts from :func:`new_document` and lays
its tables and links out with the helpers here, so that LibreOffice and Word
print them alike: A4 with 2.5 cm margins, Arial (Liberation Sans where Arial is
missing), Indonesian as the document language, the office as author and company,
the title and the creation time in the properties; tables with fixed column
widths inside the margins whose header repeats and whose rows never split; a
link on one line in a size that fits it; numbered steps from a numbering
definition of our own rather than the template's list styles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

#: A4 with 2.5 cm margins: the text is 16 cm wide.
PAGE_MM = (210, 297)
MARGIN_CM = 2.5
TEXT_CM = PAGE_MM[0] / 10 - 2 * MARGIN_CM
FONT = "Arial"  # LibreOffice prints it in the metric-compatible Liberation Sans
LANGUAGE = "id-ID"
#: The largest and smallest size (points) a link is written in to fit on its line.
LINK_PT = (10.0, 7.0)

# Characters XML 1.0 cannot hold: Word and Excel files would refuse them, so a stray
# control character in a school's text must not stop a document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Advance widths of Arial (em) for the characters of an address; others count as "n".
_NARROW = frozenset("ijl.,:;/|!'()[]ft") | {"\u00a0"}
_MIDDLE = frozenset("r-_") | {" "}
_WIDE = frozenset("mwMW@%")


def xml_text(text: str) -> str:
    """``text`` without the characters an Office file cannot hold."""
    return _NOT_XML.sub("", text)


def new_document(
    *, title: str, office: str, subject: str = "", keywords: str = "", language: str = LANGUAGE
) -> Any:
    """An empty A4 document whose properties and language are the office's.

    Args:
        title: The document's title (its properties; the cover is the caller's).
        office: The education office: author, last editor and company.
        subject: What the document is for (a competition, a letter).
        keywords: Comma-separated keywords.
        language: The document's language tag (``id-ID``; ``en-GB`` for ``--lang en``).
    """
    from docx import Document
    from docx.shared import Cm, Mm, Pt

    doc = Document()
    for page in doc.sections:  # python-docx's template is US Letter; Indonesia prints A4
        page.page_width, page.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
        page.left_margin = page.right_margin = Cm(MARGIN_CM)
        page.top_margin = page.bottom_margin = Cm(MARGIN_CM)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props = doc.core_properties
    props.title = title
    props.subject = subject
    props.keywords = keywords
    props.author = props.last_modified_by = office
    props.comments = ""
    props.category = ""
    props.language = language
    props.created = props.modified = now
    props.last_printed = now
    props.revision = 1
    _app_properties(doc, office)
    _language_and_font(doc, language)
    normal = doc.styles["Normal"]
    normal.font.size = Pt(11)
    normal.paragraph_format.widow_control = True
    return doc


def _app_properties(doc: Any, office: str) -> None:
    """The extended properties: the office as company, no Word-for-Mac template name."""
    from xml.sax.saxutils import escape

    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/docProps/app.xml":
            continue
        xml = part.blob.decode("utf-8")
        xml = re.sub(r"<Application>.*?</Application>", "<Application>Etalase</Application>", xml)
        xml = re.sub(r"<Company>.*?</Company>|<Company/>", "", xml)
        xml = xml.replace("</Properties>", f"<Company>{escape(office)}</Company></Properties>")
        part._blob = xml.encode("utf-8")


def _language_and_font(doc: Any, language: str) -> None:
    """``language`` and Arial as the defaults, and on every style that names its own."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = doc.styles.element
    for props in styles.iter(qn("w:rPr")):
        lang = props.find(qn("w:lang"))
        if lang is not None:
            lang.set(qn("w:val"), language)
        fonts = props.find(qn("w:rFonts"))
        if fonts is not None:
            for key in list(fonts.attrib):
                if key.endswith("Theme") or key.endswith("theme"):
                    del fonts.attrib[key]
            for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(key), FONT)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    if defaults.find(qn("w:lang")) is None:
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), language)
        defaults.append(lang)


# --- tables --------------------------------------------------------------------------
def table(
    doc: Any,
    header: Sequence[str] | None,
    rows: Sequence[Sequence[str]],
    widths_cm: Sequence[float],
    *,
    together: bool = True,
) -> Any:
    """A grid table with fixed column widths, bold repeated header, rows that never split.

    Args:
        doc: The document (or a cell) to add the table to.
        header: The column names; None for a table without one.
        rows: The cells' texts.
        widths_cm: Each column's width; their sum is at most :data:`TEXT_CM`.
        together: Keep the whole table on one page (a short table: header and rows
            never separated).
    """
    columns = len(widths_cm)
    grid = doc.add_table(rows=0, cols=columns)
    grid.style = "Table Grid"
    if header is not None:
        cells = grid.add_row().cells
        for cell, label in zip(cells, header, strict=True):
            cell.paragraphs[0].add_run(label).bold = True
    for row in rows:
        for cell, value in zip(grid.add_row().cells, row, strict=True):
            cell.paragraphs[0].add_run(value)
    fit(grid, widths_cm)
    keep(grid, header=header is not None, together=together)
    _space_after(doc)
    return grid


def _space_after(doc: Any) -> None:
    """A thin empty line after a table: Word puts no space there, and two tables that
    touch become one in LibreOffice."""
    from docx.shared import Pt

    after = doc.add_paragraph()
    after.paragraph_format.space_after = Pt(0)
    after.paragraph_format.line_spacing = Pt(6)


def fit(grid: Any, widths_cm: Sequence[float]) -> None:
    """Fixed column widths (the grid's and each cell's), so no program widens a column."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    assert sum(widths_cm) <= TEXT_CM + 1e-6, widths_cm
    grid.autofit = False
    props = grid._tbl.tblPr
    layout = props.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        props.append(layout)
    layout.set(qn("w:type"), "fixed")
    width = props.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        props.append(width)
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_cm) / 2.54 * 1440)))
    for column, cm in zip(grid.columns, widths_cm, strict=True):
        column.width = Cm(cm)
    for row in grid.rows:
        for cell, cm in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(cm)


def keep(grid: Any, *, header: bool, together: bool) -> None:
    """The header row repeats on a new page; no row splits; a short table stays whole."""
    from docx.oxml import OxmlElement

    rows = list(grid.rows)
    for i, row in enumerate(rows):
        props = row._tr.get_or_add_trPr()
        props.append(OxmlElement("w:cantSplit"))
        if header and i == 0:
            props.append(OxmlElement("w:tblHeader"))
        if (together and i < len(rows) - 1) or (header and i == 0):
            for cell in row.cells:
                for paragraph in cell.paragraphs:
                    paragraph.paragraph_format.keep_with_next = True


# --- links ---------------------------------------------------------------------------
def link_size(url: str, width_cm: float = TEXT_CM) -> float:
    """The font size (points) at which ``url`` fits on one line ``width_cm`` wide."""
    ems = sum(
        0.28
        if c in _NARROW
        else 0.34
        if c in _MIDDLE
        else 0.84
        if c in _WIDE
        else 0.72
        if c.isupper()
        else 0.56
        for c in url
    )
    width_pt = width_cm / 2.54 * 72 * 0.97  # a little room for the program's rounding
    return max(LINK_PT[1], min(LINK_PT[0], round(width_pt / max(ems, 1) * 2) / 2))


def link_paragraph(container: Any, url: str, *, label: str = "", width_cm: float = TEXT_CM) -> Any:
    """A paragraph holding ``label`` and then ``url`` as a link, on one line of its own.

    The address is never broken: it goes on a line of its own (after a line break
    when there is a label), in the largest size up to 10 pt at which it fits.
    """
    from .dossier_body import add_hyperlink

    paragraph = container.add_paragraph()
    if label:
        paragraph.add_run(label).add_break()
    add_hyperlink(paragraph, url, url, size_pt=link_size(url, width_cm))
    return paragraph


def page_break(doc: Any) -> None:
    """Start a new page."""
    from docx.enum.text import WD_BREAK

    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def signature_block(
    doc: Any, columns: Sequence[Sequence[str]], *, width_cm: float = TEXT_CM
) -> Any:
    """Side-by-side blocks to sign (role lines, room to sign, the name line), kept on one page."""
    from docx.shared import Cm, Pt

    grid = doc.add_table(rows=1, cols=len(columns))
    fit(grid, [width_cm / len(columns)] * len(columns))
    for cell, lines in zip(grid.rows[0].cells, columns, strict=True):
        *roles, name = (xml_text(line) for line in lines)
        first = cell.paragraphs[0]
        for i, line in enumerate(roles):
            paragraph = first if i == 0 else cell.add_paragraph()
            paragraph.add_run(line)
            paragraph.paragraph_format.space_after = Pt(0)
        room = cell.add_paragraph()
        room.paragraph_format.space_before = Cm(1.8)
        room.add_run(name).bold = True
    keep(grid, header=False, together=True)
    _space_after(doc)
    return grid

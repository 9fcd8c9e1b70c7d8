"""An innovation's Markdown as Word content: paragraphs, lists, tables, pictures and links.

The dossier is printed and read by a jury, so a school's text keeps its shape:
a Markdown table becomes a Word table as wide as the text, numbered steps a
numbered list (a numbering definition of our own, each list counting from its
own first number), a photo beside the innovation a numbered figure with its
caption (at most 9 cm high, so two share a page), and a link a real hyperlink
with its address written after it (the printed page keeps it). The Markdown is rendered as the site renders it and cleaned by
the site's sanitizer first, so nothing the site refuses reaches the dossier
either; the clean HTML is then walked into python-docx calls.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import markdown

from ..content.layout import IMAGE_SUFFIXES
from ..paths import resolve_inside, suffix_of
from ..site.sanitize import clean_html, is_local_url

#: The widest a picture is printed: the text width of an A4 page with 2.5 cm margins.
PICTURE_CM = 15.0
#: The highest a picture is printed: two photos and their captions share a page.
PICTURE_HIGH_CM = 9.0
#: Our numbered lists' levels: (number format, text, left indent in twips).
_LEVELS = (("decimal", "%1.", 720), ("lowerLetter", "%2.", 1440), ("lowerRoman", "%3.", 2160))
_VOID = frozenset({"img", "br", "hr"})
_BLOCKS = frozenset({"p", "ul", "ol", "table", "pre", "blockquote", "div", "hr", "dl"})
_HEADINGS = {"h1": 2, "h2": 2, "h3": 2, "h4": 3, "h5": 3, "h6": 3}
_BOLD = frozenset({"strong", "b", "th"})
_ITALIC = frozenset({"em", "i"})
_LIST_ITEM = re.compile(r"(?:[0-9]+[.)]|[-*+])[ \t]+\S")
_FENCE = re.compile(r"^(```|~~~)")


@dataclass
class Node:
    """One element of the cleaned HTML (``tag`` ``""`` for the root)."""

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("")
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def loosen_lists(text: str) -> str:
    """``text`` with a blank line before a list that follows a line of text directly.

    Teachers write "Langkahnya:" and the steps on the next lines; Markdown reads
    that as one paragraph unless a blank line comes between.
    """
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif (
            not fenced
            and out
            and out[-1].strip()
            and _LIST_ITEM.match(line)
            and not _LIST_ITEM.match(out[-1])
            and not out[-1].startswith((" ", "\t", "|", "#", ">"))
        ):
            out.append("")
        out.append(line)
    return "\n".join(out)


def html_tree(text: str) -> Node:
    """The Markdown ``text`` rendered (tables, fenced code), cleaned, and parsed."""
    rendered = markdown.markdown(loosen_lists(text), extensions=["tables", "fenced_code"])
    builder = _TreeBuilder()
    builder.feed(clean_html(rendered))
    builder.close()
    return builder.root


def picture_names(text: str, folder: Path) -> list[Path]:
    """The pictures ``text`` shows that are files beside it (JPEG, PNG, WebP), in order."""
    found: list[Path] = []
    for node in _walk(html_tree(text)):
        path = local_picture(node.attrs.get("src", ""), folder) if node.tag == "img" else None
        if path is not None and path not in found:
            found.append(path)
    return found


def local_picture(src: str, folder: Path) -> Path | None:
    """The picture file ``src`` names inside ``folder`` (links and ``..`` refused), or None."""
    if not src or not is_local_url(src):
        return None
    name = unquote(urlsplit(src).path)
    if suffix_of(name).lower() not in IMAGE_SUFFIXES:
        return None
    return resolve_inside(folder, name).path


def _walk(node: Node) -> list[Node]:
    found = []
    for child in node.children:
        if isinstance(child, Node):
            found.append(child)
            found += _walk(child)
    return found


@dataclass
class BodyWriter:
    """Writes Markdown into a python-docx ``Document``.

    Attributes:
        doc: The document.
        folder: The innovation's folder (pictures are looked up there).
        pictures: Clean, Word-readable copies of the pictures, by source path.
        page_url: The innovation's public address (relative links are made
            absolute against it); empty when the site has no address.
        clean: Removes characters a Word file cannot hold.
        picture_alt: The alt text of a picture that has none, from its file name.
        caption: A figure's caption from its number and alt text (None: no captions).
    """

    doc: Any
    folder: Path
    pictures: Mapping[Path, Path]
    page_url: str
    clean: Callable[[str], str]
    picture_alt: Callable[[str], str]
    caption: Callable[[int, str], str] | None = None
    _abstract: int | None = None
    _figures: int = 0

    def add(self, text: str) -> None:
        """Add ``text`` (Markdown) after what the document holds."""
        self._blocks(html_tree(text), level=0)

    # --- blocks -------------------------------------------------------------------
    def _blocks(self, node: Node, level: int) -> None:
        loose: list[Node | str] = []  # inline content between blocks (a bare list item)
        for child in node.children:
            if isinstance(child, Node) and (child.tag in _BLOCKS or child.tag in _HEADINGS):
                self._loose(loose)
                self._block(child, level)
            else:
                loose.append(child)
        self._loose(loose)

    def _loose(self, loose: list[Node | str]) -> None:
        if any(c.strip() if isinstance(c, str) else True for c in loose):
            self._inline(self.doc.add_paragraph(), Node("", children=list(loose)))
        loose.clear()

    def _block(self, node: Node, level: int) -> None:
        tag = node.tag
        if tag in _HEADINGS:
            self._inline(self.doc.add_heading(level=_HEADINGS[tag]), node)
        elif tag == "p" and _only_pictures(node):
            self._figures_of(node)
        elif tag == "p":
            paragraph = self.doc.add_paragraph()
            self._inline(paragraph, node)
            _trim(paragraph)
        elif tag in ("ul", "ol"):
            self._list(node, level)
        elif tag == "table":
            self._table(node)
        elif tag == "pre":
            self.doc.add_paragraph(self.clean(node.text().rstrip("\n")), style="No Spacing")
        elif tag == "blockquote":
            self._blocks(node, level)
        elif tag == "hr":
            self.doc.add_paragraph("―" * 3)
        else:  # div (admonition), dl
            self._blocks(node, level)

    def _list(self, node: Node, level: int) -> None:
        numbered = node.tag == "ol"
        depth = min(level, 2)
        style = ("List Number" if numbered else "List Bullet") + (
            "" if not depth else f" {depth + 1}"
        )
        number_id = self._new_numbering(style, _start(node)) if numbered else None
        for item in node.children:
            if not isinstance(item, Node) or item.tag != "li":
                continue
            inline = [c for c in item.children if not (isinstance(c, Node) and c.tag in _BLOCKS)]
            nested = [c for c in item.children if isinstance(c, Node) and c.tag in _BLOCKS]
            first = next((c for c in nested if c.tag == "p"), None)  # a loose list's item
            paragraph = self.doc.add_paragraph(style=style)
            if number_id is not None:
                _number(paragraph, number_id, depth)
            self._inline(paragraph, Node("li", children=inline + ([first] if first else [])))
            _trim(paragraph)
            for block in nested:
                if block is first:
                    continue
                if block.tag in ("ul", "ol"):
                    self._list(block, level + 1)
                else:
                    self._block(block, level + 1)

    def _new_numbering(self, style: str, start: int) -> int:
        """A numbering of its own for one list, so that each list counts from its start.

        Every list refers to one numbering definition of ours (1. a. i.), not to the
        template's list styles, whose numbering Word and LibreOffice read differently.
        """
        numbering = self.doc.part.numbering_part.element
        if self._abstract is None:
            self._abstract = _add_abstract_numbering(numbering)
        num = numbering.add_num(self._abstract)
        for ilvl in range(len(_LEVELS)):  # the list's own level and the nested ones
            num.add_lvlOverride(ilvl=ilvl).add_startOverride(start if ilvl == 0 else 1)
        return int(num.numId)

    def _table(self, node: Node) -> None:
        from .paper import TEXT_CM, fit, keep

        rows = [r for r in _walk(node) if r.tag == "tr"]
        cells = [
            [c for c in r.children if isinstance(c, Node) and c.tag in ("th", "td")] for r in rows
        ]
        width = max((len(r) for r in cells), default=0)
        if not width:
            return
        table = self.doc.add_table(rows=0, cols=width)
        table.style = "Table Grid"
        for row in cells:
            word_cells = table.add_row().cells
            for cell, source in zip(word_cells, row, strict=False):
                self._inline(cell.paragraphs[0], source)
        fit(table, [TEXT_CM / width] * width)
        header = bool(cells) and all(c.tag == "th" for c in cells[0])
        keep(table, header=header, together=len(cells) <= 15)

    def _figures_of(self, node: Node) -> None:
        """Each picture of a paragraph that holds nothing else as a figure with its caption."""
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        for picture in (c for c in node.children if isinstance(c, Node)):
            paragraph = self.doc.add_paragraph()
            alt = self._picture(paragraph, picture)
            if alt is None or self.caption is None:
                continue
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.keep_with_next = True
            self._figures += 1
            below = self.doc.add_paragraph(style="Caption")
            below.alignment = WD_ALIGN_PARAGRAPH.CENTER
            below.add_run(self.clean(self.caption(self._figures, alt)))

    # --- inline -------------------------------------------------------------------
    def _inline(self, paragraph: Any, node: Node, bold: bool = False, italic: bool = False) -> None:
        bold = bold or node.tag in _BOLD
        italic = italic or node.tag in _ITALIC
        for child in node.children:
            if isinstance(child, str):
                text = self.clean(re.sub(r"\s+", " ", child))
                if text:
                    run = paragraph.add_run(text)
                    run.bold, run.italic = bold or None, italic or None
            elif child.tag == "br":
                paragraph.add_run().add_break()
            elif child.tag == "img":
                self._picture(paragraph, child)
            elif child.tag == "a":
                self._link(paragraph, child)
            else:  # formatting, or a block inside a table cell
                self._inline(paragraph, child, bold, italic)

    def _link(self, paragraph: Any, node: Node) -> None:
        label = self.clean(" ".join(node.text().split()))
        href = node.attrs.get("href", "").strip()
        url = self.clean(urljoin(self.page_url, href) if href and self.page_url else href)
        if not url or not re.match(r"(?i)(https?|mailto):", url):
            paragraph.add_run(label)  # a link inside a site without an address
            return
        add_hyperlink(paragraph, url, label or url)
        shown = url.removeprefix("mailto:")
        if label.strip() not in (shown, url):
            paragraph.add_run(f" ({shown})")

    def _picture(self, paragraph: Any, node: Node) -> str | None:
        """Add the picture ``node`` shows (or its alt text in brackets); its alt text, or None."""
        from docx.shared import Cm, Emu

        src = node.attrs.get("src", "")
        alt = self.clean(node.attrs.get("alt", "").strip())
        source = local_picture(src, self.folder)
        ready = self.pictures.get(source) if source is not None else None
        if ready is None:
            if alt:
                paragraph.add_run(f"[{alt}]")
            return None
        shape = paragraph.add_run().add_picture(str(ready))
        scale = min(1.0, Cm(PICTURE_CM) / shape.width, Cm(PICTURE_HIGH_CM) / shape.height)
        if scale < 1.0:
            shape.width, shape.height = (
                Emu(int(shape.width * scale)),
                Emu(int(shape.height * scale)),
            )
        alt = alt or self.picture_alt(Path(src).name)
        describe(shape, alt)
        return alt


def _trim(paragraph: Any) -> None:
    """No space at the start or end of a paragraph (left by the HTML's line breaks)."""
    runs = paragraph.runs
    if runs and _text_only(runs[0]):
        runs[0].text = runs[0].text.lstrip()
    if runs and _text_only(runs[-1]):
        runs[-1].text = runs[-1].text.rstrip()


def _text_only(run: Any) -> bool:
    return not run._r.xpath("./w:drawing|./w:br")  # setting .text would drop a picture


def _start(node: Node) -> int:
    try:
        return max(0, int(node.attrs.get("start", "1")))
    except ValueError:
        return 1


def _only_pictures(node: Node) -> bool:
    """Whether a paragraph holds pictures and nothing else (but spaces)."""
    pictures = [c for c in node.children if isinstance(c, Node)]
    return (
        bool(pictures)
        and all(c.tag == "img" for c in pictures)
        and not any(c.strip() for c in node.children if isinstance(c, str))
    )


def _add_abstract_numbering(numbering: Any) -> int:
    """Add our numbering definition (1. a. i.) to ``numbering``; its id."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn

    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    new_id = max(ids, default=0) + 1
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{shown}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="360"/></w:pPr></w:lvl>'
        for i, (fmt, shown, left) in enumerate(_LEVELS)
    )
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{new_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:  # every abstractNum comes before the first num
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    return new_id


def _number(paragraph: Any, number_id: int, level: int) -> None:
    """Put ``paragraph`` in the numbering ``number_id`` at ``level``."""
    number = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    number.get_or_add_ilvl().val = level
    number.get_or_add_numId().val = number_id


def add_hyperlink(paragraph: Any, url: str, label: str, *, size_pt: float | None = None) -> None:
    """A clickable link to ``url`` reading ``label``, blue and underlined as Word shows links.

    ``size_pt`` sets the link's font size (a long address written to fit its line).
    """
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rid = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rid)
    run = OxmlElement("w:r")
    props = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "0563C1")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    props.append(colour)
    if size_pt is not None:
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(round(size_pt * 2)))
        props.append(size)
    props.append(underline)
    run.append(props)
    text = OxmlElement("w:t")
    text.set(qn("xml:space"), "preserve")
    text.text = label
    run.append(text)
    link.append(run)
    paragraph._p.append(link)


def describe(shape: Any, alt: str) -> None:
    """Alt text of a picture (Word reads it aloud; the tests find pictures by it)."""
    shape._inline.docPr.set("descr", alt)

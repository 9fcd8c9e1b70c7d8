"""Reading a school's explanation file from the shared folder: ``.txt``, ``.md`` or ``.docx``.

Teachers write in Word or Notepad, not in YAML. The first line that is not a
labelled line is the title; ``Kategori:``, ``Tanggal:``, ``Tag:`` and ``Izin:``
lines may stand anywhere, in any capitalisation and with stray spaces; the rest
is the explanation. Values are normalised where that is safe (dates written the
Indonesian way, category labels instead of slugs); anything not understood is
passed on as written so the content schema reports it like any other entry.
A Word table becomes a Markdown table where it stood; pictures, charts and text
boxes in a Word file are counted, so the school hears that they were not taken.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ..content.values import is_yes
from ..files import read_regular
from ..policy import Policy
from ..problems import Problem, problem
from ..reasons import os_reason
from ..zipguard import check_zip

TEXT_SUFFIXES = frozenset({".txt", ".md", ".docx"})
MAX_TEXT_BYTES = 256 * 1024
MAX_DOCX_BYTES = 20 * 1024 * 1024  # Word files carry pictures; the text is what we read
#: What a Word file may unpack to (its pictures barely compress) and the ratio
#: no real one reaches: checked from the zip directory before any XML is parsed.
MAX_DOCX_UNPACKED = 48 * 1024 * 1024
MAX_DOCX_RATIO = 100.0

_LABEL = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z /]{0,30}?)\s*:\s*(?P<value>.*?)\s*$")
_KEYS = {
    "judul": "title",
    "title": "title",
    "kategori": "category",
    "category": "category",
    "tanggal": "date",
    "tgl": "date",
    "date": "date",
    "tanggal kegiatan": "date",
    "tag": "tags",
    "tags": "tags",
    "kata kunci": "tags",
    "izin": "consent",
    "consent": "consent",
    "persetujuan": "consent",
}


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the explanation file says, as written (normalised where safe)."""

    title: str
    body: str
    category: str | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    consent: bool = False
    pictures: int = 0  # pictures, charts and text boxes in a Word file: not taken


def explanation_notes(explanation: Explanation, shown: str) -> list[Problem]:
    """What the school should know about what was not taken from its explanation file."""
    if not explanation.pictures:
        return []
    return [problem("DROP_DOCX_PICTURES", shown, n=explanation.pictures)]


def read_explanation(path: Path, shown: str) -> tuple[Explanation | None, Problem | None]:
    """Read and parse one explanation file; a problem names what is wrong with it."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
        if size > limit:
            return None, problem(
                "FILE_TOO_LARGE", shown, size_kb=size // 1024, max_kb=limit // 1024
            )
        text, pictures = _docx_text(path) if suffix == ".docx" else (_decode(read_regular(path)), 0)
    except OSError as exc:
        return None, problem("DROP_TEXT_UNREADABLE", shown, **os_reason(exc))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return None, problem("DROP_TEXT_UNREADABLE", shown, reason=_docx_reason(exc))
    explanation = parse_explanation(text, markdown=suffix == ".md")
    if explanation is None:
        return None, problem("DROP_TITLE_MISSING", shown)
    return replace(explanation, pictures=pictures), None


def _docx_reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        return "bukan berkas Word .docx yang utuh"
    return str(exc)[:160] or type(exc).__name__


def _docx_text(path: Path) -> tuple[str, int]:
    """The paragraphs of a Word document, one per line (a line break inside one, too),
    its tables as Markdown tables where they stand, and how many pictures it holds.

    Raises:
        ValueError: Not a whole Word file, or a zip bomb (see :mod:`etalase.zipguard`).
    """
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from docx.oxml.ns import qn
    from docx.table import Table

    refusal = check_zip(path, max_total=MAX_DOCX_UNPACKED, max_ratio=MAX_DOCX_RATIO)
    if refusal is not None:
        raise ValueError(refusal)

    try:
        document = Document(str(path))
    except PackageNotFoundError as exc:
        raise ValueError("bukan berkas Word .docx yang utuh") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += ["", *markdown_table(block), ""]
        else:
            lines.append(block.text)
    drawn = (qn("w:drawing"), qn("w:pict"))
    pictures = sum(1 for el in document.element.body.iter() if el.tag in drawn)
    return "\n".join(lines), pictures


def markdown_table(table: Any) -> list[str]:
    """A Word table (``docx.table.Table``) as Markdown table rows, its first row the header.

    A cell's paragraphs are joined by spaces, and a ``|`` in it is escaped; a
    table nested in a cell keeps only its text.
    """
    rows = [
        [" ".join(cell.text.split()).replace("|", "\\|") for cell in row.cells]
        for row in table.rows
    ]
    width = max((len(r) for r in rows), default=0)
    if not width:
        return []
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(r) + " |" for r in rows]
    lines.insert(1, "|" + " --- |" * width)
    return lines


def _decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows' ANSI code page."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def parse_explanation(text: str, *, markdown: bool = False) -> Explanation | None:
    """Split text into title, labelled lines and explanation; None without a title."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    title: str | None = None
    fields: dict[str, str] = {}
    body: list[str] = []
    for line in text.split("\n"):
        match = _LABEL.match(line)
        key = _KEYS.get(" ".join(match.group("key").lower().split())) if match else None
        if (
            match
            and key is None
            and match.group("key").lower().split()[0] in ("izin", "persetujuan")
        ):
            key = "consent"  # "Izin orang tua: ya", "Persetujuan wali: sudah"
        if match and key and (key != "title" or title is None) and key not in fields:
            if key == "title":
                title = _clean_title(match.group("value"), markdown) or None
            else:
                fields[key] = match.group("value")
            continue
        if title is None:
            if line.strip():
                title = _clean_title(line, markdown) or None
            continue
        body.append(line.rstrip())
    if not title:
        return None
    text_body = "\n".join(body).strip("\n")
    if not markdown:
        text_body = plain_paragraphs(text_body)
    tags = tuple(t.strip() for t in re.split(r"[,;]", fields.get("tags", "")) if t.strip())
    return Explanation(
        title=title,
        body=text_body,
        category=fields.get("category") or None,
        date=fields.get("date") or None,
        tags=tags,
        consent=is_yes(fields.get("consent", "")),
    )


def plain_paragraphs(text: str) -> str:
    """Plain text (Word, Notepad) as Markdown paragraphs: every line break a school typed stays.

    In Word each paragraph is one line, and in Notepad a teacher presses Enter
    where a paragraph ends; Markdown would join lines that are not separated by
    a blank line into one paragraph, so every non-empty line becomes its own.
    The rows of a table (lines between ``|``) stay together as one block.
    """
    blocks: list[str] = []
    row = False
    for line in (line.strip() for line in text.split("\n")):
        if not line:
            row = False
            continue
        is_row = len(line) > 1 and line.startswith("|") and line.endswith("|")
        if is_row and row:
            blocks[-1] += "\n" + line
        else:
            blocks.append(line)
        row = is_row
    return "\n\n".join(blocks)


def _clean_title(line: str, markdown: bool) -> str:
    line = line.strip()
    if markdown:
        line = line.lstrip("#").strip()
    return " ".join(line.strip("*_\"'“”").split())


def default_category(policy: Policy) -> str:
    """The category used when a school writes none: the most general one configured."""
    slugs = policy.category_slugs
    return "kegiatan-sekolah" if "kegiatan-sekolah" in slugs else (slugs[0] if slugs else "")

"""Reading a school's explanation file from the shared folder: ``.txt``, ``.md`` or ``.docx``.

Teachers write in Word or Notepad, not in YAML. The first line that is not a
labelled line is the title; ``Kategori:``, ``Tanggal:``, ``Tag:`` and ``Izin:``
lines may stand anywhere, in any capitalisation and with stray spaces; the rest
is the explanation. Values are normalised where that is safe (dates written the
Indonesian way, category labels instead of slugs); anything not understood is
passed on as written so the content schema reports it like any other entry.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..files import read_regular
from ..paths import slugify
from ..policy import Policy
from ..problems import Problem, problem
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
    "judul": "title", "title": "title",
    "kategori": "category", "category": "category",
    "tanggal": "date", "tgl": "date", "date": "date", "tanggal kegiatan": "date",
    "tag": "tags", "tags": "tags", "kata kunci": "tags",
    "izin": "consent", "consent": "consent", "persetujuan": "consent",
}  # fmt: skip
_YES = frozenset({"ya", "iya", "yes", "true", "sudah", "setuju", "ada", "y"})
MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "pebruari": 2,
    "february": 2, "maret": 3, "mar": 3, "march": 3, "april": 4, "apr": 4, "mei": 5,
    "may": 5, "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7,
    "agustus": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "august": 8, "september": 9,
    "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12, "dec": 12,
    "december": 12,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the explanation file says, as written (normalised where safe)."""

    title: str
    body: str
    category: str | None = None
    date: str | None = None
    tags: tuple[str, ...] = ()
    consent: bool = False


def read_explanation(path: Path, shown: str) -> tuple[Explanation | None, Problem | None]:
    """Read and parse one explanation file; a problem names what is wrong with it."""
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        limit = MAX_DOCX_BYTES if suffix == ".docx" else MAX_TEXT_BYTES
        if size > limit:
            return None, problem("FILE_TOO_LARGE", shown, size_kb=size // 1024,
                                 max_kb=limit // 1024)  # fmt: skip
        text = _docx_text(path) if suffix == ".docx" else _decode(read_regular(path))
    except OSError as exc:
        return None, problem("DROP_TEXT_UNREADABLE", shown, reason=exc.strerror or "OSError")
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        return None, problem("DROP_TEXT_UNREADABLE", shown, reason=_docx_reason(exc))
    explanation = parse_explanation(text, markdown=suffix == ".md")
    if explanation is None:
        return None, problem("DROP_TITLE_MISSING", shown)
    return explanation, None


def _docx_reason(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        return "bukan berkas Word .docx yang utuh"
    return str(exc)[:160] or type(exc).__name__


def _docx_text(path: Path) -> str:
    """The paragraphs of a Word document, one per line.

    Raises:
        ValueError: Not a whole Word file, or a zip bomb (see :mod:`etalase.zipguard`).
    """
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError

    refusal = check_zip(path, max_total=MAX_DOCX_UNPACKED, max_ratio=MAX_DOCX_RATIO)
    if refusal is not None:
        raise ValueError(refusal)

    try:
        document = Document(str(path))
    except PackageNotFoundError as exc:
        raise ValueError("bukan berkas Word .docx yang utuh") from exc
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


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
        if match and key is None and match.group("key").lower().split()[0] in ("izin", "persetujuan"):
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
    tags = tuple(t.strip() for t in re.split(r"[,;]", fields.get("tags", "")) if t.strip())
    return Explanation(
        title=title,
        body="\n".join(body).strip("\n"),
        category=fields.get("category") or None,
        date=fields.get("date") or None,
        tags=tags,
        consent=fields.get("consent", "").strip().lower().rstrip(".!") in _YES,
    )


def _clean_title(line: str, markdown: bool) -> str:
    line = line.strip()
    if markdown:
        line = line.lstrip("#").strip()
    return " ".join(line.strip("*_\"'“”").split())


def normalise_date(text: str) -> str:
    """ISO date from ``2026-08-14``, ``14-08-2026``, ``14/8/2026`` or ``14 Agustus 2026``.

    Text that is not understood is returned unchanged, for the schema to report.
    """
    value = " ".join(text.split()).strip(".")
    parts: tuple[int, int, int] | None = None
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value):
        parts = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value):
        parts = int(m[3]), int(m[2]), int(m[1])
    elif m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", value):
        month = MONTHS.get(m[2].lower())
        parts = (int(m[3]), month, int(m[1])) if month else None
    if parts is None:
        return text.strip()
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return text.strip()


def match_category(text: str, policy: Policy) -> str:
    """The category slug for a slug or label written loosely; unchanged when unknown."""
    wanted = slugify(text)
    for slug, label in policy.categories:
        if wanted in (slug, slugify(label)):
            return slug
    # "Kreativitas" or "inovasi" name one category as clearly as the whole label does.
    starting = {slug for slug, label in policy.categories
                if wanted and (slug.startswith(wanted) or slugify(label).startswith(wanted))}  # fmt: skip
    return starting.pop() if len(starting) == 1 else text.strip()


def default_category(policy: Policy) -> str:
    """The category used when a school writes none: the most general one configured."""
    slugs = policy.category_slugs
    return "kegiatan-sekolah" if "kegiatan-sekolah" in slugs else (slugs[0] if slugs else "")

"""Reading an office's spreadsheet (CSV or ``.xlsx``) into plain rows, never trusting it.

A file is judged by its first bytes, not its name: a zip archive is read as an
``.xlsx`` workbook (after its directory passed :func:`zip_refusal`), an old
binary ``.xls`` or any other binary file is refused with a plain reason, and
text is read as CSV in UTF-8 (with or without a BOM) or, failing that, the
Windows code page Excel uses, with the separator guessed (``;`` from Excel in
an Indonesian locale, ``,``, tab). Every failure is a
:class:`~etalase.problems.Problem`, never an exception.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..problems import Problem, problem
from ..reasons import os_reason
from ..zipguard import check_zip
from .roster import HEADER_ROWS, Row, csv_rows, find_header

#: Larger files are not read (a province's export is a few megabytes).
MAX_BYTES = 100 * 1024 * 1024
#: Rows read from one table at most (all of Indonesia has about 440,000 schools).
MAX_ROWS = 500_000
#: An ``.xlsx`` whose parts would unpack to more than this is refused unopened.
MAX_UNPACKED = 400 * 1024 * 1024
#: A part that unpacks to more than this many times its packed size is refused unopened.
MAX_RATIO = 200
MAX_MEMBERS = 10_000


@dataclass(frozen=True, slots=True)
class Sheet:
    """One table of a file: its sheet name (empty for CSV) and rows."""

    name: str
    rows: tuple[Row, ...]


def zip_refusal(path: Path) -> str | None:
    """Why a zip archive must not be unpacked (None when it may): judged from its directory only.

    The one zip guard of Etalase (:func:`etalase.zipguard.check_zip`, which the
    Word reader of ``ingest`` uses too) with the roster's limits.
    """
    try:
        return check_zip(path, max_total=MAX_UNPACKED, max_ratio=MAX_RATIO)
    except OSError as exc:
        return f"arsip zip tidak bisa dibuka ({exc.strerror or type(exc).__name__})"


def read_sheets(path: Path, shown: str) -> tuple[tuple[Sheet, ...], Problem | None]:
    """The tables of a CSV or ``.xlsx`` file, or the reason it cannot be read."""
    try:
        if not path.is_file():
            return (), problem("ROSTER_UNREADABLE", shown, reason="bukan berkas biasa")
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        return (), problem("ROSTER_UNREADABLE", shown, **os_reason(exc))
    if size > MAX_BYTES:
        return (), problem(
            "ROSTER_TOO_LARGE", shown, size_mb=size // 2**20, max_mb=MAX_BYTES // 2**20
        )
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(path, shown)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return (), problem("ROSTER_OLD_EXCEL", shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return (), problem("ROSTER_UNREADABLE", shown, **os_reason(exc))
    if not data.strip():
        return (), problem("ROSTER_EMPTY", shown)
    text = _decode(data)
    if text is None:
        return (), problem("ROSTER_NOT_SPREADSHEET", shown)
    rows = csv_rows(text)
    if len(rows) > MAX_ROWS:
        return (), problem("ROSTER_TOO_LARGE_ROWS", shown, rows=len(rows), max_rows=MAX_ROWS)
    return (Sheet("", tuple(rows)),), None


def _decode(data: bytes) -> str | None:
    """Text of a CSV file, or None when the bytes are not text at all."""
    sample = data[:8192]
    if b"\x00" in sample:
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > len(text[:8192]) // 100 or text[:8192].count("\ufffd") > 20:
        return None
    return text


def _read_xlsx(path: Path, shown: str) -> tuple[tuple[Sheet, ...], Problem | None]:
    refusal = zip_refusal(path)
    if refusal is not None:
        return (), problem("ROSTER_ZIP_REFUSED", shown, reason=refusal)
    from openpyxl import load_workbook

    sheets: list[Sheet] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it cannot read
            book = load_workbook(path, read_only=True, data_only=True)
            try:
                for sheet in book.worksheets:
                    rows: list[Row] = []
                    for number, values in enumerate(_values(sheet), start=1):
                        if number > MAX_ROWS:
                            return (), problem(
                                "ROSTER_TOO_LARGE_ROWS", shown, rows=number, max_rows=MAX_ROWS
                            )
                        rows.append((number, values))
                        if number == HEADER_ROWS and find_header(rows) is None:
                            break  # no header at the top of this sheet: not the roster
                    sheets.append(Sheet(str(sheet.title), tuple(rows)))
            finally:
                book.close()
    except Exception as exc:  # openpyxl raises many kinds of exception on a damaged file
        return (), problem("ROSTER_NOT_SPREADSHEET_XLSX", shown, reason=type(exc).__name__)
    return tuple(sheets), None


def _values(sheet: object) -> Iterator[list[str]]:
    for values in sheet.iter_rows(values_only=True):  # type: ignore[attr-defined]
        yield [_cell(v) for v in values]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)

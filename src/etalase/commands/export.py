"""``etalase export --format csv|json|xlsx``: the office's inventory as a spreadsheet.

One row per valid entry (any status), a schools sheet with entry counts,
schools without any entry included, the schools without a published entry
("belum berkontribusi": every such school on the roster, with its address, so
the office can phone them) and the coverage per kecamatan and jenjang.
Durations come from ffprobe through the loader. CSV is UTF-8 with a BOM and
CRLF rows so spreadsheet programs open Indonesian text correctly; the other
tables go to siblings ``-sekolah.csv``, ``-belum-berkontribusi.csv`` and
``-cakupan.csv``.
Every file is written atomically. What a school wrote is never a formula: in
xlsx every text is a string cell, and a CSV cell that a spreadsheet would read
as a formula (``= + - @``, tab, carriage return first) gets a leading ``'``.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from ..content.model import Catalogue
from ..errors import ConfigError
from ..files import atomic_target
from ..folders import check_place
from ..inventory import coverage, school_counts
from ..messages import text
from ..policy import Policy
from ..problems import Lang
from ..project import Project
from ..reasons import os_said
from ..stats.totals import Totals, read_totals, totals_path

ENTRY_COLUMNS = (
    "Sekolah",
    "NPSN",
    "Jenjang",
    "Kecamatan",
    "Kategori",
    "Judul",
    "Tanggal",
    "Durasi (detik)",
    "Status",
    "Unggulan",
    "URL",
    "Dilihat",
    "Diputar",
)
SCHOOL_COLUMNS = (
    "Sekolah",
    "NPSN",
    "Jenjang",
    "Kecamatan",
    "Entri",
    "Tayang",
    "Menunggu pemeriksaan",
    "URL",
)
ENTRY_KEYS = (
    "school",
    "npsn",
    "level",
    "district",
    "category",
    "title",
    "date",
    "duration",
    "status",
    "featured",
    "url",
    "views",
    "plays",
)
SCHOOL_KEYS = ("school", "npsn", "level", "district", "entries", "published", "waiting", "url")
#: The schools to phone: every known school (the roster's, when there is one) without a
#: published entry.
WITHOUT_COLUMNS = (
    "NPSN",
    "Sekolah",
    "Jenjang",
    "Status",
    "Kecamatan",
    "Desa/Kelurahan",
    "Alamat",
    "Menunggu pemeriksaan",
)
WITHOUT_KEYS = ("npsn", "school", "level", "status", "district", "village", "address", "waiting")
COVERAGE_COLUMNS = ("Menurut", "Nama", "Sekolah", "Berkontribusi", "Entri tayang")
COVERAGE_KEYS = ("by", "name", "schools", "contributing", "published")


@dataclass(frozen=True, slots=True)
class Inventory:
    """The tables, as plain values keyed like the JSON export."""

    entries: tuple[dict[str, Any], ...]
    schools: tuple[dict[str, Any], ...]
    not_contributing: tuple[dict[str, Any], ...] = ()
    coverage: tuple[dict[str, Any], ...] = ()


def build_inventory(
    catalogue: Catalogue, policy: Policy, site_url: str, reach: Totals | None = None
) -> Inventory:
    """Turn a catalogue into the inventory tables.

    Args:
        catalogue: Valid schools and entries (probed, so durations are known).
        policy: For category labels.
        site_url: ``site_url`` from ``mkdocs.yml``; URLs are relative without it.
        reach: Views and plays imported from the office's logs (``etalase stats import``);
            without them every entry has 0.
    """
    reach = reach or Totals()
    base = site_url.rstrip("/") + "/" if site_url else ""
    entries = []
    for e in sorted(catalogue.entries, key=lambda e: (e.school_slug, e.date, e.slug)):
        school = catalogue.school(e.school_slug)
        assert school is not None
        entries.append(
            {
                "school": school.name,
                "npsn": school.npsn,
                "level": school.level,
                "district": school.district,
                "category": policy.category_label(e.category),
                "title": e.title,
                "date": e.date.isoformat(),
                "duration": round(e.video_info.duration, 1) if e.video_info else None,
                "status": e.status,
                "featured": e.featured,
                "url": base + e.url,
                "views": reach.entry_views(e.key),
                "plays": reach.entry_plays(e.key),
            }
        )
    schools = [
        {
            "school": c.school.name,
            "npsn": c.school.npsn,
            "level": c.school.level,
            "district": c.school.district,
            "entries": c.entries,
            "published": c.published,
            "waiting": c.waiting,
            "url": base + c.school.url,
        }
        for c in school_counts(catalogue)
    ]
    cov = coverage(catalogue, policy)
    waiting = {c.school.npsn: c.waiting for c in school_counts(catalogue)}
    without = [
        {
            "npsn": s.npsn,
            "school": s.name,
            "level": s.level,
            "status": s.status,
            "district": s.district,
            "village": s.village,
            "address": s.address,
            "waiting": waiting.get(s.npsn, 0),
        }
        for s in cov.schools_without_entries
    ]
    table = [
        {
            "by": by,
            "name": r.label,
            "schools": r.schools,
            "contributing": r.contributing,
            "published": r.entries,
        }
        for by, rows in (("Kecamatan", cov.by_district), ("Jenjang", cov.by_level))
        for r in rows
    ]
    return Inventory(tuple(entries), tuple(schools), tuple(without), tuple(table))


def csv_text(rows: Sequence[dict[str, Any]], keys: Sequence[str], header: Sequence[str]) -> str:
    """A CSV table (CRLF rows, minimal quoting), booleans as ``ya``/``tidak``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell_text(row[k]) for k in keys])
    return buffer.getvalue()


#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell_text(value: object) -> str:
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if value is None:
        return ""
    text = str(value)
    # A title like '=HYPERLINK(...)' is a school's text, never a live formula.
    return f"'{text}" if isinstance(value, str) and text.startswith(FORMULA_STARTS) else text


def write_xlsx(inventory: Inventory, path: Path) -> None:
    """Sheets ``Entri``, ``Sekolah``, ``Belum berkontribusi`` (the schools to phone, with their
    address) and ``Cakupan`` (per kecamatan and jenjang)."""
    write_workbook(
        path,
        [
            ("Entri", inventory.entries, ENTRY_KEYS, ENTRY_COLUMNS),
            ("Sekolah", inventory.schools, SCHOOL_KEYS, SCHOOL_COLUMNS),
            ("Belum berkontribusi", inventory.not_contributing, WITHOUT_KEYS, WITHOUT_COLUMNS),
            ("Cakupan", inventory.coverage, COVERAGE_KEYS, COVERAGE_COLUMNS),
        ],
    )


Sheet = tuple[str, Sequence[dict[str, Any]], Sequence[str], Sequence[str]]


def write_workbook(path: Path, sheets: Sequence[Sheet]) -> None:
    """One sheet per (title, rows, keys, header), each with a frozen, filterable header row."""
    import datetime as dt

    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for i, (title, rows, keys, header) in enumerate(sheets):
        sheet = book.active if i == 0 else book.create_sheet()
        sheet.title = title
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            values: list[object] = []
            for k in keys:
                value = row[k]
                if k == "date":
                    value = dt.date.fromisoformat(value)
                elif isinstance(value, bool):
                    value = "ya" if value else "tidak"
                values.append(value)
            sheet.append(values)
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # openpyxl makes '=...' a formula otherwise
        if "date" in keys:
            column = sheet.cell(row=1, column=list(keys).index("date") + 1).column_letter
            for cell in sheet[column][1:]:
                cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
        for j, name in enumerate(header, start=1):
            longest = max([len(name)] + [len(str(r[keys[j - 1]])) for r in rows])
            sheet.column_dimensions[sheet.cell(row=1, column=j).column_letter].width = min(
                60, longest + 2
            )
    _write_atomic(path, lambda temp: book.save(temp))


def _write_atomic(path: Path, write: Callable[[str], None]) -> None:
    """Write ``path`` whole or not at all; a path that cannot be written is exit 2."""
    try:
        with atomic_target(path) as temp:
            write(str(temp))
    except OSError as exc:
        raise ConfigError("export.unwritable", path=path, reason=os_said(exc)) from exc


def _write_text(path: Path, content: str, *, bom: bool) -> None:
    data = ("\ufeff" if bom else "") + content

    def write(temp: str) -> None:
        Path(temp).write_bytes(data.encode("utf-8"))

    _write_atomic(path, write)


def run_export(
    project: Project,
    *,
    fmt: str = "csv",
    output: Path | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Write the inventory. ``output`` ``-`` prints (CSV: the entries table) instead."""
    out = out or sys.stdout
    result = project.load()
    reach = read_totals(totals_path(project.root))
    inventory = build_inventory(result.catalogue, project.policy, project.site_url, reach)
    to_screen = output is not None and str(output) == "-"
    path = output or Path(f"inventaris.{fmt}")
    if fmt == "json":
        document = {
            "version": 1,
            "entries": list(inventory.entries),
            "schools": list(inventory.schools),
            "not_contributing": list(inventory.not_contributing),
            "coverage": list(inventory.coverage),
        }
        body = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        if to_screen:
            out.write(body)
            return 0
        check_place(project, path)
        _write_text(path, body, bom=False)
        written = [path]
    elif fmt == "csv":
        entries = csv_text(inventory.entries, ENTRY_KEYS, ENTRY_COLUMNS)
        if to_screen:
            out.write(entries)
            return 0
        suffix = path.suffix or ".csv"
        schools_path = path.with_name(f"{path.stem}-sekolah{suffix}")
        without_path = path.with_name(f"{path.stem}-belum-berkontribusi{suffix}")
        coverage_path = path.with_name(f"{path.stem}-cakupan{suffix}")
        for each in (path, schools_path, without_path, coverage_path):
            check_place(project, each)
        _write_text(path, entries, bom=True)
        _write_text(
            schools_path, csv_text(inventory.schools, SCHOOL_KEYS, SCHOOL_COLUMNS), bom=True
        )
        _write_text(
            without_path,
            csv_text(inventory.not_contributing, WITHOUT_KEYS, WITHOUT_COLUMNS),
            bom=True,
        )
        _write_text(
            coverage_path, csv_text(inventory.coverage, COVERAGE_KEYS, COVERAGE_COLUMNS), bom=True
        )
        written = [path, schools_path, without_path, coverage_path]
    else:
        if to_screen:
            path = Path("inventaris.xlsx")
        check_place(project, path)
        write_xlsx(inventory, path)
        written = [path]
    for item in written:
        out.write(text("export.wrote", lang, path=item) + "\n")
    out.write(
        text("export.summary", lang, entries=len(inventory.entries), schools=len(inventory.schools))
        + "\n"
    )
    skipped = result.entries_seen - len(result.catalogue.entries)
    if skipped:
        out.write(text("export.skipped", lang, n=skipped) + "\n")
    return 0

"""The regency's school roster: every school the office knows, from ``content/sekolah.csv``.

The roster is the office's list of schools (the Dapodik export: NPSN, name,
bentuk pendidikan, status, kecamatan, desa, address), one :class:`RosterSchool`
per row. The same tolerant reader serves the roster file itself and an office
export being imported (:func:`parse_table`): columns are matched by header,
case- and space-insensitively, under the usual Dapodik names; a kecamatan may
carry a "Kec." prefix; an NPSN a spreadsheet turned into a number
(``20318001.0``, ``2.0318001E7``, leading zeros lost) is read back when no digit
was lost. Every row it cannot use is a :class:`~etalase.problems.Problem` with
its row number. Nothing here imports MkDocs.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Literal, cast

from ..files import atomic_target
from ..policy import Policy
from ..problems import Problem, problem
from ..reasons import os_reason
from .layout import INDEX, SCHOOLS_DIR
from .reader import read_markdown

SchoolStatus = Literal["negeri", "swasta", ""]

#: Field -> the header names it is known by (folded: lower case, letters and digits only).
COLUMNS: Mapping[str, tuple[str, ...]] = {
    "npsn": ("npsn",),
    "name": (
        "nama",
        "namasekolah",
        "namasatuanpendidikan",
        "satuanpendidikan",
        "sekolah",
        "namasp",
        "namalembaga",
    ),
    "level": ("jenjang", "bentukpendidikan", "bentuk", "jenjangpendidikan", "bp"),
    "status": ("status", "statussekolah", "statussatuanpendidikan"),
    "district": ("kecamatan", "kec", "namakecamatan"),
    "village": ("desa", "kelurahan", "desakelurahan", "kelurahandesa", "namadesa"),
    "address": ("alamat", "alamatjalan", "alamatsekolah", "jalan"),
}
#: The roster file's own header, in this order (every name is one of :data:`COLUMNS`).
HEADER = ("npsn", "nama", "jenjang", "status", "kecamatan", "desa", "alamat")
FIELDS = ("npsn", "name", "level", "status", "district", "village", "address")
#: Dapodik forms of special education, shown as the policy's ``SLB`` when it has one.
LEVEL_ALIASES = {"sdlb": "SLB", "smplb": "SLB", "smalb": "SLB", "tklb": "SLB"}
#: Forms of education (bentuk pendidikan) Dapodik lists. A row of one the policy's
#: ``levels`` leave out is outside the office's programme: counted per level, not a problem.
DAPODIK_LEVELS = (
    "PAUD",
    "TK",
    "KB",
    "TPA",
    "SPS",
    "RA",
    "SD",
    "MI",
    "SMP",
    "MTs",
    "SMA",
    "MA",
    "SMK",
    "MAK",
    "SLB",
    "SDLB",
    "SMPLB",
    "SMALB",
    "TKLB",
    "PKBM",
    "SKB",
    "LKP",
    "Kursus",
    "Pondok Pesantren",
)
#: Rows looked at for the header (an export may start with a title and merged header rows).
HEADER_ROWS = 30
LIMITS = {"name": 150, "village": 100, "address": 300}

_NPSN = re.compile(r"^[0-9]{8}$")
_DECIMAL = re.compile(r"^[0-9]{1,8}(?:\.0+)?$")
_SCIENTIFIC = re.compile(r"^([0-9])(?:\.([0-9]+))?[eE]\+?([0-9]{1,2})$")
_DISTRICT_PREFIX = re.compile(r"^\s*kec(?:amatan)?(?:\.\s*|\s+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RosterSchool:
    """One school on the roster.

    Attributes:
        npsn: Its NPSN (8 digits).
        name: Its name as the office registers it.
        level: A level of the policy (``SD``, ``SMP`` ...).
        status: ``negeri``, ``swasta``, or empty when the export does not say.
        district: A kecamatan of the policy.
        village: Its desa or kelurahan (may be empty).
        address: Its street address (may be empty).
    """

    npsn: str
    name: str
    level: str
    status: SchoolStatus
    district: str
    village: str = ""
    address: str = ""

    def row(self) -> tuple[str, ...]:
        """The school as a row of the roster file (:data:`HEADER` order)."""
        return (
            self.npsn,
            self.name,
            self.level,
            self.status,
            self.district,
            self.village,
            self.address,
        )


@dataclass(frozen=True, slots=True)
class Roster:
    """Every school of the regency, by NPSN.

    Attributes:
        source: The roster file.
        schools: Its schools, in file order.
    """

    source: Path
    schools: tuple[RosterSchool, ...]
    _by_npsn: dict[str, RosterSchool] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_npsn.update((s.npsn, s) for s in self.schools)

    def __len__(self) -> int:
        return len(self.schools)

    def get(self, npsn: str) -> RosterSchool | None:
        """The school with this NPSN, or None."""
        return self._by_npsn.get(npsn)

    def closest(self, *, name: str = "", npsn: str = "", n: int = 3) -> tuple[RosterSchool, ...]:
        """The schools whose name or NPSN is nearest to the ones given, best first."""
        found: list[RosterSchool] = []
        if npsn:
            for near in difflib.get_close_matches(npsn, list(self._by_npsn), n=n, cutoff=0.75):
                found.append(self._by_npsn[near])
        if name:
            by_name: dict[str, list[RosterSchool]] = {}
            for school in self.schools:
                by_name.setdefault(fold_name(school.name), []).append(school)
            for near in difflib.get_close_matches(fold_name(name), list(by_name), n=n, cutoff=0.6):
                found += by_name[near]
        unique = {s.npsn: s for s in found}
        return tuple(unique.values())[:n]


def fold_name(name: str) -> str:
    """A school name compared loosely: case, spacing and punctuation ignored."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", name.casefold()).split())


def hint(schools: Sequence[RosterSchool]) -> str:
    """Schools named for a person: ``20312345 SD Negeri 1 Blora (Blora); ...``."""
    return "; ".join(f"{s.npsn} {s.name} ({s.district})" for s in schools) or "-"


def _fold_header(cell: str) -> str:
    return re.sub(r"[^0-9a-z]", "", cell.casefold())


_FIELD_OF = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}

#: One row of a table: its row number as a spreadsheet shows it, and its cells as text.
Row = tuple[int, Sequence[str]]


@dataclass(frozen=True, slots=True)
class Table:
    """What :func:`parse_table` made of a table.

    Attributes:
        schools: The usable rows, in table order (the first of a repeated NPSN).
        problems: One per row that could not be used, or one for the whole
            table when it has no header with at least NPSN and name.
        refused_npsns: NPSNs of refused rows that were themselves readable.
        header_row: The row number of the header (0 when none was found).
        columns: The fields found, by column index.
        padded: NPSNs read back from a number that had lost its leading zeros.
        outside: Rows skipped because their level is one Dapodik knows but the
            policy's ``levels`` leave out, counted by level (``{"PAUD": 312}``).
    """

    schools: tuple[RosterSchool, ...]
    problems: tuple[Problem, ...]
    refused_npsns: frozenset[str] = frozenset()
    header_row: int = 0
    columns: Mapping[str, int] = field(default_factory=dict)
    padded: int = 0
    outside: Mapping[str, int] = field(default_factory=dict)


def find_header(rows: Sequence[Row]) -> tuple[int, dict[str, int], int] | None:
    """The header among the first rows: (index in ``rows``, field -> column, rows it spans).

    A header needs at least the NPSN and name columns. A cell left empty by a
    merged header is filled from the row below (a second header row).
    """
    for i, (_, cells) in enumerate(rows[:HEADER_ROWS]):
        columns = _columns(cells)
        if "npsn" not in columns and "name" not in columns:
            continue
        span = 1
        if i + 1 < len(rows):
            below = _columns(rows[i + 1][1])
            taken = set(columns.values())
            extra = {k: c for k, c in below.items() if k not in columns and c not in taken}
            if extra:
                columns.update(extra)
                span = 2
        if "npsn" in columns and "name" in columns:
            return i, columns, span
    return None


def _columns(cells: Sequence[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = _FIELD_OF.get(_fold_header(cell))
        if name is not None and name not in found:
            found[name] = index
    return found


def parse_table(rows: Sequence[Row], policy: Policy, shown: str) -> Table:
    """Read roster rows with the policy's levels and kecamatan.

    Args:
        rows: The table, header included (blank rows are skipped).
        policy: Levels and kecamatan the office accepts (any kecamatan when
            the policy lists none).
        shown: The file as the person sees it, for the problems.
    """
    header = find_header(rows)
    if header is None:
        seen = next((cells for _, cells in rows if any(c.strip() for c in cells)), ())
        names = ", ".join(c.strip() for c in seen if c.strip())[:200] or "-"
        return Table((), (problem("ROSTER_NO_HEADER", shown, columns=names),))
    start, columns, span = header
    reader = _RowReader(policy, shown, columns)
    for number, cells in rows[start + span :]:
        reader.read(number, cells)
    return Table(
        tuple(reader.schools.values()),
        tuple(reader.problems),
        frozenset(reader.refused),
        rows[start][0],
        columns,
        reader.padded,
        dict(reader.outside),
    )


class _RowReader:
    def __init__(self, policy: Policy, shown: str, columns: Mapping[str, int]) -> None:
        self.shown = shown
        self.columns = columns
        self.levels = {lv.casefold(): lv for lv in policy.levels}
        for alias, level in LEVEL_ALIASES.items():
            if level.casefold() in self.levels:
                self.levels.setdefault(alias, self.levels[level.casefold()])
        self.level_list = ", ".join(policy.levels)
        self.districts = {d.casefold(): d for d in policy.districts}
        self.district_list = ", ".join(policy.districts)
        self.schools: dict[str, RosterSchool] = {}
        self.rows: dict[str, int] = {}
        self.problems: list[Problem] = []
        self.refused: set[str] = set()
        self.padded = 0
        self.outside: Counter[str] = Counter()
        self.other_levels = {lv.casefold(): lv for lv in DAPODIK_LEVELS}
        # The roster file as Etalase writes it: most rows need no normalising at all.
        self.canonical = dict(columns) == {f: i for i, f in enumerate(FIELDS)}
        self.exact_levels = frozenset(policy.levels)
        self.exact_districts = frozenset(policy.districts)

    def read_clean(self, row: int, cells: Sequence[str]) -> bool:
        """Take a row already in the roster file's own form; False when it needs the full read.

        Gives the same school as :meth:`read` would (a 20,000-row roster is read on
        every build, and the full read of each cell costs a few per cent of it).
        """
        npsn, name, level, status, district, village, address = cells
        if not (
            _NPSN.match(npsn)
            and level in self.exact_levels
            and status in ("negeri", "swasta", "")
            and district in self.exact_districts
            and 0 < len(name) <= LIMITS["name"]
            and len(village) <= LIMITS["village"]
            and len(address) <= LIMITS["address"]
            and npsn not in self.rows
            and _clean(name)
            and _clean(village)
            and _clean(address)
            and _clean(district)
        ):
            return False
        self.rows[npsn] = row
        self.schools[npsn] = RosterSchool(
            npsn, name, level, cast(SchoolStatus, status), district, village, address
        )
        return True

    def cell(self, cells: Sequence[str], name: str) -> str:
        index = self.columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return " ".join(str(cells[index]).split())

    def refuse(self, code: str, row: int, known: str | None, **params: object) -> None:
        """Report an unusable row; ``known`` is its NPSN when that was readable."""
        self.problems.append(problem(code, self.shown, row=row, **params))
        if known:
            self.refused.add(known)

    def read(self, row: int, cells: Sequence[str]) -> None:
        if self.canonical and len(cells) == len(HEADER) and self.read_clean(row, cells):
            return
        if not any(str(c).strip() for c in cells):
            return
        raw = self.cell(cells, "npsn")
        npsn, padded = normalise_npsn(raw)
        name = self.cell(cells, "name")
        if npsn is None:
            self.refuse("ROSTER_NPSN_INVALID", row, None, value=raw[:40] or "-")
            return
        if not name:
            self.refuse("ROSTER_NAME_MISSING", row, npsn, npsn=npsn)
            return
        if len(name) > LIMITS["name"]:
            self.refuse("ROSTER_TEXT_TOO_LONG", row, npsn, field="nama", limit=LIMITS["name"])
            return
        level_text = self.cell(cells, "level")
        level = self.levels.get(level_text.casefold())
        if level is None and level_text.casefold() in self.other_levels:
            # PAUD, MI, MTs ... in a regency's SD/SMP programme: counted, not one problem each;
            # a school already on the roster keeps its previous row (as for a refused row).
            self.outside[self.other_levels[level_text.casefold()]] += 1
            self.refused.add(npsn)
            return
        if level is None:
            self.refuse(
                "ROSTER_LEVEL_UNKNOWN", row, npsn, value=level_text or "-", allowed=self.level_list
            )
            return
        district_text = _DISTRICT_PREFIX.sub("", self.cell(cells, "district")).strip()
        district = (
            self.districts.get(district_text.casefold())
            if self.districts
            else (district_text or None)
        )
        if district is None:
            self.refuse(
                "ROSTER_DISTRICT_UNKNOWN",
                row,
                npsn,
                value=self.cell(cells, "district") or "-",
                allowed=self.district_list,
            )
            return
        first = self.rows.get(npsn)
        if first is not None:
            self.refuse("ROSTER_NPSN_DUPLICATE", row, None, value=npsn, first=first)
            return
        village, address = self.cell(cells, "village"), self.cell(cells, "address")
        self.padded += padded
        self.rows[npsn] = row
        self.schools[npsn] = RosterSchool(
            npsn=npsn,
            name=name,
            level=level,
            status=_status(self.cell(cells, "status")),
            district=district,
            village=village[: LIMITS["village"]],
            address=address[: LIMITS["address"]],
        )


def _clean(text: str) -> bool:
    """Whether ``text`` is already as :meth:`_RowReader.cell` would make it."""
    return not text or (
        text[0] != " " and text[-1] != " " and "  " not in text and text.isprintable()
    )


def normalise_npsn(raw: str) -> tuple[str | None, bool]:
    """The NPSN in a cell, and whether leading zeros had to be put back.

    ``"20318001"``, ``"'20318001"``, ``"20318001.0"`` and ``"2.0318001E7"``
    all read as ``20318001``; a number of 5 to 7 digits had its leading zeros
    dropped by a spreadsheet and gets them back. A number in scientific
    notation with fewer than 8 digits shown was rounded: it is refused.
    """
    text = raw.strip().lstrip("'").replace(" ", "")
    if _NPSN.match(text):
        return text, False
    text = text.replace(",", ".")
    number: int | None = None
    if _DECIMAL.match(text):
        number = int(text.split(".")[0])
    else:
        match = _SCIENTIFIC.match(text)
        if match is not None:
            digits = match.group(1) + (match.group(2) or "").rstrip("0")
            try:
                value = Decimal(text)
            except InvalidOperation:
                return None, False
            if value == value.to_integral_value() and len(digits) >= 8:
                number = int(value)
    if number is None or not 10_000 <= number < 100_000_000:
        return None, False
    return f"{number:08d}", number < 10_000_000


def _status(text: str) -> SchoolStatus:
    folded = text.casefold()
    if folded in ("negeri", "n"):
        return "negeri"
    if folded in ("swasta", "s"):
        return "swasta"
    return ""


def csv_rows(text: str, delimiter: str | None = None) -> list[Row]:
    """The rows of CSV text (any line ending), numbered from 1 as a spreadsheet does."""
    text = text.removeprefix("\ufeff")
    if delimiter is None:
        delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return [(n, cells) for n, cells in enumerate(reader, start=1)]
    except csv.Error:  # a NUL byte or an unclosed quote at the end: read what came before
        return []


def sniff_delimiter(text: str) -> str:
    """The separator of CSV text: ``;`` (Excel in an Indonesian locale), tab, ``|`` or ``,``."""
    lines = [line for line in text[: 64 * 1024].splitlines() if line.strip()][:HEADER_ROWS]
    counts = {d: sum(line.count(d) for line in lines) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_roster(path: Path, policy: Policy, shown: str) -> tuple[Roster | None, list[Problem]]:
    """The roster file with every row it could not use (None when it cannot be read at all)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, [problem("ROSTER_UNREADABLE", shown, **os_reason(exc))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [problem("ROSTER_UNREADABLE", shown, reason="bukan teks UTF-8")]
    table = parse_table(csv_rows(text), policy, shown)
    if not table.header_row:
        return None, list(table.problems)
    return Roster(path, table.schools), list(table.problems)


def roster_text(schools: Iterable[RosterSchool]) -> str:
    """The roster file's text: UTF-8, LF, one row per school, sorted by NPSN (stable diffs)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for school in sorted(schools, key=lambda s: s.npsn):
        writer.writerow(school.row())
    return buffer.getvalue()


def write_roster(path: Path, schools: Iterable[RosterSchool]) -> None:
    """Write the roster file atomically (a reader sees the old file or the new one)."""
    data = roster_text(schools).encode("utf-8")
    with atomic_target(path, fsync=True) as temp:
        temp.write_bytes(data)


def profiles_by_npsn(content_dir: Path) -> dict[str, Path]:
    """NPSN -> profile of every school folder, valid or not (the first folder by name wins)."""
    found: dict[str, Path] = {}
    for index in sorted((content_dir / SCHOOLS_DIR).glob(f"*/{INDEX}")):
        source, _ = read_markdown(index, index.name)
        value = source.meta.get("npsn") if source is not None else None
        npsn = str(getattr(value, "raw", value)).strip() if value is not None else ""
        if npsn:
            found.setdefault(npsn, index)
    return found

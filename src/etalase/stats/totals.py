"""The totals file: views and plays per entry, school, innovation and month, in git.

``stats/kunjungan.json`` beside ``mkdocs.yml`` holds only counts, never an address or a
user agent: one row per entry (school, innovation) per month, sorted, so that it stays
small, merges in git, and any machine rebuilds the pages from it. It also remembers
what was imported: per log file, the hash of its first line and the length read, so
importing a log again (or its rotated, grown or gzipped copy) counts nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from ..errors import ConfigError
from ..files import atomic_write_text
from ..reasons import os_said

FORMAT = 1
#: Where the totals live, relative to the project (the folder of ``mkdocs.yml``).
TOTALS_FILE = Path("stats") / "kunjungan.json"

#: month ("2026-08") -> {"views": n, "plays": n}
Months = dict[str, dict[str, int]]


class ImportedJSON(TypedDict):
    bytes: int
    lines: int


class TotalsJSON(TypedDict):
    format: int
    entries: dict[str, Months]
    schools: dict[str, Months]
    innovations: dict[str, Months]
    site: Months
    imported: dict[str, ImportedJSON]


@dataclass(slots=True)
class Totals:
    """The counts so far and what was imported (mutable: an import adds to it).

    Attributes:
        entries: Entry key -> month -> ``views`` (its page) and ``plays`` (its clip).
        schools: School slug -> month -> ``views`` of the school's page.
        innovations: Innovation slug -> month -> ``views`` of its page.
        site: Month -> ``views`` of every page of the site.
        imported: A log's fingerprint -> the bytes (uncompressed) and lines read.
    """

    entries: dict[str, Months] = field(default_factory=dict)
    schools: dict[str, Months] = field(default_factory=dict)
    innovations: dict[str, Months] = field(default_factory=dict)
    site: Months = field(default_factory=dict)
    imported: dict[str, ImportedJSON] = field(default_factory=dict)

    def add(self, table: dict[str, Months], key: str, month: str, what: str) -> None:
        row = table.setdefault(key, {}).setdefault(month, {})
        row[what] = row.get(what, 0) + 1

    def entry_views(self, key: str) -> int:
        return _sum(self.entries.get(key), "views")

    def entry_plays(self, key: str) -> int:
        return _sum(self.entries.get(key), "plays")

    def school_views(self, slug: str) -> int:
        return _sum(self.schools.get(slug), "views")

    def innovation_views(self, slug: str) -> int:
        return _sum(self.innovations.get(slug), "views")

    def site_views(self) -> Months:
        """Month -> views and plays of the whole site (plays summed over the clips)."""
        out: Months = {
            m: {"views": row.get("views", 0), "plays": 0} for m, row in self.site.items()
        }
        for months in self.entries.values():
            for month, row in months.items():
                got = out.setdefault(month, {"views": 0, "plays": 0})
                got["plays"] += row.get("plays", 0)
        return dict(sorted(out.items()))

    def as_json(self) -> TotalsJSON:
        return {
            "format": FORMAT,
            "entries": self.entries,
            "schools": self.schools,
            "innovations": self.innovations,
            "site": self.site,
            "imported": self.imported,
        }


def _sum(months: Mapping[str, Mapping[str, int]] | None, what: str) -> int:
    return sum(row.get(what, 0) for row in (months or {}).values())


def totals_path(root: Path) -> Path:
    """The totals file of the project whose folder is ``root``."""
    return root / TOTALS_FILE


def read_totals(path: Path) -> Totals:
    """The totals in ``path`` (empty when there is no file yet).

    Raises:
        ConfigError: The file cannot be read or is not a totals file.
    """
    try:
        data: Any = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return Totals()
    except OSError as exc:
        raise ConfigError("stats.unreadable", path=path, reason=os_said(exc)) from exc
    except ValueError as exc:
        raise ConfigError("stats.damaged", path=path, detail=str(exc)) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT or not _valid(data):
        raise ConfigError("stats.damaged", path=path, detail="format")
    return Totals(
        data.get("entries", {}),
        data.get("schools", {}),
        data.get("innovations", {}),
        data.get("site", {}),
        data.get("imported", {}),
    )


def views_by_entry(root: Path) -> dict[str, int] | None:
    """Each entry's views for the exports (dossier, PKRI, programme); None: never imported.

    Raises:
        ConfigError: The totals file cannot be read or is not a totals file.
    """
    path = totals_path(root)
    if not path.is_file():
        return None
    totals = read_totals(path)
    return {key: totals.entry_views(key) for key in totals.entries}


def _valid(data: dict[str, Any]) -> bool:
    """Every table is name -> month -> {what: count}; ``imported`` holds counts."""

    def months(value: object) -> bool:
        return isinstance(value, dict) and all(
            isinstance(m, str)
            and isinstance(row, dict)
            and all(isinstance(k, str) and type(n) is int and n >= 0 for k, n in row.items())
            for m, row in value.items()
        )

    tables = ("entries", "schools", "innovations")
    if not all(
        isinstance(data.get(t, {}), dict) and all(months(v) for v in data.get(t, {}).values())
        for t in tables
    ):
        return False
    imported = data.get("imported", {})
    return months(data.get("site", {})) and isinstance(imported, dict) and months(imported)


def write_totals(path: Path, totals: Totals) -> None:
    """Write the totals atomically: sorted keys, one row per name per month.

    Raises:
        ConfigError: The file cannot be written.
    """
    try:
        atomic_write_text(path, "\n".join(_lines(totals.as_json(), 0)) + "\n")
    except OSError as exc:
        raise ConfigError("stats.unwritable", path=path, reason=os_said(exc)) from exc


def _lines(value: Mapping[str, Any], depth: int) -> Iterator[str]:
    """A JSON object with sorted keys; an object of numbers stays on one line."""
    if all(not isinstance(v, Mapping) for v in value.values()):
        yield json.dumps(value, sort_keys=True, ensure_ascii=False)
        return
    yield "{"
    pad = " " * (depth + 1)
    keys = sorted(value)
    for i, key in enumerate(keys):
        comma = "," if i < len(keys) - 1 else ""
        item = value[key]
        name = json.dumps(key, ensure_ascii=False)
        if isinstance(item, Mapping):
            inner = list(_lines(item, depth + 1))
            inner[-1] += comma
            yield f"{pad}{name}: {inner[0]}"
            yield from inner[1:]
        else:
            yield f"{pad}{name}: {json.dumps(item)}{comma}"
    yield " " * depth + "}"

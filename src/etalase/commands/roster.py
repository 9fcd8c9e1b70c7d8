"""``etalase roster import FILE.csv|FILE.xlsx``: the office's school list into ``content/sekolah.csv``.

The office exports its schools from Dapodik; this command reads that export
(:mod:`etalase.content.sheets`, :func:`etalase.content.roster.parse_table`),
reports every row it cannot use with the row number, and writes the roster
atomically: a failed import leaves the old roster as it was. A re-import
compares with the roster already there and says what changed (new schools,
renamed, moved to another kecamatan, other data, no longer listed); a row
that cannot be used keeps the school's previous data rather than dropping it.
An export that leaves out schools with published entries (a partial or
filtered export would take them off the site) is refused unless the office
says the removals are meant (``--allow-removals``).
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from ..content.roster import (
    FIELDS,
    RosterSchool,
    Table,
    parse_table,
    profiles_by_npsn,
    read_roster,
    write_roster,
)
from ..content.sheets import Sheet, read_sheets
from ..errors import ConfigError
from ..messages import text
from ..problems import Lang, Problem
from ..project import Project

#: Row problems printed one by one; the rest are counted by code.
SHOWN_PROBLEMS = 50
#: Schools listed per kind of change; the rest are counted.
SHOWN_CHANGES = 30
_FIELD_WORDS = {"level": "jenjang", "status": "status", "village": "desa", "address": "alamat"}


@dataclass(slots=True)
class Changes:
    """What a new roster changes in the old one."""

    added: list[RosterSchool] = field(default_factory=list)
    renamed: list[tuple[RosterSchool, RosterSchool]] = field(default_factory=list)
    moved: list[tuple[RosterSchool, RosterSchool]] = field(default_factory=list)
    updated: list[tuple[RosterSchool, tuple[str, ...]]] = field(default_factory=list)
    closed: list[RosterSchool] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.renamed or self.moved or self.updated or self.closed)


def compare(old: tuple[RosterSchool, ...], new: tuple[RosterSchool, ...]) -> Changes:
    """What changed from ``old`` to ``new``, school by school (by NPSN)."""
    before = {s.npsn: s for s in old}
    after = {s.npsn: s for s in new}
    changes = Changes()
    for school in new:
        was = before.get(school.npsn)
        if was is None:
            changes.added.append(school)
            continue
        if was.name != school.name:
            changes.renamed.append((was, school))
        if was.district != school.district:
            changes.moved.append((was, school))
        other = tuple(
            f
            for f in ("level", "status", "village", "address")
            if getattr(was, f) != getattr(school, f)
        )
        if other:
            changes.updated.append((school, other))
    changes.closed = [s for s in old if s.npsn not in after]
    return changes


def choose_sheet(sheets: tuple[Sheet, ...], project: Project, shown: str) -> tuple[Sheet, Table]:
    """The first sheet with a roster header (or the first sheet, to say what is wrong with it)."""
    tables = []
    for sheet in sheets:
        table = parse_table(sheet.rows, project.policy, shown)
        if table.header_row:
            return sheet, table
        tables.append((sheet, table))
    return tables[0] if tables else (Sheet("", ()), parse_table((), project.policy, shown))


@dataclass(frozen=True, slots=True)
class Dropped:
    """A school the new roster leaves out while it has entries on the site."""

    school: RosterSchool
    published: int
    featured: int


def dropped_with_entries(project: Project, closed: list[RosterSchool]) -> list[Dropped]:
    """The schools among ``closed`` whose published entries the new roster takes offline."""
    if not closed:
        return []
    catalogue = project.load(probe=False, root=project.root).catalogue
    slugs = {s.slug: s.npsn for s in catalogue.schools}
    published: Counter[str] = Counter()
    featured: Counter[str] = Counter()
    for entry in catalogue.published:
        npsn = slugs.get(entry.school_slug)
        if npsn is not None:
            published[npsn] += 1
            featured[npsn] += entry.featured
    return [Dropped(s, published[s.npsn], featured[s.npsn]) for s in closed if published[s.npsn]]


def run_roster_import(
    project: Project,
    source: Path,
    *,
    allow_removals: bool = False,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Import an office export into the roster: 0 all rows used, 1 some or all refused.

    Args:
        project: The project whose roster is written.
        source: The office's export (``.xlsx`` or ``.csv``).
        allow_removals: Write the roster even when it leaves out schools whose
            entries are published (they go offline at the next build).
        lang: The language of what is printed.
        out: Where to print (standard output by default).

    Raises:
        ConfigError: The roster is turned off in ``mkdocs.yml``.
    """
    out = out or sys.stdout
    target = project.roster_file
    if target is None:
        raise ConfigError(text("roster.off", "id"), text("roster.off", "en"))

    def say(key: str, **params: object) -> None:
        out.write(text(f"roster.{key}", lang, **params) + "\n")

    shown_target = project.shown(target)
    shown = str(source)
    sheets, refusal = read_sheets(source, shown)
    if refusal is not None:
        _print_problems([refusal], lang, out)
        say("failed", path=shown_target)
        return 1
    sheet, table = choose_sheet(sheets, project, shown)
    if table.header_row:
        columns = ", ".join(f for f in FIELDS if f in table.columns)
        if sheet.name and len(sheets) > 1:
            say("sheet", sheet=sheet.name, row=table.header_row)
        say("header", row=table.header_row, columns=columns)
    _print_problems(list(table.problems), lang, out)
    if table.outside:
        counts = sorted(table.outside.items(), key=lambda item: (-item[1], item[0]))
        levels = ", ".join(text("roster.outside_level", lang, n=n, level=lv) for lv, n in counts)
        say("outside", levels=levels, allowed=", ".join(project.policy.levels))
    if not table.schools:
        say("nothing", path=shown_target)
        return 1
    old: tuple[RosterSchool, ...] = ()
    if target.exists():
        previous, _ = read_roster(target, project.policy, shown_target)
        old = previous.schools if previous is not None else ()
    schools = list(table.schools)
    listed = {s.npsn for s in schools}
    kept = [s for s in old if s.npsn in table.refused_npsns and s.npsn not in listed]
    schools += kept
    if table.padded:
        say("padded", n=table.padded)
    if kept:
        say("kept_old", n=len(kept))
    changes = compare(old, tuple(schools))
    if old and not changes.any:
        say("unchanged", n=len(schools), path=shown_target)
        return 1 if table.problems else 0
    dropped = dropped_with_entries(project, changes.closed)
    for item in dropped:
        say(
            "dropped_school",
            npsn=item.school.npsn,
            name=item.school.name,
            published=item.published,
            featured=item.featured,
        )
    if dropped and not allow_removals:
        say("dropped_refused", n=len(dropped), path=shown_target)
        return 1
    if dropped:
        say("dropped_allowed", n=len(dropped))
    try:
        write_roster(target, schools)
    except OSError as exc:
        raise ConfigError(
            f"{shown_target} tidak bisa ditulis: {exc.strerror or exc}",
            f"{shown_target} cannot be written: {exc.strerror or exc}",
        ) from exc
    _print_changes(changes, project, lang, out)
    say(
        "written",
        path=shown_target,
        n=len(schools),
        added=len(changes.added),
        renamed=len(changes.renamed),
        moved=len(changes.moved),
        updated=len(changes.updated),
        closed=len(changes.closed),
    )
    return 1 if table.problems else 0


def _print_problems(problems: list[Problem], lang: Lang, out: TextIO) -> None:
    for item in problems[:SHOWN_PROBLEMS]:
        out.write(f"{item.path}: [{item.code}] {item.message(lang)} {item.fix(lang)}\n")
    rest = problems[SHOWN_PROBLEMS:]
    if rest:
        codes = ", ".join(f"{code} {n}" for code, n in Counter(p.code for p in rest).most_common())
        out.write(text("roster.more", lang, n=len(rest), codes=codes) + "\n")


def _print_changes(changes: Changes, project: Project, lang: Lang, out: TextIO) -> None:
    def named(s: RosterSchool) -> str:
        return f"{s.npsn} {s.name} ({s.level}, {s.district})"

    lines: list[list[str]] = [
        [text("roster.added", lang, school=named(s)) for s in changes.added],
        [
            text("roster.renamed", lang, npsn=new.npsn, old=old.name, new=new.name)
            for old, new in changes.renamed
        ],
        [
            text(
                "roster.moved",
                lang,
                npsn=new.npsn,
                name=new.name,
                old=old.district,
                new=new.district,
            )
            for old, new in changes.moved
        ],
        [
            text(
                "roster.updated",
                lang,
                school=named(s),
                fields=", ".join(_FIELD_WORDS[f] for f in fields),
            )
            for s, fields in changes.updated
        ],
        [text("roster.closed", lang, school=named(s)) for s in changes.closed],
    ]
    for group in lines:
        for line in group[:SHOWN_CHANGES]:
            out.write(line + "\n")
        if len(group) > SHOWN_CHANGES:
            out.write(text("roster.list_more", lang, n=len(group) - SHOWN_CHANGES) + "\n")
    if changes.closed:
        profiles = profiles_by_npsn(project.content_dir)
        for school in changes.closed:
            profile = profiles.get(school.npsn)
            if profile is not None:
                out.write(
                    text(
                        "roster.closed_profile",
                        lang,
                        school=named(school),
                        profile=project.shown(profile),
                    )
                    + "\n"
                )

"""Innovation profiles: ``content/inovasi/<slug>/index.md``, checked against the catalogue.

An innovation ties a school's loose clips into one story in the outline of the
public-service innovation competition (KIPP): six fixed sections, evidence
(keys of catalogue entries), impact numbers before and after, awards, and the
versions it grew into, and its life for PKRI: its state year by year (running,
paused, stopped), its decree (SK), its budget lines, and its replications with
year and place, inside or outside the regency. The front matter is checked with the same
:class:`~etalase.content.schema.Fields` reader as entries; cross-file rules
(the schools exist, the evidence is published, ``derived_from`` names another
innovation) need the loaded catalogue, so :func:`load_innovations` runs after
the schools and entries are loaded. Problems are values, as everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, cast

from ..paths import is_slug, slugify
from ..policy import STATUSES, Policy
from ..problems import Problem, problem
from .layout import INDEX, INNOVATIONS_DIR
from .model import Catalogue, Status
from .reader import RawInt, read_markdown
from .routes import ROUTES
from .schema import ISO_DATE, Fields

STAGES = ("inisiatif", "uji-coba", "penerapan")
Stage = Literal["inisiatif", "uji-coba", "penerapan"]
#: An innovation's state in one year: running, paused, stopped.
LIFE_STATES = ("berjalan", "jeda", "berhenti")
LifeState = Literal["berjalan", "jeda", "berhenti"]
#: Budget lines as PKRI asks for them (regional budget, village funds, school operational
#: funds, self-funded, company social funds, other), as the office writes them.
BUDGETS = ("APBD", "APBDes", "BOS", "BOP", "swadaya", "CSR", "lainnya")
#: The six KIPP criteria as fixed Indonesian headings: (key, heading).
SECTIONS: tuple[tuple[str, str], ...] = (
    ("latar", "Latar belakang dan masalah"),
    ("keunikan", "Keunikan"),
    ("implementasi", "Implementasi"),
    ("dampak", "Dampak"),
    ("keberlanjutan", "Keberlanjutan"),
    ("replikasi", "Replikasi"),
)
INNOVATION_FIELDS = (
    "title",
    "meaning",
    "schools",
    "office",
    "started",
    "stage",
    "running",
    "checked",
    "theme",
    "evidence",
    "impact",
    "awards",
    "derived_from",
    "replicated_by",
    "status",
    "life",
    "sk",
    "budget",
)
LIMITS = {
    "title": 80,
    "meaning": 200,
    "measure": 120,
    "unit": 40,
    "competition": 150,
    "level": 60,
    "result": 120,
    "note": 200,
    "number": 80,
    "by": 120,
    "name": 120,
    "place": 120,
}
MAX_ROWS = 20
STALE_AFTER = dt.timedelta(days=365)
STARTED = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t#]*$", re.MULTILINE)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^(```|~~~)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Section:
    """One of the six sections: its heading and its Markdown (guidance comments removed)."""

    key: str
    heading: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True, slots=True)
class ImpactRow:
    """One measure before and after the innovation."""

    measure: str
    unit: str
    before: float
    after: float
    year_before: int | None = None
    year_after: int | None = None
    #: How many there are in all (the pupils of the school, the target): no count exceeds it.
    population: float | None = None


@dataclass(frozen=True, slots=True)
class Award:
    """A competition the innovation took part in, and how it did."""

    competition: str
    level: str
    year: int
    result: str


@dataclass(frozen=True, slots=True)
class YearState:
    """The innovation's state in one year, and what paid for it that year."""

    year: int
    status: LifeState
    note: str = ""
    budget: str | None = None


@dataclass(frozen=True, slots=True)
class Decree:
    """The decree (SK) that made the innovation part of the school's or office's work."""

    number: str
    date: dt.date
    by: str


@dataclass(frozen=True, slots=True)
class Replication:
    """A school that replicated the innovation.

    ``school`` is the slug of a school of the catalogue (the regency's); a school
    outside it has only its ``name`` and ``place`` (e.g. "Kabupaten Rembang").
    """

    name: str
    year: int | None = None
    school: str | None = None
    place: str | None = None


@dataclass(frozen=True, slots=True)
class Innovation:
    """A school's (or the office's) innovation, from ``content/inovasi/<slug>/index.md``.

    ``schools`` and ``replicated_by`` hold school slugs, ``evidence`` entry keys;
    all three are resolved against the catalogue by :func:`load_innovations`.
    """

    slug: str
    source: Path
    title: str
    meaning: str | None
    schools: tuple[str, ...]
    office: bool
    started: str  # YYYY-MM
    stage: Stage
    running: bool
    checked: dt.date | None
    themes: tuple[str, ...]
    evidence: tuple[str, ...]
    impact: tuple[ImpactRow, ...]
    awards: tuple[Award, ...]
    derived_from: str | None
    replicated_by: tuple[str, ...]
    status: Status
    sections: tuple[Section, ...]
    intro: str = ""
    life: tuple[YearState, ...] = ()  # by year
    decree: Decree | None = None
    budget: tuple[str, ...] = ()
    #: Every replication, inside the regency (``school`` set) or outside it; the schools of
    #: the catalogue among them are also ``replicated_by``.
    replications: tuple[Replication, ...] = ()

    @property
    def url(self) -> str:
        return ROUTES.innovation(self.slug)

    @property
    def folder(self) -> Path:
        return self.source.parent

    @property
    def is_published(self) -> bool:
        return self.status == "published"

    @property
    def started_year(self) -> int:
        return int(self.started[:4])

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)


# --- the body: six sections ------------------------------------------------------------
def split_sections(body: str) -> tuple[str, dict[str, str], list[str]]:
    """The text before the first ``##`` heading, each known section's text, unknown headings.

    Headings inside fenced code do not count. An unknown ``##`` heading stays, with its
    text, inside the section before it. Guidance in HTML comments is dropped.
    """
    text = _COMMENT.sub("", body)
    fenced = _fenced_spans(text)
    known = {heading.casefold(): key for key, heading in SECTIONS}
    parts: dict[str, list[str]] = {}
    unknown: list[str] = []
    intro_end = len(text)
    current: str | None = None
    last = 0
    for match in _HEADING.finditer(text):
        if any(a <= match.start() < b for a, b in fenced):
            continue
        key = known.get(" ".join(match.group(1).split()).casefold())
        if key is None or key in parts:
            unknown.append(match.group(1).strip())
            continue
        if current is None:
            intro_end = match.start()
        else:
            parts[current].append(text[last : match.start()])
        current, last = key, match.end()
        parts[key] = []
    if current is not None:
        parts[current].append(text[last:])
    sections = {k: "".join(v).strip() for k, v in parts.items()}
    return text[:intro_end].strip(), sections, unknown


def _fenced_spans(text: str) -> list[tuple[int, int]]:
    marks = [m.start() for m in _FENCE.finditer(text)]
    spans = [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    if len(marks) % 2:
        spans.append((marks[-1], len(text)))
    return spans


# --- the front matter ----------------------------------------------------------------
def parse_innovation(
    slug: str,
    source: Path,
    shown: str,
    meta: Mapping[str, Any],
    body: str,
    policy: Policy,
    today: dt.date,
) -> tuple[Innovation | None, list[Problem]]:
    """Check one innovation's own fields and sections (not yet against the catalogue)."""
    f = Fields(meta, shown)
    f.unknown(INNOVATION_FIELDS)
    title = _text(f, "title", required=True, example="title: GELIS")
    meaning = _text(f, "meaning", required=False, example="meaning: Gerakan Literasi Sekolah")
    office = f.flag("office", False)
    schools = _names(f, "schools")
    if not schools and not office:
        f.add("FIELD_MISSING", field="schools")
    started = _started(f)
    stage = f.choice("stage", STAGES, "INNOVATION_STAGE_UNKNOWN", required=True)
    running = f.flag("running", True)
    checked = _checked(f)
    if running and (checked is None or today - checked > STALE_AFTER):
        f.add(
            "INNOVATION_CHECK_OLD",
            checked=checked.isoformat() if checked else "-",
            today=today.isoformat(),
        )
    themes = _themes(f, policy)
    evidence = _names(f, "evidence")
    impact = _impact(f)
    awards = _awards(f)
    derived = _text(f, "derived_from", required=False, example="derived_from: nama-inovasi")
    replications = _replications(f)
    replicated = tuple(r.school for r in replications if r.school)
    life = _life(f)
    if life and (life[-1].status == "berjalan") != running:
        f.add(
            "INNOVATION_LIFE_CONFLICT",
            year=life[-1].year,
            status=life[-1].status,
            running="true" if running else "false",
        )
    decree = _decree(f)
    budget = tuple(b for b in dict.fromkeys(_budget(f, v) for v in _names(f, "budget")) if b)
    status = f.choice("status", STATUSES, "STATUS_UNKNOWN", required=False)
    intro, texts, unknown = split_sections(body)
    allowed = ", ".join(f"'## {h}'" for _, h in SECTIONS)
    for value in unknown:
        f.add("INNOVATION_SECTION_UNKNOWN", value=value[:80], allowed=allowed)
    sections = []
    for key, heading in SECTIONS:
        if key not in texts:
            f.add("INNOVATION_SECTION_MISSING", section=heading)
            continue
        section = Section(key, heading, texts[key])
        if not section.text:
            f.add("INNOVATION_SECTION_EMPTY", section=heading)
        elif section.words < policy.innovation_min_words:
            f.add(
                "INNOVATION_SECTION_SHORT",
                section=heading,
                words=section.words,
                min=policy.innovation_min_words,
            )
        sections.append(section)
    if any(p.severity == "error" for p in f.problems):
        return None, f.problems
    assert title is not None and started is not None and stage is not None
    return Innovation(
        slug=slug,
        source=source,
        title=title,
        meaning=meaning,
        schools=schools,
        office=office,
        started=started,
        stage=cast(Stage, stage),
        running=running,
        checked=checked,
        themes=themes,
        evidence=evidence,
        impact=impact,
        awards=awards,
        derived_from=slugify(derived) if derived else None,
        replicated_by=replicated,
        status=cast(Status, status or policy.default_status),
        sections=tuple(sections),
        intro=intro,
        life=life,
        decree=decree,
        budget=budget,
        replications=replications,
    ), f.problems


def _text(f: Fields, key: str, *, required: bool, example: str) -> str | None:
    value = f.text(key, required=required, example=example)
    limit = LIMITS.get(key)
    if value is not None and limit and len(value) > limit:
        f.add("TEXT_TOO_LONG", field=key, length=len(value), limit=limit)
        return None
    return value


def _scalar(value: object) -> str | None:
    if isinstance(value, RawInt):
        return value.raw
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return " ".join(str(value).split())


def _names(f: Fields, key: str) -> tuple[str, ...]:
    """A list of short names (slugs, NPSNs, entry keys); one name alone is a list of one."""
    value = f.meta.get(key)
    if value is None or value == "":
        return ()
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:MAX_ROWS]:
        text = _scalar(item)
        if not text or len(text) > 120:
            f.add(
                "FIELD_TYPE",
                field=key,
                expected="daftar nama",
                expected_en="a list of names",
                example=f"{key}: [sdn-4-jiken]",
            )
            continue
        if text not in names:
            names.append(text)
    return tuple(names)


def _started(f: Fields) -> str | None:
    value = f.meta.get("started")
    if value is None or value == "":
        f.add("FIELD_MISSING", field="started")
        return None
    text = _scalar(value) or ""
    match = STARTED.match(text)
    if match is None or not 1 <= int(match.group(2)) <= 12:
        f.add("INNOVATION_STARTED_INVALID", value=text[:40])
        return None
    return text


def _checked(f: Fields) -> dt.date | None:
    value = f.meta.get("checked")
    if value is None or value == "":
        return None
    text = (_scalar(value) or "").strip()
    try:
        if not ISO_DATE.match(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        f.add("DATE_INVALID", value=text[:40])
        return None


def _themes(f: Fields, policy: Policy) -> tuple[str, ...]:
    folded = {slug.casefold(): slug for slug in policy.theme_slugs}
    themes: list[str] = []
    for name in _names(f, "theme"):
        slug = folded.get(name.casefold()) or folded.get(slugify(name))
        if slug is None:
            f.add("INNOVATION_THEME_UNKNOWN", value=name[:40], allowed=", ".join(folded.values()))
        elif slug not in themes:
            themes.append(slug)
    return tuple(themes)


def _rows(f: Fields, key: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = f.meta.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        f.add(
            "FIELD_TYPE",
            field=key,
            expected="daftar baris",
            expected_en="a list of rows",
            example=f"{key}: [{{...}}]",
        )
        return []
    return [
        (i, row if isinstance(row, dict) else {}) for i, row in enumerate(value[:MAX_ROWS], start=1)
    ]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(str(value).replace(",", ".")) if isinstance(value, str) else float(value)
    except ValueError:
        return None
    return number if abs(number) < 1e12 else None


def _year(value: object) -> int | None:
    number = _number(value)
    return (
        int(number)
        if number is not None and number.is_integer() and 1900 <= number <= 2200
        else None
    )


def _short(row: Mapping[str, Any], key: str) -> str | None:
    text = _scalar(row.get(key))
    return text[: LIMITS[key]] if text else None


#: Units that are a share of a whole: no value is above 100.
PERCENT_UNITS = frozenset({"%", "persen", "percent", "persentase"})


def _impact(f: Fields) -> tuple[ImpactRow, ...]:
    rows = []
    for i, row in _rows(f, "impact"):
        measure = _short(row, "measure")
        before, after = _number(row.get("before")), _number(row.get("after"))
        if measure is None or before is None or after is None:
            f.add("INNOVATION_IMPACT_INCOMPLETE", row=i, value=(measure or "?")[:60])
            continue
        unit = _short(row, "unit") or ""
        population = _number(row.get("population"))
        impossible = impossible_numbers(before, after, unit, population)
        if impossible is not None:
            code, values = impossible
            f.add(code, row=i, value=measure[:60], **values)
            continue
        rows.append(
            ImpactRow(
                measure,
                unit,
                before,
                after,
                _year(row.get("year_before")),
                _year(row.get("year_after")),
                population,
            )
        )
    return tuple(rows)


def impossible_numbers(
    before: float, after: float, unit: str, population: float | None
) -> tuple[str, dict[str, str]] | None:
    """Why an impact row's numbers cannot be true, as a problem code and its values, or None.

    A count or a score is never negative (``INNOVATION_IMPACT_NEGATIVE``), a
    percentage never above 100 (``INNOVATION_IMPACT_OVER_100``), and no count above
    the ``population`` it is counted in, such as the school's pupils or the target
    (``INNOVATION_IMPACT_OVER_POPULATION``).
    """
    values = {"before": before, "after": after}
    for key, value in (*values.items(), ("population", population)):
        if value is not None and value < 0:
            return "INNOVATION_IMPACT_NEGATIVE", {"field": key, "number": _shown(value)}
    if unit.strip().casefold() in PERCENT_UNITS:
        for key, value in values.items():
            if value > 100:
                return "INNOVATION_IMPACT_OVER_100", {"field": key, "number": _shown(value)}
    if population is not None:
        for key, value in values.items():
            if value > population:
                return "INNOVATION_IMPACT_OVER_POPULATION", {
                    "field": key,
                    "number": _shown(value),
                    "population": _shown(population),
                }
    return None


def _shown(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _awards(f: Fields) -> tuple[Award, ...]:
    awards = []
    for i, row in _rows(f, "awards"):
        competition, level = _short(row, "competition"), _short(row, "level")
        year, result = _year(row.get("year")), _short(row, "result")
        if competition is None or level is None or year is None or result is None:
            f.add("INNOVATION_AWARD_INVALID", row=i)
            continue
        awards.append(Award(competition, level, year, result))
    return tuple(awards)


def _replications(f: Fields) -> tuple[Replication, ...]:
    """``replicated_by``: school names (the old form) or rows with a year and a place."""
    value = f.meta.get("replicated_by")
    if value is None or value == "":
        return ()
    found: list[Replication] = []
    for i, item in enumerate((value if isinstance(value, list) else [value])[:MAX_ROWS], 1):
        replication = _replication(item)
        if replication is None:
            f.add("INNOVATION_REPLICATION_INVALID", row=i)
        elif all((r.school, r.name) != (replication.school, replication.name) for r in found):
            found.append(replication)
    return tuple(found)


def _replication(item: object) -> Replication | None:
    if not isinstance(item, dict):
        text = _scalar(item)
        return Replication(text, school=text) if text and len(text) <= 120 else None
    school, name, place = _scalar(item.get("school")), _short(item, "name"), _short(item, "place")
    year = _year(item.get("year"))
    if item.get("year") not in (None, "") and year is None:
        return None
    if school:
        return Replication(name or school, year, school=school[:120])
    if name and place:
        return Replication(name, year, place=place)
    return None


def _life(f: Fields) -> tuple[YearState, ...]:
    """``life``: the state per year, sorted by year; a year written twice counts once."""
    years: dict[int, YearState] = {}
    for i, row in _rows(f, "life"):
        year = _year(row.get("year"))
        status = (_scalar(row.get("status")) or "").casefold()
        if year is None or status not in LIFE_STATES:
            f.add("INNOVATION_LIFE_INVALID", row=i, allowed=", ".join(LIFE_STATES))
            continue
        if year in years:
            f.add("INNOVATION_LIFE_REPEATED", year=year)
            continue
        budget = _budget(f, row.get("budget")) if row.get("budget") not in (None, "") else None
        years[year] = YearState(year, cast(LifeState, status), _short(row, "note") or "", budget)
    return tuple(years[y] for y in sorted(years))


def _decree(f: Fields) -> Decree | None:
    """``sk``: the decree's number, date and who issued it."""
    value = f.meta.get("sk")
    if value is None or value == "":
        return None
    row = value if isinstance(value, dict) else {}
    number, by = _short(row, "number"), _short(row, "by")
    raw = row.get("date")
    date: dt.date | None = raw if isinstance(raw, dt.date) else None
    text = (_scalar(raw) or "").strip()
    if date is None and ISO_DATE.match(text):
        try:
            date = dt.date.fromisoformat(text)
        except ValueError:
            date = None
    if number is None or by is None or date is None:
        f.add("INNOVATION_SK_INVALID")
        return None
    return Decree(number, date, by)


def _budget(f: Fields, value: object) -> str | None:
    """One budget line, spelled as :data:`BUDGETS` spells it; None (and a warning) if unknown."""
    text = _scalar(value) or ""
    known = {b.casefold(): b for b in BUDGETS}
    if text.casefold() in known:
        return known[text.casefold()]
    f.add("INNOVATION_BUDGET_UNKNOWN", value=text[:40], allowed=", ".join(BUDGETS))
    return None


# --- loading, and the rules that need the catalogue -----------------------------------
def load_innovations(
    content_dir: Path,
    catalogue: Catalogue,
    policy: Policy,
    shown: Callable[[Path], str],
    today: dt.date,
) -> tuple[tuple[Innovation, ...], list[Problem]]:
    """Read every ``content/inovasi/<slug>/index.md`` and check it against ``catalogue``.

    Schools are named by slug or NPSN and stored as slugs. Evidence that is no entry
    is an error; evidence not yet published is a warning and is left off the page.
    """
    base = content_dir / INNOVATIONS_DIR
    if not base.is_dir():
        return (), []
    problems: list[Problem] = []
    found: list[Innovation] = []
    by_npsn = {s.npsn: s.slug for s in catalogue.schools}
    entries = {e.key: e for e in catalogue.entries}
    for folder in sorted(base.iterdir()):
        index = folder / INDEX
        if folder.name.startswith((".", "_")) or not folder.is_dir() or not index.is_file():
            continue
        if folder.is_symlink():
            problems.append(problem("FOLDER_LINKED", shown(folder), value=folder.name))
            continue
        if not is_slug(folder.name):
            problems.append(
                problem(
                    "SLUG_INVALID",
                    shown(folder),
                    value=folder.name,
                    suggestion=slugify(folder.name) or "nama-inovasi",
                )
            )
            continue
        where = shown(index)
        source, read = read_markdown(index, where)
        problems += read
        if source is None:
            continue
        item, parsed = parse_innovation(
            folder.name, index, where, source.meta, source.body, policy, today
        )
        problems += parsed
        if item is None:
            continue
        bad: list[Problem] = []
        schools = _school_slugs(item.schools, "schools", catalogue, by_npsn, where, bad)
        replicated = _school_slugs(
            item.replicated_by, "replicated_by", catalogue, by_npsn, where, bad
        )
        evidence = []
        for key in item.evidence:
            entry = entries.get(key.strip("/"))
            if entry is None:
                bad.append(problem("INNOVATION_EVIDENCE_UNKNOWN", where, value=key[:80]))
            elif not entry.is_published:
                bad.append(problem("INNOVATION_EVIDENCE_UNPUBLISHED", where, value=entry.key))
            else:
                evidence.append(entry.key)
        problems += bad
        if any(p.severity == "error" for p in bad):
            continue
        replications: dict[object, Replication] = {}  # a school named twice counts once
        for r in item.replications:
            slug = by_npsn.get(r.school, r.school) if r.school else None
            school = catalogue.school(slug) if slug else None
            if school is not None:
                r = replace(r, school=school.slug, name=school.name)
            which = r.school or (r.name, r.place)
            known = replications.setdefault(which, r)
            if known.year is None and r.year is not None:
                replications[which] = replace(known, year=r.year)
        found.append(
            _replace(
                item,
                schools=schools,
                replicated_by=replicated,
                evidence=tuple(evidence),
                replications=tuple(replications.values()),
            )
        )
    slugs = {i.slug for i in found}
    checked: list[Innovation] = []
    for item in found:
        if item.derived_from is not None and (
            item.derived_from not in slugs or item.derived_from == item.slug
        ):
            problems.append(
                problem("INNOVATION_PARENT_UNKNOWN", shown(item.source), value=item.derived_from)
            )
            item = _replace(item, derived_from=None)
        checked.append(item)
    return tuple(checked), problems


def _school_slugs(
    names: tuple[str, ...],
    field: str,
    catalogue: Catalogue,
    by_npsn: Mapping[str, str],
    where: str,
    bad: list[Problem],
) -> tuple[str, ...]:
    """Schools named by slug or NPSN, as slugs; each unknown one adds a problem to ``bad``."""
    slugs: list[str] = []
    for name in names:
        slug = name if catalogue.school(name) is not None else by_npsn.get(name)
        if slug is None:
            bad.append(problem("INNOVATION_SCHOOL_UNKNOWN", where, field=field, value=name[:60]))
        elif slug not in slugs:
            slugs.append(slug)
    return tuple(slugs)


def replication_district(
    replication: Replication, catalogue: Catalogue, districts: tuple[str, ...]
) -> str | None:
    """The kecamatan a replication is in (its school's, or a ``place`` that is one of
    ``districts``); None outside the regency."""
    school = catalogue.school(replication.school) if replication.school else None
    if school is not None:
        return school.district
    place = (replication.place or "").casefold()
    return next((d for d in districts if d.casefold() == place), None)


def _replace(item: Innovation, **changes: Any) -> Innovation:
    return replace(item, **changes)

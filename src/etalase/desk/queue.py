"""The desk's view of the catalogue: one row per entry, filters with counts, newest first.

Built from the live workspace's last load (valid entries, problems) and the
media its last build made (:class:`~etalase.workspace.Workspace`), plus a
read of every entry's front matter, so an entry the loader left out for its
errors is still in the queue with those errors. How an entry arrived comes
from the ingest's origin file in its folder and the ingest ledger (shared
folder, with the drop folder's name) or else from git (the commit that added
its ``index.md``; its modification time when not committed yet).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..content.layout import INDEX, SCHOOLS_DIR
from ..content.loader import LoadResult
from ..content.reader import read_markdown
from ..intake.ledger import Ledger
from ..intake.stage import ORIGIN_FILE, resent_note, same_clip_notes
from ..media.outputs import EntryMedia
from ..paths import is_slug, resolve_inside
from ..policy import Policy
from ..problems import Problem
from ..process import ToolMissing, run
from ..project import Project
from .actions import version_of
from .clock import local_time

FILTERS = ("status", "district", "school", "category")
STATUSES = ("review", "rejected", "published", "featured")
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Arrival:
    """When and how an entry reached the content tree."""

    via: str  # "git" | "folder"
    at: str  # date and time in the office's time zone, as shown
    stamp: float  # seconds since the epoch, for sorting
    folder: str | None = None  # the school's drop folder, for "folder"


@dataclass(frozen=True, slots=True)
class Item:
    """One entry as the desk shows it."""

    key: str
    index: Path
    school_slug: str
    school: str
    district: str
    title: str
    category: str
    status: str
    featured: bool
    review_note: str | None
    poster_time: float | None
    duration: float | None
    arrival: Arrival
    problems: tuple[Problem, ...]
    media: EntryMedia | None
    valid: bool
    version: str = ""  # of the entry (text, video, captions, pictures) when the row was made

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")

    def facet(self, name: str) -> Iterable[str]:
        """The values of filter ``name`` this item has (an item can be 'published' and 'featured')."""
        if name == "status":
            yield self.status
            if self.featured:
                yield "featured"
        elif name == "district":
            yield self.district
        elif name == "school":
            yield self.school_slug
        elif name == "category":
            yield self.category


@dataclass(frozen=True, slots=True)
class Facet:
    """One filter value with its count."""

    value: str
    label: str
    count: int
    chosen: bool


@dataclass(frozen=True, slots=True)
class QueueView:
    """One page of the queue."""

    items: tuple[Item, ...]
    total: int
    page: int
    pages: int
    facets: Mapping[str, tuple[Facet, ...]]
    chosen: Mapping[str, str]


def entry_index(content_dir: Path, school: str, entry: str) -> Path | None:
    """The ``index.md`` of an entry named in a URL, by the safe path rules; None if none."""
    if not (is_slug(school) and is_slug(entry)):
        return None
    found = resolve_inside(content_dir / SCHOOLS_DIR, f"{school}/{entry}/{INDEX}")
    return found.path


def collect(
    project: Project,
    result: LoadResult | None,
    media: Mapping[str, EntryMedia],
    known: Mapping[str, Arrival] | None = None,
) -> list[Item]:
    """Every entry folder's row, newest arrival first.

    Args:
        project: The project.
        result: The workspace's last load.
        media: The last build's media by entry key.
        known: Arrivals found before, by entry key (a decision does not move
            an entry's arrival); ``git log`` and the ledger are read only when
            an entry is not in it.
    """
    content_dir, root, policy = project.content_dir, project.root, project.policy
    valid = {e.key: e for e in result.catalogue.entries} if result else {}
    schools = {s.slug: s for s in result.catalogue.schools} if result else {}
    names = result.school_names if result else {}
    problems = _problems_by_folder(result.problems if result else (), root, content_dir)
    base = content_dir / SCHOOLS_DIR
    indexes: list[tuple[str, Path]] = []
    for index in sorted(base.glob(f"*/*/{INDEX}")) if base.is_dir() else []:
        school_slug, slug = index.parent.parent.name, index.parent.name
        if (
            is_slug(school_slug)
            and is_slug(slug)
            and entry_index(content_dir, school_slug, slug) is not None
        ):
            indexes.append((f"{school_slug}/{slug}", index))
    known = known or {}
    fresh = any(key not in known for key, _ in indexes)
    arrivals_git = _git_arrivals(root, content_dir) if fresh else {}
    ledger_dates = _ledger_dates(project.cache.ledger) if fresh else {}
    twins = same_clip_notes(base, project.media_cache().source_hash, project.shown)
    items: list[Item] = []
    for key, index in indexes:
        folder = index.parent
        school_slug = folder.parent.name
        entry = valid.get(key)
        status: str
        if entry is not None:
            title, category, status = entry.title, entry.category, entry.status
            featured, note, poster_time = entry.featured, entry.review_note, entry.poster_time
        else:
            title, category, status, featured, note, poster_time = _from_file(index, key, policy)
        school = schools.get(school_slug)
        item_media = media.get(key)
        duration = entry.video_info.duration if entry and entry.video_info else None
        items.append(
            Item(
                key=key,
                index=index,
                school_slug=school_slug,
                school=names.get(school_slug, school.name if school else school_slug),
                district=school.district if school else "",
                title=title,
                category=category,
                status=status,
                featured=featured,
                review_note=note,
                poster_time=poster_time,
                duration=duration
                if duration is not None
                else (item_media.duration if item_media else None),
                arrival=known.get(key)
                or _arrival(folder, key, arrivals_git, ledger_dates, policy.timezone),
                problems=(
                    *problems.get(key, ()),
                    *(_notes(folder, project) if status == "review" else ()),
                    *((twins[key],) if key in twins else ()),
                ),
                media=item_media,
                valid=entry is not None,
                version=version_of(index),
            )
        )
    items.sort(key=lambda i: (i.arrival.stamp, _mtime(i.index), i.key), reverse=True)
    return items


def _notes(folder: Path, project: Project) -> tuple[Problem, ...]:
    """What the curator should know that no check finds, while the entry waits for review:
    the school re-sent its text over the curator's corrections (kept)."""
    note = resent_note(folder, project.shown(folder / INDEX))
    return (note,) if note is not None else ()


def reread(item: Item, project: Project) -> Item:
    """``item`` with what its ``index.md`` says now (status, note, poster): right after a decision.

    Its arrival, media and problems stay those of the last load until the
    workspace has loaded the catalogue again.
    """
    title, category, status, featured, note, poster_time = _from_file(
        item.index, item.key, project.policy
    )
    return replace(
        item,
        title=title if not item.valid else item.title,
        category=category,
        status=status,
        featured=featured,
        review_note=note,
        poster_time=poster_time,
        version=version_of(item.index),
    )


def _from_file(
    index: Path, key: str, policy: Policy
) -> tuple[str, str, str, bool, str | None, float | None]:
    """Title, category, status, featured, review note and poster time, read from the front matter."""
    source, _ = read_markdown(index, index.name)
    meta = source.meta if source is not None else {}
    title = str(meta.get("title") or key)
    category = str(meta.get("category") or "")
    status = str(meta.get("status") or policy.default_status).strip().lower()
    featured = meta.get("featured") is True
    note = str(meta["review_note"]) if meta.get("review_note") else None
    raw_time = meta.get("poster_time")
    poster_time = float(raw_time) if isinstance(raw_time, int | float) else None
    return title, category, status, featured, note, poster_time


def view(
    items: Sequence[Item],
    chosen: Mapping[str, str],
    page: int,
    labels: Mapping[str, Mapping[str, str]],
) -> QueueView:
    """Filter ``items`` by ``chosen`` (filter -> value) and count every filter's values.

    A value's count is how many items it would show with the other filters kept.
    """
    chosen = {k: v for k, v in chosen.items() if k in FILTERS and v}

    def matches(item: Item, skip: str | None = None) -> bool:
        return all(value in item.facet(name) for name, value in chosen.items() if name != skip)

    facets: dict[str, tuple[Facet, ...]] = {}
    for name in FILTERS:
        counts: dict[str, int] = {}
        for item in items:
            if matches(item, skip=name):
                for value in item.facet(name):
                    counts[value] = counts.get(value, 0) + 1
        order = (
            list(STATUSES)
            if name == "status"
            else sorted(counts, key=lambda v: labels.get(name, {}).get(v, v).casefold())
        )
        facets[name] = tuple(
            Facet(v, labels.get(name, {}).get(v, v), counts.get(v, 0), chosen.get(name) == v)
            for v in order
            if v in counts or name == "status"
        )
    shown = [i for i in items if matches(i)]
    pages = max(1, math.ceil(len(shown) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    window = tuple(shown[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    return QueueView(window, len(shown), page, pages, facets, chosen)


def _problems_by_folder(
    problems: Iterable[Problem], root: Path, content_dir: Path
) -> dict[str, tuple[Problem, ...]]:
    """Problems by entry key, from the paths they name (``content/sekolah/<s>/<e>/...``)."""
    try:
        prefix = (content_dir / SCHOOLS_DIR).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        prefix = (content_dir / SCHOOLS_DIR).as_posix()
    found: dict[str, list[Problem]] = {}
    for item in problems:
        if not item.path.startswith(prefix + "/"):
            continue
        parts = item.path[len(prefix) + 1 :].split("/")
        if len(parts) >= 3:  # school/entry/file: a school's own index.md is not an entry's
            found.setdefault(f"{parts[0]}/{parts[1]}", []).append(item)
    return {k: tuple(v) for k, v in found.items()}


def _arrival(
    folder: Path, key: str, git: Mapping[str, float], ledger: Mapping[str, str], zone: str
) -> Arrival:
    origin = folder / ORIGIN_FILE
    if origin.is_file() and not origin.is_symlink():
        try:
            data = json.loads(origin.read_text("utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict) and isinstance(data.get("origin"), str):
            drop_folder = data["origin"].replace("\\", "/").split("/")[0]
            # The ledger and the origin file give the day; the origin file's time the hour.
            stamp = _mtime(origin)
            day = ledger.get(key) or str(data.get("imported") or "")
            shown = local_time(stamp, zone)
            return Arrival(
                "folder", shown if shown.startswith(day) else day or shown, stamp, drop_folder
            )
    stamp = git.get(key, _mtime(folder / INDEX))
    return Arrival("git", local_time(stamp, zone), stamp)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _ledger_dates(path: Path) -> dict[str, str]:
    """Entry key -> import date, from the ingest ledger (empty when there is none)."""
    try:
        ledger = Ledger.load(path)
    except Exception:  # a damaged ledger is ingest's to report; the desk falls back
        return {}
    return {
        r["entry"]: r.get("at", "")
        for r in ledger.submissions.values()
        if r.get("state") == "imported" and "entry" in r
    }


def _git_arrivals(root: Path, content_dir: Path) -> dict[str, float]:
    """Entry key -> when its ``index.md`` was added, from one ``git log`` (empty outside git)."""
    if not (root / ".git").exists():
        return {}
    try:
        done = run(
            [
                "git",
                "-C",
                str(root),
                "log",
                "--diff-filter=A",
                "--format=@%ct",
                "--name-only",
                "--",
                str(content_dir / SCHOOLS_DIR),
            ],
            timeout=30,
        )
    except ToolMissing:
        return {}
    if not done.ok:
        return {}
    found: dict[str, float] = {}
    when = 0.0
    try:
        prefix = (content_dir / SCHOOLS_DIR).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return {}
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        if line.startswith("@") and line[1:].isdigit():
            when = float(line[1:])
        elif line.startswith(prefix + "/") and line.endswith("/" + INDEX):
            parts = line[len(prefix) + 1 :].split("/")
            if len(parts) == 3:
                found.setdefault(f"{parts[0]}/{parts[1]}", when)  # newest first: keep the first
    return found

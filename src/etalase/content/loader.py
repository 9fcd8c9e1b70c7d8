"""Walking ``content/sekolah/`` into a validated :class:`Catalogue` and a problem list.

The loader never raises on what schools send. It reads every school profile and
entry, checks cross-file rules (NPSN uniqueness, an entry's school must be
valid), then probes the videos in parallel with bounded ffprobe calls and
checks their size and duration against the policy. Only entries without errors
enter the catalogue; every problem found is returned beside it. Every file and
folder listing goes through a :class:`~etalase.content.memo.ReadMemo`, so a load
given the previous load's memo reads only what changed; what ffprobe said is
remembered by the prober alone (the media cache's, which answers ``known``).
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..files import open_regular
from ..paths import is_slug, resolve_inside, slugify, suffix_of, within
from ..policy import Policy
from ..problems import Problem, problem
from .captions import (
    MAX_BYTES,
    MAX_LINE_CHARS,
    MAX_LINES,
    CaptionTrack,
    language_of,
    origin_of,
    read_file,
)
from .innovation import load_innovations
from .layout import INDEX, INNOVATIONS_DIR, SCHOOLS_DIR, VIDEO_SUFFIXES
from .memo import ReadMemo
from .model import Catalogue, Entry, School
from .roster import Roster, fold_name, hint, read_roster
from .schema import parse_entry, parse_school
from .video import FAILURE_CODES, ProbeResult, VideoInfo

#: Probes one video: ffprobe, or the media cache in front of it.
Prober = Callable[[Path], ProbeResult]
#: What a prober already knows of a video without starting a process (or None).
Known = Callable[[Path], "ProbeResult | None"]


@dataclass(frozen=True, slots=True)
class EntryRecord:
    """One entry folder the load saw, valid or not.

    Attributes:
        key: ``<school>/<entry>``.
        source: Its ``index.md``.
        status: The status its front matter declares (the default when it
            declares none or cannot be read).
        entry: The valid entry, or None.
        problems: Every problem found in the entry's folder.
        title: The title its front matter declares ("" when none can be read).
    """

    key: str
    source: Path
    status: str
    entry: Entry | None
    problems: tuple[Problem, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The catalogue of valid content and every problem found on the way."""

    catalogue: Catalogue
    problems: tuple[Problem, ...]
    school_names: dict[str, str]
    records: tuple[EntryRecord, ...]
    #: Seconds of every probed video by entry key, valid entries or not (review lists both).
    durations: Mapping[str, float] = field(default_factory=dict)

    @property
    def roster(self) -> Roster | None:
        """The office's school roster, when it keeps one."""
        return self.catalogue.roster

    @property
    def entries_seen(self) -> int:
        return len(self.records)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def load_catalogue(
    content_dir: Path,
    policy: Policy,
    *,
    root: Path,
    prober: Prober | None = None,
    known: Known | None = None,
    only: Sequence[Path] = (),
    jobs: int | None = None,
    today: dt.date | None = None,
    select: Callable[[str], bool] | None = None,
    memo: ReadMemo | None = None,
    roster_file: Path | None = None,
) -> LoadResult:
    """Load and validate everything under ``content_dir/sekolah``.

    Commands load through :meth:`etalase.project.Project.load`, which knows
    every argument but the last few.

    Args:
        content_dir: The MkDocs ``docs_dir``.
        policy: What the office accepts.
        root: Problem paths are shown relative to this folder.
        prober: Probes one video; ``None`` skips probing (videos are then only
            checked for existence and size, and entries are still valid). Keep
            the same callable across loads: the memo remembers answers by it.
        known: Answers ``prober`` can give without starting a process; the
            others are probed in a thread pool.
        only: Probe only videos below these paths (all when empty).
        jobs: Parallel probes (default: CPU count).
        today: The date against which future dates are flagged.
        select: Probe only the entries whose key it accepts (e.g. one media
            shard's); the others stay in the catalogue unprobed.
        memo: What the previous load in this process read. Files, folders and
            videos unchanged since are not read, parsed or probed again; the
            result is the same as without it. Without one, the load keeps nothing.
        roster_file: The office's school roster; when the file exists, every
            profile's NPSN must be on it and the roster's name, level,
            kecamatan and address win over the profile's.
    """
    memo = memo if memo is not None else ReadMemo(keep=False)
    memo.begin()
    loader = _Loader(content_dir, policy, root, today or dt.date.today(), memo)
    if roster_file is not None and roster_file.exists():
        loader.read_roster(roster_file)
    loader.walk()
    loader.check_npsn()
    loader.apply_roster()
    entries = loader.attach_schools()
    if prober is not None:
        entries = loader.probe_videos(
            entries, prober, known, only, jobs or os.cpu_count() or 2, select
        )
        loader.probe_refused(prober, only, jobs or os.cpu_count() or 2, select)
    entries = [loader.check_captions(e) if e is not None else None for e in entries]
    memo.end()
    valid = tuple(e for e in entries if e is not None)
    catalogue = Catalogue(
        schools=tuple(s for s in loader.schools if s is not None),
        entries=valid,
        roster=loader.roster,
    )
    innovations, found = load_innovations(
        content_dir, catalogue, policy, loader.shown, loader.today
    )
    if innovations:
        catalogue = replace(catalogue, innovations=innovations)
    loader.problems += found
    records = loader.records(entries)
    durations = {e.key: e.video_info.duration for e in valid if e.video_info is not None}
    durations.update(loader.refused_durations)
    return LoadResult(catalogue, tuple(loader.problems), loader.names, records, durations)


#: Problems that tie schools or entries together: a load of a few entries cannot redo them.
_WHOLE_LOAD_CODES = frozenset({"NPSN_DUPLICATE", "NPSN_DUPLICATE_KEPT"})


def reload_entries(
    previous: LoadResult,
    folders: Sequence[Path],
    content_dir: Path,
    policy: Policy,
    *,
    root: Path,
    memo: ReadMemo,
    prober: Prober | None = None,
    known: Known | None = None,
    jobs: int | None = None,
    today: dt.date | None = None,
) -> LoadResult | None:
    """``previous`` with only the entry folders ``folders`` read again, or None.

    What a live preview does after a school saved a file in one entry's folder:
    the other entries, the schools and the roster are taken from ``previous``
    unread, and the result equals what :func:`load_catalogue` would return (its
    problems in another order). None when that cannot be promised from these
    folders alone: a folder of a school that is not valid, a folder the
    previous load did not see as an entry, or an NPSN shared by two profiles
    (which profile keeps it depends on every entry).

    Args:
        previous: The last load of the same content folder and policy.
        folders: Entry folders (``sekolah/<school>/<entry>``) to read again.
        content_dir: The MkDocs ``docs_dir``.
        policy: What the office accepts (the one ``previous`` was loaded with).
        root: Problem paths are shown relative to this folder.
        memo: The memo ``previous`` was loaded with.
        prober: As for :func:`load_catalogue` (None: the videos are not probed).
        known: As for :func:`load_catalogue`.
        jobs: Parallel probes.
        today: The date future dates are checked against.
    """
    if any(p.code in _WHOLE_LOAD_CODES for p in previous.problems):
        return None
    schools = {s.slug for s in previous.catalogue.schools}
    old = {r.key: r for r in previous.records}
    keys = [f"{f.parent.name}/{f.name}" for f in folders]
    if any(k not in old or k.split("/")[0] not in schools for k in keys):
        return None
    loader = _Loader(content_dir, policy, root, today or dt.date.today(), memo)
    loader.roster = previous.catalogue.roster
    memo.begin()
    for folder in folders:
        loader.school_ok[folder.parent.name] = True
        loader.pending.append((folder.parent.name, loader.read_entry(folder.parent.name, folder)))
    entries = loader.attach_schools()
    if prober is not None:
        entries = loader.probe_videos(entries, prober, known, (), jobs or os.cpu_count() or 2, None)
        loader.probe_refused(prober, (), jobs or os.cpu_count() or 2, None)
    entries = [loader.check_captions(e) if e is not None else None for e in entries]
    memo.end(forget=False)
    fresh = {r.key: r for r in loader.records(entries)}
    # The valid entries and the records, in the order of a whole load (by school, then entry).
    valid = {e.key: e for e in previous.catalogue.entries if e.key not in fresh}
    valid.update((k, r.entry) for k, r in fresh.items() if r.entry is not None)
    records = {**{r.key: r for r in previous.records}, **fresh}
    catalogue = replace(
        previous.catalogue,
        entries=tuple(valid[k] for k in sorted(valid, key=_walk_order)),
        _by_slug={},
    )
    innovations, found = load_innovations(
        content_dir, catalogue, policy, loader.shown, loader.today
    )
    catalogue = replace(catalogue, innovations=innovations, _by_slug={})
    stale = {id(p) for k in keys for p in old[k].problems}
    innovations_folder = f"{loader.shown(content_dir / INNOVATIONS_DIR)}/"
    stale.update(id(p) for p in previous.problems if p.path.startswith(innovations_folder))
    problems = [p for p in previous.problems if id(p) not in stale]
    problems += loader.problems
    problems += found
    durations = {k: v for k, v in previous.durations.items() if k not in fresh}
    durations.update(
        (e.key, e.video_info.duration)
        for e in entries
        if e is not None and e.video_info is not None
    )
    durations.update(loader.refused_durations)
    return LoadResult(
        catalogue,
        tuple(problems),
        previous.school_names,
        tuple(records[k] for k in sorted(records, key=_walk_order)),
        durations,
    )


def _walk_order(key: str) -> tuple[str, str]:
    """Where an entry comes in a whole load: its school's folder, then its own, by name."""
    school, _, entry = key.partition("/")
    return school, entry


class _Loader:
    def __init__(
        self, content_dir: Path, policy: Policy, root: Path, today: dt.date, memo: ReadMemo
    ) -> None:
        self.content_dir = content_dir
        self.content_real = content_dir.resolve()
        self.policy = policy
        self.root = root.resolve()
        self.today = today
        self.memo = memo
        # shown() for paths below content_dir, by string: 10,000 entries, three paths each.
        self.content_prefix = None if str(content_dir) in (".", "/") else f"{content_dir}/"
        try:
            self.shown_prefix: str | None = self.content_real.relative_to(self.root).as_posix()
        except ValueError:
            self.shown_prefix = None
        self.problems: list[Problem] = []
        self.schools: list[School | None] = []
        self.names: dict[str, str] = {}
        self.pending: list[tuple[str, Entry | None]] = []  # (school slug, entry)
        self.school_ok: dict[str, bool] = {}
        # (entry folder, declared status, declared title), as pending
        self.seen: list[tuple[Path, str, str]] = []
        self.roster: Roster | None = None
        self.off_roster: dict[str, str] = {}  # school slug -> NPSN the roster does not list
        self.refused_videos: list[tuple[str, Path]] = []  # (key, video) of entries with errors
        self.refused_durations: dict[str, float] = {}

    def read_roster(self, path: Path) -> None:
        self.roster, problems = read_roster(path, self.policy, self.shown(path))
        self.problems.extend(problems)

    def shown(self, path: Path) -> str:
        # Resolving every file costs a system call per folder level (seconds at
        # 10,000 entries): resolve the content folder once and append the rest.
        # Symlinked folders never get this far; a symlinked file shows where it sits.
        text = str(path)
        if (
            self.shown_prefix is not None
            and self.content_prefix is not None
            and (text.startswith(self.content_prefix))
        ):
            rest = text[len(self.content_prefix) :]
            return rest if self.shown_prefix == "." else f"{self.shown_prefix}/{rest}"
        try:
            real = self.content_real / path.relative_to(self.content_dir)
        except ValueError:
            real = path.resolve()
        try:
            return real.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def shown_link(self, link: Path) -> str:
        """A symbolic link as the school sees it, never the place it points to."""
        try:
            return (link.parent.resolve() / link.name).relative_to(self.root).as_posix()
        except ValueError:
            return link.as_posix()

    def walk(self) -> None:
        base = self.content_dir / SCHOOLS_DIR
        if not base.is_dir():
            return
        for name in self.memo.listing(base):
            if name.startswith((".", "_")):
                continue
            folder = base / name
            if folder.is_symlink():
                self.problems.append(
                    problem("FOLDER_LINKED", self.shown_link(folder), value=folder.name)
                )
                continue
            if folder.is_dir():
                self.walk_school(folder)

    def walk_school(self, folder: Path) -> None:
        slug = folder.name
        index = folder / INDEX
        entry_dirs = [
            d
            for d in (
                folder / name
                for name in self.memo.listing(folder)
                if not name.startswith((".", "_"))
            )
            if d.is_dir() and (d / INDEX).exists()
        ]
        self.report_untexted(folder, {d.name for d in entry_dirs})
        school: School | None = None
        if not is_slug(slug):
            self.problems.append(
                problem(
                    "SLUG_INVALID",
                    self.shown(folder),
                    value=slug,
                    suggestion=slugify(slug) or "nama-sekolah",
                )
            )
        elif not index.is_file():
            if entry_dirs:
                self.problems.append(problem("SCHOOL_MISSING", self.shown(folder), school=slug))
        else:
            shown = self.shown(index)
            rostered = self.roster is not None
            source, school, problems = self.memo.markdown(
                index,
                shown,
                ("school", slug, self.policy, rostered),
                lambda src, disk: parse_school(
                    slug, index, shown, src.meta, src.body, self.policy, disk, rostered=rostered
                ),
            )
            self.problems.extend(problems)
            name = source.meta.get("name") if source is not None else None
            self.names[slug] = name if isinstance(name, str) else slug
        self.schools.append(school)
        self.school_ok[slug] = school is not None
        for entry_dir in entry_dirs:
            self.pending.append((slug, self.read_entry(slug, entry_dir)))

    def report_untexted(self, school: Path, entries: set[str]) -> None:
        """A folder with a video but no ``index.md``: the school forgot the text."""
        for name in self.memo.listing(school):
            folder = school / name
            if name in entries or name.startswith((".", "_")) or folder.is_symlink():
                continue
            if not folder.is_dir():
                continue
            try:
                names = self.memo.listing(folder)
            except OSError:
                continue
            videos = [n for n in names if suffix_of(n).lower() in VIDEO_SUFFIXES]
            if videos:
                self.problems.append(
                    problem(
                        "ENTRY_TEXT_MISSING",
                        self.shown(folder),
                        entry=name,
                        video=", ".join(videos),
                    )
                )

    def read_entry(self, school_slug: str, folder: Path) -> Entry | None:
        self.seen.append((folder, self.policy.default_status, ""))
        index = folder / INDEX
        shown = self.shown(index)
        if folder.is_symlink():
            self.problems.append(
                problem("FOLDER_LINKED", self.shown_link(folder), value=folder.name)
            )
            return None
        if not is_slug(folder.name):
            suggestion = slugify(folder.name) or "nama-entri"
            self.problems.append(
                problem(
                    "SLUG_INVALID", self.shown(folder), value=folder.name, suggestion=suggestion
                )
            )
            return None
        slug = folder.name
        source, entry, problems = self.memo.markdown(
            index,
            shown,
            ("entry", school_slug, slug, self.policy, self.today),
            lambda src, disk: parse_entry(
                school_slug, slug, index, shown, src.meta, src.body, self.policy, self.today, disk
            ),
        )
        self.problems.extend(problems)
        meta = source.meta if source is not None else {}
        declared, title = meta.get("status"), meta.get("title")
        self.seen[-1] = (
            folder,
            declared if isinstance(declared, str) else self.seen[-1][1],
            str(title) if title is not None else "",
        )
        if entry is not None:
            entry = self.check_video_file(entry)
        elif source is not None:
            self.remember_video(f"{school_slug}/{slug}", folder, source.meta.get("video"))
        return entry

    def remember_video(self, key: str, folder: Path, name: object) -> None:
        """The video of an entry refused for its text, probed anyway so every problem shows."""
        if not isinstance(name, str):
            return
        resolved = resolve_inside(folder, name)
        if resolved.path is None or resolved.refusal is not None:
            return
        try:
            size = resolved.path.stat().st_size
        except OSError:
            return
        if size == 0:
            self.problems.append(
                problem("VIDEO_EMPTY", self.shown(resolved.path), value=resolved.path.name)
            )
        elif size > self.policy.max_file_bytes:
            self.problems.append(
                problem(
                    "VIDEO_TOO_BIG",
                    self.shown(resolved.path),
                    size_mb=round(size / 2**20),
                    max_mb=round(self.policy.max_file_bytes / 2**20),
                )
            )
        else:
            self.refused_videos.append((key, resolved.path))

    def records(self, entries: list[Entry | None]) -> tuple[EntryRecord, ...]:
        """Every entry folder seen, with its problems (``entries`` is in ``pending`` order)."""
        by_folder: dict[str, list[Problem]] = {}
        for item in self.problems:
            by_folder.setdefault(os.path.dirname(item.path), []).append(item)
            by_folder.setdefault(item.path, []).append(item)  # a problem about the folder
        records = []
        for (school_slug, _), (folder, status, title), entry in zip(
            self.pending, self.seen, entries, strict=True
        ):
            shown = self.shown(folder)
            records.append(
                EntryRecord(
                    f"{school_slug}/{folder.name}",
                    folder / INDEX,
                    status,
                    entry,
                    tuple(by_folder.get(shown, ())),
                    title,
                )
            )
        return tuple(records)

    def check_video_file(self, entry: Entry) -> Entry | None:
        others = [
            name
            for name in self.memo.listing(entry.folder)
            if suffix_of(name).lower() in VIDEO_SUFFIXES and name != entry.video.name
        ]
        if others:
            self.problems.append(
                problem(
                    "VIDEO_EXTRA",
                    self.shown(entry.source),
                    value=entry.video.name,
                    others=", ".join(others),
                )
            )
        stat = entry.video.stat()
        size = stat.st_size
        if size == 0:
            self.problems.append(
                problem("VIDEO_EMPTY", self.shown(entry.video), value=entry.video.name)
            )
            return None
        if size < LFS_POINTER_MAX and _is_lfs_pointer(entry.video):
            self.problems.append(
                problem("VIDEO_LFS_POINTER", self.shown(entry.video), value=entry.video.name)
            )
            return None
        if size > self.policy.max_file_bytes:
            self.problems.append(
                problem(
                    "VIDEO_TOO_BIG",
                    self.shown(entry.video),
                    size_mb=round(size / 2**20),
                    max_mb=round(self.policy.max_file_bytes / 2**20),
                )
            )
            return None
        return entry

    def check_captions(self, entry: Entry) -> Entry:
        """``entry`` with its caption tracks: those front matter names and those beside the
        video (``video.id.srt``), each read and checked. A track nothing can be used of
        stays listed without a digest (never published; its file is not "unknown" to the
        folder sorter) beside its warning, and the entry stays valid.

        Two files in one language: one is used (:func:`_preferred`), the other stays listed
        without a digest. The checked ``video.id.diperiksa.vtt`` the desk wrote beside the
        school's ``video.srt`` is used without a word; two of the school's files are a
        ``CAPTIONS_DUPLICATE`` warning naming both.
        """
        named = {os.path.realpath(t.source) for t in entry.captions}
        tracks = list(entry.captions)
        try:
            names = sorted(self.memo.listing(entry.folder))
        except OSError:
            names = []
        for name in names:
            language = language_of(name, entry.video.name, entry.language)
            if language is None:
                continue
            resolved = resolve_inside(entry.folder, name)
            if resolved.path is not None and os.path.realpath(resolved.path) not in named:
                named.add(os.path.realpath(resolved.path))
                tracks.append(CaptionTrack(language, resolved.path))
        duration = entry.video_info.duration if entry.video_info is not None else None
        checked: list[CaptionTrack] = []
        for track in tracks:
            captions = read_file(track.source, duration)
            shown = self.shown(track.source)
            for found in captions.findings:
                self.problems.append(
                    problem(
                        found.code,
                        shown,
                        value=track.source.name,
                        line=found.line,
                        count=found.count,
                        max_kb=MAX_BYTES // 1024,
                        max_chars=MAX_LINE_CHARS,
                        max_lines=MAX_LINES,
                    )
                )
            digest = captions.digest() if captions.usable else ""
            checked.append(CaptionTrack(track.language, track.source, digest))
        if not checked and not entry.captions:
            return entry
        kept: list[CaptionTrack] = []
        for language in dict.fromkeys(t.language for t in checked):
            same = [t for t in checked if t.language == language]
            used = _preferred(same, front=len(entry.captions), order=checked)
            kept.append(used)
            for other in (t for t in same if t is not used):
                if _supersedes(used, other):
                    kept.append(CaptionTrack(other.language, other.source))
                    continue  # the desk's checked copy of the school's captions: as designed
                self.problems.append(
                    problem(
                        "CAPTIONS_DUPLICATE",
                        self.shown(other.source),
                        value=other.source.name,
                        used=used.source.name,
                        language=language,
                    )
                )
                kept.append(CaptionTrack(other.language, other.source))  # listed, never used
        return replace(entry, captions=tuple(sorted(kept, key=lambda t: t.language)))

    def check_npsn(self) -> None:
        """Profiles sharing an NPSN: the rightful one keeps publishing, the others are refused."""
        groups: dict[str, list[School]] = {}
        for school in self.schools:
            if school is not None:
                groups.setdefault(school.npsn, []).append(school)
        published = Counter(slug for slug, e in self.pending if e is not None and e.is_published)
        for npsn, group in groups.items():
            if len(group) < 2:
                continue
            keeper = self.rightful(npsn, group, published)
            for school in group:
                if school is keeper:
                    continue
                others = [keeper] if keeper is not None else [s for s in group if s is not school]
                self.problems.append(
                    problem(
                        "NPSN_DUPLICATE",
                        self.shown(school.source),
                        value=npsn,
                        other=self.shown_all(others),
                    )
                )
                self.school_ok[school.slug] = False
            if keeper is not None:
                refused = [s for s in group if s is not keeper]
                self.problems.append(
                    problem(
                        "NPSN_DUPLICATE_KEPT",
                        self.shown(keeper.source),
                        value=npsn,
                        other=self.shown_all(refused),
                    )
                )
        self.schools = [s if s is None or self.school_ok[s.slug] else None for s in self.schools]

    def shown_all(self, schools: Sequence[School]) -> str:
        return ", ".join(self.shown(s.folder) for s in schools)

    def rightful(
        self, npsn: str, group: Sequence[School], published: Counter[str]
    ) -> School | None:
        """The profile that keeps an NPSN: the one named as on the roster (or clearly nearest
        to that name), else the only one with published entries; None when they cannot be
        told apart."""
        listed = self.roster.get(npsn) if self.roster is not None else None
        if listed is not None:
            wanted = fold_name(listed.name)
            named = [s for s in group if fold_name(s.name) == wanted]
            if len(named) == 1:
                return named[0]
            if not named:  # "SDN 1 Blora" is the roster's "SD Negeri 1 Blora", "SD Typo" is not
                scores = sorted(
                    (
                        (difflib.SequenceMatcher(None, fold_name(s.name), wanted).ratio(), i)
                        for i, s in enumerate(group)
                    ),
                    reverse=True,
                )
                (best, i), runner_up = scores[0], scores[1][0]
                if best >= 0.6 and best - runner_up >= 0.2:
                    return group[i]
        with_entries = [s for s in group if published[s.slug]]
        return with_entries[0] if len(with_entries) == 1 else None

    def apply_roster(self) -> None:
        """Every profile's NPSN must be on the roster; the roster's identity wins."""
        roster = self.roster
        if roster is None:
            return
        for i, school in enumerate(self.schools):
            if school is None:
                continue
            listed = roster.get(school.npsn)
            shown = self.shown(school.source)
            if listed is None:
                closest = roster.closest(name=school.name or school.slug, npsn=school.npsn)
                self.problems.append(
                    problem(
                        "SCHOOL_NOT_ON_ROSTER",
                        shown,
                        value=school.npsn,
                        roster=self.shown(roster.source),
                        closest=hint(closest),
                    )
                )
                self.school_ok[school.slug] = False
                self.off_roster[school.slug] = school.npsn
                self.schools[i] = None
                continue
            for key, written, wanted, same in (
                (
                    "name",
                    school.name,
                    listed.name,
                    fold_name(school.name) == fold_name(listed.name),
                ),
                (
                    "level",
                    school.level,
                    listed.level,
                    school.level.casefold() == listed.level.casefold(),
                ),
                (
                    "district",
                    school.district,
                    listed.district,
                    school.district.casefold() == listed.district.casefold(),
                ),
            ):
                if written and not same:
                    self.problems.append(
                        problem(
                            "SCHOOL_ROSTER_MISMATCH",
                            shown,
                            field=key,
                            value=written,
                            roster_value=wanted,
                        )
                    )
            self.schools[i] = replace(
                school,
                name=listed.name,
                level=listed.level,
                district=listed.district,
                address=listed.address or school.address,
            )
            self.names[school.slug] = listed.name

    def attach_schools(self) -> list[Entry | None]:
        entries: list[Entry | None] = []
        for school_slug, entry in self.pending:
            if entry is not None and not self.school_ok.get(school_slug, False):
                school_file = self.shown(self.content_dir / SCHOOLS_DIR / school_slug / INDEX)
                npsn = self.off_roster.get(school_slug)
                if npsn is not None and entry.is_published and self.roster is not None:
                    # A published entry going offline because of the roster: said by name.
                    self.problems.append(
                        problem(
                            "ENTRY_OFF_ROSTER",
                            self.shown(entry.source),
                            value=npsn,
                            roster=self.shown(self.roster.source),
                            school_file=school_file,
                        )
                    )
                else:
                    self.problems.append(
                        problem("SCHOOL_INVALID", self.shown(entry.source), school_file=school_file)
                    )
                entry = None
            entries.append(entry)
        return entries

    def probe_videos(
        self,
        entries: list[Entry | None],
        prober: Prober,
        known_to: Known | None,
        only: Sequence[Path],
        jobs: int,
        select: Callable[[str], bool] | None,
    ) -> list[Entry | None]:
        wanted = [
            e
            for e in entries
            if e is not None and _below(e.folder, only) and (select is None or select(e.key))
        ]
        results: dict[str, ProbeResult] = {}
        todo: list[Entry] = []
        for item in wanted:
            known = _known(known_to, item.video) if known_to is not None else None
            if known is not None:
                results[item.key] = known
                self.memo.tally("probes_reused")
            else:
                todo.append(item)
        if todo:  # only what the prober does not know is worth a thread pool
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                done = pool.map(lambda item: prober(item.video), todo)
                for item, result in zip(todo, done, strict=True):
                    results[item.key] = result
        checked: list[Entry | None] = []
        for entry in entries:
            if entry is not None and entry.key in results:
                entry = self.check_probe(entry, results[entry.key])
            checked.append(entry)
        return checked

    def probe_refused(
        self,
        prober: Prober,
        only: Sequence[Path],
        jobs: int,
        select: Callable[[str], bool] | None,
    ) -> None:
        """Probe the videos of entries refused for their text: a too-long clip is said too."""
        todo = [
            (key, video)
            for key, video in self.refused_videos
            if _below(video.parent, only) and (select is None or select(key))
        ]
        if not todo:
            return
        with ThreadPoolExecutor(max_workers=max(1, min(jobs, len(todo)))) as pool:
            for (key, video), result in zip(
                todo, pool.map(lambda job: prober(job[1]), todo), strict=True
            ):
                if result.info is not None:
                    self.refused_durations[key] = result.info.duration
                bad = self.probe_problem(video, result)
                if bad is not None:
                    self.problems.append(bad)

    def probe_problem(self, video: Path, result: ProbeResult) -> Problem | None:
        """What is wrong with a probed video (unreadable, too short or long), if anything."""
        info = result.info
        if info is None:
            code = FAILURE_CODES.get(result.failure or "", "VIDEO_UNREADABLE")
            return problem(
                code,
                self.shown(video),
                value=video.name,
                **result.reasons,
                timeout=int(self.policy.probe_timeout),
            )
        return self.duration_problem(video, info)

    def check_probe(self, entry: Entry, result: ProbeResult) -> Entry | None:
        bad = self.probe_problem(entry.video, result)
        if bad is not None:
            self.problems.append(bad)
            return None
        info = result.info
        assert info is not None
        if entry.poster_time is not None and entry.poster_time >= info.duration:
            self.problems.append(
                problem("POSTER_TIME_INVALID", self.shown(entry.source), value=entry.poster_time)
            )
            return None
        return replace(entry, video_info=info)

    def duration_problem(self, video: Path, info: VideoInfo) -> Problem | None:
        p, seconds = self.policy, round(info.duration)
        bounds = {"min_s": _num(p.duration_min), "max_s": _num(p.duration_max)}
        if info.duration < p.duration_min - p.duration_tolerance:
            return problem("VIDEO_TOO_SHORT", self.shown(video), seconds=seconds, **bounds)
        if info.duration > p.duration_max + p.duration_tolerance:
            return problem("VIDEO_TOO_LONG", self.shown(video), seconds=seconds, **bounds)
        return None


#: A Git LFS pointer is a few lines of text; a video is never this small.
LFS_POINTER_MAX = 1024


def _is_lfs_pointer(path: Path) -> bool:
    """Whether ``path`` holds Git LFS's pointer text instead of the video it stands for."""
    try:
        with open_regular(path) as handle:
            return handle.read(64).startswith(b"version https://git-lfs")
    except OSError:
        return False


def _known(known_to: Known, video: Path) -> ProbeResult | None:
    try:
        return known_to(video)
    except OSError:  # vanished since: the prober itself will say so
        return None


def _below(folder: Path, only: Sequence[Path]) -> bool:
    return not only or within(folder, only)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _supersedes(used: CaptionTrack, other: CaptionTrack) -> bool:
    """Whether ``used`` is the copy a person checked in the desk of the school's ``other``
    (the editor opens the school's captions and saves the checked file beside them)."""
    return origin_of(used.source) == "checked" and origin_of(other.source) == "school"


def _preferred(
    same: Sequence[CaptionTrack], *, front: int, order: Sequence[CaptionTrack]
) -> CaptionTrack:
    """Which of one language's caption files an entry uses: one with cues first, then the
    file a person checked in the desk (its ``NOTE diperiksa``: newer work than what the
    school sent), then the one front matter names, then the first by name."""

    def rank(track: CaptionTrack) -> tuple[bool, bool, bool, str]:
        named = order.index(track) < front
        return (not track.usable, origin_of(track.source) != "checked", not named,
                track.source.name)  # fmt: skip

    return min(same, key=rank)

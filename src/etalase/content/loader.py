"""Walking ``content/sekolah/`` into a validated :class:`Catalogue` and a problem list.

The loader never raises on what schools send. It reads every school profile and
entry, checks cross-file rules (NPSN uniqueness, an entry's school must be
valid), then probes the videos in parallel with bounded ffprobe calls and
checks their size and duration against the policy. Only entries without errors
enter the catalogue; every problem found is returned beside it. Every file,
folder listing and probe goes through a :class:`~etalase.content.memo.ReadMemo`,
so a load given the previous load's memo reads only what changed.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from ..media.cache import CacheProber
from ..media.probe import FAILURE_CODES, ProbeResult, VideoInfo, probe
from ..media.tools import Tools
from ..paths import is_slug, slugify, suffix_of
from ..policy import Policy
from ..problems import Problem, problem
from .innovation import load_innovations
from .memo import ReadMemo
from .model import Catalogue, Entry, School
from .schema import parse_entry, parse_school

SCHOOLS_DIR = "sekolah"
INDEX = "index.md"
VIDEO_SUFFIXES = frozenset(
    {".mp4", ".m4v", ".mov", ".3gp", ".3g2", ".webm", ".mkv", ".avi", ".mpg", ".mpeg",
     ".ts", ".mts", ".wmv", ".flv"}
)  # fmt: skip

Prober = Callable[[Path], ProbeResult]


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The catalogue of valid content and every problem found on the way."""

    catalogue: Catalogue
    problems: tuple[Problem, ...]
    school_names: dict[str, str]
    entries_seen: int

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


def load_catalogue(
    content_dir: Path,
    policy: Policy,
    *,
    tools: Tools | None,
    root: Path | None = None,
    only: Sequence[Path] = (),
    jobs: int | None = None,
    today: dt.date | None = None,
    prober: Prober | None = None,
    select: Callable[[str], bool] | None = None,
    memo: ReadMemo | None = None,
) -> LoadResult:
    """Load and validate everything under ``content_dir/sekolah``.

    Args:
        content_dir: The MkDocs ``docs_dir``.
        policy: What the office accepts.
        tools: ffmpeg/ffprobe; ``None`` skips probing (videos are then only
            checked for existence and size, and entries are still valid).
        root: Problem paths are shown relative to this folder (default: cwd).
        only: Probe only videos below these paths (all when empty).
        jobs: Parallel ffprobe calls (default: CPU count).
        today: The date against which future dates are flagged.
        prober: Probes one video instead of a bare ffprobe call, e.g. the media
            cache's (:meth:`etalase.media.cache.MediaCache.prober`), so an
            unchanged clip is not probed again.
        select: Probe only the entries whose key it accepts (e.g. one media
            shard's); the others stay in the catalogue unprobed.
        memo: What the previous load in this process read. Files, folders and
            videos unchanged since are not read, parsed or probed again; the
            result is the same as without it. Keep one per process (e.g. on the
            MkDocs plugin instance, which lives across ``serve`` rebuilds) and
            pass it every time; without one, the load keeps nothing.
    """
    memo = memo if memo is not None else ReadMemo(keep=False)
    memo.begin()
    loader = _Loader(content_dir, policy, root or Path.cwd(), today or dt.date.today(), memo)
    loader.walk()
    loader.check_npsn()
    entries = loader.attach_schools()
    if tools is not None:
        timeout = policy.probe_timeout
        fn = prober or _bare_prober(tools, timeout)
        entries = loader.probe_videos(entries, fn, only, jobs or os.cpu_count() or 2, select)
    memo.end()
    valid = tuple(e for e in entries if e is not None)
    catalogue = Catalogue(schools=tuple(s for s in loader.schools if s is not None), entries=valid)
    innovations, found = load_innovations(content_dir, catalogue, policy, loader.shown,
                                          loader.today)  # fmt: skip
    if innovations:
        catalogue = replace(catalogue, innovations=innovations)
    loader.problems += found
    return LoadResult(catalogue, tuple(loader.problems), loader.names, loader.entries_seen)


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
        self.video_stats: dict[str, os.stat_result] = {}  # by entry key, for the probe memo
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
        self.entries_seen = 0

    def shown(self, path: Path) -> str:
        # Resolving every file costs a system call per folder level (seconds at
        # 10,000 entries): resolve the content folder once and append the rest.
        # Symlinked folders never get this far; a symlinked file shows where it sits.
        text = str(path)
        if self.shown_prefix is not None and self.content_prefix is not None and (
            text.startswith(self.content_prefix)
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
                self.problems.append(problem("PATH_OUTSIDE", self.shown_link(folder),
                                             field="folder", value=folder.name))  # fmt: skip
                continue
            if folder.is_dir():
                self.walk_school(folder)

    def walk_school(self, folder: Path) -> None:
        slug = folder.name
        index = folder / INDEX
        entry_dirs = [
            d
            for d in (folder / name for name in self.memo.listing(folder)
                      if not name.startswith((".", "_")))
            if d.is_dir() and (d / INDEX).exists()
        ]  # fmt: skip
        school: School | None = None
        if not is_slug(slug):
            self.problems.append(problem("SLUG_INVALID", self.shown(folder), value=slug,
                                         suggestion=slugify(slug) or "nama-sekolah"))  # fmt: skip
        elif not index.is_file():
            if entry_dirs:
                self.problems.append(problem("SCHOOL_MISSING", self.shown(folder), school=slug))
        else:
            shown = self.shown(index)
            source, school, problems = self.memo.markdown(
                index, shown, ("school", slug, self.policy),
                lambda src, disk: parse_school(slug, index, shown, src.meta, src.body,
                                               self.policy, disk),
            )  # fmt: skip
            self.problems.extend(problems)
            name = source.meta.get("name") if source is not None else None
            self.names[slug] = name if isinstance(name, str) else slug
        self.schools.append(school)
        self.school_ok[slug] = school is not None
        for entry_dir in entry_dirs:
            self.pending.append((slug, self.read_entry(slug, entry_dir)))

    def read_entry(self, school_slug: str, folder: Path) -> Entry | None:
        self.entries_seen += 1
        index = folder / INDEX
        shown = self.shown(index)
        if folder.is_symlink():
            self.problems.append(problem("PATH_OUTSIDE", self.shown_link(folder),
                                         field="folder", value=folder.name))  # fmt: skip
            return None
        if not is_slug(folder.name):
            suggestion = slugify(folder.name) or "nama-entri"
            self.problems.append(problem("SLUG_INVALID", self.shown(folder), value=folder.name,
                                         suggestion=suggestion))  # fmt: skip
            return None
        slug = folder.name
        _, entry, problems = self.memo.markdown(
            index, shown, ("entry", school_slug, slug, self.policy, self.today),
            lambda src, disk: parse_entry(school_slug, slug, index, shown, src.meta, src.body,
                                          self.policy, self.today, disk),
        )  # fmt: skip
        self.problems.extend(problems)
        if entry is not None:
            entry = self.check_video_file(entry)
        return entry

    def check_video_file(self, entry: Entry) -> Entry | None:
        others = [
            name
            for name in self.memo.listing(entry.folder)
            if suffix_of(name).lower() in VIDEO_SUFFIXES and name != entry.video.name
        ]
        if others:
            self.problems.append(problem("VIDEO_EXTRA", self.shown(entry.source),
                                         value=entry.video.name,
                                         others=", ".join(others)))  # fmt: skip
        stat = entry.video.stat()
        self.video_stats[entry.key] = stat
        size = stat.st_size
        if size == 0:
            self.problems.append(problem("VIDEO_EMPTY", self.shown(entry.video),
                                         value=entry.video.name))  # fmt: skip
            return None
        if size > self.policy.max_file_bytes:
            self.problems.append(problem(
                "VIDEO_TOO_BIG", self.shown(entry.video), size_mb=round(size / 2**20),
                max_mb=round(self.policy.max_file_bytes / 2**20),
            ))  # fmt: skip
            return None
        return entry

    def check_npsn(self) -> None:
        seen: dict[str, School] = {}
        for i, school in enumerate(self.schools):
            if school is None:
                continue
            first = seen.get(school.npsn)
            if first is None:
                seen[school.npsn] = school
                continue
            for this, other in ((school, first), (first, school)):
                self.problems.append(problem("NPSN_DUPLICATE", self.shown(this.source),
                                             value=this.npsn,
                                             other=self.shown(other.source)))  # fmt: skip
                self.school_ok[this.slug] = False
            self.schools[i] = None
        self.schools = [s if s is None or self.school_ok[s.slug] else None for s in self.schools]

    def attach_schools(self) -> list[Entry | None]:
        entries: list[Entry | None] = []
        for school_slug, entry in self.pending:
            if entry is not None and not self.school_ok.get(school_slug, False):
                school_file = self.shown(self.content_dir / SCHOOLS_DIR / school_slug / INDEX)
                self.problems.append(problem("SCHOOL_INVALID", self.shown(entry.source),
                                             school_file=school_file))  # fmt: skip
                entry = None
            entries.append(entry)
        return entries

    def probe_videos(
        self,
        entries: list[Entry | None],
        prober: Prober,
        only: Sequence[Path],
        jobs: int,
        select: Callable[[str], bool] | None,
    ) -> list[Entry | None]:
        wanted = [e for e in entries if e is not None and _below(e.folder, only)
                  and (select is None or select(e.key))]  # fmt: skip
        results: dict[str, ProbeResult] = {}
        todo: list[tuple[Entry, os.stat_result | None]] = []
        for item in wanted:
            stat = self.video_stats.get(item.key)
            known = self.memo.probed(item.video, stat, prober) if stat is not None else None
            if known is None and isinstance(prober, CacheProber):
                known = _known_to(prober, item.video)
                if known is not None and stat is not None:
                    self.memo.remember_probe(item.video, stat, prober, known)
            if known is not None:
                results[item.key] = known
            else:
                todo.append((item, stat))
        if todo:  # only what no memory knows is worth a thread pool
            with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
                done = pool.map(lambda job: prober(job[0].video), todo)
                for (item, stat), result in zip(todo, done, strict=True):
                    results[item.key] = result
                    if stat is not None:
                        self.memo.remember_probe(item.video, stat, prober, result)
        checked: list[Entry | None] = []
        for entry in entries:
            if entry is not None and entry.key in results:
                entry = self.check_probe(entry, results[entry.key])
            checked.append(entry)
        return checked

    def check_probe(self, entry: Entry, result: ProbeResult) -> Entry | None:
        info = result.info
        if info is None:
            shown, name = self.shown(entry.video), entry.video.name
            code = FAILURE_CODES.get(result.failure or "", "VIDEO_UNREADABLE")
            self.problems.append(problem(code, shown, value=name, reason=result.reason,
                                         timeout=int(self.policy.probe_timeout)))  # fmt: skip
            return None
        bad = self.duration_problem(entry.video, info)
        if bad is not None:
            self.problems.append(bad)
            return None
        if entry.poster_time is not None and entry.poster_time >= info.duration:
            self.problems.append(problem("POSTER_TIME_INVALID", self.shown(entry.source),
                                         value=entry.poster_time))  # fmt: skip
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


@functools.lru_cache(maxsize=8)
def _bare_prober(tools: Tools, timeout: float) -> Prober:
    """A bare ffprobe call; the same one every load, so the memo's probe answers hold."""
    return lambda path: probe(tools, path, timeout)


def _known_to(prober: CacheProber, video: Path) -> ProbeResult | None:
    try:
        return prober.known(video)
    except OSError:  # vanished since: the prober itself will say so
        return None


def _below(folder: Path, only: Sequence[Path]) -> bool:
    if not only:
        return True
    here = folder.resolve()
    return any(here == o or o in here.parents for o in (p.resolve() for p in only))


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)

"""The media step: from a validated catalogue to posters and renditions in the cache.

:func:`run_media` is the one entry point, used by ``etalase media``, ``etalase
build`` and the MkDocs plugin; :func:`run_recipes` is the one runner under it
and under ``etalase offline``. Each entry is one job: probe (when the loader
did not), then the poster and every rendition row asked
(:func:`~etalase.media.rendition.renditions`),
each looked up in the cache by a key of content, settings and ffmpeg version
before any process is started; whatever is missing is made in one ffmpeg call
that decodes the clip once (:mod:`etalase.media.onepass`). Entries the cache
holds entirely are taken on the calling thread; only the others go to a
bounded thread pool (longest clips first), so a run with nothing to make
starts no thread. A failing or timed-out step becomes a
problem for that entry only; the other entries go on. The originals are only
ever read.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar, cast

from ..content.model import Catalogue, Entry
from ..content.video import FAILURE_CODES, ProbeResult, VideoInfo
from ..errors import ConfigError
from ..messages import text
from ..paths import shown
from ..policy import Policy
from ..problems import Lang, Problem, problem
from ..process import StepFailed
from ..reasons import os_reason, os_said
from .cache import CacheProber, MediaCache, Prober, job_key
from .container import mp4_duration
from .onepass import PassResult, PosterJob, one_pass, settle_posters
from .outputs import EntryMedia, Poster, Rendition
from .poster import POSTER_RECIPE, is_still, poster_sizes
from .progress import Outcome, Progress
from .rendition import Recipe, built, on_demand
from .tools import Tools

SAVE_EVERY = 5.0
DoneT = TypeVar("DoneT", covariant=True)


@dataclass(frozen=True, slots=True)
class MediaResult:
    """What a media run made, what went wrong, and how much work it took."""

    media: dict[str, EntryMedia]  # by Entry.key; entries whose media failed are absent
    problems: tuple[Problem, ...]
    processed: int  # entries for which ffmpeg/ffprobe ran
    reused: int  # entries served entirely from the cache
    failed: int
    seconds: float


def recipes(policy: Policy) -> tuple[Recipe, ...]:
    """The renditions a build makes (:func:`~etalase.media.rendition.built`): web, then hemat."""
    return built(policy)


def run_media(
    catalogue: Catalogue,
    policy: Policy,
    tools: Tools,
    *,
    cache_dir: Path,
    jobs: int | None = None,
    progress: bool = False,
    root: Path | None = None,
    lang: Lang = "id",
) -> MediaResult:
    """Make (or reuse) every entry's poster and renditions.

    Every entry of the catalogue is processed, whatever its status, so that
    curators can preview entries in review.

    Args:
        catalogue: Valid entries (with ``video_info`` when the loader probed them).
        policy: Sizes, bitrates and the per-call timeout.
        tools: ffmpeg and ffprobe.
        cache_dir: The cache folder (manifest and outputs).
        jobs: Entries worked on at once (default: CPU count).
        progress: Report progress on stderr (a bar on a terminal, lines otherwise).
        root: Problem paths are shown relative to this folder (default: cwd).
        lang: Language of the progress lines.

    Returns:
        The media per entry key, the problems, and counters.

    Raises:
        ConfigError: the cache folder cannot be written.
    """
    check_writable(cache_dir)
    return run_recipes(
        catalogue.entries,
        MediaCache.open(cache_dir),
        policy,
        tools,
        recipes(policy),
        posters=True,
        jobs=jobs,
        progress=progress,
        root=root,
        lang=lang,
    )


def run_recipes(
    entries: Sequence[Entry],
    cache: MediaCache,
    policy: Policy,
    tools: Tools,
    made: tuple[Recipe, ...],
    *,
    posters: bool,
    jobs: int | None = None,
    progress: bool = False,
    root: Path | None = None,
    lang: Lang = "id",
) -> MediaResult:
    """The one runner: every entry's renditions ``made`` (and posters), cached or made.

    The media step runs the rows a build makes, with posters; ``etalase
    offline`` runs the rows made on demand, without
    (:func:`etalase.media.offline.make_offline`). Same cache, same pool, same
    problems.
    """
    started = time.monotonic()
    workers = max(1, jobs or os.cpu_count() or 1)
    version = cache.tool_version(tools)
    job = _Job(
        cache=cache,
        policy=policy,
        tools=tools,
        version=version,
        prober=cache.prober(tools, policy.probe_timeout),
        root=(root or Path.cwd()).resolve(),
        cores=Cores(os.cpu_count() or 1, workers),
        recipes=made,
        posters=posters,
        kept=on_demand(policy) if posters else (),
        outcomes=cache.outcomes(("media", version, made, posters, policy)),
    )
    video_seconds = sum(e.video_info.duration for e in entries if e.video_info)
    reporter = (
        Progress(len(entries), sys.stderr, lang=lang, video_seconds=video_seconds)
        if progress
        else None
    )
    media: dict[str, EntryMedia] = {}
    problems: list[Problem] = []
    counts = {"processed": 0, "reused": 0, "failed": 0}

    def collect(done: _Done) -> None:
        counts[done.outcome] += 1
        problems.extend(done.problems)
        if done.media is not None:
            media[done.media.key] = done.media

    work_through(entries, job, collect, cache=cache, workers=workers, reporter=reporter)
    order = {e.key: i for i, e in enumerate(entries)}
    return MediaResult(
        media={k: media[k] for k in sorted(media, key=order.__getitem__)},
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.code))),
        processed=counts["processed"],
        reused=counts["reused"],
        failed=counts["failed"],
        seconds=time.monotonic() - started,
    )


class Cores:
    """Decoder and encoder threads per clip, chosen as each clip starts.

    Many clips: one thread each, as many clips at once as cores (threads cost
    more than they give on small work). A clip that runs alone, such as one
    long upload or the last of a run, gets every core: x264's frame threads
    keep them busy.
    """

    def __init__(self, cpus: int, workers: int) -> None:
        self.cpus = cpus
        self.workers = workers
        self.pending = 0  # clips not finished yet
        self._lock = threading.Lock()

    def threads(self) -> int:
        with self._lock:
            return max(1, self.cpus // max(1, min(self.workers, self.pending)))

    def finished(self) -> None:
        with self._lock:
            self.pending -= 1


def _duration(entry: Entry) -> float:
    return entry.video_info.duration if entry.video_info else 0.0


class Worker(Protocol[DoneT]):
    """What :func:`work_through` asks of a step: reuse from the cache, or run."""

    @property
    def cores(self) -> Cores: ...

    def reuse(self, entry: Entry, reporter: Progress | None) -> DoneT | None: ...

    def run(self, entry: Entry, reporter: Progress | None) -> DoneT: ...


def work_through(
    entries: Sequence[Entry],
    worker: Worker[DoneT],
    collect: Callable[[DoneT], None],
    *,
    cache: MediaCache,
    workers: int,
    reporter: Progress | None,
) -> None:
    """Every entry's clip: from the cache on this thread, else on ``workers`` pool threads.

    The clips to encode go longest first, so that the short ones fill the cores
    at the end; the manifest is saved every :data:`SAVE_EVERY` seconds and at
    the end. Ctrl-C (or a bug) finishes what runs and starts nothing new. The
    media step and the offline rendition both go through here.
    """
    try:
        todo: list[Entry] = []
        for entry in entries:
            reused = worker.reuse(entry, reporter)
            if reused is None:
                todo.append(entry)
            else:
                collect(reused)
        if todo:
            todo.sort(key=lambda e: -_duration(e))
            worker.cores.pending = len(todo)
            with ThreadPoolExecutor(max_workers=workers) as pool:
                futures = [pool.submit(worker.run, entry, reporter) for entry in todo]
                try:
                    for future in as_completed(futures):
                        collect(future.result())
                        cache.save(at_most_every=SAVE_EVERY)
                except BaseException:
                    pool.shutdown(cancel_futures=True)
                    raise
    finally:
        cache.save()
        if reporter is not None:
            reporter.close()


@dataclass(slots=True)
class _Done:
    media: EntryMedia | None
    outcome: Outcome
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Job:
    """Everything one entry's work needs; :meth:`run` is called on pool threads."""

    cache: MediaCache
    policy: Policy
    tools: Tools
    version: str
    prober: Prober
    root: Path
    cores: Cores
    recipes: tuple[Recipe, ...]
    posters: bool = True  # make the posters too (the media step), or renditions only
    #: Rows made on demand elsewhere whose files a prune must keep while the clip is here.
    kept: tuple[Recipe, ...] = ()
    #: What the cache's outputs gave each entry before, in this process (see reuse).
    outcomes: dict[str, tuple[Hashable, object]] = field(default_factory=dict)

    def shown(self, path: Path) -> str:
        return shown(path, self.root)

    def run(self, entry: Entry, reporter: Progress | None) -> _Done:
        started = time.monotonic()
        if reporter is not None:
            reporter.start(entry.key)
        try:
            done = self.work(entry)
        finally:
            self.cores.finished()
        if reporter is not None:
            video = done.media.duration if done.media is not None else _duration(entry)
            reporter.finish(entry.key, done.outcome, time.monotonic() - started, video)
        return done

    def reuse(self, entry: Entry, reporter: Progress | None) -> _Done | None:
        """The entry's media when the cache holds all of it (no hashing, no process), else None."""
        started = time.monotonic()
        info = entry.video_info
        if info is None:
            return None
        try:
            sha = self.cache.known_hash(entry.video)
        except OSError:  # reported by run(), with the reason
            return None
        if sha is None:
            return None
        known = self.outcomes
        kept = known.get(entry.key)
        done = cast(_Done, kept[1]) if kept is not None and kept[0] == (sha, entry) else None
        if done is None:
            done = self.reuse_cached(entry, info, sha)
            if done is None:
                return None
            known[entry.key] = ((sha, entry), done)
        if reporter is not None:
            reporter.start(entry.key)
            reporter.finish(entry.key, done.outcome, time.monotonic() - started, info.duration)
        return done

    def reuse_cached(self, entry: Entry, info: VideoInfo, sha: str) -> _Done | None:
        """The entry's media from the cache's outputs, or None when one is missing."""
        self.keep_on_demand(sha)
        posters, still = self.cached_posters(entry, sha)
        if posters is None:
            return None
        renditions: list[Rendition] = []
        for recipe in self.recipes:
            found = self.cached_rendition(sha, recipe)
            if found is None:
                return None
            renditions.append(found)
        return _Done(
            EntryMedia(entry.key, info.duration, posters, tuple(renditions)),
            "reused",
            self.still_warnings(entry, still),
        )

    def work(self, entry: Entry) -> _Done:
        name = entry.video.name
        try:
            info = entry.video_info or self.probe(entry)
            sha = self.cache.source_hash(entry.video)
        except ProbeFailed as failed:
            return _Done(None, "failed", [failed.problem])
        except OSError as exc:  # vanished or unreadable since the loader saw it
            return _Done(
                None,
                "failed",
                [
                    problem(
                        "VIDEO_UNREADABLE",
                        self.shown(entry.video),
                        value=name,
                        **os_reason(exc),
                    )
                ],
            )
        self.keep_on_demand(sha)
        posters, still = self.cached_posters(entry, sha)
        poster_job = None if posters is not None else self.poster_job(entry, info, sha)
        renditions: dict[str, Rendition] = {}
        missing: list[tuple[Recipe, Path]] = []
        for recipe in self.recipes:
            found = self.cached_rendition(sha, recipe)
            if found is not None:
                renditions[recipe.name] = found
            else:
                target = self.cache.output_path(self.rendition_key(sha, recipe), recipe.file_name)
                missing.append((recipe, target))
        if posters is not None and not missing:
            return _Done(
                EntryMedia(
                    entry.key,
                    info.duration,
                    posters,
                    tuple(renditions[r.name] for r in self.recipes),
                ),
                "reused",
                self.still_warnings(entry, still),
            )
        warnings = self.still_warnings(entry, still)
        problems: list[Problem] = []
        steps = [*(["poster"] if poster_job else []), *(r.name for r, _ in missing)]
        try:
            made = one_pass(
                self.tools,
                entry.video,
                info,
                missing,
                poster_job,
                timeout=self.policy.media_timeout,
                threads=self.cores.threads(),
            )
        except StepFailed as exc:
            return _Done(
                None,
                "failed",
                [self.failure(step, entry.video, str(exc), exc.timed_out) for step in steps],
            )
        except OSError as exc:  # the cache folder, e.g. a full disk
            return _Done(
                None,
                "failed",
                [self.failure(step, entry.video, os_reason_text(exc)) for step in steps],
            )
        if cut_short(info, [r for r, _ in made.renditions]):
            return self.truncated(entry, made)
        for (recipe, _target), (rendition, remuxed) in zip(missing, made.renditions, strict=True):
            self.cache.record(
                self.rendition_key(sha, recipe),
                [rendition.path],
                {
                    "width": rendition.width,
                    "height": rendition.height,
                    "remuxed": remuxed,
                    "duration": info.duration,
                },
            )
            renditions[recipe.name] = rendition
        if poster_job is not None:
            try:
                made_posters, at = settle_posters(
                    self.tools,
                    entry.video,
                    info,
                    poster_job,
                    made,
                    timeout=self.policy.media_timeout,
                )
                posters = tuple(made_posters)
                still = is_still(made.looked)
                self.cache.record(
                    self.poster_key(entry, sha),
                    [p for pair in poster_job.targets for p in pair],
                    {"time": at, "sizes": [list(s) for s in poster_job.sizes], "still": still},
                )
                if still:
                    warnings.append(self.still_warning(entry))
            except StepFailed as exc:
                problems.append(self.failure("poster", entry.video, str(exc), exc.timed_out))
            except OSError as exc:
                problems.append(self.failure("poster", entry.video, os_reason_text(exc)))
        if problems or posters is None:
            return _Done(None, "failed", problems)
        result = EntryMedia(
            entry.key, info.duration, posters, tuple(renditions[r.name] for r in self.recipes)
        )
        return _Done(result, "processed", warnings)

    def truncated(self, entry: Entry, made: PassResult) -> _Done:
        """A clip whose decode ended well before its headers' duration: nothing is kept.

        Its container states no size (else the probe had said so), so the probe
        answer is corrected: ``etalase check`` and ingest say it too from now on.
        """
        for rendition, _ in made.renditions:
            rendition.path.unlink(missing_ok=True)
        if isinstance(self.prober, CacheProber):
            with contextlib.suppress(OSError):
                self.prober.correct(entry.video, ProbeResult(None, "truncated"))
        where = self.shown(entry.video)
        return _Done(None, "failed", [problem("VIDEO_TRUNCATED", where, value=entry.video.name)])

    def still_warnings(self, entry: Entry, still: bool) -> list[Problem]:
        """``VIDEO_STILL`` when the poster step found the clip one still picture."""
        return [self.still_warning(entry)] if still else []

    def still_warning(self, entry: Entry) -> Problem:
        return problem("VIDEO_STILL", self.shown(entry.video), value=entry.video.name)

    def probe(self, entry: Entry) -> VideoInfo:
        return probe_entry(self.prober, entry, self.policy, self.root)

    def failure(self, step: str, video: Path, reason: str, timed_out: bool = False) -> Problem:
        return step_problem(step, video, reason, self.policy, self.root, timed_out=timed_out)

    def keep_on_demand(self, sha: str) -> None:
        """Mark the clip's on-demand renditions (the offline WebM), if made, as in use.

        ``etalase offline`` makes them; a later ``etalase media --prune`` must
        not throw that encode away while the clip is in the catalogue.
        """
        for recipe in self.kept:
            self.cache.lookup(recipe.cache_key(sha, self.version))

    def poster_key(self, entry: Entry, sha: str) -> str:
        return job_key(
            "poster", sha, self.version, POSTER_RECIPE, self.policy.poster_widths, entry.poster_time
        )

    def cached_posters(self, entry: Entry, sha: str) -> tuple[tuple[Poster, ...] | None, bool]:
        """The entry's posters from the cache (or None), and whether the clip is one still.

        A run without posters (``etalase offline``'s) has all it needs: none.
        """
        if not self.posters:
            return (), False
        key = self.poster_key(entry, sha)
        meta = self.cache.lookup(key)
        if meta is None:
            return None, False
        return _posters_from_meta(self.cache, key, meta), meta.get("still") is True

    def poster_job(self, entry: Entry, info: VideoInfo, sha: str) -> PosterJob:
        key = self.poster_key(entry, sha)
        sizes = tuple(poster_sizes(info.display_size, self.policy.poster_widths))
        targets = tuple(
            (self.cache.output_path(key, f"{w}.webp"), self.cache.output_path(key, f"{w}.jpg"))
            for w, _ in sizes
        )
        return PosterJob(sizes, targets, entry.poster_time)

    def rendition_key(self, sha: str, recipe: Recipe) -> str:
        return recipe.cache_key(sha, self.version)

    def cached_rendition(self, sha: str, recipe: Recipe) -> Rendition | None:
        key = self.rendition_key(sha, recipe)
        meta = self.cache.lookup(key)
        if meta is None:
            return None
        target = self.cache.output_path(key, recipe.file_name)
        try:
            return Rendition(
                recipe.name,
                target,
                int(meta["width"]),
                int(meta["height"]),
                os.stat(target).st_size,
            )
        except (KeyError, TypeError, ValueError, OSError):
            return None


#: A decode may end a little before the headers' duration (a last frame, audio
#: priming); a clip is cut short when it ends more than this before it, both ways.
SHORT_SECONDS = 1.0
SHORT_SHARE = 0.1


def cut_short(info: VideoInfo, made: Sequence[Rendition]) -> bool:
    """Whether a rendition ffmpeg wrote is well shorter than the clip's headers said.

    The renditions are the clip as decoded (or copied packet by packet): a
    stalled upload in a container that states no size decodes to less than its
    headers promise. Read from the MP4s' own ``mvhd``; no second decode.
    """
    for rendition in made:
        seconds = mp4_duration(rendition.path)
        missing = info.duration - seconds if seconds is not None else 0.0
        if missing > SHORT_SECONDS and missing > SHORT_SHARE * info.duration:
            return True
    return False


def os_reason_text(exc: OSError) -> str:
    """What the system said about ``exc``, for a problem's ``reason``."""
    return os_reason(exc)["reason"]


def check_writable(folder: Path) -> None:
    """Refuse a cache folder that cannot be written (an environment problem, exit 2)."""
    probe_file = folder / f".write-test-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe_file.write_bytes(b"")
        probe_file.unlink()
    except OSError as exc:
        raise ConfigError("config.cache_unwritable", folder=folder, reason=os_said(exc)) from exc


class ProbeFailed(Exception):
    """A clip ffprobe could not read; :attr:`problem` says which and why."""

    def __init__(self, item: Problem) -> None:
        super().__init__(item.code)
        self.problem = item


def probe_entry(prober: Prober, entry: Entry, policy: Policy, root: Path) -> VideoInfo:
    """The facts of ``entry``'s clip, asked through ``prober`` (the cache's).

    Raises:
        ProbeFailed: ffprobe failed or timed out, with the problem to report.
    """
    result = prober(entry.video)
    if result.info is not None:
        return result.info
    code = FAILURE_CODES.get(result.failure or "", "VIDEO_UNREADABLE")
    raise ProbeFailed(
        problem(
            code,
            shown(entry.video, root),
            value=entry.video.name,
            **result.reasons,
            timeout=int(policy.probe_timeout),
        )
    )


def step_problem(
    step: str, video: Path, reason: str, policy: Policy, root: Path, *, timed_out: bool = False
) -> Problem:
    """The problem of a media step (``step.<step>`` in the message table) that failed.

    Args:
        step: ``poster``, ``web``, ``hemat`` or ``offline``.
        video: The school's clip.
        reason: What ffmpeg or the system said.
        policy: Its ``media_timeout`` is quoted on a time-out.
        root: The path is shown relative to this folder.
        timed_out: ffmpeg was killed at the time limit.
    """
    where, name = shown(video, root), video.name
    step_id, step_en = text(f"step.{step}", "id"), text(f"step.{step}", "en")
    if timed_out:
        return problem(
            "MEDIA_TIMEOUT",
            where,
            value=name,
            expected=step_id,
            expected_en=step_en,
            timeout=f"{policy.media_timeout:g}",
        )
    return problem(
        "MEDIA_FAILED", where, value=name, expected=step_id, expected_en=step_en, reason=reason
    )


def _posters_from_meta(
    cache: MediaCache, key: str, meta: dict[str, Any]
) -> tuple[Poster, ...] | None:
    try:
        sizes = [(int(w), int(h)) for w, h in meta["sizes"]]
    except (KeyError, TypeError, ValueError):
        return None
    return tuple(
        Poster(w, h, cache.output_path(key, f"{w}.webp"), cache.output_path(key, f"{w}.jpg"))
        for w, h in sizes
    )

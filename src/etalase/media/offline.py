"""The offline editions' video: one VP9/Opus WebM per clip, made on demand and cached.

:func:`make_offline` is called by ``etalase offline`` only; a build never
makes these files. Each clip's WebM (:data:`~etalase.media.rendition.OFFLINE`)
lives in the media cache under a key of the clip's content, the recipe and
the ffmpeg version, like the other renditions: made once, written atomically,
served from the cache on every later run without starting a process. Clips
are worked on like the media step's (:func:`~etalase.media.pipeline.run_media`):
the ones the cache holds on the calling thread, the others in a bounded pool,
longest first; a clip that fails becomes a problem and the others go on. The
originals are only ever read. ``etalase media --prune`` keeps the WebM of
every clip still in the catalogue.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import process
from ..content.model import Entry
from ..paths import shown
from ..problems import Lang, Problem, problem
from ..process import StepFailed
from ..reasons import os_reason
from .cache import MediaCache, Prober, temp_output
from .commands import clip_command
from .outputs import OfflineRendition
from .pipeline import (
    Cores,
    ProbeFailed,
    check_writable,
    os_reason_text,
    probe_entry,
    step_problem,
    work_through,
)
from .progress import Outcome, Progress
from .rendition import OFFLINE, OfflineRecipe, offline_key, webm_output
from .tools import Tools

if TYPE_CHECKING:
    from ..policy import Policy
    from ..project import Project

SUFFIX = "offline.webm"


@dataclass(frozen=True, slots=True)
class OfflineResult:
    """What :func:`make_offline` made, what went wrong, and how much work it took."""

    renditions: dict[str, OfflineRendition]  # by Entry.key, in the order given; failed absent
    problems: tuple[Problem, ...]
    processed: int  # clips ffmpeg encoded
    reused: int  # clips served from the cache
    failed: int
    seconds: float


def make_offline(
    project: Project,
    entries: Sequence[Entry],
    *,
    jobs: int | None = None,
    progress: bool = False,
    root: Path | None = None,
    lang: Lang = "id",
) -> OfflineResult:
    """Make (or reuse) the offline WebM of every entry's clip.

    Args:
        project: Its media cache, tools, policy (``media_timeout``).
        entries: The entries the edition carries (probed by
            :meth:`~etalase.project.Project.load`; an entry without
            ``video_info`` is probed here, through the cache).
        jobs: Clips encoded at once (default: CPU count), like ``etalase media --jobs``.
        progress: Report progress on stderr (a bar on a terminal, lines otherwise).
        root: Problem paths are shown relative to this folder (default: cwd).
        lang: Language of the progress lines.

    Returns:
        The WebM per entry key, the problems, and counters.

    Raises:
        ConfigError: the cache folder cannot be written, or ffmpeg is missing.
    """
    started = time.monotonic()
    check_writable(project.cache.media)
    cache = project.media_cache()
    tools = project.tools()
    workers = max(1, jobs or os.cpu_count() or 1)
    job = _Job(
        cache=cache,
        policy=project.policy,
        tools=tools,
        version=cache.tool_version(tools),
        prober=cache.prober(tools, project.policy.probe_timeout),
        root=(root or Path.cwd()).resolve(),
        cores=Cores(os.cpu_count() or 1, workers),
        recipe=OFFLINE,
    )
    video_seconds = sum(e.video_info.duration for e in entries if e.video_info)
    reporter = (
        Progress(len(entries), sys.stderr, lang=lang, video_seconds=video_seconds)
        if progress
        else None
    )
    made: dict[str, OfflineRendition] = {}
    problems: list[Problem] = []
    counts = {"processed": 0, "reused": 0, "failed": 0}

    def collect(done: _Done) -> None:
        counts[done.outcome] += 1
        problems.extend(done.problems)
        if done.rendition is not None:
            made[done.rendition.key] = done.rendition

    work_through(entries, job, collect, cache=cache, workers=workers, reporter=reporter)
    return OfflineResult(
        renditions={e.key: made[e.key] for e in entries if e.key in made},
        problems=tuple(sorted(problems, key=lambda p: (p.path, p.code))),
        processed=counts["processed"],
        reused=counts["reused"],
        failed=counts["failed"],
        seconds=time.monotonic() - started,
    )


def expected_bytes(seconds: float, recipe: OfflineRecipe = OFFLINE) -> int:
    """About how many bytes the offline WebM of a clip of ``seconds`` takes (for a budget)."""
    return round(seconds * recipe.bytes_per_second)


@dataclass(slots=True)
class _Done:
    rendition: OfflineRendition | None
    outcome: Outcome
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Job:
    """Everything one clip's work needs; :meth:`run` is called on pool threads."""

    cache: MediaCache
    policy: Policy
    tools: Tools
    version: str
    prober: Prober
    root: Path
    cores: Cores
    recipe: OfflineRecipe

    def run(self, entry: Entry, reporter: Progress | None) -> _Done:
        started = time.monotonic()
        if reporter is not None:
            reporter.start(entry.key)
        try:
            done = self.work(entry)
        finally:
            self.cores.finished()
        if reporter is not None:
            seconds = entry.video_info.duration if entry.video_info else 0.0
            video = done.rendition.duration if done.rendition is not None else seconds
            reporter.finish(entry.key, done.outcome, time.monotonic() - started, video)
        return done

    def reuse(self, entry: Entry, reporter: Progress | None) -> _Done | None:
        """The clip's WebM when the cache holds it (no hashing, no process), else None."""
        started = time.monotonic()
        if entry.video_info is None:
            return None
        try:
            sha = self.cache.known_hash(entry.video)
        except OSError:  # reported by work(), with the reason
            return None
        found = self.cached(entry, sha) if sha is not None else None
        if found is None:
            return None
        if reporter is not None:
            reporter.start(entry.key)
            reporter.finish(entry.key, "reused", time.monotonic() - started, found.duration)
        return _Done(found, "reused")

    def work(self, entry: Entry) -> _Done:
        try:
            info = entry.video_info or probe_entry(self.prober, entry, self.policy, self.root)
            sha = self.cache.source_hash(entry.video)
        except ProbeFailed as failed:
            return _Done(None, "failed", [failed.problem])
        except OSError as exc:  # vanished or unreadable since the loader saw it
            unreadable = problem(
                "VIDEO_UNREADABLE",
                shown(entry.video, self.root),
                value=entry.video.name,
                **os_reason(exc),
            )
            return _Done(None, "failed", [unreadable])
        found = self.cached(entry, sha)
        if found is not None:
            return _Done(found, "reused")
        key = offline_key(sha, self.version, self.recipe)
        target = self.cache.output_path(key, SUFFIX)
        try:
            temp = temp_output(target)
            output = webm_output(info, self.recipe, temp)
            args = clip_command(
                self.tools.ffmpeg,
                entry.video,
                videos=[output],
                color_transfer=info.color_transfer,
                threads=self.cores.threads(),
            )
            try:
                process.run(args, timeout=self.policy.media_timeout, outputs=[temp]).check()
                os.replace(temp, target)
            finally:
                temp.unlink(missing_ok=True)
            size = target.stat().st_size
        except StepFailed as exc:
            return _Done(None, "failed", [self.failure(entry, str(exc), exc.timed_out)])
        except OSError as exc:  # the cache folder, e.g. a full disk
            return _Done(None, "failed", [self.failure(entry, os_reason_text(exc))])
        meta = {"width": output.width, "height": output.height, "duration": info.duration}
        self.cache.record(key, [target], meta)
        made = OfflineRendition(entry.key, target, size, info.duration, output.width, output.height)
        return _Done(made, "processed")

    def failure(self, entry: Entry, reason: str, timed_out: bool = False) -> Problem:
        return step_problem(
            "offline", entry.video, reason, self.policy, self.root, timed_out=timed_out
        )

    def cached(self, entry: Entry, sha: str) -> OfflineRendition | None:
        key = offline_key(sha, self.version, self.recipe)
        meta = self.cache.lookup(key)
        if meta is None:
            return None
        target = self.cache.output_path(key, SUFFIX)
        try:
            return OfflineRendition(
                entry.key,
                target,
                os.stat(target).st_size,
                float(meta["duration"]),
                int(meta["width"]),
                int(meta["height"]),
            )
        except (KeyError, TypeError, ValueError, OSError):
            return None

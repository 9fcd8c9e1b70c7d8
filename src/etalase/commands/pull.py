"""``etalase media --pull SHARED_DIR``: take batches of media work from a shared folder.

The catalogue is loaded and checked as ``etalase media`` does; its valid entries
are cut into batches (:func:`etalase.media.pull.plan_batches`). The PC then
claims one batch not yet done, encodes it into a folder of its own under the
local cache, copies the outputs and the batch's manifest into the shared cache,
and goes on until every batch is done or held by another PC. Stopping (Ctrl+C)
releases the claim and keeps what was made, so the next run goes on from there.
"""

from __future__ import annotations

import contextlib
import dataclasses
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from ..content.model import Catalogue, Entry
from ..errors import ConfigError
from ..folders import check_cache, check_place
from ..lock import exclusive
from ..media.cache import MediaCache, job_key
from ..media.pipeline import check_writable, run_media
from ..media.progress import summary_line
from ..media.pull import Batch, SharedFolder, plan_batches
from ..media.shares import check_shared_folder
from ..messages import text
from ..problems import Lang, Problem
from ..project import Project
from ..reasons import os_said
from .check import format_text, summarize

PULL_FOLDER = "pull"  # under the local cache root: one folder per batch being made


def run_pull_command(
    project: Project,
    shared: Path,
    *,
    jobs: int | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
    progress: bool | None = None,
    batch_size: int = 10,
    lease_minutes: float = 120.0,
) -> int:
    """Encode batches claimed from ``shared`` until none is left. Returns 0, or 1 on errors.

    Args:
        project: This PC's copy of the content, its policy and its cache.
        shared: The shared folder (a network share every PC sees).
        jobs: Clips worked on at once (default: CPU count).
        lang: Language of the report.
        out: Where the report goes (default: stdout).
        progress: Show progress on stderr (default: when stderr is a terminal).
        batch_size: Entries a batch holds at most.
        lease_minutes: A claim untouched for longer is taken over.

    Raises:
        ProjectBusy: A build or another media run of this project is running.
        ConfigError: The shared folder or the local cache cannot be written, or the
            shared folder is a sync folder or on a file system not known to be safe.
        FolderRefused: The shared folder is a part of the project (exit code 1).
    """
    check_cache(project)
    check_place(project, shared)
    check_shared_folder(shared)  # a sync folder lets two PCs win one claim (#28.15)
    check_writable(project.cache.media)
    folder = SharedFolder(shared, lease_minutes * 60)
    with exclusive(project.cache.build_lock, "build"), _shared(folder):
        folder.cache.mkdir(parents=True, exist_ok=True)
        folder.claims.mkdir(exist_ok=True)
        return _pull(project, folder, jobs, lang, out or sys.stdout, progress, batch_size)


@contextlib.contextmanager
def _shared(folder: SharedFolder) -> Iterator[None]:
    """A shared folder that cannot be read or written (share gone, no permission): exit 2."""
    try:
        yield
    except OSError as exc:
        raise ConfigError(
            "config.pull_unwritable", folder=folder.root, reason=os_said(exc)
        ) from exc


def _pull(
    project: Project,
    folder: SharedFolder,
    jobs: int | None,
    lang: Lang,
    out: TextIO,
    progress: bool | None,
    batch_size: int,
) -> int:
    started = time.monotonic()
    tools = project.tools()
    loaded = project.load(jobs=jobs)
    entries = {e.key: e for e in loaded.catalogue.entries}
    cache = project.media_cache()
    salt = job_key(cache.tool_version(tools), repr(project.policy))
    sources = []
    for entry in entries.values():
        try:
            sources.append((entry.key, cache.source_hash(entry.video)))
        except OSError:  # gone since it was checked: the build will say so
            continue
    cache.save()
    finished = folder.finished_marks()
    batches = plan_batches(sources, batch_size, salt, finished)
    done_before = folder.done()
    _forget_old_work(project.cache.root / PULL_FOLDER, {b.id for b in batches})
    problems: list[Problem] = list(loaded.problems)
    counts = {"processed": 0, "reused": 0, "failed": 0, "mine": 0, "held": 0}
    for batch in batches:
        if batch.id in done_before or folder.is_done(batch):
            folder.finish(batch)  # published, but its PC stopped before marking its clips
            continue
        claim = folder.claim(batch)
        if claim is None:
            counts["held"] += 1
            continue
        if claim.outcome == "taken_over":
            out.write(taken_over_line(batch, claim.previous, folder.lease, lang) + "\n")
            out.flush()
        if folder.is_done(batch):  # finished by another PC between the listing and the claim
            folder.finish(batch)
            continue
        work = project.cache.root / PULL_FOLDER / batch.id
        with folder.holding(claim):
            _encode(project, batch, entries, work, jobs, progress, lang, problems, counts)
            folder.publish(batch, work)
        folder.finish(batch)
        shutil.rmtree(work, ignore_errors=True)
        counts["mine"] += 1
    summary = summarize(loaded, problems, time.monotonic() - started)
    out.write(format_text(problems, loaded.school_names, summary, lang))
    seconds = time.monotonic() - started
    out.write(
        summary_line(counts["processed"], counts["reused"], counts["failed"], seconds, lang) + "\n"
    )
    out.write(
        text(
            "media.pull",
            lang,
            folder=folder.root,
            total=len(batches),
            mine=counts["mine"],
            held=counts["held"],
            before=len(sources) - sum(len(b.keys) for b in batches),
        )
        + "\n"
    )
    return 1 if summary["errors"] else 0


def _forget_old_work(work: Path, current: set[str]) -> None:
    """Delete the folders of stopped batches that no longer exist (their clips changed or
    another PC finished them); a stopped batch still to do is kept and goes on."""
    if not work.is_dir():
        return
    for folder in work.iterdir():
        if folder.name not in current:
            shutil.rmtree(folder, ignore_errors=True)


def _encode(
    project: Project,
    batch: Batch,
    entries: dict[str, Entry],
    work: Path,
    jobs: int | None,
    progress: bool | None,
    lang: Lang,
    problems: list[Problem],
    counts: dict[str, int],
) -> None:
    """Make a batch's media in its own cache folder, whose manifest then holds just that batch.

    The loader's probe answers are dropped so that the batch's cache asks
    ffprobe again and records them: the build machine then probes nothing.
    """
    cache = MediaCache.open(work)
    cache.manifest_name = batch.manifest_name
    chosen = tuple(dataclasses.replace(entries[k], video_info=None) for k in batch.keys)
    result = run_media(
        Catalogue((), chosen),
        project.policy,
        project.tools(),
        cache_dir=work,
        jobs=jobs,
        progress=sys.stderr.isatty() if progress is None else progress,
        root=Path.cwd(),
        lang=lang,
    )
    cache.fold()  # published as one file, whose presence marks the batch done
    problems.extend(result.problems)
    counts["processed"] += result.processed
    counts["reused"] += result.reused
    counts["failed"] += result.failed


def taken_over_line(batch: Batch, previous: dict[str, str], lease: float, lang: Lang = "id") -> str:
    """Whose stale claim this PC took over."""
    return text(
        "media.pull_taken_over",
        lang,
        batch=batch.id,
        host=previous.get("host", "?"),
        pid=previous.get("pid", "?"),
        since=previous.get("time", "?"),
        minutes=round(lease / 60),
    )

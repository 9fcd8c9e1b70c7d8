"""``etalase media``: probe every valid entry's video and make its poster and renditions.

The content is loaded and checked exactly as ``etalase check`` does (ffprobe
answers come from the media cache when the clip is unchanged), then
:func:`etalase.media.pipeline.run_media` does the work. Problems from both
stages are printed in the same report as ``check``, followed by a summary.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TextIO

from ..content.model import Catalogue
from ..folders import check_cache
from ..lock import exclusive
from ..media.pipeline import MediaResult, check_writable, run_media
from ..media.progress import summary_line
from ..media.shard import Shard
from ..messages import decimal, text
from ..problems import Lang
from ..project import Project
from .check import format_text, summarize


def run_media_command(
    project: Project,
    *,
    jobs: int | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
    progress: bool | None = None,
    prune: bool = False,
    shard: Shard | None = None,
) -> int:
    """Run the media step for the whole catalogue. Returns 0, or 1 when anything failed.

    Args:
        project: Where the content, the policy and the cache are.
        jobs: Clips worked on at once (default: CPU count).
        lang: Language of the report.
        out: Where the report goes (default: stdout).
        progress: Show progress on stderr (default: when stderr is a terminal).
        prune: Afterwards delete cached files no valid entry uses any more
            (never with ``shard``: a shard does not see the whole catalogue).
        shard: Work only on this shard's entries and write its own manifest,
            so the cache folders of several runners can be merged.

    Raises:
        ProjectBusy: A build or another media run of the project is running
            (``--prune`` could delete what it is linking into the site).
    """
    check_cache(project)  # --prune deletes files there: never the content's (#28.1)
    check_writable(project.cache.media)  # before the lock, which lives in the cache folder
    with exclusive(project.cache.build_lock, "build"):
        return _media(
            project, jobs=jobs, lang=lang, out=out, progress=progress, prune=prune, shard=shard
        )


def _media(
    project: Project,
    *,
    jobs: int | None,
    lang: Lang,
    out: TextIO | None,
    progress: bool | None,
    prune: bool,
    shard: Shard | None,
) -> int:
    started = time.monotonic()
    out = out or sys.stdout
    tools = project.tools()
    cache_dir = project.cache.media
    cache = project.media_cache()
    if shard is not None:
        cache.manifest_name = shard.manifest_name
    root = Path.cwd()
    select = shard.holds if shard is not None else None
    loaded = project.load(jobs=jobs, select=select)
    work = loaded.catalogue
    if shard is not None:
        work = Catalogue(work.schools, tuple(e for e in work.entries if shard.holds(e.key)))
    result = run_media(
        work,
        project.policy,
        tools,
        cache_dir=cache_dir,
        jobs=jobs,
        progress=sys.stderr.isatty() if progress is None else progress,
        root=root,
        lang=lang,
    )
    if shard is not None:
        cache.fold()  # the runners' cache folders are merged: one complete file each
    problems = [*loaded.problems, *result.problems]
    summary = summarize(loaded, problems, time.monotonic() - started)
    out.write(format_text(problems, loaded.school_names, summary, lang))
    out.write(media_summary(result, lang) + "\n")
    if shard is not None:
        out.write(shard_line(shard, len(work.entries), len(loaded.catalogue.entries), lang) + "\n")
    if prune and shard is None:
        count, size = cache.prune()
        out.write(
            text("media.pruned", lang, count=count, mb=decimal(size / 1_000_000, lang)) + "\n"
        )
    return 1 if summary["errors"] else 0


def media_summary(result: MediaResult, lang: Lang = "id") -> str:
    """One line: processed, reused, failed and time."""
    return summary_line(result.processed, result.reused, result.failed, result.seconds, lang)


def shard_line(shard: Shard, mine: int, valid: int, lang: Lang = "id") -> str:
    """Which share of the valid entries this run worked on, and where it wrote."""
    return text(
        "media.shard",
        lang,
        index=shard.index,
        count=shard.count,
        mine=mine,
        valid=valid,
        manifest=shard.manifest_name,
    )

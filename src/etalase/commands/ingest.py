"""``etalase ingest DROP_DIR [--watch]``: import submissions from the shared folder.

The command: it checks the tools and the folder, runs one pass of
:mod:`etalase.intake.ingest` (or keeps watching through
:mod:`etalase.intake.watch`) and prints the outcome for the curator.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import TextIO

from ..errors import ConfigError
from ..intake.ingest import RunSummary, ingest_once
from ..intake.watch import watch_drop
from ..messages import text
from ..problems import Lang
from ..project import Project


def print_summary(summary: RunSummary, lang: Lang, out: TextIO) -> None:
    """The run's outcome for the curator."""
    for key in summary.imported:
        out.write(text("ingest.imported", lang, key=key) + "\n")
    for key, others in summary.same_video:
        out.write(text("ingest.same_video", lang, key=key, others=", ".join(others)) + "\n")
    for path in summary.to_fix:
        out.write(text("ingest.to_fix", lang, path=path) + "\n")
    for folder, item in summary.skipped:
        out.write(
            text(
                "ingest.skipped",
                lang,
                path=f"{folder}/{item.path}",
                message=item.message(lang),
                fix=item.fix(lang),
            )
            + "\n"
        )
    for name in summary.unknown_folders:
        out.write(text("ingest.unknown", lang, name=name) + "\n")
    out.write(
        text(
            "ingest.summary",
            lang,
            schools=summary.schools,
            imported=len(summary.imported),
            to_fix=len(summary.to_fix),
            uploading=summary.uploading,
            reports=summary.reports_written,
        )
        + "\n"
    )


def run_ingest(
    project: Project,
    drop_dir: Path,
    *,
    watch: bool = False,
    settle: float = 2.0,
    interval: float = 60.0,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Run once (0 clean, 1 something to fix) or keep watching until interrupted.

    Ctrl+C stops it with a line saying what was kept (130): every submission
    accepted so far is in the content folder; one being copied is not kept
    half-made (its staging folder goes) and is taken on the next run.
    """
    out = out or sys.stdout
    project.tools()  # missing ffmpeg: say so before anything else
    accepted: list[str] = []
    try:
        if watch:
            return _watch(project, drop_dir, settle, interval, lang, out, accepted)
        if not drop_dir.is_dir():
            raise ConfigError("config.drop_missing", path=drop_dir)
        summary = RunSummary()
        accepted = summary.imported  # filled as the pass goes, read if it is interrupted
        ingest_once(project, drop_dir, settle=settle, into=summary)
    except KeyboardInterrupt:
        out.write("\n" + text("ingest.stopped", lang, n=len(accepted)) + "\n")
        out.flush()
        return 130
    print_summary(summary, lang, out)
    return 0 if summary.clean else 1


def _watch(
    project: Project,
    drop_dir: Path,
    settle: float,
    interval: float,
    lang: Lang,
    out: TextIO,
    accepted: list[str],
) -> int:
    """``--watch``: a pass is reported only when it did something or the situation changed."""

    def say(key: str, **params: object) -> None:
        out.write(text(f"ingest.{key}", lang, **params) + "\n")
        out.flush()

    last: list[tuple[object, ...]] = []

    def on_run(summary: RunSummary) -> None:
        accepted.extend(summary.imported)
        situation = _situation(summary)
        if summary.imported or summary.reports_written or last != [situation]:
            print_summary(summary, lang, out)
            out.flush()
        last[:] = [situation]

    say("watching", path=drop_dir)
    watch_drop(
        project,
        drop_dir,
        stop=threading.Event(),
        settle=settle,
        interval=max(interval, 1.0),
        on_run=on_run,
        on_message=say,
    )
    return 0


def _situation(summary: RunSummary) -> tuple[object, ...]:
    """What a pass found, apart from what it did: the same after an idle pass."""
    return (
        summary.schools,
        tuple(summary.to_fix),
        summary.uploading,
        tuple(summary.unknown_folders),
        tuple((folder, item.code, item.path) for folder, item in summary.skipped),
    )

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
    """Run once (0 clean, 1 something to fix) or keep watching until interrupted."""
    out = out or sys.stdout
    project.tools()  # missing ffmpeg: say so before anything else
    if watch:
        stream = out

        def say(key: str, **params: object) -> None:
            stream.write(text(f"ingest.{key}", lang, **params) + "\n")
            stream.flush()

        say("watching", path=drop_dir)
        watch_drop(
            project,
            drop_dir,
            stop=threading.Event(),
            settle=settle,
            interval=max(interval, 1.0),
            on_run=lambda s: print_summary(s, lang, stream),
            on_message=say,
        )
        return 0
    if not drop_dir.is_dir():
        raise ConfigError("config.drop_missing", path=drop_dir)
    summary = ingest_once(project, drop_dir, settle=settle)
    print_summary(summary, lang, out)
    return 0 if summary.clean else 1

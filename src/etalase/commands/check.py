"""``etalase check``: validate schools, entries and videos, and report every problem."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, TypedDict

from ..content.loader import LoadResult
from ..messages import decimal, text
from ..problems import Lang, Problem, ProblemJSON
from ..project import Project
from ..report import problems_json, problems_text


class Summary(TypedDict):
    schools: int
    entries: int
    valid_entries: int
    published: int
    errors: int
    warnings: int
    seconds: float


class CheckJSON(TypedDict):
    problems: list[ProblemJSON]
    summary: Summary


def run_check(
    project: Project,
    paths: Sequence[Path] = (),
    *,
    fmt: str = "text",
    lang: Lang = "id",
    jobs: int | None = None,
    out: TextIO | None = None,
) -> int:
    """Check the content and print a report. Returns the exit code (0 clean, 1 problems)."""
    out = out or sys.stdout
    started = time.monotonic()
    # ffprobe answers are shared with the media step: an unchanged clip is not probed again.
    result = project.load(only=paths, jobs=jobs)
    with contextlib.suppress(OSError):  # a read-only checkout: the check is still complete
        project.media_cache().save()
    problems = [p for p in result.problems if _selected(p, paths)]
    summary = summarize(result, problems, time.monotonic() - started)
    if fmt == "json":
        report: CheckJSON = {"problems": problems_json(problems, lang), "summary": summary}
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_text(problems, result.school_names, summary, lang))
    return 1 if summary["errors"] else 0


def _selected(item: Problem, paths: Sequence[Path]) -> bool:
    if not paths:
        return True
    here = Path(item.path).resolve()
    return any(here == p or p in here.parents for p in (q.resolve() for q in paths))


def summarize(result: LoadResult, problems: Sequence[Problem], seconds: float) -> Summary:
    """The summary line's figures, shared by ``check`` and ``media``."""
    return {
        "schools": len(result.school_names),
        "entries": result.entries_seen,
        "valid_entries": len(result.catalogue.entries),
        "published": len(result.catalogue.published),
        "errors": sum(p.severity == "error" for p in problems),
        "warnings": sum(p.severity == "warning" for p in problems),
        "seconds": round(seconds, 3),
    }


def format_text(
    problems: Sequence[Problem], names: dict[str, str], summary: Summary, lang: Lang
) -> str:
    """The report for people: problems grouped by school, then one summary line."""
    return problems_text(problems, names, lang) + summary_line(summary, lang) + "\n"


def summary_line(s: Summary, lang: Lang) -> str:
    """``Diperiksa 3 sekolah dan 12 entri dalam 0,4 detik: ...``."""
    return text("check.summary", lang, **{**s, "seconds": decimal(s["seconds"], lang)})

"""``etalase check``: validate schools, entries and videos, and report every problem."""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO, TypedDict

from ..content.demo import demo_videos_missing
from ..content.extras import sort_folder
from ..content.layout import INNOVATIONS_DIR, SCHOOLS_DIR
from ..content.loader import LoadResult
from ..errors import ConfigError
from ..messages import decimal, text
from ..paths import located, within
from ..problems import Lang, Problem, ProblemJSON
from ..project import Project
from ..report import problems_json, problems_text
from ..site.prepare import refused_files


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
    check_scope(project, paths)
    # ffprobe answers are shared with the media step: an unchanged clip is not probed again.
    result = project.load(only=paths, jobs=jobs)
    with contextlib.suppress(OSError):  # a read-only checkout: the check is still complete
        project.media_cache().save()
    problems = [p for p in result.problems + refused(project, result) if _selected(p, paths)]
    summary = summarize(
        result,
        problems,
        time.monotonic() - started,
        paths,
        schools_dir=project.content_dir / SCHOOLS_DIR,
    )
    if fmt == "json":
        report: CheckJSON = {"problems": problems_json(problems, lang), "summary": summary}
        json.dump(report, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(format_text(problems, result.school_names, summary, lang))
        missing = demo_videos_missing(project.content_dir, result)
        if missing:
            out.write(text("demo.videos_missing", lang, n=missing) + "\n")
    return 1 if summary["errors"] else 0


def check_scope(project: Project, paths: Sequence[Path]) -> None:
    """Refuse a check that would look at nothing and still answer "0 galat".

    A check needs the project's ``sekolah/`` folder (else it is run from the
    wrong folder: ``/etc``, a school's own folder, a folder without
    ``mkdocs.yml``), and every ``PATH`` must exist inside it.

    Raises:
        ConfigError: With the plain reason and where the project seems to be.
    """
    base = project.content_dir / SCHOOLS_DIR
    if not base.is_dir():
        where = project.shown(base)
        if project.config_file is None:
            above = _project_above(Path.cwd())
            key = "check.no_project_above" if above else "check.no_project"
            raise _error(key, here=Path.cwd(), folder=where, above=above)
        raise _error("check.no_content", folder=where, config=project.shown(project.config_file))
    real_bases = [base.resolve(), (project.content_dir / INNOVATIONS_DIR).resolve()]
    for path in paths:
        if not path.exists() and not path.is_symlink():
            raise _error("check.path_missing", path=path)
        real = located(path)
        inside = any(real == b or b in real.parents for b in real_bases)
        holds = real in real_bases[0].parents and (
            real == project.root or project.root in real.parents
        )
        if not (inside or holds):
            raise _error("check.path_outside", path=path, folder=project.shown(base))


def _error(key: str, **params: object) -> ConfigError:
    return ConfigError(text(key, "id", **params), text(key, "en", **params))


def _project_above(folder: Path) -> Path | None:
    """The nearest folder above ``folder`` with a ``mkdocs.yml`` (a school folder's project)."""
    for parent in folder.resolve().parents:
        if (parent / "mkdocs.yml").is_file():
            return parent
    return None


def refused(project: Project, result: LoadResult) -> tuple[Problem, ...]:
    """The files of valid schools, entries and innovations that would never reach the site."""
    catalogue = result.catalogue
    found = [sort_folder(s.folder) for s in catalogue.schools]
    found += [sort_folder(e.folder, [t.source for t in e.captions]) for e in catalogue.entries]
    found += [sort_folder(i.folder) for i in catalogue.innovations]
    return tuple(p for files in found for p in refused_files(project, files))


def _selected(item: Problem, paths: Sequence[Path]) -> bool:
    if not paths:
        return True
    return _below(Path(item.path), paths)


def _below(path: Path, paths: Sequence[Path]) -> bool:
    # Where the path is, not where a link there points: the full check reports a
    # linked index.md or entry folder, so the scoped one must select it (#28.11).
    return within(path, paths)


def _school_selected(folder: Path, paths: Sequence[Path]) -> bool:
    """A school is counted when its folder is checked, or a folder inside it is."""
    here = located(folder)
    return _below(here, paths) or any(here in located(q).parents for q in paths)


def summarize(
    result: LoadResult,
    problems: Sequence[Problem],
    seconds: float,
    paths: Sequence[Path] = (),
    *,
    schools_dir: Path | None = None,
) -> Summary:
    """The summary line's figures, shared by ``check`` and ``media``.

    With ``paths``, only the schools and entries below them are counted: the
    summary says what was checked, not what the tree holds.
    """
    records = [r for r in result.records if not paths or _below(r.source.parent, paths)]
    entries = [r.entry for r in records if r.entry is not None]
    schools = [
        s
        for s in result.school_names
        if not paths or schools_dir is None or _school_selected(schools_dir / s, paths)
    ]
    return {
        "schools": len(schools),
        "entries": len(records),
        "valid_entries": len(entries),
        "published": sum(e.status == "published" for e in entries),
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
    """``Diperiksa 3 sekolah dan 12 entri dalam 0,4 detik: ...`` (English counts agree)."""
    counts = {
        key: text(f"count.{key}.{'one' if s[key] == 1 else 'many'}", lang, n=s[key])
        for key in ("schools", "entries", "errors", "warnings", "valid_entries")
    }
    return text("check.summary", lang, **{**s, **counts, "seconds": decimal(s["seconds"], lang)})

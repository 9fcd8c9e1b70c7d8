"""``etalase review``, ``publish``, ``reject`` and ``feature``: the curator's review queue."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TextIO

from ..content.layout import SCHOOLS_DIR
from ..curation.frontmatter_edit import Value
from ..curation.review import (
    apply_changes,
    entry_key,
    feature_changes,
    find_entry,
    publish_changes,
    reject_changes,
    waiting_for_review,
)
from ..intake.stage import same_clip_notes
from ..messages import text
from ..paths import shown
from ..problems import Lang, Problem, problem
from ..project import Project
from ..report import problem_block


def run_review(project: Project, *, lang: Lang = "id", out: TextIO | None = None) -> int:
    """List the entries waiting for review. Always exits 0."""
    out = out or sys.stdout

    def t(key: str, **params: object) -> str:
        return text(f"review.{key}", lang, **params)

    result = project.load()
    twins = same_clip_notes(
        project.content_dir / SCHOOLS_DIR, project.media_cache().source_hash, _shown
    )
    items = waiting_for_review(result, project.policy.default_status, twins)
    if not items:
        out.write(t("none") + "\n")
        return 0
    out.write(t("count", n=len(items)) + "\n\n")
    for item in items:
        seconds = (
            t("duration", s=round(item.duration)) if item.duration is not None else t("no_duration")
        )
        out.write(f"{item.key}  [{item.school}]\n  {item.title} ({seconds})\n")
        if not item.problems:
            out.write(f"  {t('ok')}\n")
        out.writelines(f"{line}\n" for p in item.problems for line in problem_block(p, lang, "  "))
        out.write(f"  {t('preview')}: {item.preview_url}\n\n")
    out.write(t("hint") + "\n")
    return 0


def run_publish(project: Project, key: str, *, lang: Lang = "id", out: TextIO | None = None) -> int:
    """Publish one entry, unless it still has errors. 0 done, 1 refused."""
    out = out or sys.stdout
    index = _find(project, key, lang, out)
    if index is None:
        return 1
    result = project.load(only=[index.parent])
    folder = _shown(index.parent)
    errors = [p for p in result.errors if p.path == folder or p.path.startswith(folder + "/")]
    if errors:
        _print([*errors, problem("ENTRY_HAS_ERRORS", _shown(index))], lang, out)
        return 1
    return _apply(index, publish_changes(), "published", lang, out)


def run_reject(
    project: Project, key: str, reason: str, *, lang: Lang = "id", out: TextIO | None = None
) -> int:
    """Reject one entry with a reason for the school. 0 done, 1 refused."""
    out = out or sys.stdout
    index = _find(project, key, lang, out)
    if index is None:
        return 1
    if not reason.strip():
        _print([problem("REJECT_REASON_MISSING", _shown(index))], lang, out)
        return 1
    return _apply(index, reject_changes(reason), "rejected", lang, out)


def run_feature(
    project: Project, key: str, *, on: bool = True, lang: Lang = "id", out: TextIO | None = None
) -> int:
    """Feature one entry (or stop featuring it with ``on=False``). 0 done, 1 refused."""
    out = out or sys.stdout
    index = _find(project, key, lang, out)
    if index is None:
        return 1
    code = _apply(index, feature_changes(on), "featured" if on else "unfeatured", lang, out)
    if code == 0 and on:
        from ..content.reader import read_markdown

        source, _ = read_markdown(index, index.name)
        if source is None or source.meta.get("status") != "published":
            out.write(text("review.not_published", lang, key=entry_key(index)) + "\n")
    return code


def _find(project: Project, key: str, lang: Lang, out: TextIO) -> Path | None:
    index = find_entry(project.content_dir, key)
    if index is None:
        _print([problem("ENTRY_NOT_FOUND", key, value=key)], lang, out)
    return index


def _apply(index: Path, changes: Mapping[str, Value], done: str, lang: Lang, out: TextIO) -> int:
    refusal = apply_changes(index, changes, _shown(index))
    if refusal is not None:
        _print([refusal], lang, out)
        return 1
    out.write(text(f"review.{done}", lang, key=entry_key(index)) + "\n")
    return 0


def _print(problems: list[Problem], lang: Lang, out: TextIO) -> None:
    out.writelines(f"{line}\n" for p in problems for line in problem_block(p, lang))


def _shown(path: Path) -> str:
    return shown(path, Path.cwd())  # as project.load() names problems: from the working folder

"""The one problem printer: how a problem reads in a report, a log line and JSON.

``etalase check`` and ``etalase media`` print :func:`problems_text` (grouped by
school, then a summary line of their own); ``review``, ``publish`` and the
other curator commands print :func:`problem_block` for each problem; a build
logs :func:`problem_line` through MkDocs; ``check --format json`` writes
:func:`problems_json`. Every label comes from :mod:`etalase.messages`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import PurePosixPath

from .content.layout import INNOVATIONS_DIR, SCHOOLS_DIR
from .messages import text
from .problems import Lang, Problem, ProblemJSON


def problem_line(item: Problem, lang: Lang = "id") -> str:
    """One problem on one line, as a build log shows it."""
    return f"{item.path}: [{item.code}] {item.message(lang)} {item.fix(lang)}"


def problem_block(item: Problem, lang: Lang = "id", indent: str = "") -> list[str]:
    """A problem as three lines: severity, code and file; the message; the fix."""
    return [
        f"{indent}{text(f'label.{item.severity}', lang)} [{item.code}] {item.path}",
        f"{indent}  {item.message(lang)}",
        f"{indent}  {text('label.fix', lang)}: {item.fix(lang)}",
    ]


def problems_json(problems: Sequence[Problem], lang: Lang = "id") -> list[ProblemJSON]:
    """The problems as ``etalase check --format json`` lists them."""
    return [p.as_json(lang) for p in problems]


def problems_text(problems: Sequence[Problem], names: Mapping[str, str], lang: Lang = "id") -> str:
    """The problems grouped by school or innovation (``names``: slug -> school name), others last."""
    groups: dict[str, list[Problem]] = defaultdict(list)
    for item in problems:
        groups[school_of(item.path)].append(item)
    lines: list[str] = []
    for slug in sorted(groups, key=lambda s: (s == "", s)):
        if slug.startswith(f"{INNOVATIONS_DIR}/"):
            lines.append(f"{text('label.innovation', lang)}: {slug.split('/', 1)[1]}")
        elif slug:
            lines.append(f"{text('label.school', lang)}: {names.get(slug, slug)} ({slug})")
        else:
            lines.append(text("label.other", lang))
        for item in sorted(groups[slug], key=lambda p: (p.path, p.severity, p.code)):
            lines += problem_block(item, lang, indent="  ")
        lines.append("")
    return "".join(f"{line}\n" for line in lines)


def school_of(path: str) -> str:
    """The group of a problem: a school's slug, ``inovasi/<slug>``, or "" for the rest."""
    parts = PurePosixPath(path).parts
    for folder in (SCHOOLS_DIR, INNOVATIONS_DIR):
        if folder in parts:
            i = parts.index(folder)
            if i + 1 < len(parts):
                return parts[i + 1] if folder == SCHOOLS_DIR else f"{folder}/{parts[i + 1]}"
    return ""

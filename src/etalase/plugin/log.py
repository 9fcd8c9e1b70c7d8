"""The plugin's log: what a build tells the user, through MkDocs' plugin logger.

Every line goes through MkDocs' logger, so ``mkdocs build --strict`` fails on
a warning and the CLI words it in the user's language
(:class:`~etalase.plugin.run.MkDocsWords`). :func:`report` logs problems: a
school's mistake (severity ``error``) is a warning, anything else is
information. :func:`warn` logs an environment error a live preview survives
(ffmpeg gone, a search index that failed): the preview goes on.
"""

from __future__ import annotations

from mkdocs.plugins import get_plugin_logger

from ..errors import WordedError
from ..problems import Lang, Problem
from ..report import problem_line

log = get_plugin_logger(__name__)


def report(problems: tuple[Problem, ...], lang: Lang) -> None:
    """Log each problem on one line (:func:`~etalase.report.problem_line`)."""
    for item in problems:
        line = problem_line(item, lang)
        (log.warning if item.severity == "error" else log.info)(line)


def warn(error: WordedError, lang: Lang) -> None:
    """An error a live preview survives, as a warning in ``lang``."""
    log.warning(error.text(lang))

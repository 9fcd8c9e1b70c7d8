"""Rendering the catalogue's pages on every core: forked workers each render a share.

MkDocs renders pages one after another on one core, and a catalogue of
thousands of entries spends most of its build there. Once every page is read
and the navigation is known (MkDocs' ``env`` event), :func:`fork_renderers`
forks one worker per extra core; each renders its share of the catalogue's
pages with MkDocs' own page builder and writes them. The main process then
renders its own share and gives the others' pages a template that renders
nothing, so MkDocs skips writing them. :func:`wait_renderers` collects the
workers before the search index is built. Only for ``build``, on Linux/POSIX
(``os.fork``), and only when no other plugin watches pages: a worker's page
events would never reach the main process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

ELSEWHERE = "etalase/elsewhere.html"
#: Exit codes of a worker: rendering failed, or warnings under ``--strict``.
FAILED, STRICT_WARNINGS = 3, 4


@dataclass(frozen=True, slots=True)
class Worker:
    """A forked renderer and how many pages it took."""

    pid: int
    pages: int


def worker_count(setting: int) -> int:
    """Processes to render with: ``setting``, or one per CPU when it is 0."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, setting or os.cpu_count() or 1)


def shares(pages: Sequence[Any], workers: int) -> list[list[Any]]:
    """``pages`` dealt round-robin into ``workers`` shares (neighbours cost alike)."""
    return [list(pages[i::workers]) for i in range(workers)]


def fork_renderers(
    pages: Sequence[Any], workers: int, render: Callable[[Any], None], *, strict: bool
) -> list[Worker]:
    """Fork ``workers - 1`` processes; each renders one share of ``pages`` with ``render``.

    Returns the workers; the pages of the first share are left to the caller,
    and every other page's ``meta["template"]`` is set to :data:`ELSEWHERE`
    in this process.
    """
    if workers < 2 or len(pages) < 2 * workers:
        return []
    parts = shares(pages, workers)
    started: list[Worker] = []
    for part in parts[1:]:
        sys.stdout.flush()
        sys.stderr.flush()
        # A Ctrl+C that lands while the child runs Python's fork handlers would print
        # a traceback there: it is held until the child has said how it ends.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # the worker: render, then leave without running the parent's cleanup
                os._exit(_worker(part, render, strict=strict, mask=held))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
        started.append(Worker(pid, len(part)))
    for part in parts[1:]:
        for page in part:
            page.meta["template"] = ELSEWHERE
    return started


def _worker(
    pages: Sequence[Any], render: Callable[[Any], None], *, strict: bool, mask: set[int]
) -> int:
    """A forked worker: Ctrl+C ends it quietly (the parent reports the build), then it renders."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return _render_all(pages, render, strict=strict)


def _render_all(pages: Sequence[Any], render: Callable[[Any], None], *, strict: bool) -> int:
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    code = 0
    try:
        for page in pages:
            render(page)
    except BaseException:  # reported here; the exit code tells the parent
        traceback.print_exc()
        code = FAILED
    if code == 0 and strict and counter.count:
        code = STRICT_WARNINGS
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def wait_renderers(workers: Sequence[Worker]) -> list[int]:
    """Wait for every worker; their exit codes (0: all pages written)."""
    codes = []
    for worker in workers:
        _, status = os.waitpid(worker.pid, 0)
        codes.append(os.waitstatus_to_exitcode(status))
    return codes


class _WarningCounter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


def stop_renderers(workers: Sequence[Worker]) -> None:
    """End the renderers a stopped build started, and wait for them."""
    for worker in workers:
        with contextlib.suppress(OSError):
            os.kill(worker.pid, signal.SIGTERM)
    wait_renderers(workers)

"""Rendering the catalogue's pages on every core: forked workers each render a share.

MkDocs renders pages one after another on one core, and a catalogue of
thousands of entries spends most of its build there. Once every page is read
and the navigation is known (MkDocs' ``env`` event), :func:`fork_renderers`
forks one worker per extra core; each renders its share of the catalogue's
pages with MkDocs' own page builder and writes them. The main process then
renders its own share and gives the others' pages a template that renders
nothing, so MkDocs skips writing them. A worker can say when the first pages
of its share are written (``first``, read by :func:`wait_ready`): the search
index of those pages is built beside the pages still rendering.
:func:`wait_renderers` collects the workers. Only for ``build``, on Linux/POSIX
(``os.fork``), and only when no other plugin watches pages: a worker's page
events would never reach the main process.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

ELSEWHERE = "etalase/elsewhere.html"
#: Exit codes of a worker: rendering failed, or warnings under ``--strict``.
FAILED, STRICT_WARNINGS = 3, 4


@dataclass(frozen=True, slots=True)
class Worker:
    """A forked renderer, how many pages it took, and the pipe it says "ready" on (or -1)."""

    pid: int
    pages: int
    ready: int = -1


def worker_count(setting: int) -> int:
    """Processes to render with: ``setting``, or one per CPU when it is 0."""
    if not hasattr(os, "fork"):
        return 1
    return max(1, setting or os.cpu_count() or 1)


def shares(pages: Sequence[Any], workers: int) -> list[list[Any]]:
    """``pages`` dealt round-robin into ``workers`` shares (neighbours cost alike)."""
    return [list(pages[i::workers]) for i in range(workers)]


def fork_renderers(
    pages: Sequence[Any],
    workers: int,
    render: Callable[[Any], None],
    *,
    strict: bool,
    first: Callable[[Any], bool] | None = None,
) -> list[Worker]:
    """Fork ``workers - 1`` processes; each renders one share of ``pages`` with ``render``.

    Args:
        pages: The pages to render, in the order they are rendered.
        workers: Processes to render with, this one included.
        render: Renders and writes one page.
        strict: A warning fails the worker (``--strict``).
        first: The pages a worker says it has written (:func:`wait_ready`) as soon
            as the last of them in its share is; None: no worker says so.

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
        ready, said = os.pipe() if first is not None else (-1, -1)
        told = _last(part, first) if first is not None else None
        # A Ctrl+C that lands while the child runs Python's fork handlers would print
        # a traceback there: it is held until the child has said how it ends.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            pid = os.fork()
            if pid == 0:  # the worker: render, then leave without running the parent's cleanup
                os._exit(_worker(part, render, strict=strict, mask=held, said=said, told=told))
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, held)
            if said >= 0:
                os.close(said)
        started.append(Worker(pid, len(part), ready))
    for part in parts[1:]:
        for page in part:
            page.meta["template"] = ELSEWHERE
    return started


def _last(pages: Sequence[Any], first: Callable[[Any], bool]) -> int:
    """The position of the last page ``first`` names (-1: none, ready at once)."""
    return max((n for n, page in enumerate(pages) if first(page)), default=-1)


def _worker(
    pages: Sequence[Any],
    render: Callable[[Any], None],
    *,
    strict: bool,
    mask: set[int],
    said: int,
    told: int | None,
) -> int:
    """A forked worker: Ctrl+C ends it quietly (the parent reports the build), then it renders."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_SETMASK, mask)
    return _render_all(pages, render, strict=strict, said=said, told=told)


def _render_all(
    pages: Sequence[Any],
    render: Callable[[Any], None],
    *,
    strict: bool,
    said: int = -1,
    told: int | None = None,
) -> int:
    counter = _WarningCounter()
    logging.getLogger("mkdocs").addHandler(counter)
    code = 0
    try:
        if told == -1:
            _say_ready(said)
        for n, page in enumerate(pages):
            render(page)
            if n == told:
                _say_ready(said)
    except BaseException:  # reported here; the exit code tells the parent
        traceback.print_exc()
        code = FAILED
    if code == 0 and strict and counter.count:
        code = STRICT_WARNINGS
    sys.stdout.flush()
    sys.stderr.flush()
    return code


def _say_ready(said: int) -> None:
    """Tell the parent the first pages are written (once; the pipe closes)."""
    os.write(said, b".")
    os.close(said)


def wait_ready(workers: Sequence[Worker]) -> bool:
    """Wait until every worker has written its ``first`` pages; False when one ended
    before it did (it failed or was stopped). Read once: the pipes are closed here."""
    ready = True
    for worker in workers:
        if worker.ready < 0:
            continue
        try:
            ready = os.read(worker.ready, 1) == b"." and ready
        finally:
            os.close(worker.ready)
    return ready


def wait_renderers(workers: Sequence[Worker]) -> list[int]:
    """Wait for every worker; their exit codes (0: all pages written)."""
    codes = []
    for worker in workers:
        _, status = os.waitpid(worker.pid, 0)
        codes.append(os.waitstatus_to_exitcode(status))
    return codes


class LastWritten:
    """Says when this process has written the last of some pages it renders itself.

    MkDocs writes a page after its page events: the next page's events
    (:meth:`rendering`) or the end of the pages (:meth:`done`) say it is written.
    """

    def __init__(self, last: Any | None) -> None:
        self.last = last
        self.current: Any | None = None
        self.written = threading.Event()
        if last is None:
            self.written.set()

    def rendering(self, page: Any) -> None:
        """MkDocs begins ``page``: the page before it is written."""
        if self.current is not None and self.current is self.last:
            self.written.set()
        self.current = page

    def done(self) -> None:
        """Every page is written, or the build stopped."""
        self.written.set()


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

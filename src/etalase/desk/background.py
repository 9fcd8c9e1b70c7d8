"""One job run on a thread of its own, one run at a time, requests made meanwhile coalesced.

The desk answers a decision as soon as the file is written and the queue row
is read again; the preview's rebuild (a MkDocs build: seconds at 10,000
entries) runs here. Ten decisions made while a build runs cost one more build,
not ten: a run covers every request made before it started.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger("etalase.desk")


class Coalescer:
    """Runs ``job`` in the background when asked; never two runs at once.

    Args:
        job: What to run. An exception it raises is logged; the next request
            runs it again.
        name: The thread's name.
    """

    def __init__(self, job: Callable[[], None], name: str = "meja-pratinjau") -> None:
        self._job = job
        self._name = name
        self._cond = threading.Condition()
        self._asked = 0  # requests made
        self._done = 0  # requests covered by a finished run
        self._thread: threading.Thread | None = None
        self._closed = False

    def request(self) -> int:
        """Ask for a run (started now, or after the one running); its ticket for :meth:`wait`."""
        with self._cond:
            self._asked += 1
            if self._thread is None and not self._closed:
                self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
                self._thread.start()
            return self._asked

    def wait(self, ticket: int, timeout: float | None = None) -> bool:
        """Wait until a run that started after request ``ticket`` finished; False on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._done >= ticket or self._closed, timeout)

    @property
    def busy(self) -> bool:
        """Whether a run is going on or asked for."""
        with self._cond:
            return self._done < self._asked and not self._closed

    def close(self) -> None:
        """Run nothing more; wait for the run going on to finish."""
        with self._cond:
            self._closed = True
            running = self._thread
            self._cond.notify_all()
        if running is not None and running is not threading.current_thread():
            running.join()

    def _loop(self) -> None:
        while True:
            with self._cond:
                if self._done >= self._asked or self._closed:
                    self._thread = None
                    return
                covers = self._asked  # every request made so far is served by this run
            try:
                self._job()
            except Exception:  # a failed run must not stop the desk; the next request retries
                log.exception("pekerjaan latar gagal / background job failed")
            with self._cond:
                self._done = covers
                self._cond.notify_all()

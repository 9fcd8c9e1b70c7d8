"""``etalase ingest --watch``: the ingest pass again on file-system events and on a timer.

Events are debounced, a run also happens every ``interval`` seconds (network
and synced folders do not always deliver events), and the loop keeps going when
the drop folder vanishes or is renamed.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..project import Project
from .ingest import RunSummary, ingest_once


def watch_drop(
    project: Project,
    drop_dir: Path,
    *,
    stop: threading.Event,
    settle: float = 2.0,
    interval: float = 60.0,
    debounce: float = 1.0,
    on_run: Callable[[RunSummary], None] = lambda _: None,
    on_message: Callable[..., None] = lambda key, **kw: None,
) -> None:
    """Re-run ingest on changes under ``drop_dir`` until ``stop`` is set.

    Events are debounced (a run starts once ``debounce`` seconds pass without
    one); a run also happens every ``interval`` seconds because network and
    synced folders do not always deliver events, and sooner while uploads are
    in progress. A vanished or replaced folder is waited for and watched anew.
    """
    from watchdog.events import FileSystemEvent, FileSystemEventHandler
    from watchdog.observers import Observer

    changed = threading.Event()

    class Handler(FileSystemEventHandler):
        def on_any_event(self, event: FileSystemEvent) -> None:
            if not str(event.src_path).endswith((".tmp", "LAPORAN-ETALASE.txt")):
                changed.set()

    observer: Any = None
    watched: tuple[int, int] | None = None
    vanished_said = False
    try:
        while not stop.is_set():
            try:
                info = drop_dir.stat()
                identity: tuple[int, int] | None = (info.st_dev, info.st_ino)
            except OSError:
                identity = None
            if identity is None:
                if not vanished_said:
                    on_message("vanished", path=drop_dir)
                    vanished_said = True
                _stop_observer(observer)
                observer = None
                watched = None
                stop.wait(min(interval, 1.0))
                continue
            vanished_said = False
            if observer is None or identity != watched or not observer.is_alive():
                _stop_observer(observer)
                observer = Observer()
                observer.schedule(Handler(), str(drop_dir), recursive=True)
                observer.start()
                watched = identity
            changed.clear()
            try:
                summary = ingest_once(project, drop_dir, settle=settle)
                on_run(summary)
                wait = settle * 2 + debounce if summary.uploading else interval
            except (OSError, ConfigError) as exc:
                on_message(
                    "failed", reason=exc
                )  # a ConfigError is worded in the curator's language
                wait = min(interval, 5.0)
            if _wait_for(changed, stop, wait):
                while changed.is_set() and not stop.is_set():  # debounce a burst of events
                    changed.clear()
                    stop.wait(debounce)
    finally:
        _stop_observer(observer)


def _wait_for(changed: threading.Event, stop: threading.Event, seconds: float) -> bool:
    """Wait until ``changed`` (True), ``stop`` or the timeout (False), whichever comes first."""
    remaining = seconds
    while remaining > 0 and not stop.is_set():
        if changed.wait(min(0.1, remaining)):
            return True
        remaining -= 0.1
    return False


def _stop_observer(observer: Any) -> None:
    if observer is not None:
        observer.stop()
        with contextlib.suppress(RuntimeError):
            observer.join(timeout=5)
    return None

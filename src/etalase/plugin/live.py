"""What ``etalase serve`` saw change: the files a school saved, from the watcher's own events.

MkDocs' live preview only learns *that* something under the content folder
changed, then builds the whole site again. :class:`SavedFiles` listens to the
same file events and keeps *which* files changed, so the plugin can render in
place only the pages a change inside entry folders touched
(:meth:`~etalase.plugin.plugin.EtalasePlugin.update`). Whenever the events
cannot say that for sure (a folder created, moved or removed, events the
system dropped), :meth:`SavedFiles.take` answers None and the whole build runs,
as before.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_EVENTS_LOST,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)

#: Events that change nothing: a file read (the build reads every page).
_READ_ONLY = frozenset({EVENT_TYPE_OPENED, EVENT_TYPE_CLOSED_NO_WRITE})


class SavedFiles(FileSystemEventHandler):
    """The files changed under the content folder since the last :meth:`take`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paths: set[Path] = set()
        self._unknown = False
        self._content = ""

    def watch(self, observer: Any, content: str, others: Iterable[str]) -> None:
        """Listen on MkDocs' own observer to the content folder and what else it watches.

        Args:
            observer: The live preview's watchdog observer.
            content: The content folder (``docs_dir``), watched recursively.
            others: ``mkdocs.yml`` and the config's ``watch:`` paths: a change
                there is one only a whole build takes in.
        """
        self._content = os.path.join(os.path.abspath(content), "")
        observer.schedule(self, content, recursive=True)
        for path in others:
            observer.schedule(self, path, recursive=os.path.isdir(path))

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in _READ_ONLY:
            return
        inside = all(
            not p or os.path.abspath(_text(p)).startswith(self._content)
            for p in (event.src_path, event.dest_path)
        )
        with self._lock:
            if not inside:
                self._unknown = True
                return
            if event.is_directory:
                # A folder's "modified" only says a file in it came or went: that
                # file has its own event. Anything else moved whole folders.
                self._unknown |= event.event_type != EVENT_TYPE_MODIFIED
                return
            if event.event_type == EVENT_TYPE_EVENTS_LOST or not event.src_path:
                self._unknown = True  # the system dropped events: nobody knows what changed
                return
            self._paths.add(Path(_text(event.src_path)))
            if event.dest_path:
                self._paths.add(Path(_text(event.dest_path)))

    def take(self) -> set[Path] | None:
        """The files changed since the last call, or None when the events cannot tell."""
        with self._lock:
            paths, unknown = self._paths, self._unknown
            self._paths, self._unknown = set(), False
        return None if unknown else paths


def _text(path: str | bytes) -> str:
    return path.decode() if isinstance(path, bytes) else path

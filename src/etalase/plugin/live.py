"""``etalase serve``'s update in place: the files a school saved, and the pages they touch.

MkDocs' live preview only learns *that* something under the content folder
changed, then builds the whole site again. :class:`SavedFiles` listens to the
same file events and keeps *which* files changed, so the plugin can render in
place only the pages a change inside entry folders touched
(:meth:`~etalase.plugin.live.LiveUpdate.update`). Whenever the events
cannot say that for sure (a folder created, moved or removed, events the
system dropped), :meth:`SavedFiles.take` answers None and the whole build runs,
as before. :class:`LiveUpdate` stands in for the live-reload server's builder:
it takes those files to the render session
(:meth:`~etalase.site.session.RenderSession.plan_update`) and renders again,
with what the last whole build rendered with (:class:`Built`), only the pages
it names; when it declines, MkDocs builds the whole site.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from watchdog.events import (
    EVENT_TYPE_CLOSED_NO_WRITE,
    EVENT_TYPE_EVENTS_LOST,
    EVENT_TYPE_MODIFIED,
    EVENT_TYPE_OPENED,
    FileSystemEvent,
    FileSystemEventHandler,
)

from ..errors import ConfigError
from ..messages import text
from ..site.pagecache import PageCache
from ..site.session import RenderSession
from .environment import markdown_file
from .log import log, report, warn
from .mkdocs_private import live_observer, render_page, replace_live_builder

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


@dataclass(frozen=True, slots=True)
class Built:
    """What the last whole build of a live preview rendered its pages with."""

    session: RenderSession
    config: Any
    doc_files: Any
    env: Any
    nav: Any
    files: Any


class Publish(Protocol):
    """What a build's end does (the plugin's ``on_post_build``), for the pages of an update."""

    def __call__(self, *, config: Any, updated: frozenset[str]) -> None: ...


class LiveUpdate:
    """The saves since the last build, what that build rendered with, and the update in place.

    Args:
        publish: What a build's end does, for the pages rendered again.
    """

    def __init__(self, *, publish: Publish) -> None:
        self.saved = SavedFiles()
        self.built: Built | None = None
        self.publish = publish

    def attach(self, server: Any, config: Any, build_all: Callable[[], None]) -> None:
        """Listen on the live-reload server's watcher and answer each change in place
        (:meth:`update`), or with ``build_all`` (MkDocs' whole build) when that declines."""
        others = [config.config_file_path, *config.watch] if config.config_file_path else []
        self.saved.watch(live_observer(server), config.docs_dir, others)

        def rebuild() -> None:
            if not self.update():
                build_all()

        replace_live_builder(server, rebuild)

    def update(self) -> bool:
        """Render again only the pages the files saved since the last build changed
        (:meth:`render_changed`), and say so; False when MkDocs must build the whole site."""
        started = time.monotonic()
        paths, built = self.saved.take(), self.built
        if not paths or built is None:
            return False
        lang = built.session.lang
        try:
            changed = self.render_changed(built, paths)
        except ConfigError as exc:
            warn(exc, lang)
            return False
        if changed is None:
            return False
        log.info(
            text(
                "serve.updated",
                lang,
                pages=len(changed),
                seconds=f"{time.monotonic() - started:.2f}",
            )
        )
        return True

    def render_changed(self, built: Built, paths: set[Path]) -> frozenset[str] | None:
        """Render again only the pages that the files saved since the last build changed.

        ``etalase serve``'s answer to a school saving files in entry folders the
        last build knew: the session plans the update, and only the pages
        whose inputs changed are rendered and written, with the school's files,
        the media, the feed and the search index that follow from them.

        Args:
            built: What the last whole build rendered with.
            paths: The files saved since (:meth:`SavedFiles.take`).

        Returns:
            The pages rendered again, or None (nothing done but the read) when
            the change reaches further: then MkDocs builds the whole site.

        Raises:
            ConfigError: ffmpeg is missing, the cache cannot be written.
        """
        session = built.session
        changed = session.plan_update(paths)
        if changed is None:
            return None
        assert session.prepared is not None
        report(session.prepared.problems, session.lang)
        try:
            for uri in sorted(changed):
                render_again(session, built, uri)
            session.write_files(Path(built.config.site_dir), paths)
            self.publish(config=built.config, updated=changed)
        except Exception:  # MkDocs logged it: the whole build says it again, and renders all
            session.forget_plan()
            return None
        return changed


def render_again(session: RenderSession, built: Built, uri: str) -> None:
    """Render and write one page of the last build again, from its new spec."""
    spec = session.specs[uri]
    file = built.files.get_file_from_path(uri)
    if file is None or file.page is None:
        return
    if spec.markdown is not None:
        file.content_string = markdown_file(spec)
    page = file.page
    dest = Path(file.abs_dest_path)
    PageCache.vacate(dest)  # never written through a link into the page cache
    render_page(page, built.config, built.files, built.doc_files, built.nav, built.env)
    session.rendered_again(uri, dest, page.content or "")

"""The live preview the desk serves: one build into a folder of its own, redone after each decision.

``etalase serve --preview`` is MkDocs' own server with its own port and file
watcher. The desk does not run a second server: it makes the same curator
preview itself (:func:`etalase.plugin.run.build_preview`: MkDocs' ``build`` in
the mode ``serve`` uses, plugins told ``command="serve"``, drafts included,
the plugin's ``preview`` option on) into a folder of its own, and the desk's
web server serves that folder next to ``/_meja/``. MkDocs keeps the plugin
instance between builds, so each rebuild is the incremental one of ``serve``:
the read memo sees only the changed file, the page cache reuses every other
page, and the media cache remakes only a changed poster. A rebuild runs after
each decision, in the background (:class:`etalase.desk.app.DeskState`): the
desk answers once the file is written, and the preview catches up. Each build goes into a fresh folder that replaces the
served one only when complete, so a request always finds a whole site. The
folder it replaces stays one more build, for requests still reading it; the
one before is deleted on another thread (emptying a 500-entry site in place
took seconds of the round trip). Builds never overlap (one lock); a failed
build keeps the previous preview. Edits made outside the desk show after the
next decision or a press of "Muat ulang dari berkas" on the queue (there is no
file watcher).

The folder lives in the project's cache (``<cache_dir>/desk/meja-*``, see
:attr:`etalase.project.CacheLayout.desk`), not in the system's temporary
folder: one per running desk, held by a lock on its ``.lock`` file, and
removed when the desk stops. A desk that was killed cannot remove its own;
the next desk started in the project does (the kernel dropped the dead desk's
lock), and never touches the folder of a desk still running.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from ..content.loader import LoadResult
from ..errors import ConfigError
from ..folders import check_cache
from ..lock import exclusive
from ..media.outputs import EntryMedia
from ..plugin import run
from ..problems import Lang
from ..project import Project
from ..reasons import os_said

log = logging.getLogger("etalase.desk")
LOCK = ".lock"


class Preview:
    """The curator preview of one project, rebuilt on demand.

    Args:
        project: The project.
        serve_url: The address the desk serves the preview at (``http://host:port/``).
        lang: The language of the build's messages.
    """

    def __init__(self, project: Project, serve_url: str, lang: Lang = "id") -> None:
        self.project = project
        self.serve_url = serve_url
        self.lang = lang
        self._hold = ExitStack()
        check_cache(project)  # the folders it sweeps and deletes are the cache's only
        self._root = _own_folder(project.cache.desk, self._hold)
        self.site_dir = self._root / "0"  # the folder served now
        self.site_dir.mkdir()
        self._previous: Path | None = None  # the folder served before, still being read
        self._cleaners: list[threading.Thread] = []
        self.generation = 0  # counts successful builds
        self.seconds = 0.0  # the last build's duration
        self.result: LoadResult | None = None
        self.media: Mapping[str, EntryMedia] = {}
        self.markdown: tuple[list[Any], dict[str, Any]] = ([], {})  # extensions, settings
        self._plugin: Any = None
        self._lock = threading.Lock()

    def rebuild(self) -> bool:
        """Build the preview again; False when the build failed (the old one stays).

        Raises:
            ConfigError: The first build found the config invalid.
        """
        with self._lock:
            started = time.monotonic()
            run.quiet_mkdocs()
            fresh = self._root / str(self.generation + 1)
            try:
                built = run.build_preview(
                    self.project,
                    fresh,
                    serve_url=self.serve_url,
                    lang=self.lang,
                    first=self._plugin is None,
                )
            except (run.BuildFailed, ConfigError) as exc:
                shutil.rmtree(fresh, ignore_errors=True)
                if self._plugin is None and isinstance(exc, ConfigError):
                    raise  # no preview yet: a broken mkdocs.yml stops the desk (exit 2)
                log.warning("pratinjau gagal dibangun / preview build failed: %s", exc)
                return False
            done, self._previous, self.site_dir = self._previous, self.site_dir, fresh
            if done is not None:
                cleaner = threading.Thread(target=shutil.rmtree, args=(done, True), daemon=True)
                cleaner.start()
                self._cleaners = [t for t in self._cleaners if t.is_alive()] + [cleaner]
            self._plugin = built.plugin
            prepared = built.session.prepared if built.session is not None else None
            if prepared is not None:
                self.result = prepared.result
                self.media = dict(prepared.media.media)
            self.markdown = (built.extensions, built.extension_configs)
            self.generation += 1
            self.seconds = time.monotonic() - started
            return True

    def close(self) -> None:
        """Stop the plugin's background work and delete this desk's folder."""
        with self._lock:
            run.stop(self._plugin)
            for cleaner in self._cleaners:
                cleaner.join()
            shutil.rmtree(self._root, ignore_errors=True)
            self._hold.close()


def _own_folder(parent: Path, hold: ExitStack) -> Path:
    """A new folder under ``parent`` for this desk, locked in ``hold``; dead desks' removed first.

    Raises:
        ConfigError: ``parent`` cannot be written.
    """
    sweep(parent)
    try:
        parent.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="meja-", dir=parent))
    except OSError as exc:
        raise ConfigError("config.cache_unwritable", folder=parent, reason=os_said(exc)) from exc
    hold.enter_context(exclusive(folder / LOCK, "desk"))
    return folder


def sweep(parent: Path) -> list[Path]:
    """Remove the folders under ``parent`` left by desks no longer running; the ones removed.

    A folder counts as left behind when its lock file exists and nobody holds
    it. A folder without one is a desk being born: it is left alone.
    """
    removed: list[Path] = []
    try:
        found = sorted(parent.glob("meja-*"))
    except OSError:
        return removed
    for folder in found:
        if folder.is_symlink() or not (folder / LOCK).is_file():
            continue
        try:
            with exclusive(folder / LOCK, "desk"):
                shutil.rmtree(folder, ignore_errors=True)
        except ConfigError:
            continue  # a running desk's, or not ours to remove
        removed.append(folder)
    return removed

"""The live preview the desk serves: one build into a temporary folder, redone after each decision.

``etalase serve --preview`` is MkDocs' own server with its own port and file
watcher. The desk does not run a second server: it makes the same curator
preview itself, with MkDocs' ``build`` in the mode ``serve`` uses (plugins
told ``command="serve"``, drafts included, :data:`PREVIEW_ENV` set), into a
temporary folder, and the desk's web server serves that folder next to
``/_meja/``. The plugin instance lives on between builds (MkDocs keeps it), so
each rebuild is the incremental one of ``serve``: the read memo sees only the
changed file, the page cache reuses every other page, and the media cache
remakes only a changed poster. A rebuild runs after each decision, before the
desk answers, so the page the curator lands on and the preview agree. Builds
never overlap (one lock); a failed build keeps the previous preview.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..content.loader import LoadResult
from ..media.outputs import EntryMedia
from ..plugin.plugin import PREVIEW_ENV
from ..problems import Lang

log = logging.getLogger("etalase.desk")


class Preview:
    """The curator preview of one project, rebuilt on demand.

    Args:
        config_file: The project's ``mkdocs.yml``.
        serve_url: The address the desk serves the preview at (``http://host:port/``).
        lang: The language of the build's messages.
    """

    def __init__(self, config_file: Path, serve_url: str, lang: Lang = "id") -> None:
        self.config_file = config_file
        self.serve_url = serve_url
        self.lang = lang
        self.site_dir = Path(tempfile.mkdtemp(prefix="etalase-meja-"))
        self.generation = 0  # counts successful builds
        self.seconds = 0.0  # the last build's duration
        self.result: LoadResult | None = None
        self.media: Mapping[str, EntryMedia] = {}
        self.config: Any = None
        self._lock = threading.Lock()
        self._started = False

    def rebuild(self) -> bool:
        """Build the preview again; False when the build failed (the old one stays)."""
        from mkdocs.commands.build import build
        from mkdocs.config import load_config
        from mkdocs.exceptions import Abort, MkDocsException

        with self._lock:
            os.environ["ETALASE_LANG"] = self.lang
            os.environ[PREVIEW_ENV] = "1"
            started = time.monotonic()
            try:
                config = load_config(str(self.config_file), site_dir=str(self.site_dir))
                if not self._started:  # as `mkdocs serve` does: once, on the first config
                    config.plugins.on_startup(command="serve", dirty=False)
                    self._started = True
                config.site_url = self.serve_url
                build(config, serve_url=self.serve_url)
            except (Abort, MkDocsException) as exc:
                log.warning("pratinjau gagal dibangun / preview build failed: %s", exc)
                return False
            plugin = config.plugins.get("etalase")
            self.config = config
            self.result = getattr(plugin, "result", None)
            self.media = dict(getattr(plugin, "media", {}) or {})
            self.generation += 1
            self.seconds = time.monotonic() - started
            return True

    def close(self) -> None:
        """Stop the plugin's background work and delete the temporary site."""
        with self._lock:
            if self.config is not None:
                self.config.plugins.on_shutdown()
            shutil.rmtree(self.site_dir, ignore_errors=True)

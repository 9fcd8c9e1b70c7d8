"""The ``etalase`` MkDocs plugin: validate the catalogue and keep unpublished content out.

Thin on purpose: the catalogue logic lives in :mod:`etalase.content`. The
plugin loads and checks the catalogue once per build, runs the media step
(posters and renditions, from the cache when nothing changed), logs every problem
through MkDocs' plugin logger (so ``mkdocs build --strict`` fails on errors),
and removes from the build whatever must not be public: invalid or
unpublished entries, and every original video upload.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files

from ..content.loader import SCHOOLS_DIR, VIDEO_SUFFIXES, LoadResult, load_catalogue
from ..media.cache import MediaCache
from ..media.pipeline import MediaResult, run_media
from ..media.tools import find_tools
from ..policy import ConfigError, EtalaseConfig, Policy

log = get_plugin_logger(__name__)


class EtalasePlugin(BasePlugin[EtalaseConfig]):  # type: ignore[no-untyped-call,unused-ignore]
    """Loads and validates the catalogue during an MkDocs build."""

    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.result: LoadResult | None = None
        self.media: MediaResult | None = None

    def on_config(self, config: Any) -> Any:
        try:
            self.policy = Policy.from_config(self.config)
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.policy is not None
        try:
            tools = find_tools(self.policy)
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        root = Path(config.config_file_path or ".").resolve().parent
        cache_dir = root / self.policy.cache_dir
        prober = MediaCache.open(cache_dir).prober(tools, self.policy.probe_timeout)
        self.result = load_catalogue(Path(config.docs_dir), self.policy, tools=tools, root=root,
                                     prober=prober)  # fmt: skip
        try:
            self.media = run_media(self.result.catalogue, self.policy, tools,
                                   cache_dir=cache_dir, progress=sys.stderr.isatty(),
                                   root=root)  # fmt: skip
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        log.info(f"media: {self.media.processed} diolah, {self.media.reused} dipakai ulang, "
                 f"{self.media.failed} gagal ({self.media.seconds:.1f} s)")  # fmt: skip
        for item in (*self.result.problems, *self.media.problems):
            text = f"{item.path}: [{item.code}] {item.message()} {item.fix()}"
            (log.warning if item.severity == "error" else log.info)(text)
        keep = {school.source.resolve() for school in self.result.catalogue.schools}
        keep |= {e.source.resolve() for e in self.result.catalogue.entries if e.is_published}
        keep_dirs = {p.parent for p in keep}
        for file in list(files):
            if not file.src_uri.startswith(f"{SCHOOLS_DIR}/"):
                continue
            path = Path(file.abs_src_path or "").resolve()
            is_video = path.suffix.lower() in VIDEO_SUFFIXES
            if is_video or (path.suffix == ".md" and path not in keep) or (
                path.parent not in keep_dirs
            ):
                files.remove(file)
        return files

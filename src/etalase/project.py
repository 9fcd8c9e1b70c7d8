"""One project: where its files are, what its office accepts, and how its catalogue loads.

Every command gets a :class:`Project` from :func:`load_project`, which reads
``mkdocs.yml`` once and keeps what it read (:class:`ConfigFile`: read again
only when the file's stat changed, as a long-lived desk needs); the MkDocs
plugin makes one with :meth:`Project.create` from the config MkDocs loaded.
The catalogue is loaded through :meth:`Project.load` only, with ffprobe
behind the media cache, so a clip probed once by any command is never probed
again while it is unchanged.
Everything Etalase keeps between runs sits under one :class:`CacheLayout`.
Nothing here imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .content.loader import Known, LoadResult, Prober, load_catalogue, reload_entries
from .content.memo import ReadMemo, Signature, signature
from .errors import ConfigError
from .media.cache import MediaCache
from .media.tools import Tools, find_tools
from .paths import shown
from .policy import NOT_POLICY, Policy

#: Options the plugin takes that are not policy (declared in :mod:`etalase.policy`).
PLUGIN_ONLY = NOT_POLICY


@dataclass(frozen=True, slots=True)
class CacheLayout:
    """Everything kept between runs, under the plugin option ``cache_dir``.

    Attributes:
        root: The cache folder itself.
    """

    root: Path

    @property
    def media(self) -> Path:
        """The media cache: its manifest, posters and renditions."""
        return self.root / "media"

    @property
    def pages(self) -> Path:
        """Rendered pages kept between builds."""
        return self.root / "pages"

    @property
    def published_seen(self) -> Path:
        """The day a build first saw each entry published without a ``published:`` day."""
        return self.root / "published-seen.json"

    @property
    def search(self) -> Path:
        """The last search index and its key."""
        return self.root / "search"

    @property
    def templates(self) -> Path:
        """The site's templates compiled by Jinja, kept between builds."""
        return self.root / "templates"

    @property
    def ledger(self) -> Path:
        """What ``etalase ingest`` imported, by content hash."""
        return self.root / "ingest.json"

    @property
    def build_lock(self) -> Path:
        """Held by ``build`` and ``media``: one of them at a time."""
        return self.root / "build.lock"

    @property
    def deploy(self) -> Path:
        """What ``etalase deploy`` left on the hosts (its state file)."""
        return self.root / "deploy"

    @property
    def ingest_lock(self) -> Path:
        """Held by ``ingest``: one at a time."""
        return self.root / "ingest.lock"

    @property
    def captions(self) -> Path:
        """Machine caption drafts (never published) and the speech model they are made with."""
        return self.root / "captions"

    @property
    def desk(self) -> Path:
        """The curator desks' previews: one folder per running ``etalase desk``."""
        return self.root / "desk"


class ConfigFile:
    """``mkdocs.yml`` and the settings last read from it, parsed again only when it changed.

    The file's stat signature (mtime, size, inode, ctime) decides, as for the
    content files a live workspace reads (:mod:`etalase.content.memo`), without
    the memo's settle time: two edits of ``mkdocs.yml`` within one clock tick
    that keep its size are not a person's. The settings returned are shared:
    callers must not change them.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._known: tuple[Signature, dict[str, Any]] | None = None

    def settings(self) -> dict[str, Any]:
        """The settings in the file (see :func:`read_config`).

        Raises:
            ConfigError: The file cannot be read or holds no ``name: value`` settings.
        """
        try:
            now = signature(os.stat(self.path))
        except OSError as exc:
            raise ConfigError("config.unreadable", path=self.path, detail=exc) from exc
        with self._lock:
            if self._known is None or self._known[0] != now:
                # Stat first, then read: a change in between is read again next time.
                self._known = (now, read_config(self.path))
            return self._known[1]


@dataclass(frozen=True, slots=True)
class Project:
    """A catalogue project: its folders, site, policy and cache.

    Attributes:
        root: The folder of ``mkdocs.yml`` (the working folder without one).
        config_file: ``mkdocs.yml``, or None when there is none.
        content_dir: MkDocs' ``docs_dir``: where schools write.
        site_dir: Where ``build`` writes the site.
        site_url: The public address of the site (may be empty).
        site_name: The site's name.
        policy: What the office accepts.
        cache: Where everything kept between runs lives.
        site_description: The site's description (``site_description``).
        site_author: Who publishes the site (``site_author``; may be empty).
        config: ``mkdocs.yml``'s settings as read (None without a file); see :meth:`settings`.
    """

    root: Path
    config_file: Path | None
    content_dir: Path
    site_dir: Path
    site_url: str
    site_name: str
    policy: Policy
    cache: CacheLayout
    site_description: str = ""
    site_author: str = ""
    config: ConfigFile | None = field(default=None, compare=False, repr=False)

    @classmethod
    def create(
        cls,
        root: Path,
        policy: Policy,
        *,
        config_file: Path | None = None,
        content_dir: Path | None = None,
        site_dir: Path | None = None,
        site_url: str = "",
        site_name: str = "",
        site_description: str = "",
        site_author: str = "",
        config: ConfigFile | None = None,
    ) -> Project:
        """A project from its parts; relative folders are taken from ``root``.

        ``config`` is what :func:`load_project` read; without it, ``config_file``
        is read when its settings are first asked for.
        """
        root = root.resolve()
        if config is None and config_file is not None:
            config = ConfigFile(config_file)
        return cls(
            root=root,
            config_file=config_file,
            content_dir=root / (content_dir or "content"),
            site_dir=root / (site_dir or "site"),
            site_url=site_url,
            site_name=site_name,
            policy=policy,
            cache=CacheLayout(root / policy.cache_dir),
            site_description=site_description,
            site_author=site_author,
            config=config,
        )

    def settings(self) -> dict[str, Any]:
        """The settings in ``mkdocs.yml`` (empty without one): as read, unless it changed since.

        Raises:
            ConfigError: The file changed and cannot be read, or holds no settings.
        """
        return self.config.settings() if self.config is not None else {}

    @property
    def roster_file(self) -> Path | None:
        """The office's school roster (plugin option ``roster``), or None when it is turned off.

        The file need not exist: without it, Etalase knows only the schools with a profile.
        """
        return self.content_dir / self.policy.roster if self.policy.roster else None

    def tools(self) -> Tools:
        """ffmpeg and ffprobe.

        Raises:
            ConfigError: Either is missing, with how to install it.
        """
        return find_tools(self.policy)

    def media_cache(self) -> MediaCache:
        """The process-wide media cache of this project."""
        return MediaCache.open(self.cache.media)

    def load(
        self,
        *,
        probe: bool = True,
        only: Sequence[Path] = (),
        jobs: int | None = None,
        select: Callable[[str], bool] | None = None,
        memo: ReadMemo | None = None,
        today: dt.date | None = None,
        root: Path | None = None,
    ) -> LoadResult:
        """Load and check the catalogue: the one way every command does it.

        Args:
            probe: Probe the videos (through the media cache: an unchanged clip
                is never probed twice). Without, only their files are checked.
            only: Probe only the videos below these paths.
            jobs: Parallel probes (default: CPU count).
            select: Probe only the entries whose key it accepts.
            memo: Keeps what was read for the next load in this process.
            today: The date future dates are checked against.
            root: Problem paths are shown relative to this folder (default: the
                working folder, where the person typed the command).

        Raises:
            ConfigError: ``probe`` and ffmpeg/ffprobe are missing.
        """
        prober, known = self._probers(probe)
        return load_catalogue(
            self.content_dir,
            self.policy,
            root=root or Path.cwd(),
            prober=prober,
            known=known,
            only=only,
            jobs=jobs,
            today=today,
            select=select,
            memo=memo,
            roster_file=self.roster_file,
        )

    def _probers(self, probe: bool) -> tuple[Prober | None, Known | None]:
        """The media cache's prober and what it knows without a process (None, None: no probing).

        Raises:
            ConfigError: ``probe`` and ffmpeg/ffprobe are missing.
        """
        if not probe:
            return None, None
        cached = self.media_cache().prober(self.tools(), self.policy.probe_timeout)
        return cached, cached.known

    def reload(
        self,
        previous: LoadResult,
        folders: Sequence[Path],
        *,
        memo: ReadMemo,
        probe: bool = True,
        root: Path | None = None,
    ) -> LoadResult | None:
        """``previous`` with the entry folders ``folders`` read again (see
        :func:`~etalase.content.loader.reload_entries`), or None when only a whole
        :meth:`load` can say what changed.

        Raises:
            ConfigError: ``probe`` and ffmpeg/ffprobe are missing.
        """
        prober, known = self._probers(probe)
        return reload_entries(
            previous,
            folders,
            self.content_dir,
            self.policy,
            root=root or Path.cwd(),
            memo=memo,
            prober=prober,
            known=known,
        )

    def shown(self, path: Path) -> str:
        """``path`` as a person at the project sees it: relative to the root when inside."""
        return shown(path, self.root)


def load_project(config_file: str | os.PathLike[str] | None = None) -> Project:
    """Read ``mkdocs.yml`` (default: the one in the working folder), once.

    Without a ``mkdocs.yml`` the defaults apply and ``content/`` is the content
    folder, so ``etalase check`` works on a bare folder too.

    Raises:
        ConfigError: The file is given but missing, or is not valid.
    """
    path = Path(config_file) if config_file else Path("mkdocs.yml")
    if not path.is_file():
        if config_file:
            raise ConfigError("config.file_missing", path=path)
        return Project.create(Path.cwd(), Policy.from_options({}))
    config = ConfigFile(path.resolve())
    raw = config.settings()
    return Project.create(
        path.parent,
        Policy.from_options(plugin_options(raw.get("plugins"))),
        config_file=path.resolve(),
        content_dir=Path(str(raw.get("docs_dir", "docs"))),
        site_dir=Path(str(raw.get("site_dir", "site"))),
        site_url=str(raw.get("site_url") or ""),
        site_name=str(raw.get("site_name") or ""),
        site_description=str(raw.get("site_description") or ""),
        site_author=str(raw.get("site_author") or ""),
        config=config,
    )


class _ConfigLoader(yaml.SafeLoader):
    """YAML as ``mkdocs.yml`` is written: MkDocs' ``!ENV`` tag, other tags as plain values."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)  # type: ignore[arg-type]
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if os.environ.get(str(name)) is not None:
            return yaml.safe_load(os.environ[str(name)])
    return default


def _any_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)  # type: ignore[arg-type]


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _any_tag)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _any_tag)


def read_config(path: Path) -> dict[str, Any]:
    """The settings in ``mkdocs.yml``.

    Raises:
        ConfigError: The file cannot be read or holds no ``name: value`` settings.
    """
    try:
        with path.open("rb") as handle:
            raw = yaml.load(handle, Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError("config.unreadable", path=path, detail=exc) from exc
    if not isinstance(raw, dict):
        raise ConfigError("config.not_settings", path=path)
    return raw


def plugin_options(plugins: object) -> dict[str, Any]:
    """The ``etalase`` entry's policy options in a ``plugins:`` list or mapping."""
    items: list[object]
    if isinstance(plugins, dict):
        items = [{k: v} for k, v in plugins.items()]
    elif isinstance(plugins, list):
        items = plugins
    else:
        return {}
    for item in items:
        if item == "etalase":
            return {}
        if isinstance(item, dict) and "etalase" in item:
            options = item["etalase"] or {}
            if not isinstance(options, dict):
                raise ConfigError("config.plugin_not_settings")
            return {k: v for k, v in options.items() if k not in PLUGIN_ONLY}
    return {}

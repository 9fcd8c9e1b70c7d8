"""Running MkDocs for ``etalase build`` and ``etalase serve``: the CLI's only door to MkDocs.

The CLI has checked the project (config, ffmpeg, cache folder) before it comes
here. Run options reach the plugin as plugin options (``lang``, ``preview``),
given to MkDocs with the rest of ``plugins:`` from ``mkdocs.yml`` as the project
read it (Etalase parses the file once; MkDocs parses it for itself), never
through the environment.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import traceback
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ConfigError
from ..problems import Lang
from ..project import Project
from ..site.edition import ONLINE, Edition
from ..site.session import RenderSession
from ..workspace import open_workspace


class BuildFailed(Exception):
    """MkDocs stopped the build; the message says why (already in the log)."""

    @property
    def reason(self) -> str:
        """The message as a clause of ``build.failed`` (without its own full stop)."""
        return str(self).rstrip(".")


def _plugins(project: Project, options: dict[str, Any]) -> dict[str, Any] | None:
    """``plugins:`` of ``mkdocs.yml`` as a mapping, with ``options`` added to etalase's.

    The settings are the ones the project read (read again only if the file changed
    since, as for a long-lived desk); MkDocs parses the file once more itself.
    """
    raw = project.settings().get("plugins")
    if raw is None:
        return None
    items = (
        raw.items()
        if isinstance(raw, dict)
        else [
            next(iter(item.items())) if isinstance(item, dict) and len(item) == 1 else (item, None)
            for item in raw
        ]
    )
    # A mapping, not a list: MkDocs takes list items apart as it reads them, and
    # a live preview reads the same value again on every rebuild.
    plugins: dict[str, Any] = {}
    for name, cfg in items:
        plugins[str(name)] = {**(cfg or {}), **options} if name == "etalase" else cfg
    return plugins


def mkdocs_config(
    project: Project,
    *,
    lang: Lang,
    preview: bool = False,
    edition: Edition = ONLINE,
    **overrides: Any,
) -> Any:
    """MkDocs' config of the project, with the run's options for the plugin.

    An offline ``edition`` reaches the plugin as its ``edition`` and ``since``
    options (the plugin then builds with file links).

    Raises:
        ConfigError: ``mkdocs.yml`` is missing or MkDocs finds it invalid.
    """
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .mkdocs_private import check_mkdocs

    if project.config_file is None:
        raise ConfigError("config.mkdocs_missing")
    check_mkdocs()
    options: dict[str, Any] = {"lang": lang, "preview": preview}
    if edition.offline:
        since = edition.since.isoformat() if edition.since else None
        options.update(edition=edition.kind, since=since)
    plugins = _plugins(project, options)
    try:
        return load_config(str(project.config_file), plugins=plugins, **overrides)
    except ConfigurationError as exc:
        raise ConfigError("config.invalid", detail=exc) from exc


def build(
    project: Project, site_dir: Path, *, strict: bool, lang: Lang, edition: Edition = ONLINE
) -> RenderSession | None:
    """Build the site (or an offline ``edition``) into ``site_dir``; returns its render
    session, as the project's workspace holds it (None: MkDocs ran without the plugin).

    Raises:
        BuildFailed: MkDocs aborted the build.
        ConfigError: The config is invalid.
    """
    quiet_mkdocs(lang=lang)
    config = mkdocs_config(
        project, lang=lang, strict=strict, site_dir=str(site_dir), edition=edition
    )
    # As `mkdocs build` does: plugins learn this is a build, never a live preview.
    _run_mkdocs(config, command="build")
    return session_of(project)


def _run_mkdocs(config: Any, *, command: str | None, serve_url: str | None = None) -> None:
    """MkDocs' build of ``config`` (``command``: start the plugins first, as MkDocs does).

    Raises:
        BuildFailed: MkDocs aborted the build, or a template (the site's own, in
            ``overrides/``) failed on a page, which MkDocs has named in its log.
    """
    from jinja2 import TemplateError
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import Abort, BuildError, MkDocsException

    try:
        if command is not None:
            config.plugins.on_startup(command=command, dirty=False)
        mkdocs_build(config, serve_url=serve_url)
    except TemplateError as exc:
        raise BuildFailed(str(exc)) from exc
    except (Abort, MkDocsException) as exc:
        # MkDocs words a plugin's error as "Aborted with a BuildError!": say the error.
        cause = exc.__context__ if isinstance(exc.__context__, BuildError) else exc
        raise BuildFailed(str(cause)) from exc
    except Exception as exc:
        if not _raised_in(exc, config.theme.custom_dir):
            raise  # Etalase's own mistake: the CLI says "internal error"
        raise BuildFailed(str(exc)) from exc


def _raised_in(exc: BaseException, custom_dir: str | None) -> bool:
    """Whether ``exc`` came out of a template in the site's ``custom_dir`` (``{{ "x" + 1 }}``
    in an office's override: a ``TypeError``, not Jinja's own error). Jinja puts the
    template's file and line into the traceback."""
    if not custom_dir:
        return False
    folder = os.path.join(os.path.realpath(custom_dir), "")
    frames = traceback.extract_tb(exc.__traceback__)
    return any(os.path.realpath(frame.filename).startswith(folder) for frame in frames)


def session_of(project: Project) -> RenderSession | None:
    """The render session the last build of ``project`` left in its workspace."""
    return open_workspace(project).session


class PreviewBuild(NamedTuple):
    """What one preview build leaves for the desk."""

    plugin: Any  # the etalase plugin instance (stopped by :func:`stop`), or None
    session: RenderSession | None  # the render it made, as the workspace holds it
    extensions: list[Any]  # the site's Markdown extensions, for text shown as on the site
    extension_configs: dict[str, Any]


def build_preview(
    project: Project, site_dir: Path, *, serve_url: str, lang: Lang, first: bool
) -> PreviewBuild:
    """One build of the curator preview, as ``serve --preview`` makes it (``etalase desk``).

    MkDocs loads its config again each time, as ``mkdocs serve`` does; the
    plugins' options come from the project's reading of ``mkdocs.yml``, read
    again only when the file changed. MkDocs keeps the plugin instance, so a
    rebuild is the incremental one of a live preview.

    Args:
        project: The project.
        site_dir: Where the preview is written.
        serve_url: The address the preview is served at.
        lang: The language of problem messages.
        first: The first build of this process (plugins are started once).

    Raises:
        BuildFailed: MkDocs aborted the build.
        ConfigError: The config is invalid.
    """
    config = mkdocs_config(project, lang=lang, preview=True, site_dir=str(site_dir))
    config.site_url = serve_url
    # As `mkdocs serve` does: the plugins are started once, on the first config.
    _run_mkdocs(config, command="serve" if first else None, serve_url=serve_url)
    return PreviewBuild(
        config.plugins.get("etalase"),
        session_of(project),
        list(config["markdown_extensions"]),
        dict(config["mdx_configs"] or {}),
    )


def stop(plugin: Any) -> None:
    """End a preview's plugin: its background search indexing stops."""
    if plugin is not None:
        plugin.on_shutdown()


def serve(project: Project, *, dev_addr: str | None, preview: bool, lang: Lang) -> None:
    """MkDocs' live preview of the project, until interrupted."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    mkdocs_config(project, lang=lang, preview=preview)  # a broken config: exit 2, now
    quiet_mkdocs(logging.INFO, lang)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    plugins = _plugins(project, {"lang": lang, "preview": preview})
    # "dirty": the site folder is kept between rebuilds, and the plugin writes only
    # the files that changed (MkDocs would empty it on every rebuild).
    mkdocs_serve(str(project.config_file), build_type="dirty", dev_addr=dev_addr, plugins=plugins)


# MkDocs' own log lines (checked against MkDocs 1.6) -> the message that says them in the
# user's language; a line not listed here is shown as MkDocs wrote it.
MKDOCS_LINES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.S), key)
    for pattern, key in (
        (r"Building documentation\.\.\.", "mkdocs.building"),
        (r"Building documentation to directory: (?P<folder>.+)", "mkdocs.building_to"),
        (r"Cleaning site directory", "mkdocs.cleaning"),
        (r"Documentation built in (?P<seconds>[0-9.]+) seconds", "mkdocs.built"),
        (r"Watching paths for changes: (?P<paths>.+)", "mkdocs.watching"),
        (r"Serving on (?P<url>\S+) and opening it in a browser", "mkdocs.serving"),
        (r"Serving on (?P<url>\S+)", "mkdocs.serving"),
        (r"Detected file changes", "mkdocs.changed"),
        (r"Reloading browsers", "mkdocs.reloading"),
        (r"Browser connected: (?P<url>\S+)", "mkdocs.browser"),
        (r"Shutting down\.\.\.", "mkdocs.stopping"),
        (r'"(?P<request>[A-Z]+ \S+) HTTP/[0-9.]+" code (?P<code>\d+)', "mkdocs.request"),
        (r"A 'dirty' build is being performed.*", "mkdocs.dirty"),
        (
            r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but (?:there is no "
            r"such anchor on this page|the doc '[^']+' does not contain an anchor '#[^']+')\..*",
            "mkdocs.anchor_missing",
        ),
        (
            r"Doc file '(?P<file>[^']+)' contains a link '(?P<link>[^']+)', but the target"
            r"(?: '[^']+')? is not found among documentation files\.",
            "mkdocs.link_missing",
        ),
        (
            r"Doc file '(?P<file>[^']+)' contains an unrecognized relative link '(?P<link>[^']+)', "
            r"it was left as is\.",
            "mkdocs.link_unrecognized",
        ),
        (
            r"Doc file '(?P<file>[^']+)' contains an absolute link '(?P<link>[^']+)', "
            r"it was left as is\.",
            "mkdocs.link_absolute",
        ),
        (
            r"Doc file '(?P<file>[^']+)' contains a link to '(?P<link>[^']+)' which is excluded "
            r"from the built site\.",
            "mkdocs.link_excluded",
        ),
        (
            r"Excluding '(?P<file>[^']+)' from the site because it conflicts with '(?P<other>[^']+)'\.",
            "mkdocs.conflict",
        ),
        (
            r"The following pages are being built only for the preview.*?:\n(?P<pages>.*)",
            "mkdocs.drafts",
        ),
        (r"Error building page '(?P<file>[^']+)': (?P<reason>.+)", "mkdocs.page_failed"),
    )
)
_CLOCK = re.compile(r"^(\[\d\d:\d\d:\d\d\] )")  # MkDocs' live server stamps its lines
_LEVELS = {
    "INFO": "label.info",
    "WARNING": "label.warning",
    "ERROR": "label.error",
    "CRITICAL": "label.error",
}


class MkDocsWords(logging.Formatter):
    """MkDocs' log lines in the user's language: ``PERINGATAN: ...``, ``Situs selesai
    dibangun dalam 2,3 detik`` (:data:`MKDOCS_LINES`, worded in :mod:`etalase.messages`)."""

    def __init__(self, lang: Lang) -> None:
        super().__init__("%(message)s")
        self.lang = lang

    def format(self, record: logging.LogRecord) -> str:
        from ..messages import decimal, text

        message = super().format(record)
        clock = _CLOCK.match(message)
        stamp = clock.group(1) if clock else ""
        said = message[len(stamp) :]
        for pattern, key in MKDOCS_LINES:
            found = pattern.fullmatch(said)
            if found:
                params = dict(found.groupdict())
                if "seconds" in params:
                    params["seconds"] = decimal(float(params["seconds"]), self.lang)
                said = text(key, self.lang, **params)
                break
        label = _LEVELS.get(record.levelname)
        level = text(label, self.lang) if label else record.levelname
        return f"{level}: {stamp}{said}"


def quiet_mkdocs(level: int = logging.WARNING, lang: Lang = "id") -> None:
    """Show MkDocs' warnings and errors (each problem is one); ``serve`` adds its progress."""
    # Material's end-of-life notice is for maintainers, not for school operators.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    for old in [h for h in logger.handlers if getattr(h, "etalase", False)]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(MkDocsWords(lang))
    handler.setLevel(level)
    handler.etalase = True  # type: ignore[attr-defined]
    logger.addHandler(handler)

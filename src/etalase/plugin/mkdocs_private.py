"""Every use of MkDocs' private API, in one place: a contract checked against MkDocs 1.6.1.

Etalase leans on a few MkDocs internals that are not part of its plugin API.
They all sit here, so an MkDocs upgrade is checked in one module. The contract
is data: :data:`CHECKED` is the MkDocs range it was checked against (the pin in
``pyproject.toml``), :data:`SIGNATURES` the signature of each private symbol
as checked. :func:`check_mkdocs` runs when a build starts and refuses, with a
clear message, an MkDocs outside the range or without one of the symbols;
``tests/plugin/test_mkdocs_private.py`` fails when a recorded signature
changes. To upgrade: install the new MkDocs, run ``tests/plugin``, read the
changed functions, then update :data:`CHECKED`, :data:`SIGNATURES` and the pin.
The symbols:

- :func:`build_page`: ``mkdocs.commands.build._build_page``, MkDocs' own page
  builder, called by the forked renderers (:mod:`.parallel`);
- :func:`render_page`: ``_populate_page`` and ``_build_page``, for the few pages
  a live preview's update renders again;
- :func:`quiet_omitted_files`: ``config.validation.nav.omitted_files``, so the
  entries left out of the menu on purpose are not listed as omitted;
- :func:`quiet_skipped_pages`: the wording of ``mkdocs.commands.build``'s
  "Page skipped" / "Template skipped" debug lines;
- :data:`DRAFT_MARKER`: the English "DRAFT" box ``_build_page`` puts on a
  draft page in ``serve`` (the curator preview), which :func:`own_draft_marker`
  words in the site's language;
- :class:`DeferredPage`: a ``Page`` subclass that overrides ``render`` and sets
  ``content``, ``toc`` and ``present_anchor_ids`` itself (:func:`defer_conversion`
  makes one in place of a file's page);
- :func:`rebuild_every_page`: ``File.is_modified``, which a ``dirty`` build
  (``serve`` keeping its folder) asks before reading and building a page;
  :func:`copy_again` sets it for a picture whose copy must be written again;
- :func:`quiet_skipped_pages` also drops the "'dirty' build" warning
  ``mkdocs.commands.build`` logs on every such rebuild;
- :func:`live_observer` and :func:`replace_live_builder`: the live-reload
  server's ``observer`` and ``builder`` attributes (``LiveReloadServer``),
  which ``etalase serve`` listens on and replaces by its live update;
- ``mkdocs.commands.build.build``'s ``serve_url`` and
  ``mkdocs.commands.serve.serve``'s ``build_type="dirty"``
  (:mod:`etalase.plugin.run`), as ``mkdocs serve`` passes them.

Deferred Markdown: MkDocs reads and converts every page's Markdown in one
process before any page is rendered, building a new Markdown converter for
each, even an empty one. A catalogue page's inputs are all in its plan, so its
Markdown can wait: a :class:`DeferredPage` skips the conversion at read time,
and :meth:`DeferredPage.convert` does it when (and where) the page is rendered:
in a forked renderer, or never when the rendered page comes from the cache.

Most schools write plain text: no link, no image, no HTML. Such text is
converted by one converter per process (:func:`_converter`, reset between
pages) with the site's Markdown extensions; MkDocs' own per-page converter
differs from it only in how it checks and rewrites links and images, so text
with any ``[`` or ``<`` still goes through MkDocs' converter.
"""

from __future__ import annotations

import html
import importlib
import inspect
import json
import logging
from collections.abc import Callable, Collection, Iterable
from importlib.metadata import version
from typing import Any

import markdown
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..errors import ConfigError

#: The MkDocs versions this module was checked against: at least the first, below the
#: second (``pyproject.toml`` pins the same range).
CHECKED = ((1, 6, 1), (1, 7))

#: Every private (or semi-private) MkDocs symbol Etalase calls, overrides or sets,
#: with its signature as checked (``str(inspect.signature(...))`` under MkDocs 1.6.1).
SIGNATURES: dict[str, str] = {
    "mkdocs.commands.build:_build_page": (
        "(page: 'Page', config: 'MkDocsConfig', doc_files: 'Sequence[File]', nav: 'Navigation',"
        " env: 'jinja2.Environment', dirty: 'bool' = False, excluded: 'bool' = False) -> 'None'"
    ),
    "mkdocs.commands.build:_populate_page": (
        "(page: 'Page', config: 'MkDocsConfig', files: 'Files', dirty: 'bool' = False) -> 'None'"
    ),
    "mkdocs.commands.build:build": (
        "(config: 'MkDocsConfig', *, serve_url: 'str | None' = None, dirty: 'bool' = False)"
        " -> 'None'"
    ),
    "mkdocs.commands.serve:serve": (
        "(config_file: 'str | None' = None, livereload: 'bool' = True,"
        " build_type: 'str | None' = None, watch_theme: 'bool' = False,"
        " watch: 'list[str]' = [], *, open_in_browser: 'bool' = False, **kwargs) -> 'None'"
    ),
    "mkdocs.structure.pages:Page.__init__": (
        "(self, title: 'str | None', file: 'File', config: 'MkDocsConfig') -> 'None'"
    ),
    "mkdocs.structure.pages:Page.render": (
        "(self, config: 'MkDocsConfig', files: 'Files') -> 'None'"
    ),
    "mkdocs.structure.files:File.is_modified": "(self) -> 'bool'",
    "mkdocs.structure.toc:get_toc": "(toc_tokens: 'list[_TocToken]') -> 'TableOfContents'",
    "mkdocs.livereload:LiveReloadServer.__init__": (
        "(self, builder: 'Callable[[], None]', host: 'str', port: 'int', root: 'str',"
        " mount_path: 'str' = '/', polling_interval: 'float' = 0.5,"
        " shutdown_delay: 'float' = 0.25) -> 'None'"
    ),
}

#: Attributes read or set on MkDocs' objects, by the class whose ``__init__`` sets them
#: (checked in its source: they are instance attributes, not on the class).
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "mkdocs.livereload:LiveReloadServer.__init__": ("self.builder", "self.observer"),
    "mkdocs.structure.pages:Page.render": ("self.content", "self.toc", "self.present_anchor_ids"),
    "mkdocs.config.defaults:MkDocsConfig": ("omitted_files",),
}


def resolve(name: str) -> Any:
    """The object a :data:`SIGNATURES` name (``module:qualified.name``) stands for.

    Raises:
        ImportError, AttributeError: MkDocs has no such symbol.
    """
    module, _, qualname = name.partition(":")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def installed_version() -> tuple[int, ...]:
    """The installed MkDocs version as numbers (``1.6.1`` -> ``(1, 6, 1)``)."""
    numbers = []
    for part in version("mkdocs").split("."):
        digits = "".join(c for c in part if c.isdigit())
        if not digits:
            break
        numbers.append(int(digits))
        if digits != part:
            break
    return tuple(numbers)


def missing_symbols() -> list[str]:
    """The symbols of the contract the installed MkDocs lacks or changed."""
    missing = []
    for name, recorded in SIGNATURES.items():
        try:
            if str(inspect.signature(resolve(name))) != recorded:
                missing.append(name)
        except (ImportError, AttributeError, TypeError, ValueError):
            missing.append(name)
    for name, attributes in ATTRIBUTES.items():
        try:
            source = inspect.getsource(resolve(name))
        except (ImportError, AttributeError, TypeError, OSError):
            missing.append(name)
            continue
        missing += [f"{name}: {a}" for a in attributes if a not in source]
    return missing


def check_mkdocs() -> None:
    """Refuse an MkDocs this module was not checked against.

    Raises:
        ConfigError: The installed MkDocs is outside :data:`CHECKED`, or one of
            the symbols Etalase uses is missing or changed.
    """
    global _checked
    if _checked:
        return
    low, high = CHECKED
    installed = installed_version()
    wanted = f">={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
    if not low <= installed < high:
        raise ConfigError("mkdocs.unsupported", version=version("mkdocs"), wanted=wanted)
    missing = missing_symbols()
    if missing:
        raise ConfigError(
            "mkdocs.api_changed", version=version("mkdocs"), wanted=wanted, names=", ".join(missing)
        )
    _checked = True


_checked = False  # the installed MkDocs passed check_mkdocs in this process

#: What ``mkdocs.commands.build._build_page`` writes before a draft page's content.
DRAFT_MARKER = (
    '<div class="mkdocs-draft-marker" title="This page will not be included into the built site.">'
    "DRAFT</div>"
)


def own_draft_marker(output: str, label: str, help_text: str) -> str:
    """``output`` with MkDocs' English draft box worded ``label`` / ``help_text``."""
    if DRAFT_MARKER not in output:
        return output
    ours = f'<div class="mkdocs-draft-marker" title="{html.escape(help_text)}">{html.escape(label)}</div>'
    return output.replace(DRAFT_MARKER, ours)


class DeferredPage(Page):
    """A page that converts its Markdown in :meth:`convert`, not while MkDocs reads pages."""

    deferred: str | None = None

    def defer(self, markdown: str) -> str:
        """Keep ``markdown`` for later; MkDocs' own conversion then gets nothing to do."""
        self.deferred = markdown
        return ""

    def render(self, config: Any, files: Any) -> None:
        if self.deferred is None:
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = None  # not known here: MkDocs skips its anchor check

    def convert(self, config: Any, files: Any) -> None:
        """Convert the kept Markdown as MkDocs would have (links, anchors, table of contents)."""
        if self.deferred is None:
            return
        self.markdown, self.deferred = self.deferred, None
        if not self.markdown.strip():  # an empty page needs no converter
            return
        if "[" in self.markdown or "<" in self.markdown:
            super().render(config, files)
            self.present_anchor_ids = None  # as for every page rendered by a worker
            return
        md = _converter(config)
        self.content = md.reset().convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))


def defer_conversion(files: Any, src_uris: Iterable[str], config: Any) -> None:
    """These pages convert their Markdown only when rendered: each becomes a
    :class:`DeferredPage` (a ``Page`` made for a file is that file's page)."""
    for src_uri in src_uris:
        file = files.get_file_from_path(src_uri)
        if file is not None and not isinstance(file.page, DeferredPage):
            DeferredPage(None, file, config)


_CONVERTERS: dict[str, markdown.Markdown] = {}


def _converter(config: Any) -> markdown.Markdown:
    """One Markdown converter per process and set of extensions."""
    extensions, settings = config["markdown_extensions"], config["mdx_configs"] or {}
    key = json.dumps([extensions, settings], sort_keys=True, default=repr)
    md = _CONVERTERS.get(key)
    if md is None:
        md = _CONVERTERS[key] = markdown.Markdown(extensions=extensions, extension_configs=settings)
    return md


def build_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any) -> None:
    """Render and write one page exactly as ``mkdocs build`` does."""
    from mkdocs.commands.build import _build_page

    _build_page(page, config, doc_files, nav, env)


def render_page(page: Any, config: Any, files: Any, doc_files: Any, nav: Any, env: Any) -> None:
    """Read, convert, render and write one page of the last build again, as ``build`` does.

    ``mkdocs.commands.build._populate_page`` and ``_build_page``: a live
    preview's update renders the few pages a change touched without building
    the others (:meth:`~etalase.plugin.live.LiveUpdate.update`).
    """
    from mkdocs.commands.build import _build_page, _populate_page

    _populate_page(page, config, files)
    _build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())


def quiet_omitted_files(config: Any) -> None:
    """Entries are left out of the navigation on purpose: do not list them as omitted."""
    config.validation.nav.omitted_files = logging.DEBUG


def quiet_skipped_pages() -> None:
    """MkDocs logs each page another process rendered or the cache gave: not news."""
    logging.getLogger("mkdocs.commands.build").addFilter(_not_skipped)


def _not_skipped(record: logging.LogRecord) -> bool:
    return not str(record.msg).startswith(
        ("Page skipped", "Template skipped", "A 'dirty' build is being performed")
    )


def rebuild_every_page(files: Any) -> None:
    """A ``dirty`` build still reads and builds every page (the plugin decides what is written).

    MkDocs' ``dirty`` build skips a page whose Markdown file is older than its
    HTML, but a catalogue page (the home page's latest entries, a school's list)
    changes with other files. Static files keep MkDocs' own modification check.
    """
    for file in files.documentation_pages():
        file.is_modified = _modified


def copy_again(files: Any, src_uris: Collection[str]) -> None:
    """A ``dirty`` build copies these files though their copy in the site looks newer.

    ``File.is_modified`` compares modification times; a school's picture
    replaced by one the media cache already holds is made from an older file.
    """
    for uri in src_uris:
        file = files.get_file_from_path(uri)
        if file is not None:
            file.is_modified = _modified


def _modified() -> bool:
    return True


def live_observer(server: Any) -> Any:
    """The live-reload server's watchdog observer (``LiveReloadServer.observer``)."""
    return server.observer


def replace_live_builder(server: Any, rebuild: Callable[[], None]) -> None:
    """Make the live-reload server call ``rebuild`` instead of its whole build.

    ``LiveReloadServer.builder``: the function ``mkdocs serve`` runs after a
    watched file changed.
    """
    server.builder = rebuild

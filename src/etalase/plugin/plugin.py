"""The ``etalase`` MkDocs plugin: MkDocs' build events wired to the render session.

Wiring only, as Material's plugins are: each event hands its work to what the
plugin holds. The catalogue's work (preparing the site, page keys, a live
update's plan, media, feed, search) is done by the MkDocs-free
:class:`~etalase.site.session.RenderSession` the project's workspace holds.
MkDocs' side is done by the plugin's modules, each named for what it holds:
:mod:`.config` checks the options and gives the run's settings;
:mod:`.environment` the menu, MkDocs' files, templates, links and the page
cache's site key; :mod:`.parallel` the forked renderers and the Pagefind run
beside them; :mod:`.live` the live preview's update in place; :mod:`.log` the
problems logged through MkDocs' plugin logger (so ``--strict`` fails on them);
:mod:`.mkdocs_private` every private MkDocs API. Here, ``on_files`` has the
session prepare the site and puts the planned pages into MkDocs' files;
``on_env`` links unchanged pages from the page cache and forks renderers for
the rest; the page events pick each page's template, view and sanitizing;
``on_post_build`` has the session publish; ``on_serve`` answers a save inside
entry folders with a live update. Offline editions (the ``edition`` option)
write file links (``use_directory_urls`` off) and pass every template link
through :meth:`~etalase.site.edition.Edition.page`.
"""

from __future__ import annotations

import gc
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils.templates import TemplateContext

from ..errors import ConfigError
from ..messages import text
from ..policy import Policy
from ..site.context import PageContext
from ..site.pages import PageSpec
from ..site.search import SearchIndexError
from ..site.session import RenderSession, RenderSettings
from ..workspace import open_workspace
from . import parallel
from .config import EtalaseConfig, run_settings
from .environment import (
    SectionMenu,
    add_templates,
    collect_from_here,
    page_meta,
    pages_to_render,
    project_of,
    put_catalogue,
    set_up_templates,
)
from .live import Built, LiveUpdate
from .log import log, report, warn
from .mkdocs_private import (
    DeferredPage,
    build_page,
    copy_again,
    defer_conversion,
    own_draft_marker,
    quiet_skipped_pages,
    rebuild_every_page,
)


class EtalasePlugin(BasePlugin[EtalaseConfig]):  # type: ignore[no-untyped-call,unused-ignore]
    """Builds the public catalogue during an MkDocs build."""

    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.settings = RenderSettings()
        # The render of the site (held by the workspace); a live preview keeps it.
        self.session: RenderSession | None = None
        self.nav: Any = None
        self.files: Files | None = None
        self.renderers = parallel.Renderers()  # a build's forked renderers, Pagefind beside
        self.menu = SectionMenu()  # the sections, when mkdocs.yml has no nav:
        # serve: the saves since the last build, what it used, and the update in place
        self.live = LiveUpdate(publish=self.on_post_build)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # `etalase serve` keeps its folder between rebuilds: only changed files are written.
        self.settings = replace(
            self.settings, command=command, kept_folder=dirty and command == "serve"
        )
        quiet_skipped_pages()
        if command == "build":
            # A build's catalogue, plan and pages live to its end: the collector waits
            # until the renderers fork (on_env) instead of walking them again and again.
            gc.disable()

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.shutdown()

    def on_config(self, config: Any) -> Any:
        if self.session is not None:
            self.session.stop()  # serve: the previous build's Pagefind must not outlive its site
        self.policy, self.settings = run_settings(self.config, config, self.settings)
        add_templates(config.theme.dirs)
        self.menu.configure(config, self.settings.language)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.policy is not None
        lang = self.settings.lang
        project = project_of(config, self.policy)
        # The CLI or the desk opened the project's workspace before MkDocs started;
        # a bare `mkdocs build`/`mkdocs serve` opens it here. Either way the
        # catalogue is loaded once and then only what changed is read again.
        workspace = open_workspace(project, live=self.settings.command == "serve")
        self.files = files
        session = self.session = workspace.render_session(self.settings, self.session)
        # Another plugin's page events would miss pages that are reused or
        # converted late: then every page takes MkDocs' usual way.
        alone = not set(config.plugins) - {"etalase"}
        try:  # a missing ffmpeg, an unwritable cache or a full disk: an environment error
            prepared = session.prepare(
                workspace, project, keep_pages=alone, progress=sys.stderr.isatty()
            )
        except ConfigError as exc:
            raise PluginError(exc.text(lang)) from exc
        log.info(session.media_line())
        report(prepared.problems, lang)
        self.menu.complete(config, session.strings, has_innovations=prepared.plan.has_innovations)
        put_catalogue(files, config, prepared, session)
        if self.settings.command == "serve":  # what this rebuild changes, for the live preview
            session.plan_pages()
        log.info(session.catalogue_line())
        if self.settings.command == "build":
            # One build, one large catalogue that lives to the end: the collector
            # need not walk it again on every collection while pages render.
            gc.freeze()
        if self.settings.kept_folder:
            rebuild_every_page(files)
            copy_again(files, session.copies_changed())
        return files

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """A change inside entry folders is rendered in place; anything else builds the site."""
        if not self.settings.kept_folder or self.session is None or self.session.pages is None:
            return server
        self.live.attach(server, config, builder)
        return server

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        """Catalogue pages outside the menu convert their Markdown only when rendered."""
        self.nav = nav
        session = self.session
        if session is not None and session.pages is not None:
            in_nav = {page.file.src_uri for page in nav.pages}
            defer_conversion(files, session.specs.keys() - in_nav, config)
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Every page is read: reuse unchanged pages, fork workers to render the rest."""
        assert self.policy is not None and self.session is not None
        session = self.session
        set_up_templates(env, self.nav, session)
        command = self.settings.command
        inclusion = InclusionLevel.is_in_serve if command == "serve" else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        # What a live update renders its pages with.
        self.live.built = Built(session, config, doc_files, env, self.nav, files)
        pages = pages_to_render(session, doc_files, config, dict(self.config.items()), self.nav)
        if command == "build":
            collect_from_here()
        workers = parallel.worker_count(self.policy.render_workers)
        # Forking beside the live preview's server threads is not safe: serve renders alone.
        if command != "build" or workers < 2 or session.pages is None:
            return env

        def render(page: Any) -> None:
            build_page(page, config, doc_files, self.nav, env)

        self.renderers.start(
            pages,
            workers,
            render,
            strict=config.strict,
            session=session,
            doc_files=doc_files,
            site_dir=Path(config.site_dir),
        )
        return env

    def on_build_error(self, *, error: Exception) -> None:
        gc.enable()  # a build stopped before its pages (see on_startup)
        self.renderers.stop()  # the build stops: so do its renderers and Pagefind beside them

    def _spec(self, page: Any) -> PageSpec | None:
        return self.session.specs.get(page.file.src_uri) if self.session is not None else None

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        spec = self._spec(page)
        if spec is None:
            return markdown
        page.meta = page_meta(spec, page.meta)
        if isinstance(page, DeferredPage):
            return page.defer(markdown)
        return markdown

    def on_page_content(self, html_text: str, *, page: Any, config: Any, files: Files) -> str:
        spec = self._spec(page)
        if spec is None or self.session is None:
            return html_text
        return self._school_text(spec, html_text)

    def _school_text(self, spec: PageSpec, html_text: str) -> str:
        """The session's school text; the links it made plain text are reported."""
        assert self.session is not None
        html_text, dropped = self.session.school_text(spec, html_text)
        report(dropped, self.settings.lang)
        return html_text

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if not self.settings.preview or self.session is None:
            return output  # drafts are never built into site/
        strings = self.session.strings
        return own_draft_marker(output, strings("draft_marker"), strings("draft_marker_help"))

    def on_page_context(
        self, context: TemplateContext, *, page: Any, config: Any, nav: Any
    ) -> TemplateContext:
        self.renderers.rendering(page)
        spec = self._spec(page)
        if page.meta.get("template") == parallel.ELSEWHERE:
            return context  # rendered by a worker, or reused from the page cache
        if isinstance(page, DeferredPage) and page.deferred is not None:
            page.convert(config, self.files)
            if spec is not None and self.session is not None:
                page.content = self._school_text(spec, page.content or "")
        context["etalase"] = self._page_context(spec, page.title, config)  # type: ignore[typeddict-unknown-key]
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: Any
    ) -> TemplateContext:
        """Give the 404 page (a static template, no page of its own) the site's words."""
        if template_name == "404.html" and self.session is not None:
            title = self.session.strings("not_found")
            context["etalase"] = self._page_context(None, title, config)  # type: ignore[typeddict-unknown-key]
        return context

    def _page_context(self, spec: PageSpec | None, title: str | None, config: Any) -> PageContext:
        assert self.session is not None
        return self.session.page_context(
            spec,
            title,
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
        )

    def on_post_build(self, *, config: Any, updated: frozenset[str] | None = None) -> None:
        """Keep the rendered pages; publish the media, the feed and the search index.

        Args:
            config: MkDocs' config.
            updated: The pages a live update rendered (:meth:`LiveUpdate.update`), else
                None for a build: only a build lists the whole folder for what
                is stale, and saves the page cache's index.
        """
        lang = self.settings.lang
        if not self.renderers.wait():
            raise PluginError(text("build.pages_failed", lang))
        session = self.session
        if session is None:
            return
        kept = session.keep_pages(save=updated is None)
        if kept is not None:
            log.info(text("build.log_pages", lang, stored=kept[0], restored=kept[1]))
        files = self.files
        try:
            session.publish(
                Path(config.site_dir),
                site_url=config.site_url or "",
                site_name=config.site_name,
                written=lambda: (file.abs_dest_path for file in files or ()),
                updated=updated,
                # A live preview's search that failed: say so, keep previewing.
                on_index_error=lambda error: warn(error, lang),
            )
        except SearchIndexError as exc:
            raise PluginError(exc.text(lang)) from exc

"""The ``etalase`` MkDocs plugin: MkDocs' build events wired to the render session.

Wiring only. The catalogue's work (preparing the site, page keys, a live
update's plan, media, feed, search) is done by the MkDocs-free
:class:`~etalase.site.session.RenderSession` the project's workspace holds;
MkDocs' side (files, templates, links, the page cache's site key) by
:mod:`.environment`; every private MkDocs API by :mod:`.mkdocs_private`. Here,
``on_files`` has the session prepare the site, logs each problem through
MkDocs' plugin logger (so ``--strict`` fails on them) and puts the planned
pages into MkDocs' files; ``on_env`` links unchanged pages from the page cache
and forks renderers for the rest (:mod:`.parallel`); the page events pick each
page's template, view and sanitizing; ``on_post_build`` has the session
publish; ``on_serve`` answers a save inside entry folders with a live update.
Offline editions (the ``edition`` option) write file links
(``use_directory_urls`` off) and pass every template link through
:meth:`~etalase.site.edition.Edition.page`.
"""

from __future__ import annotations

import gc
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.utils.templates import TemplateContext

from ..content.routes import ROUTES
from ..errors import ConfigError
from ..messages import text
from ..policy import Policy
from ..problems import Lang, Problem
from ..project import Project
from ..report import problem_line
from ..site.context import PageContext
from ..site.pagecache import PageCache
from ..site.pages import PageSpec, section_nav
from ..site.search import SearchIndexError, read_by_pagefind
from ..site.session import RenderSession, RenderSettings
from ..site.strings import Strings
from ..workspace import open_workspace
from . import parallel
from .compiled import keep_compiled
from .config import EtalaseConfig, edition_of, policy_options
from .environment import (
    add_fragments,
    add_link_filters,
    add_templates,
    collect_from_here,
    page_meta,
    page_site_key,
    project_of,
    put_catalogue,
)
from .live import Built, LiveUpdate
from .mkdocs_private import (
    DeferredPage,
    build_page,
    check_mkdocs,
    copy_again,
    own_draft_marker,
    quiet_omitted_files,
    quiet_skipped_pages,
    rebuild_every_page,
)

log = get_plugin_logger(__name__)


class EtalasePlugin(BasePlugin[EtalaseConfig]):  # type: ignore[no-untyped-call,unused-ignore]
    """Builds the public catalogue during an MkDocs build."""

    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.settings = RenderSettings()
        # The render of the site (held by the workspace); a live preview keeps it.
        self.session: RenderSession | None = None
        self.nav: Any = None
        self.files: Files | None = None
        self.workers: list[parallel.Worker] = []
        self.own_indexed: parallel.LastWritten | None = None  # see index_beside
        self.owns_nav = False  # the navigation is ours (mkdocs.yml has no nav:)
        self.has_guide = False
        self.live = LiveUpdate()  # serve: the saves since the last build, and what it used

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
        lang = cast(Lang, self.config.lang)
        try:
            check_mkdocs()  # `mkdocs build` too: an MkDocs we were not checked against stops here
            self.policy = Policy.from_options(policy_options(self.config))
        except ConfigError as exc:
            raise PluginError(exc.text(lang)) from exc
        language = config.theme.get("language") or config.theme.get("locale") or "id"
        edition = edition_of(self.config, lang)
        self.settings = replace(
            self.settings,
            # Unpublished entries only ever reach a live preview, never a built site.
            preview=self.config.preview and self.settings.command == "serve",
            lang=lang,
            language=str(language),
            edition=edition,
        )
        if edition.offline:  # file links: index.html is opened from file://, not served
            config.use_directory_urls = False
            config.theme["font"] = False  # no Google Fonts: nothing may leave the card
        add_templates(config.theme.dirs)
        self.owns_nav = config.nav is None
        if self.owns_nav:
            self.has_guide = Path(config.docs_dir, ROUTES.source(ROUTES.guide)).is_file()
            config.nav = section_nav(Strings(str(language)), has_guide=self.has_guide)
            quiet_omitted_files(config)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.policy is not None
        lang = self.settings.lang
        project = project_of(config, self.policy)
        # The CLI or the desk opened the project's workspace before MkDocs started;
        # a bare `mkdocs build`/`mkdocs serve` opens it here. Either way the
        # catalogue is loaded once and then only what changed is read again.
        workspace = open_workspace(project, live=self.settings.command == "serve")
        if _same_site(workspace.project, project):
            project = workspace.project  # the CLI's: no second Project for the same site
        self.files = files
        session = self.session = workspace.render_session(self.settings, self.session)
        # Another plugin's page events would miss pages that are reused or
        # converted late: then every page takes MkDocs' usual way.
        alone = not set(config.plugins) - {"etalase"}
        pages = PageCache.open(project.cache.pages) if alone else None
        try:  # a missing ffmpeg, an unwritable cache or a full disk: an environment error
            prepared = session.prepare(
                workspace, project, pages=pages, progress=sys.stderr.isatty()
            )
        except ConfigError as exc:
            raise PluginError(exc.text(lang)) from exc
        plan = prepared.plan
        media = prepared.media
        log.info(
            text(
                "build.log_media",
                lang,
                processed=media.processed,
                reused=media.reused,
                failed=media.failed,
                seconds=f"{media.seconds:.1f}",
            )
        )
        self.report(prepared.problems)
        if self.owns_nav:  # MkDocs makes the navigation after on_files
            config.nav = section_nav(
                session.strings, has_guide=self.has_guide, has_innovations=plan.has_innovations
            )
        put_catalogue(files, config, prepared, session)
        if self.settings.command == "serve":  # what this rebuild changes, for the live preview
            session.plan_pages()
        catalogue = prepared.result.catalogue
        log.info(
            text(
                "build.log_catalogue",
                lang,
                published=len(catalogue.published) - len(plan.left_out),
                schools=len(catalogue.schools),
                problems=len(prepared.problems),
            )
        )
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

        def rebuild() -> None:
            if not self.update():
                builder()

        self.live.attach(server, config, rebuild)
        return server

    def update(self) -> bool:
        """Render again only the pages the files saved since the last build changed
        (:meth:`LiveUpdate.update`); False when MkDocs must build the whole site."""
        started = time.monotonic()
        try:
            changed = self.live.update(self.session, report=self.report, publish=self.publish)
        except ConfigError as exc:
            log.warning(exc.text(self.settings.lang))
            return False
        if changed is None:
            return False
        log.info(
            text(
                "serve.updated",
                self.settings.lang,
                pages=len(changed),
                seconds=f"{time.monotonic() - started:.2f}",
            )
        )
        return True

    def publish(self, config: Any, updated: frozenset[str]) -> None:
        """A live update's end: what a build's ``on_post_build`` does for its pages."""
        self.on_post_build(config=config, updated=updated)

    def report(self, problems: tuple[Problem, ...]) -> None:
        for item in problems:
            line = problem_line(item, self.settings.lang)
            (log.warning if item.severity == "error" else log.info)(line)

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        """Catalogue pages outside the menu convert their Markdown only when rendered."""
        self.nav = nav
        session = self.session
        if session is not None and session.pages is not None:
            in_nav = {page.file.src_uri for page in nav.pages}
            for src_uri in session.specs.keys() - in_nav:
                file = files.get_file_from_path(src_uri)
                if file is not None and not isinstance(file.page, DeferredPage):
                    DeferredPage(None, file, config)
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Every page is read: reuse unchanged pages, fork workers to render the rest."""
        assert self.policy is not None and self.session is not None
        session = self.session
        add_fragments(env, self.nav)
        add_link_filters(env, session.edition)
        if session.project is not None:
            keep_compiled(env, session.project.cache.templates)
        command = self.settings.command
        inclusion = InclusionLevel.is_in_serve if command == "serve" else InclusionLevel.is_included
        doc_files = files.documentation_pages(inclusion=inclusion)
        self.live.built = Built(config, doc_files, env, self.nav, files)  # for a live update
        pages = [f.page for f in doc_files if f.page is not None and f.src_uri in session.specs]
        session.start_pages()
        if session.pages is not None:
            pages = self.reuse_pages(pages, config)
        if self.settings.kept_folder:
            for page in pages:  # rendered again: never written through a link to the cache
                PageCache.vacate(Path(page.file.abs_dest_path))
        if command == "build":
            collect_from_here()
        workers = parallel.worker_count(self.policy.render_workers)
        # Forking beside the live preview's server threads is not safe: serve renders alone.
        if command != "build" or workers < 2 or session.pages is None:
            return env

        def render(page: Any) -> None:
            build_page(page, config, doc_files, self.nav, env)

        beside = not session.edition.offline  # an offline edition has no Pagefind
        self.workers = parallel.fork_renderers(
            pages,
            workers,
            render,
            strict=config.strict,
            first=_read_by_pagefind if beside else None,
        )
        if self.workers and beside:
            self.index_beside(doc_files, config)
        return env

    def index_beside(self, doc_files: Any, config: Any) -> None:
        """Pagefind starts once every page it reads is written, beside the list pages
        still rendering (they come last in MkDocs' order: sections after the schools)."""
        assert self.session is not None
        own = [  # the pages this process writes itself, in MkDocs' order
            f.page
            for f in doc_files
            if f.page is not None
            and read_by_pagefind(f.dest_uri)
            and f.page.meta.get("template") != parallel.ELSEWHERE
        ]
        mine = self.own_indexed = parallel.LastWritten(own[-1] if own else None)
        workers = self.workers

        def ready() -> bool:
            mine.written.wait()
            return parallel.wait_ready(workers)

        self.session.index_beside(Path(config.site_dir), ready)

    def reuse_pages(self, pages: list[Any], config: Any) -> list[Any]:
        """Link every page rendered before with the same inputs; the pages left to render."""
        assert self.session is not None
        session = self.session
        extra = [session.strings.lang, session.preview, session.edition.key]
        site = page_site_key(config, dict(self.config.items()), self.nav, extra)
        todo, restored = session.reuse_pages(
            site, pages, lambda p: (p.file.src_uri, p.file.abs_dest_path, p.content or "")
        )
        for page in restored:
            page.meta["template"] = parallel.ELSEWHERE
        return todo

    def on_build_error(self, *, error: Exception) -> None:
        gc.enable()  # a build stopped before its pages (see on_startup)
        parallel.stop_renderers(self.workers)  # the build stops: so do the workers it started
        self.workers = []
        if self.own_indexed is not None:
            self.own_indexed.done()
        if self.session is not None:
            self.session.stop_beside()  # and so does a Pagefind started beside them

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
        html_text = self.session.school_text(spec, html_text)
        self.report(tuple(self.session.dropped_links))
        self.session.dropped_links.clear()
        return html_text

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if not self.settings.preview or self.session is None:
            return output  # drafts are never built into site/
        strings = self.session.strings
        return own_draft_marker(output, strings("draft_marker"), strings("draft_marker_help"))

    def on_page_context(
        self, context: TemplateContext, *, page: Any, config: Any, nav: Any
    ) -> TemplateContext:
        if self.own_indexed is not None:
            self.own_indexed.rendering(page)
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
            updated: The pages a live update rendered (:meth:`update`), else
                None for a build: only a build lists the whole folder for what
                is stale, and saves the page cache's index.
        """
        lang = self.settings.lang
        if self.own_indexed is not None:
            self.own_indexed.done()
            self.own_indexed = None
        codes = parallel.wait_renderers(self.workers)
        self.workers = []
        if any(codes):
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
                on_index_error=self.index_failed,
            )
        except SearchIndexError as exc:
            raise PluginError(exc.text(lang)) from exc

    def index_failed(self, error: SearchIndexError) -> None:
        """The live preview's search could not be built: say so, keep previewing."""
        log.warning(error.text(self.settings.lang))


def _read_by_pagefind(page: Any) -> bool:
    return read_by_pagefind(page.file.dest_uri)


def _same_site(one: Project, other: Project) -> bool:
    """Whether two projects build the same site into the same folder."""
    return (
        one.root == other.root
        and one.content_dir == other.content_dir
        and one.site_dir == other.site_dir
        and one.site_url == other.site_url
        and one.site_name == other.site_name
        and one.policy == other.policy
    )

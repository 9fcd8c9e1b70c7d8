"""The ``etalase`` MkDocs plugin: wires the catalogue into MkDocs' build events.

Thin on purpose: loading and checking live in :mod:`etalase.content`, media in
:mod:`etalase.media`, and every page, view and copy is planned by
:mod:`etalase.site` without MkDocs. Here, ``on_files`` loads the catalogue,
logs each problem through MkDocs' plugin logger (so ``--strict`` fails on
them), removes what must not be public (original uploads, unpublished or
invalid entries) and adds the planned pages with ``File.generated``;
``on_env`` links the pages whose inputs did not change from the page cache
(:mod:`etalase.site.pagecache`) and forks renderers for the rest
(:mod:`.parallel`); the
page events pick each page's template, view and sanitizing; ``on_post_build``
keeps the rendered pages, links the renditions and posters into each entry's
folder, and writes the feed and the Pagefind search index (kept, too; a live
preview's in the background, :mod:`etalase.site.indexer`). The cache keys and
the indexer hold no MkDocs object: the offline edition reuses them.

The ``edition`` option (:mod:`etalase.site.edition`) selects the online site or
an offline edition: offline, MkDocs writes file links (``use_directory_urls``
off), every template link passes through :meth:`Edition.page`, and the
edition's own search script takes the place of the feed and Pagefind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import html
import os
import signal
import sys
import time
from dataclasses import dataclass, replace
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import material as material_package
import mkdocs
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, pass_context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.templates import TemplateContext

from ..errors import ConfigError
from ..messages import text
from ..paths import RealPaths
from ..policy import Policy
from ..problems import Lang, Problem
from ..project import Project
from ..report import problem_line
from ..site.context import PageContext, page_context
from ..site.edition import ONLINE, Edition, EditionKind
from ..site.feed import FEED_URI, atom_feed
from ..site.indexer import Indexer, search_key
from ..site.links import SiteLinks, site_links
from ..site.offline_captions import write_caption_scripts
from ..site.offline_search import write_search_script
from ..site.pagecache import PageCache, PageKeys, page_key, site_key
from ..site.pages import MediaFile, PageSpec, SitePlan, section_nav
from ..site.pictures import by_folder, folder_of, sized_images
from ..site.prepare import PreparedSite, prepare_site
from ..site.publish import publish_media
from ..site.sanitize import clean_html
from ..site.search import SearchIndexError, build_search_index
from ..site.strings import Strings
from ..workspace import Workspace, entry_folders, open_workspace
from . import parallel
from .compiled import keep_compiled
from .config import EtalaseConfig, policy_options
from .fragments import FragmentCache, place_function
from .live import SavedFiles
from .mkdocs_private import (
    DeferredPage,
    build_page,
    own_draft_marker,
    quiet_omitted_files,
    quiet_skipped_pages,
    rebuild_every_page,
    render_page,
)

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
# An empty front matter block: a school's text that itself starts with '---'
# stays text instead of being read as page settings.
_NO_META = "---\n{}\n---\n"


class EtalasePlugin(BasePlugin[EtalaseConfig]):  # type: ignore[no-untyped-call,unused-ignore]
    """Builds the public catalogue during an MkDocs build."""

    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.prepared: PreparedSite | None = None
        self.folder_pictures: dict[str, tuple[object, ...]] = {}
        self.plan: SitePlan | None = None
        self.links: SiteLinks | None = None  # what links in schools' texts may lead to
        self.specs: dict[str, PageSpec] = {}
        self.strings = Strings("id")
        self.command = "build"
        self.preview = False
        self.lang: Lang = "id"  # of problem messages
        self.nav: Any = None
        self.files: Files | None = None
        self.project: Project | None = None  # set by on_files
        self.workers: list[parallel.Worker] = []
        # Rendered pages kept between builds (None when another plugin watches pages).
        self.pages: PageCache | None = None
        self.rendering: dict[str, str] = {}  # output path -> key, for pages rendered now
        self.page_keys: dict[str, str] = {}  # src_uri -> key, for every page with one
        self.indexer = Indexer()  # serve: Pagefind after the pages
        # The process's live workspace of this project: the next load reads only changes.
        self.workspace: Workspace | None = None
        self.changed_pages: frozenset[str] = frozenset()  # src_uris this build's plan changed
        self.kept_folder = False  # a live preview that keeps its site folder (MkDocs' dirty)
        self.outputs: set[str] = set()  # what the last build of a kept folder put there
        self.site_before = ""  # the last build's site key, and its page keys
        self.page_keys_before: dict[str, str] = {}
        self.published: frozenset[MediaFile] = frozenset()  # media in the kept folder
        self.owns_nav = False  # the navigation is ours (mkdocs.yml has no nav:)
        self.has_guide = False
        self.edition = ONLINE  # the policy's media_url is added in on_files
        self.saved = SavedFiles()  # serve: which files changed, from the watcher's events
        self.built: _Built | None = None  # serve: the last build's config, pages and templates

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `etalase serve` keeps its folder between rebuilds: only changed files are written.
        self.kept_folder = dirty and command == "serve"
        quiet_skipped_pages()
        if command == "build":
            # A build's catalogue, plan and pages live to its end: the collector waits
            # until the renderers fork (on_env) instead of walking them again and again.
            gc.disable()

    def on_shutdown(self) -> None:
        self.indexer.stop()  # a live preview that stops leaves no Pagefind running
        if self.pages is not None and self.command == "serve":
            self.pages.save(prune=False)  # what live updates rendered, for the next build

    def on_config(self, config: Any) -> Any:
        self.indexer.stop()  # serve: the previous build's Pagefind must not outlive its site
        self.lang = cast(Lang, self.config.lang)
        try:
            self.policy = Policy.from_options(policy_options(self.config))
        except ConfigError as exc:
            raise PluginError(exc.text(self.lang)) from exc
        # Unpublished entries only ever reach a live preview, never a built site.
        self.preview = self.config.preview and self.command == "serve"
        language = config.theme.get("language") or config.theme.get("locale") or "id"
        self.strings = Strings(str(language))
        self.edition = _edition(self.config, self.lang)
        if self.edition.offline:  # file links: index.html is opened from file://, not served
            config.use_directory_urls = False
            config.theme["font"] = False  # no Google Fonts: nothing may leave the card
        _add_templates(config.theme.dirs)
        self.owns_nav = config.nav is None
        if self.owns_nav:
            self.has_guide = Path(config.docs_dir, "panduan", "index.md").is_file()
            config.nav = section_nav(self.strings, has_guide=self.has_guide)
            quiet_omitted_files(config)
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.policy is not None
        root = Path(config.config_file_path or ".").resolve().parent
        project = Project.create(
            root,
            self.policy,
            config_file=Path(config.config_file_path or "mkdocs.yml"),
            content_dir=Path(config.docs_dir),
            site_dir=Path(config.site_dir),
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            site_author=config.site_author or "",
        )
        # The CLI or the desk opened the project's workspace before MkDocs started;
        # a bare `mkdocs build`/`mkdocs serve` opens it here. Either way the
        # catalogue is loaded once and then only what changed is read again.
        workspace = open_workspace(project, live=self.command == "serve")
        if _same_site(workspace.project, project):
            project = workspace.project  # the CLI's: no second Project for the same site
        self.files = files
        self.project = project
        self.workspace = workspace
        # Another plugin's page events would miss pages that are reused or
        # converted late: then every page takes MkDocs' usual way.
        alone = not set(config.plugins) - {"etalase"}
        self.pages = PageCache.open(project.cache.pages) if alone else None
        try:  # a missing ffmpeg, an unwritable cache or a full disk: an environment error
            workspace.refresh()
            # A live preview keeps media beside the pages: new clips are not on the media host.
            if not self.edition.offline and self.command != "serve":
                self.edition = replace(self.edition, media_url=project.policy.media_url)
            prepared = prepare_site(
                project,
                self.strings,
                preview=self.preview,
                result=workspace.result,
                lang=self.lang,
                progress=sys.stderr.isatty(),
                edition=self.edition,
                plans=workspace.plans if self.command == "serve" else None,
            )
        except ConfigError as exc:
            raise PluginError(exc.text(self.lang)) from exc
        self.prepared, self.plan = prepared, prepared.plan
        self.links = site_links(prepared, self.edition, project.shown(project.content_dir))
        workspace.keep_media(prepared.media.media)
        self.folder_pictures = by_folder(prepared.pictures)
        media = prepared.media
        log.info(
            text(
                "build.log_media",
                self.lang,
                processed=media.processed,
                reused=media.reused,
                failed=media.failed,
                seconds=f"{media.seconds:.1f}",
            )
        )
        self.report(prepared.problems)
        if self.owns_nav:  # MkDocs makes the navigation after on_files
            config.nav = section_nav(
                self.strings, has_guide=self.has_guide, has_innovations=self.plan.has_innovations
            )
        self.specs = {spec.src_uri: spec for spec in self.plan.pages}
        real = RealPaths()
        for file in list(files):
            if not file.generated_by and not prepared.is_public(
                file.src_uri, file.abs_src_path or ".", real
            ):
                files.remove(file)
        for src_uri, made in prepared.copies.items():  # a school's picture, re-encoded
            _replace(files, File.generated(config, src_uri, abs_src_path=str(made)))
        for spec in self.plan.pages:
            if spec.markdown is None and files.get_file_from_path(spec.src_uri) is None:
                spec = replace(spec, markdown="")
                self.specs[spec.src_uri] = spec
            if spec.markdown is None:
                continue
            _replace(
                files,
                File.generated(
                    config,
                    spec.src_uri,
                    content=_NO_META + spec.markdown,
                    inclusion=InclusionLevel.DRAFT if spec.draft else InclusionLevel.UNDEFINED,
                ),
            )
        if self.command == "serve":  # what this rebuild changes, for the live preview
            self.changed_pages = workspace.planned(
                {uri: (spec, self.pictures_of(spec)) for uri, spec in self.specs.items()}
            )
        catalogue = prepared.result.catalogue
        log.info(
            text(
                "build.log_catalogue",
                self.lang,
                published=len(catalogue.published) - len(self.plan.left_out),
                schools=len(catalogue.schools),
                problems=len(prepared.problems),
            )
        )
        if self.command == "build":
            # One build, one large catalogue that lives to the end: the collector
            # need not walk it again on every collection while pages render.
            gc.freeze()
        if self.kept_folder:
            rebuild_every_page(files)
        return files

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        """A change inside entry folders is rendered in place; anything else builds the site."""
        if not self.kept_folder or self.pages is None:
            return server
        others = [config.config_file_path, *config.watch] if config.config_file_path else []
        self.saved.watch(server.observer, config.docs_dir, others)

        def rebuild() -> None:
            if not self.update():
                builder()

        server.builder = rebuild
        return server

    def update(self) -> bool:
        """Render again only the pages that the files saved since the last build changed.

        ``etalase serve``'s answer to a school saving files in entry folders the
        last build knew: the workspace reads only those entries
        (:meth:`Workspace.refresh` with the paths), the plan is made again from
        what each entry made last time (:class:`~etalase.site.pages.PlanMemo`),
        and only the pages whose inputs changed are rendered and written, with
        the media, the feed and the search index that follow from them. False
        (nothing done but the read) when the change reaches further: a page
        added or removed, a draft published, a picture, a school's profile,
        ``mkdocs.yml``, an office page; then MkDocs builds the whole site.
        """
        started = time.monotonic()
        paths = self.saved.take()
        workspace, built, before = self.workspace, self.built, self.prepared
        if not paths or workspace is None or built is None or before is None:
            return False
        if (
            workspace.result is None
            or entry_folders(workspace.project.content_dir, workspace.result, paths) is None
        ):
            return False
        try:
            change = workspace.refresh(paths=paths)
            if change.schools or change.other:
                return False
            prepared = prepare_site(
                workspace.project,
                self.strings,
                preview=self.preview,
                result=workspace.result,
                lang=self.lang,
                edition=self.edition,
                plans=workspace.plans,
            )
        except ConfigError as exc:
            log.warning(exc.text(self.lang))
            return False
        specs = {spec.src_uri: spec for spec in prepared.plan.pages}
        if not _same_pages(before, prepared, self.specs, specs):
            return False
        self.prepared, self.plan, self.specs = prepared, prepared.plan, specs
        self.folder_pictures = by_folder(prepared.pictures)
        workspace.keep_media(prepared.media.media)
        self.report(prepared.problems)
        changed = workspace.planned(
            {uri: (spec, self.pictures_of(spec)) for uri, spec in specs.items()}
        )
        try:
            for uri in sorted(changed):
                self.render_again(uri, built)
            self.on_post_build(config=built.config, updated=changed)
        except Exception:  # MkDocs logged it: the whole build says it again, and renders all
            workspace.forget_plan()
            return False
        log.info(
            text(
                "serve.updated",
                self.lang,
                pages=len(changed),
                seconds=f"{time.monotonic() - started:.2f}",
            )
        )
        return True

    def render_again(self, uri: str, built: _Built) -> None:
        """Render and write one page of the last build again, from its new spec."""
        assert self.files is not None and self.pages is not None
        spec = self.specs[uri]
        file = self.files.get_file_from_path(uri)
        if file is None or file.page is None:
            return
        if spec.markdown is not None:
            file.content_string = _NO_META + spec.markdown
        page = file.page
        dest = Path(file.abs_dest_path)
        PageCache.vacate(dest)  # never written through a link into the page cache
        render_page(page, built.config, self.files, built.doc_files, self.nav, built.env)
        if "[" not in (spec.markdown or ""):  # as reuse_pages: such text is never kept
            key = page_key(self.site_before, (spec, page.content or "", self.pictures_of(spec)))
            self.page_keys[uri] = key
            self.rendering[str(dest)] = key

    def report(self, problems: tuple[Problem, ...]) -> None:
        for item in problems:
            line = problem_line(item, self.lang)
            (log.warning if item.severity == "error" else log.info)(line)

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        """Catalogue pages outside the menu convert their Markdown only when rendered."""
        self.nav = nav
        if self.pages is not None:
            in_nav = {page.file.src_uri for page in nav.pages}
            for src_uri in self.specs.keys() - in_nav:
                file = files.get_file_from_path(src_uri)
                if file is not None and not isinstance(file.page, DeferredPage):
                    DeferredPage(None, file, config)
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Every page is read: reuse unchanged pages, fork workers to render the rest."""
        assert self.policy is not None
        _add_fragments(env, self.nav)
        _add_link_filters(env, self.edition)
        if self.project is not None:
            keep_compiled(env, self.project.cache.templates)
        inclusion = (
            InclusionLevel.is_in_serve if self.command == "serve" else InclusionLevel.is_included
        )
        doc_files = files.documentation_pages(inclusion=inclusion)
        self.built = _Built(config, doc_files, env)  # what a live update renders with
        pages = [f.page for f in doc_files if f.page is not None and f.src_uri in self.specs]
        self.rendering = {}
        self.page_keys_before, self.page_keys = self.page_keys, {}
        if self.pages is not None:
            pages = self.reuse_pages(pages, config)
        if self.kept_folder:
            for page in pages:  # rendered again: never written through a link to the cache
                PageCache.vacate(Path(page.file.abs_dest_path))
        if self.command == "build":
            _collect_from_here()
        workers = parallel.worker_count(self.policy.render_workers)
        # Forking beside the live preview's server threads is not safe: serve renders alone.
        if self.command != "build" or workers < 2 or self.pages is None:
            return env

        def render(page: Any) -> None:
            build_page(page, config, doc_files, self.nav, env)

        self.workers = parallel.fork_renderers(pages, workers, render, strict=config.strict)
        return env

    def reuse_pages(self, pages: list[Any], config: Any) -> list[Any]:
        """Link every page rendered before with the same inputs; the pages left to render."""
        assert self.pages is not None
        skip = {"plugins", "site_dir", "config_file_path", "dev_addr", "watch", "theme", "nav"}
        settings = {k: v for k, v in config.items() if k not in skip}
        settings["theme"] = dict(config.theme.items())
        settings["theme_dirs"] = list(config.theme.dirs)
        settings["etalase"] = dict(self.config.items())
        site = site_key(
            code=map(Path, config.theme.dirs),
            installed={
                Path(mkdocs.__file__).parent: version("mkdocs"),
                Path(material_package.__file__).parent: version("mkdocs-material"),
            },
            settings=settings,
            nav=_nav_shape(self.nav.items),
            extra=[self.strings.lang, self.preview, self.edition.key],
        )
        # A kept folder's rebuild: a page the workspace saw unchanged keeps its key.
        before = self.page_keys_before if self.kept_folder and site == self.site_before else {}
        self.site_before = site
        keys = PageKeys(site)
        todo = []
        for page in pages:
            spec = self.specs[page.file.src_uri]
            dest = page.file.abs_dest_path
            if "[" in (spec.markdown or ""):
                # Markdown links and images, which MkDocs checks (and rewrites) against
                # other files while converting: rendered every time, so their warnings
                # are never skipped (`--strict`). A preview's draft is reused like any
                # page: its banner comes from the spec's status and the preview flag,
                # both in the key (the desk's rebuild after a decision: 500 drafts
                # rendered again cost about 40% of it).
                todo.append(page)
                continue
            uri = page.file.src_uri
            key = (
                before.get(uri)
                if uri not in self.changed_pages and spec.markdown is not None
                else None
            )
            if key is None:
                key = keys.key((spec, page.content or "", self.pictures_of(spec)))
            self.page_keys[page.file.src_uri] = key
            if self.pages.restore(key, Path(dest)):
                page.meta["template"] = parallel.ELSEWHERE
                continue
            self.rendering[dest] = key
            todo.append(page)
        return todo

    def pictures_of(self, spec: PageSpec) -> object:
        """The published pictures beside a page, with their sizes: part of its key."""
        return self.folder_pictures.get(folder_of(spec.src_uri), ()) if spec.contributed else ()

    def on_build_error(self, *, error: Exception) -> None:
        gc.enable()  # a build stopped before its pages (see on_startup)
        for worker in self.workers:  # the build stops: so do the workers it started
            with contextlib.suppress(OSError):
                os.kill(worker.pid, signal.SIGTERM)
        parallel.wait_renderers(self.workers)
        self.workers = []

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is None:
            return markdown
        meta: dict[str, Any] = {} if spec.markdown is not None else dict(page.meta)
        # Material prints page.meta title and description unescaped: give it
        # text that is already escaped; our own templates escape the raw values.
        meta.update(
            template=spec.template, hide=["navigation", "toc"], title=html.escape(spec.title)
        )
        if spec.description:
            meta["description"] = html.escape(spec.description)
        page.meta = meta
        if isinstance(page, DeferredPage):
            return page.defer(markdown)
        return markdown

    def on_page_content(self, html_text: str, *, page: Any, config: Any, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        return self.school_text(spec, html_text) if spec is not None else html_text

    def school_text(self, spec: PageSpec, html_text: str) -> str:
        """A school's rendered text made harmless, its pictures sized for the screen."""
        if not spec.contributed:
            return html_text
        pictures = self.prepared.pictures if self.prepared is not None else {}
        html_text = clean_html(html_text)
        if self.links is not None:  # a link to what is not published: its words, no link
            html_text, dropped = self.links.fix(html_text, spec.src_uri)
            self.report(dropped)
        return sized_images(html_text, folder_of(spec.src_uri), pictures)

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        if not self.preview:
            return output  # drafts are never built into site/
        return own_draft_marker(
            output, self.strings("draft_marker"), self.strings("draft_marker_help")
        )

    def on_page_context(
        self, context: TemplateContext, *, page: Any, config: Any, nav: Any
    ) -> TemplateContext:
        spec = self.specs.get(page.file.src_uri)
        if page.meta.get("template") == parallel.ELSEWHERE:
            return context  # rendered by a worker, or reused from the page cache
        if isinstance(page, DeferredPage) and page.deferred is not None:
            page.convert(config, self.files)
            if spec is not None:
                page.content = self.school_text(spec, page.content or "")
        context["etalase"] = self._page_context(spec, page.title, config)  # type: ignore[typeddict-unknown-key]
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: Any
    ) -> TemplateContext:
        """Give the 404 page (a static template, no page of its own) the site's words."""
        if template_name == "404.html":
            title = self.strings("not_found")
            context["etalase"] = self._page_context(None, title, config)  # type: ignore[typeddict-unknown-key]
        return context

    def _page_context(self, spec: PageSpec | None, title: str | None, config: Any) -> PageContext:
        return page_context(
            spec,
            self.strings,
            page_title=title,
            site_url=config.site_url or "",
            site_name=config.site_name,
            site_description=config.site_description or "",
            default_image=self.plan.default_image if self.plan else None,
            preview=self.preview,
            edition=self.edition,
        )

    def on_post_build(self, *, config: Any, updated: frozenset[str] | None = None) -> None:
        """Keep the rendered pages; publish the media, the feed and the search index.

        Args:
            config: MkDocs' config.
            updated: The pages a live update rendered (:meth:`update`), else
                None for a build: only a build lists the whole folder for what
                is stale, and saves the page cache's index.
        """
        codes = parallel.wait_renderers(self.workers)
        self.workers = []
        if any(codes):
            raise PluginError(text("build.pages_failed", self.lang))
        self.keep_pages(save=updated is None)
        if self.plan is None:
            return
        site_dir = Path(config.site_dir)
        assert self.project is not None
        media = self.plan.media
        stale: frozenset[MediaFile] = frozenset()
        if self.kept_folder:  # what the last rebuild linked is in place already
            media = tuple(item for item in media if item not in self.published)
            stale = self.published - set(self.plan.media)
            self.published = frozenset(self.plan.media)
        publish_media(media, site_dir, media_dir=self.project.root / self.project.policy.media_dir)
        if updated is not None:  # a live update: the same pages, perhaps other media
            kept = {item.dest_uri for item in self.plan.media}
            for uri in {item.dest_uri for item in stale} - kept:
                (site_dir / uri).unlink(missing_ok=True)
                self.outputs.discard(str(site_dir / uri))
            self.outputs.update(str(site_dir / item.dest_uri) for item in media)
        elif self.kept_folder:
            self.remove_stale(site_dir)
        if self.edition.offline:  # no feed reader and no Pagefind from a card
            write_search_script(self.plan, self.edition, site_dir)
            write_caption_scripts(self.plan, self.edition, site_dir)
            return
        feed = atom_feed(
            self.plan.feed_entries,
            site_url=config.site_url or "",
            site_name=config.site_name,
            lang=self.strings.lang,
            images=dict(self.plan.images),
        )
        (site_dir / FEED_URI).write_text(feed, encoding="utf-8")
        cache = self.project.cache.search
        key = search_key(self.specs, self.page_keys) if self.pages is not None else None
        if self.command == "serve":
            # The live preview shows the changed page now; its search follows in seconds.
            self.indexer.start(site_dir, cache=cache, key=key, on_error=self.index_failed)
            return
        try:
            build_search_index(site_dir, cache=cache, key=key)
        except SearchIndexError as exc:
            raise PluginError(exc.text(self.lang)) from exc

    def remove_stale(self, site_dir: Path) -> None:
        """A kept folder: remove what the last build put there and this one did not."""
        assert self.files is not None and self.plan is not None
        outputs = {file.abs_dest_path for file in self.files}
        outputs.update(str(site_dir / item.dest_uri) for item in self.plan.media)
        outputs.add(str(site_dir / FEED_URI))
        for stale in self.outputs - outputs:
            path = Path(stale)
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the folder of a removed page, now empty
                path.parent.rmdir()
        self.outputs = outputs

    def index_failed(self, error: SearchIndexError) -> None:
        """The live preview's search could not be built: say so, keep previewing."""
        log.warning(error.text(self.lang))

    def keep_pages(self, *, save: bool = True) -> None:
        """Put every page rendered in this build into the page cache.

        Args:
            save: Write the cache's index too (a live update leaves that to the
                next build or the end of the preview: at 10,000 entries it is a
                second of JSON).
        """
        if self.pages is None:
            return
        for dest, key in self.rendering.items():
            self.pages.store(key, Path(dest))
        self.rendering = {}
        if not save:
            return
        # An offline edition's build keeps the online site's pages: the next build needs them.
        self.pages.save(prune=self.command == "build" and not self.edition.offline)
        log.info(
            text(
                "build.log_pages", self.lang, stored=self.pages.stored, restored=self.pages.restored
            )
        )


def _collect_from_here() -> None:
    """What a build made before its pages render lives to its end: it is frozen out of
    the collector's walks (and, in forked renderers, out of copy-on-write), which run
    again from here."""
    gc.freeze()
    gc.enable()


def _add_fragments(env: Any, nav: Any) -> None:
    """The ``{% fragment %}`` tag, its ``etalase_place`` key, and Material's own
    templates under ``material/`` (so an override can wrap the original)."""
    env.add_extension(FragmentCache)
    env.globals["etalase_place"] = place_function(p.url for p in nav.pages)
    material = FileSystemLoader(str(Path(material_package.__file__).parent / "templates"))
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": material})])


def _edition(config: EtalaseConfig, lang: Lang) -> Edition:
    """The edition the run options ask for (``edition``, ``since``)."""
    since = config.since
    if isinstance(since, str):
        try:
            since = dt.date.fromisoformat(since)
        except ValueError:
            raise PluginError(text("offline.bad_since", lang, value=since)) from None
    kind = cast(EditionKind, config.edition)
    # Update packs are offline only: an online site always shows the whole catalogue.
    return Edition(kind, since=since if kind != "online" else None)


def _add_link_filters(env: Any, edition: Edition) -> None:
    """Every template link through the edition: MkDocs' ``url`` filter makes it
    relative, after :meth:`Edition.page` gave it the edition's form; ``media``
    is the plain relative address of a media folder (a poster's base)."""
    relative = env.filters["url"]
    env.filters["media"] = relative
    if not edition.offline:
        return  # online, the canonical URL is the link: MkDocs' own filter, untouched

    @pass_context
    def url(context: Any, value: str) -> str:
        return str(relative(context, edition.page(value)))

    env.filters["url"] = url


def _add_templates(dirs: list[str]) -> None:
    """Put the package's templates after the site's ``custom_dir``, before Material's."""
    ours = str(TEMPLATES)
    if ours in dirs:
        return
    material = next((i for i, d in enumerate(dirs) if Path(d, "mkdocs_theme.yml").is_file()), 0)
    dirs.insert(material, ours)


def _nav_shape(items: Any) -> list[object]:
    """The navigation as titles, URLs and children: what every page's menu shows."""
    shape: list[object] = []
    for item in items:
        children = getattr(item, "children", None)
        shape.append(
            [
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                _nav_shape(children) if children else None,
            ]
        )
    return shape


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


def _replace(files: Files, file: File) -> None:
    old = files.get_file_from_path(file.src_uri)
    if old is not None:
        files.remove(old)
    files.append(file)


@dataclass(frozen=True, slots=True)
class _Built:
    """What the last whole build of a live preview rendered its pages with."""

    config: Any
    doc_files: Any
    env: Any


def _same_pages(
    before: PreparedSite,
    after: PreparedSite,
    old: dict[str, PageSpec],
    new: dict[str, PageSpec],
) -> bool:
    """Whether a new plan keeps the last build's pages, files and menu (only content changed)."""
    if old.keys() != new.keys() or before.copies.keys() != after.copies.keys():
        return False
    if before.plan.has_innovations != after.plan.has_innovations:
        return False
    return all(
        spec.draft == old[uri].draft and (spec.markdown is None) == (old[uri].markdown is None)
        for uri, spec in new.items()
    )

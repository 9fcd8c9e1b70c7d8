"""The ``etalase`` MkDocs plugin: wires the catalogue into MkDocs' build events.

Thin on purpose: loading and checking live in :mod:`etalase.content`, media in
:mod:`etalase.media`, and every page, view and copy is planned by
:mod:`etalase.site` without MkDocs. Here, ``on_files`` loads the catalogue,
logs each problem through MkDocs' plugin logger (so ``--strict`` fails on
them), removes what must not be public (original uploads, unpublished or
invalid entries) and adds the planned pages with ``File.generated``; the
page events pick each page's template, view and sanitizing; ``on_post_build``
links the renditions and posters into each entry's folder, and writes the
feed and the Pagefind search index.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import signal
import sys
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.templates import TemplateContext

from ..content.loader import SCHOOLS_DIR, VIDEO_SUFFIXES, LoadResult, load_catalogue
from ..content.model import Catalogue
from ..media.cache import MediaCache
from ..media.outputs import EntryMedia
from ..media.pipeline import run_media
from ..media.tools import Tools, find_tools
from ..policy import ConfigError, EtalaseConfig, Policy
from ..problems import Lang, Problem
from ..site.context import PageContext, page_context
from ..site.feed import FEED_URI, atom_feed
from ..site.pages import PageSpec, SitePlan, plan_site, section_nav
from ..site.publish import publish_media
from ..site.sanitize import clean_html
from ..site.search import SearchIndexError, build_search_index
from ..site.strings import Strings
from . import parallel

log = get_plugin_logger(__name__)

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
PREVIEW_ENV = "ETALASE_PREVIEW"
# An empty front matter block: a school's text that itself starts with '---'
# stays text instead of being read as page settings.
_NO_META = "---\n{}\n---\n"


class EtalasePlugin(BasePlugin[EtalaseConfig]):  # type: ignore[no-untyped-call,unused-ignore]
    """Builds the public catalogue during an MkDocs build."""

    def __init__(self) -> None:
        self.policy: Policy | None = None
        self.result: LoadResult | None = None
        self.plan: SitePlan | None = None
        self.specs: dict[str, PageSpec] = {}
        self.strings = Strings("id")
        self.command = "build"
        self.preview = False
        self.nav: Any = None
        self.workers: list[parallel.Worker] = []

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: Any) -> Any:
        try:
            self.policy = Policy.from_config(self.config)
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        # Unpublished entries only ever reach a live preview, never a built site.
        self.preview = os.environ.get(PREVIEW_ENV) == "1" and self.command == "serve"
        language = config.theme.get("language") or config.theme.get("locale") or "id"
        self.strings = Strings(str(language))
        _add_templates(config.theme.dirs)
        if config.nav is None:
            guide = Path(config.docs_dir, "panduan", "index.md").is_file()
            config.nav = section_nav(self.strings, has_guide=guide)
            # Entries are left out of the navigation on purpose: do not list them.
            config.validation.nav.omitted_files = logging.DEBUG
        return config

    def on_files(self, files: Files, *, config: Any) -> Files:
        assert self.policy is not None
        try:
            tools = find_tools(self.policy)
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        root = Path(config.config_file_path or ".").resolve().parent
        try:  # an unwritable cache or a full disk is an environment error
            prober = MediaCache.open(root / self.policy.cache_dir).prober(
                tools, self.policy.probe_timeout
            )
            self.result = load_catalogue(
                Path(config.docs_dir), self.policy, tools=tools, root=root, prober=prober
            )
            catalogue = self.result.catalogue
            media, media_problems = self.entry_media(catalogue, tools, root)
        except ConfigError as exc:
            raise PluginError(str(exc)) from exc
        self.report(self.result.problems + media_problems)
        self.plan = plan_site(catalogue, self.policy, media, self.strings, preview=self.preview)
        self.specs = {spec.src_uri: spec for spec in self.plan.pages}
        built = {spec.src_uri for spec in self.plan.pages}
        _drop_private_files(files, self.result, built)
        for spec in self.plan.pages:
            if spec.markdown is None and files.get_file_from_path(spec.src_uri) is None:
                spec = replace(spec, markdown="")
                self.specs[spec.src_uri] = spec
            if spec.markdown is None:
                continue
            _replace(files, File.generated(
                config, spec.src_uri, content=_NO_META + spec.markdown,
                inclusion=InclusionLevel.DRAFT if spec.draft else InclusionLevel.UNDEFINED,
            ))  # fmt: skip
        log.info(
            "%d entri terbit dari %d sekolah; %d masalah dilaporkan.",
            len(catalogue.published) - len(self.plan.left_out),
            len(catalogue.schools),
            len(self.result.problems) + len(media_problems),
        )
        return files

    def entry_media(
        self, catalogue: Catalogue, tools: Tools, root: Path
    ) -> tuple[Mapping[str, EntryMedia], tuple[Problem, ...]]:
        """The one seam to the media step: renditions and posters by entry key.

        Only entries that can reach this build are processed (published ones,
        plus unpublished ones in a curator preview); unchanged clips come from
        the cache without starting ffmpeg.
        """
        assert self.policy is not None
        wanted = tuple(e for e in catalogue.entries if e.is_published or self.preview)
        result = run_media(
            Catalogue(catalogue.schools, wanted), self.policy, tools,
            cache_dir=root / self.policy.cache_dir, root=root, lang=_lang(),
            progress=sys.stderr.isatty(),
        )  # fmt: skip
        log.info(f"media: {result.processed} diolah, {result.reused} dipakai ulang, "
                 f"{result.failed} gagal ({result.seconds:.1f} s)")  # fmt: skip
        return result.media, tuple(result.problems)

    def report(self, problems: tuple[Problem, ...]) -> None:
        lang = _lang()
        for item in problems:
            text = f"{item.path}: [{item.code}] {item.message(lang)} {item.fix(lang)}"
            (log.warning if item.severity == "error" else log.info)(text)

    def on_nav(self, nav: Any, *, config: Any, files: Files) -> Any:
        self.nav = nav
        return nav

    def on_env(self, env: Any, *, config: Any, files: Files) -> Any:
        """Every page is read: fork workers that render a share of the catalogue's pages."""
        assert self.policy is not None
        workers = parallel.worker_count(self.policy.render_workers)
        # Another plugin's page events would miss the workers' pages: render alone then.
        if self.command != "build" or workers < 2 or set(config.plugins) - {"etalase"}:
            return env
        from mkdocs.commands.build import _build_page

        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        pages = [f.page for f in doc_files if f.page is not None and f.src_uri in self.specs]

        def render(page: Any) -> None:
            _build_page(page, config, doc_files, self.nav, env)

        self.workers = parallel.fork_renderers(pages, workers, render, strict=config.strict)
        return env

    def on_build_error(self, *, error: Exception) -> None:
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
        meta.update(template=spec.template, hide=["navigation", "toc"],
                    title=html.escape(spec.title))  # fmt: skip
        if spec.description:
            meta["description"] = html.escape(spec.description)
        page.meta = meta
        return markdown

    def on_page_content(self, html_text: str, *, page: Any, config: Any, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        return clean_html(html_text) if spec is not None and spec.contributed else html_text

    def on_page_context(
        self, context: TemplateContext, *, page: Any, config: Any, nav: Any
    ) -> TemplateContext:
        spec = self.specs.get(page.file.src_uri)
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
        )

    def on_post_build(self, *, config: Any) -> None:
        codes = parallel.wait_renderers(self.workers)
        self.workers = []
        if any(codes):
            raise PluginError(
                "Sebagian halaman gagal dibangun (lihat pesan di atas)."
                if _lang() == "id" else "Some pages could not be built (see the messages above)."
            )  # fmt: skip
        if self.plan is None:
            return
        site_dir = Path(config.site_dir)
        feed = atom_feed(
            self.plan.feed_entries,
            site_url=config.site_url or "",
            site_name=config.site_name,
            lang=self.strings.lang,
            images=dict(self.plan.images),
        )
        (site_dir / FEED_URI).write_text(feed, encoding="utf-8")
        publish_media(self.plan.media, site_dir)
        try:
            build_search_index(site_dir)
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc


def _lang() -> Lang:
    """The language of problem messages: ``etalase --lang`` sets it for MkDocs' run."""
    return "en" if os.environ.get("ETALASE_LANG") == "en" else "id"


def _add_templates(dirs: list[str]) -> None:
    """Put the package's templates after the site's ``custom_dir``, before Material's."""
    ours = str(TEMPLATES)
    if ours in dirs:
        return
    material = next((i for i, d in enumerate(dirs) if Path(d, "mkdocs_theme.yml").is_file()), 0)
    dirs.insert(material, ours)


def _drop_private_files(files: Files, result: LoadResult, built: set[str]) -> None:
    """Remove original uploads, and every file of an entry that gets no page in this build.

    ``built`` holds the planned pages' ``src_uri``: published entries with media,
    plus unpublished ones in a curator preview. Every path is compared resolved,
    so a symbolic link counts as the file it points to; each folder is resolved
    once (:class:`~etalase.paths.RealPaths`).
    """
    from ..paths import RealPaths, suffix_of  # kept inside: the rest is being reworked

    real = RealPaths()  # paths as text: 20,000 Path objects cost more than the lstats
    keep = [school.source for school in result.catalogue.schools]
    keep += [e.source for e in result.catalogue.entries if f"{e.url}index.md" in built]
    keep_dirs = {os.path.dirname(real.text(str(source))) for source in keep}
    for file in list(files):
        if not file.src_uri.startswith(f"{SCHOOLS_DIR}/") or file.generated_by:
            continue
        # abs_src_path is normalized already: as str(Path(...)) would make it.
        folder, name = os.path.split(real.text(file.abs_src_path or "."))
        suffix = suffix_of(name)
        if suffix.lower() in VIDEO_SUFFIXES or suffix == ".md" or folder not in keep_dirs:
            files.remove(file)


def _replace(files: Files, file: File) -> None:
    old = files.get_file_from_path(file.src_uri)
    if old is not None:
        files.remove(old)
    files.append(file)

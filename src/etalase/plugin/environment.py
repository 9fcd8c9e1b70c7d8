"""MkDocs' side of a catalogue build: its menu, files, templates, links and page cache key.

The helpers the plugin's events (:mod:`.plugin`) hand MkDocs' objects to:
the project MkDocs' config describes, the sections' menu when ``mkdocs.yml``
has none (:class:`SectionMenu`), MkDocs' files as the prepared site has
them (:func:`put_catalogue`), the package's templates in the theme's folders,
the Jinja environment (:func:`set_up_templates`: the ``{% fragment %}`` tag,
Material's templates under ``material/``, every template link through the
edition, :class:`~etalase.site.edition.Edition`, and the compiled templates
kept), a generated file put in place of another, the collector held back while a build's pages render, the
site key of the page cache (:func:`~etalase.site.pagecache.site_key`) from
MkDocs' config and navigation, and the pages left to render once the page
cache gave the others (:func:`pages_to_render`).
"""

from __future__ import annotations

import gc
import html
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib.metadata import version
from pathlib import Path
from typing import Any

import material as material_package
import mkdocs
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader, pass_context
from mkdocs.structure.files import File, InclusionLevel

from ..content.routes import ROUTES
from ..paths import RealPaths
from ..policy import Policy
from ..project import Project
from ..site.edition import Edition
from ..site.pagecache import PageCache, site_key
from ..site.pages import PageSpec, section_nav
from ..site.prepare import PreparedSite
from ..site.session import RenderSession
from ..site.strings import Strings
from .compiled import keep_compiled
from .fragments import FragmentCache, place_function, reads_the_page
from .mkdocs_private import quiet_omitted_files
from .parallel import ELSEWHERE

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "site"
# An empty front matter block: a school's text that itself starts with '---'
# stays text instead of being read as page settings.
_NO_META = "---\n{}\n---\n"


def project_of(config: Any, policy: Policy) -> Project:
    """The project MkDocs' config describes."""
    return Project.create(
        Path(config.config_file_path or ".").resolve().parent,
        policy,
        config_file=Path(config.config_file_path or "mkdocs.yml"),
        content_dir=Path(config.docs_dir),
        site_dir=Path(config.site_dir),
        site_url=config.site_url or "",
        site_name=config.site_name,
        site_description=config.site_description or "",
        site_author=config.site_author or "",
    )


class SectionMenu:
    """The site's menu, the catalogue's sections, when ``mkdocs.yml`` has no ``nav:``.

    MkDocs reads its config before the catalogue is loaded, and makes the
    navigation after the ``files`` event: the menu is set from the config
    first (:meth:`configure`), then again once the plan says whether there
    are innovations (:meth:`complete`).
    """

    def __init__(self) -> None:
        self.owned = False  # the navigation is ours (mkdocs.yml has no nav:)
        self.has_guide = False

    def configure(self, config: Any, language: str) -> None:
        """MkDocs' ``config`` event: the sections' menu, unless ``mkdocs.yml`` has one."""
        self.owned = config.nav is None
        if self.owned:
            self.has_guide = Path(config.docs_dir, ROUTES.source(ROUTES.guide)).is_file()
            config.nav = section_nav(Strings(language), has_guide=self.has_guide)
            quiet_omitted_files(config)

    def complete(self, config: Any, strings: Strings, *, has_innovations: bool) -> None:
        """The catalogue is planned: the menu as the site has it (innovations or not)."""
        if self.owned:
            config.nav = section_nav(
                strings, has_guide=self.has_guide, has_innovations=has_innovations
            )


def put_catalogue(files: Any, config: Any, prepared: PreparedSite, session: RenderSession) -> None:
    """MkDocs' files as the prepared site has them.

    What must not be public goes (original uploads, unpublished or invalid
    entries); a school's pictures are their re-encoded copies; every planned
    page with text of its own is a generated file (``File.generated``).
    """
    real = RealPaths()
    for file in list(files):
        if not file.generated_by and not prepared.is_public(
            file.src_uri, file.abs_src_path or ".", real
        ):
            files.remove(file)
    for src_uri, made in prepared.copies.items():  # a school's picture, re-encoded
        replace_file(files, File.generated(config, src_uri, abs_src_path=str(made)))
    for spec in prepared.plan.pages:
        if spec.markdown is None and files.get_file_from_path(spec.src_uri) is None:
            spec = replace(spec, markdown="")
            session.set_spec(spec)
        if spec.markdown is None:
            continue
        replace_file(
            files,
            File.generated(
                config,
                spec.src_uri,
                content=_NO_META + spec.markdown,
                inclusion=InclusionLevel.DRAFT if spec.draft else InclusionLevel.UNDEFINED,
            ),
        )


def page_meta(spec: PageSpec, meta: dict[str, Any]) -> dict[str, Any]:
    """A planned page's settings: its template, no sidebars, its title and description.

    A generated page starts from nothing; a page of the office's own keeps its
    front matter (``meta``). Material prints ``page.meta`` title and description
    unescaped: it gets text that is already escaped; our own templates escape
    the raw values.
    """
    kept: dict[str, Any] = {} if spec.markdown is not None else dict(meta)
    kept.update(template=spec.template, hide=["navigation", "toc"], title=html.escape(spec.title))
    if spec.description:
        kept["description"] = html.escape(spec.description)
    return kept


def markdown_file(spec: PageSpec) -> str:
    """The text of a planned page's generated file."""
    return _NO_META + (spec.markdown or "")


def collect_from_here() -> None:
    """What a build made before its pages render lives to its end: it is frozen out of
    the collector's walks (and, in forked renderers, out of copy-on-write), which run
    again from here."""
    gc.freeze()
    gc.enable()


def set_up_templates(env: Any, nav: Any, session: RenderSession) -> None:
    """MkDocs' Jinja environment made ready for the catalogue's templates: the
    fragment tag, the edition's links, and the compiled templates kept in the
    project's cache (:func:`~.compiled.keep_compiled`, once the extensions are added)."""
    add_fragments(env, nav)
    add_link_filters(env, session.edition)
    if session.project is not None:
        keep_compiled(env, session.project.cache.templates)


def add_fragments(env: Any, nav: Any) -> None:
    """The ``{% fragment %}`` tag, its ``etalase_place`` key, and Material's own
    templates under ``material/`` (so an override can wrap the original)."""
    env.add_extension(FragmentCache)
    dirs = [str(d) for d in getattr(env.loader, "searchpath", ())]
    own = dirs[: dirs.index(str(TEMPLATES))] if str(TEMPLATES) in dirs else []
    if reads_the_page(env, own):
        env.globals["etalase_place"] = lambda page: None  # every page renders its own
    else:
        env.globals["etalase_place"] = place_function(p.url for p in nav.pages)
    material = FileSystemLoader(str(Path(material_package.__file__).parent / "templates"))
    env.loader = ChoiceLoader([env.loader, PrefixLoader({"material": material})])


def add_link_filters(env: Any, edition: Edition) -> None:
    """Every template link through the edition: MkDocs' ``url`` filter makes it
    relative, after :meth:`Edition.page` gave it the edition's form; ``media``
    is the plain relative address of a media folder (a poster's base); ``routes``
    spells the sections' URLs (:data:`etalase.content.routes.ROUTES`)."""
    env.globals["routes"] = ROUTES
    relative = env.filters["url"]
    env.filters["media"] = relative
    if not edition.offline:
        return  # online, the canonical URL is the link: MkDocs' own filter, untouched

    @pass_context
    def url(context: Any, value: str) -> str:
        return str(relative(context, edition.page(value)))

    env.filters["url"] = url


def add_templates(dirs: list[str]) -> None:
    """Put the package's templates after the site's ``custom_dir``, before Material's."""
    ours = str(TEMPLATES)
    if ours in dirs:
        return
    material = next((i for i, d in enumerate(dirs) if Path(d, "mkdocs_theme.yml").is_file()), 0)
    dirs.insert(material, ours)


def nav_shape(items: Any) -> list[object]:
    """The navigation as titles, URLs and children: what every page's menu shows."""
    shape: list[object] = []
    for item in items:
        children = getattr(item, "children", None)
        shape.append(
            [
                type(item).__name__,
                item.title,
                getattr(item, "url", None),
                nav_shape(children) if children else None,
            ]
        )
    return shape


def replace_file(files: Any, file: Any) -> None:
    """Put ``file`` in ``files`` in place of the one with its ``src_uri``."""
    old = files.get_file_from_path(file.src_uri)
    if old is not None:
        files.remove(old)
    files.append(file)


def page_site_key(config: Any, options: dict[str, Any], nav: Any, extra: Iterable[object]) -> str:
    """The page cache's site key: every input a page shares with all others.

    Args:
        config: MkDocs' config (its ``site_dir`` and such are left out: they
            do not change a page).
        options: The ``etalase`` plugin's options.
        nav: MkDocs' navigation (every page's menu).
        extra: The session's own inputs (language, preview, edition).
    """
    skip = {"plugins", "site_dir", "config_file_path", "dev_addr", "watch", "theme", "nav"}
    settings = {k: v for k, v in config.items() if k not in skip}
    settings["theme"] = dict(config.theme.items())
    settings["theme_dirs"] = list(config.theme.dirs)
    settings["etalase"] = options
    return site_key(
        code=map(Path, config.theme.dirs),
        installed={
            Path(mkdocs.__file__).parent: version("mkdocs"),
            Path(material_package.__file__).parent: version("mkdocs-material"),
        },
        settings=settings,
        nav=nav_shape(nav.items),
        extra=list(extra),
    )


def pages_to_render(
    session: RenderSession, doc_files: Sequence[Any], config: Any, options: dict[str, Any], nav: Any
) -> list[Any]:
    """The catalogue's pages left to render once the page cache gave the others.

    Every page rendered before with the same inputs is linked from the page
    cache (:meth:`RenderSession.reuse_pages`) and gets the template that
    renders nothing (:data:`~.parallel.ELSEWHERE`): MkDocs writes it no more.

    Args:
        session: The render session (its page cache, None: every page is rendered).
        doc_files: MkDocs' documentation files, in its order.
        config: MkDocs' config.
        options: The ``etalase`` plugin's options.
        nav: MkDocs' navigation.
    """
    pages = [f.page for f in doc_files if f.page is not None and f.src_uri in session.specs]
    session.start_pages()
    if session.pages is not None:
        extra = [session.strings.lang, session.preview, session.edition.key]
        site = page_site_key(config, options, nav, extra)
        pages, restored = session.reuse_pages(
            site, pages, lambda p: (p.file.src_uri, p.file.abs_dest_path, p.content or "")
        )
        for page in restored:
            page.meta["template"] = ELSEWHERE
    if session.kept_folder:
        for page in pages:  # rendered again: never written through a link to the cache
            PageCache.vacate(Path(page.file.abs_dest_path))
    return pages

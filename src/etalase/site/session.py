"""One render of the catalogue's site, without MkDocs: what a build or a live preview keeps.

A :class:`RenderSession` is the engine the MkDocs plugin drives (the plugin
only wires MkDocs' events to it, :mod:`etalase.plugin.plugin`). It prepares
the site (:func:`~etalase.site.prepare.prepare_site`) from the workspace's
load, keys every catalogue page for the page cache
(:mod:`etalase.site.pagecache`), plans a live preview's update (which pages a
saved file changed), publishes the media into the site folder, writes the
feed and the Pagefind index (a live preview's in the background,
:mod:`etalase.site.indexer`) or an offline edition's search script, and keeps
the last prepared site. The workspace holds it
(:meth:`etalase.workspace.Workspace.render_session`): ``etalase build``,
``serve``, the desk and ``offline`` ask the workspace for the last prepared
site, never the plugin. Nothing here imports MkDocs: a future Zensical adapter
drives the same session.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..files import atomic_target
from ..messages import text
from ..paths import RealPaths
from ..problems import Lang, Problem
from ..project import Project
from .context import PageContext, page_context
from .edition import ONLINE, Edition
from .feed import FEED_URI, atom_feed
from .indexer import Indexer, search_key
from .links import SiteLinks, site_links
from .offline_captions import write_caption_scripts
from .offline_search import write_search_script
from .pagecache import PageCache, PageKeys, page_key
from .pages import MediaFile, PageSpec, SitePlan
from .pictures import by_folder, folder_of, sized_images
from .prepare import PreparedSite, prepare_site
from .publish import publish_media
from .sanitize import clean_html
from .search import SearchIndexError, build_search_index
from .strings import Strings

if TYPE_CHECKING:
    from ..workspace import Workspace

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RenderSettings:
    """What one run of the site asks for (a live preview's rebuild reads them again).

    Attributes:
        command: MkDocs' command: ``build``, or ``serve`` (a live preview, the desk's too).
        kept_folder: A live preview that keeps its site folder between rebuilds
            (MkDocs' ``dirty``): only changed files are written.
        preview: Unpublished entries get pages (a curator's preview).
        lang: The language of problem messages.
        language: The site's language (Material's ``theme.language``).
        edition: The edition the run options ask for, before the policy's ``media_url``.
    """

    command: str = "build"
    kept_folder: bool = False
    preview: bool = False
    lang: Lang = "id"
    language: str = "id"
    edition: Edition = ONLINE

    @property
    def live(self) -> bool:
        """A live preview (``serve``, the desk): the session lives from rebuild to rebuild."""
        return self.command == "serve"


@dataclass(eq=False)
class RenderSession:
    """The catalogue's side of a site build, kept from rebuild to rebuild by a live preview.

    Attributes:
        settings: The run's settings.
        strings: The site's words.
        edition: The edition built (the online one with the policy's ``media_url``).
        workspace: The workspace whose load is rendered (set by :meth:`prepare`).
        project: The project the site is built for (:meth:`prepare`).
        prepared: The last prepared site, or None before the first.
        plan: Its plan.
        specs: Its pages by ``src_uri``.
        folder_pictures: The published pictures of each folder, with their sizes.
        pages: Rendered pages kept between builds (None when the generator's
            other plugins watch pages: every page is rendered).
        rendering: Output path to key, for the pages rendered now.
        page_keys: ``src_uri`` to key, for every page with one.
        changed_pages: The ``src_uri`` of the pages this rebuild's plan changed.
        outputs: What the last build of a kept folder put there.
        site_before: The last build's site key.
        page_keys_before: The last build's page keys.
        published: The media in the kept folder.
        copied: The made file of each picture copy in the kept folder, by ``src_uri``.
        indexer: Pagefind in the background of a live preview.
        beside: A build's Pagefind run beside the pages still rendering
            (:meth:`index_beside`): its thread, its cancel, and what it ended with.
    """

    settings: RenderSettings
    strings: Strings = field(init=False)
    edition: Edition = field(init=False)
    workspace: Workspace | None = None
    project: Project | None = None
    prepared: PreparedSite | None = None
    plan: SitePlan | None = None
    specs: dict[str, PageSpec] = field(default_factory=dict)
    folder_pictures: dict[str, tuple[object, ...]] = field(default_factory=dict)
    links: SiteLinks | None = None  # what links in schools' texts may lead to
    pages: PageCache | None = None
    rendering: dict[str, str] = field(default_factory=dict)
    page_keys: dict[str, str] = field(default_factory=dict)
    changed_pages: frozenset[str] = frozenset()
    outputs: set[str] = field(default_factory=set)
    site_before: str = ""
    page_keys_before: dict[str, str] = field(default_factory=dict)
    published: frozenset[MediaFile] = frozenset()
    copied: dict[str, Path] = field(default_factory=dict)
    indexer: Indexer = field(default_factory=Indexer)
    beside: _Beside | None = None

    def __post_init__(self) -> None:
        self.configure(self.settings)

    def configure(self, settings: RenderSettings) -> None:
        """Take a run's settings (a live preview's rebuild reads its config again)."""
        self.settings = settings
        self.strings = Strings(settings.language)
        self.edition = settings.edition

    @property
    def command(self) -> str:
        """MkDocs' command of the run (``build`` or ``serve``)."""
        return self.settings.command

    @property
    def preview(self) -> bool:
        """Unpublished entries get pages."""
        return self.settings.preview

    @property
    def kept_folder(self) -> bool:
        """A live preview that keeps its site folder."""
        return self.settings.kept_folder

    @property
    def lang(self) -> Lang:
        """The language of problem messages."""
        return self.settings.lang

    def prepare(
        self, workspace: Workspace, project: Project, *, keep_pages: bool, progress: bool
    ) -> PreparedSite:
        """Refresh the workspace and prepare the whole site from its load.

        Args:
            workspace: The project's workspace.
            project: The project, as the site generator's config gave it. When
                it builds the same site as the workspace's own (the CLI's), that
                one is taken: no second Project for the same site.
            keep_pages: Keep rendered pages in the project's page cache (False:
                every page is rendered, as when other plugins watch pages).
            progress: Show the media step's progress.

        Raises:
            ConfigError: ffmpeg is missing, the cache cannot be written.
        """
        if _same_site(workspace.project, project):
            project = workspace.project
        self.workspace, self.project = workspace, project
        self.pages = PageCache.open(project.cache.pages) if keep_pages else None
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
            progress=progress,
            edition=self.edition,
            plans=workspace.plans if self.command == "serve" else None,
        )
        self.take(prepared)
        return prepared

    def take(self, prepared: PreparedSite) -> None:
        """Make ``prepared`` the site this session renders."""
        self.prepared, self.plan = prepared, prepared.plan
        self.specs = {spec.src_uri: spec for spec in prepared.plan.pages}
        self.folder_pictures = by_folder(prepared.pictures)
        if self.project is not None:
            shown = self.project.shown(self.project.content_dir)
            self.links = site_links(prepared, self.edition, shown)
        if self.workspace is not None:
            self.workspace.keep_media(prepared.media.media)

    def media_line(self) -> str:
        """What a build says of its media step: clips processed, reused, failed, and the time."""
        assert self.prepared is not None
        media = self.prepared.media
        return text(
            "build.log_media",
            self.lang,
            processed=media.processed,
            reused=media.reused,
            failed=media.failed,
            seconds=f"{media.seconds:.1f}",
        )

    def catalogue_line(self) -> str:
        """What a build says of its catalogue: entries published, schools, problems reported."""
        assert self.prepared is not None
        catalogue, plan = self.prepared.result.catalogue, self.prepared.plan
        return text(
            "build.log_catalogue",
            self.lang,
            published=len(catalogue.published) - len(plan.left_out),
            schools=len(catalogue.schools),
            problems=len(self.prepared.problems),
        )

    def set_spec(self, spec: PageSpec) -> None:
        """Replace one page's spec (the generator found its page has no source of its own)."""
        self.specs[spec.src_uri] = spec

    def plan_pages(self) -> None:
        """Take the plan's pages into the workspace; :attr:`changed_pages` says which changed."""
        assert self.workspace is not None
        self.changed_pages = self.workspace.planned(self.page_inputs())

    def page_inputs(self) -> dict[str, object]:
        """Every page's inputs beside its Markdown, by ``src_uri``: equal exactly when
        the page would come out the same."""
        return {uri: (spec, *self.inputs_of(spec)) for uri, spec in self.specs.items()}

    def inputs_of(self, spec: PageSpec) -> tuple[object, str | None]:
        """What a page is made of beside its spec and text: the pictures beside it, and
        the site's share image when the page has none of its own (it shows that one)."""
        shared = self.plan.default_image if self.plan is not None and not spec.image else None
        return self.pictures_of(spec), shared

    def plan_update(self, paths: Collection[Path] | None) -> frozenset[str] | None:
        """Plan a live update after ``paths`` were saved: the pages to render again.

        The workspace reads only those entries (:meth:`Workspace.refresh` with
        the paths), the plan is made again from what each entry made last
        time (:class:`~etalase.site.pages.PlanMemo`), and the pages whose
        inputs changed are named. None (nothing taken but the read) when the
        change reaches further: a page added or removed, a draft published, a
        school's profile, an office page; then the whole site is built.

        Raises:
            ConfigError: ffmpeg is missing, the cache cannot be written.
        """
        from ..workspace import entry_folders

        workspace, before = self.workspace, self.prepared
        if not paths or workspace is None or before is None:
            return None
        if (
            workspace.result is None
            or entry_folders(workspace.project.content_dir, workspace.result, paths) is None
        ):
            return None
        change = workspace.refresh(paths=paths)
        if change.schools or change.other:
            return None
        prepared = prepare_site(
            workspace.project,
            self.strings,
            preview=self.preview,
            result=workspace.result,
            lang=self.lang,
            edition=self.edition,
            plans=workspace.plans,
        )
        specs = {spec.src_uri: spec for spec in prepared.plan.pages}
        if not _same_pages(before, prepared, self.specs, specs):
            return None
        self.take(prepared)
        return workspace.planned(self.page_inputs())

    def copies_changed(self) -> frozenset[str]:
        """The picture copies (by ``src_uri``) whose made file changed since the kept
        folder got them; from now on they count as written.

        A picture replaced by one the media cache already holds is made from an
        older file than the copy in the folder: a check by modification time
        (MkDocs' ``dirty`` build) would keep the old picture.
        """
        copies = self.prepared.copies if self.prepared is not None else {}
        changed = frozenset(uri for uri, made in copies.items() if self.copied.get(uri) != made)
        self.copied = dict(copies)
        return changed

    def write_files(self, site_dir: Path, paths: Collection[Path]) -> None:
        """A live update: write the school files it changed into the kept folder.

        As a build copies them: each picture copy whose made file changed, and
        every saved file the site publishes as it is (captions, edited or new).
        """
        assert self.prepared is not None and self.workspace is not None
        copies = self.prepared.copies
        for uri in sorted(self.copies_changed()):
            _copy(copies[uri], site_dir / uri)
        content, real = self.workspace.project.content_dir, RealPaths()
        for path in sorted(paths):
            uri = Path(os.path.relpath(path, content)).as_posix()
            if os.path.isfile(path) and self.prepared.is_public(uri, str(path), real):
                _copy(path, site_dir / uri)
                self.outputs.add(str(site_dir / uri))

    def forget_plan(self) -> None:
        """The next plan names every page (a live update failed half way)."""
        if self.workspace is not None:
            self.workspace.forget_plan()

    def pictures_of(self, spec: PageSpec) -> object:
        """The published pictures beside a page, with their sizes: part of its key."""
        return self.folder_pictures.get(folder_of(spec.src_uri), ()) if spec.contributed else ()

    def school_text(self, spec: PageSpec, html_text: str) -> tuple[str, tuple[Problem, ...]]:
        """A school's rendered text made harmless, its pictures sized for the screen;
        one problem for each link it made plain text (it led to what is not published)."""
        if not spec.contributed:
            return html_text, ()
        pictures = self.prepared.pictures if self.prepared is not None else {}
        html_text = clean_html(html_text)
        dropped: tuple[Problem, ...] = ()
        if self.links is not None:  # a link to what is not published: its words, no link
            html_text, dropped = self.links.fix(html_text, spec.src_uri)
        return sized_images(html_text, folder_of(spec.src_uri), pictures), dropped

    def page_context(
        self,
        spec: PageSpec | None,
        title: str | None,
        *,
        site_url: str,
        site_name: str,
        site_description: str,
    ) -> PageContext:
        """The ``etalase`` template variable of one page (``spec`` None: an office page)."""
        return page_context(
            spec,
            self.strings,
            page_title=title,
            site_url=site_url,
            site_name=site_name,
            site_description=site_description,
            default_image=self.plan.default_image if self.plan else None,
            preview=self.preview,
            edition=self.edition,
        )

    def start_pages(self) -> None:
        """A build's pages begin: the last build's keys become the ones before."""
        self.rendering = {}
        self.page_keys_before, self.page_keys = self.page_keys, {}

    def reuse_pages(
        self, site: str, pages: Sequence[T], where: Callable[[T], tuple[str, str, str]]
    ) -> tuple[list[T], list[T]]:
        """Link every page rendered before with the same inputs.

        Args:
            site: The site key (:func:`~etalase.site.pagecache.site_key`).
            pages: The catalogue's pages to render.
            where: A page's ``src_uri``, output path and converted Markdown.

        Returns:
            The pages left to render, and the pages restored from the cache.
        """
        assert self.pages is not None
        # A kept folder's rebuild: a page the workspace saw unchanged keeps its key.
        before = self.page_keys_before if self.kept_folder and site == self.site_before else {}
        self.site_before = site
        keys = PageKeys(site)
        todo: list[T] = []
        restored: list[T] = []
        for page in pages:
            uri, dest, content = where(page)
            spec = self.specs[uri]
            if "[" in (spec.markdown or ""):
                # Markdown links and images, which MkDocs checks (and rewrites) against
                # other files while converting: rendered every time, so their warnings
                # are never skipped (`--strict`). A preview's draft is reused like any
                # page: its banner comes from the spec's status and the preview flag,
                # both in the key (the desk's rebuild after a decision: 500 drafts
                # rendered again cost about 40% of it).
                todo.append(page)
                continue
            key = (
                before.get(uri)
                if uri not in self.changed_pages and spec.markdown is not None
                else None
            )
            if key is None:
                key = keys.key((spec, content, *self.inputs_of(spec)))
            self.page_keys[uri] = key
            if self.pages.restore(key, Path(dest)):
                restored.append(page)
                continue
            self.rendering[dest] = key
            todo.append(page)
        return todo, restored

    def rendered_again(self, uri: str, dest: Path, content: str) -> None:
        """A live update rendered one page again: key it for the page cache."""
        spec = self.specs[uri]
        if "[" not in (spec.markdown or ""):  # as reuse_pages: such text is never kept
            key = page_key(self.site_before, (spec, content, *self.inputs_of(spec)))
            self.page_keys[uri] = key
            self.rendering[str(dest)] = key

    def keep_pages(self, *, save: bool = True) -> tuple[int, int] | None:
        """Put every page rendered in this build into the page cache.

        Args:
            save: Write the cache's index too (a live update leaves that to the
                next build or the end of the preview: at 10,000 entries it is a
                second of JSON).

        Returns:
            The pages stored and restored when the index was saved, else None.
        """
        if self.pages is None:
            return None
        for dest, key in self.rendering.items():
            self.pages.store(key, Path(dest))
        self.rendering = {}
        if not save:
            return None
        # An offline edition's build keeps the online site's pages: the next build needs them.
        self.pages.save(prune=self.command == "build" and not self.edition.offline)
        return self.pages.stored, self.pages.restored

    def index_beside(self, site_dir: Path, ready: Callable[[], bool]) -> None:
        """A build: make the search index in a thread, once ``ready`` says every page
        Pagefind reads is written, while the other pages still render.

        :meth:`publish` waits for it instead of running Pagefind after every page.
        ``ready`` blocks; False (the renderers failed or stopped): no index here.
        """
        assert self.project is not None and not self.edition.offline
        beside = self.beside = _Beside(self.project.cache.search, self._search_key())

        def run() -> None:
            try:
                if ready() and not beside.cancel.is_set():
                    build_search_index(
                        site_dir, cache=beside.cache, key=beside.key, cancel=beside.cancel
                    )
                    beside.made = not beside.cancel.is_set()
            except SearchIndexError as exc:
                beside.error = exc

        beside.thread = threading.Thread(target=run, name="etalase-pagefind", daemon=True)
        beside.thread.start()

    def _search_key(self) -> str | None:
        return search_key(self.specs, self.page_keys) if self.pages is not None else None

    def _index_made_beside(self) -> bool:
        """Wait for the index made beside the pages; True when it was made."""
        beside, self.beside = self.beside, None
        if beside is None or beside.thread is None:
            return False
        beside.thread.join()
        if beside.error is not None:
            raise beside.error
        return beside.made

    def publish(
        self,
        site_dir: Path,
        *,
        site_url: str,
        site_name: str,
        written: Callable[[], Iterable[str]],
        updated: frozenset[str] | None = None,
        on_index_error: Callable[[SearchIndexError], None],
    ) -> None:
        """Publish the media, the feed and the search index (or the offline search script).

        Args:
            site_dir: The site folder.
            site_url: The site's address.
            site_name: The site's name.
            written: Every file the generator wrote into the site folder.
            updated: The pages a live update rendered, else None for a build:
                only a build lists the whole folder for what is stale.
            on_index_error: Told when a live preview's search index failed.

        Raises:
            SearchIndexError: A build's search index could not be made.
        """
        if self.plan is None:
            return
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
            self.remove_stale(site_dir, written())
        if self.edition.offline:  # no feed reader and no Pagefind from a card
            write_search_script(self.plan, self.edition, site_dir)
            write_caption_scripts(self.plan, self.edition, site_dir)
            return
        feed = atom_feed(
            self.plan.feed_entries,
            site_url=site_url,
            site_name=site_name,
            lang=self.strings.lang,
            images=dict(self.plan.images),
        )
        (site_dir / FEED_URI).write_text(feed, encoding="utf-8")
        cache = self.project.cache.search
        key = self._search_key()
        if self.command == "serve":
            # The live preview shows the changed page now; its search follows in seconds.
            self.indexer.start(site_dir, cache=cache, key=key, on_error=on_index_error)
            return
        if not self._index_made_beside():
            build_search_index(site_dir, cache=cache, key=key)

    def remove_stale(self, site_dir: Path, written: Iterable[str]) -> None:
        """A kept folder: remove what the last build put there and this one did not."""
        assert self.plan is not None
        outputs = set(written)
        outputs.update(str(site_dir / item.dest_uri) for item in self.plan.media)
        outputs.add(str(site_dir / FEED_URI))
        for stale in self.outputs - outputs:
            path = Path(stale)
            path.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the folder of a removed page, now empty
                path.parent.rmdir()
        self.outputs = outputs

    def stop(self) -> None:
        """The run ends or starts again: no Pagefind outlives its site."""
        self.indexer.stop()
        self.stop_beside()

    def stop_beside(self) -> None:
        """A build stopped: the Pagefind run beside its renderers stops too."""
        beside, self.beside = self.beside, None
        if beside is not None and beside.thread is not None:
            beside.cancel.set()
            beside.thread.join()

    def shutdown(self) -> None:
        """A live preview stops: no Pagefind left running, the pages it rendered kept."""
        self.indexer.stop()
        if self.pages is not None and self.command == "serve":
            self.pages.save(prune=False)  # what live updates rendered, for the next build


@dataclass(eq=False)
class _Beside:
    """A build's Pagefind run beside its renderers (:meth:`RenderSession.index_beside`)."""

    cache: Path
    key: str | None
    cancel: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None
    made: bool = False
    error: SearchIndexError | None = None


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


def _same_pages(
    before: PreparedSite,
    after: PreparedSite,
    old: Mapping[str, PageSpec],
    new: Mapping[str, PageSpec],
) -> bool:
    """Whether a new plan keeps the last build's pages, files and menu (only content changed)."""
    if old.keys() != new.keys() or before.copies.keys() != after.copies.keys():
        return False
    if before.plan.has_innovations != after.plan.has_innovations:
        return False
    # The office's own pages share the newest entry's image: only a whole build renders them.
    if before.plan.default_image != after.plan.default_image:
        return False
    return all(
        spec.draft == old[uri].draft and (spec.markdown is None) == (old[uri].markdown is None)
        for uri, spec in new.items()
    )


def _copy(source: Path, dest: Path) -> None:
    """Copy a file into the site folder; whatever was there is replaced, never written through."""
    with atomic_target(dest) as temp:
        shutil.copyfile(source, temp)

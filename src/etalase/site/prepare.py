"""From a project to what a site build needs: the one sequence every adapter calls.

:func:`prepare_site` loads the catalogue, makes (or reuses) the media of the
entries that can reach this build, plans every page and media copy, and says
which files of the content folder may be published. The MkDocs plugin, the
stage benchmark and any other front end (a future Zensical adapter) call it;
none of it knows MkDocs.

What a school put in its folders reaches the site only if Etalase made or
checked it: the renditions and posters, an entry's captions (checked by the
loader, published as the media cache's normalised WebVTT copies; with
``publish_unchecked_drafts``, its machine draft too, labelled as unchecked), and its JPEG, PNG and WebP pictures, re-encoded
without metadata by :mod:`etalase.media.image` and published in place of the
originals. Every other file (SVG, HTML, documents, anything) stays out with a
``FILE_NOT_PUBLISHED`` warning; the entry itself is still published.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from ..content.extras import FolderFiles, sort_folder
from ..content.layout import INDEX, INNOVATIONS_DIR, SCHOOLS_DIR
from ..content.loader import LoadResult
from ..content.memo import ReadMemo, signature
from ..content.model import Catalogue, Entry
from ..curation.decisions import LOG_NAME as DECISION_LOG
from ..curation.decisions import publication_days
from ..errors import ConfigError
from ..files import atomic_write_text
from ..media.cache import MediaCache
from ..media.captions import caption_copies, with_unchecked_drafts
from ..media.image import ImageJob, Picture, publish_images
from ..media.offline import make_offline
from ..media.outputs import EntryMedia, Rendition
from ..media.pipeline import MediaResult, check_writable, run_media, run_recipes
from ..media.rendition import OFFLINE, carried
from ..paths import RealPaths
from ..problems import Lang, Problem, problem
from ..project import Project
from ..stats.totals import Totals, read_totals, totals_path
from . import pictures
from .edition import ONLINE, Edition
from .pages import PlanMemo, SitePlan, plan_site
from .pictures import Pictures
from .strings import Strings
from .views import ImageFile

#: A folder changed less than this long ago is sorted again on the next plan.
SETTLE_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class PreparedSite:
    """A loaded, processed and planned catalogue, ready for a site generator.

    Attributes:
        result: The load: the valid catalogue and its problems.
        media: The media step's outcome for the entries of this build.
        plan: Every catalogue page and media copy.
        public_files: Real paths of the school files that may be copied into
            the site as they are (the office's own pages).
        copies: Files the site gets instead of a school's original, by their
            ``src_uri``: its pictures, re-encoded in the media cache, and their
            narrower copies; its captions, as normalised WebVTT.
        pictures: Each published picture's files on the site, by the
            original's ``src_uri`` (:func:`etalase.site.pictures.sized_images`).
        file_problems: Files of public folders left out of the site.
        private_files: Real paths of files of the content folder that are
            never copied (the school roster).
    """

    result: LoadResult
    media: MediaResult
    plan: SitePlan
    public_files: frozenset[str]
    copies: Mapping[str, Path] = field(default_factory=dict)
    pictures: Pictures = field(default_factory=dict)
    file_problems: tuple[Problem, ...] = ()
    private_files: frozenset[str] = frozenset()

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of the load, the media step and the files left out, in that order."""
        return self.result.problems + self.media.problems + self.file_problems

    def is_public(self, src_uri: str, abs_src_path: str, real: RealPaths) -> bool:
        """Whether a file of the content folder may be copied into the site as it is.

        The office's own pages (outside ``sekolah/`` and ``inovasi/``) may. Of what schools
        sent, nothing may: pictures and captions reach the site only as the
        :attr:`copies` Etalase made of them, and everything else
        never. Paths are compared resolved, so a symbolic link counts as the
        file it points to.
        """
        if not src_uri.startswith((f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/")):
            return not self.private_files or real.text(abs_src_path) not in self.private_files
        return real.text(abs_src_path) in self.public_files


def prepare_site(
    project: Project,
    strings: Strings,
    *,
    preview: bool = False,
    memo: ReadMemo | None = None,
    lang: Lang = "id",
    progress: bool = False,
    edition: Edition = ONLINE,
    result: LoadResult | None = None,
    plans: PlanMemo | None = None,
) -> PreparedSite:
    """Load, process and plan the catalogue of ``project``.

    Only entries that can reach this build get media: published ones, plus
    unpublished ones in a curator preview. Unchanged clips come from the
    cache without starting ffmpeg.

    Args:
        project: The project.
        strings: The site's words.
        preview: A curator's live preview: unpublished valid entries get pages too.
        memo: Kept between loads of one live preview.
        lang: Language of problems and progress.
        progress: Show the media step's progress on stderr.
        edition: The edition to plan (:mod:`etalase.site.edition`): online with
            the policy's ``media_url`` (a live preview passes none: new clips are
            not on the media host yet), or offline. An update pack's
            (``since``) holds only the entries published on or after its day.
        result: The catalogue already loaded (a live workspace's,
            :class:`~etalase.workspace.Workspace`); else it is loaded here.
        plans: What the last plans made for each entry (a live workspace's
            :class:`~etalase.site.pages.PlanMemo`).

    Raises:
        ConfigError: ffmpeg is missing or the cache folder cannot be written.
    """
    if result is None:
        result = project.load(memo=memo, root=project.root)
    catalogue = result.catalogue
    seen = seen_published(project, catalogue) if not preview else {}
    pack = update_pack(project, catalogue, edition.since, seen) if edition.since else None
    wanted = tuple(
        e
        for e in catalogue.entries
        if (e.is_published or preview) and (pack is None or e.key in pack)
    )
    offline_problems: tuple[Problem, ...] = ()
    if edition.offline:  # only the rows an offline edition carries
        media, offline_problems = _offline_media(project, wanted, lang=lang, progress=progress)
    else:
        media = run_media(
            Catalogue(catalogue.schools, wanted),
            project.policy,
            project.tools(),
            cache_dir=project.cache.media,
            root=project.root,
            lang=lang,
            progress=progress,
        )
    shown_media = dict(media.media)
    # The schools' pictures first: the plan shows each logo at its size.
    plans = plans if plans is not None else PlanMemo()
    schools = _school_files(project, [(s.folder, s.url, ()) for s in catalogue.schools], plans)
    school_pictures = _publish(project, schools, edition)
    # A logo that could not be re-encoded (an SVG, a broken file) is not shown.
    kept = tuple(
        s
        if s.logo is None or f"{s.url}{s.logo.name}" in school_pictures.files
        else replace(s, logo=None)
        for s in catalogue.schools
    )
    shown_catalogue = catalogue
    if kept != catalogue.schools:
        shown_catalogue = replace(catalogue, schools=kept, _by_slug={})
    if project.policy.publish_unchecked_drafts:  # the office's choice: drafts, labelled
        drafted = with_unchecked_drafts(project.cache.captions, shown_catalogue.entries)
        if drafted != shown_catalogue.entries:
            shown_catalogue = replace(shown_catalogue, entries=drafted, _by_slug={})
    reach, reach_problems = _reach(project)
    plan = plan_site(
        shown_catalogue,
        project.policy,
        shown_media,
        strings,
        preview=preview,
        edition=edition,
        pictures=school_pictures.files,
        memo=plans,
        reach=reach,
        pack=pack,
    )
    built = {spec.src_uri for spec in plan.pages}
    entries = [e for e in shown_catalogue.entries if f"{e.url}{INDEX}" in built]
    shown = [
        (e.folder, e.url, tuple(t.source for t in e.captions if not t.machine)) for e in entries
    ]
    shown += [(i.folder, i.url, ()) for i in catalogue.innovations if f"{i.url}{INDEX}" in built]
    pages = _school_files(project, shown, plans)
    page_pictures = _publish(project, pages, edition)
    roster = project.roster_file
    private = frozenset([RealPaths().text(str(roster))] if roster is not None else [])
    return PreparedSite(
        result,
        media,
        plan,
        schools.public | pages.public,
        {
            **school_pictures.copies,
            **page_pictures.copies,
            **caption_copies(project.cache.media, entries),
        },
        {**school_pictures.files, **page_pictures.files},
        offline_problems
        + reach_problems
        + schools.problems
        + pages.problems
        + school_pictures.problems
        + page_pictures.problems,
        private,
    )


def _reach(project: Project) -> tuple[Totals | None, tuple[Problem, ...]]:
    """The views and plays imported from the office's logs (None: none imported yet).

    A damaged totals file (a merge conflict in git) never stops a build: the site is
    built without the figures and the file is reported.
    """
    path = totals_path(project.root)
    if not path.is_file():
        return None, ()
    try:
        return read_totals(path), ()
    except ConfigError as exc:
        detail = exc.params.get("detail", exc.params.get("reason", ""))
        return None, (problem("STATS_DAMAGED", project.shown(path), reason=detail),)


def update_pack(
    project: Project,
    catalogue: Catalogue,
    since: dt.date,
    seen: Mapping[str, dt.date] | None = None,
) -> frozenset[str]:
    """The keys of the published entries an update pack from ``since`` holds.

    An entry's publication day is its ``published:`` day (``etalase publish``
    and the desk write it). For an entry without one (published by hand in
    its ``index.md``, or by an office whose ``default_status`` is
    ``published``): the day the curator published it by the desk's decision
    log, else the day a build of this project first saw it published
    (``seen``, :func:`seen_published`), else its own ``date``. Its activity
    day alone would leave an entry published months after it happened out of
    every pack made since.
    """
    logged = publication_days(project.root / DECISION_LOG)
    seen = seen if seen is not None else {}
    return frozenset(
        e.key
        for e in catalogue.published
        if (e.published or logged.get(e.key) or seen.get(e.key) or e.date) >= since
    )


def seen_published(
    project: Project, catalogue: Catalogue, today: dt.date | None = None
) -> dict[str, dt.date]:
    """The day a build first saw each entry published that has no ``published:`` day.

    Kept in the cache (:attr:`~etalase.project.CacheLayout.published_seen`) and
    written only when an entry is added. The first time (no file yet) every
    such entry is taken at its own ``date``: the day it was published is
    unknown, and counting them all as published today would put the whole
    catalogue into the next update pack.
    """
    path = project.cache.published_seen
    first = not path.exists()
    try:
        raw = json.loads(path.read_text(encoding="utf-8")) if not first else {}
    except (OSError, ValueError):
        raw = {}
    seen: dict[str, dt.date] = {}
    for key, value in raw.items() if isinstance(raw, dict) else ():
        with contextlib.suppress(TypeError, ValueError):
            seen[str(key)] = dt.date.fromisoformat(value)
    day = today or dt.date.today()
    added = {
        e.key: (e.date if first else day)
        for e in catalogue.published
        if e.published is None and e.key not in seen
    }
    if added or first:
        seen.update(added)
        with contextlib.suppress(OSError):  # a read-only cache: packs fall back to the date
            path.parent.mkdir(parents=True, exist_ok=True)
            data = {k: v.isoformat() for k, v in sorted(seen.items())}
            atomic_write_text(path, json.dumps(data, indent=0) + "\n")
    return seen


def _offline_media(
    project: Project, entries: tuple[Entry, ...], *, lang: Lang, progress: bool
) -> tuple[MediaResult, tuple[Problem, ...]]:
    """The media of an offline edition: only the rows it carries (``editions``).

    The posters, then each clip's offline WebM (its own row, made on demand:
    :func:`~etalase.media.offline.make_offline`); the rows it shares with the
    site (``hemat``) only for a clip whose WebM could not be made, whose problem
    is reported. No ``web`` rendition is made for a card. A clip with no
    rendition it carries has no media (no page), like a failed clip online.
    """
    policy, tools = project.policy, project.tools()
    check_writable(project.cache.media)
    cache = project.media_cache()
    run = partial(run_recipes, cache=cache, policy=policy, tools=tools, root=project.root)
    posters = run(entries, made=(), posters=True, lang=lang, progress=progress)
    have = [e for e in entries if e.key in posters.media]
    made = make_offline(project, have, root=project.root, lang=lang, progress=progress)
    shared = tuple(r for r in carried(policy, "offline") if not r.on_demand)
    missing = [e for e in have if e.key not in made.renditions]
    fallback = run(missing, made=shared, posters=False, lang=lang) if missing and shared else None
    media: dict[str, EntryMedia] = {}
    for key, item in posters.media.items():
        webm = made.renditions.get(key)
        if webm is not None:
            rendition = Rendition(OFFLINE.name, webm.path, webm.width, webm.height, webm.bytes)
            media[key] = replace(item, renditions=(rendition,))
        elif fallback is not None and key in fallback.media:
            media[key] = replace(item, renditions=fallback.media[key].renditions)
    extra = fallback.problems if fallback is not None else ()
    result = replace(
        posters,
        media=media,
        processed=posters.processed + made.processed,
        failed=len(entries) - len(media),
        seconds=posters.seconds + made.seconds + (fallback.seconds if fallback else 0.0),
    )
    return result, made.problems + extra


@dataclass(frozen=True, slots=True)
class _Published:
    copies: dict[str, Path]  # site URI -> made file
    files: dict[str, tuple[ImageFile, ...]]  # a picture's site URI -> its files on the site
    problems: tuple[Problem, ...]


def _publish(project: Project, found: _SchoolFiles, edition: Edition = ONLINE) -> _Published:
    """Re-encode (or take from the cache) the pictures of some folders; an offline edition
    carries each only up to :meth:`Edition.picture_files`' width."""
    made = publish_images(
        found.images,
        project.tools(),
        MediaCache.open(project.cache.media),
        timeout=project.policy.media_timeout,
    )
    copies: dict[str, Path] = {}
    files: dict[str, tuple[ImageFile, ...]] = {}
    for job in found.images:
        picture = made.made.get(job.source)
        if picture is not None:
            picture = Picture(edition.picture_files(picture.files))
            uri = found.uri[job.source]
            copies.update(pictures.copies(uri, picture))
            files[uri] = pictures.site_files(uri, picture)
    return _Published(copies, files, made.problems)


@dataclass(frozen=True, slots=True)
class _SchoolFiles:
    public: frozenset[str]  # real paths copied as they are
    images: tuple[ImageJob, ...]
    uri: dict[Path, str]  # image source -> its src_uri
    problems: tuple[Problem, ...]


def _school_files(
    project: Project, folders: list[tuple[Path, str, tuple[Path, ...]]], plans: PlanMemo
) -> _SchoolFiles:
    """Sort the files of published folders, given as (folder, URL, checked captions):
    copied, re-encoded, or left out (a folder sorted for an earlier plan is sorted
    again only when its stat changed: a file added, removed or renamed)."""
    public: set[str] = set()
    images: list[ImageJob] = []
    uri: dict[Path, str] = {}
    problems: list[Problem] = []
    now = time.time_ns()
    for folder, url, captions in folders:
        try:
            stat = os.stat(folder)
        except OSError:
            stat = None
        # A folder changed a moment ago may change again within the same clock tick.
        settled = stat is not None and now - max(stat.st_mtime_ns, stat.st_ctime_ns) > SETTLE_NS
        inputs = (signature(stat), captions) if stat is not None and settled else object()
        found = plans.get("folder", str(folder), inputs, partial(sort_folder, folder, captions))
        for path in found.images:
            images.append(ImageJob(path, _shown(project, path)))
            uri[path] = f"{url}{path.name}"
        problems += refused_files(project, found)
    return _SchoolFiles(frozenset(public), tuple(images), uri, tuple(problems))


def refused_files(project: Project, found: FolderFiles) -> list[Problem]:
    """``FILE_NOT_PUBLISHED`` for each file of a folder that never reaches the site."""
    return [problem("FILE_NOT_PUBLISHED", _shown(project, p), value=p.name) for p in found.refused]


def _shown(project: Project, path: Path) -> str:
    """A school's file where the school put it; a symbolic link never shows its target."""
    return f"{project.shown(path.parent)}/{path.name}"

"""One live workspace per project: the catalogue loaded once, then only what changed.

``etalase serve``, the curator's desk and the MkDocs plugin inside them used to
keep their own copies of the catalogue and reload it whole after every saved
file and every decision. A :class:`Workspace` is the one they share in a
process: it owns the :class:`~etalase.project.Project` (``mkdocs.yml`` read
once), the read memo (a file, folder or front matter read again only when its
stat changed; what ffprobe said lives in the media cache's prober),
the last load, the media the last build made and what the last plans made
for each entry (:class:`~etalase.site.pages.PlanMemo`). :meth:`Workspace.refresh`
stats the content tree, reads only what changed and says which schools and
entries changed; given the files a watcher saw change (``serve``), when they
all lie in entry folders it knew, it reads only those entries and walks
nothing. :meth:`Workspace.planned` says which pages a new site plan changed,
so a live preview renders and writes only those. The workspace holds the last
render of the site (:class:`~etalase.site.session.RenderSession`): ``build``,
``serve``, the desk and ``offline`` ask it for the last prepared site.

:func:`open_workspace` keeps one workspace per ``mkdocs.yml`` in the process:
the CLI opens it before MkDocs starts, and the plugin, handed a project made
from MkDocs' config, finds the same one (a build into another folder or for
another address shares it too: only the content, the policy and the cache
folder decide). Nothing here imports MkDocs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content.layout import INDEX, SCHOOLS_DIR
from .content.loader import LoadResult
from .content.memo import ReadMemo
from .media.outputs import EntryMedia
from .project import Project
from .site.pages import PlanMemo
from .site.prepare import PreparedSite
from .site.session import RenderSession, RenderSettings


@dataclass(frozen=True, slots=True)
class Change:
    """What one refresh found changed since the load before.

    Attributes:
        schools: Slugs of schools added, removed or changed (profile or problems).
        entries: Keys (``school/entry``) of entries added, removed or changed,
            including a change in their problems or probed duration.
        other: Something outside schools and entries changed (an innovation, the
            roster, a problem of no entry): callers plan everything again.
        first: The first load of the workspace.
    """

    schools: frozenset[str] = frozenset()
    entries: frozenset[str] = frozenset()
    other: bool = False
    first: bool = False

    @property
    def nothing(self) -> bool:
        """Whether nothing at all changed."""
        return not (self.schools or self.entries or self.other or self.first)


@dataclass(slots=True)
class Workspace:
    """The live state of one project, shared by the desk, ``serve``, the CLI and the plugin.

    One refresh at a time (its lock): the read memo is not shared between threads.

    Attributes:
        project: The project, as the CLI read it from ``mkdocs.yml``.
        memo: What the loads read, for the next load to skip.
        result: The last load, or None before the first.
        media: Each entry's renditions and posters from the last build, by entry key.
        generation: Counts loads that changed something (the desk's queue is
            collected again when it moves).
        last_change: What the last refresh found changed.
        plans: What the last site plans made for each entry, for the next plan.
        session: The last render of the site (:meth:`render_session`), or None.
    """

    project: Project
    memo: ReadMemo = field(default_factory=ReadMemo)
    result: LoadResult | None = None
    media: Mapping[str, EntryMedia] = field(default_factory=dict)
    generation: int = 0
    last_change: Change = field(default_factory=Change)
    plans: PlanMemo = field(default_factory=PlanMemo)
    session: RenderSession | None = None
    _pages: dict[str, object] = field(default_factory=dict)
    _lock: threading.RLock = field(default_factory=threading.RLock)

    def refresh(self, *, probe: bool = True, paths: Collection[Path] | None = None) -> Change:
        """Load the catalogue again, reading only files whose stat changed.

        Args:
            probe: Probe the videos (through the media cache's prober: a clip is
                probed once while its bytes are unchanged).
            paths: The files that changed since the last refresh, when a watcher
                knows them: when they all lie in known entry folders, only those
                entries are read again (:meth:`Project.reload`); otherwise, and
                without ``paths``, the whole tree is walked and each file's stat
                compared.

        Returns:
            What changed since the previous load.

        Raises:
            ConfigError: ``probe`` and ffmpeg/ffprobe are missing.
        """
        with self._lock:
            before = self.result
            result = None
            if before is not None and paths is not None:
                folders = entry_folders(self.project.content_dir, before, paths)
                if folders is not None:
                    result = self.project.reload(
                        before, folders, memo=self.memo, probe=probe, root=self.project.root
                    )
            if result is None:
                result = self.project.load(probe=probe, memo=self.memo, root=self.project.root)
            change = Change(first=True) if before is None else diff(before, result)
            self.result = result
            self.last_change = change
            if not change.nothing:
                self.generation += 1
            return change

    def keep_media(self, media: Mapping[str, EntryMedia]) -> None:
        """Remember the media a build made (the desk shows renditions and posters from it)."""
        with self._lock:
            if media != self.media:
                self.media = dict(media)
                self.generation += 1

    def planned(self, pages: Mapping[str, object]) -> frozenset[str]:
        """Take a new site plan; the pages (by ``src_uri``) it adds, changes or removes.

        Args:
            pages: Every page of the plan by its ``src_uri``: a value that is
                equal exactly when the page's inputs are (a frozen ``PageSpec``
                and whatever else the page is made from).
        """
        with self._lock:
            old, self._pages = self._pages, dict(pages)
            changed = {uri for uri, spec in pages.items() if old.get(uri, _NONE) != spec}
            return frozenset(changed | (old.keys() - pages.keys()))

    def forget_plan(self) -> None:
        """The next :meth:`planned` names every page (a render failed half way)."""
        with self._lock:
            self._pages = {}

    def render_session(
        self, settings: RenderSettings, previous: RenderSession | None = None
    ) -> RenderSession:
        """The session that renders this workspace's site with ``settings``; it is kept.

        A live preview renders through one session from rebuild to rebuild
        (``previous``, its settings read again); a build gets a new one.
        """
        with self._lock:
            if previous is not None and previous.settings.live and settings.live:
                previous.configure(settings)
                self.session = previous
            else:
                self.session = RenderSession(settings)
            return self.session

    @property
    def prepared(self) -> PreparedSite | None:
        """The site the last render prepared (its load, media and plan), or None."""
        session = self.session
        return session.prepared if session is not None else None

    def adopt(self, project: Project) -> Workspace | None:
        """This workspace for ``project`` when it loads the same catalogue, else None.

        The plugin makes a project from MkDocs' config, which may point the site
        elsewhere (a preview folder, another address); what is loaded depends
        only on the content folder, the policy and the cache.
        """
        mine = self.project
        same = (
            project.content_dir == mine.content_dir
            and project.policy == mine.policy
            and project.cache == mine.cache
        )
        return self if same else None


_NONE = object()
_open: dict[Path, Workspace] = {}
_open_lock = threading.Lock()


def open_workspace(project: Project, *, live: bool = True) -> Workspace:
    """The process's workspace for ``project``'s ``mkdocs.yml`` (made on first use).

    A project that loads another catalogue from the same ``mkdocs.yml`` (the
    file was edited: another policy or content folder) gets a fresh workspace,
    which replaces the old one.

    Args:
        project: The project.
        live: The workspace will be refreshed (``serve``, the desk); a one-off
            ``build`` passes False and its memo keeps nothing.
    """
    key = (project.config_file or project.root / "mkdocs.yml").resolve()
    with _open_lock:
        known = _open.get(key)
        workspace = known.adopt(project) if known is not None else None
        if workspace is None:
            workspace = Workspace(project, ReadMemo(keep=live))
        _open[key] = workspace
        return workspace


def close_workspaces() -> None:
    """Forget every open workspace (tests, and a process that is done with them)."""
    with _open_lock:
        _open.clear()


def entry_folders(
    content_dir: Path, result: LoadResult, paths: Collection[Path]
) -> list[Path] | None:
    """The entry folders holding ``paths``, or None when one of them lies anywhere else.

    Anywhere else is a school's own file, a folder that was not an entry at the
    last load (or no longer has its ``index.md``), or a file outside
    ``sekolah/``: only a whole load says what that changes.
    """
    base = os.path.abspath(content_dir / SCHOOLS_DIR)
    known = {r.key for r in result.records}
    folders: dict[str, Path] = {}
    for path in paths:
        rel = os.path.relpath(os.path.abspath(path), base).split(os.sep)
        if len(rel) < 3 or rel[0] in (os.curdir, os.pardir):
            return None
        key = f"{rel[0]}/{rel[1]}"
        if key not in known:
            return None
        folders[key] = Path(base, rel[0], rel[1])
    if not all(os.path.isfile(folder / INDEX) for folder in folders.values()):
        return None
    return [folders[k] for k in sorted(folders)]


def diff(before: LoadResult, after: LoadResult) -> Change:
    """What changed between two loads of one catalogue."""
    old_schools = {s.slug: s for s in before.catalogue.schools}
    new_schools = {s.slug: s for s in after.catalogue.schools}
    old_entries = {e.key: e for e in before.catalogue.entries}
    new_entries = {e.key: e for e in after.catalogue.entries}
    schools = _changed(old_schools, new_schools)
    entries = _changed(old_entries, new_entries)
    entries |= _changed(before.durations, after.durations)
    by_entry_old, loose_old = _problems_by_folder(before)
    by_entry_new, loose_new = _problems_by_folder(after)
    for folder in _changed(by_entry_old, by_entry_new):
        (entries if "/" in folder else schools).add(folder)
    other = (
        loose_old != loose_new
        or before.catalogue.innovations != after.catalogue.innovations
        or before.school_names != after.school_names
        or before.roster != after.roster
    )
    return Change(frozenset(schools), frozenset(entries), other)


def _changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> set[str]:
    keys = old.keys() | new.keys()
    return {k for k in keys if old.get(k, _NONE) != new.get(k, _NONE)}


def _problems_by_folder(result: LoadResult) -> tuple[dict[str, list[Any]], list[Any]]:
    """Problems by the school (``slug``) or entry (``slug/entry``) they are about; the rest."""
    folders: dict[str, list[Any]] = {}
    loose: list[Any] = []
    for item in result.problems:
        found = _folder_key(item.path)
        if found is None:
            loose.append(item)
        else:
            folders.setdefault(found, []).append(item)
    return folders, loose


def _folder_key(shown: str) -> str | None:
    parts = shown.replace("\\", "/").split("/")
    try:
        at = parts.index(SCHOOLS_DIR)
    except ValueError:
        return None
    rest = parts[at + 1 : -1]  # the folders below sekolah/, not the file
    return "/".join(rest[:2]) if rest else None

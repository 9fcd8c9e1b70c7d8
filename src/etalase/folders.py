"""The folders Etalase may replace or write into: its own, never the project's or a person's.

A command that writes a whole folder (``offline``'s edition, ``build``'s site)
deletes what was there. Before it does, :func:`check_output` makes sure that
the folder is Etalase's to replace: it does not exist yet, is empty, or holds
the marker file (:data:`MARKER`) an earlier ``offline`` run left in it
(:func:`mark`), or, for ``build``, is a site MkDocs built (its ``index.html``
and ``sitemap.xml.gz``: the site carries no marker, which a deploy would
publish). Every folder or file a command writes is also checked with
:func:`check_place`: it must not be, hold or sit inside one of the project's
own folders (the content, ``.git``, the cache, the site, the theme overrides,
``mkdocs.yml``), nor be or hold the project's folder itself. The cache gets
the same rule (:func:`check_cache`): ``cache_dir`` pointed at the content
would have the offline stage and the desk's previews delete schools' folders.

What is refused raises :class:`FolderRefused` (exit code 1) before anything is
built or deleted, with the folder named and what to choose instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from .errors import ConfigError, WordedError
from .messages import Ref
from .project import Project

#: The file every folder ``offline`` writes holds: its content names the command, and
#: only that command replaces the folder again.
MARKER = ".etalase-keluaran"

#: Who wrote a folder (the words after ``etalase`` on the command line).
Writer = Literal["offline", "build"]

#: The project's own places, by what they are called in messages (``folder.part.<name>``).
Part = Literal["root", "content", "git", "cache", "site", "overrides", "config"]

#: Files every MkDocs build leaves at the top of its site: ``build`` recognises its own
#: site folder by them.
_BUILT_SITE = ("index.html", "sitemap.xml.gz")


class FolderRefused(WordedError):
    """A folder Etalase will not write into or replace (exit code 1): nothing was changed."""


def project_parts(project: Project) -> dict[Part, Path]:
    """The project's own folders and files, resolved (links followed)."""
    parts: dict[Part, Path] = {
        "root": project.root,
        "content": project.content_dir,
        "git": project.root / ".git",
        "cache": project.cache.root,
        "site": project.site_dir,
    }
    if project.config_file is not None:
        parts["config"] = project.config_file
    theme = _settings(project).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    if isinstance(custom, str) and custom:
        parts["overrides"] = project.root / custom
    return {name: path.resolve() for name, path in parts.items()}


def _settings(project: Project) -> dict[str, object]:
    try:
        return project.settings()
    except ConfigError:
        return {}


def check_place(project: Project, path: Path, *, own: Part | None = None) -> None:
    """Refuse ``path`` when writing there could overwrite or delete a part of the project.

    ``path`` (a folder or a file, existing or not) must not be or hold the
    project's folder, and must not be, hold or sit inside any other of
    :func:`project_parts`, except ``own``: the part it is (the site for
    ``build``, the cache for the cache's own folders).

    Raises:
        FolderRefused: Naming ``path``, the part and how the two are related.
    """
    here = path.resolve()
    for part, there in project_parts(project).items():
        if part == own:
            continue
        if here == there:
            relation = "is"
        elif here in there.parents:
            relation = "holds"
        elif there in here.parents and part != "root":
            relation = "inside"
        else:
            continue
        raise FolderRefused(
            "folder.project_part",
            path=path,
            relation=Ref(f"folder.relation.{relation}"),
            part=Ref(f"folder.part.{part}"),
            where=there,
        )


def check_replaceable(folder: Path, writer: Writer) -> None:
    """Refuse to replace ``folder`` unless it is missing, empty or marked by ``writer``.

    A site MkDocs built (``index.html`` and ``sitemap.xml.gz`` at its top)
    counts as ``build``'s.

    Raises:
        FolderRefused: ``folder`` is a file, a mount point (a card or a disk itself), or
            holds what another program or a person put there.
    """
    if not os.path.lexists(folder):
        return
    if folder.is_symlink() or not folder.is_dir():
        raise FolderRefused("folder.not_a_folder", path=folder)
    if os.path.ismount(folder):  # a card or disk itself: it cannot be swapped, its files would go
        raise FolderRefused("folder.mount_point", path=folder, inside=folder / "etalase")
    try:
        names = sorted(os.listdir(folder))
    except OSError as exc:
        raise FolderRefused("folder.unreadable", path=folder, reason=exc.strerror or exc) from exc
    if not names or marked_by(folder) == writer:
        return
    if writer == "build" and all(name in names for name in _BUILT_SITE):
        return
    raise FolderRefused(
        "folder.not_ours", path=folder, command=writer, n=len(names), example=names[0]
    )


def check_output(project: Project, folder: Path, writer: Writer) -> None:
    """Both checks for a folder ``writer`` is about to replace (see :func:`check_place`,
    :func:`check_replaceable`).

    Raises:
        FolderRefused: The folder is the project's, or not Etalase's to replace.
    """
    check_place(project, folder, own="site" if writer == "build" else None)
    check_replaceable(folder, writer)


def check_cache(project: Project) -> None:
    """Refuse a ``cache_dir`` that is, holds or sits inside another part of the project.

    Raises:
        ConfigError: Said like :class:`FolderRefused`, as the configuration's fault (exit code 2).
    """
    try:
        check_place(project, project.cache.root, own="cache")
    except FolderRefused as exc:
        raise ConfigError("config.cache_misplaced", **exc.params) from exc


def mark(folder: Path, writer: Writer) -> None:
    """Mark ``folder`` as ``writer``'s, so the next run of that command may replace it."""
    (folder / MARKER).write_text(f"{writer}\n", encoding="utf-8")


def marked_by(folder: Path) -> str | None:
    """The command whose marker ``folder`` holds, or None."""
    try:
        return (folder / MARKER).read_text(encoding="utf-8").strip() or None
    except (OSError, UnicodeDecodeError):
        return None

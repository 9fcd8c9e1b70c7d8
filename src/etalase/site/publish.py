"""Putting media files where the site is served from: hard links to the cache where possible.

Renditions are megabytes each; copying every one into ``site/`` on every
build would cost gigabytes of writing for a large catalogue. Cache outputs
are content-addressed and never changed in place (a new output is a new file),
so a hard link is as safe as a copy. Where a link is impossible (another file
system, or a host that forbids it) the file is copied.

With ``media_url`` the plan names media ``m/ab/<name>`` (:data:`MEDIA_PREFIX`):
those go to the media folder (``media_dir``, beside ``site/``) instead, and
``site/`` holds only pages and assets. The media folder only grows during a
build; :func:`prune_media` trims it to the new site's files once that site is
in place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .edition import MEDIA_PREFIX
from .pages import MediaFile


def publish_media(
    files: Iterable[MediaFile], site_dir: Path, *, media_dir: Path | None = None
) -> int:
    """Link (or copy) each media file to its place; returns how many.

    Args:
        files: The plan's media files.
        site_dir: Where files planned beside their page go.
        media_dir: Where content-addressed files (``m/...``) go. Such a file
            already there is the same file and is left alone.
    """
    count = 0
    made: set[Path] = set()
    for item in files:
        apart = media_dir is not None and item.dest_uri.startswith(MEDIA_PREFIX)
        dest = (media_dir if apart and media_dir else site_dir) / item.dest_uri
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        try:  # a fresh site: one system call per file
            os.link(item.source, dest)
        except OSError:  # already there, or no hard links here: replace it whole
            if apart and dest.is_file() and dest.stat().st_size == item.source.stat().st_size:
                count += 1
                continue
            if _same_file(item.source, dest):  # a live preview's kept folder
                count += 1
                continue
            temp = dest.with_name(f".{dest.name}.tmp")
            temp.unlink(missing_ok=True)
            try:
                os.link(item.source, temp)
            except OSError:
                shutil.copyfile(item.source, temp)
            os.replace(temp, dest)
        count += 1
    return count


def _same_file(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False


def prune_media(media_dir: Path, files: Iterable[MediaFile]) -> int:
    """Delete what the media folder holds beyond ``files``; returns how many went.

    Only the folder's ``m/`` tree is touched: it is ours, made by the build.
    """
    keep = {item.dest_uri for item in files if item.dest_uri.startswith(MEDIA_PREFIX)}
    tree = media_dir / MEDIA_PREFIX
    removed = 0
    if not tree.is_dir():
        return 0
    for folder in sorted(p for p in tree.iterdir() if p.is_dir()):
        for path in folder.iterdir():
            if f"{MEDIA_PREFIX}{folder.name}/{path.name}" not in keep:
                path.unlink()
                removed += 1
        if not any(folder.iterdir()):
            folder.rmdir()
    return removed

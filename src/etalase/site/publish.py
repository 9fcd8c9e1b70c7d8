"""Putting media files into the built site: hard links to the cache where possible.

Renditions are megabytes each; copying every one into ``site/`` on every
build would cost gigabytes of writing for a large catalogue. Cache outputs
are content-addressed and never changed in place (a new output is a new file),
so a hard link is as safe as a copy. Where a link is impossible (another file
system, or a host that forbids it) the file is copied.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from .pages import MediaFile


def publish_media(files: Iterable[MediaFile], site_dir: Path) -> int:
    """Link (or copy) each media file to its place in ``site_dir``; returns how many."""
    count = 0
    made: set[Path] = set()
    for item in files:
        dest = site_dir / item.dest_uri
        if dest.parent not in made:
            dest.parent.mkdir(parents=True, exist_ok=True)
            made.add(dest.parent)
        try:  # a fresh site: one system call per file
            os.link(item.source, dest)
        except OSError:  # already there, or no hard links here: replace it whole
            temp = dest.with_name(f".{dest.name}.tmp")
            temp.unlink(missing_ok=True)
            try:
                os.link(item.source, temp)
            except OSError:
                shutil.copyfile(item.source, temp)
            os.replace(temp, dest)
        count += 1
    return count

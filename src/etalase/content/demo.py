"""The shipped demo catalogue's entries, and whether their generated videos are there yet.

The repository's demo lists its entries in ``content/.demo-entries`` (one
``<school>/<entry>`` a line); their videos are made by ``make demo-media``
(``scripts/make_demo_media.py``), never committed. On a fresh clone a build
would publish nothing and say only that every demo video is missing; the
commands use :func:`demo_videos_missing` to say what to run instead.
"""

from __future__ import annotations

from pathlib import Path

from .layout import SCHOOLS_DIR
from .loader import LoadResult

#: The demo's own entries, relative to the content folder (as the script reads it).
DEMO_LIST = ".demo-entries"


def demo_keys(content_dir: Path) -> frozenset[str]:
    """The entry keys listed in ``content/.demo-entries`` (none without the file)."""
    try:
        text = (content_dir / DEMO_LIST).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return frozenset()
    lines = (line.strip() for line in text.splitlines())
    return frozenset(line for line in lines if line and not line.startswith("#"))


def demo_videos_missing(content_dir: Path, result: LoadResult) -> int:
    """How many demo entries were refused because their generated video is not there."""
    keys = demo_keys(content_dir)
    if not keys:
        return 0
    missing = 0
    for record in result.records:
        if record.key in keys and any(
            p.code == "FILE_MISSING"
            and dict(p.params).get("field") == "video"
            and p.path.endswith(f"{SCHOOLS_DIR}/{record.key}/index.md")
            for p in record.problems
        ):
            missing += 1
    return missing

"""The order of a deploy, so that every public link resolves at every moment.

1. media missing on the media host (content-addressed: never overwritten);
2. assets (styles, scripts, images of the theme);
3. pages that are new (no old page links them yet), then pages that changed,
   the home page excepted;
4. the search index, the feed and the sitemap, then the home page;
5. only then the pages that are gone are deleted, and media no longer referenced
   once they have been unreferenced for ``media_keep_days``.

A deploy killed in step 3 leaves new pages nobody links yet, or changed pages
whose media already arrived; the home page still points at old pages that still
exist. Without ``media_url`` the renditions and posters sit beside their pages
and go first, in step 1, to the pages host.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from ..content.routes import ROUTES

Target = Literal["pages", "media"]
MEDIA_SUFFIXES = (".mp4", ".webm", ".webp", ".jpg", ".jpeg", ".png", ".vtt")
INDEX_FILES = (ROUTES.feed, "sitemap.xml", "sitemap.xml.gz")
HOME = "index.html"
DAY = 86400.0


@dataclass(frozen=True, slots=True)
class Step:
    """One rclone call: what moves (or goes) where."""

    name: Literal[
        "media", "assets", "new_pages", "pages", "index", "home", "delete_pages", "delete_media"
    ]
    target: Target
    files: tuple[str, ...]
    bytes: int
    delete: bool = False


@dataclass(frozen=True, slots=True)
class DeployPlan:
    """Every step, in order; empty steps left out."""

    steps: tuple[Step, ...]
    unreferenced: dict[str, float]  # the media grace clock after this deploy
    kept_media: int  # unreferenced media kept for their grace period

    @property
    def empty(self) -> bool:
        return not self.steps


def plan_deploy(
    pages: Mapping[str, list[Any]],
    deployed_pages: Mapping[str, list[Any]],
    media: Mapping[str, int] | None,
    deployed_media: Mapping[str, int],
    unreferenced: Mapping[str, float],
    *,
    now: float,
    keep_days: float,
) -> DeployPlan:
    """Plan a deploy from the local files and what the last deploy left.

    Args:
        pages: ``site/`` now (``rel -> [size, mtime_ns, sha]``).
        deployed_pages: ``site/`` as last deployed.
        media: The media folder now (``m/.. -> size``); ``None`` without ``media_url``.
        deployed_media: The media host as last deployed.
        unreferenced: Since when each deployed media file is no longer referenced.
        now: The clock (seconds since the epoch).
        keep_days: The grace period of unreferenced media.
    """

    def changed(rel: str) -> bool:
        old = deployed_pages.get(rel)
        return old is None or old[2] != pages[rel][2]

    todo = sorted(rel for rel in pages if changed(rel))
    groups: dict[str, list[str]] = {
        "media": [],
        "assets": [],
        "new_pages": [],
        "pages": [],
        "index": [],
        "home": [],
    }
    for rel in todo:
        groups[_group(rel, rel in deployed_pages)].append(rel)
    steps: list[Step] = []
    media_target: Target = "pages"
    if media is not None:
        media_target = "media"
        missing = sorted(n for n, size in media.items() if deployed_media.get(n) != size)
        groups["media"] = missing + groups["media"]
    for name in ("media", "assets", "new_pages", "pages", "index", "home"):
        files = tuple(groups[name])
        if not files:
            continue
        target: Target = media_target if name == "media" and media is not None else "pages"
        if name == "media" and media is not None:
            site_media = tuple(f for f in files if f in pages)
            apart = tuple(f for f in files if f not in pages)
            if site_media:  # a school's own images beside its pages
                steps.append(Step("media", "pages", site_media, _size(site_media, pages, media)))
            if apart:
                steps.append(Step("media", "media", apart, _size(apart, pages, media)))
            continue
        steps.append(Step(name, target, files, _size(files, pages, media)))
    gone = tuple(sorted(set(deployed_pages) - set(pages)))
    if gone:
        steps.append(Step("delete_pages", "pages", gone, 0, delete=True))
    clock: dict[str, float] = {}
    expired: list[str] = []
    if media is not None:
        for name in sorted(set(deployed_media) - set(media)):
            since = unreferenced.get(name, now)
            if now - since >= keep_days * DAY:
                expired.append(name)
            else:
                clock[name] = since
    if expired:
        steps.append(Step("delete_media", "media", tuple(expired), 0, delete=True))
    return DeployPlan(tuple(steps), clock, len(clock))


def _group(rel: str, deployed: bool) -> str:
    if rel == HOME:
        return "home"
    if rel in INDEX_FILES or rel.startswith("pagefind/"):
        return "index"
    if rel.startswith("assets/"):
        return "assets"
    if posixpath.splitext(rel)[1].lower() in MEDIA_SUFFIXES:
        return "media"
    if rel.endswith(".html"):
        return "pages" if deployed else "new_pages"
    return "assets"


def _size(
    files: tuple[str, ...], pages: Mapping[str, list[Any]], media: Mapping[str, int] | None
) -> int:
    total = 0
    for rel in files:
        if rel in pages:
            total += int(pages[rel][0])
        elif media is not None:
            total += int(media.get(rel, 0))
    return total

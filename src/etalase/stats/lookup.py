"""Which catalogue page or clip a request asked for, from the site's own URL forms.

The site's pages sit under the base path of ``site_url`` (``/`` or ``/etalase/``):
an entry at ``sekolah/<school>/<entry>/`` (or its ``index.html``), a school at
``sekolah/<school>/``, an innovation at ``inovasi/<slug>/``. An entry's renditions
sit beside its page (``video-web.mp4``, ``video-hemat.mp4``) or, with ``media_url``,
on the media host under content-addressed names (``m/ab/<hash>-web.mp4``) that the
built pages name; those are read from the built site's entry pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from ..content.model import Catalogue

Kind = Literal["entry", "school", "innovation"]
INDEX_PAGE = "index.html"
_BESIDE = re.compile(r"^video-[\w-]+\.(?:mp4|webm)$")
_ADDRESSED = re.compile(r"(?:^|/)(m/[0-9a-f]{2}/[0-9a-f]{16,}-[\w.-]+)$")
_VIDEO_TAG = re.compile(r"<video\b[^>]*>", re.S)
_VIDEO_SRC = re.compile(r'\s(?:src|data-src-[\w-]+)="([^"]+)"')


@dataclass(frozen=True, slots=True)
class Target:
    """What a request asked for: a page (and whose) or a clip's rendition."""

    media: bool
    kind: Kind | None  # None: a page of the site that is not an entry, school or innovation
    key: str = ""


@dataclass(frozen=True, slots=True)
class PageLookup:
    """Which page or clip of one catalogue each URL of the site addresses (the reverse of
    :data:`etalase.content.routes.ROUTES`, which spells them).

    Attributes:
        base: The base path of ``site_url``, with both slashes (``/``, ``/etalase/``).
        pages: Page URL relative to the base (``sekolah/a/b/``) -> (kind, key).
        media: A content-addressed media name (``m/ab/…-web.mp4``) -> entry key.
    """

    base: str
    pages: Mapping[str, tuple[Kind, str]]
    media: Mapping[str, str] = field(default_factory=dict)

    def target(self, raw: str) -> Target | None:
        """What the request path ``raw`` asked for (None: nothing this site counts)."""
        path = raw.split("?", 1)[0].split("#", 1)[0]
        if "%" in path:
            path = unquote(path)
        if "\x00" in path or "/../" in f"{path}/":
            return None
        addressed = _ADDRESSED.search(path)
        if addressed is not None:
            key = self.media.get(addressed.group(1))
            return Target(True, "entry", key) if key else None
        if not path.startswith(self.base):
            return None
        rel = path[len(self.base) :]
        folder, _, name = rel.rpartition("/")
        folder = f"{folder}/" if folder else ""
        if name and name != INDEX_PAGE:
            if _BESIDE.match(name):
                found = self.pages.get(folder)
                if found is not None and found[0] == "entry":
                    return Target(True, "entry", found[1])
            return None
        found = self.pages.get(folder)
        return Target(False, found[0], found[1]) if found else Target(False, None)


def base_path(site_url: str) -> str:
    """The path of ``site_url`` with a slash at both ends (``/`` without one)."""
    path = urlsplit(site_url).path if site_url else ""
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


def page_lookup(catalogue: Catalogue, site_url: str, site_dir: Path | None = None) -> PageLookup:
    """The routes of a catalogue's published pages (and clips named by the built site)."""
    pages: dict[str, tuple[Kind, str]] = {}
    for school in catalogue.schools:
        pages[school.url] = ("school", school.slug)
    for entry in catalogue.entries:
        pages[entry.url] = ("entry", entry.key)
    for innovation in catalogue.innovations:
        pages[innovation.url] = ("innovation", innovation.slug)
    media = dict(addressed_media(site_dir, pages)) if site_dir is not None else {}
    return PageLookup(base_path(site_url), pages, media)


def addressed_media(
    site_dir: Path, pages: Mapping[str, tuple[Kind, str]]
) -> Iterable[tuple[str, str]]:
    """(content-addressed media name, entry key) for every clip the built entry pages play."""
    for url, (kind, key) in pages.items():
        if kind != "entry":
            continue
        page = site_dir / url / INDEX_PAGE
        try:
            html = page.read_text("utf-8", "replace")
        except OSError:
            continue
        tag = _VIDEO_TAG.search(html)
        for src in _VIDEO_SRC.findall(tag.group(0)) if tag else ():
            found = _ADDRESSED.search(urlsplit(src).path)
            if found is not None:
                yield found.group(1), key

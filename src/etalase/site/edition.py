"""The edition of the site: how its pages link to each other and where its media live.

One object decides it for every edition, so no template or module spells a URL
form of its own:

- ``online``: directory URLs (``kecamatan/blora/``), renditions and posters
  beside each entry's page, or on the media host under content-addressed names
  (``media_url``), with Pagefind search.
- ``folder``: the double-click edition for a USB stick or SD card. Every link
  is a relative file link (``kecamatan/blora/index.html``) that works from
  ``file://``; media sit beside their page; search is a classic script with
  its own small index (no ``fetch()``, no modules); one small rendition a clip:
  the offline WebM (VP9/Opus), or ``hemat`` where a clip has none.
- ``zim``: the pages the ZIM writer packs, laid out as the folder edition:
  Kiwix serves a ZIM's files by their paths, so the same relative links hold.

The plan keeps its URLs in one canonical form (the online directory form, the
keys pages and pictures are looked up by); :meth:`Edition.page` turns one into
the link this edition writes. The MkDocs layer routes every template link
through it. Nothing here knows MkDocs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..media.image import PictureFile
from ..media.outputs import Poster, Rendition
from ..media.rendition import offline_choice
from ..policy import default_policy

EditionKind = Literal["online", "folder", "zim"]
#: Every edition, the online one first (the plugin option's default).
EDITIONS: tuple[EditionKind, ...] = ("online", "folder", "zim")

#: Where renditions and posters go on a media host (``media_url``): ``m/ab/<name>``.
MEDIA_PREFIX = "m/"
#: The page a folder (or ZIM) link opens: no web server adds it from ``file://``.
INDEX_PAGE = "index.html"
#: The renditions an offline edition may carry, by preference, from the rendition list
#: (:func:`~etalase.media.rendition.offline_choice`): the offline WebM
#: (:mod:`etalase.media.offline`), else ``hemat`` (a clip whose WebM could not be
#: made). One a clip: both would take 2.7 MB a minute, over the 1.6 MB budget.
OFFLINE_RENDITIONS = offline_choice(default_policy())
#: The widest poster an offline edition carries: its clip is 360p, a wider still
#: would only take room on the card.
OFFLINE_POSTER_WIDTH = 640
#: The widest copy of a school's picture an offline edition carries: a laptop's column.
OFFLINE_PICTURE_WIDTH = 1080
#: The folder edition's captions script beside an entry page (:mod:`.offline_captions`).
CAPTIONS_SCRIPT = "teks-video.js"


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition's link and media policy.

    Attributes:
        kind: ``online``, ``folder`` or ``zim``.
        media_url: The media host (ending with ``/``), online only; ``None``:
            media beside their pages.
        since: An update pack: only entries published on or after this day.
    """

    kind: EditionKind = "online"
    media_url: str | None = None
    since: dt.date | None = None

    def __post_init__(self) -> None:
        if self.offline and self.media_url is not None:
            raise ValueError("an offline edition carries its media: no media_url")

    @property
    def offline(self) -> bool:
        """Read without a network: every file on the card, every link relative."""
        return self.kind != "online"

    @property
    def directory_urls(self) -> bool:
        """MkDocs' ``use_directory_urls`` for this edition."""
        return not self.offline

    @property
    def pagefind(self) -> bool:
        """Pagefind search (a web server's ``fetch()``), or the offline search script."""
        return not self.offline

    @property
    def jpeg_posters(self) -> bool:
        """Whether posters are carried as JPEG beside WebP too.

        Online, yes: the fallback for old browsers, and the share image that
        social sites read. Offline, no: every browser that opens the card
        (Chromium, Kiwix's viewers) shows WebP, and a JPEG beside each WebP
        took a quarter of the demo's room besides its clips.
        """
        return not self.offline

    @property
    def key(self) -> str:
        """What sets this edition's pages apart in the page cache."""
        return f"{self.kind}|{self.media_url or ''}|{self.since or ''}"

    def page(self, url: str) -> str:
        """The link to a page, from its canonical URL (``""`` is the home page).

        Online, the canonical directory URL itself; offline, the page's
        ``index.html`` in that folder. Files (media, assets) and addresses
        elsewhere are returned unchanged.
        """
        if not self.offline or "://" in url or not (url == "" or url.endswith("/")):
            return url
        return f"{url}{INDEX_PAGE}"

    def captions_script(self, captions: str) -> str | None:
        """The classic script that adds a clip's captions, beside ``captions``; None: a
        ``<track>`` loads them. Only the folder edition: from ``file://`` Chromium
        refuses a ``<track src>`` (:mod:`etalase.site.offline_captions`)."""
        if self.kind != "folder":
            return None
        return (
            f"{captions.rsplit('/', 1)[0]}/{CAPTIONS_SCRIPT}"
            if "/" in captions
            else CAPTIONS_SCRIPT
        )

    def media(self, source: Path, beside: str) -> str:
        """Where a media file is linked from: the media host, or ``beside`` its page."""
        return beside if self.media_url is None else self.media_url + media_name(source)

    def media_dest(self, source: Path, beside: str) -> str:
        """Where a media file is written: the media folder, or ``beside`` its page."""
        return beside if self.media_url is None else media_name(source)

    def renditions(self, renditions: Sequence[Rendition]) -> tuple[Rendition, ...]:
        """The renditions of a clip this edition carries.

        Online, all of them. Offline, one: the first of
        :data:`OFFLINE_RENDITIONS` the clip has (else its smallest), so a card
        holds a regency year.
        """
        if not self.offline:
            return tuple(renditions)
        for name in OFFLINE_RENDITIONS:
            found = [r for r in renditions if r.name == name]
            if found:
                return (found[0],)
        return (min(renditions, key=lambda r: r.bytes),) if renditions else ()

    def picture_files(self, files: Sequence[PictureFile]) -> tuple[PictureFile, ...]:
        """The copies of a school's picture this edition carries (narrowest first).

        Online, all of them. Offline, those up to :data:`OFFLINE_PICTURE_WIDTH`
        (the narrowest when none is): the widest, up to 1600 px, was a tenth of
        the demo edition's room besides its clips.
        """
        if not self.offline or not files:
            return tuple(files)
        narrow = [f for f in files if f.width <= OFFLINE_PICTURE_WIDTH]
        return tuple(narrow) if narrow else (files[0],)

    def posters(self, posters: Sequence[Poster]) -> tuple[Poster, ...]:
        """The poster widths this edition carries (ascending, as given).

        Online, all of them. Offline, those up to :data:`OFFLINE_POSTER_WIDTH`
        (the narrowest when none is).
        """
        if not self.offline or not posters:
            return tuple(posters)
        narrow = [p for p in posters if p.width <= OFFLINE_POSTER_WIDTH]
        return tuple(narrow) if narrow else (min(posters, key=lambda p: p.width),)


ONLINE = Edition()


def media_name(source: Path) -> str:
    """A media cache output's name on the media host: ``m/ab/<key>-<suffix>``.

    Cache outputs are named by the hash of everything that made them (source,
    settings, ffmpeg version) and never rewritten, so the name can be cached
    forever by browsers and never needs to be uploaded twice.
    """
    return f"{MEDIA_PREFIX}{source.parent.name}/{source.name}"

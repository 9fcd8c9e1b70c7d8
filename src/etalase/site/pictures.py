"""A school's pictures on its pages: their size known, and the copy each screen needs.

:mod:`etalase.media.image` makes every published picture again, in its full
size (at most 1600 px) and, for a wide one, in narrower copies. Here those
copies get their addresses on the site and every ``<img>`` of a school's text
that shows one gets ``width``, ``height`` (no jump when it loads), ``srcset``
and ``sizes``: a phone on mobile data fetches the copy as wide as its column
at its screen's density, not the full picture.

A narrower copy sits in a folder of its own beside the page,
``_720w/foto.jpg``: a folder name that is not a slug is never an entry, and a
school's own subfolders never reach the site, so no school file can be
overwritten by one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import quote, unquote

from ..media.image import Picture
from .sanitize import IMG_TAG
from .views import ImageFile

#: The width of the text column, for the browser to choose from ``srcset``: the screen
#: less the page margins (32 px), then the column of Material's grid (61rem, no
#: sidebars on a catalogue page), whose rem grows on wide screens (125 %, 137.5 %,
#: 150 %). The browser test measures it at 360 and 1280 px.
BODY_SIZES = (
    "(max-width: 76.234em) calc(100vw - 32px), "
    "(max-width: 100em) 1188px, (max-width: 125em) 1307px, 1426px"
)

Pictures = Mapping[str, tuple[ImageFile, ...]]


def folder_of(uri: str) -> str:
    """The folder of a file or page on the site: ``sekolah/x/entri/`` for its ``index.md``."""
    return uri.rpartition("/")[0] + "/"


def copy_uri(src_uri: str, width: int) -> str:
    """Where the ``width`` px copy of the picture at ``src_uri`` is published."""
    folder, _, name = src_uri.rpartition("/")
    return f"{folder}/_{width}w/{name}" if folder else f"_{width}w/{name}"


def site_files(src_uri: str, picture: Picture) -> tuple[ImageFile, ...]:
    """The picture's files on the site, narrowest first, the full one (at ``src_uri``) last."""
    *narrower, full = picture.files
    return (
        *(ImageFile(copy_uri(src_uri, f.width), f.width, f.height) for f in narrower),
        ImageFile(src_uri, full.width, full.height),
    )


def copies(src_uri: str, picture: Picture) -> dict[str, Path]:
    """What the site gets for one picture: each of its site addresses and its made file."""
    return {
        shown.uri: made.path
        for shown, made in zip(site_files(src_uri, picture), picture.files, strict=True)
    }


def srcset(files: tuple[ImageFile, ...], folder_uri: str) -> str:
    """``srcset`` of a picture's files, addressed from a page in ``folder_uri``."""
    return ", ".join(f"{quote(f.uri.removeprefix(folder_uri))} {f.width}w" for f in files)


def by_folder(pictures: Pictures) -> dict[str, tuple[object, ...]]:
    """The pictures of each folder as (URI, files), in name order: what a page's key holds."""
    grouped: dict[str, list[tuple[str, tuple[ImageFile, ...]]]] = {}
    for uri, files in pictures.items():
        grouped.setdefault(folder_of(uri), []).append((uri, files))
    return {folder: tuple(sorted(items)) for folder, items in grouped.items()}


def sized_images(html_text: str, folder_uri: str, pictures: Pictures) -> str:
    """``html_text`` with each ``<img>`` of a picture of the page's folder sized and ``srcset``.

    Args:
        html_text: A school's text, rendered and sanitized (attributes in double quotes).
        folder_uri: The page's folder on the site (``sekolah/x/entri/``): the text's
            pictures are relative to it.
        pictures: Every published picture's files by its site-root URI.
    """
    if "<img" not in html_text or not pictures:
        return html_text

    def sized(match: re.Match[str]) -> str:
        tag = match.group(0)
        attrs = dict(_ATTR.findall(match.group(1)))
        src = html.unescape(attrs.get("src", ""))
        name = unquote(src.split("#", 1)[0].split("?", 1)[0]).removeprefix("./")
        files = pictures.get(folder_uri + name) if name and "/" not in name else None
        if files is None or "srcset" in attrs:
            return tag
        full = files[-1]
        extra = []
        if "width" not in attrs and "height" not in attrs:  # the school's own size wins
            extra.append(f'width="{full.width}" height="{full.height}"')
            sizes = BODY_SIZES
        else:
            given = attrs.get("width", "")
            sizes = f"min({given}px, 100vw)" if given.isdigit() else BODY_SIZES
        if len(files) > 1:
            names = html.escape(srcset(files, folder_uri))
            extra.append(f'srcset="{names}" sizes="{sizes}"')
        return f"<img{match.group(1)} {' '.join(extra)}>" if extra else tag

    return IMG_TAG.sub(sized, html_text)


_ATTR = re.compile(r'([^\s"=>]+)="([^"]*)"')

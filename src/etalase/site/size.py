"""What a host receives from a build: sizes, file counts, and the limits of free hosts.

``etalase build`` ends with :func:`measure` of ``site/`` (and the media folder
when ``media_url`` keeps media apart) and warns through :func:`host_warnings`
before GitHub Pages or Cloudflare Pages would refuse the upload.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..messages import decimal, text
from ..problems import Lang

GB = 1024**3
MIB = 1024**2
#: Published limits: GitHub Pages sites up to 1 GB; Cloudflare Pages 20,000 files of 25 MiB.
HOST_LIMITS: dict[str, dict[str, int]] = {
    "github-pages": {"bytes": GB},
    "cloudflare-pages": {"files": 20_000, "file_bytes": 25 * MIB},
}
WARN_AT = 0.8  # warn while there is still a fifth of the limit left


@dataclass(frozen=True, slots=True)
class FolderSize:
    """Files in a folder: how many, how many bytes, and the largest one."""

    files: int = 0
    bytes: int = 0
    media_bytes: int = 0  # of those, renditions and posters
    largest: str = ""  # path relative to the folder
    largest_bytes: int = 0


def measure(folder: Path, media: Collection[str] = ()) -> FolderSize:
    """Walk ``folder``; ``media`` are the relative paths counted as media."""
    files = total = media_bytes = largest_bytes = 0
    largest = ""
    for dirpath, _dirs, names in os.walk(folder):
        rel_dir = os.path.relpath(dirpath, folder)
        for name in names:
            size = os.lstat(os.path.join(dirpath, name)).st_size
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            files += 1
            total += size
            if rel in media:
                media_bytes += size
            if size > largest_bytes:
                largest, largest_bytes = rel, size
    return FolderSize(files, total, media_bytes, largest, largest_bytes)


def human(size: float, lang: Lang = "id") -> str:
    """Bytes as the office reads them: 1,2 GB, 340,0 MB, 12,5 KB (decimal units)."""
    for unit, step in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if size >= step:
            return f"{decimal(size / step, lang)} {unit}"
    return f"{int(size)} B"


def size_report(
    site: FolderSize, apart: FolderSize | None, *, folder: str, media_url: str | None, lang: Lang
) -> list[str]:
    """The lines ``etalase build`` ends with."""
    media = apart.bytes if apart is not None else site.media_bytes
    lines = [
        text(
            "site.size",
            lang,
            pages=human(site.bytes - site.media_bytes, lang),
            media=human(media, lang),
            files=site.files,
            largest=site.largest or "-",
            largest_size=human(site.largest_bytes, lang),
        )
    ]
    if apart is not None and media_url:
        lines.append(
            text(
                "site.size_media_apart",
                lang,
                folder=folder,
                media=human(apart.bytes, lang),
                files=apart.files,
                url=media_url,
            )
        )
    return lines


def host_warnings(site: FolderSize, host: str | None, lang: Lang) -> list[str]:
    """Warnings for what ``host`` would refuse of ``site`` (the folder it receives)."""
    limits = HOST_LIMITS.get(host or "", {})
    name = {"github-pages": "GitHub Pages", "cloudflare-pages": "Cloudflare Pages"}.get(host or "")
    out = []
    if "bytes" in limits and site.bytes >= WARN_AT * limits["bytes"]:
        out.append(
            text("site.host_too_big", lang, host=name, limit="1 GB", size=human(site.bytes, lang))
        )
    if "files" in limits and site.files >= WARN_AT * limits["files"]:
        out.append(
            text(
                "site.host_too_many_files",
                lang,
                host=name,
                limit=f"{limits['files']:,}",
                files=f"{site.files:,}",
            )
        )
    if "file_bytes" in limits and site.largest_bytes > limits["file_bytes"]:
        out.append(
            text(
                "site.host_file_too_big",
                lang,
                host=name,
                limit="25 MiB",
                path=site.largest,
                size=human(site.largest_bytes, lang),
            )
        )
    return out


def local_site_url(site_url: str) -> bool:
    """Whether ``site_url`` still points at this computer (a preview address)."""
    try:
        host = (urlsplit(site_url.strip()).hostname or "").rstrip(".")
    except ValueError:  # e.g. an unclosed IPv6 bracket: no address anyone else can reach
        return True
    return (
        host in ("localhost", "::1", "0.0.0.0", "::")
        or host.startswith("127.")
        or host.endswith(".localhost")
    )

"""What a visitor gets: the home page, one entry page and its videos, fetched over HTTP.

A rendition must answer a ``Range`` request with ``206 Partial Content``: without
it, phones cannot seek and some refuse to play at all.
"""

from __future__ import annotations

import os
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

from ..content.routes import ROUTES
from ..stats.counter import CHECK_AGENT

TIMEOUT = 20.0
_VIDEO = re.compile(r"<video\b[^>]*>", re.S)
#: The player's attributes: ``src`` (the first rendition), ``data-src-<name>`` for every
#: rendition the page carries (the rendition list's rows), ``poster``.
_ATTR = re.compile(r'\s(src|data-src-[a-z0-9-]+|poster)="([^"]+)"')


@dataclass(frozen=True, slots=True)
class Fetched:
    """One address checked."""

    kind: str  # home, entry, video, poster
    url: str
    status: int | None  # None: no answer
    content_type: str
    ok: bool
    ranged: bool | None = None  # for videos: answered Range with 206
    error: str = ""


def verify_site(site_url: str, site_dir: Path) -> list[Fetched]:
    """Fetch the home page, the first entry page with a video, its videos and poster."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    out = [_get("home", base, "text/html")]
    entry = next(_entry_pages(site_dir), None)
    if entry is None:
        return out
    rel, html = entry
    page_url = urljoin(base, rel)
    out.append(_get("entry", page_url, "text/html"))
    tag = _VIDEO.search(html)
    attrs = dict(_ATTR.findall(tag.group(0))) if tag else {}
    videos = [v for k, v in attrs.items() if k == "src" or k.startswith("data-src-")]
    for video in dict.fromkeys(videos):  # each rendition once, whatever it is called
        out.append(_get("video", urljoin(page_url, _unescape(video)), "video/", ranged=True))
    if "poster" in attrs:
        out.append(_get("poster", urljoin(page_url, _unescape(attrs["poster"])), "image/"))
    return out


def _entry_pages(site_dir: Path) -> Iterator[tuple[str, str]]:
    schools = site_dir / ROUTES.schools
    for dirpath, dirs, names in os.walk(schools):
        dirs.sort()
        if "index.html" in names and dirpath != str(schools):
            html = Path(dirpath, "index.html").read_text("utf-8", "replace")
            if 'id="etalase-video"' in html:
                rel = os.path.relpath(dirpath, site_dir).replace(os.sep, "/")
                yield rel + "/", html


def _get(kind: str, url: str, expected: str, *, ranged: bool = False) -> Fetched:
    # The check says who it is, so `etalase stats import` leaves it out of the visits.
    headers = (
        {"User-Agent": CHECK_AGENT, "Range": "bytes=0-1023"}
        if ranged
        else {"User-Agent": CHECK_AGENT}
    )
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            status = int(response.status)
            ctype = response.headers.get("Content-Type", "")
            response.read(2048)
    except urllib.error.HTTPError as exc:
        return Fetched(
            kind,
            url,
            exc.code,
            exc.headers.get("Content-Type", ""),
            False,
            False if ranged else None,
        )
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return Fetched(kind, url, None, "", False, False if ranged else None, str(reason))
    good_type = ctype.startswith(expected)
    if ranged:
        return Fetched(kind, url, status, ctype, status == 206 and good_type, status == 206)
    return Fetched(kind, url, status, ctype, status == 200 and good_type)


def _unescape(value: str) -> str:
    return value.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", '"')

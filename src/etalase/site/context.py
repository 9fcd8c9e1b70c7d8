"""What every page's template receives as ``etalase``: the view and the sharing tags."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from .edition import ONLINE, Edition
from .pages import PageSpec
from .strings import Strings


@dataclass(frozen=True, slots=True)
class PageContext:
    """The ``etalase`` template variable.

    Texts are raw; templates escape them. ``image`` is absolute (Open Graph
    needs it so); ``search_image`` is a root-relative path for Pagefind.
    """

    t: Strings
    view: object
    title: str
    description: str
    image: str | None
    search_image: str | None
    og_type: str
    locale: str
    preview: bool
    edition: Edition = ONLINE
    reach: str = ""  # the page's own views, from the office's logs (school, innovation)


def page_context(
    spec: PageSpec | None,
    strings: Strings,
    *,
    page_title: str | None,
    site_url: str,
    site_name: str,
    site_description: str,
    default_image: str | None,
    preview: bool,
    edition: Edition = ONLINE,
) -> PageContext:
    """The ``etalase`` variable for one page; ``spec`` is ``None`` for the office's own pages."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    image = spec.image if spec is not None and spec.image else default_image
    description = (spec.description if spec is not None else "") or site_description or site_name
    title = spec.title if spec is not None else (page_title or site_name)
    is_entry = spec is not None and spec.template == "etalase/entry.html"
    return PageContext(
        t=strings,
        view=spec.view if spec is not None else None,
        title=title,
        description=description,
        image=urljoin(base, image) if image and site_url else image,
        search_image=_search_image(base, spec.thumb if spec else None),
        og_type="video.other" if is_entry else "website",
        locale=strings("og_locale"),
        preview=preview,
        edition=edition,
        reach=spec.reach if spec is not None else "",
    )


def _search_image(base: str, thumb: str | None) -> str | None:
    """Pagefind's image: root-relative on the page host, or the media host's address."""
    if not thumb or "://" in thumb:
        return thumb
    return (urlsplit(base).path or "/") + thumb

"""Links in what schools wrote: to pages and files this build publishes, or plain text.

A school's explanation may link to a file of its folder that never reaches
the site (a PDF, a Word file: ``FILE_NOT_PUBLISHED``) or to an entry that is
not published (a draft, one in review, a rejected one). Such a link would be
dead in every edition, so :meth:`SiteLinks.fix` keeps its words and drops the
link, and says which it dropped (``LINK_NOT_PUBLISHED``). A link to a page
that is published gets the edition's form: offline, a folder link
(``../robot/``) becomes a file link (``../robot/index.html``), as a browser
opens nothing else from ``file://``.

Only links into the schools' and innovations' folders are checked: the
office's own pages are its own to link.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape as html_escape
from html import unescape as html_unescape
from urllib.parse import unquote, urlsplit

import markdown

from ..content.extras import sort_folder
from ..content.layout import INNOVATIONS_DIR, SCHOOLS_DIR
from ..content.model import Catalogue
from ..problems import Problem, problem
from .edition import INDEX_PAGE, ONLINE, Edition
from .prepare import PreparedSite
from .views import EntryView

#: A link as the sanitizer writes it (:func:`etalase.site.sanitize.clean_html`).
_LINK = re.compile(r'<a href="([^"]*)"([^>]*)>(.*?)</a>', re.DOTALL)
_PAGE_FILES = ("index.md", INDEX_PAGE)
_CHECKED = (f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/")


@dataclass(frozen=True, slots=True)
class SiteLinks:
    """What a build publishes in the schools' and innovations' folders.

    Attributes:
        pages: Each page's folder URL (``sekolah/x/y/``).
        files: Each other file's path in the site (posters, clips, pictures, captions).
        edition: The edition the links are written for.
    """

    pages: frozenset[str]
    files: frozenset[str]
    edition: Edition
    content: str = "content"  # the content folder as problems show it

    def fix(self, html: str, src_uri: str) -> tuple[str, tuple[Problem, ...]]:
        """``html`` of the page ``src_uri`` with its links checked; one problem a link dropped."""
        base = posixpath.dirname(src_uri)
        dropped: list[Problem] = []

        def one(found: re.Match[str]) -> str:
            href, rest, words = found.groups()
            target = self.target(html_unescape(href), base)
            if target is None:
                path = f"{self.content}/{src_uri}"
                dropped.append(problem("LINK_NOT_PUBLISHED", path, value=html_unescape(href)))
                return words
            return f'<a href="{html_escape(target)}"{rest}>{words}</a>'

        return _LINK.sub(one, html), tuple(dropped)

    def target(self, href: str, base: str) -> str | None:
        """The link to write for ``href`` on a page in folder ``base``; None: it leads nowhere."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith(("#", "/", "\\")) or not parts.path:
            return href
        path = unquote(parts.path)
        resolved = posixpath.normpath(posixpath.join(base, path))
        folder_link = path.endswith("/") or resolved == "."
        name = posixpath.basename(resolved)
        if folder_link:
            page = f"{resolved}/"
        elif name in _PAGE_FILES:
            page = f"{posixpath.dirname(resolved)}/"
        else:
            page = None
        if resolved.startswith(_CHECKED) or page in (f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/"):
            if page is not None and page not in self.pages and page not in _LISTS:
                return None
            if page is None and resolved not in self.files:
                return None
        if page is None or not self.edition.offline:
            return href
        # Offline: a page is a file, index.html, in its folder.
        link = parts.path if not folder_link else parts.path.rstrip("/") + "/"
        if name == "index.md":
            link = link[: -len("index.md")]
        if link.endswith("/") or link in ("", "."):
            link = (link if link.endswith("/") else "") + INDEX_PAGE
        return link + (f"#{parts.fragment}" if parts.fragment else "")


#: The section pages of the checked folders, always built.
_LISTS = frozenset({f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/"})


def site_links(prepared: PreparedSite, edition: Edition, content: str) -> SiteLinks:
    """What links in ``prepared``'s pages may lead to, written for ``edition``.

    Args:
        prepared: The planned site: its pages, media, pictures and captions.
        edition: The edition the pages are written for.
        content: The content folder as problems show it.
    """
    pages = prepared.plan.pages
    folders = {f"{posixpath.dirname(spec.src_uri)}/".lstrip("/") for spec in pages}
    known = {item.dest_uri for item in prepared.plan.media} | set(prepared.copies)
    for spec in pages:
        view = spec.view
        if isinstance(view, EntryView) and view.player is not None and view.player.captions:
            known.add(view.player.captions)
    return SiteLinks(frozenset(folders), frozenset(known), edition, content)


def catalogue_links(catalogue: Catalogue, content: str = "content") -> SiteLinks:
    """What a build of ``catalogue`` publishes in the schools' and innovations' folders,
    known without a build (``etalase check``): the pages of published entries, of schools
    with one, of innovations, and the files of those folders that reach the site (their
    pictures and the checked captions; :func:`~etalase.content.extras.sort_folder`)."""
    entries = catalogue.published
    shown = {e.school_slug for e in entries}
    folders = [(e.url, e.folder, e.captions) for e in entries]
    folders += [(s.url, s.folder, ()) for s in catalogue.schools if s.slug in shown]
    folders += [(i.url, i.folder, ()) for i in catalogue.innovations]
    files: set[str] = set()
    for url, folder, tracks in folders:
        found = sort_folder(folder, tuple(t.source for t in tracks))
        files.update(f"{url}{path.name}" for path in found.images)
        files.update(f"{url}{t.published_name}" for t in tracks if t.usable)
    pages = frozenset(url for url, _, _ in folders)
    return SiteLinks(pages, frozenset(files), ONLINE, content)


def unpublished_links(catalogue: Catalogue, content: str = "content") -> tuple[Problem, ...]:
    """``LINK_NOT_PUBLISHED`` for each link in a published entry's or its school's text that
    the build would drop (:meth:`SiteLinks.fix`), found from the Markdown alone."""
    links = catalogue_links(catalogue, content)
    entries = catalogue.published
    shown = {e.school_slug for e in entries}
    texts = [(e.url, e.body) for e in entries]
    texts += [(s.url, s.body) for s in catalogue.schools if s.slug in shown]
    found: list[Problem] = []
    for url, body in texts:
        found += links.fix(markdown.markdown(body), f"{url}index.md")[1]
    return tuple(found)

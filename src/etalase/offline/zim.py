"""The ZIM file for Kiwix: an edition folder packed with its metadata and Indonesian index.

Kiwix (Android, desktop, ``kiwix-serve`` on a school laptop or a Raspberry Pi
hotspot) reads one ZIM file. :func:`write_zim` packs a folder of static pages
with relative links (the offline edition's folder) into one: every file becomes
an item under its path in the folder, every HTML page an article titled by its
``<title>``, ``index.html`` the main page. The full-text index is built inside
the ZIM with language ``ind``, so Kiwix stems Indonesian queries with Xapian's
Snowball stemmer ("belajar" finds "pembelajaran"). Media that are compressed
already (video, WebP, PNG, JPEG) are stored as they are; pages, styles and
scripts are compressed.

The writer is python-libzim (openZIM's binding, GPLv3): it is the optional extra
``etalase[offline]`` and imported here only, when a ZIM is written. It is pinned
below 3 because python-libzim 3 brings libzim 9, whose files Debian stable's
``zimcheck`` (libzim 8) reports as broken; see README, Dependencies.
"""

from __future__ import annotations

import datetime as dt
import html
import mimetypes
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .. import process
from ..errors import ConfigError
from ..files import atomic_target, open_regular, read_regular
from ..folders import MARKER
from ..media.cache import temp_output
from ..media.commands import PictureOutput, picture_command
from ..media.tools import Tools
from ..project import Project

#: The content's language and the full-text index's (ISO 639-3).
LANGUAGE = "ind"
#: openZIM's limits on metadata (https://wiki.openzim.org/wiki/Metadata).
TITLE_MAX = 30
DESCRIPTION_MAX = 80
LONG_DESCRIPTION_MAX = 4000
#: The illustration Kiwix shows in its library: a square PNG of this many pixels.
ILLUSTRATION_SIZE = 48
MAIN_PAGE = "index.html"
#: Material's favicon, a 48-pixel PNG, where ``theme.favicon`` names no other.
DEFAULT_FAVICON = "assets/images/favicon.png"
#: Files of an edition a ZIM leaves out: Kiwix answers a missing page itself, and the
#: web host's error page links by absolute paths that mean nothing inside a ZIM.
LEFT_OUT = frozenset({"404.html", MARKER})  # MARKER: the edition folder's, not a page
#: Content types by suffix, where Python's table is missing or differs between systems.
MIMETYPES: dict[str, str] = {
    ".html": "text/html",
    ".css": "text/css",
    ".js": "application/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt",
    ".woff2": "font/woff2",
}
#: Content types worth compressing; everything else (video, pictures, fonts) is stored.
_COMPRESSIBLE = re.compile(r"^(text/|application/(javascript|json|xml)|image/svg)")
_TITLE = re.compile(rb"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_NOINDEX, _INDEX = b"<!--htdig_noindex-->", b"<!--/htdig_noindex-->"


@dataclass(frozen=True, slots=True)
class ZimMetadata:
    """What Kiwix shows about the file in its library (openZIM's metadata).

    Attributes:
        title: The catalogue's name, at most :data:`TITLE_MAX` characters.
        description: One line, at most :data:`DESCRIPTION_MAX` characters.
        long_description: A paragraph, at most :data:`LONG_DESCRIPTION_MAX` characters.
        creator: Who made the content: the office that runs the catalogue.
        publisher: Who made the ZIM file: the same office.
        date: The day the file was written.
        name: The file's stable name across versions (``<office>_id_<selection>``),
            so Kiwix knows a newer file replaces an older one.
        tags: openZIM tags (``_videos:yes`` and the like).
        language: The content's language, ISO 639-3.
    """

    title: str
    description: str
    long_description: str
    creator: str
    publisher: str
    date: dt.date
    name: str
    tags: tuple[str, ...]
    language: str = LANGUAGE

    def entries(self) -> dict[str, str]:
        """The metadata items by their openZIM names."""
        return {
            "Title": self.title,
            "Description": self.description,
            "LongDescription": self.long_description,
            "Language": self.language,
            "Creator": self.creator,
            "Publisher": self.publisher,
            "Date": self.date.isoformat(),
            "Name": self.name,
            "Tags": ";".join(self.tags),
            "Scraper": "etalase",
        }


@dataclass(frozen=True, slots=True)
class ZimSummary:
    """What went into a written ZIM.

    Attributes:
        path: The ZIM file.
        articles: HTML pages (the ones Kiwix lists and searches).
        items: All files packed, pages included.
        content_bytes: The size of those files in the folder.
        zim_bytes: The size of the ZIM file.
    """

    path: Path
    articles: int
    items: int
    content_bytes: int
    zim_bytes: int


def metadata_for(project: Project, *, today: dt.date, since: dt.date | None = None) -> ZimMetadata:
    """The ZIM metadata of a project's offline edition, from ``mkdocs.yml``.

    Title: the plugin option ``offline_title``, else ``site_name``; publisher and
    creator: ``offline_publisher``, else ``site_author``, else ``site_name``;
    description: ``site_description``.

    Args:
        project: The catalogue project.
        today: The date the file is written.
        since: An update pack's first publication day, said in its descriptions; its
            name ends ``_id_pembaruan-<day>`` instead of ``_id_all``, so Kiwix never
            takes a pack for a newer copy of the whole catalogue.
    """
    policy = project.policy
    selection = f"pembaruan-{since.isoformat()}" if since else "all"
    name = project.site_name or "Etalase Sekolah"
    office = policy.offline_publisher or project.site_author or name
    description = project.site_description or name
    if since is not None:
        description = f"Paket pembaruan, terbit sejak {since.isoformat()}: {description}"
    long_description = (
        f"{description} Video pendek karya murid, inovasi pembelajaran dan kegiatan sekolah, "
        f"dengan penjelasan singkat dan pencarian berbahasa Indonesia, dari {office}."
    )
    return ZimMetadata(
        title=fit(policy.offline_title or name, TITLE_MAX),
        description=fit(description, DESCRIPTION_MAX),
        long_description=fit(long_description, LONG_DESCRIPTION_MAX),
        creator=office,
        publisher=office,
        date=today,
        name=f"{slug(office)}_id_{selection}",
        tags=(
            "_category:other",
            "etalase",
            "sekolah",
            "video",
            "_videos:yes",
            "_pictures:yes",
            "_ftindex:yes",  # Kiwix's catalogue then says the file has a full-text index
        ),
    )


def write_zim(
    folder: Path,
    target: Path,
    metadata: ZimMetadata,
    illustration: bytes,
    *,
    main_page: str = MAIN_PAGE,
) -> ZimSummary:
    """Pack ``folder`` into the ZIM file ``target``, replacing it only when complete.

    Args:
        folder: The edition: static pages with relative links, ``main_page`` at its root.
        target: The ZIM file to write.
        metadata: What Kiwix shows about the file.
        illustration: A :data:`ILLUSTRATION_SIZE`-pixel square PNG (see :func:`illustration`).
        main_page: The home page, relative to ``folder``.

    Raises:
        ConfigError: python-libzim is not installed, or the folder has no ``main_page``.
        OSError: The folder cannot be read or the file cannot be written.
    """
    writer = _libzim_writer()
    if not (folder / main_page).is_file():
        raise ConfigError("offline.zim_no_main_page", folder=folder, page=main_page)
    articles = items = content_bytes = 0
    with atomic_target(target) as temp, _native_stdout_silenced():
        temp.unlink()  # libzim creates the file itself
        creator = writer.Creator(str(temp)).config_indexing(True, metadata.language)
        with creator:
            creator.set_mainpath(main_page)
            for name, value in metadata.entries().items():
                # python-libzim turns snake_case into the name ("long_description" ->
                # "LongDescription"); given "LongDescription" it would write "Longdescription".
                creator.add_metadata(re.sub(r"(?<!^)([A-Z])", r"_\1", name).lower(), value)
            creator.add_illustration(ILLUSTRATION_SIZE, illustration)
            for path, relative in _files(folder):
                item = _item(writer, path, relative)
                creator.add_item(item)
                articles += item.article
                items += 1
                content_bytes += path.stat().st_size
    return ZimSummary(target, articles, items, content_bytes, target.stat().st_size)


def write_edition_zim(
    project: Project,
    folder: Path,
    target: Path,
    *,
    today: dt.date,
    since: dt.date | None = None,
) -> ZimSummary:
    """Pack an edition folder of ``project`` as ``target`` with the project's metadata.

    The illustration is the site's favicon (``theme.favicon`` in ``mkdocs.yml``,
    Material's own by default) as the edition carries it.

    Args:
        project: The catalogue project.
        folder: The edition's pages and media (``etalase offline`` builds them).
        target: The ZIM file to write.
        today: The ZIM's date.
        since: An update pack's first publication day (its name and description say so).

    Raises:
        ConfigError: python-libzim is missing, or the folder or its favicon is unusable.
        OSError: The folder cannot be read or the file cannot be written.
    """
    metadata = metadata_for(project, today=today, since=since)
    icon = illustration(
        project.tools(), folder / favicon(project), timeout=project.policy.media_timeout
    )
    return write_zim(folder, target, metadata, icon)


def favicon(project: Project) -> str:
    """The site's favicon, relative to the site (Material's default when none is set)."""
    theme = project.settings().get("theme") or {}
    chosen = theme.get("favicon") if isinstance(theme, dict) else None
    return str(chosen) if isinstance(chosen, str) and chosen else DEFAULT_FAVICON


def writer_ready() -> None:
    """Say now, before a long build, when python-libzim is missing.

    Raises:
        ConfigError: It is not installed.
    """
    _libzim_writer()


def illustration(tools: Tools, picture: Path, *, timeout: float) -> bytes:
    """``picture`` as the ZIM's illustration: a 48-pixel square PNG.

    A PNG of that size already (Material's favicon) is taken as it is; any other
    picture is scaled by ffmpeg.

    Raises:
        ConfigError: The picture cannot be read or converted.
    """
    try:
        data = read_regular(picture)
    except OSError as exc:
        raise ConfigError("offline.zim_illustration", path=picture, reason=exc) from exc
    if png_size(data) == (ILLUSTRATION_SIZE, ILLUSTRATION_SIZE):
        return data
    temp = temp_output(picture.with_name("illustration-48.png"))
    size = ILLUSTRATION_SIZE
    command = picture_command(
        tools.ffmpeg, picture, [PictureOutput(temp, size, size)], max_side=size
    )
    result = process.run(command, timeout=timeout, outputs=[temp])
    try:
        if not result.ok:
            raise ConfigError(
                "offline.zim_illustration", path=picture, reason=result.last_error_line
            )
        return temp.read_bytes()
    finally:
        temp.unlink(missing_ok=True)


def png_size(data: bytes) -> tuple[int, int] | None:
    """The width and height in a PNG's header, or None when ``data`` is no PNG."""
    if len(data) < 24 or not data.startswith(_PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def fit(text: str, limit: int) -> str:
    """``text`` on one line within ``limit`` characters, cut at a word with an ellipsis."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,.;:") + "…"


def slug(text: str) -> str:
    """``text`` as a lowercase ASCII name with hyphens (for the ZIM's ``Name``)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "etalase"


def page_title(page: bytes) -> str:
    """A page's ``<title>`` without the site's name Material puts after it.

    Kiwix lists pages by this title in its search suggestions and results.
    """
    found = _TITLE.search(page)
    if not found:
        return ""
    title = " ".join(html.unescape(found.group(1).decode("utf-8", "replace")).split())
    head, sep, _ = title.rpartition(" - ")
    return head if sep and head else title


@dataclass(frozen=True, slots=True)
class PageText:
    """What the full-text index holds of one page: its own words, not its menus.

    Attributes:
        title: The page's title (:func:`page_title`).
        content: The text of the page's own part (``data-pagefind-body``: an
            entry, a school, an innovation), without what is marked
            ``data-pagefind-ignore`` (the player's bar, the facts list); empty
            for a page without one (home, lists, statistics, search), which
            Kiwix then finds by its title only, as Pagefind online.
        keywords: The facts search finds a page by but its text does not
            hold: the school, kecamatan, level, category and year
            (``data-pagefind-meta`` and ``data-pagefind-filter``).
    """

    title: str
    content: str
    keywords: str
    page: bytes = b""


class _OwnText(HTMLParser):
    """Collects the text of ``data-pagefind-body`` and its filters (:class:`PageText`)."""

    VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                      "meta", "source", "track", "wbr"})  # fmt: skip
    SKIPPED = frozenset({"script", "style", "template", "noscript"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool, bool, bool]] = []
        self.content: list[str] = []
        self.keywords: list[str] = []
        self.end: tuple[int, int] | None = None  # (line, column) after the own part's end tag

    def _state(self) -> tuple[bool, bool, bool, bool]:
        if not self.stack:
            return False, False, False, False
        return self.stack[-1][1:]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        names = {name for name, _ in attrs}
        body, ignored, keyword, skipped = self._state()
        self.stack.append(
            (
                tag,
                body or "data-pagefind-body" in names,
                ignored or "data-pagefind-ignore" in names,
                keyword or bool(names & {"data-pagefind-filter", "data-pagefind-meta"}),
                skipped or tag in self.SKIPPED,
            )
        )

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                if depth == 0 and self.end is None:
                    self.end = self.getpos()  # where the end tag starts
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        body, ignored, keyword, skipped = self._state()
        if skipped or not body:
            return
        if keyword:
            self.keywords.append(data)
        elif not ignored:
            self.content.append(data)


def page_text(page: bytes) -> PageText:
    """The words of a page the full-text index holds (see :class:`PageText`).

    Its ``page`` is the page as the ZIM stores it: what lies outside its own
    part (the header, the menus, the footer) between ``htdig_noindex``
    comments, which libzim's HTML reader (Xapian omega's) skips when Kiwix
    cuts a result's snippet from the page; a reader sees no difference.
    """
    parser = _OwnText()
    marker = page.find(b"data-pagefind-body")
    if marker < 0:  # a list, the home page: found by its title only, as by Pagefind online
        return PageText(page_title(page), "", "", page)
    start = page.rfind(b"<", 0, marker)
    own = page[start:].decode("utf-8", "replace")
    parser.feed(own)
    parser.close()
    stored = page
    opened = page.find(b"<body")
    closed = page.rfind(b"</body>")
    if parser.end is not None and 0 <= opened < start and closed > start:
        line, column = parser.end
        lines = own.split("\n")  # as the parser counts them
        end_tag = sum(len(text) + 1 for text in lines[: line - 1]) + column
        after = start + len(own[:end_tag].encode("utf-8"))
        after = page.index(b">", after) + 1
        body = page.index(b">", opened) + 1
        stored = b"".join(
            [page[:body], _NOINDEX, page[body:start], _INDEX, page[start:after], _NOINDEX,
             page[after:closed], _INDEX, page[closed:]]
        )  # fmt: skip
    return PageText(
        page_title(page), " ".join(" ".join(parser.content).split()),
        " ".join(" ".join(parser.keywords).split()), stored,
    )  # fmt: skip


def _files(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every regular file below ``folder`` with its path there, in a stable order.

    Symbolic links are left out: the edition is made of files, and a link could
    point out of the folder. So is :data:`LEFT_OUT`.
    """
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        if path.is_symlink() or not path.is_file() or relative in LEFT_OUT:
            continue
        yield path, relative


def mimetype(relative: str) -> str:
    """The content type of a file in the ZIM, by its suffix."""
    suffix = Path(relative).suffix.lower()
    return MIMETYPES.get(suffix) or mimetypes.guess_type(relative)[0] or "application/octet-stream"


def _item(writer: Any, path: Path, relative: str) -> Any:
    """One file of the folder as a libzim item (a subclass made on first use)."""
    kind = mimetype(relative)
    is_page = kind == "text/html"
    text: PageText | None = None
    if is_page:
        with open_regular(path) as handle:
            text = page_text(handle.read())
    item_class = _item_class(writer)
    return item_class(path, relative, kind, text, is_page)


_ITEM_CLASS: Any = None


def _item_class(writer: Any) -> Any:
    """The libzim ``Item`` subclass for a file, defined once libzim is imported."""
    global _ITEM_CLASS
    if _ITEM_CLASS is not None:
        return _ITEM_CLASS

    class FileItem(writer.Item):  # type: ignore[misc]
        def __init__(
            self, path: Path, relative: str, kind: str, text: PageText | None, page: bool
        ) -> None:
            super().__init__()
            self.path, self.relative, self.kind = path, relative, kind
            self.text, self.article = text, page
            self.title = text.title if text is not None else ""

        def get_path(self) -> str:
            return self.relative

        def get_title(self) -> str:
            return self.title

        def get_mimetype(self) -> str:
            return self.kind

        def get_contentprovider(self) -> Any:
            if self.text is not None:
                return writer.StringProvider(self.text.page)
            return writer.FileProvider(str(self.path))

        def get_indexdata(self) -> Any:
            # libzim would index the whole page: every menu and footer in every snippet.
            return _index_class(writer)(self.text) if self.text is not None else None

        def get_hints(self) -> dict[Any, bool]:
            return {
                writer.Hint.FRONT_ARTICLE: self.article,
                writer.Hint.COMPRESS: bool(_COMPRESSIBLE.match(self.kind)),
            }

    _ITEM_CLASS = FileItem
    return FileItem


_INDEX_CLASS: Any = None


def _index_class(writer: Any) -> Any:
    """The libzim ``IndexData`` subclass for a page's own text, defined once libzim is imported."""
    global _INDEX_CLASS
    if _INDEX_CLASS is not None:
        return _INDEX_CLASS

    class OwnText(writer.IndexData):  # type: ignore[misc]
        def __init__(self, text: PageText) -> None:
            super().__init__()
            self.text = text

        def has_indexdata(self) -> bool:
            return bool(self.text.content)

        def get_title(self) -> str:
            return self.text.title

        def get_content(self) -> str:
            return self.text.content

        def get_keywords(self) -> str:
            return self.text.keywords

        def get_wordcount(self) -> int:
            return len(self.text.content.split())

        def get_geoposition(self) -> tuple[float, float] | None:
            return None

    _INDEX_CLASS = OwnText
    return OwnText


@contextmanager
def _native_stdout_silenced() -> Iterator[None]:
    """Send what libzim prints while it writes ("Resolve redirect", "set index"…) nowhere.

    libzim writes its progress in English straight to the process's standard output,
    where it would mix with the messages people read; those go through the message
    table and are printed before and after. Errors still reach standard error.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    quiet = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(quiet, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
        os.close(quiet)


def _libzim_writer() -> Any:
    """python-libzim's writer module.

    Raises:
        ConfigError: It is not installed (it is the optional extra ``etalase[offline]``).
    """
    try:
        from libzim import writer
    except ImportError as exc:
        raise ConfigError("offline.libzim_missing") from exc
    return writer

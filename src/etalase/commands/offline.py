"""``etalase offline``: the catalogue for schools without internet.

The folder edition (``--folder``) is a real MkDocs build of the published
catalogue with file links (:class:`etalase.site.edition.Edition`), one small
rendition a clip, and a search that runs from ``file://``. It is built into a
staging folder in the cache (media there are hard links to the cache, so this
costs no copying), measured, its budget printed, refused when over
``--max-size``, and only then copied to the destination, replacing the
previous edition whole. ``--since DATE`` makes an update pack: the entries
published on or after that day, with every page they link to (their schools,
the innovations, the lists, the statistics of the whole catalogue), so the pack
reads on its own (:func:`etalase.site.pages.plan_site`); a pack with nothing
in it is refused, never written.

:func:`write_edition_folder` is the step the ZIM writer builds on: it leaves
an edition folder and says what is in it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path

from ..files import atomic_write_text
from ..folders import check_output, check_place, check_replaceable, mark
from ..lock import exclusive
from ..messages import decimal, text
from ..problems import Lang
from ..project import Project
from ..site.edition import INDEX_PAGE, Edition, EditionKind
from ..site.prepare import PreparedSite
from .site import ready_to_build

#: The budget of an offline edition (issue #23): video bytes a minute of video,
#: and everything else (pages, posters, scripts) as a share of the video.
VIDEO_MB_PER_MINUTE = 1.6
OVERHEAD_PERCENT = 5.0
#: File name endings of the clips an edition carries.
VIDEO_SUFFIXES = (".mp4", ".webm")
#: Files an edition never opens: Material's own search (Etalase searches with Pagefind
#: online, with its own script offline) and source maps (2 MB together), and what only a
#: web server uses (the not-found page, with root links, and the sitemaps).
UNUSED_FILES = (
    "assets/javascripts/lunr",
    "assets/javascripts/workers",
    "404.html",
    "sitemap.xml",
    "sitemap.xml.gz",
)
UNUSED_SUFFIXES = (".map",)
#: A card as schools buy them (FAT32, 32 KiB clusters for 32-64 GB; smaller cards have
#: smaller clusters, so this counts on the safe side): no file may be over 4 GiB - 1 byte,
#: and each file (and folder) takes whole clusters, so 10,000 small pages take more room
#: on the card than their bytes.
FAT32_MAX_FILE = 4 * 1024**3 - 1
CLUSTER_BYTES = 32 * 1024
#: Where editions go when no ``--output`` is given, under the project's root.
DEFAULT_OUTPUT = "offline"

_SIZE = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*([kmgt]?)b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 10**3, "m": 10**6, "g": 10**9, "t": 10**12}


class EditionTooBig(Exception):
    """The edition is over ``--max-size``; nothing was written to its destination."""

    def __init__(self, summary: EditionSummary, limit: int) -> None:
        super().__init__(summary.total_bytes, limit)
        self.summary = summary
        self.limit = limit


class EmptyPack(Exception):
    """An update pack (``--since``) with no entry in it; nothing was written."""


@dataclass(frozen=True, slots=True)
class EditionSummary:
    """What an edition folder holds.

    Attributes:
        dest: The folder (its ``index.html`` opens the edition).
        entries: Published entries in it.
        seconds: Their clips' length, together.
        video_bytes: The clips' bytes.
        total_bytes: Every file's bytes.
        card_bytes: The room the files and folders take on a FAT32 card
            (:func:`card_bytes`): what ``--max-size`` is compared with.
        largest_file: The biggest file's bytes (a FAT32 card holds none over
            :data:`FAT32_MAX_FILE`).
    """

    dest: Path
    entries: int
    seconds: float
    video_bytes: int
    total_bytes: int
    card_bytes: int = 0
    largest_file: int = 0

    @property
    def other_bytes(self) -> int:
        """Pages, posters, pictures and scripts."""
        return self.total_bytes - self.video_bytes

    @property
    def minutes(self) -> float:
        return self.seconds / 60

    @property
    def mb_per_minute(self) -> float:
        """Video megabytes a minute of video (0 without video)."""
        return self.video_bytes / 1e6 / self.minutes if self.seconds else 0.0

    @property
    def overhead_percent(self) -> float:
        """Everything but the clips, as a share of the clips (0 without video)."""
        return 100 * self.other_bytes / self.video_bytes if self.video_bytes else 0.0


def on_card(size: int) -> int:
    """The room one file of ``size`` bytes (or a folder) takes on the card: whole clusters."""
    return max(1, -(-size // CLUSTER_BYTES)) * CLUSTER_BYTES


def fits_card(card_bytes: int, largest_file: int, limit: int) -> bool:
    """Whether files taking ``card_bytes`` on a card, none over ``largest_file``, fit ``limit``.

    ``--max-size`` names a card: a FAT32 card (every SD card up to 32 GB, and what
    most schools format a bigger one as) refuses a file over :data:`FAT32_MAX_FILE`
    whatever room it has left.
    """
    return card_bytes <= limit and largest_file <= FAT32_MAX_FILE


def parse_size(value: str) -> int:
    """``4G``, ``3500M``, ``700K`` or bytes, as bytes (decimal units, as cards are sold).

    Raises:
        ValueError: Not a size.
    """
    found = _SIZE.match(value)
    if found is None:
        raise ValueError(value)
    number = float(found.group(1).replace(",", "."))
    return int(number * _UNITS[found.group(2).lower()])


def parse_since(value: str) -> dt.date:
    """An ISO day (``2026-10-01``).

    Raises:
        ValueError: Not a day.
    """
    return dt.date.fromisoformat(value.strip())


def default_dest(project: Project, edition: Edition) -> Path:
    """``offline/etalase`` or, for an update pack, ``offline/etalase-pembaruan-<day>``."""
    name = f"etalase-pembaruan-{edition.since.isoformat()}" if edition.since else "etalase"
    return project.root / DEFAULT_OUTPUT / name


def run_offline(
    project: Project,
    *,
    folder: bool = True,
    zim: bool = False,
    since: dt.date | None = None,
    max_size: int | None = None,
    output: Path | None = None,
    lang: Lang = "id",
) -> int:
    """Write the offline edition(s); 0 when written, 1 when the build failed or is too big.

    Raises:
        ConfigError: The project cannot be built, or the ZIM is asked for and
            python-libzim is not installed (exit code 2).
        ProjectBusy: A build of the same project is running.
    """
    from ..offline import zim as zim_file
    from ..plugin import run

    if not folder and not zim:
        return 0
    if folder:  # only an empty folder, or one an earlier run wrote, is replaced (#28.1)
        chosen = output or default_dest(project, Edition("folder", since=since))
        check_output(project, chosen, "offline")
    if zim:
        check_place(project, zim_path(output or default_dest(project, Edition("zim", since=since))))
    ready_to_build(project)
    if zim:
        zim_file.writer_ready()  # said before a long build, not after it
    with exclusive(project.cache.build_lock, "build"):
        # Both editions are one build: the ZIM packs the folder edition just written.
        kind: EditionKind = "folder" if folder else "zim"
        edition = Edition(kind, since=since)
        dest = output if output is not None else default_dest(project, edition)
        for step in [k for k, asked in (("folder", folder), ("zim", zim)) if asked]:
            try:
                if step == "folder":
                    summary = write_edition_folder(
                        project, edition, dest, lang=lang, max_size=max_size
                    )
                    size = decimal(summary.total_bytes / 1e6, lang)
                    print(text("offline.written", lang, dest=dest, total=size, index=INDEX_PAGE))
                else:
                    pages = dest if folder else None
                    print(_write_zim(project, edition, zim_path(dest), lang, max_size, pages))
            except run.BuildFailed as exc:
                print(text("build.failed", lang, reason=exc.reason))
                return 1
            except EditionTooBig as exc:
                print(too_big_line(exc, dest if step == "folder" else zim_path(dest), lang))
                return 1
            except EmptyPack:
                assert since is not None
                print(text("offline.empty_pack", lang, since=since.isoformat()))
                return 1
    return 0


def too_big_line(exc: EditionTooBig, dest: Path, lang: Lang) -> str:
    """Why nothing was written: a file over FAT32's 4 GiB, or more room than the card has."""
    if exc.summary.largest_file > FAT32_MAX_FILE:
        return text(
            "offline.too_big_file",
            lang,
            size=decimal(exc.summary.largest_file / 1e6, lang),
            dest=dest,
        )
    return text(
        "offline.too_big",
        lang,
        total=decimal(exc.summary.card_bytes / 1e6, lang),
        limit=decimal(exc.limit / 1e6, lang),
        dest=dest,
    )


def zim_path(dest: Path) -> Path:
    """The ZIM file beside an edition folder: ``offline/etalase`` -> ``offline/etalase.zim``."""
    return dest.with_name(dest.name + ".zim")


def _write_zim(
    project: Project,
    edition: Edition,
    target: Path,
    lang: Lang,
    max_size: int | None,
    built: Path | None = None,
) -> str:
    """Build ``edition``'s pages into the cache (or take the folder edition ``built``
    already), pack them as ``target``; the line to print.

    Raises:
        EditionTooBig: The pages and media are over ``max_size`` (no ZIM is written).
        etalase.plugin.run.BuildFailed: MkDocs stopped the build.
    """
    from ..offline import zim as zim_file

    pages = built or project.cache.root / "offline" / "zim-pages"
    try:
        if built is None:
            # One file on the card: its folder's cluster slack does not count, its bytes
            # do (pages are compressed in the ZIM, media are not: about the same size).
            folder = write_edition_folder(project, edition, pages, lang=lang)
            if max_size is not None and folder.total_bytes > max_size:
                raise EditionTooBig(replace(folder, card_bytes=folder.total_bytes), max_size)
        written = zim_file.write_edition_zim(
            project, pages, target, today=dt.date.today(), since=edition.since
        )
    finally:
        if built is None:
            shutil.rmtree(pages, ignore_errors=True)
    size = written.zim_bytes
    if max_size is not None and not fits_card(on_card(size), size, max_size):
        target.unlink(missing_ok=True)  # it would not fit the card it was asked for
        raise EditionTooBig(EditionSummary(target, 0, 0.0, 0, size, on_card(size), size), max_size)
    return text(
        "offline.zim_written",
        lang,
        path=written.path,
        total=decimal(written.zim_bytes / 1e6, lang),
        pages=written.articles,
    )


def write_edition_folder(
    project: Project,
    edition: Edition,
    dest: Path,
    *,
    lang: Lang = "id",
    max_size: int | None = None,
    strict: bool = False,
) -> EditionSummary:
    """Build ``edition`` and put it at ``dest``, replacing what was there; print its budget.

    The caller holds the project's build lock.

    Raises:
        EditionTooBig: Over ``max_size`` bytes: ``dest`` is left as it was.
        EmptyPack: An update pack with nothing published since its day: ``dest``
            is left as it was.
        etalase.plugin.run.BuildFailed: MkDocs stopped the build.
    """
    from ..plugin import run

    stage = project.cache.root / "offline" / edition.kind
    shutil.rmtree(stage, ignore_errors=True)
    try:
        session = run.build(project, stage, strict=strict, lang=lang, edition=edition)
        _trim(stage)
        _tighten(stage)
        summary = measure_edition(stage, session.prepared if session is not None else None)
        if edition.since is not None and summary.entries == 0:
            raise EmptyPack(edition.since)  # a pack of nothing new would only mislead
        for line in budget_lines(summary, lang):
            print(line)
        if max_size is not None and not fits_card(
            summary.card_bytes, summary.largest_file, max_size
        ):
            raise EditionTooBig(summary, max_size)
        _put_in_place(stage, dest)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return replace(summary, dest=dest)


def measure_edition(folder: Path, prepared: PreparedSite | None) -> EditionSummary:
    """The entries, video length and bytes of a built edition folder (``prepared``: its site)."""
    keys = {e.key for e, _, _ in prepared.plan.feed_entries} if prepared is not None else set()
    media = prepared.media.media if prepared is not None else {}
    seconds = sum(media[k].duration for k in keys if k in media)
    video = total = largest = 0
    card = on_card(0)  # the edition's own folder
    for base, folders, names in os.walk(folder):
        card += on_card(0) * len(folders)
        for name in names:
            size = os.lstat(os.path.join(base, name)).st_size
            total += size
            card += on_card(size)
            largest = max(largest, size)
            if name.endswith(VIDEO_SUFFIXES):
                video += size
    return EditionSummary(folder, len(keys), seconds, video, total, card, largest)


def budget_lines(summary: EditionSummary, lang: Lang) -> list[str]:
    """The printed budget, and a warning for each part of it the edition is over."""
    lines = [
        text(
            "offline.budget",
            lang,
            entries=summary.entries,
            minutes=decimal(summary.minutes, lang),
            video=decimal(summary.video_bytes / 1e6, lang),
            per_minute=decimal(summary.mb_per_minute, lang, 2),
            video_limit=decimal(VIDEO_MB_PER_MINUTE, lang),
            other=decimal(summary.other_bytes / 1e6, lang),
            overhead=decimal(summary.overhead_percent, lang),
            overhead_limit=decimal(OVERHEAD_PERCENT, lang, 0),
            total=decimal(summary.total_bytes / 1e6, lang),
        )
    ]
    if summary.mb_per_minute > VIDEO_MB_PER_MINUTE:
        per_minute = decimal(summary.mb_per_minute, lang, 2)
        limit = decimal(VIDEO_MB_PER_MINUTE, lang)
        lines.append(text("offline.over_video", lang, per_minute=per_minute, limit=limit))
    if summary.overhead_percent > OVERHEAD_PERCENT:
        overhead = decimal(summary.overhead_percent, lang)
        limit = decimal(OVERHEAD_PERCENT, lang, 0)
        lines.append(text("offline.over_overhead", lang, overhead=overhead, limit=limit))
    return lines


def _tighten(folder: Path) -> None:
    """Collapse the blank lines and indentation between a page's tags to one newline, and
    drop the tags only the web reads (:data:`_WEB_ONLY`).

    Material's templates indent generously: a fifth of an edition's page bytes,
    which on a card count against the overhead budget. A newline still separates
    what whitespace separated, so a page reads the same; a page with ``<pre>`` or
    ``<textarea>`` (whose whitespace shows) keeps its whitespace. Each page is written
    anew (the build's pages may be hard links into the page cache).
    """
    for page in folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        tight = _WEB_ONLY.sub("", text)
        if "<pre" not in text and "<textarea" not in text:
            tight = _BLANK.sub("\n", tight)
        if tight != text:
            atomic_write_text(page, tight)


_BLANK = re.compile(r"[ \t\r]*\n\s*")
#: What only the web reads: the online address (canonical, Open Graph), the cards
#: social networks draw from a shared link, and the generator's name; a card is never
#: shared from (about a tenth of a small page).
_WEB_ONLY = re.compile(
    r'<(?:link rel="canonical"|meta (?:property="og:|name="twitter:|name="generator"))[^>]*>'
)


def _trim(folder: Path) -> None:
    """Remove the files no page of an edition opens (:data:`UNUSED_FILES`)."""
    for unused in UNUSED_FILES:
        path = folder / unused
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    for path in (folder / "assets").rglob("*"):
        if path.name.endswith(UNUSED_SUFFIXES) and path.is_file():
            path.unlink()


def _put_in_place(stage: Path, dest: Path) -> None:
    """Copy ``stage`` beside ``dest`` and swap it in: a reader never sees half an edition.

    ``dest`` is checked again (it may have changed during the build) and the new
    edition carries the marker that lets the next run replace it.

    Raises:
        etalase.folders.FolderRefused: ``dest`` is neither empty nor an edition.
    """
    check_replaceable(dest, "offline")
    fresh = dest.with_name(f".{dest.name}.new")
    old = dest.with_name(f".{dest.name}.old")
    shutil.rmtree(fresh, ignore_errors=True)
    dest.parent.mkdir(parents=True, exist_ok=True)
    _copy_tree(stage, fresh)
    mark(fresh, "offline")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        os.replace(dest, old)
    os.replace(fresh, dest)
    shutil.rmtree(old, ignore_errors=True)


def _copy_tree(source: Path, target: Path) -> None:
    """Files and folders only: no permissions or times, which a FAT card refuses."""
    for base, folders, names in os.walk(source):
        into = target / Path(base).relative_to(source)
        into.mkdir(parents=True, exist_ok=True)
        for name in names:
            _link_or_copy(os.path.join(base, name), str(into / name))
        folders.sort()


def _link_or_copy(source: str, target: str) -> None:
    """A hard link on the same disk (cache outputs never change in place), else a copy
    of the bytes only (a FAT card refuses Unix permissions)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)

"""The front-matter schema of schools and entries, checked field by field.

Each function takes the parsed mapping and returns the typed value (or None)
plus every problem found, so a school sees all its mistakes at once rather
than one per run. Video facts (duration) are checked later, in the loader,
because they need ffprobe. The file system is asked only through a
:class:`Disk` (does a named file resolve inside the folder, what are its first
bytes), so a memo can ask the same questions again and reuse a parse whose
answers have not changed (:mod:`etalase.content.memo`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from ..files import open_regular
from ..paths import Resolved, resolve_inside
from ..policy import STATUSES, Policy
from ..problems import Problem, problem
from .captions import LANGUAGE, SUFFIXES, CaptionTrack
from .extras import unshown_pictures
from .model import Entry, School, Status
from .reader import RawInt
from .values import is_yes, match_category, normalise_date

SCHOOL_FIELDS = ("name", "npsn", "level", "district", "address", "website", "logo")
ENTRY_FIELDS = (
    "title",
    "date",
    "category",
    "video",
    "tags",
    "consent",
    "status",
    "featured",
    "review_note",
    "captions",
    "poster_time",
    "published",
    "language",
)
# Keys MkDocs or Material read on any page; allowed so curators may use them.
PAGE_FIELDS = ("description", "template", "hide", "search", "icon", "authors")

LIMITS = {"name": 150, "title": 150, "address": 300, "review_note": 2000, "tag": 40}
MAX_TAGS = 12
NPSN = re.compile(r"^[0-9]{8}$")
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
# The first words of the sample texts `etalase new` writes (templates/new/*.md).
SAMPLE_BODIES = (
    "Tulis penjelasan singkat 2-4 paragraf",
    "Tulis satu paragraf singkat tentang sekolah",
)
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"RIFF", b"<svg", b"<?xml")


class Disk:
    """What a parse may ask of the file system; this one asks the real disk."""

    def resolve(self, folder: Path, name: str) -> Resolved:
        """``name`` resolved strictly inside ``folder`` (:func:`~etalase.paths.resolve_inside`)."""
        return resolve_inside(folder, name)

    def head(self, path: Path) -> bytes:
        """The first bytes of a file (empty when it cannot be read)."""
        return _head(path)

    def pictures(self, folder: Path, body: str) -> tuple[tuple[str, str | None], ...]:
        """The pictures of ``body`` the site will not show (:func:`unshown_pictures`)."""
        return tuple(unshown_pictures(body, folder))


LIVE_DISK = Disk()


class Fields:
    """Reads typed fields from one front-matter mapping, collecting problems."""

    def __init__(self, meta: Mapping[str, Any], shown: str, disk: Disk = LIVE_DISK) -> None:
        self.meta = meta
        self.shown = shown
        self.disk = disk
        self.problems: list[Problem] = []

    def add(self, code: str, **params: object) -> None:
        self.problems.append(problem(code, self.shown, **params))

    def unknown(self, known: tuple[str, ...]) -> None:
        for key in self.meta:
            if key not in known and key not in PAGE_FIELDS:
                self.add("FIELD_UNKNOWN", field=key, known=", ".join(known))

    def text(self, key: str, *, required: bool, example: str) -> str | None:
        value = self.meta.get(key)
        if value is None or value == "":
            if required:
                self.add("FIELD_MISSING", field=key)
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.add("FIELD_TYPE", field=key, expected="teks", expected_en="text", example=example)
            return None
        text = " ".join(str(value).split())
        limit = LIMITS.get(key)
        if limit and len(text) > limit:
            self.add("TEXT_TOO_LONG", field=key, length=len(text), limit=limit)
            return None
        return text

    def choice(
        self, key: str, allowed: tuple[str, ...], code: str, *, required: bool
    ) -> str | None:
        value = self.text(key, required=required, example=allowed[0] if allowed else "")
        if value is None or not allowed:
            return value
        folded = {a.casefold(): a for a in allowed}
        if value.casefold() not in folded:
            self.add(code, value=value, allowed=", ".join(allowed))
            return None
        return folded[value.casefold()]

    def flag(self, key: str, default: bool) -> bool:
        value = self.meta.get(key, default)
        if isinstance(value, bool):
            return value
        self.add(
            "FIELD_TYPE",
            field=key,
            expected="true atau false",
            expected_en="true or false",
            example=f"{key}: true",
        )
        return default

    def file(self, key: str, folder: Path) -> Path | None:
        name = self.text(key, required=False, example=f"{key}: nama-berkas")
        if name is None:
            return None
        resolved = self.disk.resolve(folder, name)
        if resolved.refusal == "outside":
            self.add("PATH_OUTSIDE", field=key, value=name)
        elif resolved.refusal is not None:
            found = _same_but_case(folder, name) if resolved.refusal == "missing" else None
            if found is not None:
                self.add("FILE_NAME_CASE", field=key, value=name, found=found)
            else:
                self.add("FILE_MISSING", field=key, value=name)
        return resolved.path


def parse_school(
    slug: str,
    source: Path,
    shown: str,
    meta: Mapping[str, Any],
    body: str,
    policy: Policy,
    disk: Disk = LIVE_DISK,
    *,
    rostered: bool = False,
) -> tuple[School | None, list[Problem]]:
    """Check a school profile's fields.

    With ``rostered`` (the office keeps a school roster), name, level and
    kecamatan come from the roster: the profile may leave them out, and what
    it writes is only compared with the roster later, by the loader. The
    school returned then holds what the profile wrote (empty when nothing).
    """
    f = Fields(meta, shown, disk)
    f.unknown(SCHOOL_FIELDS)
    name = f.text("name", required=not rostered, example="name: SD Negeri 1 Blora")
    npsn = _npsn(f)
    level: str | None
    district: str | None
    if rostered:
        level = f.text("level", required=False, example="level: SD") or ""
        district = f.text("district", required=False, example="district: Blora") or ""
    else:
        level = f.choice("level", policy.levels, "LEVEL_UNKNOWN", required=True)
        district = f.choice("district", policy.districts, "DISTRICT_UNKNOWN", required=True)
    address = f.text("address", required=False, example="address: Jl. Pemuda 1, Blora")
    website = _url(f, "website")
    _sample_body(f, body)
    pictures(f, body, source.parent)
    logo = f.file("logo", source.parent)
    if logo is not None and not disk.head(logo).startswith(IMAGE_MAGIC):
        f.add("IMAGE_INVALID", value=logo.name)
        logo = None
    if any(p.severity == "error" for p in f.problems):
        return None, f.problems
    assert npsn is not None and level is not None and district is not None
    school = School(
        slug=slug,
        source=source,
        name=name or "",
        npsn=npsn,
        level=level,
        district=district,
        body=body,
        address=address,
        website=website,
        logo=logo,
    )
    return school, f.problems


def pictures(f: Fields, body: str, folder: Path) -> None:
    """Warn about each picture of the text that the site will not show (it is left out)."""
    for name, other in f.disk.pictures(folder, body):
        if other is not None and other != name:
            f.add("IMAGE_NAME_CASE", value=name, found=other)
        elif (folder / name).exists():
            f.add("IMAGE_NOT_SHOWN", value=name)
        else:
            f.add("IMAGE_MISSING", value=name)


def parse_entry(
    school_slug: str,
    slug: str,
    source: Path,
    shown: str,
    meta: Mapping[str, Any],
    body: str,
    policy: Policy,
    today: dt.date,
    disk: Disk = LIVE_DISK,
) -> tuple[Entry | None, list[Problem]]:
    """Check an entry's fields (all but the video's own facts)."""
    f = Fields(meta, shown, disk)
    f.unknown(ENTRY_FIELDS)
    title = f.text("title", required=True, example="title: Robot dari Barang Bekas")
    date = _date(f, today)
    category = _category(f, policy)
    video_name = f.text("video", required=True, example="video: video.mp4")
    video = f.file("video", source.parent) if video_name is not None else None
    consent = is_yes(meta.get("consent"))
    if not consent:
        f.add("CONSENT_MISSING")
    status = f.choice("status", STATUSES, "STATUS_UNKNOWN", required=False)
    featured = f.flag("featured", False)
    review_note = f.text("review_note", required=False, example="review_note: ...")
    tags = _tags(f)
    language = _language(f)
    captions = _captions(f, source.parent, language or "id")
    poster_time = _poster_time(f)
    published = _date(f, today, key="published", required=False)
    if not body:
        f.add("BODY_EMPTY")
    _sample_body(f, body)
    pictures(f, body, source.parent)
    if any(p.severity == "error" for p in f.problems):
        return None, f.problems
    assert title is not None and date is not None and category is not None and video is not None
    entry = Entry(
        school_slug=school_slug,
        slug=slug,
        source=source,
        title=title,
        date=date,
        category=category,
        video=video,
        consent=consent,
        status=cast(Status, status or policy.default_status),
        body=body,
        tags=tags,
        featured=featured,
        review_note=review_note,
        captions=captions,
        poster_time=poster_time,
        published=published,
        language=language or "id",
    )
    return entry, f.problems


def _same_but_case(folder: Path, name: str) -> str | None:
    """The file in ``folder`` named ``name`` but for upper/lower case (``Video.MP4``)."""
    try:
        names = os.listdir(folder)
    except OSError:
        return None
    wanted = name.casefold()
    return next((n for n in sorted(names) if n.casefold() == wanted and n != name), None)


def _sample_body(f: Fields, body: str) -> None:
    """The scaffold's sample explanation left in place is not an explanation."""
    text = " ".join(body.split())
    sample = next((s for s in SAMPLE_BODIES if text.startswith(s)), None)
    if sample is not None:
        f.add("PLACEHOLDER_VALUE", field="penjelasan", value=sample[:40] + "...")


def _npsn(f: Fields) -> str | None:
    value = f.meta.get("npsn")
    if value is None or value == "":
        f.add("FIELD_MISSING", field="npsn")
        return None
    text = value.raw if isinstance(value, RawInt) else str(value)
    text = text.strip()
    if isinstance(value, bool) or not NPSN.match(text):
        f.add("NPSN_FORMAT", value=text[:40])
        return None
    if len(set(text)) == 1:  # "00000000", the scaffold's sample: not a school's NPSN
        f.add("PLACEHOLDER_VALUE", field="npsn", value=text)
        return None
    return text


def _url(f: Fields, key: str) -> str | None:
    value = f.text(key, required=False, example=f"{key}: https://sekolah.sch.id")
    if value is None:
        return None
    if not re.match(r"^https?://[^\s/$.?#][^\s]*$", value, re.IGNORECASE):
        f.add("URL_INVALID", field=key, value=value[:80])
        return None
    return value


def _date(f: Fields, today: dt.date, *, key: str = "date", required: bool = True) -> dt.date | None:
    value = f.meta.get(key)
    if value is None or value == "":
        if required:
            f.add("FIELD_MISSING", field=key)
        return None
    # YAML reads an ISO date itself; "17/08/2024" or "17 Agustus 2024" arrive as text.
    text = normalise_date(str(value))
    try:
        if not ISO_DATE.match(text):
            raise ValueError(text)
        date = dt.date.fromisoformat(text)
    except ValueError:
        f.add("DATE_INVALID", value=text[:40])
        return None
    if date > today + dt.timedelta(days=1):
        f.add("DATE_FUTURE", value=date.isoformat())
    return date


def _category(f: Fields, policy: Policy) -> str | None:
    """The category slug, from the slug or the label written loosely (``Kegiatan Sekolah``)."""
    value = f.text(
        "category",
        required=True,
        example=f"category: {policy.category_slugs[0]}"
        if policy.category_slugs
        else "category: ...",
    )
    if value is None:
        return None
    slug = match_category(value, policy)
    if slug not in policy.category_slugs:
        f.add("CATEGORY_UNKNOWN", value=value, allowed=", ".join(policy.category_slugs))
        return None
    return slug


def _tags(f: Fields) -> tuple[str, ...]:
    value = f.meta.get("tags")
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        f.add(
            "FIELD_TYPE",
            field="tags",
            expected="daftar kata",
            expected_en="a list of words",
            example="tags: [robotik, daur ulang]",
        )
        return ()
    tags: list[str] = []
    for item in items:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            f.add("TAG_INVALID", value=str(item)[:40], limit=LIMITS["tag"])
            continue
        tag = " ".join(str(item).split()).lower()
        if not tag or len(tag) > LIMITS["tag"]:
            f.add("TAG_INVALID", value=tag[:40], limit=LIMITS["tag"])
        elif tag not in tags:
            tags.append(tag)
    return tuple(tags[:MAX_TAGS])


def _poster_time(f: Fields) -> float | None:
    value = f.meta.get("poster_time")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value < 3600:
        f.add("POSTER_TIME_INVALID", value=str(value)[:40])
        return None
    return float(value)


def _head(path: Path, size: int = 16) -> bytes:
    try:
        with open_regular(path) as handle:
            return handle.read(size)
    except OSError:
        return b""


def _is_webvtt(head: bytes) -> bool:
    """Whether a file's first bytes say WebVTT (in UTF-8, or UTF-16 with its byte-order mark)."""
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            return head[2:].decode(codec, "ignore").startswith("WEBVTT")
    return head.removeprefix(b"\xef\xbb\xbf").startswith(b"WEBVTT")


def _language(f: Fields) -> str | None:
    """The clip's spoken language (``language: id``, the default): an ISO 639 code."""
    value = f.text("language", required=False, example="language: id")
    if value is None:
        return None
    if not LANGUAGE.match(value):
        f.add("LANGUAGE_INVALID", value=value[:40])
        return None
    return value


def _captions(f: Fields, folder: Path, language: str) -> tuple[CaptionTrack, ...]:
    """The caption files front matter names: ``captions: teks.srt`` (in the clip's
    language) or one per language, ``captions: {id: teks.id.srt, jv: teks.jv.srt}``.

    Only their names are checked here; the loader reads them
    (:func:`etalase.content.captions.read_file`) and finds those named beside the video.
    """
    value = f.meta.get("captions")
    if isinstance(value, Mapping):
        named = [(str(k), v) for k, v in value.items()]
    elif value is None or value == "":
        return ()
    else:
        named = [(language, value)]
    tracks: list[CaptionTrack] = []
    for code, name in named:
        sub = Fields({"captions": name}, f.shown, f.disk)
        path = sub.file("captions", folder)
        f.problems += sub.problems
        if path is None or sub.problems:
            continue
        if not LANGUAGE.match(code):
            f.add("CAPTIONS_LANGUAGE_INVALID", value=code[:20], file=path.name)
        elif not path.name.lower().endswith(SUFFIXES):
            f.add("CAPTIONS_KIND", value=path.name)
        elif path.name.lower().endswith(".vtt") and not _is_webvtt(f.disk.head(path)):
            f.add("CAPTIONS_INVALID", value=path.name)
        elif all(t.language != code for t in tracks):
            tracks.append(CaptionTrack(code, path))
    return tuple(tracks)

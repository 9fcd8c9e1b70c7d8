"""Values as schools write them: dates, categories and "yes", read one tolerant way.

A date may be ``2026-08-14``, ``14/8/2026`` or ``14 Agustus 2026``; a
category its slug or its label (``Kegiatan Sekolah``); consent ``true`` or
``ya``. The front-matter schema (``etalase check``, the build) and the
shared-folder intake (``etalase ingest``) both read values through these
functions, so an entry one route accepts is never refused by the other.
Anything not understood is returned unchanged, for the schema to report.
"""

from __future__ import annotations

import datetime as dt
import re

from ..paths import slugify
from ..policy import Policy

#: Words that mean "yes" for consent, in the languages schools write.
YES = frozenset({"ya", "iya", "yes", "true", "sudah", "setuju", "ada", "y", "ok", "oke"})
MONTHS = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "pebruari": 2,
    "february": 2,
    "maret": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "agustus": 8,
    "agu": 8,
    "agt": 8,
    "ags": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "nopember": 11,
    "desember": 12,
    "des": 12,
    "dec": 12,
    "december": 12,
}


def normalise_date(text: str) -> str:
    """ISO date from ``2026-08-14``, ``14-08-2026``, ``14/8/2026`` or ``14 Agustus 2026``.

    Text that is not understood is returned unchanged, for the schema to report.
    """
    value = " ".join(text.split()).strip(".")
    parts: tuple[int, int, int] | None = None
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", value):
        parts = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})", value):
        parts = int(m[3]), int(m[2]), int(m[1])
    elif m := re.fullmatch(r"(\d{1,2}) ([A-Za-z]+)\.? (\d{4})", value):
        month = MONTHS.get(m[2].lower())
        parts = (int(m[3]), month, int(m[1])) if month else None
    if parts is None:
        return text.strip()
    try:
        return dt.date(*parts).isoformat()
    except ValueError:
        return text.strip()


def match_category(text: str, policy: Policy) -> str:
    """The category slug for a slug or label written loosely; unchanged when unknown."""
    wanted = slugify(text)
    for slug, label in policy.categories:
        if wanted in (slug, slugify(label)):
            return slug
    # "Kreativitas" or "inovasi" name one category as clearly as the whole label does.
    starting = {
        slug
        for slug, label in policy.categories
        if wanted and (slug.startswith(wanted) or slugify(label).startswith(wanted))
    }
    return starting.pop() if len(starting) == 1 else text.strip()


def is_yes(value: object) -> bool:
    """Whether a consent value says yes: ``true``, or ``ya``/``sudah``/``yes``... as text."""
    if isinstance(value, bool):
        return value
    return isinstance(value, str) and value.strip().lower().rstrip(".!") in YES

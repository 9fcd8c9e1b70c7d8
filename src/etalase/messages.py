"""Everything a user reads that is not a problem: one table, in Indonesian and English.

Problems (a file's mistake, with a stable code and a fix) are in
:data:`etalase.problems.CATALOGUE`; every other text a person reads (a
configuration error, "busy", a step's name, a summary line, a label) is a key
here with its Indonesian and English wording. Callers never branch on the
language: they ask :func:`text` for a key.
"""

from __future__ import annotations

from collections.abc import Mapping

from .problems import Lang

#: key -> (Indonesian, English). Placeholders are filled by :func:`text`.
MESSAGES: Mapping[str, tuple[str, str]] = {
    "busy.build": (
        "etalase build atau etalase media lain sedang berjalan untuk proyek ini; tunggu "
        "sampai selesai lalu jalankan lagi (situs dan cache yang ada tidak diubah).",
        "another etalase build or etalase media is running for this project; wait for it "
        "to finish and run it again (the current site and cache are unchanged).",
    ),
    "busy.ingest": (
        "etalase ingest lain sedang berjalan untuk proyek ini; tunggu sampai selesai.",
        "another etalase ingest is running for this project; wait for it to finish.",
    ),
}


def text(key: str, lang: Lang = "id", **params: object) -> str:
    """The message ``key`` in ``lang``, its placeholders filled from ``params``."""
    wording = MESSAGES[key][1 if lang == "en" else 0]
    return wording.format(**params) if params else wording

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
    # --- the innovation dossier and list (etalase export innovation / innovations) ---
    "dossier.wrote": ("Ditulis: {path}", "Written: {path}"),
    "dossier.count": ("{n} inovasi.", "{n} innovations."),
    "dossier.relative": (
        "Catatan: site_url belum diisi di mkdocs.yml, jadi tautan dan kode QR di "
        "dossier tidak lengkap.",
        "Note: site_url is not set in mkdocs.yml, so the dossier's links and QR codes "
        "are incomplete.",
    ),
    "dossier.office_year": ("Tahun {year}", "Year {year}"),
    "dossier.schools": ("Sekolah", "Schools"),
    "dossier.office": ("Dinas Pendidikan", "Education office"),
    "dossier.started": ("Mulai", "Started"),
    "dossier.stage": ("Tahap", "Stage"),
    "dossier.theme": ("Tema", "Theme"),
    "dossier.state": ("Keadaan", "State"),
    "dossier.impact": ("Dampak sebelum dan sesudah", "Impact before and after"),
    "dossier.awards": ("Penghargaan", "Awards"),
    "dossier.evidence": ("Video bukti", "Evidence videos"),
    "dossier.measure": ("Ukuran", "Measure"),
    "dossier.unit": ("Satuan", "Unit"),
    "dossier.before": ("Sebelum", "Before"),
    "dossier.after": ("Sesudah", "After"),
    "dossier.year": ("Tahun", "Year"),
    "dossier.competition": ("Kompetisi", "Competition"),
    "dossier.level": ("Tingkat", "Level"),
    "dossier.result": ("Hasil", "Result"),
    "dossier.date": ("Tanggal", "Date"),
    "dossier.link": ("Tautan", "Link"),
    "dossier.scan": ("Pindai kode QR untuk menonton.", "Scan the QR code to watch."),
    "dossier.no_poster": ("(poster belum tersedia)", "(no poster yet)"),
    "dossier.none": ("Belum ada.", "None yet."),
    "dossier.qr_alt": ("Kode QR: {url}", "QR code: {url}"),
    "dossier.poster_alt": ("Cuplikan video {title}", "Still from the video {title}"),
    "dossier.derived_from": ("Tumbuh dari", "Grew out of"),
    "dossier.replicated_by": ("Ditiru oleh", "Replicated by"),
}


def text(key: str, lang: Lang = "id", **params: object) -> str:
    """The message ``key`` in ``lang``, its placeholders filled from ``params``."""
    wording = MESSAGES[key][1 if lang == "en" else 0]
    return wording.format(**params) if params else wording

"""``LAPORAN-ETALASE.txt``: the plain-Indonesian report written into each school's drop folder.

The report is the school's only feedback channel: what was received, accepted
and waiting for review, published, rejected (with the curator's reason), or
must be fixed and how. It holds no run timestamp, so an unchanged situation
gives byte-identical text and the file is not rewritten (a sync client then
has nothing to upload). Written with CRLF and a BOM so every Notepad opens it;
written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..files import atomic_write_bytes
from ..problems import Problem
from .drop import REPORT_NAME

State = Literal[
    "uploading",
    "incomplete",
    "refused",
    "review",
    "approved",
    "published",
    "rejected",
    "draft",
    "removed",
]

HEADINGS: dict[State, str] = {
    "refused": "PERLU DIPERBAIKI",
    "incomplete": "BELUM LENGKAP",
    "uploading": "SEDANG DIUNGGAH",
    "review": "DITERIMA, MENUNGGU PEMERIKSAAN",
    "draft": "DITERIMA, MENUNGGU PEMERIKSAAN",
    "approved": "DITERBITKAN, SEGERA TAYANG",
    "published": "TAYANG",
    "rejected": "DITOLAK KURATOR",
    "removed": "DITERIMA, TIDAK LAGI DI KATALOG",
}
ORDER: tuple[State, ...] = (
    "refused",
    "incomplete",
    "rejected",
    "uploading",
    "review",
    "draft",
    "approved",
    "published",
    "removed",
)


@dataclass(frozen=True, slots=True)
class SubmissionStatus:
    """Where one submission folder stands."""

    folder: str
    state: State
    title: str | None = None
    entry: str | None = None
    received: str | None = None
    problems: tuple[Problem, ...] = ()
    note: str | None = None
    url: str | None = None


def compose(
    school: str,
    school_problems: Sequence[Problem],
    items: Sequence[SubmissionStatus],
    *,
    processed: bool = True,
    name: str | None = None,
) -> str:
    """The report text (LF line endings; :func:`write_report` converts).

    Args:
        school: The drop folder's name.
        school_problems: Problems with the folder itself (NPSN, loose files).
        items: One status per submission folder.
        processed: False when the folder's submissions could not be looked at
            (unknown or broken school), so nothing is said about them.
        name: The school's name (the roster's, when there is one): the report
            greets it by that name.
    """
    lines = [
        "LAPORAN ETALASE SEKOLAH",
        *([f"Untuk: {name}"] if name else []),
        f"Folder: {school}",
        "",
        "Berkas ini ditulis otomatis oleh Etalase setiap kali folder ini diperiksa.",
        "Tidak perlu diubah: isinya akan ditimpa pada pemeriksaan berikutnya.",
        "",
    ]
    for issue in school_problems:
        lines += _problem_lines(issue, "")
    if school_problems:
        lines.append("")
    if processed and not items:
        lines += [
            "Belum ada folder kiriman di sini. Buat satu folder untuk setiap kiriman,",
            "isi dengan satu video dan satu berkas penjelasan (.docx, .txt atau .md).",
            "",
        ]
    counts = {state: sum(i.state == state for i in items) for state in ORDER}
    summary = ", ".join(f"{n} {HEADINGS[s].lower()}" for s, n in counts.items() if n)
    if summary:
        lines += [f"Ringkasan: {len(items)} kiriman; {summary}.", ""]
    for item in sorted(items, key=lambda i: (ORDER.index(i.state), i.folder.casefold())):
        lines.append(f"[{HEADINGS[item.state]}] {item.folder}/")
        if item.title:
            lines.append(f"  Judul: {item.title}")
        lines += _state_lines(item)
        for problem in item.problems:
            lines += _problem_lines(problem, "  ")
        lines.append("")
    lines += [
        "Kiriman yang sudah diterima tidak perlu diunggah ulang. Bila ada yang perlu",
        "diperbaiki, perbaiki berkasnya di folder yang sama; Etalase akan memeriksanya lagi.",
        "Pertanyaan: hubungi kurator Etalase di Dinas Pendidikan.",
    ]
    return "\n".join(lines) + "\n"


def _state_lines(item: SubmissionStatus) -> list[str]:
    received = f" pada {item.received}" if item.received else ""
    if item.state in ("review", "draft"):
        return [f"  Diterima{received}. Kurator Dinas akan memeriksanya sebelum tayang."]
    if item.state == "approved":
        return ["  Sudah disetujui kurator. Tampil di Etalase setelah situs diperbarui."]
    if item.state == "published":
        where = f": {item.url}" if item.url else "."
        return [f"  Sudah tayang di Etalase{where}"]
    if item.state == "rejected":
        lines = ["  Kiriman ini tidak ditayangkan."]
        if item.note:
            lines.append(f"  Alasan kurator: {item.note}")
        lines.append("  Perbaiki sesuai alasan itu, lalu unggah ulang berkasnya di folder ini.")
        return lines
    if item.state == "uploading":
        return ["  Berkas masih berubah (sedang diunggah). Akan diperiksa pada putaran berikutnya."]
    if item.state == "removed":
        return [f"  Diterima{received}, tetapi sudah tidak ada di katalog. Hubungi kurator."]
    if item.state == "refused":
        return ["  Belum bisa diterima. Perbaiki hal berikut, lalu unggah ulang di folder ini:"]
    return []


def _problem_lines(item: Problem, indent: str) -> list[str]:
    label = "Masalah" if item.severity == "error" else "Catatan"
    where = f"{item.path}: " if item.path else ""
    return [
        f"{indent}- {label}: {where}{item.message('id')}",
        f"{indent}  Perbaikan: {item.fix('id')}",
    ]


def write_report(folder: Path, text: str) -> bool:
    """Write ``LAPORAN-ETALASE.txt`` into ``folder`` unless it already says this; True if written."""
    path = folder / REPORT_NAME
    data = ("\ufeff" + text.replace("\n", "\r\n")).encode("utf-8")
    try:
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            return False
    except OSError:
        pass
    if path.is_symlink():
        path.unlink()  # never write through a link placed in a shared folder
    try:
        # Never re-create a school's folder that vanished (a shared folder unmounted
        # or moved while `ingest --watch` runs): its report waits for it to come back.
        atomic_write_bytes(path, data, parents=False)
    except FileNotFoundError:
        return False
    return True

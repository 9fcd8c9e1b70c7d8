"""Why a file could not be read, in the user's words: the ``reason`` of a problem.

The operating system, PyYAML and ffprobe explain themselves in English.
Their explanations reach a problem as two parameters, ``reason`` (Indonesian)
and ``reason_en`` (see :meth:`etalase.problems.Problem.message`): the known
ones in our own words, the rest as a general Indonesian phrase, with the
tool's own English text kept for ``--lang en`` only.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

#: ``reason`` and ``reason_en`` of a problem.
Reason = dict[str, str]

#: OS errors a school's file can meet, by errno: (Indonesian, English).
OS_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("berkasnya tidak ada", "no such file"),
    errno.EACCES: ("tidak ada izin untuk membacanya", "permission denied"),
    errno.EPERM: ("tidak ada izin untuk membacanya", "operation not permitted"),
    errno.EISDIR: ("itu sebuah folder, bukan berkas", "it is a folder, not a file"),
    errno.ENOTDIR: ("sebagian jalurnya bukan folder", "part of the path is not a folder"),
    errno.ELOOP: ("tautan simbolisnya berputar-putar", "too many levels of symbolic links"),
    errno.ENAMETOOLONG: ("nama atau jalurnya terlalu panjang", "the name or path is too long"),
    errno.EIO: ("disk gagal membacanya", "input/output error"),
    errno.ENOSPC: ("disk penuh", "no space left on the disk"),
    errno.EROFS: ("disknya hanya bisa dibaca", "read-only file system"),
    errno.EBUSY: ("berkasnya sedang dipakai program lain", "the file is busy"),
    errno.EMFILE: ("terlalu banyak berkas terbuka", "too many open files"),
}

#: PyYAML's explanations (the start of ``problem``): (Indonesian, English).
YAML_REASONS: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "ada tanda ':' di tengah nilai (teks yang memuat ':' perlu tanda kutip)",
        "a ':' inside a value (text containing ':' needs quotes)",
    ),
    (
        "could not find expected ':'",
        "baris tanpa tanda ':' antara nama isian dan nilainya",
        "a line without ':' between the field name and its value",
    ),
    (
        "found character '\\t'",
        "ada karakter Tab; pakai spasi",
        "a Tab character; use spaces",
    ),
    (
        "found character",
        "nilai diawali karakter yang tidak boleh (misalnya @ atau `); beri tanda kutip",
        "a value starts with a character that is not allowed (such as @ or `); quote it",
    ),
    (
        "found unexpected end of stream",
        "tanda kutip dibuka tetapi tidak ditutup",
        "a quote is opened but never closed",
    ),
    (
        "found unknown escape character",
        "ada '\\' di dalam tanda kutip ganda; pakai tanda kutip tunggal",
        "a '\\' inside double quotes; use single quotes",
    ),
    (
        "expected <block end>",
        "jarak di awal baris (indentasi) tidak rata",
        "uneven indentation at the start of the line",
    ),
    (
        "did not find expected key",
        "jarak di awal baris tidak rata, atau tanda kutip tidak ditutup",
        "uneven indentation, or a quote not closed",
    ),
    (
        "expected ',' or ']'",
        "daftar [ ... ] tidak ditutup dengan benar",
        "a list [ ... ] is not closed properly",
    ),
    (
        "expected ',' or '}'",
        "tanda { ... } tidak ditutup dengan benar",
        "a { ... } is not closed properly",
    ),
    (
        "found duplicate key",
        "nama isian yang sama ditulis dua kali",
        "the same field name is written twice",
    ),
)

#: What ffprobe or ffmpeg says in its last lines (a part of it): (Indonesian, English).
TOOL_REASONS: tuple[tuple[str, str, str], ...] = (
    (
        "moov atom not found",
        "berkasnya tidak utuh atau bukan video; mungkin pengirimannya terputus",
        "the file is incomplete or not a video; the transfer was probably cut off",
    ),
    (
        "Invalid data found when processing input",
        "isinya bukan video yang dikenali atau berkasnya rusak",
        "its content is not a recognised video, or the file is damaged",
    ),
    ("Permission denied", "tidak ada izin untuk membacanya", "permission denied"),
    ("No such file or directory", "berkasnya tidak ada", "no such file"),
    (
        "Invalid NAL unit size",
        "data gambarnya rusak",
        "the picture data is damaged",
    ),
    (
        "Protocol not found",
        "bukan berkas video biasa",
        "not a plain video file",
    ),
)
#: Longest tool text kept for English (cut at a word, never inside one).
TOOL_TEXT_MAX = 160


def os_reason(exc: OSError) -> Reason:
    """Why ``exc`` stopped the read, in both languages."""
    known = OS_REASONS.get(exc.errno or 0)
    if known is not None:
        return {"reason": known[0], "reason_en": known[1]}
    english = exc.strerror or type(exc).__name__
    code = errno.errorcode.get(exc.errno or 0, "")
    return {"reason": f"galat sistem {code}".strip(), "reason_en": english}


@dataclass(frozen=True, slots=True)
class Said:
    """A reason as a message parameter that words itself per language."""

    indonesian: str
    english: str

    def text(self, lang: str = "id") -> str:
        return {"en": self.english}.get(lang, self.indonesian)


def os_said(exc: OSError) -> Said:
    """:func:`os_reason` as one parameter of a message (``etalase.messages.text``)."""
    reason = os_reason(exc)
    return Said(reason["reason"], reason["reason_en"])


def yaml_reason(problem: str | None) -> Reason:
    """PyYAML's ``problem`` text in both languages."""
    text = problem or ""
    for start, indonesian, english in YAML_REASONS:
        if text.startswith(start):
            return {"reason": indonesian, "reason_en": english}
    return {"reason": "penulisannya tidak sesuai aturan", "reason_en": text or "YAML error"}


def tool_reason(stderr: str, path: str = "") -> Reason:
    """The reason in ffprobe's or ffmpeg's last lines, in both languages.

    ``path`` (as the tool named it) is taken out of the English detail.
    """
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    for marker, indonesian, english in TOOL_REASONS:
        if any(marker in line for line in lines):
            return {"reason": indonesian, "reason_en": english}
    last = lines[-1].replace(f"{path}: ", "") if lines and path else (lines[-1] if lines else "")
    return {"reason": "ffmpeg tidak bisa membacanya", "reason_en": shorten(last) or "unreadable"}


def shorten(text: str, limit: int = TOOL_TEXT_MAX) -> str:
    """``text`` cut at the last word boundary before ``limit``, marked with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"

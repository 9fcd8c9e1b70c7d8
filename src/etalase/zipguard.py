"""Zip archives from schools (``.docx``, ``.xlsx``) checked before anything unpacks them.

A Word or Excel file is a zip archive, and a zip archive can be a bomb: a few
megabytes that unpack to gigabytes of XML, which a parser would then hold in
memory. :func:`check_zip` reads only the archive's central directory (member
names and declared sizes, a few kilobytes) and refuses an archive whose
members would unpack to more than a limit in total, or whose compression ratio
no real document reaches. Python's :mod:`zipfile` never unpacks a member past
the size its directory declares, so the declared sizes are the real bound.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from .files import open_regular

#: More members than any real document has (a Word file has a few dozen).
MAX_MEMBERS = 10_000
#: Members smaller than this are never judged by their ratio (tiny XML compresses well).
RATIO_FLOOR_BYTES = 1024 * 1024


def check_zip(path: Path, *, max_total: int, max_ratio: float) -> str | None:
    """Why the archive at ``path`` must not be unpacked, or None when it may.

    Args:
        path: The archive (opened only if it is a regular file).
        max_total: Bytes all members may unpack to, together.
        max_ratio: Largest unpacked/packed ratio allowed for a member (or for
            the whole archive) that unpacks to more than a megabyte.

    Returns:
        A short reason in Indonesian for a problem message, or None.

    Raises:
        OSError: The file cannot be opened (or is not a regular file).
    """
    with open_regular(path) as handle:
        try:
            members = zipfile.ZipFile(handle).infolist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            return "bukan arsip zip yang utuh"
    if len(members) > MAX_MEMBERS:
        return f"berisi {len(members)} berkas di dalamnya (maksimal {MAX_MEMBERS})"
    total = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if total > max_total:
        return (
            f"isinya {_mb(total)} MB setelah dibuka (maksimal {_mb(max_total)} MB); "
            "kemungkinan bom zip"
        )
    for member in members:
        if member.file_size > RATIO_FLOOR_BYTES and (
            member.file_size > max_ratio * max(1, member.compress_size)
        ):
            return (
                f"'{member.filename[:60]}' di dalamnya membengkak {_ratio(member)} kali "
                "saat dibuka; kemungkinan bom zip"
            )
    if total > RATIO_FLOOR_BYTES and total > max_ratio * max(1, packed):
        return f"isinya membengkak {round(total / max(1, packed))} kali saat dibuka; kemungkinan bom zip"
    return None


def _mb(size: int) -> str:
    return f"{size / 2**20:.0f}" if size >= 2**20 else f"{size / 2**20:.1f}"


def _ratio(member: zipfile.ZipInfo) -> int:
    return round(member.file_size / max(1, member.compress_size))

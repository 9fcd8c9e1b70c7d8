"""How many bytes a clip's own container says it holds: a stalled upload is caught by it.

A phone's faststart MP4 carries its index (``moov``) before the pictures
(``mdat``), and the ``mdat`` box states its own size. When an upload stalls
halfway, the headers survive and ffprobe reports the full duration, although
half of the pictures are missing. The same holds for the other containers we
accept that state their size: Matroska/WebM (the ``Segment`` element), AVI (its
``RIFF`` chunks), ASF/WMV (the file size in its header) and FLV (``filesize`` in
its ``onMetaData``). :func:`declared_size`
reads only those few headers, never the media data, so the check costs a few
small reads whatever the clip's length. MPEG-TS/PS state no duration either:
ffprobe measures them from their data, so a cut one is only a shorter clip. A
file that states a duration but no size (a live-written WebM, an MP4 whose last
box runs "to the end of the file") is judged by the duration the rendition step
decodes (:func:`mp4_duration` of what it wrote). Nothing here starts a process.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import BinaryIO

from ..files import open_regular

#: Top-level ISO BMFF boxes a file may start with (MP4, MOV, M4V, 3GP, 3G2).
_BMFF_FIRST = frozenset(
    {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"styp"}
)
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_SEGMENT_ID = b"\x18\x53\x80\x67"
_ASF_HEADER = bytes.fromhex("3026b2758e66cf11a6d900aa0062ce6c")
_ASF_FILE_PROPERTIES = bytes.fromhex("a1dcab8c47a9cf118ee400c00c205365")
#: Enough for a fragmented MP4 (a moof and an mdat per second or two) of any clip we take.
_MAX_BOXES = 100_000


def is_truncated(path: Path) -> bool:
    """True when ``path`` is shorter than its container's headers say: cut off in transfer.

    Unreadable files and containers that state no size are not judged here (False).
    """
    try:
        with open_regular(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            declared = declared_size(handle, size)
    except OSError:
        return False
    return declared is not None and declared > size


def declared_size(handle: BinaryIO, size: int) -> int | None:
    """The bytes the container in ``handle`` says the file holds, or None when it does not say.

    Args:
        handle: The file, open for binary reading (it is seeked).
        size: The file's real size (reads past it are not tried).
    """
    handle.seek(0)
    head = handle.read(16)
    if len(head) < 8:
        return None
    if head[4:8] in _BMFF_FIRST:
        return _bmff_end(handle, size)
    if head[:4] == _EBML_MAGIC:
        return _ebml_end(handle)
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return _riff_end(handle, size)
    if head == _ASF_HEADER:
        return _asf_size(handle)
    if head[:3] == b"FLV":
        return _flv_size(handle)
    return None


def _bmff_end(handle: BinaryIO, size: int) -> int | None:
    """Where the last top-level box ends, by the boxes' own sizes."""
    offset = 0
    for _ in range(_MAX_BOXES):
        if offset + 8 > size:
            return offset if offset > size else None
        handle.seek(offset)
        head = handle.read(16)
        box_size = int.from_bytes(head[:4], "big")
        kind = head[4:8]
        if not all(0x20 <= c < 0x7F for c in kind):
            return None  # not a box: trailing bytes a tool left, not ours to judge
        if box_size == 1:
            if len(head) < 16:
                return offset + 16
            box_size = int(struct.unpack(">Q", head[8:16])[0])
        elif box_size == 0:
            return None  # "up to the end of the file": it states no size
        if box_size < 8:
            return None
        offset += box_size
        if offset > size:
            return offset
    return None


def _vint(handle: BinaryIO) -> tuple[int, int] | None:
    """One EBML variable-size integer: (value, bytes read); value -1 for "unknown"."""
    first = handle.read(1)
    if not first or first[0] == 0:
        return None
    length = 8 - first[0].bit_length() + 1
    rest = handle.read(length - 1)
    if len(rest) < length - 1:
        return None
    value = first[0] & (0xFF >> length)
    for byte in rest:
        value = (value << 8) | byte
    if value == (1 << (7 * length)) - 1:
        return -1, length
    return value, length


def _ebml_end(handle: BinaryIO) -> int | None:
    """Where the Matroska/WebM ``Segment`` ends, when its size was written."""
    handle.seek(4)
    header = _vint(handle)
    if header is None or header[0] < 0:
        return None
    handle.seek(4 + header[1] + header[0])
    if handle.read(4) != _SEGMENT_ID:
        return None
    segment = _vint(handle)
    if segment is None or segment[0] < 0:
        return None  # written live: no size to judge by
    return handle.tell() + segment[0]


def _riff_end(handle: BinaryIO, size: int) -> int | None:
    """Where the last ``RIFF`` chunk of an AVI ends (``AVIX`` chunks follow the first)."""
    offset = 0
    while offset + 8 <= size:
        handle.seek(offset)
        head = handle.read(8)
        if head[:4] != b"RIFF":
            break
        offset += 8 + struct.unpack("<I", head[4:8])[0]
        offset += offset % 2
    return offset


def _asf_size(handle: BinaryIO) -> int | None:
    """The file size an ASF (WMV) header states in its File Properties object."""
    handle.seek(16)
    head = handle.read(14)
    if len(head) < 14:
        return None
    header_size, count = struct.unpack("<QI", head[:12])
    offset = 30
    for _ in range(min(count, 1000)):
        if offset + 24 > header_size:
            break
        handle.seek(offset)
        guid_size = handle.read(24)
        if len(guid_size) < 24:
            return None
        object_size = struct.unpack("<Q", guid_size[16:])[0]
        if guid_size[:16] == _ASF_FILE_PROPERTIES:
            handle.seek(offset + 24 + 16)
            raw = handle.read(8)
            stated = struct.unpack("<Q", raw)[0] if len(raw) == 8 else 0
            return stated or None  # 0: a broadcast, written live
        if object_size < 24:
            return None
        offset += object_size
    return None


#: How ``onMetaData`` spells its file size in AMF0: the key (u16 length, name), a number.
_FLV_FILESIZE = b"\x00\x08filesize\x00"


def _flv_size(handle: BinaryIO) -> int | None:
    """The file size an FLV's ``onMetaData`` states (written by the muxer at the end)."""
    handle.seek(5)
    raw = handle.read(4)
    if len(raw) < 4:
        return None
    offset = int.from_bytes(raw, "big") + 4  # the header, then PreviousTagSize0
    handle.seek(offset)
    tag = handle.read(11)
    if len(tag) < 11 or tag[0] != 18:  # the first tag is not script data
        return None
    data = handle.read(min(int.from_bytes(tag[1:4], "big"), 64 * 1024))
    at = data.find(_FLV_FILESIZE)
    if at < 0 or len(data) < at + len(_FLV_FILESIZE) + 8:
        return None
    start = at + len(_FLV_FILESIZE)
    stated = struct.unpack(">d", data[start : start + 8])[0]
    return int(stated) if 0 < stated < 2**53 else None


def mp4_duration(path: Path) -> float | None:
    """The duration an MP4 we wrote states in its ``mvhd`` box (seconds), or None.

    The rendition step reads it from its own output: what ffmpeg really decoded.
    """
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            moov = _find_box(handle, 0, size, b"moov")
            if moov is None:
                return None
            mvhd = _find_box(handle, moov[0], moov[1], b"mvhd")
            if mvhd is None:
                return None
            handle.seek(mvhd[0])
            body = handle.read(32)
    except OSError:
        return None
    if len(body) < 20:
        return None
    if body[0] == 1:
        if len(body) < 32:
            return None
        timescale, duration = struct.unpack(">IQ", body[20:32])
    else:
        timescale, duration = struct.unpack(">II", body[12:20])
    return duration / timescale if timescale else None


def _find_box(handle: BinaryIO, start: int, end: int, kind: bytes) -> tuple[int, int] | None:
    """(start of body, end) of the first box ``kind`` between ``start`` and ``end``."""
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        head = handle.read(16)
        if len(head) < 8:
            return None
        box_size, found = struct.unpack(">I4s", head[:8])
        body = offset + 8
        if box_size == 1 and len(head) == 16:
            box_size, body = struct.unpack(">Q", head[8:16])[0], offset + 16
        elif box_size == 0:
            box_size = end - offset
        if box_size < 8:
            return None
        if found == kind:
            return body, min(end, offset + box_size)
        offset += box_size
    return None

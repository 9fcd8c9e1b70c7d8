"""Clips cut off halfway, as a stalled upload leaves them, in every container schools send.

One 35 s H.264/AAC clip is made by ffmpeg and copied (no re-encode) into each
container; a VP9/Opus WebM is encoded beside it. Each is then cut at half its
bytes with Python, as a transfer that stopped would leave it. The faststart
MP4 and MOV keep their whole index in front: ffprobe still reports 35 s.
"""

from __future__ import annotations

from pathlib import Path

from scenarios import X264, ffmpeg

SECONDS = 35
#: name -> (file name, ffmpeg output options over the H.264/AAC source)
COPIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "faststart_mp4": ("video.mp4", ("-c", "copy", "-movflags", "+faststart")),
    "faststart_mov": ("video.mov", ("-c", "copy", "-movflags", "+faststart")),
    "plain_mp4": ("video.mp4", ("-c", "copy")),  # moov at the end: lost with the tail
    "mkv": ("video.mkv", ("-c", "copy")),
    "avi": ("video.avi", ("-c:v", "copy", "-c:a", "pcm_s16le")),
    "flv": ("video.flv", ("-c", "copy")),  # onMetaData's filesize
    "wmv": ("video.wmv", ("-c:v", "wmv2", "-c:a", "wmav2")),  # ASF's file size
}


def make_cut_clips(folder: Path) -> dict[str, tuple[Path, Path]]:
    """Per container: (the whole clip, the clip cut at half its bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "source.mp4"
    lavfi = f"testsrc2=s=160x120:r=10:d={SECONDS}"
    ffmpeg("-f", "lavfi", "-i", lavfi, "-f", "lavfi", "-i", f"sine=d={SECONDS}",
           *X264, "-c:a", "aac", "-shortest", str(source))  # fmt: skip
    made: dict[str, tuple[Path, Path]] = {}
    for name, (file_name, options) in COPIES.items():
        whole = folder / name / file_name
        whole.parent.mkdir()
        ffmpeg("-i", str(source), *options, str(whole))
        made[name] = (whole, cut(whole, folder / f"{name}-cut" / file_name))
    webm = folder / "webm" / "video.webm"
    webm.parent.mkdir()
    ffmpeg("-f", "lavfi", "-i", lavfi, "-f", "lavfi", "-i", f"sine=d={SECONDS}",
           "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "100k",
           "-c:a", "libopus", "-shortest", str(webm))  # fmt: skip
    made["webm"] = (webm, cut(webm, folder / "webm-cut" / "video.webm"))
    return made


def unsized(cut_mp4: Path, target: Path) -> Path:
    """A cut MP4 whose ``mdat`` says it runs "to the end of the file" (size 0): it states
    no size, so only the duration decoded tells it is short."""
    data = bytearray(cut_mp4.read_bytes())
    offset = 0
    while data[offset + 4 : offset + 8] != b"mdat":
        offset += int.from_bytes(data[offset : offset + 4], "big")
    data[offset : offset + 4] = bytes(4)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(bytes(data))
    return target


def cut(whole: Path, target: Path, share: float = 0.5) -> Path:
    """``whole``'s first ``share`` of bytes at ``target``: an upload that stalled."""
    data = whole.read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data[: int(len(data) * share)])
    return target

"""Facts about an uploaded clip, as the content layer sees them.

ffprobe answers with a :class:`ProbeResult`: the clip's :class:`VideoInfo`, or
a failure with a short reason. These values belong to the content model (an
entry carries its clip's facts), so the loader can check durations without
knowing how the facts were found; :mod:`etalase.media.probe` finds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Failure = Literal[
    "unreadable", "timeout", "no-picture", "no-duration", "unknown-codec", "truncated"
]
#: The problem code each failure is reported with (the loader and the media step alike).
FAILURE_CODES: dict[str, str] = {
    "unreadable": "VIDEO_UNREADABLE",
    "timeout": "VIDEO_PROBE_TIMEOUT",
    "no-picture": "VIDEO_NO_PICTURE",
    "no-duration": "VIDEO_DURATION_UNKNOWN",
    "unknown-codec": "VIDEO_CODEC_UNKNOWN",
    "truncated": "VIDEO_TRUNCATED",  # shorter than its own headers say: a stalled upload
}


@dataclass(frozen=True, slots=True)
class VideoInfo:
    """Facts about one clip."""

    duration: float
    width: int
    height: int
    rotation: int
    video_codec: str
    audio_codec: str | None
    container: str
    bit_rate: int | None
    pixel_format: str | None = None
    color_transfer: str | None = None  # "arib-std-b67" (HLG) or "smpte2084" (PQ) for HDR

    @property
    def display_size(self) -> tuple[int, int]:
        """Width and height as a viewer sees them, rotation applied."""
        if self.rotation % 180:
            return self.height, self.width
        return self.width, self.height


@dataclass(frozen=True, slots=True)
class ProbeResult:
    """Either facts or a failure with a short reason."""

    info: VideoInfo | None
    failure: Failure | None = None
    reason: str = ""  # Indonesian
    reason_en: str = ""  # English ("" when the same)

    @property
    def reasons(self) -> dict[str, str]:
        """``reason`` and ``reason_en`` for a problem."""
        return {"reason": self.reason, "reason_en": self.reason_en or self.reason}

"""Picture filters shared by posters and renditions: HDR phone clips made SDR.

Recent iPhones record HDR (HLG, 10-bit HEVC) by default. Played or shown as
8-bit SDR without tone mapping such a clip looks washed out and grey, so both
posters and renditions of an HDR clip go through a tone-mapping chain (zimg's
``zscale`` and ffmpeg's ``tonemap``, both in Debian's ffmpeg) to BT.709.
"""

from __future__ import annotations

#: Transfer characteristics ffprobe reports for HDR video (PQ and HLG).
HDR_TRANSFERS = frozenset({"smpte2084", "arib-std-b67"})

Filter = tuple[str, dict[str, object]]
#: HDR to SDR: to linear light, into BT.709 primaries, Hable tone curve, back to BT.709.
#: Filters as (name, options), for :mod:`etalase.media.commands` to put in its graph.
TONEMAP: tuple[Filter, ...] = (
    ("zscale", {"t": "linear", "npl": 100}),
    ("format", {"pix_fmts": "gbrpf32le"}),
    ("zscale", {"p": "bt709"}),
    ("tonemap", {"tonemap": "hable", "desat": 0}),
    ("zscale", {"t": "bt709", "m": "bt709", "r": "tv"}),
    ("format", {"pix_fmts": "yuv420p"}),
)


def is_hdr(color_transfer: str | None) -> bool:
    """True for a PQ or HLG transfer."""
    return color_transfer in HDR_TRANSFERS


def sdr_chain(color_transfer: str | None) -> tuple[Filter, ...]:
    """The filters that make the picture SDR (none for SDR input)."""
    return TONEMAP if is_hdr(color_transfer) else ()

"""The desk serves every rendition of the list by its file name, and nothing else."""

from __future__ import annotations

from pathlib import Path

from etalase.desk.app import _media_file
from etalase.media.outputs import EntryMedia, Poster, Rendition

CACHE = Path("/cache/ab")
MEDIA = EntryMedia(
    "sdn-1-blora/robot",
    35.0,
    (Poster(320, 180, CACHE / "k-320.webp", CACHE / "k-320.jpg"),),
    (
        Rendition("web", CACHE / "k1-web.mp4", 640, 360, 900_000),
        Rendition("hemat", CACHE / "k2-hemat.mp4", 320, 180, 300_000),
        Rendition("mini", CACHE / "k3-mini.mp4", 192, 144, 100_000),  # a row added to the list
    ),
)


def test_each_rendition_is_served_by_its_name_and_suffix() -> None:
    assert _media_file(MEDIA, "web.mp4") == CACHE / "k1-web.mp4"
    assert _media_file(MEDIA, "hemat.mp4") == CACHE / "k2-hemat.mp4"
    assert _media_file(MEDIA, "mini.mp4") == CACHE / "k3-mini.mp4"
    assert _media_file(MEDIA, "poster-320.jpg") == CACHE / "k-320.jpg"
    for name in ("mini.webm", "offline.webm", "web", "../web.mp4", "k1-web.mp4"):
        assert _media_file(MEDIA, name) is None, name
    assert _media_file(None, "web.mp4") is None

"""Where things sit in a content tree: folder and file names every layer agrees on.

A school lives in ``<content>/sekolah/<school>/index.md`` and each of its
entries in ``<content>/sekolah/<school>/<entry>/index.md`` beside one video.
"""

from __future__ import annotations

SCHOOLS_DIR = "sekolah"
#: Innovation profiles: ``<content>/inovasi/<slug>/index.md``.
INNOVATIONS_DIR = "inovasi"
INDEX = "index.md"
#: File endings taken for a video: the loader, the plugin and ingest use the same set.
VIDEO_SUFFIXES = frozenset(
    {
        ".mp4",
        ".m4v",
        ".mov",
        ".3gp",
        ".3g2",
        ".webm",
        ".mkv",
        ".avi",
        ".mpg",
        ".mpeg",
        ".ts",
        ".mts",
        ".wmv",
        ".flv",
    }
)
#: Pictures Etalase re-encodes (without metadata) before they reach the site.
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp"})
#: Captions: published only when an entry names them and they were checked as WebVTT.
CAPTION_SUFFIXES = frozenset({".vtt"})

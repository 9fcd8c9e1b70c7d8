"""``etalase build`` runs the media step through the plugin, and reuses it the next time."""

from __future__ import annotations

from pathlib import Path

import pytest

from etalase import process
from etalase.cli import main
from etalase.media.cache import MediaCache
from scenarios import Tree

MKDOCS_YML = """\
site_name: Uji
docs_dir: content
theme: mkdocs
plugins:
  - etalase:
      districts: [Blora]
      duration_min: 1
      poster_widths: [160]
      cache_dir: .cache/media
"""


@pytest.mark.slow
def test_build_makes_the_media_once(tree: Tree) -> None:
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    MediaCache._open.clear()
    assert main(["build"]) == 0
    cache = Path(".cache/media/media")
    assert len(list(cache.glob("*/*-web.mp4"))) == 1
    assert len(list(cache.glob("*/*-hemat.mp4"))) == 1
    assert [p.name.split("-")[-1] for p in cache.glob("*/*.webp")] == ["160.webp"]
    published = Path("site/sekolah/sdn-1-blora/robot-bekas")
    assert sorted(p.name for p in published.glob("*.mp4")) == ["video-hemat.mp4", "video-web.mp4"]
    original = Path("content/sekolah/sdn-1-blora/robot-bekas/video.mp4").read_bytes()
    assert all(p.read_bytes() != original for p in Path("site").rglob("*.mp4"))  # never the upload

    MediaCache._open.clear()
    before = process.stats.started
    assert main(["build"]) == 0
    # No ffmpeg, and no Pagefind: nothing changed, so the search index comes from the cache.
    assert process.stats.started == before

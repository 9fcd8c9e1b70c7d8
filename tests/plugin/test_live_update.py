"""A live preview's update in place (``etalase serve``), driven in-process.

The preview is MkDocs' own ``dirty`` build, as ``etalase serve`` runs it, and
the files a school saved reach the plugin as the watcher's events; each save is
answered as the live-reload server does: the plugin's update in place, or,
when that declines, a whole ``dirty`` build of the kept folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_scenario import Site, new_site
from watchdog.events import FileCreatedEvent, FileModifiedEvent
from watchdog.observers import Observer

from etalase.workspace import close_workspaces

pytest_plugins = ["site_fixtures"]

SERVE_URL = "http://127.0.0.1:8000/kab/"

ENTRY = """\
---
title: {title}
date: {date}
category: kreativitas-siswa
tags: [robotik, daur ulang]
video: video.mp4
consent: true
status: published
{extra}---
{body}
"""


def photo(path: Path, source: str) -> None:
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", source, "-frames:v", "1"]
    subprocess.run([*command, "-q:v", "3", str(path)], check=True, timeout=60)


class LivePreview:
    """``etalase serve``'s kept folder and plugin, with the saves a watcher would report."""

    def __init__(self, site: Site, out: Path) -> None:
        self.site, self.out = site, out
        self.whole_builds = 0
        self.plugin: Any = None
        self.whole_build(first=True)
        self.plugin = self.config.plugins["etalase"]
        self.plugin.live.saved.watch(Observer(), self.config.docs_dir, [])

    def whole_build(self, *, first: bool = False) -> None:
        self.config = load_config(str(self.site.root / "mkdocs.yml"), site_dir=str(self.out))
        if first:
            self.config.plugins.on_startup(command="serve", dirty=True)
        # MkDocs keeps the plugin instance from config to config, as in serve.
        if self.plugin is not None:
            assert self.config.plugins["etalase"] is self.plugin
        build(self.config, serve_url=SERVE_URL, dirty=True)
        self.whole_builds += 1

    def saved(self, *paths: Path, created: bool = False) -> None:
        """Report the saves, then rebuild as the live-reload server does."""
        for path in paths:
            event = FileCreatedEvent if created else FileModifiedEvent
            self.plugin.live.saved.on_any_event(event(str(path)))
        if not self.plugin.live.update():
            self.whole_build()

    def read(self, uri: str) -> bytes:
        return (self.out / uri).read_bytes()


@pytest.fixture
def preview(tmp_path: Path, clips: dict[str, Path]) -> Iterator[LivePreview]:
    site = new_site(tmp_path / "proyek", clips)
    site.school("sdn-1-blora", npsn="20312345")
    for slug, date, source in (
        ("robot", "2026-08-14", "testsrc2=s=320x240"),
        ("wayang", "2026-08-01", "mandelbrot=s=320x240"),
    ):
        folder = site.entry("sdn-1-blora", slug, date=date, body=f"Foto {slug}.")
        photo(folder / "foto.jpg", source)
    robot = site.content / "sekolah/sdn-1-blora/robot"
    (robot / "teks.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHalo\n", encoding="utf-8")
    write_entry(robot, "Robot", "2026-08-14", extra="captions: teks.vtt\n")
    (site.content / "tentang.md").write_text("# Tentang\n\nDinas.\n", encoding="utf-8")
    live = LivePreview(site, tmp_path / "pratinjau")
    try:
        yield live
    finally:
        live.plugin.on_shutdown()
        close_workspaces()


def write_entry(folder: Path, title: str, date: str, extra: str = "") -> Path:
    text = ENTRY.format(title=title, date=date, extra=extra, body=f"Tentang {title}.")
    (folder / "index.md").write_text(text, encoding="utf-8")
    return folder / "index.md"


def test_a_picture_replaced_by_one_the_media_cache_holds_is_shown(preview: LivePreview) -> None:
    robot, wayang = "sekolah/sdn-1-blora/robot/foto.jpg", "sekolah/sdn-1-blora/wayang/foto.jpg"
    assert preview.read(robot) != preview.read(wayang)
    source = preview.site.content / robot
    original, shown = source.read_bytes(), preview.read(robot)
    shutil.copyfile(preview.site.content / wayang, source)  # re-encoded already: in the cache
    preview.saved(source)
    assert preview.read(robot) == preview.read(wayang)
    assert preview.whole_builds == 1  # in place, without a whole build
    # And back, seen by a whole build of the kept folder (a save the update does not take
    # in): MkDocs would keep the copy, newer than the older file from the media cache.
    source.write_bytes(original)
    preview.whole_build()
    assert preview.read(robot) == shown


def test_edited_and_added_captions_reach_the_preview(preview: LivePreview) -> None:
    captions = preview.site.content / "sekolah/sdn-1-blora/robot/teks.vtt"
    captions.write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nSelamat pagi\n", encoding="utf-8")
    preview.saved(captions)
    assert b"Selamat pagi" in preview.read("sekolah/sdn-1-blora/robot/teks.vtt")
    wayang = preview.site.content / "sekolah/sdn-1-blora/wayang"
    (wayang / "teks.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nWayang\n")
    index = write_entry(wayang, "Wayang", "2026-08-01", extra="captions: teks.vtt\n")
    preview.saved(wayang / "teks.vtt", created=True)
    preview.saved(index)
    assert b"Wayang" in preview.read("sekolah/sdn-1-blora/wayang/teks.vtt")
    assert b"teks.vtt" in preview.read("sekolah/sdn-1-blora/wayang/index.html")


def share_image(page: bytes) -> str:
    found = re.search(rb'<meta property="og:image" content="([^"]*)"', page)
    assert found is not None
    return found.group(1).decode()


def test_office_pages_share_the_newest_entry_s_image(preview: LivePreview) -> None:
    assert "/robot/" in share_image(preview.read("tentang/index.html"))
    wayang = preview.site.content / "sekolah/sdn-1-blora/wayang"
    preview.saved(write_entry(wayang, "Wayang", "2026-09-01"))  # now the newest entry
    assert "/wayang/" in share_image(preview.read("tentang/index.html"))
    assert "/wayang/" in share_image(preview.read("index.html"))
    assert preview.whole_builds == 2  # the office's pages are MkDocs' own: a whole build

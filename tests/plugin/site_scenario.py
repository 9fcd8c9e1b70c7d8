"""Scenario sites for build tests: tiny content trees with real clips, built in-process.

The module-scoped ``demo_site`` fixture is in ``site_fixtures`` (loaded with
``pytest_plugins``: a conftest.py here would shadow the top-level one that other
tests import ``Tree`` from).
"""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from etalase.cli import main

MKDOCS_YML = """\
site_name: Etalase Uji
site_url: https://etalase.example.id/kab/
docs_dir: content
theme:
  name: material
  language: {language}
  font: false
plugins:
  - etalase:
      districts: [Blora, Cepu, Jepon]
      duration_min: 1
"""

SCHOOL = """\
---
name: {name}
npsn: "{npsn}"
level: {level}
district: {district}
website: {website}
---
{body}
"""

ENTRY = """\
---
title: {title}
date: {date}
category: {category}
video: video.mp4
tags: {tags}
consent: true
status: {status}
---
{body}
"""

HOSTILE_TITLE = "<script>alert('judul')</script><img src=x onerror=alert(1)>"
HOSTILE_BODY = """\
Teks biasa <script>alert('badan')</script> tetap terbaca.

<img src="x.png" onerror="alert(2)">

[tautan jahat](javascript:alert(3)) dan [data](data:text/html;base64,PHNjcmlwdD4=)

<iframe src="https://jahat.example/"></iframe>

<div style="position:fixed;inset:0;width:100%;z-index:9999" class="md-dialog">TUMPANGAN</div>

![gambar](data:image/png;base64,iVBORw0KGgo=) ![luar](https://jahat.example/pelacak.png)

<a href="https://sekolah.example.id/" onclick="alert(4)">situs sekolah</a> **tebal** tetap.
"""


@dataclass
class Site:
    """A scenario project and its built ``site/``."""

    root: Path
    content: Path
    clips: dict[str, Path]

    @property
    def out(self) -> Path:
        return self.root / "site"

    def school(
        self,
        slug: str,
        *,
        npsn: str,
        district: str = "Blora",
        level: str = "SD",
        name: str | None = None,
        website: str = "https://sekolah.example.id",
        body: str = "Sekolah di tepi hutan jati.",
    ) -> None:
        folder = self.content / "sekolah" / slug
        folder.mkdir(parents=True, exist_ok=True)
        text = SCHOOL.format(
            name=name or f"SD {slug}",
            npsn=npsn,
            level=level,
            district=district,
            website=website,
            body=body,
        )
        (folder / "index.md").write_text(text, encoding="utf-8")

    def entry(
        self,
        school: str,
        slug: str,
        *,
        title: str | None = None,
        status: str = "published",
        date: str = "2026-08-14",
        category: str = "kreativitas-siswa",
        tags: str = "[robotik, daur ulang]",
        body: str = "Murid merakit robot.",
        clip: str = "ok",
    ) -> Path:
        folder = self.content / "sekolah" / school / slug
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.clips[clip], folder / "video.mp4")
        quoted = '"' + (title or f"Judul {slug}").replace('"', '\\"') + '"'
        text = ENTRY.format(
            title=quoted,
            status=status,
            date=date,
            category=category,
            tags=tags,
            body=textwrap.dedent(body),
        )
        (folder / "index.md").write_text(text, encoding="utf-8")
        return folder

    def build(self, *args: str) -> int:
        previous = Path.cwd()
        os.chdir(self.root)
        try:
            return main(["build", *args])
        finally:
            os.chdir(previous)

    def page(self, url: str) -> str:
        return (self.out / url / "index.html").read_text(encoding="utf-8")


MEDIA_CACHE = Path(".cache/plugin/etalase/media")  # the default cache_dir's media cache
WARM_CLIPS = ("ok", "edge", "silent", "uhd", "rotated")  # what scenario sites publish


def new_site(
    root: Path, clips: dict[str, Path], language: str = "id", *, warm: bool = False
) -> Site:
    """A scenario project; ``warm``: its media cache starts as a copy of the session's.

    A warm site builds its published clips without ffmpeg (a second instead of
    several); leave it cold where the media pipeline itself is tested (what is
    encoded, what a run leaves in the cache, an interrupted encode).
    """
    content = root / "content"
    (content / "sekolah").mkdir(parents=True)
    intro = "---\ntitle: Beranda\n---\n# Etalase Uji\n\nSelamat datang.\n"
    (content / "index.md").write_text(intro, encoding="utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(language=language), encoding="utf-8")
    if warm:
        from scenarios import seed_media_cache  # not at the top: tests/plugin alone is importable

        seed_media_cache(warmed_media(clips), root / MEDIA_CACHE)
    return Site(root, content, clips)


def warmed_media(clips: dict[str, Path]) -> Path:
    """The session's media cache: one build of every clip in :data:`WARM_CLIPS`, made once.

    It lives beside the session's clips (so once per run, whichever pytest-xdist worker
    asks first), and a site's settings other than its language are the scenario's own,
    so the keys match.
    """
    from scenarios import made_once  # not at the top: tests/plugin alone is importable

    def build(root: Path) -> None:
        site = new_site(root, clips)
        site.school("sdn-1-blora", npsn="20312345")
        for name in WARM_CLIPS:
            site.entry("sdn-1-blora", name.replace("_", "-"), clip=name)
        if site.build() != 0:
            raise RuntimeError("the session's media cache could not be built")

    return made_once(clips["ok"].parent.parent / "media-seed", build) / MEDIA_CACHE


class Markup(HTMLParser):
    """The live parts of an HTML page: elements, attributes, scripts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag == "script":
            self._in_script = True
            src = dict(attrs).get("src")
            self.scripts.append(f"src={src}" if src else "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script and self.scripts and not self.scripts[-1].startswith("src="):
            self.scripts[-1] += data

    def named(self, tag: str) -> list[dict[str, str]]:
        return [attrs for name, attrs in self.tags if name == tag]

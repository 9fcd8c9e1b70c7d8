"""A school's captions on the built site: its normalised WebVTT copy, never its own file."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from etalase.cli import main

ENTRY = (
    '---\ntitle: "Robot"\ndate: 2026-08-14\ncategory: kreativitas-siswa\n'
    "video: video.mp4\ntags: [robotik]\nconsent: true\nstatus: published\n---\nMurid merakit.\n"
)
YML = (
    "site_name: Etalase Uji\nsite_url: https://etalase.example.id/\ndocs_dir: content\n"
    "theme:\n  name: material\n  language: id\n  font: false\n"
    "plugins:\n  - etalase:\n      districts: [Blora]\n      duration_min: 1\n"
)
SRT = (
    "1\n00:00:01,000 --> 00:00:03,000\n<font color=red>Halo</font> <script>alert(1)</script>\n\n"
    "2\n00:00:04,000 --> 00:00:06,000\nRobot dari kardus\n"
)


def test_an_srt_is_published_as_clean_webvtt(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    school = tmp_path / "content" / "sekolah" / "sdn-1"
    folder = school / "robot"
    folder.mkdir(parents=True)
    (tmp_path / "content" / "index.md").write_text("---\ntitle: Beranda\n---\n# Uji\n")
    (school / "index.md").write_text(
        '---\nname: SD Satu\nnpsn: "20312345"\nlevel: SD\ndistrict: Blora\n---\nSekolah.\n'
    )
    shutil.copyfile(clips["ok_35"], folder / "video.mp4")
    (folder / "index.md").write_text(ENTRY)
    (folder / "video.srt").write_bytes(("\ufeff" + SRT).encode("utf-16-le"))
    (tmp_path / "mkdocs.yml").write_text(YML)
    previous = Path.cwd()
    os.chdir(tmp_path)
    try:
        assert main(["build"]) == 0
    finally:
        os.chdir(previous)
    page = tmp_path / "site" / "sekolah" / "sdn-1" / "robot"
    assert '<track kind="captions" src="video.id.vtt"' in (page / "index.html").read_text()
    assert (page / "video.id.vtt").read_text("utf-8") == (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nHalo\n\n"
        "00:00:04.000 --> 00:00:06.000\nRobot dari kardus\n"
    )
    assert not (page / "video.srt").exists()
    html = (page / "index.html").read_text()
    assert 'label="Indonesia (sekolah)" default>' in html
    assert (
        'data-pagefind-weight="0.5"' in html and ">0:04</span> Robot dari kardus</button>" in html
    )
    listed = tmp_path / "site" / "takarir" / "bertakarir" / "index.html"
    assert "sekolah/sdn-1/robot/" in listed.read_text()  # the captioned list, like a facet's
    assert (folder / "video.srt").read_bytes().startswith(b"\xff\xfe")  # the school's, as sent

"""A picture the text names but the folder lacks is a warning, and never a broken image."""

from __future__ import annotations

import re
from pathlib import Path

from site_scenario import new_site

from etalase.cli import main

pytest_plugins = ["site_fixtures"]


def test_a_missing_picture_is_warned_about_and_left_off_the_page(
    tmp_path: Path, clips: dict[str, Path], capsys: object, monkeypatch: object
) -> None:
    site = new_site(tmp_path / "proyek", clips)
    site.school("sdn-1-blora", npsn="20312345")
    body = "Murid merakit robot.\n\n![Foto lomba](foto-lomba.jpg)\n\n![Juara](Juara.JPG)\n"
    folder = site.entry("sdn-1-blora", "robot", title="Robot", body=body)
    (folder / "juara.jpg").write_bytes(b"\xff\xd8\xff")  # there, in other letter case
    monkeypatch.chdir(site.root)  # type: ignore[attr-defined]
    assert main(["check"]) == 0  # warnings only: the entry is still published
    out = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "[IMAGE_MISSING]" in out and "foto-lomba.jpg" in out
    assert "[IMAGE_NAME_CASE]" in out and "'juara.jpg'" in out
    assert site.build() == 0
    page = (site.out / "sekolah/sdn-1-blora/robot/index.html").read_text(encoding="utf-8")
    assert "Foto lomba" in page  # the alt text stays as text
    for src in re.findall(r'<img[^>]*\bsrc="([^"]+)"', page):
        if "://" not in src:
            assert (site.out / "sekolah/sdn-1-blora/robot" / src).resolve().is_file(), src
    assert "foto-lomba.jpg" not in page and "Juara.JPG" not in page

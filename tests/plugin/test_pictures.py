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


def _photo(path: Path, size: str) -> None:
    import subprocess

    source = ("-f", "lavfi", "-i", f"testsrc2=s={size}")
    command = ["ffmpeg", "-v", "error", "-y", *source, "-frames:v", "1", "-q:v", "3", str(path)]
    subprocess.run(command, check=True, timeout=60)


def test_a_wide_photo_gets_narrower_copies_that_the_page_offers_by_screen_width(
    tmp_path: Path, clips: dict[str, Path], monkeypatch: object
) -> None:
    site = new_site(tmp_path / "proyek", clips)
    site.school("sdn-1-blora", npsn="20312345")
    body = '![Lomba](lomba.jpg)\n\n![Kecil](kecil.jpg)\n\n<img src="lomba.jpg" width="200">\n'
    folder = site.entry("sdn-1-blora", "robot", title="Robot", body=body)
    _photo(folder / "lomba.jpg", "3000x2000")
    _photo(folder / "kecil.jpg", "300x200")
    monkeypatch.chdir(site.root)  # type: ignore[attr-defined]
    assert site.build() == 0
    out = site.out / "sekolah/sdn-1-blora/robot"
    page = (out / "index.html").read_text(encoding="utf-8")
    tags = re.findall(r"<img[^>]*>", page.split('class="etalase-body"', 1)[1])
    wide, small, sized = tags[:3]
    assert 'width="1600" height="1067"' in wide  # the made picture's size: no jump on load
    srcset = re.search(r'srcset="([^"]+)"', wide)
    assert srcset is not None
    offered = [part.split() for part in srcset.group(1).split(", ")]
    assert offered == [
        ["_360w/lomba.jpg", "360w"],
        ["_720w/lomba.jpg", "720w"],
        ["_1080w/lomba.jpg", "1080w"],
        ["lomba.jpg", "1600w"],
    ]
    for name, _ in offered:
        assert (out / name).is_file(), name
    sizes = [(out / name).stat().st_size for name, _ in offered]
    assert sizes == sorted(sizes) and sizes[1] < sizes[-1] / 2  # a phone's copy, far lighter
    assert "srcset" not in small and 'width="300" height="200"' in small  # nothing narrower
    assert 'width="200"' in sized and 'sizes="min(200px, 100vw)"' in sized  # the school's size
    assert 'height="1067"' not in sized

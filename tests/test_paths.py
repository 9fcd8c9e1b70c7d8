"""RealPaths: the same answer as ``Path.resolve()`` for every kind of link, one lstat a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etalase.paths import RealPaths


@pytest.fixture
def links(tmp_path: Path) -> Path:
    """A content folder with every kind of symbolic link a school or a server could hold."""
    outside = tmp_path / "luar"
    (outside / "rahasia").mkdir(parents=True)
    (outside / "rahasia" / "data.png").write_bytes(b"x")
    entry = tmp_path / "content" / "sekolah" / "sd" / "entri"
    entry.mkdir(parents=True)
    (entry / "index.md").write_text("---\n---\n", encoding="utf-8")
    (entry / "video.mp4").write_bytes(b"v")
    (entry / "ke-luar.png").symlink_to(outside / "rahasia" / "data.png")
    (entry / "relatif.md").symlink_to("index.md")
    (entry / "putus.jpg").symlink_to(tmp_path / "tidak-ada.jpg")
    (entry / "lingkar-a").symlink_to("lingkar-b")
    (entry / "lingkar-b").symlink_to("lingkar-a")
    (tmp_path / "content" / "sekolah" / "sd" / "folder-luar").symlink_to(outside / "rahasia")
    (tmp_path / "content" / "sekolah" / "tautan").symlink_to(entry.parent)
    (tmp_path / "docs").symlink_to(tmp_path / "content")
    return tmp_path


def every_path(root: Path) -> list[Path]:
    found = [
        root / "docs" / "sekolah" / "sd" / "entri" / "video.mp4",
        root / "content" / "sekolah" / "sd" / "entri" / "tidak-ada.md",
        root / "content" / "sekolah" / "sd" / "entri" / "lingkar-a" / "x",
        root / "content" / "sekolah" / "sd" / ".." / "sd" / "entri" / "index.md",
        Path("content") / "sekolah" / "sd" / "entri" / "index.md",
    ]
    for folder, dirs, files in os.walk(root / "content", followlinks=True):
        if folder.count(os.sep) - str(root).count(os.sep) > 6:
            continue
        found += [Path(folder, name) for name in [*dirs, *files]]
    return found


def test_real_paths_match_resolve_for_links_in_and_out(
    links: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(links)
    real = RealPaths()
    paths = every_path(links)
    assert len(paths) > 15
    loops = 0
    for path in paths * 2:  # the second time from the remembered folders
        try:
            expected = path.resolve()
        except RuntimeError:  # a loop of links
            loops += 1
            with pytest.raises(RuntimeError):
                real(path)
        else:
            assert real(path) == expected, path
            assert real.text(str(path)) == str(expected), path  # as the plugin compares them
    assert loops

"""Which files ``etalase serve`` saw change, from the file events of a real watcher."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from watchdog.observers import Observer

from etalase.plugin.live import SavedFiles


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[SavedFiles, Path, Path]]:
    content = tmp_path / "content"
    (content / "sekolah/sd-1/robot").mkdir(parents=True)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Uji\n", encoding="utf-8")
    saved = SavedFiles()
    observer = Observer()
    saved.watch(observer, str(content), [str(config)])
    observer.start()
    try:
        yield saved, content, config
    finally:
        observer.stop()
        observer.join()


def settle(saved: SavedFiles) -> set[Path] | None:
    """What the watcher saw, once its events arrived (inotify: within milliseconds)."""
    time.sleep(1.0)
    return saved.take()


def test_files_saved_in_the_content_folder_are_named(
    watched: tuple[SavedFiles, Path, Path],
) -> None:
    saved, content, _ = watched
    index = content / "sekolah/sd-1/robot/index.md"
    index.write_text("---\ntitle: Robot\n---\n", encoding="utf-8")
    assert settle(saved) == {index}
    index.read_text(encoding="utf-8")  # a build reading a page is no change
    time.sleep(0.5)
    assert saved.take() == set()


def test_mkdocs_yml_saved_with_a_page_makes_the_change_unknown(
    watched: tuple[SavedFiles, Path, Path],
) -> None:
    saved, content, config = watched
    (content / "sekolah/sd-1/robot/index.md").write_text("teks\n", encoding="utf-8")
    config.write_text("site_name: Kabupaten\n", encoding="utf-8")
    assert settle(saved) is None
    assert saved.take() == set()  # asked once, then forgotten


def test_a_folder_made_or_moved_makes_the_change_unknown(
    watched: tuple[SavedFiles, Path, Path],
) -> None:
    saved, content, _ = watched
    (content / "sekolah/sd-1/robot").rename(content / "sekolah/sd-1/robot-baru")
    assert settle(saved) is None

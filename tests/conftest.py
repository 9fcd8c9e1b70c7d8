"""Shared fixtures; the helpers they are made of live in :mod:`scenarios`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from etalase.media.tools import Tools
from etalase.policy import Policy, default_policy
from scenarios import (
    FFMPEG,
    FFPROBE,
    TEST_DURATION_MIN,
    Tree,
    clips_in,
    made_once,
    make_clips,
    repository_demo,
    run_folder,
)

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every test clip, made once for the run (both pytest-xdist workers read the same files)."""
    return clips_in(made_once(run_folder(tmp_path_factory) / "clips", make_clips))


@pytest.fixture(scope="session")
def tools() -> Tools:
    assert FFMPEG and FFPROBE
    return Tools(ffmpeg=FFMPEG, ffprobe=FFPROBE)


@pytest.fixture
def policy() -> Policy:
    """The fixture trees' policy: a few of Blora's kecamatan, and 3 s clips are long enough.

    Tests of the duration rules use ``default_policy()`` with long clips instead.
    """
    return replace(
        default_policy(), districts=("Blora", "Cepu", "Jepon"), duration_min=TEST_DURATION_MIN
    )


@pytest.fixture
def tree(tmp_path: Path, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Tree:
    monkeypatch.chdir(tmp_path)
    return Tree(tmp_path, clips)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, one for the whole run.

    Playwright's sync API runs one instance per thread: a test that started a
    second while this one lives fails with "Sync API inside the asyncio loop",
    so every browser test (catalogue, desk, offline folder, Kiwix) shares this one.
    """
    sys.path.insert(0, str(SCRIPTS))
    import bench_pages

    with bench_pages.chromium() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def demo_offline_media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's media cache after one offline edition: its WebM clips and WebP posters.

    Made once for the run, whichever pytest-xdist worker asks first; the folder
    edition's and the ZIM's fixtures start their demo copies from it, so the demo's
    offline clips are encoded once, not once per edition.
    """
    sys.path.insert(0, str(SCRIPTS))
    import bench_zim

    def build(folder: Path) -> None:
        with repository_demo(tmp_path_factory):
            config = bench_zim.demo_project(folder / "project")
        bench_zim.write_demo_edition(config, folder / "edition")

    seed = made_once(run_folder(tmp_path_factory) / "demo-offline-media", build)
    return seed / "project" / bench_zim.MEDIA_CACHE

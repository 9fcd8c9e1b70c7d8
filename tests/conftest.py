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
from scenarios import FFMPEG, FFPROBE, TEST_DURATION_MIN, Tree, make_clips


@pytest.fixture(scope="session")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_clips(tmp_path_factory.mktemp("clips"))


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
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    import bench_pages

    with bench_pages.chromium() as chromium:
        yield chromium

"""Choosing and writing posters: past black leaders, never upscaled, upright."""

from __future__ import annotations

from pathlib import Path

import pytest
from mediakit import make_late_start, mean_luma

from etalase import process
from etalase.media.poster import (
    candidate_times,
    choose_time,
    look,
    make_posters,
    poster_sizes,
    render_posters,
)
from etalase.media.tools import Tools


@pytest.fixture(scope="module")
def late_start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Black for the first 12 of 20 seconds: the first candidates are black."""
    return make_late_start(tmp_path_factory.mktemp("poster") / "late.mp4")


def test_candidates_start_a_quarter_in_and_stay_inside_short_clips() -> None:
    assert candidate_times(40) == [10, 20, 30, 4, 36]
    assert all(0 <= t <= 0.3 for t in candidate_times(0.5))
    assert candidate_times(0.1) == [0.0]


def test_a_black_frame_is_not_acceptable_and_a_picture_is(tools: Tools, late_start: Path) -> None:
    dark = look(tools, late_start, 5, timeout=20)
    bright = look(tools, late_start, 15, timeout=20)
    assert dark is not None and not dark.acceptable and dark.mean < 20
    assert bright is not None and bright.acceptable
    assert look(tools, late_start, 500, timeout=20) is None  # past the end


def test_the_first_lively_candidate_is_chosen(tools: Tools, late_start: Path) -> None:
    assert choose_time(tools, late_start, 20, 20, None) == 15  # 5 and 10 are black
    assert choose_time(tools, late_start, 20, 20, 3.5) == 3.5  # poster_time wins


def test_an_all_black_clip_still_gets_a_poster_time(tools: Tools, clips: dict[str, Path]) -> None:
    # The black_start clip is black for 4 s; pretend it is only 3.5 s long.
    assert choose_time(tools, clips["black_start"], 3.5, 20, None) in candidate_times(3.5)


def test_sizes_are_even_ascending_and_never_upscaled() -> None:
    assert poster_sizes((1920, 1080), (1280, 320, 640)) == [(320, 180), (640, 360), (1280, 720)]
    assert poster_sizes((160, 120), (320, 640, 1280)) == [(160, 120)]
    assert poster_sizes((720, 1280), (320, 640)) == [(320, 568), (640, 1138)]


def test_posters_are_written_atomically_at_every_size(
    tools: Tools, late_start: Path, tmp_path: Path
) -> None:
    sizes = [(80, 60), (160, 120)]
    targets = [(tmp_path / f"{w}.webp", tmp_path / f"{w}.jpg") for w, _ in sizes]
    made = make_posters(tools, late_start, 15, sizes, targets, timeout=20)
    assert made is not None
    posters, seen = made
    assert seen.acceptable and seen.time == 15
    assert [(p.width, p.height) for p in posters] == sizes
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "160.jpg",
        "160.webp",
        "80.jpg",
        "80.webp",
    ]
    assert mean_luma(tmp_path / "160.jpg") > 40


def test_a_normal_clip_costs_one_process_and_a_dark_start_a_few_more(
    tools: Tools, late_start: Path, clips: dict[str, Path], tmp_path: Path
) -> None:
    targets = [(tmp_path / "160.webp", tmp_path / "160.jpg")]
    before = process.stats.started
    _posters, at = render_posters(tools, clips["ok"], 35, None, [(160, 120)], targets, 20)
    assert (at, process.stats.started - before) == (8.75, 1)
    before = process.stats.started
    _posters, at = render_posters(tools, late_start, 20, None, [(160, 120)], targets, 20)
    # The write at 5 s is dark; looks at 10 s (dark) and 15 s (fine); the write again at 15 s.
    assert (at, process.stats.started - before) == (15, 4)
    assert mean_luma(targets[0][1]) > 40
    assert sorted(p.name for p in tmp_path.iterdir()) == ["160.jpg", "160.webp"]


def test_nothing_is_written_where_there_is_no_frame(
    tools: Tools, late_start: Path, tmp_path: Path
) -> None:
    targets = [(tmp_path / "160.webp", tmp_path / "160.jpg")]
    assert make_posters(tools, late_start, 500, [(160, 120)], targets, 20) is None
    assert list(tmp_path.iterdir()) == []

"""Choosing and writing posters: past black leaders, never upscaled, upright."""

from __future__ import annotations

from pathlib import Path

import pytest
from mediakit import make_late_start, make_noisy, mean_luma

from etalase import process
from etalase.media.onepass import PosterJob, one_pass, settle_posters
from etalase.media.poster import (
    budget,
    candidate_times,
    choose_time,
    look,
    make_posters,
    poster_sizes,
    render_posters,
)
from etalase.media.probe import probe
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
    _posters, at = render_posters(tools, clips["ok_35"], 35, None, [(160, 120)], targets, 20)
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


def test_a_noisy_frame_is_encoded_again_until_each_poster_fits_its_budget(
    tools: Tools, tmp_path: Path
) -> None:
    noisy = make_noisy(tmp_path / "noisy.mp4")
    info = probe(tools, noisy, 10).info
    assert info is not None
    sizes = tuple(poster_sizes(info.display_size, (320, 640)))
    best = [(tmp_path / f"best-{w}.webp", tmp_path / f"best-{w}.jpg") for w, _ in sizes]
    at_best = make_posters(tools, noisy, 1.5, sizes, best, timeout=20)
    assert at_best is not None
    assert all(p.webp.stat().st_size > budget(p) for p in at_best[0])  # the best quality is over

    (tmp_path / "p").mkdir()
    targets = tuple((tmp_path / "p" / f"{w}.webp", tmp_path / "p" / f"{w}.jpg") for w, _ in sizes)
    wanted = PosterJob(sizes, targets, None)
    made = one_pass(tools, noisy, info, [], wanted, timeout=30)
    posters, _at = settle_posters(tools, noisy, info, wanted, made, timeout=30)
    assert [(p.width, p.height) for p in posters] == [(320, 180), (640, 360)]
    for p in posters:
        assert p.webp.stat().st_size <= budget(p) and p.jpeg.stat().st_size <= budget(p), p
        assert mean_luma(p.jpeg) > 20  # still the picture, not a grey smear
    assert budget(posters[1]) == 36_864


def test_an_ordinary_frame_keeps_the_best_quality(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    info = probe(tools, clips["ok_35"], 10).info
    assert info is not None
    sizes = tuple(poster_sizes(info.display_size, (320, 640)))
    (tmp_path / "p").mkdir()
    targets = tuple((tmp_path / "p" / f"{w}.webp", tmp_path / "p" / f"{w}.jpg") for w, _ in sizes)
    wanted = PosterJob(sizes, targets, 8.75)
    made = one_pass(tools, clips["ok_35"], info, [], wanted, timeout=30)
    before = process.stats.started
    posters, _at = settle_posters(tools, clips["ok_35"], info, wanted, made, timeout=30)
    assert process.stats.started == before  # nothing encoded again
    best = [(tmp_path / f"{w}.webp", tmp_path / f"{w}.jpg") for w, _ in sizes]
    assert make_posters(tools, clips["ok_35"], 8.75, sizes, best, timeout=20) is not None
    for p, (webp, jpeg) in zip(posters, best, strict=True):
        assert p.webp.read_bytes() == webp.read_bytes() and p.jpeg.read_bytes() == jpeg.read_bytes()


def test_an_upright_poster_gets_the_budget_of_a_wide_one_of_its_width(
    tools: Tools, tmp_path: Path
) -> None:
    noisy = make_noisy(tmp_path / "upright.mp4", size="360x640")
    info = probe(tools, noisy, 10).info
    assert info is not None
    sizes = tuple(poster_sizes(info.display_size, (320, 640)))
    (tmp_path / "p").mkdir()
    targets = tuple((tmp_path / "p" / f"{w}.webp", tmp_path / "p" / f"{w}.jpg") for w, _ in sizes)
    wanted = PosterJob(sizes, targets, None)
    made = one_pass(tools, noisy, info, [], wanted, timeout=30)
    posters, _at = settle_posters(tools, noisy, info, wanted, made, timeout=30)
    assert [(p.width, p.height) for p in posters] == [(320, 568), (360, 640)]
    assert budget(posters[1]) == 360 * 202 * 16 // 100
    assert all(p.webp.stat().st_size <= budget(p) for p in posters)

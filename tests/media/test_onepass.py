"""One ffmpeg call per clip: the same files as separate calls, a second call only for dark starts."""

from __future__ import annotations

from pathlib import Path

import pytest
from mediakit import make_late_start, mean_luma

from etalase import process
from etalase.content.video import VideoInfo
from etalase.media.onepass import PosterJob, one_pass, settle_posters
from etalase.media.poster import make_posters
from etalase.media.probe import probe
from etalase.media.rendition import make_rendition, saver_recipe, web_recipe
from etalase.media.tools import Tools
from etalase.process import StepFailed

RECIPES = (web_recipe(720, 520, 96), saver_recipe(360, 128, 40))


@pytest.fixture(scope="module")
def dark_start(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Black for the first 12 of 20 seconds: the candidates at 5 and 10 s are black."""
    return make_late_start(tmp_path_factory.mktemp("onepass") / "late.mp4")


def facts(tools: Tools, clip: Path) -> VideoInfo:
    info = probe(tools, clip, 10).info
    assert info is not None
    return info


def job(folder: Path, poster_time: float | None = None) -> PosterJob:
    folder.mkdir(exist_ok=True)
    return PosterJob(
        ((80, 60), (160, 120)),
        tuple((folder / f"{w}.webp", folder / f"{w}.jpg") for w in (80, 160)),
        poster_time,
    )


def test_one_call_writes_the_very_files_of_separate_calls(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    clip = clips["hevc"]  # not remuxable: both renditions are encodes
    info = facts(tools, clip)
    apart, together = tmp_path / "apart", tmp_path / "together"
    apart.mkdir()
    for recipe in RECIPES:
        make_rendition(
            tools, clip, info, recipe, apart / f"{recipe.name}.mp4", timeout=60, threads=1
        )
    wanted = job(together)
    made_apart = make_posters(
        tools,
        clip,
        8.25,
        wanted.sizes,
        [(apart / f"{w}.webp", apart / f"{w}.jpg") for w in (80, 160)],
        timeout=30,
    )
    assert made_apart is not None
    before = process.stats.started
    made = one_pass(
        tools,
        clip,
        info,
        [(r, together / f"{r.name}.mp4") for r in RECIPES],
        wanted,
        timeout=60,
        threads=1,
    )
    assert process.stats.started - before == 1
    assert [(r.name, r.width, r.height, remuxed) for r, remuxed in made.renditions] == [
        ("web", 160, 120, False),
        ("hemat", 160, 120, False),
    ]
    assert made.posters is not None and made.posters[1] == 8.25
    assert [f.time for f in made.looked] == [8.25, 16.5, 24.75, 3.3, 29.7]
    for name in ("web.mp4", "hemat.mp4", "80.webp", "80.jpg", "160.webp", "160.jpg"):
        assert (together / name).read_bytes() == (apart / name).read_bytes(), name
    assert sorted(p.name for p in together.iterdir()) == sorted(p.name for p in apart.iterdir())


def test_a_dark_first_candidate_costs_one_more_call_at_the_chosen_moment(
    tools: Tools, dark_start: Path, tmp_path: Path
) -> None:
    info = facts(tools, dark_start)
    wanted = job(tmp_path / "p")
    before = process.stats.started
    made = one_pass(
        tools, dark_start, info, [(RECIPES[1], tmp_path / "hemat.mp4")], wanted, timeout=60
    )
    assert made.posters is None  # the frame at 5 s is black: not kept
    assert [(f.time, f.acceptable) for f in made.looked] == [
        (5.0, False),
        (10.0, False),
        (15.0, True),
        (2.0, False),
        (18.0, True),
    ]
    posters, at = settle_posters(tools, dark_start, info, wanted, made, timeout=30)
    assert at == 15.0 and process.stats.started - before == 2
    assert all(mean_luma(p.jpeg) > 40 and mean_luma(p.webp) > 40 for p in posters)
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "160.jpg",
        "160.webp",
        "80.jpg",
        "80.webp",
    ]


def test_poster_time_is_taken_as_is_even_when_dark(
    tools: Tools, dark_start: Path, tmp_path: Path
) -> None:
    info = facts(tools, dark_start)
    made = one_pass(
        tools,
        dark_start,
        info,
        [(RECIPES[1], tmp_path / "hemat.mp4")],
        job(tmp_path / "p", poster_time=3.0),
        timeout=60,
    )
    assert made.posters is not None and made.posters[1] == 3.0 and made.looked == []
    assert mean_luma(made.posters[0][0].jpeg) < 20


def test_a_remux_with_posters_is_one_call_that_never_decodes_the_clip(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    clip = clips["ok_35"]  # the poster is looked for at a quarter: 8.75 s
    info = facts(tools, clip)
    before = process.stats.started
    made = one_pass(
        tools, clip, info, [(RECIPES[0], tmp_path / "web.mp4")], job(tmp_path / "p"), timeout=60
    )
    assert process.stats.started - before == 1
    assert made.renditions[0][1] is True  # remuxed
    assert made.posters is not None and [f.time for f in made.looked] == [8.75]


def test_a_failed_call_leaves_nothing_behind(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    info = facts(tools, clips["ok"])
    with pytest.raises(StepFailed):
        one_pass(
            tools,
            clips["text"],
            info,
            [(r, tmp_path / f"{r.name}.mp4") for r in RECIPES],
            job(tmp_path / "p"),
            timeout=30,
        )
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []

"""The competition video's plan (pure data) and its drawtext caption fallback."""

from __future__ import annotations

from pathlib import Path

import pytest

from etalase.media.competition import Clip, card_text, make_video, plan_video
from etalase.media.tools import Tools
from etalase.messages import text
from scenarios import FFMPEG, X264, ffmpeg, grey_frame


def _clip(name: str, seconds: float, size: tuple[int, int] = (1920, 1080)) -> Clip:
    return Clip(
        key=f"sdn-1/{name}",
        title=name,
        school="SD 1",
        source=Path(f"/nowhere/{name}.mp4"),
        duration=seconds,
        width=size[0],
        height=size[1],
        has_audio=True,
    )


def test_the_plan_keeps_the_video_within_five_minutes() -> None:
    plan = plan_video(
        [_clip("a", 200), _clip("b", 120), _clip("c", 30), _clip("d", 5)],
    )

    assert [(p.clip.title, p.seconds, p.trimmed) for p in plan.parts] == [
        ("a", 200, False),
        ("b", 91, True),  # 300 - 3 (opening) - 3 - 200 - 3 (its card)
    ]
    assert [c.title for c in plan.left_out] == ["c", "d"]
    assert plan.seconds == 300
    assert (plan.width, plan.height, plan.reduced) == (1280, 720, False)


def test_a_clip_that_would_be_cut_too_short_is_left_out_and_a_shorter_one_still_fits() -> None:
    plan = plan_video([_clip("a", 285), _clip("b", 60), _clip("c", 5)])

    assert [(p.clip.title, p.seconds) for p in plan.parts] == [("a", 285), ("c", 5)]
    assert [c.title for c in plan.left_out] == ["b"]  # 9 s left: its card and 6 s
    assert plan.seconds == 3 + 3 + 285 + 3 + 5


def test_short_clips_are_all_used_whole() -> None:
    plan = plan_video([_clip("a", 45), _clip("b", 60)])

    assert [p.seconds for p in plan.parts] == [45, 60]
    assert not plan.left_out
    assert plan.seconds == 3 + 3 + 45 + 3 + 60


@pytest.mark.parametrize(
    ("sizes", "frame", "source_p"),
    [
        ([(640, 360), (1280, 720)], (1280, 720), 720),
        ([(720, 1280)], (1280, 720), 720),  # an upright phone clip, pillarboxed
        ([(854, 480), (640, 360)], (854, 480), 480),
        ([(640, 360)], (640, 360), 360),
        ([(320, 180)], (426, 240), 180),
    ],
)
def test_the_frame_is_720p_where_a_source_allows(
    sizes: list[tuple[int, int]], frame: tuple[int, int], source_p: int
) -> None:
    plan = plan_video([_clip(f"c{i}", 30, size) for i, size in enumerate(sizes)])

    assert (plan.width, plan.height) == frame
    assert plan.source_p == source_p
    assert plan.reduced == (frame[1] < 720)


def test_small_sources_are_said_plainly() -> None:
    plan = plan_video([_clip("a", 30, (854, 480))])

    said = text("video.small_sources", "id", p=plan.source_p, made=plan.height)

    assert said == "sumber hanya 480p, video lomba dibuat 480p"


def test_card_text_wraps_long_titles_and_drops_control_characters() -> None:
    title = "Gerakan Literasi Sekolah bersama Orang Tua dan Perpustakaan Desa\x07"

    lines = card_text([title]).splitlines()

    assert all(len(line) <= 36 for line in lines)
    assert " ".join(lines) == title[:-1]


def test_without_libass_the_cues_are_drawn_with_drawtext(tmp_path: Path) -> None:
    source = tmp_path / "still.mp4"
    ffmpeg("-f", "lavfi", "-i", "smptebars=s=426x240:r=25:d=3", *X264, str(source))
    captions = tmp_path / "video.vtt"
    captions.write_text("WEBVTT\n\n00:00:00.800 --> 00:00:02.000\nMurid menanam sayur\n", "utf-8")
    clip = Clip("sdn-1/a", "Kebun", "SD 1", source, 3.0, 426, 240, False, captions)
    plan = plan_video([clip], card=1.0)
    target = tmp_path / "lomba.mp4"
    tools = Tools(ffmpeg=str(FFMPEG), ffprobe="ffprobe")

    make_video(plan, target, tools, opening=("SAHABAT", ["SD 1"]), timeout=120, subtitles=False)

    def lower_third(at: float) -> bytes:
        return grey_frame(target, at, crop="426:80:0:160")

    before, during, after = lower_third(2.3), lower_third(3.4), lower_third(4.6)  # clip at 2 s
    assert sum(abs(a - b) for a, b in zip(before, during, strict=True)) / len(before) > 3
    assert sum(abs(a - b) for a, b in zip(before, after, strict=True)) / len(before) < 1

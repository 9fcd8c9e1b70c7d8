"""``etalase export innovation SLUG --video``: the competition video, made by real ffmpeg."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from etalase.cli import main
from innovation_scenario import MKDOCS as SITE
from innovation_scenario import innovation_text, write_innovation
from scenarios import FFPROBE, X264, Tree, ffmpeg, grey_frame

MKDOCS = SITE.replace(
    "site_name: Etalase Kabupaten Uji", "site_name: Dinas Pendidikan Kabupaten Uji"
)
#: The captioned clip's cue, seconds into the clip.
CUE = (0.8, 2.0)
SRT = "1\n00:00:00,800 --> 00:00:02,000\nMurid menanam sayur di kebun sekolah\n"


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """3 s clips: a still 640x360 picture without sound, a 1280x720 one with mono
    44.1 kHz sound, and a 854x480 one."""
    folder = tmp_path_factory.mktemp("video-clips")
    made = {
        "small_silent": folder / "small_silent.mp4",
        "hd": folder / "hd.mp4",
        "sd": folder / "sd.mp4",
    }
    ffmpeg("-f", "lavfi", "-i", "smptebars=s=640x360:r=25:d=3", *X264, str(made["small_silent"]))
    ffmpeg(
        *("-f", "lavfi", "-i", "testsrc2=s=1280x720:r=30:d=3"),
        *("-f", "lavfi", "-i", "sine=frequency=440:d=3"),
        *X264,
        *("-c:a", "aac", "-ar", "44100", "-ac", "1", "-shortest", str(made["hd"])),
    )
    ffmpeg("-f", "lavfi", "-i", "smptebars=s=854x480:r=25:d=3", *X264, str(made["sd"]))
    return made


@pytest.fixture
def project(tmp_path: Path, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> Tree:
    monkeypatch.chdir(tmp_path)
    tree = Tree(tmp_path, {k: v for k, v in clips.items()})
    (tree.root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    tree.school("sdn-1-blora")
    return tree


def _innovation(tree: Tree, evidence: str) -> None:
    write_innovation(tree.content, "sahabat", innovation_text({"evidence": evidence}))


def _probe(path: Path) -> dict[str, object]:
    found = subprocess.run(
        [FFPROBE, "-v", "error", "-show_format", "-show_streams", "-of", "json", str(path)],
        check=True,
        capture_output=True,
    )
    result: dict[str, object] = json.loads(found.stdout)
    return result


def _difference(a: bytes, b: bytes, rows: range, width: int = 1280) -> float:
    """Mean absolute difference of two grey frames over ``rows``."""
    total = sum(
        abs(x - y)
        for row in rows
        for x, y in zip(
            a[row * width : (row + 1) * width], b[row * width : (row + 1) * width], strict=True
        )
    )
    return total / (len(rows) * width)


def test_the_video_joins_cards_and_clips_at_720p_with_captions_burned_in(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    project.entry("sdn-1-blora", "kebun", clip="small_silent")
    (project.content / "sekolah/sdn-1-blora/kebun/video.id.srt").write_text(SRT, "utf-8")
    project.entry("sdn-1-blora", "robot", clip="hd")
    _innovation(project, "[sdn-1-blora/kebun, sdn-1-blora/robot]")

    assert main(["export", "innovation", "sahabat", "--video", "-o", "lomba.mp4"]) == 0

    out = capsys.readouterr().out
    video = project.root / "lomba.mp4"
    facts = _probe(video)
    streams = {s["codec_type"]: s for s in facts["streams"]}  # type: ignore[attr-defined]
    assert streams["video"]["codec_name"] == "h264"
    assert (streams["video"]["width"], streams["video"]["height"]) == (1280, 720)
    assert streams["audio"]["codec_name"] == "aac"
    assert (streams["audio"]["sample_rate"], streams["audio"]["channels"]) == ("48000", 2)
    duration = float(facts["format"]["duration"])  # type: ignore[index]
    assert abs(duration - (3 + 3 + 3 + 3 + 3)) <= 0.5  # opening, then card + clip twice
    assert duration <= 300
    assert "sumber hanya" not in out
    size = f"{video.stat().st_size / 1e6:.1f}".replace(".", ",")
    assert f"Ditulis: lomba.mp4 (durasi 0:15, {size} MB)" in out
    assert not list(project.root.glob(".lomba.mp4.*"))  # no temporary file left
    # The captioned clip is the first one, after the opening card and its own card (6 s):
    # its picture is still, so only the burned cue changes the lower third.
    clip_start = 6.0
    before = grey_frame(video, clip_start + 0.3)
    during = grey_frame(video, clip_start + (CUE[0] + CUE[1]) / 2)
    after = grey_frame(video, clip_start + 2.6)
    lower, upper = range(480, 720), range(0, 400)
    assert _difference(before, during, lower) > 3
    assert _difference(during, after, lower) > 3
    assert _difference(before, after, lower) < 1
    assert _difference(before, during, upper) < 1


def test_small_sources_make_a_smaller_video_and_say_so(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    project.entry("sdn-1-blora", "kebun", clip="sd")
    _innovation(project, "[sdn-1-blora/kebun]")

    assert main(["export", "innovation", "sahabat", "--video"]) == 0

    assert "sumber hanya 480p, video lomba dibuat 480p" in capsys.readouterr().out
    streams = _probe(project.root / "sahabat.mp4")["streams"]
    video = next(s for s in streams if s["codec_type"] == "video")  # type: ignore[attr-defined]
    assert (video["width"], video["height"]) == (854, 480)
    audio = next(s for s in streams if s["codec_type"] == "audio")  # type: ignore[attr-defined]
    assert audio["codec_name"] == "aac"  # silence: the clip has no sound


def test_no_published_evidence_clip_is_a_clear_problem(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = project.entry("sdn-1-blora", "kebun", clip="sd")
    draft.write_text(draft.read_text("utf-8").replace("published", "review"), "utf-8")
    _innovation(project, "[sdn-1-blora/kebun]")

    assert main(["export", "innovation", "sahabat", "--video"]) == 1

    out = capsys.readouterr().out
    assert "[INNOVATION_VIDEO_NO_EVIDENCE]" in out
    assert "belum punya video bukti yang terbit" in out
    assert not (project.root / "sahabat.mp4").exists()


def test_the_video_is_never_written_inside_content(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    project.entry("sdn-1-blora", "kebun", clip="sd")
    _innovation(project, "[sdn-1-blora/kebun]")

    code = main(["export", "innovation", "sahabat", "--video", "-o", "content/lomba.mp4"])

    assert code == 1
    assert "ada di dalam folder konten" in capsys.readouterr().err
    assert not (project.content / "lomba.mp4").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["export", "--video"],
        ["export", "innovations", "--video"],
        ["export", "innovation", "--video"],
        ["export", "innovation", "sahabat", "--video", "--format", "docx"],
    ],
)
def test_video_is_only_for_one_innovation(
    project: Tree, args: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 2
    assert "etalase export innovation NAMA --video" in capsys.readouterr().err

"""Rendition sizing, the remux rule, and guarded inputs."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

from mediakit import FFMPEG, ffprobe, stream

from etalase.content.video import VideoInfo
from etalase.media.poster import make_posters
from etalase.media.probe import probe
from etalase.media.rendition import (
    can_remux,
    make_rendition,
    saver_recipe,
    target_size,
    web_recipe,
)
from etalase.media.tools import Tools

WEB = web_recipe(720, 520, 96)


def info(**changes: object) -> VideoInfo:
    base = {
        "duration": 40.0,
        "width": 1280,
        "height": 720,
        "rotation": 0,
        "video_codec": "h264",
        "audio_codec": "aac",
        "container": "mov,mp4,m4a,3gp,3g2,mj2",
        "bit_rate": 500_000,
        "pixel_format": "yuv420p",
    }
    base.update(changes)
    return VideoInfo(**base)  # type: ignore[arg-type]


def test_the_short_side_is_capped_and_small_clips_are_not_upscaled() -> None:
    assert target_size((3840, 2160), 720) == (1280, 720)
    assert target_size((2160, 3840), 720) == (720, 1280)
    assert target_size((1920, 1080), 360) == (640, 360)
    assert target_size((176, 144), 720) == (176, 144)
    assert target_size((175, 143), 720) == (174, 142)  # yuv420p needs even sizes


def test_only_a_small_upright_h264_aac_mp4_or_mov_is_remuxed() -> None:
    mp4 = Path("video.mp4")
    assert can_remux(info(), mp4, WEB)
    assert can_remux(info(audio_codec=None), mp4, WEB)
    assert can_remux(info(), Path("VIDEO.MOV"), WEB)
    assert not can_remux(info(), Path("video.3gp"), WEB)
    assert not can_remux(info(container="matroska,webm"), Path("video.mkv"), WEB)
    assert not can_remux(info(video_codec="hevc"), mp4, WEB)
    assert not can_remux(info(audio_codec="opus"), mp4, WEB)
    assert not can_remux(info(rotation=90), mp4, WEB)
    assert not can_remux(info(width=1920, height=1080), mp4, WEB)
    assert not can_remux(info(bit_rate=2_000_000), mp4, WEB)
    assert not can_remux(info(bit_rate=None), mp4, WEB)
    assert not can_remux(info(pixel_format="yuv422p"), mp4, WEB)
    assert not can_remux(info(), mp4, saver_recipe(360, 128, 40))


def test_a_file_name_that_looks_like_an_option_is_only_a_file(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    source = tmp_path / "-y.mp4"
    shutil.copyfile(clips["ok"], source)
    target = tmp_path / "out" / "web.mp4"
    target.parent.mkdir()
    made, remuxed = make_rendition(
        tools, source, info(width=160, height=120, bit_rate=60_000), WEB, target, timeout=30
    )
    assert remuxed and made.bytes == target.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["-y.mp4", "out"]
    assert list(target.parent.iterdir()) == [target]


def test_a_failed_encode_leaves_nothing_behind(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    from etalase.process import StepFailed

    target = tmp_path / "web.mp4"
    try:
        make_rendition(tools, clips["text"], info(), WEB, target, timeout=30)
    except StepFailed as exc:
        assert not exc.timed_out and str(exc)
    else:
        raise AssertionError("a text file must not become a rendition")
    assert list(tmp_path.iterdir()) == []


def test_the_data_saver_is_mono_and_small(
    tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "hemat.mp4"
    made, remuxed = make_rendition(
        tools,
        clips["ok"],
        info(width=160, height=120, duration=3),
        saver_recipe(360, 128, 40),
        target,
        timeout=60,
    )
    assert not remuxed
    audio = stream(ffprobe(target), "audio")
    assert audio is not None and audio["channels"] == 1
    assert made.bytes < 2_000_000 * 3 / 60


def test_an_hdr_phone_clip_is_tone_mapped_to_sdr(tools: Tools, tmp_path: Path) -> None:
    source = tmp_path / "hdr.mov"
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-nostdin",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=160x120:r=10:d=3",
            "-c:v",
            "libx265",
            "-pix_fmt",
            "yuv420p10le",
            "-color_primaries",
            "bt2020",
            "-color_trc",
            "arib-std-b67",
            "-colorspace",
            "bt2020nc",
            "-tag:v",
            "hvc1",
            "-x265-params",
            "log-level=error",
            str(source),
        ],
        check=True,
    )
    probed = probe(tools, source, 10).info
    assert probed is not None and probed.color_transfer == "arib-std-b67"
    assert not can_remux(replace(probed, container="mp4", video_codec="h264"), source, WEB)
    target = tmp_path / "web.mp4"
    make_rendition(tools, source, probed, WEB, target, timeout=60)
    video = stream(ffprobe(target), "video")
    assert video is not None
    assert (video["pix_fmt"], video.get("color_transfer")) == ("yuv420p", "bt709")
    posters = tmp_path / "p"
    posters.mkdir()
    targets = [(posters / "p.webp", posters / "p.jpg")]
    made = make_posters(tools, source, 1.0, [(160, 120)], targets, 30, probed.color_transfer)
    assert made is not None and made[1].acceptable


def test_the_rendition_list_keeps_every_cache_key_and_file_name() -> None:
    """Caches made before the list (two runners) stay valid: the same keys, the same files."""
    from etalase.media.rendition import offline_choice, renditions
    from etalase.policy import default_policy

    policy = default_policy()
    sha, version = "a" * 64, "ffmpeg version 5.1"
    rows = renditions(policy)
    assert [(r.name, r.file_name, r.cache_key(sha, version)) for r in rows] == [
        ("web", "web.mp4", "a3a219e043cc858d7e3878ffd8124eb1b49d8fd1e0309b0d09bc7f84b51dc6fb"),
        ("hemat", "hemat.mp4", "db496536c24a66496c5db4cf2648e22ce9a76cadaa54d04541bdd682118723ff"),
        (
            "offline",
            "offline.webm",
            "d61f15179f5e7bd5205ee47067d2635fbb1fce6b7c10392f406ea42ac89c6045",
        ),
    ]
    assert [r.name for r in rows if r.on_demand] == ["offline"]
    assert [r.name for r in rows if r.saver] == ["hemat"]
    assert offline_choice(policy) == ("offline", "hemat")

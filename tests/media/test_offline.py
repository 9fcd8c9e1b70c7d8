"""The offline rendition: a small VP9/Opus WebM per clip, made on demand and cached.

Issue #23, item 3: one rendition per clip for the offline editions only,
around openZIM's low preset (about 1.4 MB a minute), encoded once and cached
like the others, at no more than 1.5 times the CPU of the ``hemat`` rendition.
"""

from __future__ import annotations

import resource
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from mediakit import FFMPEG, FFPROBE, ffprobe, media_policy, stream

from etalase import process
from etalase.content.loader import LoadResult
from etalase.content.video import VideoInfo
from etalase.media.cache import MediaCache
from etalase.media.commands import FFMPEG_GLOBALS, clip_command
from etalase.media.offline import OfflineResult, expected_bytes, make_offline
from etalase.media.pipeline import recipes, run_media
from etalase.media.rendition import (
    OFFLINE,
    fit_size,
    make_rendition,
    offline_key,
    webm_output,
)
from etalase.media.tools import Tools
from etalase.project import Project
from scenarios import Tree

#: Matroska element IDs: the index a player seeks by, and the first block of frames.
CUES, CLUSTER = b"\x1c\x53\xbb\x6b", b"\x1f\x43\xb6\x75"
#: The card budget of issue #23, item 5: at most 1.6 MB per minute of video.
BUDGET_PER_MINUTE = 1_600_000

Offline = tuple[Tree, Project, LoadResult, OfflineResult]


def fresh_cache_state() -> None:
    """Forget the in-memory manifests, as a new ``etalase`` process would."""
    MediaCache._open.clear()


def project_of(tree: Tree, **changes: object) -> Project:
    return Project.create(tree.root, media_policy(**changes))


def busy_clip(path: Path, seconds: int, size: str = "1280x720") -> Path:
    """A phone-like clip: moving picture with film grain (hard to compress), and a tone."""
    subprocess.run(
        [
            FFMPEG,
            *FFMPEG_GLOBALS,
            "-f",
            "lavfi",
            "-i",
            f"testsrc2=s={size}:r=30:d={seconds},noise=alls=3:allf=t",
            "-f",
            "lavfi",
            "-i",
            f"sine=frequency=300:d={seconds}",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(path),
        ],
        check=True,
    )
    return path


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]) -> Offline:
    root = tmp_path_factory.mktemp("offline")
    busy = busy_clip(root / "busy.mp4", 12, "640x360")
    tree = Tree(root, {**clips, "busy": busy})
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "biasa", clip="ok")
    tree.entry("sdn-1-blora", "iphone-tegak", clip="rotated", video="video.mov")
    tree.entry("sdn-1-blora", "tanpa-suara", clip="silent")
    tree.entry("sdn-1-blora", "ramai", clip="busy")
    project = project_of(tree)  # the test policy: short clips are valid, fast to encode
    fresh_cache_state()
    loaded = project.load(root=root)
    assert loaded.problems == ()
    result = make_offline(project, loaded.catalogue.entries, jobs=2, root=root)
    assert result.problems == ()
    return tree, project, loaded, result


def test_every_clip_gets_a_webm_in_the_media_cache(made: Offline) -> None:
    _tree, project, loaded, result = made
    assert list(result.renditions) == [e.key for e in loaded.catalogue.entries]
    assert (result.processed, result.reused, result.failed) == (4, 0, 0)
    for key, webm in result.renditions.items():
        assert webm.key == key
        assert webm.path.is_relative_to(project.cache.media)
        assert webm.path.name.endswith("-offline.webm")
        assert webm.bytes == webm.path.stat().st_size > 0
        info = ffprobe(webm.path)
        assert float(info["format"]["duration"]) == pytest.approx(webm.duration, abs=0.3)


def test_the_webm_is_vp9_and_opus_and_seekable_by_its_cues(made: Offline) -> None:
    _tree, _project, _loaded, result = made
    webm = result.renditions["sdn-1-blora/ramai"]
    info = ffprobe(webm.path)
    assert info["format"]["format_name"] == "matroska,webm"
    video, audio = stream(info, "video"), stream(info, "audio")
    assert video is not None and audio is not None
    assert (video["codec_name"], video["pix_fmt"]) == ("vp9", "yuv420p")
    assert (audio["codec_name"], audio["channels"]) == ("opus", 1)
    assert (video["width"], video["height"]) == (webm.width, webm.height) == (480, 270)
    assert video["r_frame_rate"] == "25/1"
    # The index comes before the frames: a player seeks without reading to the end.
    data = webm.path.read_bytes()
    assert 0 < data.find(CUES) < data.find(CLUSTER)
    # A key frame every 5 s: a seek decodes at most that much.
    packets = subprocess.run(
        [
            FFPROBE,
            "-v",
            "error",
            "-select_streams",
            "v",
            "-show_entries",
            "packet=pts_time,flags",
            "-of",
            "csv=p=0",
            str(webm.path),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    keys = [line.split(",")[0] for line in packets if line.split(",")[1].startswith("K")]
    assert [round(float(t)) for t in keys] == [0, 5, 10]


def test_a_busy_clip_stays_within_the_card_budget(made: Offline) -> None:
    _tree, _project, _loaded, result = made
    webm = result.renditions["sdn-1-blora/ramai"]
    per_minute = webm.bytes / webm.duration * 60
    assert per_minute <= BUDGET_PER_MINUTE
    assert expected_bytes(webm.duration) == pytest.approx(webm.bytes, rel=0.1)


def test_a_portrait_clip_stays_portrait_and_a_silent_one_has_no_sound(made: Offline) -> None:
    _tree, _project, _loaded, result = made
    upright = result.renditions["sdn-1-blora/iphone-tegak"]
    info = ffprobe(upright.path)
    video = stream(info, "video")
    assert video is not None
    assert (video["width"], video["height"]) == (upright.width, upright.height) == (120, 160)
    assert not video.get("side_data_list") and "rotate" not in video.get("tags", {})
    assert stream(ffprobe(result.renditions["sdn-1-blora/tanpa-suara"].path), "audio") is None


def test_the_long_side_is_capped_at_480_and_small_clips_are_not_upscaled() -> None:
    assert fit_size((1920, 1080), 480) == (480, 270)
    assert fit_size((1080, 1920), 480) == (270, 480)
    assert fit_size((1440, 1080), 480) == (480, 360)
    assert fit_size((160, 120), 480) == (160, 120)
    assert fit_size((641, 361), 480) == (480, 270)


def test_a_second_run_starts_no_process(made: Offline) -> None:
    _tree, project, loaded, first = made
    fresh_cache_state()
    before = process.stats.started
    again = make_offline(project, loaded.catalogue.entries, root=project.root)
    assert process.stats.started == before
    assert (again.processed, again.reused, again.failed) == (0, 4, 0)
    assert again.renditions == first.renditions


def test_the_key_holds_the_content_the_recipe_and_the_ffmpeg_version() -> None:
    key = offline_key("a" * 64, "ffmpeg version 5.1")
    assert offline_key("b" * 64, "ffmpeg version 5.1") != key
    assert offline_key("a" * 64, "ffmpeg version 6.0") != key
    assert offline_key("a" * 64, "ffmpeg version 5.1", replace(OFFLINE, speed=8)) != key
    assert offline_key("a" * 64, "ffmpeg version 5.1", OFFLINE) == key


def test_a_build_never_makes_it_and_a_prune_keeps_it(made: Offline, tools: Tools) -> None:
    _tree, project, loaded, result = made
    policy = project.policy
    fresh_cache_state()
    media = run_media(
        loaded.catalogue, policy, tools, cache_dir=project.cache.media, root=project.root
    )
    assert media.failed == 0
    assert not [p for p in project.cache.media.rglob("*.webm") if "offline" not in p.name]
    assert len(list(project.cache.media.rglob("*-offline.webm"))) == 4
    project.media_cache().prune()
    assert all(webm.path.is_file() for webm in result.renditions.values())


def test_a_failing_clip_is_a_problem_and_the_others_go_on(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "baik", clip="ok")
    tree.entry("sdn-1-blora", "rusak", clip="ok")
    project = project_of(tree)
    fresh_cache_state()
    loaded = project.load(root=tree.root)
    assert loaded.problems == ()
    # Damaged after the check: the probe facts say it is fine, ffmpeg finds otherwise.
    broken = tree.content / "sekolah/sdn-1-blora/rusak/video.mp4"
    broken.write_bytes(broken.read_bytes()[:2000])
    result = make_offline(project, loaded.catalogue.entries, root=tree.root)
    assert list(result.renditions) == ["sdn-1-blora/baik"]
    assert (result.processed, result.failed) == (1, 1)
    (item,) = result.problems
    assert item.path == "content/sekolah/sdn-1-blora/rusak/video.mp4"
    assert item.code == "MEDIA_FAILED"
    assert "video luring (WebM)" in item.message()
    leftovers = list(project.cache.media.rglob("*.webm"))
    assert [p.name for p in leftovers] == [result.renditions["sdn-1-blora/baik"].path.name]


def test_a_timeout_is_reported_and_leaves_no_partial_file(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "lambat", clip="ok")
    project = project_of(tree, media_timeout=0.001)
    fresh_cache_state()
    loaded = project.load(root=tree.root)
    result = make_offline(project, loaded.catalogue.entries, root=tree.root)
    assert result.renditions == {} and result.failed == 1
    (item,) = result.problems
    assert item.code == "MEDIA_TIMEOUT"
    assert list(project.cache.media.rglob("*.webm")) == []


def child_cpu(fn: object) -> float:
    """User + system CPU seconds of the processes ``fn()`` waited for."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    fn()  # type: ignore[operator]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def test_it_costs_at_most_one_and_a_half_times_the_cpu_of_hemat(
    tmp_path: Path, tools: Tools
) -> None:
    source = busy_clip(tmp_path / "phone.mp4", 8)
    info = VideoInfo(
        duration=8.0,
        width=1280,
        height=720,
        rotation=0,
        video_codec="h264",
        audio_codec="aac",
        container="mov,mp4,m4a,3gp,3g2,mj2",
        bit_rate=5_000_000,
        pixel_format="yuv420p",
    )
    hemat = recipes(media_policy())[1]

    def saver() -> None:
        make_rendition(tools, source, info, hemat, tmp_path / "hemat.mp4", timeout=120, threads=1)

    def offline() -> None:
        output = webm_output(info, OFFLINE, tmp_path / "offline.webm")
        args = clip_command(tools.ffmpeg, source, videos=[output], threads=1)
        process.run(args, timeout=120, outputs=[output.target]).check()

    # In turns, the lower of two runs each: the machine is shared.
    turns = [(child_cpu(saver), child_cpu(offline)) for _ in range(2)]
    saver_cpu, offline_cpu = min(s for s, _ in turns), min(o for _, o in turns)
    assert offline_cpu <= 1.5 * saver_cpu, (offline_cpu, saver_cpu)

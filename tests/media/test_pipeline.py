"""The media step end to end: every kind of phone clip becomes a clean, small, upright MP4.

One catalogue with every clip kind schools send is processed once per module
(a few seconds of real encoding at 160x120; the 4K clip runs at 1 fps); the
other tests change one thing and count the processes started.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from mediakit import (
    PRIVATE_TAGS,
    all_tags,
    ffprobe,
    is_faststart,
    mean_luma,
    media_policy,
    rotation,
    stream,
)

from etalase import process
from etalase.content.loader import LoadResult, load_catalogue
from etalase.content.model import Catalogue
from etalase.media import pipeline
from etalase.media.cache import MediaCache
from etalase.media.pipeline import MediaResult, run_media
from etalase.media.tools import Tools
from etalase.policy import Policy
from scenarios import X264, Tree, ffmpeg, rendition_named

#: entry slug -> (fixture clip, file name in the entry folder)
KINDS = {
    "biasa": ("ok", "video.mp4"),
    "layar-hitam": ("black_start", "video.mp4"),
    "iphone-tegak": ("rotated", "video.mov"),
    "iphone-hevc": ("hevc", "video.mov"),
    "android-lama": ("h263", "video.3gp"),
    "webm": ("vp9", "video.webm"),
    "kamera-4k": ("uhd", "video.mp4"),
    "tanpa-suara": ("silent", "video.mp4"),
}

Site = tuple[Tree, Path, LoadResult, MediaResult]
Small = tuple[Tree, Path, Policy]


def fresh_cache_state() -> None:
    """Forget the in-memory manifests, as a new ``etalase`` process would."""
    MediaCache._open.clear()


def load(tree: Tree, policy: Policy, tools: Tools, cache_dir: Path) -> LoadResult:
    prober = MediaCache.open(cache_dir).prober(tools, policy.probe_timeout)
    return load_catalogue(tree.content, policy, root=tree.root, prober=prober)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path], tools: Tools) -> Site:
    root = tmp_path_factory.mktemp("media")
    tree = Tree(root, clips)
    tree.school("sdn-1-blora")
    for slug, (clip, name) in KINDS.items():
        tree.entry("sdn-1-blora", slug, clip=clip, video=name)
    cache_dir = root / ".cache" / "plugin" / "etalase"
    policy = media_policy()
    fresh_cache_state()
    loaded = load(tree, policy, tools, cache_dir)
    assert loaded.problems == ()
    result = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=root, jobs=2)
    return tree, cache_dir, loaded, result


@pytest.mark.slow
def test_every_clip_kind_gets_posters_and_two_renditions(site: Site) -> None:
    _tree, cache_dir, _loaded, result = site
    assert result.problems == ()
    assert (result.processed, result.reused, result.failed) == (len(KINDS), 0, 0)
    assert sorted(result.media) == sorted(f"sdn-1-blora/{slug}" for slug in KINDS)
    for media in result.media.values():
        assert [r.name for r in media.renditions] == ["web", "hemat"]
        assert media.posters and [p.width for p in media.posters] == sorted(
            p.width for p in media.posters
        )
        for item in (*media.renditions, *(f for p in media.posters for f in (p.webp, p.jpeg))):
            path = item.path if hasattr(item, "path") else item
            assert cache_dir in path.parents and path.stat().st_size > 0


@pytest.mark.slow
def test_renditions_are_h264_faststart_upright_and_at_most_720p(site: Site) -> None:
    _tree, _cache, loaded, result = site
    by_key = {e.key: e for e in loaded.catalogue.entries}
    for key, media in result.media.items():
        for rendition in media.renditions:
            info = ffprobe(rendition.path)
            video = stream(info, "video")
            assert video is not None
            assert (video["codec_name"], video["pix_fmt"]) == ("h264", "yuv420p"), key
            assert "mp4" in info["format"]["format_name"]
            assert is_faststart(rendition.path), key
            assert rotation(video) == 0, key
            assert not set(all_tags(info)) & set(PRIVATE_TAGS), key
            assert (video["width"], video["height"]) == (rendition.width, rendition.height)
            limit = 720 if rendition.name == "web" else 360
            assert min(video["width"], video["height"]) <= limit
            audio = stream(info, "audio")
            source_audio = by_key[key].video_info.audio_codec
            assert (audio is None) == (source_audio is None), key
            if audio is not None:
                assert audio["codec_name"] == "aac"
    uhd = result.media["sdn-1-blora/kamera-4k"]
    assert (rendition_named(uhd, "web").width, rendition_named(uhd, "web").height) == (1280, 720)
    assert (rendition_named(uhd, "hemat").width, rendition_named(uhd, "hemat").height) == (640, 360)
    assert [p.width for p in uhd.posters] == [320, 640, 1280]


@pytest.mark.slow
def test_a_portrait_phone_clip_stays_portrait_without_a_rotation_flag(site: Site) -> None:
    _tree, _cache, _loaded, result = site
    media = result.media["sdn-1-blora/iphone-tegak"]
    for rendition in media.renditions:
        assert (rendition.width, rendition.height) == (120, 160)
    for poster in media.posters:
        assert poster.height > poster.width
        video = stream(ffprobe(poster.jpeg), "video")
        assert video is not None and (video["width"], video["height"]) == (120, 160)


@pytest.mark.slow
def test_the_poster_of_a_clip_with_a_black_leader_is_not_black(site: Site) -> None:
    _tree, _cache, _loaded, result = site
    for poster in result.media["sdn-1-blora/layar-hitam"].posters:
        assert mean_luma(poster.jpeg) > 40
        assert mean_luma(poster.webp) > 40


@pytest.mark.slow
def test_a_small_h264_aac_mp4_is_remuxed_not_reencoded(site: Site) -> None:
    tree, _cache, _loaded, result = site
    web = rendition_named(result.media["sdn-1-blora/biasa"], "web")
    assert web is not None
    source = tree.content / "sekolah/sdn-1-blora/biasa/video.mp4"
    ours, theirs = ffprobe(web.path), ffprobe(source)
    # Same packets, new container: stream copy keeps the bitstream byte for byte.
    assert stream(ours, "video")["nb_frames"] == stream(theirs, "video")["nb_frames"]
    assert abs(int(ours["format"]["size"]) - int(theirs["format"]["size"])) < 4096
    assert is_faststart(web.path) and not is_faststart(source)


@pytest.mark.slow
def test_a_second_run_on_unchanged_content_starts_no_process(site: Site, tools: Tools) -> None:
    tree, cache_dir, _loaded, first = site
    fresh_cache_state()
    before = process.stats.started
    loaded = load(tree, media_policy(), tools, cache_dir)
    again = run_media(loaded.catalogue, media_policy(), tools, cache_dir=cache_dir, root=tree.root)
    assert process.stats.started == before
    assert (again.processed, again.reused, again.failed) == (0, len(KINDS), 0)
    assert again.media == first.media
    assert again.seconds < first.seconds / 5


@pytest.mark.slow
def test_a_fresh_clone_with_new_mtimes_costs_hashes_not_processes(site: Site, tools: Tools) -> None:
    tree, cache_dir, _loaded, _first = site
    for video in (tree.content / "sekolah").glob("*/*/video.*"):
        os.utime(video, (1_000_000_000, 1_000_000_000))
    fresh_cache_state()
    before = process.stats.started
    loaded = load(tree, media_policy(), tools, cache_dir)
    again = run_media(loaded.catalogue, media_policy(), tools, cache_dir=cache_dir, root=tree.root)
    assert process.stats.started == before
    assert again.reused == len(KINDS)


def test_originals_are_never_modified(site: Site) -> None:
    tree, _cache, loaded, _result = site
    for entry in loaded.catalogue.entries:
        clip, _name = KINDS[entry.slug]
        original = tree.clips[clip].read_bytes()
        assert (
            hashlib.sha256(entry.video.read_bytes()).digest() == hashlib.sha256(original).digest()
        )
        assert sorted(p.name for p in entry.folder.iterdir()) == sorted(
            ["index.md", entry.video.name]
        )


@pytest.fixture
def small(tree: Tree, tools: Tools) -> Small:
    """Two tiny entries and a warm cache."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "satu", clip="ok")
    tree.entry("sdn-1-blora", "dua", clip="silent")
    cache_dir = tree.root / "cache"
    policy = media_policy()
    fresh_cache_state()
    loaded = load(tree, policy, tools, cache_dir)
    run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=tree.root)
    return tree, cache_dir, policy


def rerun(tree: Tree, cache_dir: Path, policy: Policy, tools: Tools) -> tuple[MediaResult, int]:
    fresh_cache_state()
    before = process.stats.started
    loaded = load(tree, policy, tools, cache_dir)
    result = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=tree.root)
    return result, process.stats.started - before


def test_changing_one_clip_redoes_that_clip_only(small: Small, tools: Tools) -> None:
    tree, cache_dir, policy = small
    shutil.copyfile(tree.clips["edge"], tree.content / "sekolah/sdn-1-blora/dua/video.mp4")
    result, started = rerun(tree, cache_dir, policy, tools)
    assert (result.processed, result.reused, result.failed) == (1, 1, 0)
    assert result.media["sdn-1-blora/dua"].duration == pytest.approx(60.8, abs=0.2)
    # ffprobe, then one ffmpeg call for the poster and both renditions: only for "dua".
    assert started == 2


def test_a_run_with_everything_in_the_cache_starts_no_thread(
    small: Small, tools: Tools, monkeypatch: pytest.MonkeyPatch
) -> None:
    tree, cache_dir, policy = small

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a thread pool was started")

    loaded = load(tree, policy, tools, cache_dir)
    monkeypatch.setattr(pipeline, "ThreadPoolExecutor", no_pool)
    result = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=tree.root)
    assert (result.processed, result.reused, result.failed) == (0, 2, 0)


def test_changing_a_setting_redoes_only_what_it_affects(small: Small, tools: Tools) -> None:
    tree, cache_dir, policy = small
    result, started = rerun(tree, cache_dir, replace(policy, saver_kbps=100), tools)
    assert (result.processed, result.reused) == (2, 0)
    assert started == 2  # one data-saver encode per entry; posters and web reused
    result, started = rerun(tree, cache_dir, replace(policy, poster_widths=(200,)), tools)
    assert started == 2  # one poster call per entry (it also checks the frame)
    assert [p.width for p in result.media["sdn-1-blora/satu"].posters] == [160]


def test_a_clip_of_one_still_picture_is_published_with_a_warning(tree: Tree, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "biasa", clip="ok")
    photo = tree.root / "foto.png"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120", "-frames:v", "1", str(photo))
    folder = tree.entry("sdn-1-blora", "foto", clip=None).parent
    # A photo held for 33 s over a song: what a phone's slideshow app makes of one picture.
    ffmpeg("-loop", "1", "-framerate", "10", "-i", str(photo), "-f", "lavfi", "-i",
           "sine=d=33", "-t", "33", *X264, "-c:a", "aac", str(folder / "video.mp4"))  # fmt: skip
    policy = media_policy()
    cache_dir = tree.root / "c"
    for run in ("made", "reused"):
        fresh_cache_state()
        loaded = load(tree, policy, tools, cache_dir)
        result = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=tree.root)
        assert sorted(result.media) == ["sdn-1-blora/biasa", "sdn-1-blora/foto"], run
        assert [(p.path, p.code, p.severity) for p in result.problems] == [
            ("content/sekolah/sdn-1-blora/foto/video.mp4", "VIDEO_STILL", "warning")
        ], run
        assert "satu gambar diam" in result.problems[0].message()
    assert result.processed == 0  # the second run knew it from the cache


def test_a_failing_clip_is_a_problem_and_the_others_go_on(tree: Tree, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "baik", clip="ok")
    tree.entry("sdn-1-blora", "rusak", clip="truncated")
    # Without tools the loader does not probe: run_media must probe and refuse it itself.
    loaded = load_catalogue(tree.content, media_policy(), root=tree.root)
    assert len(loaded.catalogue.entries) == 2
    fresh_cache_state()
    result = run_media(
        loaded.catalogue, media_policy(), tools, cache_dir=tree.root / "c", root=tree.root
    )
    assert list(result.media) == ["sdn-1-blora/baik"]
    assert (result.processed, result.failed) == (1, 1)
    (item,) = result.problems
    assert item.path == "content/sekolah/sdn-1-blora/rusak/video.mp4"
    assert item.code == "VIDEO_TRUNCATED"


def test_a_timeout_is_reported_and_leaves_no_partial_file(tree: Tree, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "lambat", clip="ok")
    policy = media_policy(media_timeout=0.001)
    cache_dir = tree.root / "c"
    fresh_cache_state()
    loaded = load(tree, policy, tools, cache_dir)
    result = run_media(
        Catalogue(loaded.catalogue.schools, loaded.catalogue.entries),
        policy,
        tools,
        cache_dir=cache_dir,
        root=tree.root,
    )
    assert result.media == {} and result.failed == 1
    assert {p.code for p in result.problems} == {"MEDIA_TIMEOUT"}
    assert len(result.problems) == 3  # poster, web, data saver
    assert "batas waktu 0.001 detik" in result.problems[0].message()
    leftovers = [p for p in cache_dir.rglob("*") if p.is_file() and p.name != "manifest.json"]
    assert leftovers == []


def test_a_lone_clip_gets_every_core_and_many_clips_one_each() -> None:
    cores = pipeline.Cores(cpus=2, workers=2)
    cores.pending = 1
    assert cores.threads() == 2  # one long upload: x264 threads keep both cores busy
    cores.pending = 40
    assert cores.threads() == 1  # two clips at once, one thread each
    cores.finished()
    assert cores.pending == 39
    assert pipeline.Cores(cpus=8, workers=2).threads() == 8  # nothing pending yet: alone

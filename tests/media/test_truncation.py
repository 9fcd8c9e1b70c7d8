"""A clip cut off in transfer is ``VIDEO_TRUNCATED``: never facts, never cached as good, never published.

A stalled upload of a faststart MP4 keeps the index that promises the whole
clip; ffprobe reads only that and says 35 s. The probe holds the file's size
against what its container states (MP4, MOV, 3GP, Matroska, WebM, AVI, FLV,
WMV); a file that states no size is caught by the media step, which
compares what it decoded with the headers' duration and corrects the probe's
memory, so that ``etalase check`` says it too.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from mediakit import ffprobe

from cutclips import make_cut_clips, unsized
from etalase.cli import main
from etalase.content.video import ProbeResult
from etalase.media.cache import MediaCache, job_key
from etalase.media.probe import probe
from etalase.media.tools import Tools
from etalase.project import load_project
from scenarios import Tree

SIZED = ("faststart_mp4", "faststart_mov", "plain_mp4", "mkv", "webm", "avi", "flv", "wmv")


@pytest.fixture(scope="module")
def cut_clips(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    return make_cut_clips(tmp_path_factory.mktemp("cut"))


def place(tree: Tree, slug: str, clip: Path) -> None:
    """An entry ``slug`` whose video is ``clip`` (under its own file name)."""
    tree.entry("sdn-1-blora", slug, clip=None, video=clip.name)
    shutil.copyfile(clip, tree.content / "sekolah" / "sdn-1-blora" / slug / clip.name)


def check_codes(capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, dict[str, str]]]:
    code = main(["check", "--format", "json"])
    problems = json.loads(capsys.readouterr().out)["problems"]
    return code, {p["path"].split("/")[3]: p for p in problems}


@pytest.mark.parametrize("kind", SIZED)
def test_the_probe_calls_a_cut_clip_truncated_and_a_whole_one_good(
    kind: str, cut_clips: dict[str, tuple[Path, Path]], tools: Tools
) -> None:
    whole, cut = cut_clips[kind]
    assert probe(tools, cut, 30).failure == "truncated"
    info = probe(tools, whole, 30).info
    assert info is not None and info.duration == pytest.approx(35, abs=0.2)


def test_the_headers_of_a_cut_faststart_mp4_still_promise_the_whole_clip(
    cut_clips: dict[str, tuple[Path, Path]],
) -> None:
    """The defect itself: ffprobe alone would publish half a clip under a "0:35" label."""
    for kind in ("faststart_mp4", "faststart_mov"):
        _, cut = cut_clips[kind]
        assert float(ffprobe(cut)["format"]["duration"]) == pytest.approx(35, abs=0.2)


def test_check_reports_every_cut_clip_and_passes_the_whole_ones(
    tree: Tree, cut_clips: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    for kind in SIZED:
        whole, cut = cut_clips[kind]
        place(tree, f"utuh-{kind.replace('_', '-')}", whole)
        place(tree, f"potong-{kind.replace('_', '-')}", cut)
    code, found = check_codes(capsys)
    assert code == 1
    assert {slug: p["code"] for slug, p in found.items()} == {
        f"potong-{kind.replace('_', '-')}": "VIDEO_TRUNCATED" for kind in SIZED
    }
    said = found["potong-faststart-mp4"]
    assert "tidak lengkap (terpotong saat diunggah)" in said["message"]
    assert "Unggah ulang" in said["fix"]


def test_a_remembered_good_answer_of_an_older_etalase_is_not_trusted(
    tmp_path: Path, cut_clips: dict[str, tuple[Path, Path]], tools: Tools
) -> None:
    _, cut = cut_clips["faststart_mp4"]
    cache = MediaCache(tmp_path / "cache")
    prober = cache.prober(tools, 30)
    fooled = probe(tools, cut_clips["faststart_mp4"][0], 30)  # what the old probe said of it
    assert fooled.info is not None
    # The answer the old probe remembered, under the key it used.
    cache._record_probe(job_key("probe", cache.source_hash(cut), prober.identity), fooled)
    assert prober(cut).failure == "truncated"
    cache.save()
    again = MediaCache(tmp_path / "cache").prober(tools, 30)
    assert again.known(cut) == ProbeResult(None, "truncated")


def test_the_media_step_never_publishes_a_cut_clip_and_check_learns_it(
    tree: Tree, cut_clips: dict[str, tuple[Path, Path]], capsys: pytest.CaptureFixture[str]
) -> None:
    """An MP4 whose last box runs "to the end of the file" states no size: its headers pass
    the probe, the decode tells the truth."""
    MediaCache._open.clear()
    tree.school("sdn-1-blora")
    place(tree, "utuh", cut_clips["faststart_mp4"][0])
    place(tree, "tanpa-ukuran", unsized(cut_clips["faststart_mp4"][1], tree.root / "x.mp4"))
    place(tree, "mp4-potong", cut_clips["faststart_mp4"][1])
    code, found = check_codes(capsys)
    assert {slug: p["code"] for slug, p in found.items()} == {"mp4-potong": "VIDEO_TRUNCATED"}
    assert main(["media"]) == 1
    out = capsys.readouterr()
    assert "tanpa-ukuran" in out.out + out.err
    cache = load_project().media_cache()
    kept = [k for k, v in cache._data["outputs"].items() if v["files"]]
    assert len(kept) == 3  # poster, web and hemat of the whole clip only
    MediaCache._open.clear()  # a new process
    code, found = check_codes(capsys)
    assert code == 1
    assert {slug: p["code"] for slug, p in found.items()} == {
        "mp4-potong": "VIDEO_TRUNCATED",
        "tanpa-ukuran": "VIDEO_TRUNCATED",
    }

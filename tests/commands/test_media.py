"""``etalase media``: the same report as ``check``, a summary, and no work the second time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etalase import process
from etalase.cli import main
from etalase.media.cache import MediaCache
from scenarios import Tree


@pytest.mark.slow
def test_media_twice_then_a_broken_clip(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    tree.entry("sdn-1-blora", "tegak", clip="rotated", video="video.mov")
    MediaCache._open.clear()
    assert main(["media", "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("Media: 2 diolah, 0 dipakai ulang dari cache, 0 gagal")
    cache = Path(".cache/plugin/etalase/media")
    assert (cache / "manifest.json").is_file()
    assert len(list(cache.glob("*/*-web.mp4"))) == 2

    MediaCache._open.clear()  # as a new process would
    before = process.stats.started
    assert main(["media", "--lang", "en"]) == 0
    assert process.stats.started == before
    assert (
        capsys.readouterr()
        .out.splitlines()[-1]
        .startswith("Media: 0 processed, 2 reused from the cache, 0 failed")
    )

    tree.entry("sdn-1-blora", "rusak", clip="truncated")
    MediaCache._open.clear()
    assert main(["media"]) == 1
    out = capsys.readouterr().out
    assert "[VIDEO_TRUNCATED] content/sekolah/sdn-1-blora/rusak/video.mp4" in out
    assert out.splitlines()[-1].startswith("Media: 0 diolah, 2 dipakai ulang dari cache")


def test_prune_removes_what_no_entry_uses_any_more(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    MediaCache._open.clear()
    assert main(["media"]) == 0
    cache = Path(".cache/plugin/etalase/media")
    first = sorted(p.name for p in cache.glob("*/*"))
    assert len(first) == 4  # a 160 px poster (WebP, JPEG), web and data saver
    (cache / "ab").mkdir()
    (cache / "ab" / ".0123.tmp.mp4").write_bytes(b"left by a killed run")
    video = tree.content / "sekolah/sdn-1-blora/robot-bekas/video.mp4"
    video.write_bytes(tree.clips["silent"].read_bytes())  # the school sends a new clip
    MediaCache._open.clear()
    assert main(["media", "--prune"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("Cache: 5 berkas lama dihapus")
    now = sorted(p.name for p in cache.glob("*/*"))
    assert len(now) == 4 and not set(now) & set(first)
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        {p.parent.name for p in cache.glob("*/*")} | {"manifest.json"}
    )


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["media", "--jobs", "0"])
    assert exc.value.code == 2
    assert "bilangan bulat positif" in capsys.readouterr().err


def test_an_unwritable_cache_is_an_environment_error(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    Path("blocker").write_text("a file where the cache folder should be", encoding="utf-8")
    Path("mkdocs.yml").write_text(
        "site_name: Uji\ndocs_dir: content\nplugins:\n  - etalase:\n"
        "      districts: [Blora]\n      duration_min: 1\n      cache_dir: blocker/cache\n",
        encoding="utf-8",
    )
    assert main(["media", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "the media cache folder" in err and "cannot be written" in err
    assert Path("blocker").read_text(encoding="utf-8").startswith("a file")


@pytest.mark.slow
def test_two_shards_merged_equal_one_full_run(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    # Shard 1 of 2 holds dakon and angklung, shard 2 tegak; three different clips.
    for slug, clip in (("dakon", "ok"), ("tegak", "silent"), ("angklung", "black_start")):
        tree.entry("sdn-1-blora", slug, clip=clip)
    cache = Path(".cache/plugin/etalase/media")

    def outputs(folder: Path) -> list[str]:
        return sorted(p.relative_to(folder).as_posix() for p in folder.glob("*/*"))

    MediaCache._open.clear()
    assert main(["media"]) == 0
    full = outputs(cache)
    shutil.rmtree(cache)

    runners = []
    for k in (1, 2):  # each runner starts with an empty cache and keeps its own
        MediaCache._open.clear()
        assert main(["media", "--shard", f"{k}/2"]) == 0
        out = capsys.readouterr().out
        assert f"Bagian {k}/2: {2 if k == 1 else 1} dari 3 entri valid" in out
        # one complete manifest file, no journal: the runners' folders are merged by copying
        assert [p.name for p in cache.glob("manifest*")] == [f"manifest.shard-{k}-of-2.json"]
        runners.append(Path(f"runner-{k}"))
        cache.rename(runners[-1])
    assert set(outputs(runners[0])).isdisjoint(outputs(runners[1]))

    for folder in runners:  # what a CI job does with the runners' artifacts
        shutil.copytree(folder, cache, dirs_exist_ok=True)
    assert outputs(cache) == full
    MediaCache._open.clear()
    before = process.stats.started
    assert main(["media", "--prune"]) == 0
    assert process.stats.started == before  # nothing left to make: the shards did it all
    out = capsys.readouterr().out
    assert "Media: 0 diolah, 3 dipakai ulang dari cache, 0 gagal" in out
    assert "Cache: 0 berkas lama dihapus" in out
    assert [p.name for p in cache.glob("manifest*")] == ["manifest.json"]
    assert outputs(cache) == full


def test_prune_and_shard_do_not_mix(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["media", "--shard", "1/2", "--prune"])
    assert exc.value.code == 2
    assert "--prune tidak bisa dipakai bersama --shard" in capsys.readouterr().err


def test_a_malformed_shard_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["media", "--shard", "3/2"])
    assert exc.value.code == 2
    assert "harus K/N" in capsys.readouterr().err

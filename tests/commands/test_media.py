"""``etalase media``: the same report as ``check``, a summary, and no work the second time."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Tree
from etalase.cli import main
from etalase.media import runner
from etalase.media.cache import MediaCache


@pytest.mark.slow
def test_media_twice_then_a_broken_clip(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    tree.entry("sdn-1-blora", "tegak", clip="rotated", video="video.mov")
    MediaCache._open.clear()
    assert main(["media", "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[-1].startswith("Media: 2 diolah, 0 dipakai ulang dari cache, 0 gagal")
    cache = Path(".cache/plugin/etalase")
    assert (cache / "manifest.json").is_file()
    assert len(list(cache.glob("*/*-web.mp4"))) == 2

    MediaCache._open.clear()  # as a new process would
    before = runner.stats.started
    assert main(["media", "--lang", "en"]) == 0
    assert runner.stats.started == before
    assert capsys.readouterr().out.splitlines()[-1].startswith(
        "Media: 0 processed, 2 reused from the cache, 0 failed"
    )

    tree.entry("sdn-1-blora", "rusak", clip="truncated")
    MediaCache._open.clear()
    assert main(["media"]) == 1
    out = capsys.readouterr().out
    assert "[VIDEO_UNREADABLE] content/sekolah/sdn-1-blora/rusak/video.mp4" in out
    assert out.splitlines()[-1].startswith("Media: 0 diolah, 2 dipakai ulang dari cache")


def test_jobs_must_be_a_positive_number(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["media", "--jobs", "0"])
    assert exc.value.code == 2
    assert "bilangan bulat positif" in capsys.readouterr().err

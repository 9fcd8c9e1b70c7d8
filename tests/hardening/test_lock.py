"""Two builds (or a build and a media run) of one project at once are refused, not interleaved."""

from __future__ import annotations

import fcntl
import shutil
from pathlib import Path

import pytest
from hostile_scenario import new_site

from etalase.cli import main


def test_a_second_build_is_refused_and_the_site_is_left_alone(
    tmp_path: Path,
    clips: dict[str, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "robot", title="Robot")
    assert site.build() == 0
    before = sorted(p.relative_to(site.out) for p in site.out.rglob("*"))
    lock = tmp_path / ".cache/plugin/etalase/build.lock"
    monkeypatch.chdir(tmp_path)
    with lock.open("a") as held:  # another build holds it
        fcntl.flock(held, fcntl.LOCK_EX)
        assert main(["build"]) == 2
        assert "etalase build atau etalase media lain sedang berjalan" in capsys.readouterr().err
        assert main(["media", "--lang", "en"]) == 2
        assert "another etalase build or etalase media is running" in capsys.readouterr().err
        assert not (tmp_path / ".site.new").exists()
    assert sorted(p.relative_to(site.out) for p in site.out.rglob("*")) == before
    shutil.rmtree(site.out)
    assert main(["build"]) == 0  # the lock is free again once its holder lets go
    assert (site.out / "sekolah/sdn-1-blora/robot/index.html").is_file()

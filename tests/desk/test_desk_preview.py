"""Where the desk keeps its preview: a folder per desk in the project's cache, never left behind."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from etalase.desk.preview import LOCK, sweep
from etalase.lock import exclusive

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench_desk

CACHE = Path(".cache/plugin/etalase/desk")


def test_sweep_removes_only_the_folders_of_desks_no_longer_running(tmp_path: Path) -> None:
    running, dead, newborn = (tmp_path / f"meja-{n}" for n in ("jalan", "mati", "baru"))
    for folder in (running, dead, newborn):
        (folder / "1").mkdir(parents=True)
        (folder / "1" / "index.html").write_text("<p>pratinjau</p>", encoding="utf-8")
    (dead / LOCK).touch()  # its desk was killed: nobody holds the lock
    with exclusive(running / LOCK, "desk"):  # as a running desk holds it
        assert sweep(tmp_path) == [dead]
    assert running.is_dir() and newborn.is_dir() and not dead.exists()


@pytest.mark.slow
def test_the_preview_lives_in_the_cache_and_no_desk_leaves_it_behind(tmp_path: Path) -> None:
    clip = bench_desk.make_clip(tmp_path / "klip", seconds=31)
    project = bench_desk.make_project(tmp_path / "proyek", clip, waiting=1)
    tmp = tmp_path / "tmp"  # the system's temporary folder, as these desks see it
    tmp.mkdir()
    env = {"TMPDIR": str(tmp)}
    killed = bench_desk.DeskProcess(project, env=env)
    (left,) = (project / CACHE).glob("meja-*")
    assert (left / LOCK).is_file() and list(left.glob("*/index.html"))  # the built preview
    killed.proc.kill()  # no chance to clean up
    killed.proc.wait()
    assert left.is_dir()
    with bench_desk.DeskProcess(project, env=env) as desk:
        (own,) = (project / CACHE).glob("meja-*")  # the next desk removed the killed one's
        assert own != left and not left.exists()
        assert sweep(project / CACHE) == []  # a running desk's folder is never swept
    assert desk.proc.returncode is not None
    assert list((project / CACHE).iterdir()) == []  # removed when the desk stops
    assert list(tmp.iterdir()) == []

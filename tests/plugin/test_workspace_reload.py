"""Reading again only the entry folders a watcher named gives what a whole load gives.

``etalase serve`` learns from file events which files a school saved. When they
all lie in entry folders the last load knew, the workspace reads only those
entries again; anything else (a school's profile, a new folder, an office page)
takes the whole walk. Either way the catalogue, the records and the problems
are the same as a fresh load's.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from site_scenario import Site, new_site

from etalase.content.loader import LoadResult
from etalase.content.memo import ReadMemo
from etalase.project import load_project
from etalase.workspace import Workspace, close_workspaces

ROBOT = "sdn-1-blora/robot-bekas"


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    close_workspaces()
    yield
    close_workspaces()


@pytest.fixture
def site(tmp_path: Path, clips: dict[str, Path]) -> Site:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.school("smp-cepu", npsn="20312346", district="Cepu", level="SMP", name="SMP Cepu")
    site.entry("sdn-1-blora", "robot-bekas", title="Robot dari Barang Bekas")
    site.entry("sdn-1-blora", "angklung", title="Angklung Bambu", date="2026-07-01")
    site.entry("smp-cepu", "wayang", title="Wayang Kardus", body="Ada `[` di sini.")
    return site


def workspace(site: Site) -> Workspace:
    return Workspace(load_project(site.root / "mkdocs.yml"), ReadMemo(settle=0))


def whole_load(site: Site) -> LoadResult:
    fresh = workspace(site)
    fresh.refresh()
    assert fresh.result is not None
    return fresh.result


def assert_same(one: LoadResult | None, other: LoadResult) -> None:
    assert one is not None
    assert one.catalogue == other.catalogue
    assert one.records == other.records
    assert dict(one.durations) == dict(other.durations)
    assert sorted(one.problems) == sorted(other.problems)


def later(path: Path) -> None:
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def edit(site: Site, key: str, change: Callable[[str], str]) -> Path:
    index = site.content / "sekolah" / key / "index.md"
    index.write_text(change(index.read_text(encoding="utf-8")), encoding="utf-8")
    later(index)
    return index


EDITS: dict[str, Callable[[str], str]] = {
    "new text": lambda t: t.replace("Murid merakit robot.", "Murid merakit robot penari."),
    "a new title": lambda t: t.replace("Robot dari Barang Bekas", "Robot Penari"),
    "back to review": lambda t: t.replace("status: published", "status: review"),
    "a wrong category": lambda t: t.replace("kreativitas-siswa", "bukan-kategori"),
    "a video that is not there": lambda t: t.replace("video.mp4", "hilang.mp4"),
}


@pytest.mark.parametrize("what", list(EDITS))
def test_an_entry_read_again_alone_equals_a_whole_load(site: Site, what: str) -> None:
    live = workspace(site)
    live.refresh()
    index = edit(site, ROBOT, EDITS[what])
    change = live.refresh(paths=[index])
    assert change.entries == {ROBOT} and not change.schools and not change.other
    assert live.memo.counts.files_read == 1  # no listing or other file read at all
    assert_same(live.result, whole_load(site))


def test_an_entry_made_valid_again_takes_its_place_among_the_others(site: Site) -> None:
    live = workspace(site)
    live.refresh()
    edit(site, ROBOT, EDITS["a wrong category"])
    live.refresh()
    assert ROBOT not in {e.key for e in live.result.catalogue.entries}  # type: ignore[union-attr]
    index = edit(site, ROBOT, lambda t: t.replace("bukan-kategori", "kreativitas-siswa"))
    live.refresh(paths=[index])
    assert_same(live.result, whole_load(site))
    keys = [e.key for e in live.result.catalogue.entries]  # type: ignore[union-attr]
    assert keys == ["sdn-1-blora/angklung", ROBOT, "smp-cepu/wayang"]


def test_a_saved_video_is_probed_again(site: Site, clips: dict[str, Path]) -> None:
    live = workspace(site)
    live.refresh()
    video = site.content / "sekolah" / ROBOT / "video.mp4"
    video.write_bytes(clips["long"].read_bytes())
    later(video)
    change = live.refresh(paths=[video])
    assert ROBOT in change.entries
    assert ROBOT not in {e.key for e in live.result.catalogue.entries}  # type: ignore[union-attr]
    assert_same(live.result, whole_load(site))


@pytest.mark.parametrize(
    "where",
    [
        "sekolah/sdn-1-blora/index.md",  # a school's profile: its every page
        "sekolah/sdn-1-blora/lomba/index.md",  # a folder that was no entry
        "sekolah/sdn-1-blora/robot-bekas",  # the entry folder itself (renamed, removed)
        "index.md",  # an office page
    ],
)
def test_a_file_outside_known_entry_folders_takes_the_whole_walk(site: Site, where: str) -> None:
    live = workspace(site)
    live.refresh()
    profile = edit(site, "sdn-1-blora", lambda t: t.replace("SD sdn-1-blora", "SD Negeri 1"))
    live.refresh(paths=[site.content / where])
    assert live.memo.counts.listings_reused > 0  # the tree was walked
    assert "SD Negeri 1" in {s.name for s in live.result.catalogue.schools}  # type: ignore[union-attr]
    assert profile.exists()

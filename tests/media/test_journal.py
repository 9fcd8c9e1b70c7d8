"""The manifest's journal: a save appends what changed, a torn line is ignored, folds happen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from etalase.media import journal
from etalase.media.cache import MANIFEST, MediaCache, job_key
from etalase.media.journal import Manifest

SECTIONS = ("sources", "probes", "outputs")


def _record(i: int) -> tuple[str, str, dict[str, object]]:
    key = job_key("output", i)
    return ("outputs", key, {"files": [f"{key[:2]}/{key}-web.mp4"], "meta": {"width": 1280}})


def test_a_torn_last_line_is_ignored_and_the_next_record_starts_a_line_of_its_own(
    tmp_path: Path,
) -> None:
    manifest = Manifest(tmp_path / MANIFEST, 1, SECTIONS)
    manifest.save([_record(0)])  # no manifest yet: this save writes it
    manifest.save([_record(1)])
    assert manifest.journal.is_file()
    with manifest.journal.open("ab") as journal_file:  # the power went out mid-write
        journal_file.write(b'[1,"outputs","' + _record(2)[1].encode() + b'",{"fil')
    assert set(manifest.load()["outputs"]) == {_record(0)[1], _record(1)[1]}
    manifest.save([_record(3)])
    assert set(manifest.load()["outputs"]) == {_record(i)[1] for i in (0, 1, 3)}


def test_a_line_of_another_version_or_shape_is_ignored(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path / MANIFEST, 1, SECTIONS)
    manifest.save([_record(0)])
    manifest.journal.write_bytes(
        b'[2,"outputs","a",{}]\n["outputs","b",{}]\n[1,"elsewhere","c",{}]\n{"d":1}\n'
    )
    assert set(manifest.load()["outputs"]) == {_record(0)[1]}


def test_the_journal_is_folded_in_once_it_would_outgrow_half_the_manifest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal, "FOLD_MIN", 0)  # a small manifest, to see the ratio at work
    manifest = Manifest(tmp_path / MANIFEST, 1, SECTIONS)
    manifest.save([_record(i) for i in range(20)])
    first = manifest.path.stat().st_size
    appended = 0
    for i in range(20, 40):
        manifest.save([_record(i)])
        if not manifest.journal.exists():
            break
        assert manifest.journal.stat().st_size <= first * journal.FOLD_RATIO
        appended += 1
    assert 0 < appended < 19  # some saves appended; then one folded
    assert manifest.path.stat().st_size > first
    folded = Manifest(tmp_path / MANIFEST, 1, SECTIONS)
    assert set(folded.load()["outputs"]) == {_record(i)[1] for i in range(21 + appended)}


_WRITER = """
import sys
from pathlib import Path
from etalase.media import journal
from etalase.media.cache import MediaCache, job_key
journal.FOLD_MIN = 4096  # fold often, between the other process's appends
folder, name = Path(sys.argv[1]), sys.argv[2]
cache = MediaCache(folder)
for i in range(120):
    key = job_key(name, i)
    out = cache.output_path(key, "web.mp4")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(b"mp4")
    cache.record(key, [out], {"writer": name, "i": i})
    cache.save()
"""


@pytest.mark.slow
def test_two_processes_saving_into_one_cache_folder_lose_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    writers = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(folder), name])
        for name in ("desk", "media")
    ]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    cache = MediaCache(folder)
    missing = [
        (name, i)
        for name in ("desk", "media")
        for i in range(120)
        if cache.lookup(job_key(name, i)) != {"writer": name, "i": i}
    ]
    assert missing == []
    assert len(Manifest(folder / MANIFEST, 1, SECTIONS).load()["outputs"]) == 240

"""Media shards: ``K/N`` is read strictly and the shards split the entries without overlap;
``--pull``: office PCs take batches from a shared folder, each entry encoded once."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sys
import time
from pathlib import Path
from subprocess import PIPE, STDOUT, Popen

import pytest

from etalase import process
from etalase.cli import main
from etalase.media.cache import MediaCache
from etalase.media.pull import entry_mark, plan_batches
from etalase.media.shard import Shard
from scenarios import Tree


def test_shard_is_read_from_k_slash_n() -> None:
    assert Shard.parse("2/4") == Shard(2, 4)
    assert Shard.parse(" 1 / 1 ") == Shard(1, 1)


@pytest.mark.parametrize("text", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2", ""])
def test_a_shard_outside_one_to_n_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        Shard.parse(text)


def test_every_entry_belongs_to_exactly_one_shard_and_the_split_is_even() -> None:
    keys = [f"sdn-{s}-blora/entri-{n}" for s in range(40) for n in range(25)]
    shards = [Shard(k, 4) for k in range(1, 5)]
    owners = [[s.index for s in shards if s.holds(key)] for key in keys]
    assert all(len(o) == 1 for o in owners)
    sizes = [sum(o == [k] for o in owners) for k in range(1, 5)]
    assert min(sizes) > 200 and max(sizes) < 300  # 1,000 keys, about 250 each


def test_an_entry_keeps_its_shard_whatever_else_is_in_the_catalogue() -> None:
    assert Shard(1, 2).holds("sdn-1-blora/dakon")
    assert not Shard(2, 2).holds("sdn-1-blora/dakon")
    assert Shard(2, 2).holds("sdn-1-blora/tegak")
    assert Shard(1, 2).manifest_name == "manifest.shard-1-of-2.json"


# --- pull mode: idle PCs take batches from a shared folder -----------------------------

COUNTING_FFMPEG = """#!/bin/sh
# ffmpeg that notes who ran it on what (the etalase process is its parent).
case "$*" in *-version*) ;; *) printf '%s %s\\n' "$PPID" "$*" >> "{log}";
  [ -n "$ETALASE_TEST_HANG" ] && sleep "$ETALASE_TEST_HANG" ;; esac
exec {ffmpeg} "$@"
"""


def _pc(tree: Tree, name: str) -> Path:
    """Another office PC: a copy of the content, with a cache of its own."""
    pc = tree.root / name
    shutil.copytree(tree.content, pc / "content")
    shutil.copyfile(tree.root / "mkdocs.yml", pc / "mkdocs.yml")  # the test policy
    return pc


def _counting_ffmpeg(folder: Path) -> tuple[Path, Path]:
    log = folder / "ffmpeg-runs.log"
    script = folder / "ffmpeg"
    script.write_text(COUNTING_FFMPEG.format(log=log, ffmpeg=shutil.which("ffmpeg")))
    script.chmod(0o755)
    return script, log


def _pull(pc: Path, shared: Path, ffmpeg: Path, *more: str, hang: int = 0) -> Popen[str]:
    """``etalase media --pull`` on ``pc``; with ``hang``, ffmpeg waits that many seconds first."""
    env = {**os.environ, "ETALASE_FFMPEG": str(ffmpeg)}
    env.pop("ETALASE_TEST_HANG", None)
    if hang:
        env["ETALASE_TEST_HANG"] = str(hang)
    command = [sys.executable, "-m", "etalase", "media", "--pull", str(shared), "--jobs", "1"]
    return Popen(
        [*command, "--batch", "1", *more],
        cwd=pc,
        env=env,
        stdout=PIPE,
        stderr=STDOUT,
        text=True,
        start_new_session=True,
    )


def _encoders(log: Path) -> dict[str, set[str]]:
    """Entry key -> the processes that ran ffmpeg on its video."""
    found: dict[str, set[str]] = {}
    for line in log.read_text().splitlines():
        pid, args = line.split(" ", 1)
        key = re.search(r"/sekolah/([^/ ]+/[^/ ]+)/video\.", args)
        assert key is not None, line
        found.setdefault(key[1], set()).add(pid)
    return found


def _processed(out: str) -> int:
    found = re.search(r"Media: (\d+) diolah", out)
    assert found is not None, out
    return int(found[1])


@pytest.fixture
def four_entries(tree: Tree) -> list[str]:
    tree.school("sdn-1-blora")
    tree.school("smpn-2-cepu", npsn="20312346")
    made = [
        ("sdn-1-blora", "dakon", "ok"),
        ("sdn-1-blora", "tegak", "silent"),
        ("sdn-1-blora", "angklung", "black_start"),
        ("smpn-2-cepu", "batik", "edge"),
    ]
    for school, slug, clip in made:
        tree.entry(school, slug, clip=clip)
    return sorted(f"{school}/{slug}" for school, slug, _ in made)


@pytest.mark.slow
def test_two_pcs_pulling_encode_every_entry_once_and_the_build_makes_nothing(
    tree: Tree, four_entries: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tree.root / "bersama"
    ffmpeg, log = _counting_ffmpeg(tree.root)
    pcs = [_pc(tree, "pc-1"), _pc(tree, "pc-2")]
    workers = [_pull(pc, shared, ffmpeg) for pc in pcs]
    outs = [w.communicate(timeout=600)[0] for w in workers]
    assert [w.returncode for w in workers] == [0, 0], outs

    # Every entry was encoded, each by one PC only, and the PCs' counts add up.
    encoders = _encoders(log)
    assert sorted(encoders) == four_entries
    assert all(len(pids) == 1 for pids in encoders.values()), encoders
    assert sum(_processed(out) for out in outs) == 4
    for out in outs:  # the later PC may find a batch already finished
        found = re.search(r"(\d) entri sudah selesai sebelumnya; (\d) bagian tersisa", out)
        assert found is not None and int(found[1]) + int(found[2]) == 4, out
    done = sorted(p.name for p in (shared / "cache").glob("manifest*.json"))
    assert len(done) == 4 and all(n.startswith("manifest.shard-pull-") for n in done)
    assert not list((shared / "klaim").iterdir())  # no claim left behind

    # A third run finds nothing to do.
    again = _pull(pcs[0], shared, ffmpeg)
    out = again.communicate(timeout=120)[0]
    assert again.returncode == 0
    assert "4 entri sudah selesai sebelumnya; 0 bagian tersisa: 0 dikerjakan PC ini" in out

    # The build machine copies the shared cache into its own: nothing is made again.
    build = _pc(tree, "build")
    shutil.copytree(shared / "cache", build / ".cache/plugin/etalase/media")
    monkeypatch.chdir(build)
    monkeypatch.setenv("ETALASE_FFMPEG", str(ffmpeg))
    MediaCache._open.clear()
    before = process.stats.started
    assert main(["media", "--prune"]) == 0
    assert process.stats.started == before  # no ffmpeg, no ffprobe
    assert sorted(_encoders(log)) == four_entries and len(log.read_text().splitlines()) == 4


@pytest.mark.slow
def test_a_killed_pcs_claim_is_taken_over(tree: Tree, four_entries: list[str]) -> None:
    shared = tree.root / "bersama"
    ffmpeg, log = _counting_ffmpeg(tree.root)
    stuck = _pull(_pc(tree, "pc-1"), shared, ffmpeg, hang=120)
    deadline = time.monotonic() + 120
    while not log.is_file() and time.monotonic() < deadline:  # it claimed and started ffmpeg
        time.sleep(0.2)
    claims = list((shared / "klaim").iterdir())
    assert len(claims) == 1, claims
    os.killpg(stuck.pid, signal.SIGKILL)  # the PC is switched off mid-batch
    stuck.wait()

    worker = _pull(_pc(tree, "pc-2"), shared, ffmpeg)
    out = worker.communicate(timeout=600)[0]
    assert worker.returncode == 0, out
    assert f"Bagian {claims[0].name[:-2]} diambil alih dari {socket.gethostname()}" in out
    assert "0 entri sudah selesai sebelumnya; 4 bagian tersisa: 4 dikerjakan PC ini" in out
    assert len(list((shared / "cache").glob("manifest.shard-pull-*.json"))) == 4
    assert not list((shared / "klaim").iterdir())


@pytest.mark.slow
def test_ctrl_c_releases_the_claim_and_the_pc_goes_on_later(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "dakon", clip="ok")
    shared = tree.root / "bersama"
    ffmpeg, log = _counting_ffmpeg(tree.root)
    pc = _pc(tree, "pc-1")
    worker = _pull(pc, shared, ffmpeg, hang=3)
    deadline = time.monotonic() + 120
    while not log.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(list((shared / "klaim").iterdir())) == 1
    os.killpg(worker.pid, signal.SIGINT)  # what Ctrl+C in its terminal sends
    worker.communicate(timeout=120)  # the clip being encoded is finished, nothing new starts
    assert worker.returncode == 130
    assert not list((shared / "klaim").iterdir())  # released at once, not after the lease
    assert not list((shared / "cache").glob("manifest.shard-pull-*.json"))

    again = _pull(pc, shared, ffmpeg)
    out = again.communicate(timeout=300)[0]
    assert again.returncode == 0, out
    assert "1 bagian tersisa: 1 dikerjakan PC ini" in out
    assert len(log.read_text().splitlines()) == 1  # what was made before the stop is kept
    assert not (pc / ".cache/plugin/etalase/pull").exists() or not list(
        (pc / ".cache/plugin/etalase/pull").iterdir()
    )


def test_a_fresh_claim_of_another_pc_is_left_until_its_lease_runs_out(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "dakon", clip="ok")
    shared = tree.root / "bersama"
    MediaCache._open.clear()
    assert main(["media", "--pull", str(shared)]) == 0  # learn the batch's name, then forget it
    capsys.readouterr()
    (done,) = (shared / "cache").glob("manifest.shard-pull-*.json")
    batch_id = done.name.removeprefix("manifest.shard-pull-").removesuffix(".json")
    done.unlink()
    shutil.rmtree(shared / "selesai")
    # Another PC claimed the batch (every PC names it the same) a moment ago.
    claim = shared / "klaim" / f"{batch_id}.1"
    claim.write_text('{"host": "pc-tata-usaha", "pid": "4242", "time": "2026-01-05T22:00:00"}')

    MediaCache._open.clear()
    assert main(["media", "--pull", str(shared)]) == 0
    assert "1 bagian tersisa: 0 dikerjakan PC ini, 1 sedang dikerjakan PC lain" in (
        capsys.readouterr().out
    )
    assert claim.is_file() and not list((shared / "cache").glob("manifest.shard-pull-*.json"))

    three_hours_ago = time.time() - 3 * 3600
    os.utime(claim, (three_hours_ago, three_hours_ago))
    MediaCache._open.clear()
    assert main(["media", "--pull", str(shared)]) == 0
    out = capsys.readouterr().out
    assert f"Bagian {batch_id} diambil alih dari pc-tata-usaha (proses 4242" in out
    assert "1 bagian tersisa: 1 dikerjakan PC ini" in out
    assert not claim.exists() and (shared / "cache" / done.name).is_file()


def test_a_shared_folder_that_cannot_be_written_is_an_environment_error(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    Path("bersama").write_text("not a folder")  # a share mounted wrong, or a typo
    assert main(["media", "--pull", "bersama"]) == 2
    err = capsys.readouterr().err
    assert "folder bersama" in err and "tidak bisa dibaca atau ditulis" in err
    assert "Traceback" not in err


def test_pull_does_not_mix_with_shard_or_prune(capsys: pytest.CaptureFixture[str]) -> None:
    for extra in (["--shard", "1/2"], ["--prune"]):
        with pytest.raises(SystemExit) as exc:
            main(["media", "--pull", "bersama", *extra])
        assert exc.value.code == 2
        assert "--pull tidak bisa dipakai bersama --shard atau --prune" in capsys.readouterr().err


def test_batches_are_a_schools_entries_named_by_their_clips() -> None:
    sources = [("b/2", "h2"), ("a/1", "h1"), ("b/1", "h3"), ("b/3", "h4")]
    batches = plan_batches(sources, 2, "ffmpeg 7")
    assert [b.keys for b in batches] == [("a/1",), ("b/1", "b/2"), ("b/3",)]
    assert [b.id.split(".")[0] for b in batches] == ["a", "b", "b"]
    assert plan_batches(reversed(sources), 2, "ffmpeg 7") == batches  # same on every PC
    changed = plan_batches([("a/1", "h1-new"), *sources[:1], *sources[2:]], 2, "ffmpeg 7")
    assert changed[0].id != batches[0].id and changed[1:] == batches[1:]
    assert plan_batches(sources, 2, "ffmpeg 8")[0].id != batches[0].id
    # Clips already in the shared cache are left out; the school's others keep their batch.
    finished = {entry_mark("ffmpeg 7", "h3"), entry_mark("ffmpeg 7", "h2")}
    assert plan_batches(sources, 2, "ffmpeg 7", finished) == [batches[0], batches[2]]


@pytest.mark.slow
def test_a_school_adding_an_entry_costs_one_encoding(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "dakon", clip="ok")
    tree.entry("sdn-1-blora", "tegak", clip="silent")
    MediaCache._open.clear()
    assert main(["media", "--pull", "bersama"]) == 0
    assert "Media: 2 diolah" in capsys.readouterr().out
    tree.entry("sdn-1-blora", "angklung", clip="black_start")  # the next night
    MediaCache._open.clear()
    assert main(["media", "--pull", "bersama"]) == 0
    out = capsys.readouterr().out
    assert "Media: 1 diolah" in out
    assert "2 entri sudah selesai sebelumnya; 1 bagian tersisa: 1 dikerjakan PC ini" in out
    assert len(list(Path("bersama/cache").glob("manifest.shard-pull-*.json"))) == 2

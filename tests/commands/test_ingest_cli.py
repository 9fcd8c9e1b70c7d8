"""``etalase ingest`` as a curator runs it: a real process, Ctrl+C, ``--watch``, bad options."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from etalase.cli import main
from scenarios import Tree

SRC = Path(__file__).resolve().parents[2] / "src"
SD = "20391201 SD Negeri 2 Sambongrejo"
TEXT = "Robot Pemilah Sampah\nKategori: kreativitas siswa\nIzin: ya\n\nMurid merakit robot.\n"


def _drop(tree: Tree) -> Path:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    submission = tree.root / "drop" / SD / "Robot"
    submission.mkdir(parents=True)
    (submission / "video.mp4").write_bytes(tree.clips["ok"].read_bytes())
    (submission / "penjelasan.txt").write_text(TEXT, encoding="utf-8")
    return tree.root / "drop"


def _start(tree: Tree, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "etalase", "ingest", *args],
        cwd=tree.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _interrupt(process: subprocess.Popen[str]) -> tuple[int, str, str]:
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    return process.returncode, out, err


def test_watch_says_a_pass_only_when_something_changed_and_ctrl_c_says_what_was_kept(
    tree: Tree,
) -> None:
    drop = _drop(tree)
    process = _start(tree, str(drop), "--watch", "--interval", "1", "--settle", "0")
    imported = tree.content / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah/index.md"
    deadline = time.monotonic() + 60
    while not imported.is_file() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert imported.is_file()
    time.sleep(5)  # four or five more passes, every one with nothing new
    code, out, err = _interrupt(process)
    assert code == 130, out + err
    lines = out.splitlines()
    summaries = [line for line in lines if "folder sekolah diperiksa" in line]
    assert len(summaries) == 1, out  # the idle passes said nothing
    assert "1 kiriman baru diterima" in summaries[0]
    assert lines[-1].startswith("Dihentikan (Ctrl+C). 1 kiriman yang sudah diterima tetap"), out
    assert "Traceback" not in err


def test_ctrl_c_during_a_single_pass_says_it_stopped(tree: Tree) -> None:
    drop = _drop(tree)
    process = _start(tree, str(drop), "--settle", "120")  # waits to see the upload settle
    time.sleep(4)
    code, out, err = _interrupt(process)
    assert code == 130, out + err
    assert "Dihentikan (Ctrl+C). 0 kiriman yang sudah diterima" in out, out + err
    assert "Traceback" not in err
    assert not (tree.content / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah").exists()


@pytest.mark.parametrize("option", ["--settle", "--interval"])
def test_negative_seconds_are_a_usage_error(
    tree: Tree, option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    drop = _drop(tree)
    with pytest.raises(SystemExit) as stopped:
        main(["ingest", str(drop), option, "-5"])
    assert stopped.value.code == 2
    assert "harus jumlah detik, 0 atau lebih: '-5'" in capsys.readouterr().err
    assert not (drop / SD / "LAPORAN-ETALASE.txt").exists()  # nothing was run

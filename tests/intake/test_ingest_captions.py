"""Captions in the shared-folder drop: copied with the video, keeping their language suffix."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.content.captions import beside_video
from scenarios import Tree

SD = "20391201 SD Negeri 2 Sambongrejo"
TEXT = "Robot Pemilah Sampah\nKategori: kreativitas siswa\nIzin: ya\n\nMurid merakit robot.\n"
SRT = "1\n00:00:01,000 --> 00:00:03,000\nRobot pemilah sampah.\n"


@pytest.mark.parametrize(
    ("name", "copy"),
    [
        ("VID_1.jv.srt", "video.jv.srt"),
        ("Lomba Robot.ID.vtt", "video.id.vtt"),
        ("takarir.srt", "video.srt"),
        ("takarir.final.srt", "video.srt"),
    ],
)
def test_names_beside_the_video(name: str, copy: str) -> None:
    assert beside_video(name, "video.mp4") == copy


def test_a_submission_brings_its_captions(
    tree: Tree, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    sent = tree.root / "drop" / SD / "Robot"
    sent.mkdir(parents=True)
    shutil.copyfile(clips["ok"], sent / "VID_20260814.mp4")
    (sent / "penjelasan.txt").write_text(TEXT, "utf-8")
    (sent / "CapCut.srt").write_bytes(("\ufeff" + SRT).encode("utf-16-le"))
    (sent / "CapCut.jv.srt").write_text(SRT.replace("Robot", "Robot pilah"), "cp1252")
    before = {p.name: p.read_bytes() for p in sent.iterdir()}
    assert main(["ingest", str(tree.root / "drop"), "--settle", "0"]) == 0
    capsys.readouterr()
    entry = tree.content / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah"
    assert (entry / "video.srt").read_bytes() == before["CapCut.srt"]
    assert (entry / "video.jv.srt").read_bytes() == before["CapCut.jv.srt"]
    assert {p.name: p.read_bytes() for p in sent.iterdir() if p.suffix != ".txt"} == {
        k: v for k, v in before.items() if not k.endswith(".txt")
    }  # the school's files as they were
    assert main(["check", str(entry)]) == 0
    assert "takarir" not in capsys.readouterr().out.lower()


def test_a_corrected_submission_brings_new_captions_and_keeps_its_video(
    tree: Tree, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A school fixes its text and sends captions later: the entry (still in review) gets
    them, and a caption named ``video.jv.srt`` is never taken for the video."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    sent = drop / SD / "Robot"
    sent.mkdir(parents=True)
    shutil.copyfile(clips["ok"], sent / "VID_20260814.mp4")
    (sent / "penjelasan.txt").write_text(TEXT, "utf-8")
    (sent / "CapCut.jv.srt").write_text(SRT, "utf-8")
    assert main(["ingest", str(drop), "--settle", "0"]) == 0
    entry = tree.content / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah"
    video = (entry / "video.mp4").read_bytes()
    (sent / "penjelasan.txt").write_text(TEXT.replace("Murid merakit", "Murid kelas 5 merakit"))
    (sent / "CapCut.jv.srt").write_text(SRT.replace("Robot", "Robot anyar"), "utf-8")
    (sent / "CapCut.id.srt").write_text(SRT, "utf-8")
    assert main(["ingest", str(drop), "--settle", "0"]) == 0
    capsys.readouterr()
    assert "Murid kelas 5 merakit" in (entry / "index.md").read_text("utf-8")
    assert (entry / "video.mp4").read_bytes() == video
    assert "Robot anyar" in (entry / "video.jv.srt").read_text("utf-8")
    assert (entry / "video.id.srt").read_text("utf-8") == SRT

"""``etalase ingest`` with a school roster: every school on it can send, unknown NPSNs get hints."""

from __future__ import annotations

import shutil
from pathlib import Path

from etalase.content.reader import read_markdown
from etalase.intake.drop import REPORT_NAME
from etalase.intake.ingest import ingest_once
from etalase.media.tools import Tools
from etalase.project import load_project
from scenarios import Tree

ROSTER = """\
npsn,nama,jenjang,status,kecamatan,desa,alamat
20312345,SD Negeri 1 Blora,SD,negeri,Blora,Kauman,Jl. Pemuda 1
20354321,SMP Negeri 2 Cepu,SMP,negeri,Cepu,Balun,
"""
GOOD_TXT = "Robot Pemilah Sampah\nKategori: kreativitas siswa\nIzin: ya\n\nMurid merakit robot.\n"


def put(path: Path, source: Path | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        shutil.copyfile(source, path)
    else:
        path.write_text(source, encoding="utf-8")


def report(folder: Path) -> str:
    return (folder / REPORT_NAME).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def test_a_roster_school_without_a_profile_gets_one_with_its_first_submission(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    (tree.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    drop = tree.root / "drop"
    school = drop / "20312345 SDN 1 Blora"
    put(school / "Robot" / "video.mp4", clips["ok"])
    put(school / "Robot" / "penjelasan.txt", GOOD_TXT)
    put(school / "Tanpa Teks" / "video.mp4", clips["ok"])
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported == ["sd-negeri-1-blora/robot-pemilah-sampah"]
    profile = tree.content / "sekolah" / "sd-negeri-1-blora" / "index.md"
    source, _ = read_markdown(profile, "index.md")
    assert source is not None and source.meta["name"] == "SD Negeri 1 Blora"
    assert str(source.meta["npsn"]) == "20312345" and source.meta["district"] == "Blora"
    text = report(school)
    assert text.startswith("LAPORAN ETALASE SEKOLAH\nUntuk: SD Negeri 1 Blora\n")
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot/" in text
    loaded = load_project().load(probe=False)
    assert loaded.errors == () and [s.slug for s in loaded.catalogue.schools] == [
        "sd-negeri-1-blora"
    ]


def test_a_refused_first_submission_creates_no_profile(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    (tree.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    drop = tree.root / "drop"
    put(drop / "20354321 SMP 2" / "Pendek" / "video.mp4", clips["long"])
    put(drop / "20354321 SMP 2" / "Pendek" / "penjelasan.txt", GOOD_TXT)
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported == [] and summary.to_fix == ["20354321 SMP 2/Pendek"]
    assert not (tree.content / "sekolah" / "smp-negeri-2-cepu").exists()
    assert "Untuk: SMP Negeri 2 Cepu" in report(drop / "20354321 SMP 2")


def test_an_npsn_not_on_the_roster_is_reported_with_the_closest_names(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    (tree.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    drop = tree.root / "drop"
    put(drop / "20312354 SD Negeri 1 Blora" / "Robot" / "video.mp4", clips["ok"])
    put(drop / "20312354 SD Negeri 1 Blora" / "Robot" / "a.txt", GOOD_TXT)
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported == [] and summary.unknown_folders == ["20312354 SD Negeri 1 Blora"]
    text = report(drop / "20312354 SD Negeri 1 Blora")
    assert "NPSN 20312354 tidak ada di daftar sekolah Dinas" in text
    assert "Yang paling mirip di daftar: 20312345 SD Negeri 1 Blora (Blora)" in text
    assert not (tree.content / "sekolah" / "sd-negeri-1-blora").exists()

"""``etalase export`` and ``etalase report``: the office's inventory and coverage."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etalase.cli import main
from scenarios import Tree

MKDOCS = """\
site_name: Uji
site_url: https://etalase.example.id/
docs_dir: content
plugins:
  - etalase:
      districts: [Blora, Cepu, Jepon]
      duration_min: 1
"""
REVIEW = """\
---
title: "Kebun, Hidroponik \\"Sawi\\""
date: 2026-03-02
category: kegiatan-sekolah
video: video.mp4
consent: true
status: review
---
Menanam sawi.
"""
HEADER = [
    "Sekolah",
    "NPSN",
    "Jenjang",
    "Kecamatan",
    "Kategori",
    "Judul",
    "Tanggal",
    "Durasi (detik)",
    "Status",
    "Unggulan",
    "URL",
    "Dilihat",
    "Diputar",
]


@pytest.fixture
def catalogue(tree: Tree) -> Tree:
    (tree.root / "mkdocs.yml").write_text(MKDOCS)
    tree.school("sdn-1-blora", npsn="20312345")
    tree.school(
        "sdn-2-cepu",
        "---\nname: SD Negeri 2 Cepu\nnpsn: '20354321'\nlevel: SD\ndistrict: Cepu\n---\nSekolah.\n",
    )
    tree.entry("sdn-1-blora", "robot", clip="ok_35")  # its duration is exported
    tree.entry("sdn-1-blora", "kebun", REVIEW, clip="silent")
    tree.entry("sdn-1-blora", "kepanjangan", clip="long")  # invalid: left out
    return tree


def test_csv_opens_in_a_spreadsheet_with_the_columns(
    catalogue: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "csv", "-o", "out/inventaris.csv"]) == 0
    data = (catalogue.root / "out/inventaris.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbfSekolah,NPSN,") and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == HEADER
    assert rows[1:] == [
        [
            "SD sdn-1-blora",
            "20312345",
            "SD",
            "Blora",
            "Kegiatan Sekolah",
            'Kebun, Hidroponik "Sawi"',
            "2026-03-02",
            "35.0",
            "review",
            "tidak",
            "https://etalase.example.id/sekolah/sdn-1-blora/kebun/",
            "0",
            "0",
        ],
        [
            "SD sdn-1-blora",
            "20312345",
            "SD",
            "Blora",
            "Kreativitas Siswa",
            "Judul robot",
            "2026-08-14",
            "35.0",
            "published",
            "tidak",
            "https://etalase.example.id/sekolah/sdn-1-blora/robot/",
            "0",
            "0",
        ],
    ]
    schools = (catalogue.root / "out/inventaris-sekolah.csv").read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(schools)))[1:] == [
        [
            "SD sdn-1-blora",
            "20312345",
            "SD",
            "Blora",
            "2",
            "1",
            "1",
            "https://etalase.example.id/sekolah/sdn-1-blora/",
        ],
        [
            "SD Negeri 2 Cepu",
            "20354321",
            "SD",
            "Cepu",
            "0",
            "0",
            "0",
            "https://etalase.example.id/sekolah/sdn-2-cepu/",
        ],
    ]
    assert "1 entri bermasalah tidak ikut" in capsys.readouterr().out


def test_json_has_one_object_per_entry_and_school(
    catalogue: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [e["title"] for e in data["entries"]] == ['Kebun, Hidroponik "Sawi"', "Judul robot"]
    assert data["entries"][1] == {
        "school": "SD sdn-1-blora",
        "npsn": "20312345",
        "level": "SD",
        "district": "Blora",
        "category": "Kreativitas Siswa",
        "title": "Judul robot",
        "date": "2026-08-14",
        "duration": 35.0,
        "status": "published",
        "featured": False,
        "url": "https://etalase.example.id/sekolah/sdn-1-blora/robot/",
        "views": 0,
        "plays": 0,
    }
    assert [(s["school"], s["entries"]) for s in data["schools"]] == [
        ("SD sdn-1-blora", 2),
        ("SD Negeri 2 Cepu", 0),
    ]


def test_xlsx_has_an_entries_and_a_schools_sheet(catalogue: Tree) -> None:
    assert main(["export", "--format", "xlsx"]) == 0
    book = load_workbook(catalogue.root / "inventaris.xlsx")
    assert book.sheetnames == ["Entri", "Sekolah", "Belum berkontribusi", "Cakupan"]
    entries = list(book["Entri"].values)
    assert list(entries[0]) == HEADER
    assert entries[2][6] == dt.datetime(2026, 8, 14)  # a real date cell, not text
    assert entries[2][7] == 35.0
    assert [row[0] for row in list(book["Sekolah"].values)[1:]] == [
        "SD sdn-1-blora",
        "SD Negeri 2 Cepu",
    ]
    assert book["Entri"].freeze_panes == "A2"
    assert not list(Path(catalogue.root).glob(".inventaris*"))


def test_report_shows_coverage_gaps_and_the_queue(
    catalogue: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert (
        "2 sekolah terdaftar, 1 di antaranya punya entri tayang; 1 entri tayang; "
        "1 menunggu pemeriksaan." in out
    )
    rows = [line.split() for line in out.splitlines() if line.startswith("  ")]
    assert ["Blora", "1", "1", "1"] in rows and ["Cepu", "1", "0", "0"] in rows
    assert ["Jepon", "0", "0", "0"] in rows and ["SD", "2", "1", "1"] in rows
    assert "  Cepu (1):\n    - SD Negeri 2 Cepu (SD, NPSN 20354321)\n" in out
    assert "Kecamatan tanpa sekolah terdaftar: Jepon" in out
    assert '  - sdn-1-blora/kebun: Kebun, Hidroponik "Sawi"' in out
    assert "1 entri bermasalah tidak dihitung" in out
    assert main(["report", "--lang", "en"]) == 0
    assert "Waiting for review (1):" in capsys.readouterr().out


ROSTER = """\
npsn,nama,jenjang,status,kecamatan,desa,alamat
20312345,SD Negeri 1 Blora,SD,negeri,Blora,Kauman,Jl. Pemuda 1
20354321,SD Negeri 2 Cepu,SD,negeri,Cepu,Balun,Jl. Diponegoro 5
20354322,SMP Negeri 3 Cepu,SMP,negeri,Cepu,Ngelo,Jl. Ronggolawe 9
69912345,TK Pertiwi Jepon,TK,swasta,Jepon,Jepon,Jl. Raya Jepon
"""


def test_with_a_roster_report_counts_every_school_on_it(
    catalogue: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    (catalogue.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "1 dari 4 sekolah di daftar Dinas sudah punya entri tayang; 1 entri tayang" in out
    rows = [line.split() for line in out.splitlines() if line.startswith("  ")]
    assert ["Cepu", "2", "0", "0"] in rows and ["Jepon", "1", "0", "0"] in rows
    assert ["SMP", "1", "0", "0"] in rows and ["TK", "1", "0", "0"] in rows
    assert "Sekolah yang belum punya entri tayang (3), per kecamatan:" in out
    assert (
        "  Cepu (2):\n    - SD Negeri 2 Cepu (SD, NPSN 20354321)\n"
        "    - SMP Negeri 3 Cepu (SMP, NPSN 20354322)\n  Jepon (1):\n" in out
    )
    assert "Kecamatan tanpa sekolah terdaftar" not in out


def test_with_a_roster_the_export_lists_the_schools_to_phone(
    catalogue: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    (catalogue.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    assert main(["export", "--format", "xlsx"]) == 0
    book = load_workbook(catalogue.root / "inventaris.xlsx")
    rows = list(book["Belum berkontribusi"].values)
    assert list(rows[0]) == [
        "NPSN",
        "Sekolah",
        "Jenjang",
        "Status",
        "Kecamatan",
        "Desa/Kelurahan",
        "Alamat",
        "Menunggu pemeriksaan",
    ]
    assert [r[:2] for r in rows[1:]] == [
        ("20354321", "SD Negeri 2 Cepu"),
        ("20354322", "SMP Negeri 3 Cepu"),
        ("69912345", "TK Pertiwi Jepon"),
    ]
    assert rows[1][6] == "Jl. Diponegoro 5" and rows[3][3] == "swasta"
    coverage = list(book["Cakupan"].values)
    assert ("Kecamatan", "Blora", 1, 1, 1) in coverage and ("Jenjang", "TK", 1, 0, 0) in coverage
    assert main(["export", "--format", "csv", "-o", "out/inv.csv"]) == 0
    text = (catalogue.root / "out/inv-belum-berkontribusi.csv").read_bytes().decode("utf-8-sig")
    assert "69912345,TK Pertiwi Jepon,TK,swasta,Jepon,Jepon,Jl. Raya Jepon,0\r\n" in text
    capsys.readouterr()
    assert main(["export", "--format", "json", "-o", "-"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["entries"][0]["school"] == "SD Negeri 1 Blora"  # the roster's name wins
    assert [s["npsn"] for s in data["not_contributing"]] == ["20354321", "20354322", "69912345"]


FORMULA_SCHOOL = """\
---
name: "=HYPERLINK(\\"http://evil.example/\\",\\"klik\\")"
npsn: "20399999"
level: SD
district: Blora
---
Sekolah.
"""
FORMULA_ENTRY = """\
---
title: "+cmd|' /C calc'!A0"
date: 2026-03-02
category: kegiatan-sekolah
video: video.mp4
consent: true
status: review
---
Teks.
"""


@pytest.fixture
def hostile(tree: Tree) -> Tree:
    (tree.root / "mkdocs.yml").write_text(MKDOCS)
    tree.school("sdn-9-blora", FORMULA_SCHOOL)
    tree.entry("sdn-9-blora", "rumus", FORMULA_ENTRY, clip="ok_35")
    return tree


def test_csv_cells_that_look_like_formulas_are_neutralised(hostile: Tree) -> None:
    assert main(["export", "--format", "csv", "-o", "out/inventaris.csv"]) == 0
    text = (hostile.root / "out/inventaris.csv").read_bytes().decode("utf-8-sig")
    row = list(csv.reader(io.StringIO(text)))[1]
    assert row[0] == '\'=HYPERLINK("http://evil.example/","klik")'
    assert row[5] == "'+cmd|' /C calc'!A0"
    assert row[6] == "2026-03-02" and row[7] == "35.0"  # dates and numbers untouched
    schools = (hostile.root / "out/inventaris-sekolah.csv").read_bytes().decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(schools)))[1][0].startswith("'=")
    for start in ("=", "+", "-", "@", "\t", "\r"):
        from etalase.commands.export import _cell_text

        assert _cell_text(f"{start}1+1") == f"'{start}1+1"


def test_xlsx_school_text_is_never_a_formula(hostile: Tree) -> None:
    assert main(["export", "--format", "xlsx"]) == 0
    book = load_workbook(hostile.root / "inventaris.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    entries = list(book["Entri"].values)
    assert entries[1][0] == '=HYPERLINK("http://evil.example/","klik")'  # shown as typed
    assert entries[1][5] == "+cmd|' /C calc'!A0"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_output_that_is_a_folder_is_said_plainly_in_either_language(
    catalogue: Tree, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    (catalogue.root / "laporan").mkdir()
    assert main(["export", "--format", fmt, "-o", "laporan"]) == 2
    err = capsys.readouterr().err
    assert "laporan tidak bisa ditulis (itu sebuah folder, bukan berkas)" in err, err
    assert "kesalahan internal" not in err and "Is a directory" not in err
    assert main(["export", "--format", fmt, "-o", "laporan", "--lang", "en"]) == 2
    assert "cannot be written (it is a folder, not a file)" in capsys.readouterr().err

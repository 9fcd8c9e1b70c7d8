"""The school roster: ``etalase roster import`` on real office exports, good and bad."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from etalase.cli import main
from etalase.content.roster import normalise_npsn, read_roster
from etalase.policy import Policy
from scenarios import ENTRY, Tree

MKDOCS = """\
site_name: Uji
docs_dir: content
plugins:
  - etalase:
      districts: [Blora, Cepu, Jepon]
      duration_min: 1
"""
HEADER = [
    "No",
    "Nama Satuan Pendidikan",
    "NPSN",
    "Bentuk Pendidikan",
    "Status",
    "Kecamatan",
    "Desa/Kelurahan",
    "Alamat",
]
ROWS = [
    ["1", "SD Negeri 1 Blora", "20312345", "SD", "Negeri", "Kec. Blora", "Kauman", "Jl. Pemuda 1"],
    ["2", "SMP Negeri 2 Cepu", "20354321", "SMP", "Negeri", "Kec. Cepu", "Balun", "Jl. Diponegoro"],
    ["3", "TK Pertiwi Jepon", "69912345", "TK", "Swasta", "Kec. Jepon", "Jepon", ""],
]


@pytest.fixture
def project(tree: Tree) -> Tree:
    (tree.root / "mkdocs.yml").write_text(MKDOCS)
    return tree


def roster_of(tree: Tree) -> list[list[str]]:
    return [line.split(",") for line in (tree.content / "sekolah.csv").read_text().splitlines()]


def write_csv(
    path: Path, rows: list[list[str]], *, sep: str = ",", bom: bool = False, crlf: bool = False
) -> Path:
    end = "\r\n" if crlf else "\n"
    text = end.join(sep.join(row) for row in rows) + end
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["roster", "import", *args])
    return code, capsys.readouterr().out


def test_an_excel_csv_with_bom_semicolons_and_crlf_becomes_the_roster(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_csv(project.root / "dapodik.csv", [HEADER, *ROWS], sep=";", bom=True, crlf=True)
    code, out = run(capsys, str(source))
    assert code == 0, out
    assert roster_of(project) == [
        ["npsn", "nama", "jenjang", "status", "kecamatan", "desa", "alamat"],
        ["20312345", "SD Negeri 1 Blora", "SD", "negeri", "Blora", "Kauman", "Jl. Pemuda 1"],
        ["20354321", "SMP Negeri 2 Cepu", "SMP", "negeri", "Cepu", "Balun", "Jl. Diponegoro"],
        ["69912345", "TK Pertiwi Jepon", "TK", "swasta", "Jepon", "Jepon", ""],
    ]
    assert "3 sekolah" in out and "3 baru" in out


def test_npsn_stored_as_a_number_is_read_back_unless_digits_were_lost() -> None:
    assert normalise_npsn("20318001") == ("20318001", False)
    assert normalise_npsn("20318001.0") == ("20318001", False)
    assert normalise_npsn("2.0318001E7") == ("20318001", False)
    assert normalise_npsn("2,0318001E+07") == ("20318001", False)
    assert normalise_npsn("'20318001") == ("20318001", False)
    assert normalise_npsn("318001") == ("00318001", True)  # leading zeros lost
    assert normalise_npsn("2.03E7") == (None, False)  # rounded: digits lost
    assert normalise_npsn("203180011") == (None, False)
    assert normalise_npsn("P2963012") == (None, False)
    assert normalise_npsn("") == (None, False)


def test_every_unusable_row_is_reported_with_its_row_number(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        ["Daftar Satuan Pendidikan Kabupaten Blora"],
        [],
        HEADER,
        *ROWS,
        [],
        ["4", "SD Bulat", "2.03E7", "SD", "Negeri", "Kec. Blora", "", ""],
        ["5", "SD Aneh", "20399999", "SDX", "Swasta", "Kec. Blora", "", ""],
        ["6", "SD Kembar", "20312345", "SD", "Negeri", "Kec. Blora", "", ""],
        ["7", "SD Jauh", "20312399", "SD", "Negeri", "Kec. Bandung", "", ""],
        ["8", "", "20312398", "SD", "Negeri", "Kec. Blora", "", ""],
    ]
    code, out = run(capsys, str(write_csv(project.root / "d.csv", rows)))
    assert code == 1
    assert "[ROSTER_NPSN_INVALID] Baris 8: NPSN '2.03E7' tidak bisa dipakai" in out
    assert "[ROSTER_LEVEL_UNKNOWN] Baris 9: jenjang 'SDX' tidak dikenal" in out
    assert "[ROSTER_NPSN_DUPLICATE] Baris 10: NPSN 20312345 sudah ada di baris 4" in out
    assert "[ROSTER_DISTRICT_UNKNOWN] Baris 11: kecamatan 'Kec. Bandung'" in out
    assert "[ROSTER_NAME_MISSING] Baris 12:" in out
    assert "Judul kolom di baris 3" in out
    assert len(roster_of(project)) == 4  # the three good schools were still imported


def test_levels_outside_the_programme_are_one_line_and_the_real_problems_stand_out(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    (project.root / "mkdocs.yml").write_text(MKDOCS + "      levels: [SD, SMP]\n")
    paud = [
        [str(i), f"PAUD Melati {i}", f"{69900000 + i}", "PAUD", "Swasta", "Kec. Blora", "", ""]
        for i in range(312)
    ]
    mi = [
        [str(i), f"MI Nurul {i}", f"{60700000 + i}", "MI", "Swasta", "Kec. Cepu", "", ""]
        for i in range(20)
    ]
    rows = [
        HEADER,
        *ROWS[:2],
        *paud,
        ["x", "SD Bulat", "2.03E7", "SD", "Negeri", "Kec. Blora", "", ""],
        *mi,
        ["y", "SD Kembar", "20312345", "SD", "Negeri", "Kec. Blora", "", ""],
    ]
    code, out = run(capsys, str(write_csv(project.root / "d.csv", rows)))
    assert code == 1, out
    assert "312 baris PAUD, 20 baris MI dilewati: jenjang di luar program" in out
    assert "ROSTER_LEVEL_UNKNOWN" not in out and "PAUD Melati" not in out
    problems = [line for line in out.splitlines() if line.startswith(str(project.root))]
    assert len(problems) == 2, out
    assert "[ROSTER_NPSN_INVALID] Baris 316: NPSN '2.03E7'" in problems[0]
    assert "[ROSTER_NPSN_DUPLICATE] Baris 337: NPSN 20312345 sudah ada di baris 2" in problems[1]
    assert [row[0] for row in roster_of(project)[1:]] == ["20312345", "20354321"]
    code, out = run(capsys, str(project.root / "d.csv"), "--lang", "en")
    assert "312 PAUD rows, 20 MI rows skipped: levels outside the programme" in out


def test_a_merged_two_row_header_is_understood(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    top = ["No", "Nama Sekolah", "NPSN", "Jenjang", "Status", "Wilayah", "", "Alamat"]
    below = ["", "", "", "", "", "Kecamatan", "Kelurahan", ""]
    code, out = run(capsys, str(write_csv(project.root / "d.csv", [top, below, *ROWS])))
    assert code == 0, out
    assert roster_of(project)[1][4:6] == ["Blora", "Kauman"]


def test_reimport_says_what_changed_and_rewrites_only_changed_rows(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *ROWS])))
    before = (project.content / "sekolah.csv").read_text().splitlines()
    rows = [
        [
            "1",
            "SD Negeri 1 Blora Kota",
            "20312345",
            "SD",
            "Negeri",
            "Kec. Blora",
            "Kauman",
            "Jl. Pemuda 1",
        ],
        [
            "2",
            "SMP Negeri 2 Cepu",
            "20354321",
            "SMP",
            "Negeri",
            "Kec. Jepon",
            "Balun",
            "Jl. Diponegoro",
        ],
        ["4", "SD Baru", "20399991", "SD", "Swasta", "Kec. Cepu", "", ""],
    ]
    code, out = run(capsys, str(write_csv(project.root / "d2.csv", [HEADER, *rows])))
    assert code == 0, out
    assert "Ganti nama: 20312345 SD Negeri 1 Blora -> SD Negeri 1 Blora Kota" in out
    assert "Pindah kecamatan: 20354321 SMP Negeri 2 Cepu: Cepu -> Jepon" in out
    assert "Baru: 20399991 SD Baru (SD, Cepu)" in out
    assert "Tidak ada lagi (tutup?): 69912345 TK Pertiwi Jepon (TK, Jepon)" in out
    assert "1 baru, 1 ganti nama, 1 pindah kecamatan, 0 data lain berubah, 1 tidak ada lagi" in out
    after = (project.content / "sekolah.csv").read_text().splitlines()
    assert before[0] == after[0] and len(set(before) & set(after)) == 1  # only the header kept
    code, out = run(capsys, str(project.root / "d2.csv"))
    assert "Daftar sekolah tidak berubah: 3 sekolah" in out


def test_a_refused_row_keeps_the_school_it_had(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *ROWS])))
    rows = [
        ROWS[0],
        ROWS[1],
        ["3", "TK Pertiwi Jepon", "69912345", "TK?", "Swasta", "Kec. Jepon", "", ""],
    ]
    code, out = run(capsys, str(write_csv(project.root / "d2.csv", [HEADER, *rows])))
    assert code == 1 and "tetap memakai data lama" in out
    assert "69912345" in (project.content / "sekolah.csv").read_text()


def test_a_closed_school_with_a_profile_is_pointed_out(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    project.school("tk-pertiwi", npsn="69912345")
    run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *ROWS])))
    code, out = run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *ROWS[:2]])))
    assert code == 0
    assert "punya profil content/sekolah/tk-pertiwi/index.md" in out


def test_an_export_missing_a_school_with_published_entries_is_refused_unless_allowed(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *ROWS])))
    project.school("sdn-1-blora", npsn="20312345")
    project.entry("sdn-1-blora", "robot")
    project.entry(
        "sdn-1-blora",
        "tari",
        ENTRY.format(title="Tari", video="video.mp4").replace(
            "status: published", "status: published\nfeatured: true"
        ),
    )
    project.entry(
        "sdn-1-blora",
        "draf",
        ENTRY.format(title="Draf", video="video.mp4").replace("status: published", "status: draft"),
    )
    before = (project.content / "sekolah.csv").read_bytes()
    partial = write_csv(project.root / "sebagian.csv", [HEADER, ROWS[1]])  # Blora and Jepon cut
    code, out = run(capsys, str(partial))
    assert code == 1, out
    assert "Tidak ada di berkas ini: 20312345 SD Negeri 1 Blora: 2 entri tayang, 1 unggulan." in out
    assert "69912345" not in out, "a school without published entries is no reason to refuse"
    assert "tidak diubah" in out and "--allow-removals" in out
    assert (project.content / "sekolah.csv").read_bytes() == before
    code, out = run(capsys, str(partial), "--allow-removals")
    assert code == 0, out
    assert "PERINGATAN: entri tayang 1 sekolah di atas hilang dari situs" in out
    assert [row[0] for row in roster_of(project)[1:]] == ["20354321"]


def test_an_xlsx_with_several_sheets_uses_the_one_with_the_roster(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    book = Workbook()
    book.active.title = "Keterangan"
    book.active.append(["Diunduh dari Dapodik"])
    sheet = book.create_sheet("Data Sekolah")
    sheet.append(["Rekap Satuan Pendidikan"])
    sheet.append(HEADER)
    for row in ROWS:
        sheet.append([int(row[2]) if i == 2 else row[i] for i in range(len(row))])
    sheet.append(["4", "SD Nol", 312345, "SD", "Negeri", "Kec. Blora", "", ""])
    sheet.append(["5", "SD Pecahan", 20312300.0, "SD", "Negeri", "Kec. Blora", "", ""])
    book.save(project.root / "dapodik.xlsx")
    code, out = run(capsys, str(project.root / "dapodik.xlsx"))
    assert code == 0, out
    assert "lembar 'Data Sekolah'" in out and "1 NPSN tersimpan sebagai angka" in out
    npsns = [row[0] for row in roster_of(project)[1:]]
    assert npsns == ["00312345", "20312300", "20312345", "20354321", "69912345"]


def test_fifty_thousand_rows_import(project: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    districts = ["Blora", "Cepu", "Jepon"]
    rows = [
        [str(i), f"SD Negeri {i}", f"{20300000 + i}", "SD", "Negeri", districts[i % 3], "", ""]
        for i in range(50_000)
    ]
    code, out = run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *rows])))
    assert code == 0, out
    assert len(roster_of(project)) == 50_001


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00", "ROSTER_NOT_SPREADSHEET"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "ROSTER_OLD_EXCEL"),
        (b"", "ROSTER_EMPTY"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "ROSTER_NOT_SPREADSHEET"),
        (b"satu\ndua\ntiga\n", "ROSTER_NO_HEADER"),
    ],
)
def test_a_file_that_is_not_a_roster_leaves_the_old_roster_untouched(
    project: Tree, capsys: pytest.CaptureFixture[str], content: bytes, code: str
) -> None:
    run(capsys, str(write_csv(project.root / "d.csv", [HEADER, *ROWS])))
    before = (project.content / "sekolah.csv").read_bytes()
    (project.root / "bad.csv").write_bytes(content)
    result, out = run(capsys, str(project.root / "bad.csv"))
    assert result == 1 and f"[{code}]" in out and "tidak diubah" in out
    assert (project.content / "sekolah.csv").read_bytes() == before
    assert not list(project.content.glob(".sekolah.csv*"))


def test_a_zip_that_is_not_a_workbook_or_a_zip_bomb_is_refused_unopened(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    with zipfile.ZipFile(project.root / "foto.xlsx", "w") as archive:
        archive.writestr("foto.txt", "bukan lembar kerja")
    code, out = run(capsys, str(project.root / "foto.xlsx"))
    assert code == 1 and "[ROSTER_NOT_SPREADSHEET_XLSX]" in out
    with zipfile.ZipFile(project.root / "bom.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\x00" * (50 * 1024 * 1024))
    assert (project.root / "bom.xlsx").stat().st_size < 1024 * 1024
    code, out = run(capsys, str(project.root / "bom.xlsx"))
    assert code == 1 and "[ROSTER_ZIP_REFUSED]" in out and "bom zip" in out
    assert not (project.content / "sekolah.csv").exists()


def test_a_missing_file_and_a_folder_are_plain_errors(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(capsys, str(project.root / "tidak-ada.xlsx"))
    assert code == 1 and "[ROSTER_UNREADABLE]" in out
    code, out = run(capsys, str(project.root))
    assert code == 1 and "[ROSTER_UNREADABLE]" in out


def test_the_roster_file_is_read_with_the_same_rules(tree: Tree, policy: Policy) -> None:
    path = tree.content / "sekolah.csv"
    path.write_text(
        "npsn,nama,jenjang,status,kecamatan,desa,alamat\n"
        "20312345,SD Negeri 1 Blora,SD,negeri,Blora,,\n"
        "2031234,SD Salah,SD,negeri,Surabaya,,\n"
    )
    roster, problems = read_roster(path, policy, "content/sekolah.csv")
    assert roster is not None and [s.name for s in roster.schools] == ["SD Negeri 1 Blora"]
    assert [(p.path, p.code) for p in problems] == [
        ("content/sekolah.csv", "ROSTER_DISTRICT_UNKNOWN")
    ]
    assert roster.closest(name="SD N 1 Blora")[0].npsn == "20312345"
    assert roster.closest(npsn="20312354")[0].npsn == "20312345"

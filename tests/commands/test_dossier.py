"""``etalase export innovation SLUG --format docx`` and ``etalase export innovations``."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import zxingcpp
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm
from openpyxl import load_workbook
from PIL import Image

from etalase.cli import main
from innovation_scenario import MKDOCS, SECTION_TEXT, innovation_text, write_innovation
from scenarios import Tree, ffmpeg

HEADINGS = [
    "Latar belakang dan masalah",
    "Keunikan",
    "Implementasi",
    "Dampak",
    "Keberlanjutan",
    "Replikasi",
]


@pytest.fixture
def project(tree: Tree) -> Tree:
    (tree.root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot")
    tree.entry("sdn-1-blora", "kebun")
    write_innovation(
        tree.content,
        "sahabat",
        innovation_text(
            {
                "evidence": "[sdn-1-blora/robot, sdn-1-blora/kebun]",
                "impact": "[{measure: Murid putus sekolah, unit: murid, before: 12, after: 3, "
                "year_before: 2020, year_after: 2025}, {measure: Nilai literasi, unit: poin, "
                "before: 61.5, after: 74}]",
            }
        ),
    )
    return tree


def _pictures(doc: object) -> list[tuple[str, bytes]]:
    """(alt text, image bytes) of every inline picture, in document order."""
    found = []
    body = doc.element.body  # type: ignore[attr-defined]
    for inline in body.iter(
        "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}inline"
    ):
        descr = inline.docPr.get("descr") or ""
        blip = inline.graphic.graphicData.pic.blipFill.blip
        found.append((descr, doc.part.related_parts[blip.embed].blob))  # type: ignore[attr-defined]
    return found


def test_the_dossier_follows_the_kipp_outline(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "innovation", "sahabat", "--format", "docx"]) == 0
    assert "Ditulis: sahabat.docx" in capsys.readouterr().out
    doc = Document(str(project.root / "sahabat.docx"))
    headings = [
        (p.style.name, p.text)
        for p in doc.paragraphs
        if p.style.name.startswith(("Heading", "Title"))
    ]
    assert headings[0] == ("Title", "SAHABAT")
    level1 = [text for style, text in headings if style == "Heading 1"]
    assert level1 == [*HEADINGS, "Dampak sebelum dan sesudah", "Penghargaan", "Video bukti"]
    assert [text for style, text in headings if style == "Heading 2"] == [
        "Judul robot",
        "Judul kebun",
    ]
    cover = [p.text for p in doc.paragraphs[:10]]
    assert cover[0] == "DINAS PENDIDIKAN"  # no site_author: the office's generic name
    assert "Saling Bantu Agar Tetap Bersekolah" in cover
    assert "Sekolah: SD sdn-1-blora (NPSN 20312345), Kecamatan Blora" in cover
    assert "Etalase Kabupaten Uji" in cover
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "Teman sebaya menjadi konselor." in body
    impact, awards = doc.tables[0], doc.tables[1]
    assert [[c.text for c in row.cells] for row in impact.rows] == [
        ["Indikator", "Satuan", "Sebelum", "Sesudah"],
        ["Murid putus sekolah", "murid", "12 (2020)", "3 (2025)"],
        ["Nilai literasi", "poin", "61,5", "74"],
    ]
    assert [c.text for c in awards.rows[1].cells] == ["KIPP", "provinsi", "2024", "Top 10"]
    # On paper: a header repeats and stays with its rows; no row splits; fixed widths
    # within the 16 cm of text, the first column the widest (whole words).
    for table in (impact, awards):
        rows = [row._tr for row in table.rows]
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        assert all(c.paragraphs[0].paragraph_format.keep_with_next for c in table.rows[0].cells)
        widths = [col.width for col in table.columns]
        assert sum(widths) <= Cm(16.01) and widths[0] == max(widths)  # (twips round)


RICH_TEXT = """\
Sekolah memakai [lembar kerja](https://contoh.example.id/lembar.pdf) dan
[halaman sekolah](../../sekolah/sdn-1-blora/). Tanya <https://tanya.example.id/>.

Langkahnya:
1. Guru membagi kelompok.
2. Murid membaca bersama.
3. Hasilnya dicatat.

| Kelas | Murid | Buku dibaca |
|-------|------:|------------:|
| IV    | 28    | **112**     |
| V     | 30    | 140         |

![Murid membaca di pojok baca](foto.jpg)

Tahap kedua:

1. Orang tua ikut membaca.
2. Sekolah menambah buku.

![Kebun baca](kebun.webp) ![hilang](tidak-ada.png)
"""


def test_the_text_keeps_its_tables_steps_photos_and_links_on_a4(project: Tree) -> None:
    folder = project.content / "inovasi" / "sahabat"
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=2400x1600",
        "-frames:v",
        "1",
        "-metadata",
        "comment=GPS 6.97S 111.41E",
        str(folder / "foto.jpg"),
    )
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240", "-frames:v", "1", str(folder / "kebun.webp"))
    words = SECTION_TEXT["Implementasi"]
    write_innovation(
        project.content,
        "sahabat",
        innovation_text(
            {"evidence": "[sdn-1-blora/robot]"},
            sections={"Implementasi": words + "\n\n" + RICH_TEXT},
        ),
    )
    assert main(["export", "innovation", "sahabat"]) == 0
    doc = Document(str(project.root / "sahabat.docx"))
    page = doc.sections[0]
    assert (round(page.page_width.mm), round(page.page_height.mm)) == (210, 297)  # A4
    # The school's table is a Word table, before the impact and awards tables.
    school_table = doc.tables[0]
    assert [[c.text for c in row.cells] for row in school_table.rows] == [
        ["Kelas", "Murid", "Buku dibaca"],
        ["IV", "28", "112"],
        ["V", "30", "140"],
    ]
    assert school_table.rows[1].cells[2].paragraphs[0].runs[0].bold
    # Numbered steps: "List Number" paragraphs, each list with its own numbering from 1.
    steps = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert [p.text for p in steps] == [
        "Guru membagi kelompok.",
        "Murid membaca bersama.",
        "Hasilnya dicatat.",
        "Orang tua ikut membaca.",
        "Sekolah menambah buku.",
    ]
    ids = [p._p.pPr.numPr.numId.val for p in steps]
    assert ids[0] == ids[1] == ids[2] != ids[3] == ids[4]
    numbering = doc.part.numbering_part.element
    for num_id in (ids[0], ids[3]):
        (start,) = numbering.num_having_numId(num_id).xpath(
            "./w:lvlOverride[@w:ilvl='0']/w:startOverride/@w:val"
        )
        assert start == "1"
        # ... from a numbering definition of ours: decimal "1." at the list's level.
        abstract = numbering.num_having_numId(num_id).abstractNumId.val
        (level,) = numbering.xpath(f"./w:abstractNum[@w:abstractNumId='{abstract}']/w:lvl[1]")
        assert level.find(qn("w:numFmt")).get(qn("w:val")) == "decimal"
        assert level.find(qn("w:lvlText")).get(qn("w:val")) == "%1."
    # Photos are numbered figures with their captions.
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert captions == ["Gambar 1. Murid membaca di pojok baca", "Gambar 2. Kebun baca"]
    # Links: real hyperlinks (a relative one made absolute), the address written out too.
    links = [(h.text, h.address) for p in doc.paragraphs for h in p.hyperlinks]
    assert links[:3] == [
        ("lembar kerja", "https://contoh.example.id/lembar.pdf"),
        ("halaman sekolah", "https://etalase.example.id/kab/sekolah/sdn-1-blora/"),
        ("https://tanya.example.id/", "https://tanya.example.id/"),
    ]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "lembar kerja (https://contoh.example.id/lembar.pdf)" in text
    assert "Tanya https://tanya.example.id/." in text  # shown once when it is the label
    # Photos beside the innovation: the clean copies, within the page, alt text kept.
    photos = {
        descr: blob for descr, blob in _pictures(doc) if not descr.startswith(("Kode", "Cup"))
    }
    assert sorted(photos) == ["Kebun baca", "Murid membaca di pojok baca"]
    photo = Image.open(io.BytesIO(photos["Murid membaca di pojok baca"]))
    assert photo.format == "JPEG" and max(photo.size) == 1600
    assert b"GPS" not in photos["Murid membaca di pojok baca"]
    assert Image.open(io.BytesIO(photos["Kebun baca"])).format == "PNG"  # Word reads no WebP
    widths = [s.width for s in doc.inline_shapes]
    assert max(widths) <= page.page_width - page.left_margin - page.right_margin
    assert "[hilang]" in text  # a missing picture leaves its alt text


def test_one_qr_code_per_evidence_clip_decodes_to_its_public_link(project: Tree) -> None:
    assert main(["export", "innovation", "sahabat", "-o", "dossier.docx"]) == 0
    doc = Document(str(project.root / "dossier.docx"))
    pictures = _pictures(doc)
    codes = [blob for descr, blob in pictures if descr.startswith("Kode QR: ")]
    posters = [blob for descr, blob in pictures if descr.startswith("Cuplikan video ")]
    assert len(codes) == 2 and len(posters) == 2
    decoded = [zxingcpp.read_barcodes(Image.open(io.BytesIO(blob)))[0].text for blob in codes]
    assert decoded == [
        "https://etalase.example.id/kab/sekolah/sdn-1-blora/robot/",
        "https://etalase.example.id/kab/sekolah/sdn-1-blora/kebun/",
    ]
    assert all(blob.startswith(b"\xff\xd8\xff") for blob in posters)  # JPEG posters
    text = "\n".join(c.text for t in doc.tables[2:] for row in t.rows for c in row.cells)
    assert "Tanggal: 14 Agustus 2026" in text
    cells = [c for t in doc.tables[2:] for row in t.rows for c in row.cells]
    links = list(
        dict.fromkeys(
            (h.text, h.address) for c in cells for p in c.paragraphs for h in p.hyperlinks
        )
    )
    assert links == [
        (url, url)
        for url in (
            "https://etalase.example.id/kab/sekolah/sdn-1-blora/robot/",
            "https://etalase.example.id/kab/sekolah/sdn-1-blora/kebun/",
        )
    ]


def test_an_unknown_or_invalid_innovation_says_why(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    write_innovation(project.content, "rusak", innovation_text({"stage": "selesai"}))
    assert main(["export", "innovation", "rusak"]) == 1
    out = capsys.readouterr().out
    assert "[INNOVATION_STAGE_UNKNOWN]" in out and "[INNOVATION_NOT_FOUND]" in out
    assert not (project.root / "rusak.docx").exists()
    assert main(["export", "innovation", "sahabat", "--format", "csv"]) == 2


def test_the_innovations_list_as_csv_and_xlsx(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    write_innovation(
        project.content,
        "kedua",
        innovation_text(
            {
                "title": "KEDUA",
                "derived_from": "sahabat",
                "running": "false",
                "status": "review",
                "life": "[{year: 2024, status: berjalan}, {year: 2025, status: berhenti}]",
                "sk": "{number: 421/9/2024, date: 2024-02-01, by: Kepala SD}",
                "budget": "[BOS]",
                "replicated_by": "[{name: SD Negeri 1 Sulang, place: Kabupaten Rembang, "
                "year: 2025}]",
            }
        ),
    )
    assert main(["export", "innovations"]) == 0
    assert "2 inovasi." in capsys.readouterr().out
    data = (project.root / "inovasi.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [(r["Inovasi"], r["Masih berjalan"], r["Status"], r["Tumbuh dari"]) for r in rows] == [
        ("KEDUA", "tidak", "review", "sahabat"),
        ("SAHABAT", "ya", "published", ""),
    ]
    assert rows[1]["URL"] == "https://etalase.example.id/kab/inovasi/sahabat/"
    assert rows[1]["Video bukti"] == "Judul robot; Judul kebun"
    assert (rows[0]["Perjalanan per tahun"], rows[0]["SK"], rows[0]["Sumber anggaran"]) == (
        "2024: berjalan; 2025: berhenti",
        "421/9/2024 (2024-02-01, Kepala SD)",
        "BOS",
    )
    assert rows[0]["Ditiru oleh"] == "SD Negeri 1 Sulang (Kabupaten Rembang, 2025)"
    assert main(["export", "innovations", "--format", "xlsx"]) == 0
    sheet = load_workbook(project.root / "inovasi.xlsx")["Inovasi"]
    assert [c.value for c in sheet[1]][:3] == ["Inovasi", "Kepanjangan", "Sekolah"]
    assert sheet["A3"].value == "SAHABAT" and sheet["I3"].value == "ya"


@pytest.mark.parametrize(
    "site_url", ["", "site_url: http://127.0.0.1:8000/\n", "site_url: http://localhost/\n"]
)
def test_qr_codes_to_this_computer_are_refused_unless_allowed(
    project: Tree, capsys: pytest.CaptureFixture[str], site_url: str
) -> None:
    path: Path = project.root / "mkdocs.yml"
    path.write_text(
        MKDOCS.replace("site_url: https://etalase.example.id/kab/\n", site_url), "utf-8"
    )
    assert main(["export", "innovation", "sahabat"]) == 1
    out = capsys.readouterr().out
    assert "Dossier tidak dibuat: site_url di mkdocs.yml" in out and "--allow-local" in out
    assert not (project.root / "sahabat.docx").exists()
    assert main(["export", "innovation", "sahabat", "--allow-local"]) == 0
    assert "tidak bisa dibuka juri" in capsys.readouterr().out
    assert (project.root / "sahabat.docx").exists()


def test_hostile_text_is_plain_text_in_the_dossier(project: Tree) -> None:
    write_innovation(
        project.content,
        "jahat",
        innovation_text(
            {
                "title": '"<b>JAHAT</b>\\a"',
                "meaning": '"<script>alert(1)</script>"',
                "impact": '[{measure: "<i>ukur</i>\\x01", unit: "&amp;", before: 1, after: 2}]',
                "evidence": "[]",
                "replicated_by": '[{name: "SD\\x01 <b>Jahat</b>", place: "Kab\\x02", year: 2025}]',
                "life": '[{year: 2025, status: berjalan, note: "<i>catat</i>\\x03"}]',
            }
        ),
    )
    assert main(["export", "innovation", "jahat", "--letter", "replikasi"]) == 0
    letter = Document(str(project.root / "jahat-surat-replikasi.docx"))
    cells = [c.text for t in letter.tables for row in t.rows for c in row.cells]
    assert "Kepala SD <b>Jahat</b>" in cells and "Kab" in cells
    assert main(["export", "innovation", "jahat", "--format", "pkri"]) == 0
    pkri = Document(str(project.root / "jahat-pkri.docx"))
    cells = [c.text for t in pkri.tables for row in t.rows for c in row.cells]
    assert "<i>catat</i>" in cells
    assert main(["export", "innovation", "jahat"]) == 0
    doc = Document(str(project.root / "jahat.docx"))
    assert doc.paragraphs[2].text == "<b>JAHAT</b>"  # the bell character is dropped
    assert doc.paragraphs[3].text == "<script>alert(1)</script>"
    impact = next(t for t in doc.tables if t.rows[0].cells[0].text == "Indikator")
    assert impact.rows[1].cells[0].text == "<i>ukur</i>"
    assert impact.rows[1].cells[1].text == "&amp;"
    assert main(["export", "innovations", "--format", "xlsx"]) == 0


def test_views_of_the_evidence_are_a_hook_the_statistics_fill(project: Tree) -> None:
    from etalase.commands.dossier import run_dossier
    from etalase.project import load_project

    views = {"sdn-1-blora/robot": 1234}
    assert run_dossier(load_project(), "sahabat", views=views) == 0
    doc = Document(str(project.root / "sahabat.docx"))
    cells = [c.text for t in doc.tables[2:] for row in t.rows for c in row.cells]
    assert any("Ditonton 1234 kali" in c for c in cells)
    assert any("Ditonton 0 kali" in c for c in cells)  # a clip nobody watched yet
    assert main(["export", "innovation", "sahabat"]) == 0  # nothing imported: no views
    doc = Document(str(project.root / "sahabat.docx"))
    assert not [
        p
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        if "Ditonton" in p.text
    ]


def test_the_export_command_takes_the_views_from_the_imported_logs(project: Tree) -> None:
    from etalase.stats.totals import Totals, totals_path, write_totals

    totals = Totals()
    for _ in range(7):
        totals.add(totals.entries, "sdn-1-blora/robot", "2026-09", "views")
    write_totals(totals_path(project.root), totals)
    assert main(["export", "innovation", "sahabat"]) == 0
    doc = Document(str(project.root / "sahabat.docx"))
    cells = [c.text for t in doc.tables[2:] for row in t.rows for c in row.cells]
    assert any("Ditonton 7 kali" in c for c in cells)


def test_the_new_exports_refuse_wrong_combinations(project: Tree) -> None:
    assert main(["export", "--letter", "replikasi"]) == 2
    assert main(["export", "programme", "--format", "csv"]) == 2
    assert main(["export", "--format", "pkri"]) == 2
    assert main(["export", "innovation", "tidak-ada", "--format", "pkri"]) == 1
    assert not list(project.root.glob("*.docx"))

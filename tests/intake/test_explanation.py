"""Explanation files as teachers write them: Word, Notepad, Markdown, loose labels."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from docx import Document

from etalase.content.values import match_category, normalise_date
from etalase.intake.explanation import explanation_notes, parse_explanation, read_explanation
from etalase.policy import default_policy


def test_title_labels_and_body_are_told_apart_whatever_the_spacing_and_case() -> None:
    text = (
        "\n  Robot Pemilah Sampah  \n"
        "KATEGORI :  Kreativitas Siswa\n"
        "tanggal:14 Agustus 2026\n"
        "Tag: robotik,  daur ulang ; sains\n"
        "Izin orang tua/wali : Ya\n"
        "\n"
        "Murid kelas 5 membuat robot.\n"
        "\n"
        "Catatan: dibimbing Bu Sri.\n"
    )
    e = parse_explanation(text)
    assert e is not None
    assert e.title == "Robot Pemilah Sampah"
    assert e.category == "Kreativitas Siswa"
    assert e.date == "14 Agustus 2026"
    assert e.tags == ("robotik", "daur ulang", "sains")
    assert e.consent is True
    assert e.body == "Murid kelas 5 membuat robot.\n\nCatatan: dibimbing Bu Sri."


def test_markdown_heading_title_and_no_consent_line() -> None:
    e = parse_explanation("# Kebun Hidroponik\n\nMenanam sawi.\n", markdown=True)
    assert e is not None and e.title == "Kebun Hidroponik" and e.consent is False
    assert parse_explanation("  \n\n") is None
    assert parse_explanation("Izin: tidak\nJudul: Pentas Seni\n") == parse_explanation(
        "Pentas Seni\nIzin: belum"
    )


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2026-08-14", "2026-08-14"),
        ("14-08-2026", "2026-08-14"),
        ("14/8/2026", "2026-08-14"),
        ("14 agustus 2026", "2026-08-14"),
        ("3 Des. 2025", "2025-12-03"),
        ("31 Februari 2026", "31 Februari 2026"),
        ("kemarin", "kemarin"),
    ],
)
def test_dates_written_the_indonesian_way(written: str, iso: str) -> None:
    assert normalise_date(written) == iso


def test_categories_by_slug_or_label() -> None:
    policy = default_policy()
    assert match_category("Inovasi  pembelajaran", policy) == "inovasi-pembelajaran"
    assert match_category("kegiatan-sekolah", policy) == "kegiatan-sekolah"
    assert match_category("kreativitas", policy) == "kreativitas-siswa"
    assert match_category("Olahraga", policy) == "Olahraga"
    assert match_category("k", policy) == "k"  # two categories start with k: not guessed


def test_word_document(tmp_path: Path) -> None:
    doc = Document()
    for line in (
        "Pameran Sains Kelas 8",
        "Kategori: inovasi pembelajaran",
        "Izin: ya",
        "",
        "Siswa memamerkan alat peraga.",
    ):
        doc.add_paragraph(line)
    doc.save(str(tmp_path / "penjelasan.docx"))
    e, bad = read_explanation(tmp_path / "penjelasan.docx", "x/penjelasan.docx")
    assert bad is None and e is not None
    assert (e.title, e.category, e.consent) == (
        "Pameran Sains Kelas 8",
        "inovasi pembelajaran",
        True,
    )
    assert e.body == "Siswa memamerkan alat peraga."


def test_notepad_ansi_and_utf16(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("Caf\xe9 Literasi\r\nIzin: ya\r\nIsi.".encode("cp1252"))
    (tmp_path / "b.txt").write_text("Pojok Baca\nIsi.", encoding="utf-16")
    a, _ = read_explanation(tmp_path / "a.txt", "a.txt")
    b, _ = read_explanation(tmp_path / "b.txt", "b.txt")
    assert a is not None and a.title == "Café Literasi" and a.consent
    assert b is not None and b.title == "Pojok Baca"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("rusak.docx", b"PK\x03\x04 bukan zip", "DROP_TEXT_UNREADABLE"),
        ("teks.docx", b"Ini teks biasa yang diberi nama .docx", "DROP_TEXT_UNREADABLE"),
        ("kosong.txt", b"\n\n  \n", "DROP_TITLE_MISSING"),
        ("besar.txt", b"a" * (300 * 1024), "FILE_TOO_LARGE"),
    ],
)
def test_unreadable_files_are_problems(tmp_path: Path, name: str, data: bytes, code: str) -> None:
    (tmp_path / name).write_bytes(data)
    e, bad = read_explanation(tmp_path / name, name)
    assert e is None and bad is not None
    assert (bad.code, bad.path) == (code, name)


@pytest.mark.parametrize("suffix", [".docx", ".txt"])
def test_each_paragraph_stays_a_paragraph_on_the_page(tmp_path: Path, suffix: str) -> None:
    """Word paragraphs (and Notepad lines) are joined by single line breaks, which
    Markdown would merge into one paragraph: each must reach the page as its own <p>."""
    lines = (
        "Kebun Sekolah",
        "Izin: ya",
        "Siswa menanam sawi.",
        "Panen setiap Jumat.",
        "Hasilnya dijual di kantin.",
    )
    path = tmp_path / f"penjelasan{suffix}"
    if suffix == ".docx":
        doc = Document()
        for line in lines:
            doc.add_paragraph(line)
        doc.save(str(path))
    else:
        path.write_text("\r\n".join(lines), encoding="utf-8")
    e, bad = read_explanation(path, path.name)
    assert bad is None and e is not None
    html = markdown.markdown(e.body)
    assert html == (
        "<p>Siswa menanam sawi.</p>\n<p>Panen setiap Jumat.</p>\n<p>Hasilnya dijual di kantin.</p>"
    )


def tiny_png(path: Path) -> Path:
    """A 1x1 PNG, the smallest picture Word takes."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )
    return path


def site_markdown_extensions() -> list[str]:
    """The Markdown extensions the repository's mkdocs.yml gives every page."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((Path(__file__).parents[2] / "mkdocs.yml").read_text("utf-8"), Loader)
    return [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]


def test_a_word_table_stays_a_table_and_pictures_are_counted(tmp_path: Path) -> None:
    """#22.8a: nothing of a Word explanation vanishes without a note."""
    doc = Document()
    doc.add_paragraph("Panen Kebun Sekolah")
    doc.add_paragraph("Izin: ya")
    doc.add_paragraph("Hasil panen minggu ini:")
    table = doc.add_table(rows=3, cols=2)
    for row, cells in zip(
        table.rows, (("Sayur", "Berat"), ("Sawi | hijau", "4 kg"), ("Kangkung", "")), strict=True
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    table.cell(2, 1).paragraphs[0].add_run("2 kg")
    table.cell(2, 1).add_paragraph("(basah)")
    doc.add_paragraph("Dijual di kantin.")
    doc.add_picture(str(tiny_png(tmp_path / "foto.png")))
    doc.save(str(tmp_path / "penjelasan.docx"))

    e, bad = read_explanation(tmp_path / "penjelasan.docx", "x/penjelasan.docx")
    assert bad is None and e is not None
    assert e.body == (
        "Hasil panen minggu ini:\n\n"
        "| Sayur | Berat |\n| --- | --- |\n| Sawi \\| hijau | 4 kg |\n| Kangkung | 2 kg (basah) |"
        "\n\nDijual di kantin."
    )
    assert e.pictures == 1
    (note,) = explanation_notes(e, "x/penjelasan.docx")
    assert (note.code, note.severity, note.path) == (
        "DROP_DOCX_PICTURES",
        "warning",
        "x/penjelasan.docx",
    )
    assert note.message("id").startswith("Dokumen Word ini berisi 1 gambar, bagan atau kotak teks")
    # The site's own Markdown makes it a table.
    html = markdown.markdown(e.body, extensions=site_markdown_extensions())
    assert "<th>Sayur</th>" in html and "<td>Sawi | hijau</td>" in html
    assert "<td>2 kg (basah)</td>" in html


def test_a_word_file_without_pictures_says_nothing_more(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Kebun")
    doc.add_paragraph("Isi.")
    doc.save(str(tmp_path / "a.docx"))
    e, _ = read_explanation(tmp_path / "a.docx", "a.docx")
    assert e is not None and e.pictures == 0 and explanation_notes(e, "a.docx") == []

"""Zip bombs in Word (and Excel) files are refused from the zip directory, before parsing."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

from docx import Document

from etalase.intake.explanation import read_explanation
from etalase.zipguard import check_zip

MB = 1024 * 1024


def _word(path: Path, *lines: str) -> Path:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))
    return path


def _inflate(source: Path, target: Path, padding: int) -> Path:
    """``source`` with ``padding`` spaces inside its document XML: valid, and a bomb."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * padding, 1)
            new.writestr(item, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return target


def test_a_docx_bomb_is_refused_in_a_moment(tmp_path: Path) -> None:
    good = _word(tmp_path / "baik.docx", "Pameran Sains", "Izin: ya", "", "Isi.")
    bomb = _inflate(good, tmp_path / "bom.docx", 160 * MB)
    assert bomb.stat().st_size < 1 * MB  # a small upload ...
    started = time.monotonic()
    e, bad = read_explanation(bomb, "x/bom.docx")
    assert time.monotonic() - started < 2.0  # ... refused without unpacking it
    assert e is None and bad is not None
    assert bad.code == "DROP_TEXT_UNREADABLE" and "bom zip" in bad.message("id")
    e, bad = read_explanation(good, "x/baik.docx")  # the same document, unpadded, is fine
    assert bad is None and e is not None and e.title == "Pameran Sains"


def test_check_zip_judges_total_ratio_and_members(tmp_path: Path) -> None:
    good = _word(tmp_path / "baik.docx", "Judul", "Isi.")
    assert check_zip(good, max_total=48 * MB, max_ratio=100) is None
    ratio = _inflate(good, tmp_path / "rasio.docx", 8 * MB)  # small total, absurd ratio
    assert "membengkak" in (check_zip(ratio, max_total=48 * MB, max_ratio=100) or "")
    assert "MB setelah dibuka" in (check_zip(ratio, max_total=4 * MB, max_ratio=10_000) or "")
    many = tmp_path / "banyak.xlsx"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(10_001):
            archive.writestr(f"x/{n}.xml", b"")
    assert "berkas di dalamnya" in (check_zip(many, max_total=48 * MB, max_ratio=100) or "")
    junk = tmp_path / "rusak.xlsx"
    junk.write_bytes(b"PK\x03\x04 bukan zip")
    assert check_zip(junk, max_total=MB, max_ratio=100) == "bukan arsip zip yang utuh"

"""Word exports on paper: LibreOffice prints them to PDF, poppler reads the PDF back.

One ``soffice`` run converts every document of a test session (it costs seconds);
:func:`paper_faults` then lists what an office would have to retouch before
submitting: a page that is not A4, a page holding only a few words, an address
broken over two lines, text outside the margins, empty or foreign properties.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

SOFFICE = shutil.which("soffice")
A4_PT = (595.3, 841.9)
MARGIN_PT = 2.5 / 2.54 * 72
#: A page with fewer words than this (the cover aside) is a page an office would retouch.
FEW_WORDS = 15


def to_pdf(documents: Sequence[Path], folder: Path) -> dict[Path, Path]:
    """Convert ``documents`` in one LibreOffice run (a private profile); PDF by document."""
    assert SOFFICE, "LibreOffice (soffice) is missing: make paper-deps"
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "lo-profile").resolve().as_uri()
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, documents),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdfs = {d: folder / f"{d.stem}.pdf" for d in documents}
    missing = [d.name for d, p in pdfs.items() if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return pdfs


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=60).stdout


@dataclass(frozen=True)
class Paper:
    """What poppler reads from one PDF."""

    info: dict[str, str]
    pages: list[str]  # pdftotext -layout, page by page
    words: list[list[tuple[float, float, str]]]  # per page: (xMin, xMax, word)
    sizes: list[tuple[float, float]]
    raw: bytes

    @property
    def text(self) -> str:
        return "\n".join(self.pages)


def read_pdf(pdf: Path) -> Paper:
    info = dict(
        (k.strip(), v.strip())
        for k, v in (
            line.split(":", 1) for line in _run("pdfinfo", "-isodates", str(pdf)).splitlines()
        )
    )
    count = int(info["Pages"])
    sizes = []
    for line in _run("pdfinfo", "-f", "1", "-l", str(count), str(pdf)).splitlines():
        found = re.match(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", line)
        if found:
            sizes.append((float(found.group(1)), float(found.group(2))))
    pages = _run("pdftotext", "-layout", str(pdf), "-").split("\f")[:count]
    html = _run("pdftotext", "-bbox", str(pdf), "-")
    root = ET.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", html))
    words = []
    for page in root.iter("{http://www.w3.org/1999/xhtml}page"):
        words.append(
            [
                (float(w.get("xMin", 0)), float(w.get("xMax", 0)), w.text or "")
                for w in page.iter("{http://www.w3.org/1999/xhtml}word")
            ]
        )
    return Paper(info, pages, words, sizes, pdf.read_bytes())


def paper_faults(
    paper: Paper,
    *,
    title: str,
    author: str,
    urls: Sequence[str] = (),
    cover: bool = True,
    headings: Sequence[str] = (),
) -> list[str]:
    """What keeps the printed document from being submitted as it is (empty: nothing).

    ``headings``: a page must not end with one of them (a heading cut off its text).
    """
    faults = []
    for number, page in enumerate(paper.pages, start=1):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and lines[-1] in headings:
            faults.append(f"page {number} ends with the heading {lines[-1]!r}")
    for number, (width, height) in enumerate(paper.sizes, start=1):
        if abs(width - A4_PT[0]) > 1 or abs(height - A4_PT[1]) > 1:
            faults.append(f"page {number} is {width} x {height} pt, not A4")
    for number, words in enumerate(paper.words, start=1):
        if cover and number == 1:
            continue
        if len(words) < FEW_WORDS:
            faults.append(f"page {number} holds only {len(words)} words: {words}")
        for x_min, x_max, word in words:
            if x_min < MARGIN_PT - 2 or x_max > A4_PT[0] - MARGIN_PT + 2:
                faults.append(f"page {number}: {word!r} outside the margins ({x_min}-{x_max})")
    lines = [line.strip() for page in paper.pages for line in page.splitlines()]
    for url in urls:
        if not any(url in line for line in lines):
            faults.append(f"{url} is not whole on one line")
    if paper.info.get("Title") != title:
        faults.append(f"title {paper.info.get('Title')!r}, not {title!r}")
    if paper.info.get("Author") != author:
        faults.append(f"author {paper.info.get('Author')!r}, not {author!r}")
    if b"/Lang(id-ID)" not in paper.raw:
        faults.append("the document's language is not id-ID")
    return faults


def docx_tables_fit(path: Path, text_cm: float = 16.0) -> list[str]:
    """Tables (and nested ones) whose columns add up wider than the text."""
    from docx import Document
    from docx.shared import Cm

    doc = Document(str(path))
    faults = []
    body = doc.element.body
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for number, grid in enumerate(body.iter(f"{ns}tblGrid"), start=1):
        width = sum(int(col.get(f"{ns}w", "0")) for col in grid.iter(f"{ns}gridCol"))
        if width * 635 > Cm(text_cm) + 635 * 20:  # twips to EMU, with rounding room
            faults.append(f"table {number} is {width / 567:.1f} cm wide")
    return faults

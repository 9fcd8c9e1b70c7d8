"""Every Word export, printed by LibreOffice, is a document an office submits as it is.

One scenario project writes every export once; one ``soffice`` run prints them
all (a module fixture: LibreOffice costs seconds); each test reads one PDF back
with poppler (:mod:`paper`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from etalase.cli import main
from innovation_scenario import SECTION_TEXT, innovation_text, write_innovation
from paper import Paper, docx_tables_fit, paper_faults, read_pdf, to_pdf
from scenarios import Tree, ffmpeg

OFFICE = "Dinas Pendidikan Kabupaten Uji"
SITE = "https://etalase.example.id/kabupaten-uji/katalog/"
MKDOCS = f"""\
site_name: Etalase Kabupaten Uji
site_url: {SITE}
docs_dir: content
plugins:
  - etalase:
      office: {OFFICE}
      districts: [Blora, Cepu, Jepon]
"""
STEPS = """\
Langkahnya:
1. Guru membagi kelompok.
2. Murid membaca bersama.
3. Hasilnya dicatat.

![Murid membaca di pojok baca](foto.jpg)

![Kebun baca sekolah](kebun.jpg)
"""
#: Long enough that the evidence links of the old dossier broke over two lines.
ENTRIES = ("kegiatan-membaca-bersama-orang-tua", "kebun-baca-di-halaman-belakang-sekolah")


@pytest.fixture(scope="module")
def printed(
    tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]
) -> Iterator[dict[str, Path]]:
    """Each export's ``.docx`` and its PDF (one LibreOffice run), by name."""
    root = tmp_path_factory.mktemp("paper")
    tree = Tree(root, clips)
    (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    tree.school("sd-negeri-1-blora-kota")
    tree.school("smp-cepu", npsn="20312346")
    for slug in ENTRIES:
        tree.entry("sd-negeri-1-blora-kota", slug)
    folder = write_innovation(tree.content, "sahabat", "").parent
    for name, size in (("foto.jpg", "2400x1600"), ("kebun.jpg", "1600x1200")):
        ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={size}", "-frames:v", "1", str(folder / name))
    write_innovation(
        tree.content,
        "sahabat",
        innovation_text(
            {
                "schools": "[sd-negeri-1-blora-kota]",
                "evidence": "[" + ", ".join(f"sd-negeri-1-blora-kota/{e}" for e in ENTRIES) + "]",
                "impact": "[{measure: Sampah sekolah yang dibuang ke tempat pembuangan, "
                "unit: kg per bulan, before: 180, after: 45, year_before: 2022, "
                "year_after: 2025}, {measure: Nilai literasi, unit: poin, before: 61.5, "
                "after: 74}]",
                "replicated_by": "[smp-cepu]",
            },
            sections={"Implementasi": SECTION_TEXT["Implementasi"] + "\n\n" + STEPS},
        ),
    )
    out = root / "keluaran"
    out.mkdir()
    documents = {"dossier": out / "dossier.docx"}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        assert main(["export", "innovation", "sahabat", "-o", str(documents["dossier"])]) == 0
    pdfs = to_pdf(list(documents.values()), root / "pdf")
    yield {**documents, **{f"{k}.pdf": pdfs[v] for k, v in documents.items()}}


def _urls() -> list[str]:
    return [f"{SITE}sekolah/sd-negeri-1-blora-kota/{e}/" for e in ENTRIES]


def test_the_dossier_is_ready_to_submit_on_paper(printed: dict[str, Path]) -> None:
    paper: Paper = read_pdf(printed["dossier.pdf"])
    faults = paper_faults(
        paper,
        title="SAHABAT (Saling Bantu Agar Tetap Bersekolah)",
        author=OFFICE,
        urls=_urls(),
    )
    assert faults == []
    assert docx_tables_fit(printed["dossier"]) == []
    cover = paper.pages[0]
    assert OFFICE.upper() in cover and "SAHABAT" in cover
    text = paper.text
    # Numbered steps keep their numbers; photos have numbered captions.
    assert "1. Guru membagi kelompok." in text and "3. Hasilnya dicatat." in text
    assert "Gambar 1. Murid membaca di pojok baca" in text
    assert "Gambar 2. Kebun baca sekolah" in text
    # The impact table: whole words in its first column, one "Sebelum" and one "Sesudah".
    assert "pembuangan" in text and "pembuang\n" not in text
    assert "180 (2022)" in text and "45 (2025)" in text
    # "Ditiru oleh" is part of Replikasi, before the impact table.
    assert text.index("Replikasi") < text.index("Ditiru oleh") < text.index("Dampak sebelum")

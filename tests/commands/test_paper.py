"""Every Word export, printed by LibreOffice, is a document an office submits as it is.

One scenario project writes every export once; one ``soffice`` run prints them
all (a module fixture: LibreOffice costs seconds); each test reads one PDF back
with poppler (:mod:`paper`).
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document

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
      duration_min: 1
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
                "replicated_by": "[{school: smp-cepu, year: 2024}, {name: SD Negeri 1 Sulang, "
                "place: Kabupaten Rembang, year: 2025}]",
                "life": "[{year: 2022, status: berjalan, note: Uji coba di kelas 5, "
                "budget: swadaya}, {year: 2023, status: jeda, note: Guru BK pindah tugas}, "
                "{year: 2024, status: berjalan, budget: BOS}]",
                "sk": "{number: 421/17/2022, date: 2022-01-10, by: Kepala SD Negeri 1 Blora}",
                "budget": "[BOS, swadaya]",
            },
            sections={"Implementasi": SECTION_TEXT["Implementasi"] + "\n\n" + STEPS},
        ),
    )
    out = root / "keluaran"
    out.mkdir()
    documents = {name: out / f"{name}.docx" for name in ("dossier", "pkri", "surat", "program")}
    commands = {
        "dossier": ["export", "innovation", "sahabat"],
        "pkri": ["export", "innovation", "sahabat", "--format", "pkri"],
        "surat": ["export", "innovation", "sahabat", "--letter", "replikasi"],
        "program": ["export", "programme"],
    }
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        for name, command in commands.items():
            assert main([*command, "-o", str(documents[name])]) == 0
    pdfs = to_pdf(list(documents.values()), root / "pdf")
    yield {**documents, **{f"{k}.pdf": pdfs[v] for k, v in documents.items()}}


#: Headings a page must not end with (the six KIPP sections and the exports' own).
HEADINGS = (
    "Latar belakang dan masalah",
    "Keunikan",
    "Implementasi",
    "Dampak",
    "Keberlanjutan",
    "Replikasi",
    "Identitas inovasi",
    "Daftar bukti",
    "Perjalanan inovasi per tahun",
    "Dampak sebelum dan sesudah",
    "Penghargaan",
    "Video bukti",
)


def _urls() -> list[str]:
    return [f"{SITE}sekolah/sd-negeri-1-blora-kota/{e}/" for e in ENTRIES]


def test_the_dossier_is_ready_to_submit_on_paper(printed: dict[str, Path]) -> None:
    paper: Paper = read_pdf(printed["dossier.pdf"])
    faults = paper_faults(
        paper,
        title="SAHABAT (Saling Bantu Agar Tetap Bersekolah)",
        author=OFFICE,
        headings=HEADINGS,
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
    (photos,) = [page for page in paper.pages if "Gambar 1." in page]
    assert "Gambar 2." in photos  # two photos share a page
    # The properties are the office's, made now, in Indonesian (no python-docx, 2013, en-US).
    with zipfile.ZipFile(printed["dossier"]) as docx:
        app = docx.read("docProps/app.xml").decode()
        styles = docx.read("word/styles.xml").decode()
    assert f"<Company>{OFFICE}</Company>" in app
    assert 'w:val="id-ID"' in styles and 'w:val="en-US"' not in styles
    props = Document(str(printed["dossier"])).core_properties
    assert (props.author, props.last_modified_by, props.language) == (OFFICE, OFFICE, "id-ID")
    assert props.created is not None and props.created.year == dt.date.today().year
    # The impact table: whole words in its first column, one "Sebelum" and one "Sesudah".
    assert "pembuangan" in text and "pembuang\n" not in text
    assert "180 (2022)" in text and "45 (2025)" in text
    # "Ditiru oleh" is part of Replikasi, before the impact table; the years are part of
    # Keberlanjutan.
    assert text.index("Replikasi") < text.index("Ditiru oleh") < text.index("Dampak sebelum")
    assert text.index("Keberlanjutan") < text.index("Perjalanan inovasi per tahun")
    assert text.index("Perjalanan inovasi per tahun") < text.index("Replikasi")
    assert "Nomor 421/17/2022, 10 Januari 2022, oleh Kepala SD Negeri 1 Blora" in text
    assert "Kabupaten Rembang" in text


def _words(text: str) -> str:
    return " ".join(text.split())


def test_the_pkri_narrative_tells_survival_and_spread_with_its_evidence(
    printed: dict[str, Path],
) -> None:
    paper = read_pdf(printed["pkri.pdf"])
    title = "Narasi Keberlanjutan dan Replikasi Inovasi (PKRI): SAHABAT"
    assert (
        paper_faults(
            paper, title=title, author=OFFICE, headings=HEADINGS, urls=_urls(), cover=False
        )
        == []
    )
    assert docx_tables_fit(printed["pkri"]) == []
    text = _words(paper.text)
    assert (
        "SAHABAT dimulai pada Juli 2021 dan tercatat berjalan pada 2 dari 3 tahun yang "
        "tercatat (2022–2024)."
    ) in text
    assert (
        "Inovasi ini ditiru oleh 2 sekolah: 1 di dalam kabupaten dan 1 di luar kabupaten."
    ) in text
    assert "2023 Jeda Guru BK pindah tugas" in text
    assert "Sumber anggaran BOS, swadaya" in text
    assert "SD smp-cepu Kecamatan Blora 2024" in text
    assert "SD Negeri 1 Sulang Kabupaten Rembang 2025" in text
    evidence = text.split("Daftar bukti", 1)[1]
    assert "1. Judul kegiatan-membaca-bersama-orang-tua" in evidence
    assert "3. Surat keputusan (SK) Nomor 421/17/2022" in evidence


def test_the_replication_letter_is_one_signed_page_per_replicating_school(
    printed: dict[str, Path],
) -> None:
    paper = read_pdf(printed["surat.pdf"])
    title = "Surat Kesepakatan Replikasi Inovasi: SAHABAT"
    faults = paper_faults(
        paper,
        title=title,
        author=OFFICE,
        headings=HEADINGS,
        urls=[f"{SITE}inovasi/sahabat/"],
        cover=False,
    )
    assert faults == []
    assert len(paper.pages) == 2  # two replications, one page each
    first, second = (_words(page) for page in paper.pages)
    for letter in (first, second):
        assert letter.startswith(f"{OFFICE.upper()} {SITE.rstrip('/')}")
        assert "SURAT KESEPAKATAN REPLIKASI INOVASI" in letter
        assert (
            "Pihak Pertama Nama" in letter and "Jabatan Kepala SD sd-negeri-1-blora-kota" in letter
        )
        assert "mereplikasi inovasi SAHABAT (Saling Bantu Agar Tetap Bersekolah)" in letter
        assert "1. Pihak Pertama membagikan panduan" in letter
        assert letter.count("(........................................)") == 3  # three signatures
        assert f"Mengetahui, Kepala {OFFICE}" in letter
        assert "Blora, " in letter
    assert "Jabatan Kepala SD smp-cepu NPSN 20312346 Alamat Kecamatan Blora" in first
    assert "replikasi tahun 2024" in first
    assert "Jabatan Kepala SD Negeri 1 Sulang" in second and "Kabupaten Rembang" in second


def test_the_programme_dossier_measures_the_catalogue_in_the_six_sections(
    printed: dict[str, Path],
) -> None:
    paper = read_pdf(printed["program.pdf"])
    urls = [SITE, f"{SITE}statistik/", f"{SITE}inovasi/"]
    faults = paper_faults(
        paper,
        title="Dossier program: Etalase Kabupaten Uji",
        author=OFFICE,
        headings=HEADINGS,
        urls=urls,
    )
    assert faults == []
    assert docx_tables_fit(printed["program"]) == []
    text = _words(paper.text)
    lines = [line.strip() for line in paper.text.splitlines()]
    positions = [
        lines.index(h)
        for h in (
            "Latar belakang dan masalah",
            "Keunikan",
            "Implementasi",
            "Dampak",
            "Keberlanjutan",
            "Replikasi",
        )
    ]
    assert positions == sorted(positions)
    assert "hanya beredar di grup WhatsApp kelas" in text
    # Measured: 2 published clips of one school of two on the roster, 1 of 3 kecamatan,
    # one innovation with two replications (2024 and 2025, before the first clip's year).
    tables = [
        [[c.text for c in row.cells] for row in t.rows]
        for t in Document(str(printed["program"])).tables
    ]
    impact = next(t for t in tables if t[0][0] == "Indikator")
    year = str(dt.date.today().year)
    assert impact == [
        ["Indikator", "Sebelum etalase", "2026", f"Sekarang ({year})"],
        ["Video sekolah yang terbit dan bisa dicari", "0", "2", "2"],
        ["Sekolah yang berkontribusi (dari daftar sekolah)", "0", "1 / 2", "1 / 2 (50%)"],
        ["Kecamatan yang terjangkau", "0", "1 / 3", "1 / 3"],
        ["Inovasi sekolah yang terdokumentasi", "0", "1", "1"],
        ["Replikasi inovasi yang tercatat", "0", "2", "2"],
    ]
    assert ["Blora", "1"] in tables[-1] and ["Luar kabupaten", "1"] in tables[-1]
    assert "Video sekolah yang terbit" in text and "Sekarang" in text  # printed too

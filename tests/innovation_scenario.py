"""Innovation profiles for scenario trees: one complete text, changed field by field in tests."""

from __future__ import annotations

from pathlib import Path

#: A published site (exports need its address) of three kecamatan, 3 s clips allowed.
MKDOCS = """\
site_name: Etalase Kabupaten Uji
site_url: https://etalase.example.id/kab/
docs_dir: content
plugins:
  - etalase:
      districts: [Blora, Cepu, Jepon]
      duration_min: 1
"""

WORDS = "Guru dan murid bersama orang tua menjalankan kegiatan ini setiap pekan di sekolah. " * 8

SECTION_TEXT = {
    "Latar belakang dan masalah": "Banyak murid berhenti sekolah karena harus membantu orang tua. "
    + WORDS,
    "Keunikan": "Teman sebaya menjadi konselor. " + WORDS,
    "Implementasi": "Konselor sebaya dilatih guru BK setiap Sabtu. " + WORDS,
    "Dampak": "Angka putus sekolah turun. " + WORDS,
    "Keberlanjutan": "Kegiatan masuk program kerja sekolah. " + WORDS,
    "Replikasi": "Dua sekolah tetangga sudah meniru. " + WORDS,
}

FRONT = {
    "title": "SAHABAT",
    "meaning": "Saling Bantu Agar Tetap Bersekolah",
    "schools": "[sdn-1-blora]",
    "started": '"2021-07"',
    "stage": "penerapan",
    "running": "true",
    "checked": "2026-08-01",
    "theme": "[anti-putus-sekolah]",
    "evidence": "[sdn-1-blora/robot]",
    "impact": "[{measure: Murid putus sekolah, unit: murid, before: 12, after: 3, "
    "year_before: 2020, year_after: 2025}]",
    "awards": "[{competition: KIPP, level: provinsi, year: 2024, result: Top 10}]",
    "status": "published",
}


def innovation_text(
    front: dict[str, str | None] | None = None,
    sections: dict[str, str | None] | None = None,
    intro: str = "Konselor sebaya menjaga teman tetap bersekolah.",
) -> str:
    """An innovation's ``index.md``; a value of ``None`` leaves that field or section out."""
    fields = {**FRONT, **(front or {})}
    texts = {**SECTION_TEXT, **(sections or {})}
    lines = ["---", *(f"{k}: {v}" for k, v in fields.items() if v is not None), "---", intro, ""]
    for heading, text in texts.items():
        if text is not None:
            lines += [f"## {heading}", "", text, ""]
    return "\n".join(lines)


def write_innovation(content: Path, slug: str, text: str) -> Path:
    folder = content / "inovasi" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.md").write_text(text, encoding="utf-8")
    return folder / "index.md"

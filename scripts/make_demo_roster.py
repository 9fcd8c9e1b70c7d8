#!/usr/bin/env python3
"""Write the demo's fictional school roster, ``content/sekolah.csv``: about 120 schools.

The roster spreads SD, SMP and a few TK, SLB and PKBM, negeri and swasta, over
Blora's 16 kecamatan, and holds the demo's six schools with exactly the name,
level, kecamatan and address of their profiles, so the demo's statistics show
real-looking coverage ("6 dari 120 sekolah"). Names and NPSNs are invented;
the output is the same on every run (no randomness), so the committed file
only changes when this script does. Standard library only; it does not import
the ``etalase`` package.

Usage: python scripts/make_demo_roster.py [--output content/sekolah.csv] [--check]
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

#: Kecamatan -> a few of its desa (the first is the kecamatan's own town).
DISTRICTS = {
    "Blora": ["Kauman", "Tempelan", "Jetis", "Karangjati", "Tambahrejo", "Kedungjenar"],
    "Banjarejo": ["Banjarejo", "Sidomulyo", "Gedongsari", "Plosorejo", "Kebonrejo"],
    "Bogorejo": ["Bogorejo", "Gandu", "Nglengkir", "Sendangrejo"],
    "Cepu": ["Karangboyo", "Balun", "Ngelo", "Cabeyan", "Mulyorejo", "Sumberpitu"],
    "Japah": ["Japah", "Ngiyono", "Pengkoljagong", "Sumberejo"],
    "Jati": ["Jati", "Doplang", "Bangkleyan", "Pelem"],
    "Jepon": ["Jepon", "Seso", "Soko", "Bacem", "Palon"],
    "Jiken": ["Jiken", "Bleboh", "Nglebur", "Singonegoro"],
    "Kedungtuban": ["Kedungtuban", "Nglandeyan", "Sogo", "Kemantren", "Pulo"],
    "Kradenan": ["Kradenan", "Megeri", "Nglungger", "Sumber"],
    "Kunduran": ["Kunduran", "Sonokulon", "Bejirejo", "Ngawenombo", "Kemiri"],
    "Ngawen": ["Ngawen", "Sendangmulyo", "Bandungrejo", "Gedebeg"],
    "Randublatung": ["Temulus", "Wulung", "Kutukan", "Pilang", "Sumberejo"],
    "Sambong": ["Sambongrejo", "Biting", "Gagakan", "Ledok"],
    "Todanan": ["Todanan", "Kedungbacin", "Ngumbul", "Gondoriyo", "Sonokidul"],
    "Tunjungan": ["Tunjungan", "Sitirejo", "Kedungrejo", "Tawangrejo"],
}
#: The demo's six schools, as their profiles in ``content/sekolah/`` write them.
DEMO = [
    (
        "69961275",
        "PKBM Sekar Melati",
        "PKBM",
        "swasta",
        "Kunduran",
        "Kunduran",
        "Jl. Pasar Kunduran No. 8, Desa Kunduran, Kecamatan Kunduran, Kabupaten Blora",
    ),
    (
        "20391201",
        "SD Negeri 2 Sambongrejo",
        "SD",
        "negeri",
        "Sambong",
        "Sambongrejo",
        "Jl. Randu Alas No. 12, Desa Sambongrejo, Kecamatan Sambong, Kabupaten Blora",
    ),
    (
        "20392018",
        "SD Negeri 3 Todanan",
        "SD",
        "negeri",
        "Todanan",
        "Todanan",
        "Jl. Kedung Lengkong No. 21, Desa Todanan, Kecamatan Todanan, Kabupaten Blora",
    ),
    (
        "20391634",
        "SD Negeri 4 Jiken",
        "SD",
        "negeri",
        "Jiken",
        "Jiken",
        "Jl. Jati Luhur No. 3, Desa Jiken, Kecamatan Jiken, Kabupaten Blora",
    ),
    (
        "20393357",
        "SMP Tunas Jati Cepu",
        "SMP",
        "swasta",
        "Cepu",
        "Karangboyo",
        "Jl. Sorogo No. 45, Kelurahan Karangboyo, Kecamatan Cepu, Kabupaten Blora",
    ),
    (
        "20394412",
        "SMP Negeri 4 Randublatung",
        "SMP",
        "negeri",
        "Randublatung",
        "Temulus",
        "Jl. Raya Randublatung–Kedungtuban Km 4, Desa Temulus, Kecamatan Randublatung, "
        "Kabupaten Blora",
    ),
]
HEADER = ("npsn", "nama", "jenjang", "status", "kecamatan", "desa", "alamat")
#: Private schools' invented names, used in turn.
FOUNDATIONS = [
    "Muhammadiyah",
    "Kristen",
    "Islam Terpadu",
    "Tunas Bangsa",
    "Bina Insani",
    "Al Hikmah",
    "Pelita",
    "Budi Utama",
]


def schools() -> list[tuple[str, ...]]:
    """Every row of the demo roster, sorted by NPSN."""
    rows = [tuple(row) for row in DEMO]
    taken = {row[0] for row in rows} | {row[1] for row in rows}
    serial = 0
    for d_index, (district, villages) in enumerate(DISTRICTS.items()):
        plan = ["SD"] * 4 + ["SMP"] * 2 + [("TK", "SLB", "PKBM")[d_index % 3]]
        for s_index, level in enumerate(plan):
            serial += 1
            village = villages[s_index % len(villages)]
            private = (d_index + s_index) % 5 == 4 or level in ("TK", "PKBM")
            if private:
                name = f"{level} {FOUNDATIONS[serial % len(FOUNDATIONS)]} {village}"
            else:
                name = f"{level} Negeri {s_index % 4 + 1} {village}"
            base = {
                "SD": 20330000,
                "SMP": 20340000,
                "TK": 69930000,
                "SLB": 20350000,
                "PKBM": 69970000,
            }[level]
            npsn = f"{base + serial * 37:08d}"
            if name in taken or npsn in taken:
                continue
            taken |= {name, npsn}
            address = f"Jl. {village} No. {serial % 40 + 1}, Desa {village}, Kecamatan {district}"
            rows.append(
                (npsn, name, level, "swasta" if private else "negeri", district, village, address)
            )
    return sorted(rows)


def roster_text() -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(schools())
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=Path("content/sekolah.csv"))
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check that the file is up to date (exit 1 if not)",
    )
    args = parser.parse_args(argv)
    text = roster_text()
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        return 0 if current == text else 1
    args.output.write_text(text, encoding="utf-8")
    print(f"{args.output}: {text.count(chr(10)) - 1} sekolah", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

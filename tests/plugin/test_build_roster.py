"""A real MkDocs build with a school roster: coverage against the regency, duplicates settled."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_scenario import new_site

ROSTER = """\
npsn,nama,jenjang,status,kecamatan,desa,alamat
20312345,SD Negeri 1 Blora,SD,negeri,Blora,Kauman,Jl. Pemuda 1
20312346,SMP Negeri 1 Cepu,SMP,negeri,Cepu,Balun,
20312347,SD Negeri 5 Jepon,SD,negeri,Jepon,Jepon,
20312348,TK Pertiwi Jepon,TK,swasta,Jepon,Jepon,
"""


def test_statistik_and_sekolah_count_against_the_roster(
    tmp_path: Path, clips: dict[str, Path]
) -> None:
    site = new_site(tmp_path, clips, warm=True)
    (site.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    site.school("sdn-1-blora", npsn="20312345", name="SDN 1 Blora")  # the roster's name wins
    site.entry("sdn-1-blora", "robot", title="Robot Bekas")
    # A newcomer's typo: the same NPSN, not the roster's name: refused, the real school stays.
    site.school("sd-typo", npsn="20312345", name="SD Typo")
    site.entry("sd-typo", "lomba", title="Lomba Typo")
    assert site.build() == 0
    stats = site.page("statistik")
    assert "1 dari 4 sekolah sudah mengirim" in stats
    assert "Sekolah per jenjang" in stats and "0 dari 1 sekolah sudah mengirim" in stats
    without = stats[stats.index("Sekolah yang belum mengirim video") :]
    assert "Kecamatan Jepon (2 sekolah)" in without and "TK Pertiwi Jepon" in without
    schools = site.page("sekolah")
    assert "1 dari 4 sekolah di kabupaten ini sudah menampilkan video" in schools
    assert "SD Negeri 1 Blora" in schools and "SDN 1 Blora" not in schools
    assert "SD Typo" not in schools and not (site.out / "sekolah/sd-typo").exists()
    assert (site.out / "sekolah/sdn-1-blora/robot/index.html").is_file()
    assert not (site.out / "sekolah.csv").exists()  # the office's list is not published


def test_a_build_names_the_published_entries_a_school_leaving_the_roster_takes_offline(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path, clips, warm=True)
    (site.content / "sekolah.csv").write_text(ROSTER, encoding="utf-8")
    site.school("sdn-1-blora", npsn="20312345", name="SD Negeri 1 Blora")
    site.entry("sdn-1-blora", "robot", title="Robot Bekas")
    assert site.build() == 0
    assert (site.out / "sekolah/sdn-1-blora/robot/index.html").is_file()
    capsys.readouterr()
    partial = "\n".join(line for line in ROSTER.splitlines() if "20312345" not in line)
    (site.content / "sekolah.csv").write_text(partial + "\n", encoding="utf-8")
    assert site.build() == 0
    err = capsys.readouterr().err
    assert "[ENTRY_OFF_ROSTER]" in err and "sekolah/sdn-1-blora/robot/index.md" in err
    assert "Entri tayang ini HILANG dari situs: NPSN 20312345" in err
    assert not (site.out / "sekolah/sdn-1-blora/robot/index.html").exists()

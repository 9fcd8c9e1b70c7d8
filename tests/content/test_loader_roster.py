"""The loader with a school roster, and duplicate NPSNs with and without one (#12, #13)."""

from __future__ import annotations

import datetime as dt

from etalase.content.loader import LoadResult, load_catalogue
from etalase.policy import Policy
from scenarios import Tree

TODAY = dt.date(2026, 11, 23)
ROSTER = """\
npsn,nama,jenjang,status,kecamatan,desa,alamat
20312345,SD Negeri 1 Blora,SD,negeri,Blora,Kauman,Jl. Pemuda 1
20354321,SMP Negeri 2 Cepu,SMP,negeri,Cepu,Balun,Jl. Diponegoro 5
69912345,TK Pertiwi Jepon,TK,swasta,Jepon,Jepon,
"""


def load(tree: Tree, policy: Policy, *, roster: str | None = ROSTER) -> LoadResult:
    path = tree.content / "sekolah.csv"
    if roster is not None:
        path.write_text(roster, encoding="utf-8")
    return load_catalogue(tree.content, policy, root=tree.root, today=TODAY, roster_file=path)


def found(result: LoadResult) -> set[tuple[str, str]]:
    return {(p.path, p.code) for p in result.problems}


def test_a_profile_may_leave_name_level_and_kecamatan_to_the_roster(
    tree: Tree, policy: Policy
) -> None:
    tree.school("sdn-1-blora", "---\nnpsn: '20312345'\n---\nSekolah di kota.\n")
    tree.entry("sdn-1-blora", "robot")
    result = load(tree, policy)
    assert result.problems == ()
    (school,) = result.catalogue.schools
    assert (school.name, school.level, school.district, school.address) == (
        "SD Negeri 1 Blora",
        "SD",
        "Blora",
        "Jl. Pemuda 1",
    )
    assert len(result.catalogue.entries) == 1 and result.roster is not None
    assert len(result.roster) == 3


def test_the_roster_wins_over_a_profile_that_disagrees_with_a_warning(
    tree: Tree, policy: Policy
) -> None:
    tree.school(
        "smpn-2-cepu",
        "---\nname: SMPN 2 Cepu\nnpsn: '20354321'\nlevel: SD\n"
        "district: Kecamatan Cepu Kota\n---\nx\n",
    )
    result = load(tree, policy)
    shown = "content/sekolah/smpn-2-cepu/index.md"
    assert [(p.path, p.code, dict(p.params)["field"]) for p in result.problems] == [
        (shown, "SCHOOL_ROSTER_MISMATCH", "name"),
        (shown, "SCHOOL_ROSTER_MISMATCH", "level"),
        (shown, "SCHOOL_ROSTER_MISMATCH", "district"),
    ]
    assert all(p.severity == "warning" for p in result.problems)
    (school,) = result.catalogue.schools
    assert (school.name, school.level, school.district) == ("SMP Negeri 2 Cepu", "SMP", "Cepu")
    assert result.school_names["smpn-2-cepu"] == "SMP Negeri 2 Cepu"


def test_a_profile_not_on_the_roster_is_refused_with_the_closest_names(
    tree: Tree, policy: Policy
) -> None:
    tree.school(
        "sdn-1-blora",
        "---\nname: SD N 1 Blora\nnpsn: '20312354'\nlevel: SD\ndistrict: Blora\n---\nx\n",
    )
    tree.entry("sdn-1-blora", "robot")
    draft = tree.entry("sdn-1-blora", "draf")
    draft.write_text(draft.read_text().replace("status: published", "status: draft"))
    result = load(tree, policy)
    assert found(result) == {
        ("content/sekolah/sdn-1-blora/index.md", "SCHOOL_NOT_ON_ROSTER"),
        ("content/sekolah/sdn-1-blora/robot/index.md", "ENTRY_OFF_ROSTER"),
        ("content/sekolah/sdn-1-blora/draf/index.md", "SCHOOL_INVALID"),
    }
    refused = next(p for p in result.problems if p.code == "SCHOOL_NOT_ON_ROSTER")
    assert "20312345 SD Negeri 1 Blora (Blora)" in refused.fix()
    gone = next(p for p in result.problems if p.code == "ENTRY_OFF_ROSTER")
    assert gone.message() == (
        "Entri tayang ini HILANG dari situs: NPSN 20312354 sekolahnya "
        "(content/sekolah/sdn-1-blora/index.md) tidak ada di daftar sekolah Dinas "
        "(content/sekolah.csv)."
    )
    assert result.catalogue.schools == () and result.catalogue.entries == ()


def test_without_a_roster_file_everything_works_as_before(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora", "---\nnpsn: '20312345'\n---\nx\n")
    result = load(tree, policy, roster=None)
    assert {p.code for p in result.problems} == {"FIELD_MISSING"}
    assert result.roster is None


def test_with_a_roster_the_profile_named_as_on_the_roster_keeps_the_npsn(
    tree: Tree, policy: Policy
) -> None:
    tree.school("sdn-1-blora", "---\nname: SD Negeri 1 Blora\nnpsn: '20312345'\n---\nx\n")
    tree.entry("sdn-1-blora", "robot")
    tree.school("sd-baru", "---\nname: SD Baru\nnpsn: '20312345'\n---\nx\n")
    tree.entry("sd-baru", "lomba")
    result = load(tree, policy)
    assert found(result) == {
        ("content/sekolah/sd-baru/index.md", "NPSN_DUPLICATE"),
        ("content/sekolah/sd-baru/lomba/index.md", "SCHOOL_INVALID"),
        ("content/sekolah/sdn-1-blora/index.md", "NPSN_DUPLICATE_KEPT"),
    }
    refused = next(p for p in result.problems if p.code == "NPSN_DUPLICATE")
    assert "content/sekolah/sdn-1-blora" in refused.message()
    assert [e.key for e in result.catalogue.published] == ["sdn-1-blora/robot"]


REVIEW = """\
---
title: Kiriman baru
date: 2026-08-14
category: kreativitas-siswa
video: video.mp4
consent: true
status: review
---
Baru dikirim.
"""


def test_without_a_roster_the_school_already_published_keeps_the_npsn(
    tree: Tree, policy: Policy
) -> None:
    tree.school("sdn-1-blora", npsn="20312345")
    tree.entry("sdn-1-blora", "robot")
    tree.entry("sdn-1-blora", "kebun")
    tree.school("aaa-sd-typo", npsn="20312345")  # sorts first: order must not matter
    tree.entry("aaa-sd-typo", "kiriman", REVIEW)
    result = load(tree, policy, roster=None)
    assert found(result) == {
        ("content/sekolah/aaa-sd-typo/index.md", "NPSN_DUPLICATE"),
        ("content/sekolah/aaa-sd-typo/kiriman/index.md", "SCHOOL_INVALID"),
        ("content/sekolah/sdn-1-blora/index.md", "NPSN_DUPLICATE_KEPT"),
    }
    assert sorted(e.key for e in result.catalogue.published) == [
        "sdn-1-blora/kebun",
        "sdn-1-blora/robot",
    ]
    kept = next(p for p in result.problems if p.code == "NPSN_DUPLICATE_KEPT")
    assert kept.severity == "warning" and "content/sekolah/aaa-sd-typo" in kept.message()


def test_when_neither_can_be_told_apart_both_are_flagged(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora", npsn="20312345")
    tree.entry("sdn-1-blora", "robot")
    tree.school("sdn-2-blora", npsn="20312345")
    tree.entry("sdn-2-blora", "lomba")
    result = load(tree, policy, roster=None)
    assert {(p.path, p.code) for p in result.problems if p.code.startswith("NPSN")} == {
        ("content/sekolah/sdn-1-blora/index.md", "NPSN_DUPLICATE"),
        ("content/sekolah/sdn-2-blora/index.md", "NPSN_DUPLICATE"),
    }
    assert result.catalogue.schools == ()

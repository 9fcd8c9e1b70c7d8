"""Innovation profiles on scenario trees: the model, each check and its stable code."""

from __future__ import annotations

import datetime as dt

import pytest

from etalase.cli import main
from etalase.content.innovation import split_sections
from etalase.content.loader import LoadResult, load_catalogue
from etalase.policy import Policy
from innovation_scenario import innovation_text, write_innovation
from scenarios import Tree

TODAY = dt.date(2026, 11, 23)


def load(tree: Tree, policy: Policy) -> LoadResult:
    return load_catalogue(tree.content, policy, root=tree.root, today=TODAY)


def codes(result: LoadResult) -> list[tuple[str, str, str]]:
    return sorted((p.path, p.code, p.severity) for p in result.problems)


@pytest.fixture
def school_tree(tree: Tree) -> Tree:
    tree.school("sdn-1-blora")
    tree.school("smp-cepu", npsn="20312346")
    tree.entry("sdn-1-blora", "robot")
    tree.entry(
        "sdn-1-blora",
        "draf",
        "---\ntitle: Draf\ndate: 2026-08-14\ncategory: "
        "kreativitas-siswa\nvideo: video.mp4\nconsent: true\nstatus: draft\n---\nTeks.\n",
    )
    return tree


def test_a_complete_innovation_loads_as_typed_values(school_tree: Tree, policy: Policy) -> None:
    write_innovation(
        school_tree.content,
        "sahabat",
        innovation_text({"schools": '[sdn-1-blora, "20312346"]', "replicated_by": "[smp-cepu]"}),
    )
    result = load(school_tree, policy)
    assert codes(result) == []
    (item,) = result.catalogue.innovations
    assert (item.title, item.meaning, item.stage, item.running) == (
        "SAHABAT",
        "Saling Bantu Agar Tetap Bersekolah",
        "penerapan",
        True,
    )
    assert item.schools == ("sdn-1-blora", "smp-cepu")  # an NPSN becomes its school's slug
    assert item.replicated_by == ("smp-cepu",)
    assert item.evidence == ("sdn-1-blora/robot",)
    assert item.themes == ("anti-putus-sekolah",)
    assert item.checked == dt.date(2026, 8, 1) and item.started == "2021-07"
    assert [s.heading for s in item.sections] == [
        "Latar belakang dan masalah",
        "Keunikan",
        "Implementasi",
        "Dampak",
        "Keberlanjutan",
        "Replikasi",
    ]
    assert item.section("keunikan").text.startswith("Teman sebaya menjadi konselor.")
    (row,) = item.impact
    assert (row.measure, row.unit, row.before, row.after, row.year_before, row.year_after) == (
        "Murid putus sekolah",
        "murid",
        12,
        3,
        2020,
        2025,
    )
    (award,) = item.awards
    assert (award.competition, award.level, award.year, award.result) == (
        "KIPP",
        "provinsi",
        2024,
        "Top 10",
    )
    assert item.url == "inovasi/sahabat/" and item.is_published
    assert result.catalogue.published_innovations == (item,)


def test_missing_and_empty_sections_are_errors_short_ones_warnings(
    school_tree: Tree, policy: Policy
) -> None:
    path = write_innovation(
        school_tree.content,
        "sahabat",
        innovation_text(
            sections={
                "Keunikan": None,
                "Dampak": "<!-- petunjuk saja, tidak dihitung -->",
                "Replikasi": "Baru dua kalimat. Masih pendek.",
            }
        ),
    )
    shown = path.relative_to(school_tree.root).as_posix()
    result = load(school_tree, policy)
    assert codes(result) == [
        (shown, "INNOVATION_SECTION_EMPTY", "error"),
        (shown, "INNOVATION_SECTION_MISSING", "error"),
        (shown, "INNOVATION_SECTION_SHORT", "warning"),
    ]
    assert result.catalogue.innovations == ()
    short = next(p for p in result.problems if p.code == "INNOVATION_SECTION_SHORT")
    assert short.message() == "Bagian '## Replikasi' baru 5 kata; disarankan minimal 50 kata."


def test_the_minimum_length_is_the_configured_one(school_tree: Tree, policy: Policy) -> None:
    from dataclasses import replace

    write_innovation(school_tree.content, "sahabat", innovation_text())
    strict = replace(policy, innovation_min_words=300)
    result = load_catalogue(school_tree.content, strict, root=school_tree.root, today=TODAY)
    assert [p.code for p in result.problems] == ["INNOVATION_SECTION_SHORT"] * 6
    assert len(result.catalogue.innovations) == 1  # a warning keeps it


def test_evidence_must_be_an_entry_and_published_to_be_shown(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(
        school_tree.content,
        "a",
        innovation_text({"evidence": "[sdn-1-blora/robot, sdn-1-blora/draf]"}),
    )
    write_innovation(
        school_tree.content, "b", innovation_text({"evidence": "[sdn-1-blora/tidak-ada]"})
    )
    result = load(school_tree, policy)
    assert [(p.path.split("/")[-2], p.code, p.severity) for p in result.problems] == [
        ("a", "INNOVATION_EVIDENCE_UNPUBLISHED", "warning"),
        ("b", "INNOVATION_EVIDENCE_UNKNOWN", "error"),
    ]
    (item,) = result.catalogue.innovations
    assert item.slug == "a" and item.evidence == ("sdn-1-blora/robot",)


def test_unknown_schools_are_errors_and_office_needs_none(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(school_tree.content, "a", innovation_text({"schools": "[sdn-9-hilang]"}))
    write_innovation(
        school_tree.content,
        "b",
        innovation_text({"schools": None, "office": "true", "replicated_by": '["99999999"]'}),
    )
    write_innovation(school_tree.content, "c", innovation_text({"schools": None}))
    result = load(school_tree, policy)
    found = [(p.path.split("/")[-2], p.code, dict(p.params).get("field")) for p in result.problems]
    assert found == [
        ("a", "INNOVATION_SCHOOL_UNKNOWN", "schools"),
        ("b", "INNOVATION_SCHOOL_UNKNOWN", "replicated_by"),
        ("c", "FIELD_MISSING", "schools"),
    ]
    assert result.catalogue.innovations == ()


def test_running_with_an_old_check_asks_whether_it_still_runs(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(school_tree.content, "lama", innovation_text({"checked": "2025-10-01"}))
    write_innovation(school_tree.content, "baru", innovation_text({"checked": "2026-01-01"}))
    write_innovation(
        school_tree.content, "henti", innovation_text({"checked": "2020-01-01", "running": "false"})
    )
    result = load(school_tree, policy)
    (old,) = result.problems
    assert (old.path.split("/")[-2], old.code, old.severity) == (
        "lama",
        "INNOVATION_CHECK_OLD",
        "warning",
    )
    assert "masih berjalan?" in old.message()
    assert "still running?" in old.message("en")
    assert len(result.catalogue.innovations) == 3


def test_impact_rows_need_both_values(school_tree: Tree, policy: Policy) -> None:
    write_innovation(
        school_tree.content,
        "a",
        innovation_text(
            {
                "impact": (
                    "[{measure: Nilai literasi, unit: poin, before: 61, after: 74}, "
                    "{measure: Murid membaca, unit: murid, before: 40}, "
                    "{measure: Buku, unit: buku, before: banyak, after: 300}]"
                )
            }
        ),
    )
    result = load(school_tree, policy)
    rows = [(p.code, dict(p.params)["row"], dict(p.params)["value"]) for p in result.problems]
    assert rows == [
        ("INNOVATION_IMPACT_INCOMPLETE", "2", "Murid membaca"),
        ("INNOVATION_IMPACT_INCOMPLETE", "3", "Buku"),
    ]
    assert result.catalogue.innovations == ()


def test_impossible_impact_numbers_are_errors_that_name_the_number(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(
        school_tree.content,
        "a",
        innovation_text(
            {
                "impact": (
                    "[{measure: Murid membaca, unit: murid, before: 40, after: 310, "
                    "population: 250}, "
                    "{measure: Murid putus sekolah, unit: murid, before: 12, after: -3}, "
                    "{measure: Kehadiran, unit: '%', before: 85, after: 120}, "
                    "{measure: Kelulusan, unit: persen, before: 88, after: 100}, "
                    "{measure: Buku dipinjam, unit: buku, before: 90, after: 300, "
                    "population: 300}]"
                )
            }
        ),
    )
    result = load(school_tree, policy)
    found = [
        (p.code, p.severity, {k: v for k, v in p.params if k in ("row", "field", "number")})
        for p in result.problems
    ]
    assert found == [
        (
            "INNOVATION_IMPACT_OVER_POPULATION",
            "error",
            {"row": "1", "field": "after", "number": "310"},
        ),
        ("INNOVATION_IMPACT_NEGATIVE", "error", {"row": "2", "field": "after", "number": "-3"}),
        ("INNOVATION_IMPACT_OVER_100", "error", {"row": "3", "field": "after", "number": "120"}),
    ]
    assert "population: 250" in result.problems[0].message()
    assert "bukan selisihnya" in result.problems[1].fix()
    assert result.catalogue.innovations == ()


def test_an_index_md_that_is_a_link_outside_content_is_refused(
    school_tree: Tree, policy: Policy
) -> None:
    outside = school_tree.root / "di-luar.md"
    outside.write_text(innovation_text(), encoding="utf-8")
    index = write_innovation(school_tree.content, "sahabat", "")
    index.unlink()
    index.symlink_to(outside)
    result = load(school_tree, policy)
    assert codes(result) == [("content/inovasi/sahabat/index.md", "FILE_LINKED", "error")]
    assert result.catalogue.innovations == ()


def test_an_innovation_folder_that_is_a_link_is_refused(school_tree: Tree, policy: Policy) -> None:
    outside = write_innovation(school_tree.root / "di-luar", "sahabat", innovation_text())
    (school_tree.content / "inovasi").mkdir()
    (school_tree.content / "inovasi" / "tautan").symlink_to(
        outside.parent, target_is_directory=True
    )
    result = load(school_tree, policy)
    assert codes(result) == [("content/inovasi/tautan", "FOLDER_LINKED", "error")]
    assert "adalah tautan (symlink)" in result.problems[0].message()
    assert result.catalogue.innovations == ()


def test_stage_theme_started_and_status_are_checked(school_tree: Tree, policy: Policy) -> None:
    write_innovation(
        school_tree.content,
        "a",
        innovation_text(
            {"stage": "selesai", "theme": "[antariksa]", "started": "2021-13", "status": "terbit"}
        ),
    )
    result = load(school_tree, policy)
    assert sorted(p.code for p in result.problems) == [
        "INNOVATION_STAGE_UNKNOWN",
        "INNOVATION_STARTED_INVALID",
        "INNOVATION_THEME_UNKNOWN",
        "STATUS_UNKNOWN",
    ]


def test_status_defaults_to_the_policy_and_nothing_unpublished_is_public(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(school_tree.content, "a", innovation_text({"status": None}))
    result = load(school_tree, policy)
    (item,) = result.catalogue.innovations
    assert item.status == "review"
    assert result.catalogue.published_innovations == ()


def test_derived_from_names_another_innovation(school_tree: Tree, policy: Policy) -> None:
    write_innovation(school_tree.content, "induk", innovation_text())
    write_innovation(school_tree.content, "anak", innovation_text({"derived_from": "induk"}))
    write_innovation(school_tree.content, "yatim", innovation_text({"derived_from": "hilang"}))
    result = load(school_tree, policy)
    assert [(p.path.split("/")[-2], p.code) for p in result.problems] == [
        ("yatim", "INNOVATION_PARENT_UNKNOWN")
    ]
    by_slug = {i.slug: i for i in result.catalogue.innovations}
    assert by_slug["anak"].derived_from == "induk" and by_slug["yatim"].derived_from is None


def test_unknown_headings_and_code_fences() -> None:
    body = (
        "Ringkas.\n\n## Keunikan\n\nSatu.\n\n```\n## Dampak\n```\n\n## Lain-lain\n\nDua.\n\n"
        "## Dampak\n\nTiga."
    )
    intro, sections, unknown = split_sections(body)
    assert intro == "Ringkas."
    assert sections["keunikan"].startswith("Satu.") and "## Lain-lain" in sections["keunikan"]
    assert sections["dampak"] == "Tiga."
    assert unknown == ["Lain-lain"]


def test_new_innovation_scaffolds_guidance_that_check_reads_as_empty(
    school_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "innovation", "sahabat", "--school", "sdn-1-blora"]) == 0
    text = (school_tree.content / "inovasi" / "sahabat" / "index.md").read_text("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Latar belakang dan masalah",
        "## Keunikan",
        "## Implementasi",
        "## Dampak",
        "## Keberlanjutan",
        "## Replikasi",
    ]
    assert "Masalah apa yang ingin diatasi?" in text
    capsys.readouterr()
    main(["check", "--format", "json"])
    import json

    problems = json.loads(capsys.readouterr().out)["problems"]
    assert sorted({p["code"] for p in problems if "inovasi" in p["path"]}) == [
        "INNOVATION_SECTION_EMPTY"
    ]
    assert main(["new", "innovation", "sahabat"]) == 1  # never overwrites
    assert main(["new", "innovation", "x", "--school", "tidak-ada"]) == 1


def test_check_groups_an_innovation_s_problems_under_its_name(
    school_tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    write_innovation(school_tree.content, "sahabat", innovation_text({"theme": "[antariksa]"}))
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert (
        "Inovasi: sahabat\n  GALAT [INNOVATION_THEME_UNKNOWN] content/inovasi/sahabat/index.md\n"
        "    Tema 'antariksa' tidak ada dalam daftar.\n"
    ) in out


def test_an_innovation_s_life_decree_budget_and_replications(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(
        school_tree.content,
        "sahabat",
        innovation_text(
            {
                "life": "[{year: 2022, status: berjalan, note: Uji coba di kelas 5, "
                "budget: swadaya}, {year: 2021, status: berjalan}, "
                "{year: 2023, status: Jeda, note: Guru penggerak pindah}, "
                "{year: 2024, status: berjalan, budget: bos}]",
                "sk": "{number: 421/17/2022, date: 2022-01-10, by: Kepala SDN 1 Blora}",
                "budget": "[BOS, swadaya]",
                "replicated_by": '[smp-cepu, {school: "20312346", year: 2024}, '
                "{name: SD Negeri 1 Sulang, place: Kabupaten Rembang, year: 2025}]",
            }
        ),
    )
    result = load(school_tree, policy)
    assert codes(result) == []
    (item,) = result.catalogue.innovations
    assert [(y.year, y.status, y.note, y.budget) for y in item.life] == [
        (2021, "berjalan", "", None),
        (2022, "berjalan", "Uji coba di kelas 5", "swadaya"),
        (2023, "jeda", "Guru penggerak pindah", None),
        (2024, "berjalan", "", "BOS"),
    ]
    assert item.decree is not None
    assert (item.decree.number, item.decree.date, item.decree.by) == (
        "421/17/2022",
        dt.date(2022, 1, 10),
        "Kepala SDN 1 Blora",
    )
    assert item.budget == ("BOS", "swadaya")
    # The old form (a school's name) and the new rows live side by side; an NPSN is
    # resolved to its school, and one school replicating twice is written once.
    assert [(r.name, r.year, r.school, r.place) for r in item.replications] == [
        ("SD smp-cepu", 2024, "smp-cepu", None),
        ("SD Negeri 1 Sulang", 2025, None, "Kabupaten Rembang"),
    ]
    assert item.replicated_by == ("smp-cepu",)


def test_a_broken_life_row_decree_or_budget_is_a_warning_that_names_it(
    school_tree: Tree, policy: Policy
) -> None:
    write_innovation(
        school_tree.content,
        "sahabat",
        innovation_text(
            {
                "running": "true",
                "life": "[{year: 2022, status: jalan}, {year: 2023, status: berjalan}, "
                "{year: 2023, status: jeda}, {year: 2024, status: berhenti}]",
                "sk": "{number: 421/17/2022, date: kemarin}",
                "budget": "[APBN]",
                "replicated_by": "[{name: SD Negeri 1 Sulang}, {school: smp-cepu, year: dulu}]",
            }
        ),
    )
    result = load(school_tree, policy)
    found = [(p.code, p.severity, dict(p.params)) for p in result.problems]
    assert [(c, s) for c, s, _ in found] == [
        ("INNOVATION_REPLICATION_INVALID", "warning"),
        ("INNOVATION_REPLICATION_INVALID", "warning"),
        ("INNOVATION_LIFE_INVALID", "warning"),
        ("INNOVATION_LIFE_REPEATED", "warning"),
        ("INNOVATION_LIFE_CONFLICT", "warning"),
        ("INNOVATION_SK_INVALID", "warning"),
        ("INNOVATION_BUDGET_UNKNOWN", "warning"),
    ]
    assert found[2][2]["row"] == "1" and found[3][2]["year"] == "2023"
    conflict = result.problems[4]
    assert conflict.message() == (
        "Menurut 'life', pada 2024 inovasi ini 'berhenti', tetapi 'running' berisi true."
    )
    assert "Pilih salah satu: APBD, APBDes, BOS" in result.problems[6].fix()
    (item,) = result.catalogue.innovations  # warnings keep the innovation
    assert [y.year for y in item.life] == [2023, 2024]
    assert item.decree is None and item.budget == () and item.replications == ()

"""``etalase new``: scaffolds that the checker understands, and never an overwrite."""

from __future__ import annotations

import json

import pytest

from etalase.cli import main
from scenarios import Tree


def test_new_school_then_entry_give_files_that_only_need_the_school_facts(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "new",
                "school",
                "sdn-5-cepu",
                "--name",
                "SD Negeri 5 Cepu",
                "--npsn",
                "20399991",
                "--district",
                "Cepu",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "new",
                "entry",
                "sdn-5-cepu/tari-kreasi",
                "--title",
                "Tari Kreasi: Gambyong",
                "--video",
                "tari kreasi.mp4",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "Dibuat: " in out and "etalase check" in out
    index = tree.content / "sekolah" / "sdn-5-cepu" / "tari-kreasi" / "index.md"
    text = index.read_text(encoding="utf-8")
    assert 'title: "Tari Kreasi: Gambyong"' in text
    assert "consent: false" in text and "status: review" in text
    (index.parent / "tari kreasi.mp4").write_bytes(tree.clips["ok"].read_bytes())
    assert main(["check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    # The template is complete: what is left is what only the school can write (#12.19:
    # the scaffold's sample texts do not pass as the school's own).
    assert sorted((p["path"].split("/")[-2], p["code"]) for p in problems) == [
        ("sdn-5-cepu", "PLACEHOLDER_VALUE"),
        ("tari-kreasi", "CONSENT_MISSING"),
        ("tari-kreasi", "PLACEHOLDER_VALUE"),
    ]


def test_the_scaffolds_sample_npsn_does_not_pass(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "school", "sdn-5-cepu", "--district", "Cepu"]) == 0
    index = tree.content / "sekolah" / "sdn-5-cepu" / "index.md"
    index.write_text(
        index.read_text("utf-8").split("---\n")[1].join(["---\n", "---\nSD di Cepu.\n"])
    )
    capsys.readouterr()
    assert main(["check", "--format", "json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert [(p["code"], p["message"]) for p in problems] == [
        ("PLACEHOLDER_VALUE", "Isian 'npsn' masih berisi contoh dari templat ('00000000').")
    ]


def test_new_never_overwrites(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    index = tree.school("sdn-1-blora")
    before = index.read_bytes()
    assert main(["new", "school", "sdn-1-blora"]) == 1
    assert index.read_bytes() == before
    assert "sudah ada; tidak ditimpa" in capsys.readouterr().out


def test_new_refuses_bad_slugs_and_unknown_schools(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "school", "SD Negeri 1"]) == 1
    assert "sd-negeri-1" in capsys.readouterr().out
    assert main(["new", "entry", "tidak-ada/klip", "--lang", "en"]) == 1
    assert "etalase new school tidak-ada" in capsys.readouterr().out

"""``etalase check``: the command contract — formats, languages, paths and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from etalase.cli import main
from scenarios import Tree

BAD_ENTRY = "---\ntitle: Tanpa Izin\ndate: 2026-02-30\ncategory: kreativitas-siswa\nvideo: v.mp4\n---\nIsi\n"


def run_json(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, object]]:
    code = main(["check", "--format", "json", *args])
    return code, json.loads(capsys.readouterr().out)


def test_clean_content_exits_zero_with_a_summary(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas")
    code, report = run_json([], capsys)
    assert code == 0
    assert report["problems"] == []
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert (
        summary["schools"],
        summary["entries"],
        summary["valid_entries"],
        summary["published"],
    ) == (1, 1, 1, 1)


def test_problems_exit_one_and_name_file_code_message_fix(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "tanpa-izin", BAD_ENTRY, clip="ok", video="v.mp4")
    tree.entry("sdn-1-blora", "kepanjangan", clip="long")
    code, report = run_json([], capsys)
    assert code == 1
    problems = report["problems"]
    assert isinstance(problems, list)
    got = {(p["path"], p["code"]) for p in problems}
    assert got == {
        ("content/sekolah/sdn-1-blora/tanpa-izin/index.md", "DATE_INVALID"),
        ("content/sekolah/sdn-1-blora/tanpa-izin/index.md", "CONSENT_MISSING"),
        ("content/sekolah/sdn-1-blora/kepanjangan/video.mp4", "VIDEO_TOO_LONG"),
    }
    too_long = next(p for p in problems if p["code"] == "VIDEO_TOO_LONG")
    assert too_long == {
        "path": "content/sekolah/sdn-1-blora/kepanjangan/video.mp4",
        "severity": "error",
        "code": "VIDEO_TOO_LONG",
        "message": "Durasi video 72 detik; maksimal 60 detik.",
        "fix": "Potong videonya lalu kirim ulang.",
    }


def test_english_on_request(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.school("sdn-1-blora")
    tree.default_policy()  # the duration rule's own wording: 30-60 s
    tree.entry("sdn-1-blora", "pendek", clip="short")
    code = main(["check", "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 1
    assert "ERROR [VIDEO_TOO_SHORT] content/sekolah/sdn-1-blora/pendek/video.mp4" in out
    assert "The video is 18 seconds long; at least 30 seconds." in out
    assert out.strip().splitlines()[-1].startswith("Checked 1 school and 1 entry in ")
    assert ": 1 error, 0 warnings. 0 valid entries," in out


def test_text_report_groups_by_school(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.school("sdn-1-blora")
    tree.default_policy()
    tree.school("smp-2-cepu", npsn="20399999")
    tree.entry("sdn-1-blora", "pendek", clip="short")
    tree.entry("smp-2-cepu", "kosong", clip="empty")
    assert main(["check"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Sekolah: SD sdn-1-blora (sdn-1-blora)"
    assert lines[1] == "  GALAT [VIDEO_TOO_SHORT] content/sekolah/sdn-1-blora/pendek/video.mp4"
    assert lines[2] == "    Durasi video 18 detik; minimal 30 detik."
    assert (
        lines[3] == "    Perbaikan: Rekam video yang lebih panjang (30-60 detik) lalu kirim ulang."
    )
    assert "Sekolah: SD smp-2-cepu (smp-2-cepu)" in lines
    assert lines[-1].startswith("Diperiksa 2 sekolah dan 2 entri dalam ")
    assert lines[-1].endswith("2 galat, 0 peringatan. 0 entri valid, 0 di antaranya tayang.")


def test_paths_limit_the_report_to_one_school(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.school("smp-2-cepu", npsn="20399999")
    tree.entry("sdn-1-blora", "baik")
    tree.entry("smp-2-cepu", "kosong", clip="empty")
    code, report = run_json(["content/sekolah/sdn-1-blora"], capsys)
    assert code == 0 and report["problems"] == []
    code, report = run_json(["content/sekolah/smp-2-cepu"], capsys)
    assert code == 1 and len(report["problems"]) == 1  # type: ignore[arg-type]


def test_broken_config_exits_two(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    (tree.root / "mkdocs.yml").write_text(
        "site_name: x\nplugins:\n  - etalase:\n      duration_min: lama\n"
    )
    assert main(["check"]) == 2
    assert "tidak valid" in capsys.readouterr().err


def test_missing_ffprobe_exits_two_with_the_fix(
    tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("ETALASE_FFMPEG", raising=False)
    monkeypatch.delenv("ETALASE_FFPROBE", raising=False)
    assert main(["check", "--lang", "en"]) == 2
    assert "ffmpeg not found" in capsys.readouterr().err


def test_a_hostile_tree_never_shows_a_traceback(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    hostile = {
        "bom": "---\na: &a [x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n---\n",
        "biner": b"---\ntitle: \xff\xfe\x00\n---\n",
        "kosong": "",
        "daftar": "---\n- a\n---\n",
        "tag-python": "---\ntitle: !!python/object/apply:os.system [ls]\n---\n",
    }
    for slug, text in hostile.items():
        tree.entry("sdn-1-blora", slug, text)
    for clip in ("truncated", "random", "text", "audio_only", "empty"):
        tree.entry("sdn-1-blora", f"klip-{clip.replace('_', '-')}", clip=clip)
    tree.entry(
        "sdn-1-blora",
        "nama-aneh",
        "---\ntitle: x\ndate: 2026-01-01\ncategory: x\nvideo: '-i.mp4'\nconsent: true\n---\nx\n",
        clip="ok",
        video="-i.mp4",
    )
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.run(
        [sys.executable, "-m", "etalase", "check", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout)
    codes = {p["path"].split("/")[3]: p["code"] for p in report["problems"]}
    assert codes == {
        "bom": "YAML_ALIAS",
        "biner": "TEXT_NOT_UTF8",
        "kosong": "FRONTMATTER_MISSING",
        "daftar": "FRONTMATTER_NOT_MAPPING",
        "tag-python": "YAML_INVALID",
        "klip-truncated": "VIDEO_TRUNCATED",
        "klip-random": "VIDEO_UNREADABLE",
        "klip-text": "VIDEO_UNREADABLE",
        "klip-audio-only": "VIDEO_NO_PICTURE",
        "klip-empty": "VIDEO_EMPTY",
        "nama-aneh": "CATEGORY_UNKNOWN",
    }


def _checked_nothing(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["check", *args])
    captured = capsys.readouterr()
    assert code == 2, captured.out
    assert "0 galat" not in captured.out
    return captured.err


def test_a_mistyped_or_outside_path_checks_nothing_and_says_so(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """#12.14: "0 galat" and exit 0 for a path that was never checked is a lie."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "pendek", clip="short")
    err = _checked_nothing(["content/sekolah/sdn-1-bloraa"], capsys)
    assert "content/sekolah/sdn-1-bloraa tidak ada" in err
    err = _checked_nothing(["/etc"], capsys)
    assert "/etc tidak berada di folder katalog content/sekolah" in err


def test_the_wrong_working_folder_checks_nothing_and_names_the_project(
    tree: Tree, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "pendek", clip="short")
    (tree.root / "mkdocs.yml").write_text("site_name: x\ndocs_dir: content\n", encoding="utf-8")
    assert main(["check"]) == 1  # from the project folder: the short clip is found
    capsys.readouterr()
    monkeypatch.chdir(tree.content / "sekolah" / "sdn-1-blora")  # inside a school folder
    err = _checked_nothing([], capsys)
    assert "tidak ada mkdocs.yml" in err and f"Proyeknya ada di {tree.root.resolve()}" in err
    monkeypatch.chdir("/etc")
    err = _checked_nothing(["--lang", "en"], capsys)
    assert "nothing was checked: /etc has no mkdocs.yml" in err
    empty = tree.root / "kosong"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert "tidak ada yang diperiksa" in _checked_nothing([], capsys)


def test_the_summary_counts_what_was_checked(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.school("smp-2-cepu", npsn="20399999")
    tree.entry("sdn-1-blora", "baik")
    tree.entry("sdn-1-blora", "lain")
    tree.entry("smp-2-cepu", "kosong", clip="empty")
    _, report = run_json(["content/sekolah/sdn-1-blora/baik"], capsys)
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert (summary["schools"], summary["entries"], summary["valid_entries"]) == (1, 1, 1)
    _, report = run_json(["content/sekolah/smp-2-cepu"], capsys)
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert (
        summary["schools"],
        summary["entries"],
        summary["valid_entries"],
        summary["errors"],
    ) == (1, 1, 0, 1)
    _, report = run_json(["content"], capsys)
    summary = report["summary"]
    assert isinstance(summary, dict)
    assert (summary["schools"], summary["entries"]) == (2, 3)


def test_a_folder_scoped_check_reports_linked_files_and_folders_as_the_full_check_does(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """The pull-request workflow checks the changed folders only (#28.11)."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "baik")
    linked = tree.entry("sdn-1-blora", "tautan")
    outside = tree.root / "di-luar"
    outside.mkdir()
    (outside / "index.md").write_bytes(linked.read_bytes())
    linked.unlink()
    linked.symlink_to(outside / "index.md")  # the entry's index.md is a link out of content/
    (tree.content / "sekolah" / "sdn-1-blora" / "folder-luar").symlink_to(outside)
    code, full = run_json([], capsys)
    assert code == 1
    found = {(p["path"], p["code"]) for p in full["problems"]}  # type: ignore[attr-defined]
    assert ("content/sekolah/sdn-1-blora/tautan/index.md", "FILE_LINKED") in found
    assert any(path.endswith("folder-luar") for path, _ in found), found
    for scope in (
        "content/sekolah/sdn-1-blora",
        "content/sekolah",
        "content/sekolah/sdn-1-blora/tautan",
        "content/sekolah/sdn-1-blora/tautan/index.md",
        "content/sekolah/sdn-1-blora/folder-luar",
    ):
        code, scoped = run_json([scope], capsys)
        expected = {(path, c) for path, c in found if path.startswith(scope)}
        assert code == 1, scope
        assert {(p["path"], p["code"]) for p in scoped["problems"]} == expected, scope  # type: ignore[attr-defined]


def test_every_run_option_in_mkdocs_yml_is_known_to_every_command(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """``mkdocs build`` takes the run options from ``mkdocs.yml``: ``etalase`` must too."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas")
    (tree.root / "mkdocs.yml").write_text(
        "site_name: x\ndocs_dir: content\nplugins:\n  - etalase:\n"
        "      districts: [Blora, Cepu, Jepon]\n      duration_min: 1\n      enabled: true\n"
        "      lang: id\n"
        "      preview: false\n      edition: folder\n      since: 2026-01-01\n",
        encoding="utf-8",
    )
    code, report = run_json([], capsys)
    assert code == 0, capsys.readouterr().err
    assert report["problems"] == []


def test_checking_an_innovation_says_it_checked_an_innovation(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """#28.14: not "Diperiksa 0 sekolah dan 0 entri"."""
    from innovation_scenario import innovation_text, write_innovation

    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot")
    write_innovation(tree.content, "sahabat", innovation_text())
    main(["check", "content/inovasi/sahabat"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("Diperiksa 1 inovasi dalam "), last
    assert "sekolah" not in last and "entri" not in last
    main(["check"])
    last = capsys.readouterr().out.strip().splitlines()[-1]
    assert last.startswith("Diperiksa 1 sekolah, 1 entri dan 1 inovasi dalam "), last
    main(["check", "content/inovasi/sahabat", "--lang", "en"])
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("Checked 1 innovation in ")


LINKING_ENTRY = """\
---
title: Robot
date: 2026-08-14
category: kreativitas-siswa
video: video.mp4
consent: true
status: published
---
Lihat [rencana kegiatan](rencana.pdf), [kebun kami](../kebun/), [foto](foto.png) (belum diunggah),
[teman](../teman/) dan [situs sekolah](https://sdn1blora.sch.id/).
"""


def test_a_link_to_an_unpublished_file_or_entry_is_reported_before_the_build(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue #28.8: what the build drops as LINK_NOT_PUBLISHED, the check says first."""
    tree.school("sdn-1-blora")
    robot = tree.entry("sdn-1-blora", "robot", LINKING_ENTRY)
    (robot.parent / "rencana.pdf").write_bytes(b"%PDF-1.4 rencana")  # never published
    tree.entry("sdn-1-blora", "kebun")  # published: its link stays
    draft = tree.entry("sdn-1-blora", "teman")
    draft.write_text(draft.read_text().replace("status: published", "status: draft"))
    code, report = run_json([], capsys)
    problems = report["problems"]
    assert isinstance(problems, list)
    dropped = sorted(
        (p["path"], p["message"]) for p in problems if p["code"] == "LINK_NOT_PUBLISHED"
    )
    where = "content/sekolah/sdn-1-blora/robot/index.md"
    assert [path for path, _ in dropped] == [where, where, where]
    said = " ".join(message for _, message in dropped)
    assert "rencana.pdf" in said and "../teman/" in said and "foto.png" in said
    assert "../kebun/" not in said and "sdn1blora" not in said
    assert code == 0  # a warning: the entry is still published

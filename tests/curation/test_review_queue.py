"""The review queue from the command line: list, publish, reject, feature."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from etalase.cli import main
from scenarios import Tree

WAITING = """\
---
title: Kebun Hidroponik
date: 2026-03-02
category: kegiatan-sekolah
video: video.mp4
consent: true
status: review
---
Murid menanam sawi tanpa tanah.
"""


def test_review_lists_waiting_entries_with_duration_problems_and_preview(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "kebun", WAITING, clip="ok_35")
    tree.entry("sdn-1-blora", "kepanjangan", WAITING.replace("Kebun", "Panjang"), clip="long")
    tree.entry("sdn-1-blora", "sudah-tayang", clip="silent")  # published, another clip
    assert main(["review"]) == 0
    out = capsys.readouterr().out
    assert "2 entri menunggu pemeriksaan" in out
    assert "sdn-1-blora/kebun  [SD sdn-1-blora]\n  Kebun Hidroponik (durasi 35 detik)\n" in out
    assert "siap diterbitkan" in out
    assert "[VIDEO_TOO_LONG]" in out and "Durasi video 72 detik" in out
    assert "http://127.0.0.1:8000/sekolah/sdn-1-blora/kebun/" in out
    assert "sudah-tayang" not in out


def test_publish_changes_only_the_status_line(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """...and adds the publication date (the feed's order), in the file's own line endings."""
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "kebun", WAITING)
    index.write_bytes(index.read_bytes().replace(b"\n", b"\r\n"))
    before = index.read_bytes()
    assert main(["publish", "sdn-1-blora/kebun"]) == 0
    stamp = f"published: {dt.date.today().isoformat()}\r\n".encode()
    after = index.read_bytes()
    assert after.count(stamp) == 1 and after.index(stamp) < after.index(b"---", 3)
    assert after.replace(stamp, b"") == before.replace(b"status: review", b"status: published")
    assert "Diterbitkan: sdn-1-blora/kebun" in capsys.readouterr().out
    assert [p.name for p in index.parent.iterdir() if p.name.startswith(".")] == []


def test_publish_refuses_an_entry_with_errors_and_leaves_it(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "panjang", WAITING, clip="long")
    before = index.read_bytes()
    assert main(["publish", "sdn-1-blora/panjang", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "[VIDEO_TOO_LONG]" in out and "[ENTRY_HAS_ERRORS]" in out
    assert index.read_bytes() == before


def test_reject_writes_status_and_reason(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "kebun", WAITING)
    assert main(["reject", "sdn-1-blora/kebun", "--reason", "Suara: kurang jelas"]) == 0
    text = index.read_text()
    assert text == WAITING.replace(
        "status: review\n", 'status: rejected\nreview_note: "Suara: kurang jelas"\n'
    )
    assert main(["reject", "sdn-1-blora/kebun", "--reason", "  "]) == 1
    assert index.read_text() == text


def test_feature_and_unfeature(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "kebun")
    original = index.read_text()
    assert main(["feature", "sdn-1-blora/kebun"]) == 0
    assert index.read_text() == original.replace(
        "status: published\n", "status: published\nfeatured: true\n"
    )
    assert main(["feature", "content/sekolah/sdn-1-blora/kebun/", "--off"]) == 0
    assert index.read_text() == original
    assert "belum diterbitkan" not in capsys.readouterr().out


@pytest.mark.parametrize("key", ["sdn-1-blora/tidak-ada", "../etc", "sdn-1-blora", "A B/c"])
def test_unknown_entry_is_a_problem_not_a_traceback(
    tree: Tree, key: str, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    assert main(["publish", key]) == 1
    assert "[ENTRY_NOT_FOUND]" in capsys.readouterr().out


def test_a_symlinked_entry_is_not_edited(tree: Tree, tmp_path: Path) -> None:
    tree.school("sdn-1-blora")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.md").write_text(WAITING)
    (tree.content / "sekolah" / "sdn-1-blora" / "link").symlink_to(outside)
    assert main(["publish", "sdn-1-blora/link"]) == 1
    assert (outside / "index.md").read_text() == WAITING


def test_review_gives_the_duration_of_a_clip_it_read_even_with_text_problems(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """#12.19: "durasi tidak terbaca" was said for every entry with a problem."""
    tree.school("sdn-1-blora")
    tree.entry(
        "sdn-1-blora", "kebun", WAITING.replace("consent: true", "consent: tidak"), clip="ok_35"
    )
    assert main(["review"]) == 0
    out = capsys.readouterr().out
    assert "Kebun Hidroponik (durasi 35 detik)" in out and "tidak terbaca" not in out
    assert "[CONSENT_MISSING]" in out


def test_the_same_clip_twice_is_named_in_review_and_in_the_desk_queue(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """#28.10: not two entries "siap diterbitkan" with the same clip."""
    from etalase.desk.queue import collect
    from etalase.project import load_project

    tree.school("sdn-1-blora")
    tree.school("smp-2-cepu", npsn="20399999")
    tree.entry("sdn-1-blora", "kebun", WAITING)
    tree.entry("smp-2-cepu", "kebun-juga", WAITING.replace("Kebun", "Kebun Lagi"))
    tree.entry("sdn-1-blora", "lain", WAITING.replace("Kebun", "Lain"), clip="silent")
    assert main(["review"]) == 0
    out = capsys.readouterr().out
    assert out.count("[ENTRY_SAME_CLIP]") == 2, out
    assert "Videonya sama persis dengan video entri smp-2-cepu/kebun-juga" in out
    assert "Videonya sama persis dengan video entri sdn-1-blora/kebun:" in out
    assert out.count("siap diterbitkan") == 1  # only the entry with its own clip
    project = load_project()
    rows = {i.key: i for i in collect(project, project.load(), {})}
    assert [p.code for p in rows["sdn-1-blora/kebun"].problems] == ["ENTRY_SAME_CLIP"]
    assert "smp-2-cepu/kebun-juga" in rows["sdn-1-blora/kebun"].problems[0].message("id")
    assert [p.code for p in rows["smp-2-cepu/kebun-juga"].problems] == ["ENTRY_SAME_CLIP"]
    assert rows["sdn-1-blora/lain"].problems == ()

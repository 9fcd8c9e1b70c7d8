"""The dossier's appendix "Lampiran: transkrip video bukti" (#30.7)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from etalase.cli import main
from innovation_scenario import MKDOCS, innovation_text, write_innovation
from scenarios import X264, Tree, ffmpeg

SRT_ID = (
    "1\n00:00:00,500 --> 00:00:01,500\nMurid menanam sayur\n\n"
    "2\n00:00:01,600 --> 00:00:02,800\ndi kebun <b>sekolah</b>\n"
)
SRT_JV = "1\n00:00:00,500 --> 00:00:01,500\nBocah-bocah nandur sayur\n"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    monkeypatch.chdir(tmp_path)
    clip = tmp_path / "clip.mp4"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120:r=10:d=3", *X264, str(clip))
    tree = Tree(tmp_path, {"ok": clip})
    (tree.root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "kebun")
    tree.entry("sdn-1-blora", "robot")
    return tree


def _paragraphs(path: Path) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in Document(str(path)).paragraphs if p.text]


def test_the_appendix_holds_each_clips_captions_indonesian_first(project: Tree) -> None:
    folder = project.content / "sekolah/sdn-1-blora/kebun"
    (folder / "video.jv.srt").write_text(SRT_JV, "utf-8")
    (folder / "video.id.srt").write_text(SRT_ID, "utf-8")
    write_innovation(
        project.content,
        "sahabat",
        innovation_text({"evidence": "[sdn-1-blora/kebun, sdn-1-blora/robot]"}),
    )

    assert main(["export", "innovation", "sahabat", "--format", "docx"]) == 0

    paragraphs = _paragraphs(project.root / "sahabat.docx")
    start = paragraphs.index(("Heading 1", "Lampiran: transkrip video bukti"))
    assert paragraphs[start + 1 :] == [
        ("Heading 2", "Judul kebun"),
        ("Normal", "Murid menanam sayur"),
        ("Normal", "di kebun sekolah"),
        ("Heading 2", "Judul robot"),
        ("Normal", "(belum ada takarir)"),
    ]


def test_no_appendix_when_no_clip_has_captions(project: Tree) -> None:
    write_innovation(
        project.content, "sahabat", innovation_text({"evidence": "[sdn-1-blora/kebun]"})
    )

    assert main(["export", "innovation", "sahabat", "--format", "docx"]) == 0

    texts = [t for _, t in _paragraphs(project.root / "sahabat.docx")]
    assert "Lampiran: transkrip video bukti" not in texts

"""Why a file could not be read is said in Indonesian, never in the OS's, PyYAML's or ffprobe's
English (which stays for ``--lang en``)."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from etalase.content.reader import parse_markdown
from etalase.media.probe import probe
from etalase.media.tools import Tools
from etalase.problems import problem
from etalase.reasons import os_reason, shorten

#: Words of the tools' English that leaked into Indonesian messages before.
ENGLISH = re.compile(
    r"Is a directory|Permission denied|mapping values|could not find|found character|"
    r"Invalid data|moov atom|expected|allowed|while scanning",
)


def both(found: object) -> tuple[str, str]:
    problems = found[1]  # type: ignore[index]
    assert len(problems) == 1, problems
    return problems[0].message("id"), problems[0].message("en")


def test_os_errors_are_said_in_indonesian_by_errno(tmp_path: Path) -> None:
    try:
        (tmp_path / "index.md").mkdir() or open(tmp_path / "index.md", "rb")  # noqa: SIM115
    except OSError as exc:
        said = problem("FILE_UNREADABLE", "index.md", **os_reason(exc))
    assert "itu sebuah folder, bukan berkas" in said.message("id")
    assert not ENGLISH.search(said.message("id")), said.message("id")
    assert "it is a folder" in said.message("en")
    odd = problem(
        "FILE_UNREADABLE", "x", **os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    )
    assert "galat sistem EXDEV" in odd.message("id") and "cross-device" in odd.message("en")


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ("title: Robot: dari sampah\n", "tanda ':' di tengah nilai"),
        ("title: Robot\n\tcategory: x\n", "karakter Tab"),
        ('title: "Robot dari sampah\n', "tanda kutip dibuka tetapi tidak ditutup"),
        ("title: Robot\ntags: [a, b\n", "daftar [ ... ] tidak ditutup"),
        ("title: `kode`\n", "karakter yang tidak boleh"),
    ],
)
def test_yaml_mistakes_are_explained_in_indonesian(front: str, said: str) -> None:
    indonesian, english = both(parse_markdown(f"---\n{front}---\nIsi.\n", "index.md"))
    assert said in indonesian, indonesian
    assert not ENGLISH.search(indonesian), indonesian
    assert "(line" in english and "baris" not in english


def test_broken_videos_are_explained_in_indonesian(tools: Tools, tmp_path: Path) -> None:
    text = tmp_path / "video.mp4"
    text.write_text("ini catatan, bukan video\n", encoding="utf-8")
    (tmp_path / "full.mp4").write_bytes(b"")
    cut = tmp_path / "terpotong.mp4"
    source = tmp_path / "utuh.mp4"
    import subprocess

    subprocess.run(
        [tools.ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x120:r=10:d=3",
         "-c:v", "libx264", "-preset", "ultrafast", str(source)],
        check=True,
    )  # fmt: skip
    cut.write_bytes(source.read_bytes()[: source.stat().st_size // 3])
    for clip, said in ((text, "bukan video"), (cut, "tidak utuh")):
        result = probe(tools, clip, 10)
        assert result.info is None
        found = problem("VIDEO_UNREADABLE", clip.name, value=clip.name, **result.reasons)
        assert said in found.message("id"), found.message("id")
        assert not ENGLISH.search(found.message("id")), found.message("id")
        assert str(tmp_path) not in found.message("en")


def test_a_long_tool_message_is_cut_between_words() -> None:
    said = shorten("word " * 60)
    assert len(said) <= 161 and said.endswith("word…")

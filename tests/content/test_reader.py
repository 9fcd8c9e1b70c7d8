"""Reading front matter: encodings, line endings, broken YAML, alias bombs."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from etalase.content.reader import (
    MAX_FILE_BYTES,
    AliasNotAllowed,
    RawInt,
    StrictLoader,
    load_strict,
    parse_markdown,
    read_markdown,
)


def codes(path: Path) -> list[str]:
    _, problems = read_markdown(path, path.name)
    return [p.code for p in problems]


def test_bom_and_crlf_are_fine(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    path.write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: Batik Daun Jati\r\nnpsn: 01234567\r\n---\r\nIsi.\r\n"
    )
    source, problems = read_markdown(path, "index.md")
    assert problems == []
    assert source is not None
    assert source.meta["title"] == "Batik Daun Jati"
    assert source.body == "Isi."
    assert isinstance(source.meta["npsn"], RawInt) and source.meta["npsn"].raw == "01234567"


def test_dates_stay_text_so_the_schema_can_judge_them(tmp_path: Path) -> None:
    source, _ = parse_markdown("---\ndate: 2026-13-45\n---\n", "x")
    assert source is not None and source.meta["date"] == "2026-13-45"


def test_non_utf8_is_a_problem_with_the_position(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    path.write_bytes(b"---\ntitle: Kegiatan Pramuka\n---\n" + b"caf\xe9")
    _, problems = read_markdown(path, "index.md")
    assert [p.code for p in problems] == ["TEXT_NOT_UTF8"]
    assert "baris 4" in problems[0].message()


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    path.write_text("---\ntitle: Robot\ntags: [a, b\ndate: 2026-01-01\n---\nIsi\n")
    _, problems = read_markdown(path, "index.md")
    assert [p.code for p in problems] == ["YAML_INVALID"]
    assert "baris" in problems[0].message()


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 12):
        prev = chr(ord("a") + i - 1)
        cur = chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    path = tmp_path / "index.md"
    path.write_text("---\n" + "\n".join(lines) + "\n---\nbom\n")
    assert codes(path) == ["YAML_ALIAS"]


def test_missing_front_matter_and_non_mapping(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("Hanya teks tanpa bagian data.\n")
    listed = tmp_path / "list.md"
    listed.write_text("---\n- satu\n- dua\n---\nIsi\n")
    unclosed = tmp_path / "unclosed.md"
    unclosed.write_text("---\ntitle: x\n")
    assert codes(plain) == ["FRONTMATTER_MISSING"]
    assert codes(listed) == ["FRONTMATTER_NOT_MAPPING"]
    assert codes(unclosed) == ["FRONTMATTER_MISSING"]


def test_python_tags_and_deep_nesting_are_problems_not_crashes(tmp_path: Path) -> None:
    tagged = tmp_path / "tagged.md"
    tagged.write_text("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
    deep = tmp_path / "deep.md"
    deep.write_text("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n")
    assert codes(tagged) == ["YAML_INVALID"]
    assert codes(deep) == ["YAML_TOO_COMPLEX"]


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "index.md"
    path.write_text("---\ntitle: x\n---\n" + "kata " * (MAX_FILE_BYTES // 4))
    assert codes(path) == ["FILE_TOO_LARGE"]


@pytest.mark.parametrize(
    "text",
    [
        'title: "Robot"\ndate: 2024-07-01\nnpsn: 0203\ntags: [a, "b c"]\nconsent: true\n',
        "title: Dakon\nnested:\n  - {a: 1, b: [x, y]}\n  - ~\nyes: no\nwhen: 2024-01-01 10:00\n",
        "- just\n- a list\n",
        "",
    ],
)
def test_the_libyaml_path_reads_exactly_what_the_strict_loader_reads(text: str) -> None:
    fast, strict = load_strict(text), yaml.load(text, Loader=StrictLoader)
    assert fast == strict
    assert repr(fast) == repr(strict)  # dates stay text, in both
    if isinstance(strict, dict) and "npsn" in strict:
        assert fast["npsn"].raw == strict["npsn"].raw == "0203"


def test_an_alias_is_refused_on_the_libyaml_path_too() -> None:
    with pytest.raises(AliasNotAllowed):
        load_strict("a: &x [1, 2]\nb: *x\n")


@pytest.mark.parametrize("lead", ["", "\n\n"])
def test_a_yaml_error_names_the_line_an_editor_shows(lead: str) -> None:
    """#12.19: the line was one too high (and blank lines above '---' were not counted)."""
    text = lead + "---\ntitle: Robot\nvideo: a: b\ndate: 2026-01-01\n---\nIsi\n"
    _, problems = parse_markdown(text, "x")
    assert f"(baris {3 + len(lead)})" in problems[0].message()

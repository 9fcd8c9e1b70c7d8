"""One way to write a YAML value: every value reads back as the same text."""

from __future__ import annotations

import pytest

from etalase.content.reader import load_strict
from etalase.content.yaml_scalar import yaml_scalar


@pytest.mark.parametrize(
    "value",
    [
        "published",
        "video.mp4",
        "yes",
        "No",
        "2026",
        "1.5",
        "2026-08-14",
        "Tari: Gambyong",
        'say "hi" # x',
        "  spaced ",
        "Sekolah Dasar Négeri",
        "a\nb",
        "[x]",
        "null",
        "~",
    ],
)
def test_a_value_reads_back_as_the_same_text(value: str) -> None:
    assert load_strict(f"key: {yaml_scalar(value)}\n") == {"key": value}


def test_plain_only_for_a_plain_word_and_booleans_as_booleans() -> None:
    assert yaml_scalar("kreativitas-siswa") == "kreativitas-siswa"
    assert yaml_scalar("2026") == '"2026"'
    assert yaml_scalar(True) == "true" and yaml_scalar(False) == "false"

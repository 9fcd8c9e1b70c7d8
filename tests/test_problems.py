"""The problem catalogue: every code speaks both languages and fills its placeholders."""

from __future__ import annotations

import re
import string

from etalase.problems import CATALOGUE, Problem, problem

PLACEHOLDER = re.compile(r"{(\w+)}")


def _faults(code: str) -> list[str]:
    """What is wrong with one catalogue row (nothing: an empty list)."""
    w = CATALOGUE[code]
    faults = []
    if not re.fullmatch(r"[A-Z][A-Z0-9_]+", code):
        faults.append("code")
    if w.severity not in ("error", "warning"):
        faults.append("severity")
    for name in ("message_id", "fix_id", "message_en", "fix_en"):
        text = getattr(w, name)
        if not text.strip() or text == text.upper():
            faults.append(name)
        try:
            list(string.Formatter().parse(text))  # well-formed braces
        except ValueError:
            faults.append(f"{name} braces")
    # A worded parameter comes in two: "X" (Indonesian) and "X_en" (English).
    worded = {"expected", "fields"}
    names_id = set(PLACEHOLDER.findall(w.message_id + w.fix_id))
    names_en = set(PLACEHOLDER.findall(w.message_en + w.fix_en)) - {f"{x}_en" for x in worded}
    if names_id - worded != names_en - worded:
        faults.append("placeholders")
    if w.message_id == w.message_en:
        faults.append("untranslated")
    return faults


def test_every_code_has_both_languages_with_the_same_placeholders() -> None:
    """Every row in one test (not one test per row); each faulty row is named."""
    faulty = {code: _faults(code) for code in sorted(CATALOGUE)}
    assert {code: f for code, f in faulty.items() if f} == {}


def test_message_names_the_numbers_and_the_fix() -> None:
    item = problem(
        "VIDEO_TOO_LONG", "content/sekolah/a/b/video.mp4", seconds=72, min_s=30, max_s=60
    )
    assert item.message() == "Durasi video 72 detik; maksimal 60 detik."
    assert item.fix() == "Potong videonya lalu kirim ulang."
    assert item.message("en") == "The video is 72 seconds long; at most 60 seconds."
    assert item.as_json("en") == {
        "path": "content/sekolah/a/b/video.mp4",
        "severity": "error",
        "code": "VIDEO_TOO_LONG",
        "message": "The video is 72 seconds long; at most 60 seconds.",
        "fix": "Trim the video and send it again.",
    }


def test_missing_parameter_never_raises() -> None:
    item = Problem(path="x", code="FIELD_MISSING")
    assert "{field}" in item.message()


def test_every_code_is_used_by_the_package() -> None:
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "etalase"
    text = "".join(p.read_text("utf-8") for p in src.rglob("*.py") if p.name != "problems.py")
    assert [code for code in CATALOGUE if f'"{code}"' not in text] == []

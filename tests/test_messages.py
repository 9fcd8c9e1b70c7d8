"""The message table: every text a user reads that is not a problem, in both languages."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from etalase.errors import ConfigError
from etalase.messages import MESSAGES, Either, Ref, decimal, text
from etalase.policy import Policy

SRC = Path(__file__).resolve().parents[1] / "src" / "etalase"


def _fields(wording: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(wording) if name}


def test_both_languages_take_the_same_placeholders() -> None:
    """Every row in one test (not one test per row); each faulty row is named."""
    faulty = [
        key
        for key, (indonesian, english) in sorted(MESSAGES.items())
        if not (indonesian and english and _fields(indonesian) == _fields(english))
    ]
    assert faulty == []


def test_every_key_is_used_by_the_package() -> None:
    files = [*SRC.rglob("*.py"), *SRC.rglob("*.html")]  # the desk's templates ask for keys too
    source = "".join(p.read_text("utf-8") for p in files if p.name != "messages.py")
    source += (SRC / "messages.py").read_text("utf-8").partition("\n@dataclass")[2]
    used = set(re.findall(r"""["']([a-z_]+(?:\.[a-z_-]+)+)["']""", source))
    # Keys made from a prefix and a variable part, e.g. f"review.{done}", f"kind.{kind}".
    prefixes = set(re.findall(r"""f["']((?:[a-z_]+\.)+)\{""", source))
    prefixes |= set(re.findall(r"""["']((?:[a-z_]+\.)+)["']\s*(?:\+|~)""", source))
    unused = [k for k in MESSAGES if k not in used and not k.startswith(tuple(prefixes))]
    # Worded for the curator's desk but not shown yet (left to the desk's owner to use or drop).
    assert unused == ["desk.sizes", "desk.ok", "desk.problems", "desk.open"]


def test_no_module_branches_on_the_language() -> None:
    branches = [
        f"{p.relative_to(SRC)}:{n}"
        for p in SRC.rglob("*.py")
        for n, line in enumerate(p.read_text("utf-8").splitlines(), 1)
        if re.search(r"""lang\s*[!=]=\s*["'](en|id)["']""", line)
    ]
    assert branches == []


def test_a_config_error_is_worded_in_either_language() -> None:
    with pytest.raises(ConfigError) as caught:
        Policy.from_options({"default_status": "tayang"})
    error = caught.value
    assert error.key == "config.option_invalid"
    assert str(error) == error.text("id")
    assert "harus berupa draft atau review atau published atau rejected" in error.text("id")
    assert "must be draft or review or published or rejected (found: 'tayang')" in error.text("en")


def test_parameters_worded_per_language_follow_the_message() -> None:
    nested = Ref("kind.status", {"statuses": Either(["a", "b"])})
    assert text("config.option_invalid", "en", name="x", kind=nested, value="1").endswith(
        "x must be a or b (found: 1)"
    )
    error = ConfigError("config.drop_missing", path="/x")
    assert text("ingest.failed", "en", reason=error) == (
        "Run failed: The shared folder /x does not exist.. Trying again later."
    )
    assert decimal(1.25, "id") == "1,2" and decimal(1.25, "en") == "1.2"

"""The private MkDocs API as a contract: one module, a pinned range, recorded signatures."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import tomllib

from etalase.errors import ConfigError
from etalase.plugin import mkdocs_private
from etalase.plugin.mkdocs_private import ATTRIBUTES, CHECKED, SIGNATURES, check_mkdocs, resolve

SRC = Path(mkdocs_private.__file__).resolve().parents[1]
ROOT = SRC.parents[1]


@pytest.mark.parametrize("name", sorted(SIGNATURES))
def test_every_private_symbol_keeps_the_signature_it_was_checked_with(name: str) -> None:
    """An MkDocs upgrade that changes one of them fails here, naming it."""
    assert str(inspect.signature(resolve(name))) == SIGNATURES[name]


@pytest.mark.parametrize("name", sorted(ATTRIBUTES))
def test_the_attributes_we_read_or_set_are_still_there(name: str) -> None:
    source = inspect.getsource(resolve(name))
    assert [a for a in ATTRIBUTES[name] if a not in source] == []


def test_the_installed_mkdocs_passes_and_pyproject_pins_the_checked_range() -> None:
    check_mkdocs()
    low, high = CHECKED
    pin = f"mkdocs>={'.'.join(map(str, low))},<{'.'.join(map(str, high))}"
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert pin in dependencies


def test_an_mkdocs_outside_the_range_is_refused_in_plain_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(mkdocs_private, "_checked", False)
    monkeypatch.setattr(mkdocs_private, "CHECKED", ((1, 7), (1, 8)))
    with pytest.raises(ConfigError) as caught:
        check_mkdocs()
    assert "hanya diuji dengan MkDocs >=1.7,<1.8" in caught.value.text("id")
    assert "pip install 'mkdocs>=1.7,<1.8'" in caught.value.text("en")


def test_a_changed_symbol_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mkdocs_private, "_checked", False)
    changed = {**SIGNATURES, "mkdocs.commands.build:_build_page": "(page, config)"}
    changed["mkdocs.commands.build:_gone"] = "()"
    monkeypatch.setattr(mkdocs_private, "SIGNATURES", changed)
    with pytest.raises(ConfigError) as caught:
        check_mkdocs()
    message = caught.value.text("id")
    assert "tidak lagi memiliki" in message
    assert "mkdocs.commands.build:_build_page" in message and "_gone" in message
    assert "mkdocs.commands.build:_populate_page" not in message


#: How a private use looks in source; only mkdocs_private.py may hold one.
PRIVATE_USES = re.compile(
    r"(?<!\w)_build_page|_populate_page|is_modified|\.observer\b|\.builder\s*=|\.omitted_files"
    r"|present_anchor_ids|mkdocs\.commands\.build import _"
)


def test_no_other_module_uses_mkdocs_private_api() -> None:
    found = [
        f"{path.relative_to(SRC)}: {line.strip()}"
        for path in SRC.rglob("*.py")
        if path.name != "mkdocs_private.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if PRIVATE_USES.search(line) and not line.lstrip().startswith(("#", "-", "``", ":"))
    ]
    assert found == []

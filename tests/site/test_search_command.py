"""Pagefind is started from its binary: no second Python only to hand over to it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from etalase.site import search


def test_pagefind_runs_from_its_binary_not_through_python(tmp_path: Path) -> None:
    command = search.pagefind_command(tmp_path)
    program = Path(command[0])
    assert program.is_file() and os.access(program, os.X_OK)
    assert program.resolve() != Path(sys.executable).resolve()
    assert "-m" not in command
    assert command[1:3] == ["--site", str(tmp_path)]
    shown = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=True)
    assert shown.stdout.startswith("pagefind ")


def test_a_binary_named_in_the_environment_is_the_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = tmp_path / "pagefind-own"
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(named))
    search.pagefind_program.cache_clear()
    try:
        assert search.pagefind_command(tmp_path)[0] == str(named)
    finally:
        monkeypatch.delenv("PAGEFIND_BINARY_PATH")
        search.pagefind_program.cache_clear()

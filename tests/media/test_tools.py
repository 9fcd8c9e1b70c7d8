"""Finding ffmpeg: environment, setting, PATH; clear errors and the ffmpeg-python clash check."""

from __future__ import annotations

import shutil
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest

from etalase.errors import ConfigError
from etalase.media.tools import ffmpeg_python, find_tools
from etalase.policy import Policy


def test_path_lookup_finds_the_system_tools(
    policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ETALASE_FFMPEG", raising=False)
    monkeypatch.delenv("ETALASE_FFPROBE", raising=False)
    tools = find_tools(policy)
    assert tools.ffmpeg == shutil.which("ffmpeg")
    assert tools.version.startswith("ffmpeg version")


def test_environment_wins_over_setting_and_path(
    policy: Policy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "my-ffmpeg"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("ETALASE_FFMPEG", str(fake))
    tools = find_tools(replace(policy, ffmpeg="/usr/bin/ffmpeg"))
    assert tools.ffmpeg == str(fake)


def test_missing_tools_explain_the_fix_in_both_languages(
    policy: Policy, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ETALASE_FFMPEG", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(ConfigError) as caught:
        find_tools(policy)
    assert "ffmpeg tidak ditemukan" in caught.value.text("id")
    assert "make install" in caught.value.text("id")
    assert "ffmpeg not found" in caught.value.text("en")


def test_a_wrong_setting_is_named(policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ETALASE_FFMPEG", raising=False)
    with pytest.raises(ConfigError, match=r"mkdocs\.yml"):
        find_tools(replace(policy, ffmpeg="/opt/tidak-ada/ffmpeg"))


def test_a_look_alike_ffmpeg_module_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    impostor = types.ModuleType("ffmpeg")
    impostor.__file__ = "/site-packages/ffmpeg/__init__.py"
    monkeypatch.setitem(sys.modules, "ffmpeg", impostor)
    with pytest.raises(ConfigError) as caught:
        ffmpeg_python()
    assert "bukan ffmpeg-python" in caught.value.text("id")


def test_the_real_ffmpeg_python_is_accepted() -> None:
    module = ffmpeg_python()
    assert callable(module.input)

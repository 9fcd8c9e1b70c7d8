"""Finding ffmpeg and ffprobe, and checking that ffmpeg-python is the real one.

Lookup order, first match wins: the environment variables ``ETALASE_FFMPEG`` /
``ETALASE_FFPROBE``, the ``ffmpeg`` / ``ffprobe`` options of the plugin in
``mkdocs.yml``, then ``PATH``. Etalase depends on the system's ffmpeg (Debian's
``ffmpeg`` package, which ``make install`` sets up); see the README for why.

:func:`ffmpeg_python` checks that the ``ffmpeg`` module really is ffmpeg-python:
other PyPI packages install a module of the same name. The command lines
themselves are built in :mod:`etalase.media.commands`, the one module that
imports it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import process
from ..errors import ConfigError
from ..policy import Policy

# Demuxers a school's upload may be read with. Anything else (playlists, concat
# lists, image sequences, network protocols) is refused before it is opened.
INPUT_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,asf,mpeg"
SAFE_INPUT_OPTIONS = ("-protocol_whitelist", "file", "-format_whitelist", INPUT_FORMATS)


@dataclass(frozen=True, slots=True)
class Tools:
    """Paths of the two executables."""

    ffmpeg: str
    ffprobe: str

    @property
    def version(self) -> str:
        """ffmpeg's version line, part of every media cache key."""
        return _version(self.ffmpeg)


def find_tools(policy: Policy) -> Tools:
    """Locate ffmpeg and ffprobe.

    Raises:
        ConfigError: either tool is missing, with the fix in both languages.
    """
    return Tools(
        ffmpeg=_find("ffmpeg", "ETALASE_FFMPEG", policy.ffmpeg),
        ffprobe=_find("ffprobe", "ETALASE_FFPROBE", policy.ffprobe),
    )


def _find(name: str, env_var: str, setting: str | None) -> str:
    for source, value in ((env_var, os.environ.get(env_var)), ("mkdocs.yml", setting)):
        if value:
            found = shutil.which(value)
            if found:
                return found
            raise ConfigError("config.tool_named_missing", name=name, source=source, value=value)
    found = shutil.which(name)
    if found:
        return found
    raise ConfigError("config.tool_missing", name=name)


@cache
def _version(ffmpeg: str) -> str:
    from .commands import version_command  # commands imports this module

    result = process.run(version_command(ffmpeg), timeout=20)
    first = result.stdout.decode("utf-8", "replace").splitlines()
    return first[0].strip() if result.ok and first else "unknown"


def ffmpeg_python() -> Any:
    """Import ffmpeg-python, refusing a look-alike module.

    Raises:
        ConfigError: the installed ``ffmpeg`` module is not ffmpeg-python.
    """
    from .commands import import_ffmpeg_python  # commands imports this module

    try:
        ffmpeg = import_ffmpeg_python()
    except ImportError as exc:
        raise ConfigError("config.ffmpeg_python_missing") from exc
    if not all(hasattr(ffmpeg, attr) for attr in ("input", "output", "compile", "Error")):
        where = Path(getattr(ffmpeg, "__file__", "?") or "?").parent
        raise ConfigError("config.ffmpeg_python_wrong", where=where)
    return ffmpeg

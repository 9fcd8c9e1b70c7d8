"""What the last deploy left on the hosts, kept in the cache folder between runs.

The state file names every page file deployed (size, modification time, hash)
and every media file on the media host, plus when each media file stopped being
referenced. It is written after each step that succeeded, atomically, so a
deploy killed half-way leaves the truth about what finished and the next run
does only the rest. A state made for other hosts is ignored (a fresh deploy).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..files import atomic_write_text, stamped_sha256

STATE_FILE = "state.json"
VERSION = 1


@dataclass(slots=True)
class DeployState:
    """Mutable while a deploy runs; saved after every finished step."""

    pages_remote: str
    media_remote: str
    pages: dict[str, list[Any]] = field(default_factory=dict)  # rel -> [size, mtime_ns, sha]
    media: dict[str, int] = field(default_factory=dict)  # m/ab/name -> size
    unreferenced: dict[str, float] = field(default_factory=dict)  # m/ab/name -> since (epoch)

    @classmethod
    def load(cls, folder: Path, pages_remote: str, media_remote: str) -> DeployState:
        """The state for these hosts, or an empty one."""
        try:
            data = json.loads((folder / STATE_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            data = None
        fresh = cls(pages_remote, media_remote)
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return fresh
        if data.get("pages_remote") != pages_remote or data.get("media_remote") != media_remote:
            return fresh
        fresh.pages = dict(data.get("pages") or {})
        fresh.media = {str(k): int(v) for k, v in (data.get("media") or {}).items()}
        fresh.unreferenced = {str(k): float(v) for k, v in (data.get("unreferenced") or {}).items()}
        return fresh

    def save(self, folder: Path) -> None:
        data = {
            "version": VERSION,
            "pages_remote": self.pages_remote,
            "media_remote": self.media_remote,
            "pages": self.pages,
            "media": self.media,
            "unreferenced": self.unreferenced,
        }
        atomic_write_text(folder / STATE_FILE, json.dumps(data, sort_keys=True))


def deployed_pages(folder: Path, targets: Iterable[tuple[str, str]]) -> frozenset[str]:
    """The page files (``sekolah/<s>/<e>/index.html``...) the last deploy left on the pages host.

    What the public site has, as far as Etalase knows: empty when no pages host
    is configured (``deploy: {pages: ...}``) or nothing was deployed to it yet.

    Args:
        folder: The deploy state's folder (the project's ``cache.deploy``).
        targets: The plugin's ``deploy`` option as pairs (``pages``/``media``, ``REMOTE:PATH``).
    """
    hosts = dict(targets)
    pages = hosts.get("pages")
    if not pages:
        return frozenset()
    return frozenset(DeployState.load(folder, pages, hosts.get("media") or "").pages)


def scan(folder: Path, known: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """Every file under ``folder``: ``rel -> [size, mtime_ns, sha256]``.

    A file whose size and modification time match ``known`` keeps its known
    hash (a build links unchanged pages from its cache); the others are hashed.
    """
    out: dict[str, list[Any]] = {}
    for dirpath, _dirs, names in os.walk(folder):
        rel_dir = os.path.relpath(dirpath, folder)
        for name in names:
            rel = name if rel_dir == "." else f"{rel_dir}/{name}".replace(os.sep, "/")
            out[rel] = list(stamped_sha256(Path(dirpath, name), known.get(rel)))
    return out


def scan_media(folder: Path) -> dict[str, int]:
    """Content-addressed media files under ``folder``: ``m/ab/name -> size`` (never hashed)."""
    out: dict[str, int] = {}
    for dirpath, _dirs, names in os.walk(folder):
        rel_dir = os.path.relpath(dirpath, folder).replace(os.sep, "/")
        for name in names:
            if rel_dir.startswith("m/") and not name.startswith("."):
                out[f"{rel_dir}/{name}"] = os.stat(os.path.join(dirpath, name)).st_size
    return out

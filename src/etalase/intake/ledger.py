"""The import memory of ``etalase ingest``: what was taken from the shared folder, by content hash.

A submission's identity is the hash of its video and its explanation, so a
re-run imports nothing twice, a renamed folder is still recognised, and a fixed
re-upload (new bytes, new hash) is picked up. Files are hashed once: a stat
fast path (size + mtime) remembers the hash of every file seen. Submissions
that were refused keep their problems, so an unchanged bad upload is not probed
again. The ledger is one JSON file, written atomically.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypedDict

from ..errors import ConfigError
from ..files import atomic_write_text, stamped_sha256
from ..problems import Problem

VERSION = 1


class ProblemRecord(TypedDict):
    """A stored problem; ``role`` names the drop file it is about (``video``, ``text`` or its name)."""

    role: str
    code: str
    severity: str
    params: list[list[str]]


class Record(TypedDict, total=False):
    """What happened to one submission (keyed by its hash)."""

    state: str  # "imported" | "refused" | "checked" (a folder that cannot be imported)
    entry: str  # school/entry, when imported
    title: str
    at: str  # ISO date of the import or refusal
    problems: list[ProblemRecord]


@dataclass(slots=True)
class Ledger:
    """The ledger in memory; :meth:`save` writes it back."""

    path: Path
    submissions: dict[str, Record] = field(default_factory=dict)
    stamps: dict[str, list[Any]] = field(default_factory=dict)  # path -> [size, mtime_ns, sha]

    @classmethod
    def load(cls, path: Path) -> Ledger:
        """Read the ledger; a missing file is an empty ledger.

        Raises:
            ConfigError: the file exists but cannot be read (re-importing
                everything would duplicate entries, so it is not guessed).
        """
        if not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("version") != VERSION:
                raise ValueError("version")
            return cls(path, dict(data["submissions"]), dict(data["stamps"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError("config.ledger_damaged", path=path, reason=exc) from exc

    def save(self) -> None:
        """Write atomically (temp file + rename)."""
        text = json.dumps(
            {"version": VERSION, "submissions": self.submissions, "stamps": self.stamps},
            ensure_ascii=False,
            indent=1,
            sort_keys=True,
        )
        atomic_write_text(self.path, text)

    def file_hash(self, path: Path) -> str:
        """SHA-256 of a file, from the stat fast path when size and mtime are unchanged."""
        key = str(path.resolve())
        stamp = stamped_sha256(path, self.stamps.get(key))
        self.stamps[key] = list(stamp)
        return stamp[2]


def submission_hash(video_sha: str, text_sha: str) -> str:
    """The identity of a submission: its two files' contents, nothing else."""
    return hashlib.sha256(f"video:{video_sha}\ntext:{text_sha}\n".encode()).hexdigest()


def folder_hash(files: list[tuple[str, str]]) -> str:
    """The identity of a folder that cannot be imported: its files' names and contents."""
    lines = "".join(f"{name}\t{sha}\n" for name, sha in sorted(files))
    return hashlib.sha256(f"folder:\n{lines}".encode()).hexdigest()


def record_problem(role: str, item: Problem) -> ProblemRecord:
    """A problem as stored in the ledger."""
    return {
        "role": role,
        "code": item.code,
        "severity": item.severity,
        "params": [list(p) for p in item.params],
    }


def restore_problem(record: ProblemRecord, path: str) -> Problem:
    """A stored problem, named after the drop file it is about."""
    params = tuple((str(k), str(v)) for k, v in record["params"])
    if record["severity"] == "warning":
        return Problem(path=path, code=record["code"], params=params, severity="warning")
    return Problem(path=path, code=record["code"], params=params, severity="error")

"""The decision log: one JSON line per curator decision, appended in the project.

It lives in :mod:`etalase.curation`, below the desk that writes it, because the site
reads it too (an update pack's publication days).

``keputusan-kurator.jsonl`` beside ``mkdocs.yml`` (outside the content folder,
so it never reaches the site) holds who decided what, when and why. A line is
written with one ``write`` on a file opened for appending, flushed to disk
before the desk answers, so a crash loses at most the decision being made and
never garbles an earlier one. Lines that cannot be read (a hand edit) are
skipped when the log is shown, never rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypedDict

LOG_NAME = "keputusan-kurator.jsonl"
Action = Literal["publish", "reject", "feature", "unfeature", "review", "poster"]
ACTIONS: tuple[Action, ...] = ("publish", "reject", "feature", "unfeature", "review", "poster")
# What else the log holds: a person checked an entry's captions in the editor (#30.3).
Logged = Action | Literal["captions"]
# How each decision is named to a curator (log lines, refusals): as its button says.
ACTION_LABELS: dict[Action, str] = {
    "publish": "desk.publish",
    "reject": "desk.reject",
    "feature": "desk.feature",
    "unfeature": "desk.unfeature",
    "review": "desk.back",
    "poster": "desk.poster",
}


class DecisionJSON(TypedDict, total=False):
    """One line of the log."""

    time: str  # ISO 8601, UTC, seconds
    action: str
    entry: str  # school/entry
    curator: str
    reason: str
    poster_time: float


@dataclass(frozen=True, slots=True)
class Decision:
    """One decision as shown under its entry."""

    time: str
    action: str
    entry: str
    curator: str
    reason: str | None = None
    poster_time: float | None = None


class DecisionLog:
    """The log file of one project (thread-safe within the desk process)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def append(
        self,
        action: Logged,
        entry: str,
        curator: str,
        *,
        reason: str | None = None,
        poster_time: float | None = None,
        now: dt.datetime | None = None,
    ) -> Decision:
        """Append one decision and flush it to disk."""
        moment = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
        record: DecisionJSON = {
            "time": moment.isoformat().replace("+00:00", "Z"),
            "action": action,
            "entry": entry,
            "curator": curator,
        }
        if reason:
            record["reason"] = reason
        if poster_time is not None:
            record["poster_time"] = poster_time
        line = (json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
        return _decision(record)

    def read(self) -> Iterator[Decision]:
        """Every readable decision, oldest first."""
        try:
            lines = self.path.read_text("utf-8", errors="replace").splitlines()
        except OSError:
            return
        for line in lines:
            try:
                data = json.loads(line)
            except ValueError:
                continue
            if isinstance(data, dict) and isinstance(data.get("entry"), str):
                yield _decision(data)

    def for_entry(self, key: str) -> list[Decision]:
        """The decisions about one entry, newest first."""
        return [d for d in self.read() if d.entry == key][::-1]


def _decision(data: DecisionJSON | dict[str, object]) -> Decision:
    poster = data.get("poster_time")
    reason = data.get("reason")
    return Decision(
        time=str(data.get("time", "")),
        action=str(data.get("action", "")),
        entry=str(data.get("entry", "")),
        curator=str(data.get("curator", "")),
        reason=str(reason) if reason else None,
        poster_time=float(poster) if isinstance(poster, int | float) else None,
    )


def publication_days(path: Path) -> dict[str, dt.date]:
    """The day each entry was last published at the desk (UTC), by entry key, from the log.

    An update pack asks this for an entry whose front matter has no
    ``published:`` day (an entry published before that was written, or by hand).
    """
    days: dict[str, dt.date] = {}
    for decision in DecisionLog(path).read():
        if decision.action != "publish":
            continue
        try:
            days[decision.entry] = dt.date.fromisoformat(decision.time[:10])
        except ValueError:
            continue
    return days

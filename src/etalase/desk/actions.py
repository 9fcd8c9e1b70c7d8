"""A curator's decision, carried out: the file edit, the log line, git, the school's report.

Every decision changes the entry's front matter only through
:mod:`etalase.curation.review` (the same edits as ``etalase publish``,
``reject`` and ``feature``), appends a line to the decision log, and then,
when asked, commits both files in git with the curator as author, and
rewrites the school's ``LAPORAN-ETALASE.txt`` when the entry came from the
shared folder. Publishing runs the same check as ``etalase publish`` first.

A decision is made on what the curator saw: the desk's form carries the
version of the entry the page was made from (:func:`version_of`: its text,
video, captions and pictures), and a decision whose version is no longer the
entry's (another curator, an edit outside the desk, or a clip the school sent
again and ingest swapped in changed the entry since) is refused with the entry's
state now, so one curator never silently undoes another. Each decision is
logged, and committed, under the name of the curator who made it.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from ..content.memo import ReadMemo
from ..curation.decisions import ACTION_LABELS, Action, DecisionLog
from ..curation.frontmatter_edit import Value
from ..curation.review import (
    apply_changes,
    entry_key,
    entry_version,
    feature_changes,
    poster_changes,
    publish_changes,
    reject_changes,
    review_changes,
)
from ..errors import ConfigError
from ..intake.stage import ORIGIN_FILE
from ..messages import text as ui_text
from ..problems import Lang, Problem, problem
from ..process import ToolMissing, run
from ..project import Project
from .clock import local_time

MAX_REASON = 1000
MAX_NAME = 60


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a decision did: done or refused, what to tell the curator, why it was refused."""

    done: bool
    messages: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(slots=True)
class Curator:
    """Who decides, and what else each decision sets off."""

    project: Project
    log: DecisionLog
    name: str
    lang: Lang = "id"
    commit: bool = False
    drop_dir: Path | None = None
    # What the publish check read before: the next check reads only what changed.
    # Decisions run one at a time (DeskState's lock), as the memo requires.
    memo: ReadMemo = field(default_factory=ReadMemo)

    def decide(
        self,
        index: Path,
        action: Action,
        *,
        title: str,
        seen: str,
        reason: str = "",
        poster_time: float | None = None,
        who: str | None = None,
    ) -> Outcome:
        """Carry out ``action`` on the entry whose ``index.md`` is ``index``.

        Args:
            index: The entry's ``index.md``.
            action: The decision.
            title: The entry's title, for the answer.
            seen: The version of ``index`` the curator's page showed
                (:func:`version_of`); a decision on another version is refused.
            reason: The reason given to the school (a rejection).
            poster_time: The second of the poster frame (``poster``).
            who: The curator's name as their browser gave it; the desk's
                default name without one.
        """
        t = self.text
        key = entry_key(index)
        shown = self.shown(index)
        who = who or self.name
        if seen != version_of(index):
            return Outcome(False, self.state_now(index, key), (problem("ENTRY_CHANGED", shown),))
        reason = " ".join(reason.split())[:MAX_REASON]
        changes: Mapping[str, Value]
        if action == "publish":
            errors = self.errors(index)
            if errors:
                return Outcome(False, (), (*errors, problem("ENTRY_HAS_ERRORS", shown)))
            changes = publish_changes()
        elif action == "reject":
            if not reason:
                return Outcome(False, (), (problem("REJECT_REASON_MISSING", shown),))
            changes = reject_changes(reason)
        elif action in ("feature", "unfeature"):
            changes = feature_changes(action == "feature")
        elif action == "review":
            changes = review_changes()
        elif action == "poster":
            if poster_time is None:
                return Outcome(False, (t("desk.poster_bad"),))
            changes = poster_changes(poster_time)
        else:
            return Outcome(False, (t("desk.action_unknown"),))
        refusal = apply_changes(index, changes, shown)
        if refusal is not None:
            return Outcome(False, (), (refusal,))
        stored_time = changes.get("poster_time")
        self.log.append(
            action,
            key,
            who,
            reason=reason or None,
            poster_time=stored_time if isinstance(stored_time, float) else None,
        )
        messages = [
            t(
                f"desk.done.{action}",
                title=title,
                s=seconds_text(poster_time, self.lang) if poster_time is not None else "",
            )
        ]
        if action == "feature" and _status(index) != "published":
            messages.append(t("desk.not_published"))
        if self.commit:
            failed = self.git_commit([index], action, key, reason, who)
            if failed:
                messages.append(t("desk.commit_failed", reason=failed))
        report = self.refresh_report(index)
        if report:
            messages.append(report)
        return Outcome(True, tuple(messages))

    def errors(self, index: Path) -> tuple[Problem, ...]:
        """The entry's errors by the loader's rules, as ``etalase publish`` checks them."""
        result = self.project.load(only=[index.parent], root=self.project.root, memo=self.memo)
        folder = self.shown(index.parent)
        return tuple(
            p for p in result.errors if p.path == folder or p.path.startswith(folder + "/")
        )

    def refresh_report(self, index: Path) -> str | None:
        """Rewrite the school's report in the shared folder, for an entry that came from there."""
        origin = index.parent / ORIGIN_FILE
        if not origin.is_file() or origin.is_symlink():
            return None
        if self.drop_dir is None:
            return self.text("desk.report_later")
        try:
            data = json.loads(origin.read_text("utf-8"))
            folder = str(data["origin"]).replace("\\", "/").split("/")[0]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        from ..intake.ingest import ingest_once

        try:
            ingest_once(self.project, self.drop_dir, only=folder)
        except (ConfigError, OSError) as exc:
            text = exc.text(self.lang) if isinstance(exc, ConfigError) else str(exc)
            return f"{self.text('desk.report_later')} ({text})"
        return self.text("desk.report_written")

    def state_now(self, index: Path, key: str) -> tuple[str, ...]:
        """The entry as it is now, and the last decision about it, in the curator's words."""
        t = self.text
        meta = _meta(index)
        status = str(meta.get("status") or self.project.policy.default_status)
        now = [
            t(
                "desk.changed_state",
                status=t(f"desk.status.{status}") if status in _STATUSES else status,
            )
        ]
        if meta.get("featured") is True:
            now.append(t("desk.changed_featured"))
        last = next(iter(self.log.for_entry(key)), None)
        if last is not None:
            label = ACTION_LABELS.get(cast(Action, last.action))
            now.append(
                t(
                    "desk.changed_last",
                    action=t(label) if label else last.action,
                    curator=last.curator,
                    time=local_time(last.time, self.project.policy.timezone),
                )
            )
            if last.reason:
                now.append(t("desk.changed_reason", reason=last.reason))
        return (" ".join(now),)

    def git_commit(
        self,
        files: Sequence[Path],
        action: str,
        key: str,
        reason: str,
        who: str | None = None,
    ) -> str | None:
        """Commit ``files`` (the entry's ``index.md``, or the checked captions the caption
        editor wrote) and the log as ``who``; the reason it failed, or None."""
        who = who or self.name
        root = str(self.project.root)
        paths = [*(str(f) for f in files), str(self.log.path)]
        email = _git(root, "config", "user.email") or "kurator@etalase.invalid"
        identity = (
            []
            if _git(root, "config", "user.name")
            else ["-c", f"user.name={who}", "-c", f"user.email={email}"]
        )
        message = f"Meja kurator: {action} {key}" + (f"\n\n{reason}" if reason else "")
        try:
            added = run(["git", "-C", root, "add", "--", *paths], timeout=30)
            if not added.ok:
                return added.last_error_line
            done = run(
                [
                    "git",
                    "-C",
                    root,
                    *identity,
                    "commit",
                    "-q",
                    "-m",
                    message,
                    f"--author={who} <{email}>",
                    "--",
                    *paths,
                ],
                timeout=30,
            )
        except ToolMissing:
            return "git"
        return None if done.ok else done.last_error_line

    def shown(self, path: Path) -> str:
        return self.project.shown(path)

    def text(self, key: str, **params: object) -> str:
        return ui_text(key, self.lang, **params)


def version_of(index: Path) -> str:
    """The version of an entry a desk page shows: :func:`~etalase.curation.review.entry_version`
    (its text, video, captions and pictures; empty if ``index.md`` is unreadable)."""
    return entry_version(index)


def curator_name(given: object) -> str | None:
    """A name a browser gave for its curator, made safe for the log and git; None if none.

    Control characters and ``<>`` (they would break a git author) are dropped,
    spaces collapsed, and the name cut at :data:`MAX_NAME` characters.
    """
    if not isinstance(given, str):
        return None
    kept = "".join(
        " " if c.isspace() else c
        for c in given
        if c not in "<>" and (c.isspace() or not unicodedata.category(c).startswith("C"))
    )
    name = " ".join(kept.split())[:MAX_NAME].strip()
    return name or None


def git_user(root: Path) -> str | None:
    """``git config user.name`` in ``root``, or None."""
    return _git(str(root), "config", "user.name")


def _git(root: str, *args: str) -> str | None:
    try:
        done = run(["git", "-C", root, *args], timeout=10)
    except ToolMissing:
        return None
    value = done.stdout.decode("utf-8", "replace").strip()
    return value if done.ok and value else None


def _status(index: Path) -> str:
    return str(_meta(index).get("status", ""))


def _meta(index: Path) -> Mapping[str, object]:
    from ..content.reader import read_markdown

    source, _ = read_markdown(index, index.name)
    return source.meta if source is not None else {}


_STATUSES = ("draft", "review", "published", "rejected")


def seconds_text(value: float, lang: Lang) -> str:
    """A second of a clip as a curator reads it: ``17,5`` (the language's decimal point), ``3``."""
    shown = f"{value:.1f}".rstrip("0").rstrip(".")
    return shown.replace(".", ui_text("number.decimal_point", lang))

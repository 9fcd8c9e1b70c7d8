"""A curator's decision, carried out: the file edit, the log line, git, the school's report.

Every decision changes the entry's front matter only through
:mod:`etalase.curation.review` (the same edits as ``etalase publish``,
``reject`` and ``feature``), appends a line to the decision log, and then,
when asked, commits both files in git with the curator as author, and
rewrites the school's ``LAPORAN-ETALASE.txt`` when the entry came from the
shared folder. Publishing runs the same check as ``etalase publish`` first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..content.memo import ReadMemo
from ..curation.frontmatter_edit import Value
from ..curation.review import (
    apply_changes,
    entry_key,
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
from .decisions import Action, DecisionLog

MAX_REASON = 1000


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
        reason: str = "",
        poster_time: float | None = None,
    ) -> Outcome:
        """Carry out ``action`` on the entry whose ``index.md`` is ``index``."""
        t = self.text
        key = entry_key(index)
        shown = self.shown(index)
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
            self.name,
            reason=reason or None,
            poster_time=stored_time if isinstance(stored_time, float) else None,
        )
        messages = [
            t(
                f"desk.done.{action}",
                title=title,
                s=_seconds(poster_time) if poster_time is not None else "",
            )
        ]
        if action == "feature" and _status(index) != "published":
            messages.append(t("desk.not_published"))
        if self.commit:
            failed = self.git_commit(index, action, key, reason)
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

    def git_commit(self, index: Path, action: Action, key: str, reason: str) -> str | None:
        """Commit the entry's file and the log; the reason it failed, or None."""
        root = str(self.project.root)
        paths = [str(index), str(self.log.path)]
        email = _git(root, "config", "user.email") or "kurator@etalase.invalid"
        identity = (
            []
            if _git(root, "config", "user.name")
            else ["-c", f"user.name={self.name}", "-c", f"user.email={email}"]
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
                    f"--author={self.name} <{email}>",
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
    from ..content.reader import read_markdown

    source, _ = read_markdown(index, index.name)
    return str(source.meta.get("status", "")) if source is not None else ""


def _seconds(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")

"""The desk's queue comes from the live workspace, not from a preview build.

A decision shows in the queue as soon as the workspace has read the changed
file: also when the preview build after it fails (the preview keeps its
previous site then, and the queue must not pretend nothing happened).
"""

from __future__ import annotations

from dataclasses import replace

from etalase.content.memo import ReadMemo
from etalase.desk.actions import Curator
from etalase.desk.app import DeskState
from etalase.desk.decisions import DecisionLog
from etalase.desk.preview import Preview
from etalase.policy import Policy
from etalase.project import Project
from etalase.workspace import Workspace
from scenarios import ENTRY, Tree


class FailingPreview(Preview):
    """A preview whose every build fails (MkDocs stopped), as :meth:`Preview.rebuild` reports it."""

    def rebuild(self) -> bool:
        return False


def test_a_decision_shows_in_the_queue_even_when_the_preview_build_fails(
    tree: Tree, policy: Policy
) -> None:
    tree.school("sdn-1-blora")
    tree.entry(
        "sdn-1-blora",
        "robot-bekas",
        ENTRY.format(title="Robot Bekas", video="video.mp4").replace("published", "review"),
    )
    project = replace(Project.create(tree.root, policy), content_dir=tree.content)
    live = Workspace(project, ReadMemo(settle=0))
    live.refresh()
    preview = FailingPreview(project, "http://127.0.0.1:9/")
    try:
        state = DeskState(
            preview=preview,
            curator=Curator(project, DecisionLog(tree.root / "keputusan.jsonl"), "Bu Sari"),
            lang="id",
            workspace=live,
        )
        (waiting,) = state.items()
        assert (waiting.key, waiting.status) == ("sdn-1-blora/robot-bekas", "review")
        state.decide(waiting, "reject", "Suara kurang jelas", None, waiting.version, "Bu Sari")
        (item,) = state.items()
        assert item.status == "rejected" and item.review_note == "Suara kurang jelas"
    finally:
        preview.close()


def test_an_edit_outside_the_desk_shows_after_reload(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "robot-bekas")
    project = replace(Project.create(tree.root, policy), content_dir=tree.content)
    live = Workspace(project, ReadMemo(settle=0))
    live.refresh()
    preview = FailingPreview(project, "http://127.0.0.1:9/")
    try:
        state = DeskState(
            preview=preview,
            curator=Curator(project, DecisionLog(tree.root / "keputusan.jsonl"), "Bu Sari"),
            lang="id",
            workspace=live,
        )
        assert state.items()[0].title == "Judul robot-bekas"
        index.write_text(
            index.read_text(encoding="utf-8").replace("Judul robot-bekas", "Robot Penari"),
            encoding="utf-8",
        )
        state.reload()
        assert state.items()[0].title == "Robot Penari"
    finally:
        preview.close()

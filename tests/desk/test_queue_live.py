"""The desk's queue comes from the live workspace, not from a preview build.

A decision shows in the queue as soon as the workspace has read the changed
file: also when the preview build after it fails (the preview keeps its
previous site then, and the queue must not pretend nothing happened), and
before the preview's rebuild has finished: the rebuild runs in the background,
one at a time, and decisions made while one runs are served by one more.
"""

from __future__ import annotations

import threading
from dataclasses import replace

from etalase.content.memo import ReadMemo
from etalase.curation.decisions import DecisionLog
from etalase.desk.actions import Curator
from etalase.desk.app import DeskState
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


class BlockedPreview(Preview):
    """A preview whose builds wait for the test to let them go, noting what each one saw."""

    def __init__(self, project: Project, live: Workspace) -> None:
        super().__init__(project, "http://127.0.0.1:9/")
        self.live = live
        self.go = threading.Event()
        self.started = threading.Event()
        self.saw: list[dict[str, str]] = []  # each build: entry key -> status

    def rebuild(self) -> bool:
        self.started.set()
        assert self.go.wait(30), "the test never let the build go"
        assert self.live.result is not None
        self.saw.append({e.key: e.status for e in self.live.result.catalogue.entries})
        self.generation += 1
        return True


def test_a_decision_shows_in_the_queue_before_the_preview_rebuild_finishes(
    tree: Tree, policy: Policy
) -> None:
    tree.school("sdn-1-blora")
    for slug in ("robot-bekas", "tari-jaipong"):
        tree.entry(
            "sdn-1-blora",
            slug,
            ENTRY.format(title=slug, video="video.mp4").replace("published", "review"),
        )
    project = replace(Project.create(tree.root, policy), content_dir=tree.content)
    live = Workspace(project, ReadMemo(settle=0))
    live.refresh()
    preview = BlockedPreview(project, live)
    state = DeskState(
        preview=preview,
        curator=Curator(project, DecisionLog(tree.root / "keputusan.jsonl"), "Bu Sari"),
        lang="id",
        workspace=live,
    )
    try:
        robot = state.item("sdn-1-blora/robot-bekas")
        assert robot is not None and robot.status == "review"
        state.decide(robot, "publish", "", None, robot.version, "Bu Sari")
        assert preview.started.wait(30)  # the rebuild runs, held back by the test
        # The curator's answer came back at once: the queue and the entry show it.
        shown = state.item("sdn-1-blora/robot-bekas")
        assert shown is not None and shown.status == "published"
        assert preview.generation == 0 and state.catching_up
        # Two more decisions while that build runs: one more build serves both.
        tari = state.item("sdn-1-blora/tari-jaipong")
        assert tari is not None
        state.decide(tari, "reject", "Suara kurang jelas", None, tari.version, "Bu Sari")
        robot = state.item("sdn-1-blora/robot-bekas")
        assert robot is not None
        state.decide(robot, "feature", "", None, robot.version, "Bu Sari")
        rows = {i.key: (i.status, i.featured) for i in state.items()}
        assert rows == {
            "sdn-1-blora/robot-bekas": ("published", True),
            "sdn-1-blora/tari-jaipong": ("rejected", False),
        }
        preview.go.set()
        state.reload()  # waits for the preview to catch up
        assert preview.saw[-1] == {
            "sdn-1-blora/robot-bekas": "published",
            "sdn-1-blora/tari-jaipong": "rejected",
        }
        # The first decision's build, then one for the next two (and the reload, asked meanwhile).
        assert len(preview.saw) == 2
        assert {i.key: (i.status, i.featured) for i in state.items()} == rows
        assert not state.catching_up
    finally:
        preview.go.set()
        state.close()
        preview.close()

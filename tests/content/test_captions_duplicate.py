"""Two caption files in one language: always the same one used, and a warning naming both
when they are the school's.

The checked file the desk writes (``NOTE diperiksa oleh``) is a person's newer work and
wins over what the school sent, without a warning (it is the desk's workflow); between
two of the school's, the one front matter names, else the first by name.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.content.loader import LoadResult, load_catalogue
from etalase.media.probe import bare_prober
from etalase.media.tools import Tools
from etalase.policy import Policy
from scenarios import ENTRY, Tree

TODAY = dt.date(2026, 11, 23)
SCHOOL_SRT = "1\n00:00:00,500 --> 00:00:02,000\nRobot dari kardos\n"
CHECKED_VTT = (
    "WEBVTT\n\nNOTE diperiksa oleh Bu Sari, 2026-11-20\n\n"
    "00:00:00.500 --> 00:00:02.000\nRobot dari kardus\n"
)
OTHER_VTT = "WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nRobot lain\n"


def load(tree: Tree, policy: Policy, tools: Tools) -> LoadResult:
    prober = bare_prober(tools, policy.probe_timeout)
    return load_catalogue(tree.content, policy, root=tree.root, today=TODAY, prober=prober)


def entry_text(extra: str = "") -> str:
    return ENTRY.format(title="Robot", video="video.mp4").replace("consent:", extra + "consent:")


def used(result: LoadResult) -> list[tuple[str, str]]:
    (entry,) = result.catalogue.entries
    return [(t.language, t.source.name) for t in entry.captions if t.usable]


def test_the_checked_copy_wins_over_the_schools_captions_without_a_warning(
    tree: Tree, policy: Policy, tools: Tools
) -> None:
    tree.school("sdn-1-blora")
    folder = tree.entry("sdn-1-blora", "robot", entry_text()).parent
    (folder / "video.srt").write_text(SCHOOL_SRT, "utf-8")  # the entry's own language: id
    (folder / "video.id.diperiksa.vtt").write_text(CHECKED_VTT, "utf-8")
    result = load(tree, policy, tools)
    assert not result.problems  # the desk's workflow, not a mistake to fix
    assert used(result) == [("id", "video.id.diperiksa.vtt")]
    (entry,) = result.catalogue.entries
    assert entry.main_captions is not None
    assert entry.main_captions.source.name == "video.id.diperiksa.vtt"
    # The school's own file has the name the checked one had in an earlier draft of the desk:
    # both kept, the checked one used, the school's unchanged.
    (folder / "video.srt").rename(folder / "video.id.vtt")
    (folder / "video.id.vtt").write_text(OTHER_VTT, "utf-8")
    result = load(tree, policy, tools)
    assert (list(result.problems), used(result)) == ([], [("id", "video.id.diperiksa.vtt")])
    assert (folder / "video.id.vtt").read_text("utf-8") == OTHER_VTT
    # A checked file whatever its name sorts as (a hand-renamed copy) still wins.
    (folder / "video.id.diperiksa.vtt").rename(folder / "video.vtt")
    result = load(tree, policy, tools)
    assert (list(result.problems), used(result)) == ([], [("id", "video.vtt")])


def test_two_school_files_front_matter_then_name_decides(
    tree: Tree, policy: Policy, tools: Tools
) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "robot", entry_text())
    folder = index.parent
    (folder / "video.id.vtt").write_text(OTHER_VTT, "utf-8")
    (folder / "video.id.srt").write_text(SCHOOL_SRT, "utf-8")
    result = load(tree, policy, tools)
    assert [(p.code, p.path.rsplit("/", 1)[1]) for p in result.problems] == [
        ("CAPTIONS_DUPLICATE", "video.id.vtt")
    ]
    assert used(result) == [("id", "video.id.srt")]
    index.write_text(entry_text("captions: {id: video.id.vtt}\n"), "utf-8")
    result = load(tree, policy, tools)
    assert [(p.code, p.path.rsplit("/", 1)[1]) for p in result.problems] == [
        ("CAPTIONS_DUPLICATE", "video.id.srt")
    ]
    assert used(result) == [("id", "video.id.vtt")]


def test_check_says_it_once_and_the_unused_file_is_not_also_unpublished(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    folder = tree.entry("sdn-1-blora", "robot", entry_text()).parent
    (folder / "video.srt").write_text(SCHOOL_SRT, "utf-8")
    (folder / "video.id.vtt").write_text(OTHER_VTT, "utf-8")
    assert main(["check", "--format", "json", "--lang", "en"]) == 0  # a warning only
    report = json.loads(capsys.readouterr().out)
    assert [(p["code"], Path(p["path"]).name) for p in report["problems"]] == [
        ("CAPTIONS_DUPLICATE", "video.srt")
    ]
    assert "'video.id.vtt' is used" in report["problems"][0]["message"]

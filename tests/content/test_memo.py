"""The read memo: a load given the previous load's memo returns what a fresh load returns.

Each test loads a scenario tree once with a memo, changes one thing the way a
school would, and loads again with the same memo: the change must show, and
what did not change must come from the memo. A real save takes longer than a
clock tick; these tests change files within milliseconds, so each change also
moves the file's (or folder's) mtime by a second, as a later save would.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from etalase import process
from etalase.content import loader
from etalase.content.loader import LoadResult, load_catalogue
from etalase.content.memo import ReadMemo
from etalase.media.cache import MediaCache
from etalase.media.tools import Tools
from etalase.policy import Policy
from scenarios import Tree

TODAY = dt.date(2026, 11, 23)
SCHOOL = "sdn-1-blora"

CAPTIONED = """\
---
title: Tari Kreasi
date: 2026-08-14
category: kreativitas-siswa
video: video.mp4
captions: teks.vtt
consent: true
status: published
---
Tari kreasi kelas 4.
"""


def load(
    tree: Tree, policy: Policy, tools: Tools | None, memo: ReadMemo | None, today: dt.date = TODAY
) -> LoadResult:
    """Load as a project does: ffprobe behind the media cache, the one memory of probes."""
    prober = known = None
    if tools is not None:
        prober = MediaCache.open(tree.root / ".cache").prober(tools, policy.probe_timeout)
        known = prober.known
    return load_catalogue(
        tree.content, policy, root=tree.root, today=today, memo=memo, prober=prober, known=known
    )


def later(*paths: Path) -> None:
    """Move each path's mtime a second on, as a save a second later would."""
    for path in paths:
        stat = path.stat()
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def found(result: LoadResult) -> set[tuple[str, str]]:
    return {(p.path, p.code) for p in result.problems}


def folder(tree: Tree, slug: str = "") -> Path:
    return tree.content / "sekolah" / SCHOOL / slug if slug else tree.content / "sekolah" / SCHOOL


@pytest.fixture
def scenario(tree: Tree) -> Tree:
    """One school: a good entry, a captioned one, one too short, one without its video."""
    tree.school(SCHOOL)
    tree.entry(SCHOOL, "robot-bekas")
    tree.entry(SCHOOL, "tari-kreasi", CAPTIONED)
    (folder(tree, "tari-kreasi") / "teks.vtt").write_text("WEBVTT\n\n", encoding="utf-8")
    tree.entry(SCHOOL, "lomba-lari", clip="short")
    tree.entry(SCHOOL, "tanpa-video", clip=None)
    return tree


def test_a_load_with_the_memo_equals_a_fresh_load_and_reads_nothing_again(
    scenario: Tree, policy: Policy, tools: Tools
) -> None:
    memo = ReadMemo(settle=0)
    first = load(scenario, policy, tools, memo)
    assert first.problems  # the scenario has bad entries: their problems are remembered too
    again = load(scenario, policy, tools, memo)
    assert again == first == load(scenario, policy, tools, None)
    assert memo.counts.files_read == 0
    assert memo.counts.files_reused == memo.counts.parses_reused == 5  # school + four entries
    assert memo.counts.probes_reused == 3  # every entry with a video, the too short one too


def test_the_memo_keeps_no_probe_the_media_cache_is_the_one_memory(
    scenario: Tree, policy: Policy, tools: Tools
) -> None:
    """A second memo (a new workspace in the same process) probes nothing the cache knows."""
    memo = ReadMemo(settle=0)
    first = load(scenario, policy, tools, memo)
    video = folder(scenario, "robot-bekas") / "video.mp4"
    assert memo.remembers(video.parent / "index.md") and not memo.remembers(video)
    before = process.stats.started
    fresh = ReadMemo(settle=0)
    assert load(scenario, policy, tools, fresh) == first
    assert process.stats.started == before
    assert fresh.counts.probes_reused == 3


def test_a_load_that_finds_nothing_changed_starts_no_ffprobe_and_no_thread(
    scenario: Tree, policy: Policy, tools: Tools, monkeypatch: pytest.MonkeyPatch
) -> None:
    memo = ReadMemo(settle=0)
    first = load(scenario, policy, tools, memo)

    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a thread pool was started")

    monkeypatch.setattr(loader, "ThreadPoolExecutor", no_pool)
    before = process.stats.started
    assert load(scenario, policy, tools, memo) == first
    assert process.stats.started == before


def test_a_file_changed_to_the_same_size_is_read_again(
    scenario: Tree, policy: Policy, tools: Tools
) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, tools, memo)
    index = folder(scenario, "robot-bekas") / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("Judul robot-bekas", "Robot dari Kardus"), encoding="utf-8")
    assert len(index.read_bytes()) == len(text.encode("utf-8"))
    later(index)
    again = load(scenario, policy, tools, memo)
    assert [e.title for e in again.catalogue.entries if e.slug == "robot-bekas"] == [
        "Robot dari Kardus"
    ]
    assert again == load(scenario, policy, tools, None)
    assert memo.counts.files_read == 1


def test_a_removed_entry_is_gone_and_forgotten(
    scenario: Tree, policy: Policy, tools: Tools
) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, tools, memo)
    gone = folder(scenario, "robot-bekas")
    assert memo.remembers(gone / "index.md")
    shutil.rmtree(gone)
    later(folder(scenario))
    again = load(scenario, policy, tools, memo)
    assert "robot-bekas" not in {e.slug for e in again.catalogue.entries}
    assert again == load(scenario, policy, tools, None)
    assert not memo.remembers(gone / "index.md")
    assert not memo.remembers(gone)


def test_a_new_entry_is_seen(scenario: Tree, policy: Policy, tools: Tools) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, tools, memo)
    scenario.entry(SCHOOL, "kebun-sekolah")
    later(folder(scenario))
    again = load(scenario, policy, tools, memo)
    assert "kebun-sekolah" in {e.slug for e in again.catalogue.entries}
    assert again == load(scenario, policy, tools, None)
    assert memo.counts.files_read == 1


def test_a_renamed_video_is_seen_though_the_entry_text_did_not_change(
    scenario: Tree, policy: Policy, tools: Tools
) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, tools, memo)
    entry = folder(scenario, "robot-bekas")
    (entry / "video.mp4").rename(entry / "pentas.mp4")
    later(entry)
    again = load(scenario, policy, tools, memo)
    index = "content/sekolah/sdn-1-blora/robot-bekas/index.md"
    assert (index, "FILE_MISSING") in found(again)
    assert "robot-bekas" not in {e.slug for e in again.catalogue.entries}
    assert again == load(scenario, policy, tools, None)


def test_a_second_video_dropped_into_the_folder_is_seen(
    scenario: Tree, policy: Policy, tools: Tools
) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, tools, memo)
    entry = folder(scenario, "robot-bekas")
    shutil.copyfile(scenario.clips["ok"], entry / "lagi.mp4")
    later(entry)
    again = load(scenario, policy, tools, memo)
    assert ("content/sekolah/sdn-1-blora/robot-bekas/index.md", "VIDEO_EXTRA") in found(again)
    assert again == load(scenario, policy, tools, None)


def test_a_replaced_video_is_probed_again(scenario: Tree, policy: Policy, tools: Tools) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, tools, memo)
    video = folder(scenario, "robot-bekas") / "video.mp4"
    shutil.copyfile(scenario.clips["short"], video)
    later(video)
    again = load(scenario, policy, tools, memo)
    assert ("content/sekolah/sdn-1-blora/robot-bekas/video.mp4", "VIDEO_TOO_SHORT") in found(again)
    assert again == load(scenario, policy, tools, None)


def test_captions_rewritten_as_not_webvtt_are_seen(scenario: Tree, policy: Policy) -> None:
    memo = ReadMemo(settle=0)
    load(scenario, policy, None, memo)
    captions = folder(scenario, "tari-kreasi") / "teks.vtt"
    captions.write_text("SUBRIP\n\n", encoding="utf-8")  # same size, other content
    later(captions)
    again = load(scenario, policy, None, memo)
    assert ("content/sekolah/sdn-1-blora/tari-kreasi/index.md", "CAPTIONS_INVALID") in found(again)
    assert again == load(scenario, policy, None, None)


def test_the_date_and_the_policy_are_part_of_the_memo(scenario: Tree, policy: Policy) -> None:
    memo = ReadMemo(settle=0)
    index = "content/sekolah/sdn-1-blora/robot-bekas/index.md"
    early = load(scenario, policy, None, memo, today=dt.date(2026, 8, 1))
    assert (index, "DATE_FUTURE") in found(early)
    assert (index, "DATE_FUTURE") not in found(load(scenario, policy, None, memo))
    elsewhere = replace(policy, districts=("Cepu",))
    moved = load(scenario, elsewhere, None, memo)
    assert ("content/sekolah/sdn-1-blora/index.md", "DISTRICT_UNKNOWN") in found(moved)
    assert moved == load(scenario, elsewhere, None, None)


def test_a_file_saved_a_moment_ago_is_read_again_on_the_next_load(
    scenario: Tree, policy: Policy
) -> None:
    # Its stat could stay the same through a second save within one clock tick.
    memo = ReadMemo()
    load(scenario, policy, None, memo)
    load(scenario, policy, None, memo)
    assert memo.counts.files_reused == 0 and memo.counts.files_read == 5

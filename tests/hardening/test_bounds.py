"""Many broken uploads cost one bounded probe each: no retries, no leftover processes."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from etalase import process
from etalase.cli import main
from scenarios import Tree

BROKEN = ("empty", "text", "random", "truncated")


def test_a_school_full_of_broken_uploads_costs_at_most_one_probe_each(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    count = 48
    for i in range(count):
        index = tree.entry("sdn-1-blora", f"rusak-{i:03d}", clip=BROKEN[i % len(BROKEN)])
        video = index.parent / "video.mp4"
        if video.stat().st_size:  # unique bytes, so the probe cache cannot share answers
            video.write_bytes(video.read_bytes() + i.to_bytes(2, "big"))
    before = process.stats.started
    assert main(["check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    started = process.stats.started - before
    # One problem per upload, on the upload itself.
    assert len(report["problems"]) == count
    assert {p["code"] for p in report["problems"]} == {
        "VIDEO_EMPTY",
        "VIDEO_UNREADABLE",
        "VIDEO_TRUNCATED",
    }
    # Empty files are refused before any process; the rest get exactly one ffprobe (plus
    # the one-time ffmpeg version query of the probe cache).
    non_empty = count - count // len(BROKEN)
    assert non_empty <= started <= non_empty + 1
    # No ffprobe keeps running after the command returns (other fixtures may own a browser).
    assert [name for name in _children(os.getpid()) if name.startswith("ff")] == []


def _children(pid: int) -> list[str]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(pid) and fields.get("State", "")[:1] != "Z":
            found.append(fields.get("Name", "?").strip())
    return found

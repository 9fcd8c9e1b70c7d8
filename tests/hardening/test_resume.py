"""A media run killed half-way resumes: the next run finishes it, the one after does nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile_scenario import new_site

SRC = Path(__file__).resolve().parents[2] / "src"


def test_a_killed_media_run_resumes_and_then_does_nothing(
    tmp_path: Path, clips: dict[str, Path]
) -> None:
    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    for slug, clip in (
        ("satu", "ok"),
        ("dua", "silent"),
        ("tiga", "black_start"),
        ("empat", "hevc"),
    ):
        site.entry("sdn-1-blora", slug, clip=clip)
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    cmd = [sys.executable, "-m", "etalase", "media", "--jobs", "1"]
    cache = tmp_path / ".cache/plugin/etalase/media"
    first = subprocess.Popen(
        cmd,
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(cache.rglob("*.mp4")):
        time.sleep(0.05)
    os.killpg(first.pid, signal.SIGKILL)  # mid-run, as a power cut would
    first.wait()
    assert list(cache.rglob("*.mp4")), "the first run was killed before it wrote anything"

    second = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0, second.stdout + second.stderr
    third = subprocess.run(cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert third.returncode == 0
    assert "Media: 0 diolah, 4 dipakai ulang" in third.stdout
    # What the kill left half-written is swept by --prune; nothing the site uses is lost.
    swept = subprocess.run(
        [*cmd, "--prune"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
    )
    assert swept.returncode == 0, swept.stdout + swept.stderr
    assert [p.name for p in cache.rglob("*") if ".tmp" in p.name] == []
    assert "Media: 0 diolah, 4 dipakai ulang" in swept.stdout

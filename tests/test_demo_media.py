"""Issue #12.1: demo clips are made for the demo's own entries only; school videos go through LFS.

A school's video that did not arrive (ignored by git, or only its LFS pointer)
must stay a reported problem: nothing may fake it, and no real catalogue's CI or
publish build runs the demo generator.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import Tree

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts/make_demo_media.py"
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def _script(content: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--content", str(content)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def _check(root: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-m", "etalase", "check", "--format", "json"],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report: dict[str, object] = json.loads(done.stdout)
    return report


def test_only_listed_demo_entries_get_a_clip_and_a_missing_school_video_stays_missing(
    tree: Tree,
) -> None:
    tree.school("sdn-1-blora", npsn="20312345")
    demo = tree.entry("sdn-1-blora", "contoh", clip=None)
    real = tree.entry("sdn-1-blora", "kiriman-asli", clip=None)  # its video.mp4 never arrived
    assert _script(tree.content).returncode == 0  # no list: a real catalogue, nothing made
    assert not (demo.parent / "video.mp4").exists()
    (tree.content / ".demo-entries").write_text("# demo\nsdn-1-blora/contoh\n")
    made = _script(tree.content)
    assert made.returncode == 0, made.stdout + made.stderr
    assert (demo.parent / "video.mp4").stat().st_size > 0
    assert not (real.parent / "video.mp4").exists(), "a school's missing video was faked"
    problems = {(p["path"], p["code"]) for p in _check(tree.root)["problems"]}  # type: ignore[union-attr,index]
    assert ("content/sekolah/sdn-1-blora/kiriman-asli/index.md", "FILE_MISSING") in problems
    assert not [p for p in problems if "contoh" in p[0]]


def test_an_lfs_pointer_instead_of_a_video_is_named(tree: Tree) -> None:
    tree.school("sdn-1-blora", npsn="20312345")
    entry = tree.entry("sdn-1-blora", "robot", clip=None)
    (entry.parent / "video.mp4").write_text(
        "version https://git-lfs.github.com/spec/v1\n"
        "oid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\n"
        "size 12345678\n"
    )
    problems = _check(tree.root)["problems"]
    assert [(p["path"], p["code"]) for p in problems] == [  # type: ignore[union-attr,index]
        ("content/sekolah/sdn-1-blora/robot/video.mp4", "VIDEO_LFS_POINTER")
    ]


def _git(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_school_videos_travel_through_lfs_and_only_demo_videos_are_ignored() -> None:
    for name in ("video.mp4", "Video.MP4", "klip.mov", "rekaman.3gp", "x.webm"):
        path = f"content/sekolah/sdn-9-baru/kegiatan/{name}"
        assert "filter: lfs" in _git("check-attr", "filter", path).stdout, name
        assert _git("check-ignore", "-q", path).returncode == 1, f"{name} would be left out"
    demo = "content/sekolah/sdn-2-sambongrejo/robot-dari-sampah/video.mp4"
    assert _git("check-ignore", "-q", demo).returncode == 0  # generated, never committed
    listed = (ROOT / "content/.demo-entries").read_text().split()
    assert "sdn-2-sambongrejo/robot-dari-sampah" in listed


def test_install_site_and_the_workflows_never_fake_a_video_for_a_real_catalogue() -> None:
    for target in ("install", "site"):
        dry = subprocess.run(
            ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=False
        )
        assert "make_demo_media" not in dry.stdout, target
    for name in ("check.yml", "publish.yml"):
        workflow = yaml.safe_load((ROOT / ".github/workflows" / name).read_text())
        steps = next(iter(workflow["jobs"].values()))["steps"]
        checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
        assert checkout["with"]["lfs"] is True, name
        demo = [s for s in steps if "demo-media" in str(s.get("run", ""))]
        assert demo and all(s["if"] == "hashFiles('content/.demo-entries') != ''" for s in demo)

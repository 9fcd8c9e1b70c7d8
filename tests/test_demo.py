"""The shipped demo catalogue: what `make serve` shows, and the two clips out of policy on purpose."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from etalase.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's demo with its videos (made if `make` has not made them yet)."""
    subprocess.run([sys.executable, str(ROOT / "scripts/make_demo_media.py"), "--content",
                    str(ROOT / "content")], check=True, capture_output=True)  # fmt: skip
    return ROOT


def test_demo_check_reports_exactly_the_two_deliberate_problems(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(demo)
    assert main(["check", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert {(p["path"], p["code"]) for p in report["problems"]} == {
        ("content/sekolah/sdn-4-jiken/jumat-bersih/video.mp4", "VIDEO_TOO_SHORT"),
        ("content/sekolah/smpn-4-randublatung/ecobrick-bangku-taman/video.mp4", "VIDEO_TOO_LONG"),
    }
    summary = report["summary"]
    assert (summary["schools"], summary["entries"], summary["valid_entries"]) == (6, 15, 13)
    assert summary["published"] == 11

"""The shipped demo catalogue: what `make serve` shows, and the two clips out of policy on purpose."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from etalase.cli import main
from scenarios import repository_demo

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's demo with its videos (made if `make` has not made them yet).

    Held for the module: `etalase check` writes the demo's media cache, which another
    pytest-xdist worker may be copying or building.
    """
    with repository_demo(tmp_path_factory):
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts/make_demo_media.py"),
                "--content",
                str(ROOT / "content"),
            ],
            check=True,
            capture_output=True,
        )
        yield ROOT


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


def test_demo_innovations_two_versions_one_stopped(
    demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etalase.project import load_project

    monkeypatch.chdir(demo)
    result = load_project().load(probe=False)
    assert not [p for p in result.problems if "inovasi" in p.path]
    items = {i.slug: i for i in result.catalogue.published_innovations}
    assert sorted(items) == ["sapu-jagad", "sapu-jagad-jati", "tandur-banyu", "warung-belajar"]
    families = {i.derived_from or i.slug for i in items.values()}
    assert len(families) == 3  # three innovations, one of them in two versions
    assert items["sapu-jagad-jati"].derived_from == "sapu-jagad"
    assert [s for s, i in items.items() if not i.running] == ["tandur-banyu"]
    assert all(i.evidence and i.impact for i in items.values())
    # SAPU JAGAD has the life PKRI asks for: years, decree, budget, replications.
    sapu = items["sapu-jagad"]
    assert [(y.year, y.status) for y in sapu.life][-2:] == [(2025, "jeda"), (2026, "berjalan")]
    assert sapu.decree is not None and sapu.budget == ("BOS", "APBDes", "swadaya")
    assert [(r.school, r.place, r.year) for r in sapu.replications] == [
        ("smpn-4-randublatung", None, 2024),
        (None, "Kabupaten Rembang", 2025),
    ]


def test_demo_roster_is_current_and_shows_real_looking_coverage(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    script = ROOT / "scripts/make_demo_roster.py"
    output = ROOT / "content/sekolah.csv"
    assert (
        subprocess.run(
            [sys.executable, str(script), "--check", "--output", str(output)], check=False
        ).returncode
        == 0
    ), "run scripts/make_demo_roster.py"
    monkeypatch.chdir(demo)
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "6 dari 118 sekolah di daftar Dinas sudah punya entri tayang" in out
    assert "Sekolah yang belum punya entri tayang (112), per kecamatan:" in out

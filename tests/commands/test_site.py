"""``etalase build`` and the cache folder: environment errors, prune and ``cache_dir``."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from etalase.cli import main
from etalase.media.cache import MediaCache
from scenarios import Tree

SRC = Path(__file__).resolve().parents[2] / "src"
MKDOCS_YML = "site_name: Uji\ndocs_dir: content\nplugins:\n  - etalase:\n      districts: [Blora]\n      duration_min: 1\n"


def _etalase(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    run_env = {**os.environ, "PYTHONPATH": str(SRC), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "etalase", *args],
        env=run_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize("command", ["build", "serve"])
def test_a_missing_ffmpeg_stops_build_and_serve_like_check(tree: Tree, command: str) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas")
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    missing = {"ETALASE_FFMPEG": str(tree.root / "no-ffmpeg")}
    done = _etalase(command, "--lang", "en", env=missing)
    assert done.returncode == 2, done.stderr
    assert "does not exist or cannot run" in done.stderr
    assert "Aborted" not in done.stderr and "tidak" not in done.stderr
    check = _etalase("check", "--lang", "en", env=missing)
    assert check.returncode == 2
    assert check.stderr == done.stderr


def test_an_unwritable_cache_stops_a_build_in_the_chosen_language(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas")
    Path("blocker").write_text("a file where the cache folder should be", encoding="utf-8")
    Path("mkdocs.yml").write_text(MKDOCS_YML + "      cache_dir: blocker/cache\n", encoding="utf-8")
    done = _etalase("build", "--lang", "en")
    assert done.returncode == 2, done.stderr
    assert "the media cache folder" in done.stderr and "cannot be written" in done.stderr
    assert "Aborted" not in done.stderr and not Path("site").exists()


def test_a_fresh_clone_s_empty_build_says_to_make_the_demo_videos(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip=None)  # as cloned: the video is generated
    tree.entry("sdn-1-blora", "kebun", clip=None)
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    hint = "Video demo belum dibuat: 1 entri contoh belum punya videonya"
    assert main(["build"]) == 0
    assert hint not in capsys.readouterr().out  # no demo list: a school forgot its video
    (tree.content / ".demo-entries").write_text("# demo\nsdn-1-blora/robot-bekas\n", "utf-8")
    assert main(["build"]) == 0
    out = capsys.readouterr().out
    assert "0 entri terbit" in out
    assert f"{hint}, jadi belum bisa terbit. Jalankan `make demo-media`" in out
    assert main(["check"]) == 1
    assert hint in capsys.readouterr().out


@pytest.mark.slow
def test_media_prune_keeps_the_page_cache(tree: Tree, capsys: pytest.CaptureFixture[str]) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas")
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    assert main(["build"]) == 0
    pages = Path(".cache/plugin/etalase/pages/manifest.json")
    assert pages.is_file()
    MediaCache._open.clear()
    assert main(["media", "--prune"]) == 0
    assert pages.is_file()  # only the media cache's own folder is swept
    kept = pages.read_text(encoding="utf-8")
    assert kept != "{}"
    assert main(["build"]) == 0
    assert pages.read_text(encoding="utf-8") == kept  # every page reused, none rendered again


def test_the_locks_and_the_ingest_ledger_follow_cache_dir(tree: Tree) -> None:
    tree.school("sdn-1-blora")
    Path("mkdocs.yml").write_text(MKDOCS_YML + "      cache_dir: elsewhere\n", encoding="utf-8")
    (tree.root / "drop").mkdir()
    assert main(["media"]) == 0
    assert main(["ingest", "drop"]) == 0
    assert sorted(p.name for p in Path("elsewhere").iterdir() if p.is_file()) == [
        "build.lock",
        "ingest.json",
        "ingest.lock",
    ]
    assert not Path(".cache").exists()


def test_the_replaced_site_is_deleted_by_another_process_during_the_next_build(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its tens of thousands of files are unlinked by ``rm``, not by the build's interpreter."""
    from etalase import process
    from etalase.commands import site

    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas")
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    assert main(["build"]) == 0
    assert main(["build"]) == 0
    old = tree.root / ".site.old"
    assert (old / "index.html").is_file()
    started: list[tuple[str, ...]] = []
    real_run = process.run

    def spy(args: Sequence[str], **kw: Any) -> process.RunResult:
        started.append(tuple(args))
        return real_run(args, **kw)

    monkeypatch.setattr(site, "run", spy)
    assert main(["build"]) == 0
    assert ("rm", "-rf", "--", str(old)) in started
    assert (tree.root / "site" / "index.html").is_file()
    assert (old / "index.html").is_file()  # the site this build replaced waits for the next


def test_mkdocs_warnings_of_a_build_are_in_indonesian(tree: Tree) -> None:
    """#28.14: MkDocs' own warnings are worded through the message table, not in English."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "kebun", clip=None)
    (tree.content / "tentang.md").write_text(
        "# Tentang\n\nLihat [jadwal](jadwal-lomba.md).\n", encoding="utf-8"
    )
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    done = _etalase("build")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "PERINGATAN: Berkas tentang.md memuat tautan 'jadwal-lomba.md', tetapi berkas tujuannya "
        "tidak ada di situs." in done.stderr
    ), done.stderr
    assert "Doc file" not in done.stderr and "WARNING" not in done.stderr

"""Running MkDocs: Etalase reads ``mkdocs.yml`` once per build; the desk again only after an edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from etalase.cli import main
from etalase.media.cache import MediaCache
from etalase.plugin import run
from etalase.project import load_project
from scenarios import Tree

MKDOCS_YML = """\
site_name: Uji
docs_dir: content
theme: mkdocs
plugins:
  - etalase:
      districts: [{districts}]
      duration_min: 1
      poster_widths: [160]
"""


class Parses:
    """Who parsed ``mkdocs.yml``: Etalase's reader or MkDocs' own."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.by: list[str] = []
        real = yaml.load

        def load(stream: Any, Loader: Any) -> Any:  # PyYAML names it Loader
            if str(getattr(stream, "name", "")).endswith("mkdocs.yml"):
                self.by.append(Loader.__module__.split(".")[0])
            return real(stream, Loader=Loader)

        monkeypatch.setattr(yaml, "load", load)

    def count(self, who: str) -> int:
        return self.by.count(who)


@pytest.mark.slow
def test_a_build_parses_mkdocs_yml_once_and_mkdocs_once_more(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path("mkdocs.yml").write_text(MKDOCS_YML.format(districts="Blora"), encoding="utf-8")
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    MediaCache._open.clear()
    parses = Parses(monkeypatch)
    assert main(["build"]) == 0
    assert Path("site/sekolah/sdn-1-blora/robot-bekas/index.html").is_file()
    assert parses.count("etalase") == 1  # the project's read, kept for the plugins' options
    assert parses.count("mkdocs") == 1  # MkDocs' own


@pytest.mark.slow
def test_the_desk_preview_reads_mkdocs_yml_again_only_after_it_changed(
    tree: Tree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Path("mkdocs.yml")
    config.write_text(MKDOCS_YML.format(districts="Blora"), encoding="utf-8")
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok")
    MediaCache._open.clear()
    project = load_project()
    parses = Parses(monkeypatch)
    districts = []
    for turn in range(3):
        if turn == 2:  # the office adds a district while the desk runs
            config.write_text(MKDOCS_YML.format(districts="Blora, Cepu"), encoding="utf-8")
        built = run.build_preview(
            project,
            tmp_path / f"pratinjau-{turn}",
            serve_url="http://127.0.0.1:8765/",
            lang="id",
            first=turn == 0,
        )
        districts.append(built.plugin.policy.districts)
        assert parses.count("etalase") == (1 if turn == 2 else 0)
        assert parses.count("mkdocs") == turn + 1  # MkDocs reads its config every build
    run.stop(built.plugin)
    assert districts == [("Blora",), ("Blora",), ("Blora", "Cepu")]

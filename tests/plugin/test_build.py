"""A real MkDocs build with the plugin: only published, valid entries reach ``site/``."""

from __future__ import annotations

import pytest

from conftest import Tree
from etalase.cli import main

MKDOCS_YML = """\
site_name: Uji Etalase
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - etalase:
      districts: [Blora, Cepu]
"""


def make_site(tree: Tree) -> None:
    (tree.root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (tree.content / "index.md").write_text("# Beranda\n", encoding="utf-8")
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "tayang")
    tree.entry("sdn-1-blora", "draf", (tree.content / "sekolah/sdn-1-blora/tayang/index.md")
               .read_text().replace("status: published", "status: draft"))  # fmt: skip
    tree.entry("sdn-1-blora", "kepanjangan", clip="long")


def test_build_publishes_only_valid_published_entries(tree: Tree, caplog: pytest.LogCaptureFixture) -> None:
    make_site(tree)
    assert main(["build"]) == 0
    site = tree.root / "site"
    assert (site / "index.html").is_file()
    assert (site / "sekolah/sdn-1-blora/tayang/index.html").is_file()
    assert not (site / "sekolah/sdn-1-blora/draf").exists()
    assert not (site / "sekolah/sdn-1-blora/kepanjangan").exists()
    originals = [p for p in site.rglob("*") if p.suffix in {".mp4", ".mov", ".webm"}
                 and p.stat().st_size == tree.clips["ok"].stat().st_size]  # fmt: skip
    assert originals == []
    assert any("[VIDEO_TOO_LONG]" in r.getMessage() for r in caplog.records)


def test_strict_build_fails_on_an_invalid_entry(tree: Tree) -> None:
    make_site(tree)
    assert main(["build", "--strict"]) == 1

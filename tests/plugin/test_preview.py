"""``etalase serve --preview``: curators see unpublished entries, marked; a build never does."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from site_scenario import new_site

pytest_plugins = ["site_fixtures"]


def test_preview_serves_unpublished_entries_with_a_banner_and_build_leaves_them_out(
    tmp_path: Path, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "terbit", title="Sudah Terbit")
    site.entry("sdn-1-blora", "tinjau", title="Menunggu Kurator", status="review", clip="edge")

    preview = tmp_path / "pratinjau"
    config = load_config(str(site.root / "mkdocs.yml"), site_dir=str(preview))
    config.plugins["etalase"].config["preview"] = True  # as `etalase serve --preview` sets it
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url="http://127.0.0.1:8000/")
    page = (preview / "sekolah/sdn-1-blora/tinjau/index.html").read_text(encoding="utf-8")
    assert "Pratinjau kurator" in page and "menunggu tinjauan" in page
    # MkDocs' own draft box speaks Indonesian too (it said "DRAFT", "This page will not ...").
    assert ">BELUM TERBIT</div>" in page and "tidak ikut ke situs publik" in page
    assert "DRAFT" not in page and "This page" not in page
    assert (preview / "sekolah/sdn-1-blora/tinjau/video-web.mp4").is_file()
    assert "Mode pratinjau" in (preview / "index.html").read_text(encoding="utf-8")

    assert site.build() == 0  # the same environment, but a build: never public
    assert not (site.out / "sekolah/sdn-1-blora/tinjau").exists()
    assert "Menunggu Kurator" not in (site.out / "sekolah/sdn-1-blora/index.html").read_text()
    assert "Mode pratinjau" not in (site.out / "index.html").read_text(encoding="utf-8")

"""Compiled templates kept between builds: a build loads them instead of compiling, and an
edited template is compiled again."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import jinja2
import pytest
from site_scenario import Site, new_site

from etalase.plugin.compiled import keep_compiled

pytest_plugins = ["site_fixtures"]


@pytest.fixture
def site(tmp_path: Path, clips: dict[str, Path]) -> Site:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  custom_dir: overrides\n"
        )
        + "      render_workers: 1\n",  # one process: every template it loads is seen here
        encoding="utf-8",
    )
    footer = site.root / "overrides" / "partials" / "copyright.html"
    footer.parent.mkdir(parents=True)
    footer.write_text("<p>Dinas Pendidikan Blora</p>\n", encoding="utf-8")
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "robot-bekas", title="Robot dari Barang Bekas")
    assert site.build() == 0
    return site


def compiled_in_this_process(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    names: list[str | None] = []
    compile_template = jinja2.Environment.compile

    def counting(self: Any, source: Any, name: str | None = None, *args: Any, **kw: Any) -> Any:
        names.append(name)
        return compile_template(self, source, name, *args, **kw)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


def test_a_build_that_renders_every_page_again_compiles_no_template(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(site.root / ".cache" / "plugin" / "etalase" / "pages")
    compiled = compiled_in_this_process(monkeypatch)
    assert site.build() == 0
    assert compiled == []
    assert "Robot dari Barang Bekas" in site.page("sekolah/sdn-1-blora/robot-bekas/")


def test_an_edited_template_is_compiled_again(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    footer = site.root / "overrides" / "partials" / "copyright.html"
    footer.write_text("<p>Dinas Pendidikan Cepu</p>\n", encoding="utf-8")  # same size
    compiled = compiled_in_this_process(monkeypatch)
    assert site.build() == 0
    assert compiled == ["partials/copyright.html"]
    for url in ("", "sekolah/sdn-1-blora/robot-bekas/"):
        assert "Dinas Pendidikan Cepu" in site.page(url)
        assert "Dinas Pendidikan Blora" not in site.page(url)


def test_templates_compiled_with_other_extensions_are_kept_apart(tmp_path: Path) -> None:
    """Jinja checks a template's source, not the extensions it was compiled with."""
    plain = jinja2.Environment()
    extended = jinja2.Environment(extensions=["jinja2.ext.loopcontrols"])
    keep_compiled(plain, tmp_path)
    keep_compiled(extended, tmp_path)
    assert isinstance(plain.bytecode_cache, jinja2.FileSystemBytecodeCache)
    assert isinstance(extended.bytecode_cache, jinja2.FileSystemBytecodeCache)
    assert plain.bytecode_cache.directory != extended.bytecode_cache.directory

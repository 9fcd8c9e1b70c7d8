"""One live workspace: the catalogue loaded once, then only what changed, shared by every user.

A refresh after a school saves one file names that school's entry and nothing
else; the plugin inside a build finds the workspace the CLI opened instead of
making a project and a load of its own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_scenario import Site, new_site

from etalase.content.memo import ReadMemo
from etalase.plugin import run
from etalase.policy import Policy
from etalase.project import Project, load_project
from etalase.workspace import Workspace, close_workspaces, open_workspace

ROBOT = "sdn-1-blora/robot-bekas"


@pytest.fixture(autouse=True)
def fresh_registry() -> Iterator[None]:
    close_workspaces()
    yield
    close_workspaces()


@pytest.fixture
def site(tmp_path: Path, clips: dict[str, Path]) -> Site:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.school("smp-cepu", npsn="20312346", district="Cepu", level="SMP", name="SMP Cepu")
    site.entry("sdn-1-blora", "robot-bekas", title="Robot dari Barang Bekas")
    site.entry("smp-cepu", "wayang", title="Wayang Kardus")
    return site


def later(path: Path) -> None:
    """Move a file's mtime a second on, as a save a second later would."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def workspace(site: Site) -> Workspace:
    """The project's workspace; its memo keeps files saved a moment ago (see ``later``)."""
    return Workspace(load_project(site.root / "mkdocs.yml"), ReadMemo(settle=0))


def test_a_refresh_names_the_one_entry_a_school_changed(site: Site) -> None:
    live = workspace(site)
    assert live.refresh().first
    assert live.refresh().nothing
    index = site.content / "sekolah" / ROBOT / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("Robot dari Barang Bekas", "Robot Penari"),
        encoding="utf-8",
    )
    later(index)
    change = live.refresh()
    assert change.entries == {ROBOT} and not change.schools and not change.other
    assert live.memo.counts.files_read == 1  # the one saved file, nothing else
    assert live.result is not None
    assert {e.title for e in live.result.catalogue.entries} == {"Robot Penari", "Wayang Kardus"}


def test_a_removed_entry_and_a_changed_profile_are_named(site: Site) -> None:
    live = workspace(site)
    live.refresh()
    shutil.rmtree(site.content / "sekolah" / ROBOT)
    later(site.content / "sekolah" / "sdn-1-blora")
    profile = site.content / "sekolah" / "smp-cepu" / "index.md"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("SMP Cepu", "SMP Negeri Cepu"),
        encoding="utf-8",
    )
    later(profile)
    change = live.refresh()
    assert change.entries == {ROBOT}
    assert "smp-cepu" in change.schools


def test_a_new_plan_names_only_the_pages_it_changed() -> None:
    live = Workspace(Project.create(Path("."), Policy.from_options({})))
    assert live.planned({"a.md": 1, "b.md": 2}) == {"a.md", "b.md"}
    assert live.planned({"a.md": 1, "b.md": 3, "c.md": 4}) == {"b.md", "c.md"}
    assert live.planned({"a.md": 1}) == {"b.md", "c.md"}  # removed pages too


def test_the_plugin_loads_into_the_workspace_the_cli_opened(site: Site) -> None:
    """One project, one load: the build's plugin uses the CLI's workspace and project."""
    assert site.build() == 0
    project = load_project(site.root / "mkdocs.yml")
    live = open_workspace(project)
    assert live.result is not None  # the build loaded into it
    session = run.build(live.project, site.root / "lagi", strict=False, lang="id")
    assert session is not None and session.workspace is live and live.session is session
    assert live.prepared is session.prepared is not None  # what the CLI and the desk ask
    assert live.media  # the renditions and posters the desk shows come from the build


def test_the_plugin_takes_the_cli_s_project_for_the_same_site(site: Site) -> None:
    project = load_project(site.root / "mkdocs.yml")
    live = open_workspace(project)
    session = run.build(project, project.site_dir, strict=False, lang="id")
    assert session is not None and session.workspace is live and session.project is project


def test_a_change_outside_schools_and_entries_is_reported_as_other(site: Site) -> None:
    """#29.7: an innovation added, edited or removed is "other" (callers plan everything)."""
    from innovation_scenario import innovation_text, write_innovation

    live = workspace(site)
    live.refresh()
    text = innovation_text({"evidence": f"[{ROBOT}]"})
    write_innovation(site.content, "sahabat", text)
    later(site.content / "inovasi" / "sahabat" / "index.md")
    change = live.refresh()
    assert change.other and not change.entries and not change.schools
    assert live.refresh().nothing
    index = site.content / "inovasi" / "sahabat" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8").replace("SAHABAT", "KAWAN"), encoding="utf-8"
    )
    later(index)
    change = live.refresh()
    assert live.result is not None
    assert [i.title for i in live.result.catalogue.innovations] == ["KAWAN"], change
    assert change.other
    shutil.rmtree(site.content / "inovasi" / "sahabat")
    later(site.content / "inovasi")
    assert live.refresh().other

"""Folders a command replaces or writes into: only its own (issue #28.1).

Each refusal runs the real command line on a small project whose folder sits
inside another one (``kantor/proyek``), so that "a folder holding the project"
can be named without risking anything outside the test's own folder.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.errors import ConfigError
from etalase.folders import MARKER
from etalase.project import load_project
from scenarios import Tree

MKDOCS_YML = "site_name: Uji\ndocs_dir: content\nplugins:\n  - etalase:\n      districts: [Blora]\n      duration_min: 1\n"
PHOTO = bytes(range(256)) * 40  # a person's photo: its bytes must survive every refusal


@pytest.fixture
def office(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Tree:
    """``kantor/proyek``: a project with one school and no entry (nothing to encode)."""
    root = tmp_path / "kantor" / "proyek"
    root.mkdir(parents=True)
    monkeypatch.chdir(root)
    tree = Tree(root, {})
    tree.school("sdn-1-blora")
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / ".git").mkdir()
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    return tree


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("target", "said"),
    [
        (".", "tempat itu adalah folder proyek ini"),
        ("content/sekolah", "ada di dalam folder konten"),
        ("content", "adalah folder konten"),
        (".git", "riwayat git"),
        ("..", "berisi folder proyek ini"),  # kantor/: holds the project
    ],
)
def test_offline_refuses_the_project_and_what_holds_it_and_changes_nothing(
    office: Tree, capsys: pytest.CaptureFixture[str], target: str, said: str
) -> None:
    kantor = office.root.parent
    (kantor / "surat.jpg").write_bytes(PHOTO)
    before = _snapshot(kantor)
    assert main(["offline", "--folder", "-o", target]) == 1
    err = capsys.readouterr().err
    assert f"Etalase tidak menulis ke {target}" in err and said in err, err
    assert "Pilih tempat lain" in err
    assert _snapshot(kantor) == before


def test_offline_refuses_a_folder_of_someone_elses_files_and_keeps_the_photo(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    card = office.root.parent / "kartu-sd"
    (card / "DCIM").mkdir(parents=True)
    (card / "DCIM" / "IMG_0001.JPG").write_bytes(PHOTO)
    assert main(["offline", "--folder", "-o", str(card), "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"Etalase does not write to {card}: the folder holds 1 files or folders" in err
    assert "etalase offline did not make (such as DCIM)" in err
    assert (card / "DCIM" / "IMG_0001.JPG").read_bytes() == PHOTO
    assert sorted(p.name for p in card.parent.iterdir()) == ["kartu-sd", "proyek"]


def test_offline_writes_into_an_empty_folder_and_replaces_only_the_edition_it_marked(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    card = office.root.parent / "kartu"
    card.mkdir()
    assert main(["offline", "--folder", "-o", str(card)]) == 0
    assert (card / MARKER).read_text(encoding="utf-8") == "offline\n"
    assert (card / "index.html").is_file()
    (card / "catatan-lama.txt").write_text("from the edition before", encoding="utf-8")
    assert main(["offline", "--folder", "-o", str(card)]) == 0
    assert not (card / "catatan-lama.txt").exists()  # replaced whole
    assert (card / "index.html").is_file() and (card / MARKER).is_file()
    (card / MARKER).unlink()  # a folder nobody marked is not an edition any more
    capsys.readouterr()
    assert main(["offline", "--folder", "-o", str(card)]) == 1
    assert "bukan buatan etalase offline" in capsys.readouterr().err
    assert (card / "index.html").is_file()


def test_build_refuses_a_site_dir_holding_someone_elses_files_and_replaces_its_own_site(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    documents = office.root / "Dokumen"
    documents.mkdir()
    (documents / "foto.jpg").write_bytes(PHOTO)
    (office.root / "mkdocs.yml").write_text(MKDOCS_YML + "site_dir: Dokumen\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert "bukan buatan etalase build (misalnya foto.jpg)" in capsys.readouterr().err
    assert _snapshot(documents) == {"foto.jpg": PHOTO}
    assert not list(office.root.glob(".Dokumen.*"))
    (office.root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    assert main(["build"]) == 0
    assert main(["build"]) == 0  # its own site (index.html, sitemap.xml.gz) is replaced
    assert (office.root / "site" / "index.html").is_file()


def test_build_refuses_a_site_dir_that_holds_the_project(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    (office.root / "mkdocs.yml").write_text(MKDOCS_YML + "site_dir: ..\n", encoding="utf-8")
    assert main(["build"]) == 1
    assert "berisi folder proyek ini" in capsys.readouterr().err


def test_export_refuses_to_write_into_the_content(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    before = _snapshot(office.content)
    assert main(["export", "--format", "csv", "-o", "content/sekolah/inventaris.csv"]) == 1
    assert "ada di dalam folder konten" in capsys.readouterr().err
    assert _snapshot(office.content) == before
    assert main(["export", "--format", "json", "-o", "mkdocs.yml"]) == 1
    assert "adalah berkas pengaturan" in capsys.readouterr().err
    assert (office.root / "mkdocs.yml").read_text(encoding="utf-8") == MKDOCS_YML


def test_a_cache_dir_in_the_content_stops_build_and_the_desk_preview(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    from etalase.desk.preview import Preview

    config = MKDOCS_YML + "      cache_dir: content/cache\n"
    (office.root / "mkdocs.yml").write_text(config, encoding="utf-8")
    before = _snapshot(office.content)
    assert main(["build"]) == 2
    err = capsys.readouterr().err
    assert "cache_dir di mkdocs.yml menunjuk" in err and "folder konten" in err
    assert main(["media", "--prune"]) == 2
    assert "cache_dir di mkdocs.yml menunjuk" in capsys.readouterr().err
    with pytest.raises(ConfigError, match="cache_dir"):
        Preview(load_project(), "http://127.0.0.1:8000/")
    assert _snapshot(office.content) == before
    assert not (office.content / "cache").exists()


def test_media_pull_refuses_a_shared_folder_inside_the_content(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["media", "--pull", "content/bersama"]) == 1
    assert "ada di dalam folder konten" in capsys.readouterr().err
    assert not (office.content / "bersama").exists()


def test_offline_refuses_the_root_of_a_disk_and_names_a_folder_on_it(
    office: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    mounted = Path("/dev/shm")  # a mount point on Linux, as an SD card's root is
    if not os.path.ismount(mounted):
        pytest.skip("/dev/shm is no mount point here")
    assert main(["offline", "--folder", "-o", str(mounted)]) == 1
    err = capsys.readouterr().err
    assert "itu akar sebuah disk atau kartu" in err and "/dev/shm/etalase" in err

"""Rebuilding: a page whose inputs did not change is reused, never rendered again or shown stale.

A reused page is a hard link to the page cache, so it keeps the file (inode)
the earlier build wrote; a rendered page is a new file. The tests read that.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from site_scenario import Site, new_site

from etalase.cli import main
from etalase.site.pages import PageSpec
from etalase.site.views import Card, ImageFile, ListingView, Pagination, PosterSet

pytest_plugins = ["site_fixtures"]

ENTRY_PAGE = "sekolah/sdn-1-blora/robot-bekas/"


@pytest.fixture
def site(tmp_path: Path, clips: dict[str, Path]) -> Site:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.school("smp-cepu", npsn="20312346", district="Cepu", level="SMP", name="SMP Cepu")
    site.entry(
        "sdn-1-blora",
        "robot-bekas",
        title="Robot dari Barang Bekas",
        body="Siswa kelas 5 merakit robot dari kardus bekas.",
    )
    site.entry(
        "smp-cepu",
        "wayang",
        title="Wayang Kardus",
        category="inovasi-pembelajaran",
        tags="[wayang]",
        body="Pentas wayang dari kardus bekas.",
    )
    assert site.build() == 0
    return site


def catalogue_pages(site: Site) -> dict[str, int]:
    """The catalogue's pages (not MkDocs' own 404 page) and the file each one is."""
    pages = {}
    for path in site.out.rglob("index.html"):
        pages[path.relative_to(site.out).as_posix()] = os.stat(path).st_ino
    return pages


def rendered_again(before: dict[str, int], after: dict[str, int]) -> set[str]:
    return {uri for uri, inode in after.items() if before.get(uri) != inode}


def test_an_unchanged_catalogue_is_not_rendered_again(site: Site) -> None:
    before = catalogue_pages(site)
    html = {uri: (site.out / uri).read_bytes() for uri in before}
    assert site.build() == 0
    after = catalogue_pages(site)
    assert sorted(after) == sorted(before) and len(after) > 10
    assert rendered_again(before, after) == set()
    assert all((site.out / uri).read_bytes() == html[uri] for uri in after)


def test_a_changed_entry_text_renders_its_own_page_only(site: Site) -> None:
    before = catalogue_pages(site)
    source = site.content / ENTRY_PAGE / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nKini robotnya bisa menari.\n", encoding="utf-8"
    )
    assert site.build() == 0
    assert rendered_again(before, catalogue_pages(site)) == {f"{ENTRY_PAGE}index.html"}
    assert "Kini robotnya bisa menari." in site.page(ENTRY_PAGE)


def test_a_changed_title_renders_every_page_that_shows_the_entry(site: Site) -> None:
    before = catalogue_pages(site)
    source = site.content / ENTRY_PAGE / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Robot dari Barang Bekas", "Robot Penari"),
        encoding="utf-8",
    )
    assert site.build() == 0
    again = rendered_again(before, catalogue_pages(site))
    for uri in ("", ENTRY_PAGE, "sekolah/sdn-1-blora/", "kecamatan/blora/", "tag/robotik/"):
        assert f"{uri}index.html" in again
        assert "Robot Penari" in site.page(uri)
    # Lists without the entry are reused as they were.
    assert {"kecamatan/cepu/index.html", "tag/wayang/index.html"}.isdisjoint(again)


def test_a_changed_setting_renders_every_page(site: Site) -> None:
    before = catalogue_pages(site)
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Etalase Uji", "Etalase Baru"), encoding="utf-8"
    )
    assert site.build() == 0
    after = catalogue_pages(site)
    assert rendered_again(before, after) == set(after)
    assert all("Etalase Baru" in (site.out / uri).read_text(encoding="utf-8") for uri in after)


def test_a_page_changed_in_place_after_the_build_is_rendered_again(site: Site) -> None:
    """A deploy step that appends to the built HTML must not leak into the next build."""
    page = site.out / ENTRY_PAGE / "index.html"
    with page.open("a", encoding="utf-8") as handle:  # same file, written in place
        handle.write("<!-- tambahan -->")
    assert site.build() == 0
    assert "tambahan" not in site.page(ENTRY_PAGE)
    assert site.page(ENTRY_PAGE).rstrip().endswith("</html>")


def test_the_search_index_is_reused_only_while_its_pages_are_unchanged(site: Site) -> None:
    entry = site.out / "pagefind" / "pagefind-entry.json"
    first = os.stat(entry).st_ino
    assert site.build() == 0
    assert os.stat(entry).st_ino == first
    source = site.content / ENTRY_PAGE / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nRobot ini menari jaipong.\n", encoding="utf-8"
    )
    assert site.build() == 0
    assert os.stat(entry).st_ino != first
    assert entry.read_bytes() != b""


def test_a_page_key_depends_on_values_not_on_the_process() -> None:
    """Python salts string hashes per process; the key must not notice."""
    from etalase.site.pagecache import page_key

    code = (
        "import sys; sys.path.insert(0, sys.argv[1])\n"
        "from test_pagecache import spec\n"
        "from etalase.site.pagecache import page_key\n"
        "print(page_key('situs', spec()))\n"
    )
    keys = {page_key("situs", spec())}
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        out = subprocess.run(
            [sys.executable, "-c", code, str(Path(__file__).parent)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        keys.add(out.stdout.strip())
    assert len(keys) == 1


def test_a_page_key_changes_with_any_value_of_the_page() -> None:
    from etalase.site.pagecache import page_key

    base = spec()
    assert page_key("situs", base) == page_key("situs", spec())
    assert page_key("situs", base) != page_key("situs lain", base)
    assert page_key("situs", base) != page_key("situs", spec(title="Robot Penari"))
    assert page_key("situs", base) != page_key("situs", spec(width=321))


def spec(title: str = "Robot", width: int = 320) -> PageSpec:
    """A list page with one card: a tree of frozen values."""
    poster = PosterSet(
        webp=(ImageFile("sekolah/a/b/poster-320.webp", width, 180),),
        jpeg=(ImageFile("sekolah/a/b/poster-320.jpg", width, 180),),
    )
    card = Card(
        key="a/b",
        title=title,
        url="sekolah/a/b/",
        school="SD A",
        district="Blora",
        date_iso="2026-08-14",
        date_text="14 Agustus 2026",
        duration_text="0:42",
        poster=poster,
        status="published",
    )
    pages = Pagination(page=1, pages=1, newer=None, older=None, links=())
    view = ListingView("Blora", "kecamatan", (card,), 1, pages)
    return PageSpec("kecamatan/blora/index.md", "Blora", "etalase/listing.html", view)


def test_a_broken_link_in_a_school_text_warns_on_every_build(site: Site) -> None:
    """MkDocs warns while converting a link to a missing file; a reused page must not hide it."""
    config = site.root / "mkdocs.yml"  # one process: its pages reach the cache even so
    config.write_text(
        config.read_text(encoding="utf-8") + "      render_workers: 1\n", encoding="utf-8"
    )
    source = site.content / ENTRY_PAGE / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\n[lembar kerja](lembar-hilang.md)\n",
        encoding="utf-8",
    )
    assert site.build("--strict") == 1
    assert site.build("--strict") == 1  # the second build still sees the broken link


def test_a_page_key_does_not_depend_on_which_equal_values_are_one_object() -> None:
    """Equal strings that are one object, or two: the same key (the pickler keeps no memo)."""
    from etalase.site.pagecache import page_key

    one = "".join(["Robot ", "bekas"])
    other = "".join(["Robot ", "bekas"])
    assert one == other and one is not other
    assert page_key("situs", (one, one)) == page_key("situs", (one, other))


def test_a_forked_renderer_s_warning_fails_a_strict_build(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same broken picture as above, rendered by a worker process: ``--strict`` still fails."""
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8") + "      render_workers: 2\n", encoding="utf-8"
    )
    source = site.content / ENTRY_PAGE / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\n[lembar kerja](lembar-hilang.md)\n",
        encoding="utf-8",
    )
    for name in ("pages", "search"):  # every page rendered: enough of them to fork
        shutil.rmtree(site.root / ".cache" / "plugin" / "etalase" / name, ignore_errors=True)
    capsys.readouterr()
    assert site.build("--strict") == 1
    assert "Sebagian halaman gagal dibangun" in capsys.readouterr().err  # a worker's exit code


def test_html_a_school_put_in_its_folder_is_neither_published_nor_searched(site: Site) -> None:
    """A new HTML file under ``sekolah/`` never reaches the site, so the index keeps its pages."""
    entry = site.out / "pagefind" / "pagefind-entry.json"
    pages = json.loads(entry.read_text(encoding="utf-8"))["languages"]["id"]["page_count"]
    stray = site.content / ENTRY_PAGE / "catatan.html"
    stray.write_text(
        "<html lang='id'><body data-pagefind-body><p>Catatan guru.</p></body></html>",
        encoding="utf-8",
    )
    assert site.build() == 0
    assert not (site.out / ENTRY_PAGE / "catatan.html").exists()
    index = json.loads(entry.read_text(encoding="utf-8"))
    assert index["languages"]["id"]["page_count"] == pages


def test_an_offline_edition_between_two_builds_neither_serves_nor_drops_online_pages(
    site: Site,
) -> None:
    before = catalogue_pages(site)
    card = site.root / "kartu"
    previous = Path.cwd()
    os.chdir(site.root)
    try:
        assert main(["offline", "--folder", "-o", str(card)]) == 0
    finally:
        os.chdir(previous)
    entry = (card / ENTRY_PAGE / "index.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in entry  # file links: not the online page from the cache
    assert site.build() == 0
    assert rendered_again(before, catalogue_pages(site)) == set()


def test_an_offline_edition_never_asks_google_for_fonts_even_when_the_site_does(
    site: Site,
) -> None:
    config = site.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("font: false", "font:\n    text: Roboto"))
    assert site.build() == 0
    assert "fonts.googleapis.com" in site.page("")  # the online site, as configured
    card = site.root / "kartu"
    previous = Path.cwd()
    os.chdir(site.root)
    try:
        assert main(["offline", "--folder", "-o", str(card)]) == 0
    finally:
        os.chdir(previous)
    pages = [p.read_text(encoding="utf-8") for p in card.rglob("*.html")]
    assert pages and not any("fonts.g" in page for page in pages)


def test_one_build_s_page_keys_are_each_page_s_key_alone() -> None:
    """A card on many lists is hashed once per build; the keys stay those of the values."""
    from etalase.site.pagecache import PageKeys, page_key

    keys = PageKeys("situs")
    first, again, equal, changed = spec(), spec(), spec(), spec(title="Robot Penari")
    same_card = PageSpec("tag/robotik/index.md", "robotik", "etalase/listing.html", first.view)
    assert keys.key(first) == page_key("situs", first)
    assert keys.key(same_card) == page_key("situs", same_card)
    assert keys.key(again) == keys.key(equal) == page_key("situs", first)
    assert keys.key(changed) == page_key("situs", changed) != page_key("situs", first)
    assert len(keys.digests) == 4  # the cards of first (shared by same_card), again, equal, changed

"""``etalase build`` on a scenario catalogue: what reaches ``site/`` and what never does."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin

import pytest
from site_scenario import HOSTILE_TITLE, Markup, Site, new_site

from etalase.content.layout import VIDEO_SUFFIXES

pytest_plugins = ["site_fixtures"]

ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_section_of_the_site_map_is_built(demo_site: Site) -> None:
    for url in (
        "",
        "sekolah",
        "sekolah/sdn-1-blora",
        "sekolah/sdn-1-blora/robot-bekas",
        "kecamatan",
        "kecamatan/blora",
        "kecamatan/cepu",
        "jenjang",
        "jenjang/smp",
        "kategori",
        "kategori/inovasi-pembelajaran",
        "tahun",
        "tahun/2025",
        "tag",
        "tag/daur-ulang",
        "cari",
        "statistik",
    ):
        assert (demo_site.out / url / "index.html").is_file(), url
    assert (demo_site.out / "feed.xml").is_file()
    assert (demo_site.out / "sitemap.xml").is_file()


def test_only_published_valid_entries_are_built(demo_site: Site) -> None:
    entries = demo_site.out / "sekolah" / "smp-cepu"
    assert (entries / "wayang" / "index.html").is_file()
    for slug in ("draf", "tinjau", "tolak", "terlalu-panjang"):
        assert not (entries / slug).exists(), slug
    everything = "".join(p.read_text(encoding="utf-8") for p in demo_site.out.rglob("*.html"))
    for title in ("Masih Draf", "Menunggu Tinjauan", "Ditolak Kurator", "Terlalu Panjang"):
        assert title not in everything


def test_original_uploads_never_reach_the_site(demo_site: Site) -> None:
    for path in demo_site.out.rglob("*"):
        assert not (path.suffix.lower() in VIDEO_SUFFIXES and path.name == "video.mp4"), path
    originals = {p.read_bytes() for p in demo_site.content.rglob("video.mp4")}
    for path in demo_site.out.rglob("*.mp4"):
        assert path.read_bytes() not in originals, path


def test_nothing_is_written_into_the_content_folder(demo_site: Site) -> None:
    names = {p.relative_to(demo_site.content).as_posix() for p in demo_site.content.rglob("*")}
    assert not any(
        n.startswith(("kecamatan", "jenjang", "kategori", "tahun", "tag", "cari", "statistik"))
        for n in names
    )
    assert "sekolah/index.md" not in names


def test_navigation_holds_the_sections_never_the_entries(demo_site: Site) -> None:
    sections = {"", "sekolah/", "kecamatan/", "jenjang/", "kategori/", "cari/", "statistik/"}
    for url in ("", "sekolah/sdn-1-blora/robot-bekas"):
        here = f"https://h/{url}/" if url else "https://h/"
        links = {
            urljoin(here, a["href"]).removeprefix("https://h/")
            for a in Markup(demo_site.page(url)).named("a")
            if "md-nav__link" in a.get("class", "")
        }
        assert links == sections, url


def test_lists_are_newest_first_and_paginated(tmp_path: Path, clips: dict[str, Path]) -> None:
    site = new_site(tmp_path, clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    for day in range(1, 28):
        site.entry("sdn-1-blora", f"kegiatan-{day:02d}", date=f"2026-03-{day:02d}", clip="edge")
    assert site.build() == 0
    first, second = site.page("kecamatan/blora"), site.page("kecamatan/blora/2")
    titles = re.findall(r'etalase-card__title">([^<]+)<', first)
    assert titles[:2] == ["Judul kegiatan-27", "Judul kegiatan-26"]
    assert len(titles) == 24
    assert re.findall(r'etalase-card__title">([^<]+)<', second) == [
        "Judul kegiatan-03",
        "Judul kegiatan-02",
        "Judul kegiatan-01",
    ]
    assert 'rel="next"' in first and 'rel="prev"' in second


def test_no_page_grows_with_the_catalogue(tmp_path: Path, clips: dict[str, Path]) -> None:
    site = new_site(tmp_path, clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "tetap", title="Entri Tetap", date="2024-01-02", clip="edge")
    for day in range(1, 3):
        site.entry("sdn-1-blora", f"awal-{day}", date=f"2026-01-{day:02d}", clip="edge")
    assert site.build() == 0
    pages = ("", "sekolah/sdn-1-blora/tetap", "kecamatan/blora", "statistik", "cari")
    small = {url: len(site.page(url)) for url in pages}
    for day in range(1, 29):
        site.entry("sdn-1-blora", f"baru-{day}", date=f"2026-02-{day:02d}", clip="edge")
    assert site.build() == 0
    large = {url: len(site.page(url)) for url in pages}
    assert abs(large["sekolah/sdn-1-blora/tetap"] - small["sekolah/sdn-1-blora/tetap"]) < 200
    assert abs(large["statistik"] - small["statistik"]) < 200
    assert abs(large["cari"] - small["cari"]) < 200
    assert large[""] < small[""] + 12 * 1200  # home shows at most 12 newest cards
    assert large["kecamatan/blora"] < small["kecamatan/blora"] + 24 * 1200  # one page of cards


def test_the_home_page_shows_intro_counts_and_newest_cards(demo_site: Site) -> None:
    home = demo_site.page("")
    assert "Selamat datang." in home
    assert "4 video" in home and "2 sekolah" in home  # the schools with published videos
    assert home.index("Robot dari Barang Bekas") < home.index("Kegiatan Lama")


def test_schools_are_grouped_by_kecamatan(demo_site: Site) -> None:
    page = demo_site.page("sekolah")
    assert page.index("Kecamatan Blora") < page.index("Kecamatan Cepu")
    assert "SD Sepi" not in page and "Kecamatan Jepon" not in page  # no published entry
    assert "2 dari 3 sekolah di kabupaten ini sudah menampilkan video" in page
    assert not (demo_site.out / "sekolah/sdn-sepi/index.html").exists()


def test_statistik_counts_coverage_and_schools_without_entries(demo_site: Site) -> None:
    page = demo_site.page("statistik")
    assert "Sekolah yang belum mengirim video" in page
    without = page[page.index("Sekolah yang belum mengirim video") :]
    assert "SD Sepi" in without.split("</section>")[0]
    assert "1 dari 1 sekolah sudah mengirim" in page  # Cepu


def test_every_page_has_sharing_tags_and_a_canonical_url(demo_site: Site) -> None:
    for url in ("", "sekolah/sdn-1-blora/robot-bekas", "kecamatan/blora", "statistik"):
        page = Markup(demo_site.page(url))
        meta = {a.get("property") or a.get("name"): a.get("content") for a in page.named("meta")}
        assert meta["og:title"] and meta["og:description"] and meta["twitter:card"], url
        assert meta["og:url"] == f"https://etalase.example.id/kab/{url + '/' if url else ''}"
        canonical = [a["href"] for a in page.named("link") if a.get("rel") == "canonical"]
        assert canonical == [meta["og:url"]]
    entry = Markup(demo_site.page("sekolah/sdn-1-blora/robot-bekas"))
    meta = {a.get("property") or a.get("name"): a.get("content") for a in entry.named("meta")}
    assert meta["og:title"] == "Robot dari Barang Bekas"
    assert meta["og:description"] == "Siswa kelas 5 merakit robot dari kardus bekas."


def test_the_feed_lists_the_newest_published_entries(demo_site: Site) -> None:
    feed = ET.parse(demo_site.out / "feed.xml").getroot()
    titles = [e.findtext(f"{ATOM}title") for e in feed.iter(f"{ATOM}entry")]
    assert titles[0] in ("Robot dari Barang Bekas", "Wayang Kardus", HOSTILE_TITLE)
    assert titles[-1] == "Kegiatan Lama"
    assert "Masih Draf" not in titles
    links = [e.find(f"{ATOM}link").get("href") for e in feed.iter(f"{ATOM}entry")]  # type: ignore[union-attr]
    assert "https://etalase.example.id/kab/sekolah/smp-cepu/wayang/" in links
    posters = [
        link.get("href") for link in feed.iter(f"{ATOM}link") if link.get("rel") == "enclosure"
    ]
    assert len(posters) == len(titles)
    assert "https://etalase.example.id/kab/sekolah/smp-cepu/wayang/poster-160.jpg" in posters


def test_the_search_index_has_the_facet_filters(demo_site: Site) -> None:
    bundle = demo_site.out / "pagefind"
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-ui.js").is_file()
    assert list((bundle / "filter").glob("*.pf_filter"))
    entry = demo_site.page("sekolah/smp-cepu/wayang")
    for facet, value in (
        ("kecamatan", "Cepu"),
        ("jenjang", "SMP"),
        ("kategori", "Inovasi Pembelajaran"),
        ("tahun", "2026"),
    ):
        assert re.search(rf'data-pagefind-filter="{facet}">{value}<', entry), facet


def test_the_404_page_speaks_indonesian_and_points_to_search(demo_site: Site) -> None:
    page = (demo_site.out / "404.html").read_text(encoding="utf-8")
    assert "<h1>Halaman tidak ditemukan</h1>" in page and "Not found" not in page
    assert re.search(r'<a href="[^"]*cari/">Cari di katalog</a>', page)
    assert '<meta property="og:title" content="Halaman tidak ditemukan">' in page


def test_strict_build_fails_on_an_invalid_entry_and_keeps_the_old_site(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path, clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "baik", title="Entri Baik")
    assert site.build() == 0
    before = site.page("sekolah/sdn-1-blora/baik")
    site.entry("sdn-1-blora", "pendek", title="Terlalu Panjang", clip="long")
    assert site.build("--strict") == 1
    out = capsys.readouterr()
    assert "[VIDEO_TOO_LONG]" in out.err and "sekolah/sdn-1-blora/pendek/video.mp4" in out.err
    assert "situs lama tidak diubah" in out.out
    assert site.page("sekolah/sdn-1-blora/baik") == before
    assert site.build() == 0
    assert "1 entri ditinggalkan" in capsys.readouterr().out
    assert not (site.out / "sekolah" / "sdn-1-blora" / "pendek").exists()


def test_english_interface_by_config(tmp_path: Path, clips: dict[str, Path]) -> None:
    site = new_site(tmp_path, clips, language="en", warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "baik", title="Entri Baik")
    assert site.build() == 0
    page = site.page("sekolah/sdn-1-blora/baik")
    assert '<html lang="en"' in page and ">District<" in page and "14 August 2026" in page
    assert "<h1>Page not found</h1>" in (site.out / "404.html").read_text(encoding="utf-8")


def test_build_names_an_entry_folder_without_its_text(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    site = new_site(tmp_path, clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "baik", title="Entri Baik")
    (site.entry("sdn-1-blora", "lupa", title="Lupa Teks") / "index.md").unlink()
    assert site.build() == 0
    err = capsys.readouterr().err
    assert "[ENTRY_TEXT_MISSING]" in err and "sekolah/sdn-1-blora/lupa" in err


def test_the_feed_is_ordered_by_publication_and_says_the_activity_date(
    tmp_path: Path, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#12.5: a clip published today about an old activity is the newest item."""
    from etalase.cli import main

    site = new_site(tmp_path, clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "baru", title="Kegiatan Baru", date="2026-08-14")
    site.entry("sdn-1-blora", "lama", title="Kegiatan Lama", date="2025-01-06", status="review")
    monkeypatch.chdir(site.root)
    assert main(["publish", "sdn-1-blora/lama"]) == 0
    today = __import__("datetime").date.today().isoformat()
    assert (
        f"\npublished: {today}\n"
        in (site.content / "sekolah/sdn-1-blora/lama/index.md").read_text()
    )
    assert site.build() == 0
    feed = ET.parse(site.out / "feed.xml").getroot()
    items = list(feed.iter(f"{ATOM}entry"))
    assert [e.findtext(f"{ATOM}title") for e in items] == ["Kegiatan Lama", "Kegiatan Baru"]
    assert items[0].findtext(f"{ATOM}updated") == f"{today}T00:00:00Z"
    assert items[0].findtext(f"{ATOM}published") == f"{today}T00:00:00Z"
    assert (items[0].findtext(f"{ATOM}summary") or "").startswith("6 Januari 2025 · ")
    assert (
        items[1].findtext(f"{ATOM}updated") == "2026-08-14T00:00:00Z"
    )  # published before: its date

"""The ZIM for Kiwix, read by Debian's own tools: zimcheck, kiwix-serve and libzim."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from libzim.reader import Archive
from zimkit import ROOT, DemoZim

from etalase.cli import main
from etalase.errors import ConfigError
from etalase.folders import MARKER
from etalase.media.tools import Tools
from etalase.offline import zim
from etalase.project import load_project

pytest_plugins = ["zim_fixtures"]

READING_CORNER = "sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas/index.html"


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=20) as response:
        return str(response.read().decode("utf-8"))


def search(kiwix: str, words: str) -> list[str]:
    """The paths of the pages kiwix-serve's full-text search finds, in its order."""
    query = urllib.parse.urlencode({"content": "etalase", "pattern": words, "pageLength": 50})
    page = get(f"{kiwix}/search?{query}")
    return re.findall(r'href="/etalase/([^"]+)"', page)


def results(kiwix: str, words: str) -> list[tuple[str, str]]:
    """(path, snippet) of each page kiwix-serve's full-text search finds, in its order."""
    query = urllib.parse.urlencode({"content": "etalase", "pattern": words, "pageLength": 50})
    page = get(f"{kiwix}/search?{query}")
    found = re.findall(r'href="/etalase/([^"]+)".*?<cite>(.*?)</cite>', page, re.DOTALL)
    return [(path, html.unescape(re.sub(r"<[^>]+>", "", cite))) for path, cite in found]


def words_of(page: Path) -> set[str]:
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))
    return set(re.findall(r"\w+", text.lower()))


def test_zimcheck_passes_every_check_on_the_demo_zim(demo_zim: DemoZim) -> None:
    result = subprocess.run(
        ["zimcheck", "--all", "--details", str(demo_zim.path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Overall Test Status: Pass" in result.stdout


def test_the_zim_carries_the_offices_metadata_in_indonesian(demo_zim: DemoZim) -> None:
    archive = Archive(demo_zim.path)
    meta = {
        key: archive.get_metadata(key).decode()
        for key in archive.metadata_keys
        if not key.startswith("Illustration_")
    }
    assert meta["Language"] == "ind"
    assert meta["Title"] == "Etalase Sekolah Blora"  # offline_title in mkdocs.yml
    assert meta["Description"].startswith("Katalog video karya, inovasi dan kegiatan sekolah")
    assert len(meta["Description"]) <= 80
    assert meta["Description"] in meta["LongDescription"]
    assert len(meta["LongDescription"]) > len(meta["Description"])
    assert meta["Creator"] == meta["Publisher"] == "Etalase Sekolah Kabupaten Blora"
    assert meta["Date"] == dt.date.today().isoformat()
    assert meta["Name"] == "etalase-sekolah-kabupaten-blora_id_all"
    assert "_videos:yes" in meta["Tags"].split(";")
    assert "_ftindex:yes" in meta["Tags"].split(";")  # Kiwix's catalogue: a full-text index
    assert archive.get_illustration_sizes() == {48}
    icon = bytes(archive.get_illustration_item(48).content)
    assert zim.png_size(icon) == (48, 48)
    assert archive.has_fulltext_index and archive.has_title_index
    assert archive.main_entry.get_item().path == "index.html"


def test_every_page_and_file_of_the_edition_is_in_the_zim_posters_as_webp(
    demo_zim: DemoZim,
) -> None:
    archive = Archive(demo_zim.path)
    files = [
        p.relative_to(demo_zim.edition).as_posix()
        for p in demo_zim.edition.rglob("*")
        if p.is_file() and p.name not in ("404.html", MARKER)  # MARKER: the folder's own
    ]
    assert all(archive.has_entry_by_path(f) for f in files)
    assert archive.entry_count == len(files)  # and nothing else
    assert not archive.has_entry_by_path("404.html")
    entry = archive.get_entry_by_path(READING_CORNER).get_item()
    assert entry.title == "Pojok Baca di Teras Kelas"  # without the site's name after it
    assert entry.mimetype == "text/html"
    page = bytes(entry.content).decode()
    poster = re.search(r'<video[^>]*\sposter="([^"]+)"', page)
    assert poster and poster.group(1).endswith(".webp")
    folder = READING_CORNER.rsplit("/", 1)[0]
    assert archive.get_entry_by_path(f"{folder}/{poster.group(1)}").get_item().mimetype == (
        "image/webp"
    )


def test_kiwix_search_finds_the_reading_corner_by_membaca(kiwix: str) -> None:
    assert search(kiwix, "membaca")[0] == READING_CORNER


SAMIN = "sekolah/sdn-2-sambongrejo/cerita-kearifan-samin/"  # captioned by its school


def test_kiwix_serves_the_captions_track_and_finds_a_word_only_spoken_in_the_clip(
    kiwix: str,
) -> None:
    page = get(f"{kiwix}/etalase/{SAMIN}index.html")
    track = re.search(r'<track kind="captions" src="([^"]+)" srclang="id" label="([^"]+)"', page)
    assert track and track.group(2) == "Indonesia (sekolah)"
    with urllib.request.urlopen(f"{kiwix}/etalase/{SAMIN}{track.group(1)}") as served:
        assert served.headers.get_content_type() == "text/vtt"
        assert "tenang dan tenteram" in served.read().decode("utf-8")
    assert 'data-start="15.000"' in page  # the transcript is in the page itself
    # "tenteram" is in no page's text, only in the clip's captions (the transcript).
    assert search(kiwix, "tenteram") == [f"{SAMIN}index.html"]


@pytest.mark.parametrize("words", ["membaca", "blora", "sekolah"])
def test_kiwix_indexes_each_pages_own_text_not_its_menus_and_footer(kiwix: str, words: str) -> None:
    found = results(kiwix, words)
    assert found
    own = ("sekolah/", "inovasi/")  # entries, schools, innovations: pages with their own text
    assert [p for p, _ in found if not p.startswith(own) or p.count("/") < 2] == []
    for path, snippet in found:
        for chrome in ("Cari di katalog", "Beranda Sekolah Inovasi", "Kembali ke atas"):
            assert chrome not in snippet, (path, snippet)


def test_a_pages_index_text_is_its_own_part_and_the_facts_are_keywords(
    demo_zim: DemoZim,
) -> None:
    page = (demo_zim.edition / READING_CORNER).read_bytes()
    text = zim.page_text(page)
    assert text.title == "Pojok Baca di Teras Kelas"
    assert "pohon literasi" in text.content
    assert "Beranda" not in text.content and "Kembali ke atas" not in text.content
    assert "Sambong" in text.keywords and "SD Negeri 2 Sambongrejo" in text.keywords
    # The stored page reads the same; only comments tell libzim's snippets what to skip.
    assert re.sub(rb"<!--/?htdig_noindex-->", b"", text.page) == page
    assert text.page.count(b"<!--htdig_noindex-->") == 2
    home = zim.page_text((demo_zim.edition / "index.html").read_bytes())
    assert home.content == "" and home.page == (demo_zim.edition / "index.html").read_bytes()


def test_kiwix_search_stems_indonesian_belajar_finds_pages_that_say_only_pembelajaran(
    kiwix: str, demo_zim: DemoZim
) -> None:
    found = search(kiwix, "belajar")
    only_pembelajaran = [
        path
        for path in found
        if "pembelajaran" in (words := words_of(demo_zim.edition / path)) and "belajar" not in words
    ]
    assert only_pembelajaran, found


def test_kiwix_suggests_pages_by_their_titles(kiwix: str) -> None:
    query = urllib.parse.urlencode({"content": "etalase", "term": "Pojok Baca"})
    suggestions = json.loads(get(f"{kiwix}/suggest?{query}"))
    titles = [s.get("value") for s in suggestions if s.get("kind") != "pattern"]
    assert "Pojok Baca di Teras Kelas" in titles, suggestions


def test_a_folder_without_its_home_page_writes_no_zim(tmp_path: Path) -> None:
    folder = tmp_path / "edisi"
    (folder / "sekolah").mkdir(parents=True)
    (folder / "sekolah" / "index.html").write_text("<title>Sekolah</title>", encoding="utf-8")
    meta = zim.ZimMetadata("T", "D", "LD", "C", "P", dt.date(2026, 1, 1), "n_id_all", ())
    with pytest.raises(ConfigError) as raised:
        zim.write_zim(folder, tmp_path / "out.zim", meta, b"")
    assert "index.html" in raised.value.text("en")
    assert list(tmp_path.glob("*.zim")) == []


def test_metadata_fits_openzim_limits_at_a_word() -> None:
    assert zim.fit("Etalase Sekolah Kabupaten Blora", 30) == "Etalase Sekolah Kabupaten…"
    assert zim.fit("  Katalog\nvideo  ", 80) == "Katalog video"
    assert zim.slug("Dinas Pendidikan Kabupaten Blora") == "dinas-pendidikan-kabupaten-blora"
    assert zim.page_title(b"<title>Pojok Baca - Etalase &amp; Co</title>") == "Pojok Baca"


def test_etalase_offline_zim_writes_the_zim_beside_the_folder_and_says_where(
    demo_zim: DemoZim, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(demo_zim.config.parent)
    assert main(["offline", "--zim"]) == 0
    written = demo_zim.config.parent / "offline" / "etalase.zim"
    out = capfd.readouterr().out
    assert f"Berkas ZIM untuk Kiwix ditulis di {written}" in out
    assert "set index" not in out and "Resolve redirect" not in out  # libzim's own English
    assert "Anggaran edisi luring" in out  # the budget, printed before writing
    archive = Archive(written)
    assert archive.has_entry_by_path(READING_CORNER)
    assert archive.get_metadata("Name") == b"etalase-sekolah-kabupaten-blora_id_all"
    assert not (demo_zim.config.parent / "offline" / "etalase").exists()  # --zim only


def test_etalase_offline_zim_over_max_size_writes_nothing(
    demo_zim: DemoZim, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(demo_zim.config.parent)
    target = demo_zim.config.parent / "offline" / "kartu.zim"
    assert main(["offline", "--zim", "--max-size", "1M", "-o", str(target.with_suffix(""))]) == 1
    assert "melebihi --max-size" in capsys.readouterr().out
    assert not target.exists()


def test_max_size_counts_a_fat32_cards_4_gib_file_limit_and_its_clusters() -> None:
    from etalase.commands import offline

    assert offline.on_card(1) == offline.on_card(32 * 1024) == 32 * 1024
    assert offline.on_card(32 * 1024 + 1) == 64 * 1024
    big = 4 * 1024**3  # one byte over what FAT32 holds in a file
    assert not offline.fits_card(offline.on_card(big), big, 64 * 10**9)
    assert offline.fits_card(offline.on_card(big - 1), big - 1, 64 * 10**9)
    summary = offline.EditionSummary(Path("x.zim"), 0, 0.0, 0, big, offline.on_card(big), big)
    line = offline.too_big_line(offline.EditionTooBig(summary, 64 * 10**9), Path("x.zim"), "id")
    assert "lebih dari 4 GiB" in line and "FAT32" in line


def test_an_update_packs_metadata_says_so_and_never_takes_the_catalogues_name() -> None:
    project = load_project(ROOT / "mkdocs.yml")
    since = dt.date(2026, 11, 1)
    pack = zim.metadata_for(project, today=dt.date(2026, 12, 1), since=since)
    whole = zim.metadata_for(project, today=dt.date(2026, 12, 1))
    assert pack.description.startswith("Paket pembaruan, terbit sejak 2026-11-01: Katalog")
    assert len(pack.description) <= 80
    assert pack.name == "etalase-sekolah-kabupaten-blora_id_pembaruan-2026-11-01"
    assert whole.name == "etalase-sekolah-kabupaten-blora_id_all"


def test_an_office_favicon_of_another_size_becomes_a_48_pixel_png(
    tmp_path: Path, tools: Tools
) -> None:
    logo = tmp_path / "logo.png"
    subprocess.run(
        [tools.ffmpeg, "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=128x128", "-frames:v", "1",
         str(logo)],
        check=True,
    )  # fmt: skip
    icon = zim.illustration(tools, logo, timeout=30)
    assert zim.png_size(icon) == (48, 48)
    assert logo.stat().st_size > 0 and zim.png_size(logo.read_bytes()) == (128, 128)
    assert list(tmp_path.iterdir()) == [logo]  # no temporary file left beside it


def test_a_favicon_that_is_no_picture_is_a_config_error_naming_it(
    tmp_path: Path, tools: Tools
) -> None:
    broken = tmp_path / "favicon.png"
    broken.write_text("bukan gambar", encoding="utf-8")
    with pytest.raises(ConfigError) as raised:
        zim.illustration(tools, broken, timeout=30)
    assert str(broken) in raised.value.text("id")
    assert "theme.favicon" in raised.value.text("id")


def test_an_edition_is_measured_as_it_sits_on_a_card_cluster_by_cluster(tmp_path: Path) -> None:
    from etalase.commands import offline

    folder = tmp_path / "etalase"
    (folder / "sekolah").mkdir(parents=True)
    (folder / "index.html").write_bytes(b"x" * 100)
    (folder / "sekolah" / "index.html").write_bytes(b"x" * 40_000)
    summary = offline.measure_edition(folder, None)
    assert summary.total_bytes == 40_100
    # Two folders of one cluster each, a 100-byte page in one, a 40 kB page in two.
    assert summary.card_bytes == (1 + 1 + 1 + 2) * 32 * 1024
    assert summary.largest_file == 40_000
    assert offline.fits_card(summary.card_bytes, summary.largest_file, summary.card_bytes)
    assert not offline.fits_card(summary.card_bytes, summary.largest_file, 100_000)

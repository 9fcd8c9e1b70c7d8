"""The folder edition (``etalase offline --folder``) as a teacher opens it: a double
click on ``index.html``, in Debian's Chromium, from ``file://`` with no server."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from phone import ROOT

from etalase.cli import main
from scenarios import repository_demo

pytest_plugins = ["browser_fixtures"]

MEDIA_CACHE = Path(".cache/plugin/etalase/media")  # the default cache_dir's media cache
READING = "sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas/"  # the demo's reading corner
_LINK = re.compile(r'(?:href|src|poster)="([^"]*)"')


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory, demo_offline_media: Path) -> Path:
    """The demo catalogue with its reading-corner entry published (it waits in review)."""
    root = tmp_path_factory.mktemp("offline") / "demo"
    root.mkdir()
    with repository_demo(tmp_path_factory):
        for name in ("mkdocs.yml", "content", "overrides"):
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, root / name)
            else:
                shutil.copy2(source, root / name)
    # The demo's offline clips and posters, made once for the run (the ZIM's too); hard
    # links: the cache replaces its files, never writes into them.
    shutil.copytree(demo_offline_media, root / MEDIA_CACHE, copy_function=os.link)
    page = root / "content" / READING / "index.md"
    text = page.read_text().replace("status: review", "status: published")
    page.write_text(
        text + "\nSetiap hari Jum'at murid membaca bersama di teras. Lihat juga "
        "[rencana kegiatan](rencana.pdf), [robot kami](../robot-dari-sampah/) dan "
        "[kelas aksara](../../smpn-4-randublatung/kelas-aksara-jawa/).\n"
    )
    (page.parent / "rencana.pdf").write_bytes(b"%PDF-1.4 rencana")  # a school's file
    return root


@pytest.fixture(scope="session")
def edition(project: Path) -> Path:
    out = project.parent / "kartu" / "etalase"
    assert main(["offline", "--folder", "-f", str(project / "mkdocs.yml"), "-o", str(out)]) == 0
    return out


class FileVisit:
    """A page opened from ``file://``, with every request and console error recorded."""

    def __init__(self, browser: Any, folder: Path) -> None:
        self.folder = folder
        self.context = browser.new_context(viewport={"width": 360, "height": 740})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def open(self, path: str) -> Any:
        self.page.goto((self.folder / path).as_uri())
        self.page.wait_for_load_state("load")
        return self.page

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if not url.startswith("file://")]


@pytest.fixture
def visit(browser: Any, edition: Path) -> Iterator[FileVisit]:
    v = FileVisit(browser, edition)
    yield v
    v.context.close()


def dead_links(edition: Path) -> list[str]:
    """Every link of every page of ``edition`` that leads to no file in it."""
    missing = []
    for html in edition.rglob("*.html"):
        for link in _LINK.findall(html.read_text(encoding="utf-8")):
            target = urlsplit(link)
            if target.scheme or link.startswith(("#", "//")) or not target.path:
                continue  # the school's website, the online site's canonical address
            assert not target.path.startswith("/"), (html, link)
            if not (html.parent / unquote(target.path)).is_file():
                missing.append(f"{html.relative_to(edition)} -> {link}")
    return missing


def test_every_link_of_every_page_is_a_relative_file_link_to_a_file_there(edition: Path) -> None:
    assert len(list(edition.rglob("*.html"))) > 20
    assert dead_links(edition) == []


def test_a_schools_link_to_an_unpublished_file_or_entry_is_its_words_and_a_page_link_a_file_link(
    edition: Path,
) -> None:
    page = (edition / READING / "index.html").read_text(encoding="utf-8")
    assert "rencana kegiatan" in page and "rencana.pdf" not in page  # never published
    assert "kelas aksara" in page and "kelas-aksara-jawa" not in page  # a draft
    assert '<a href="../robot-dari-sampah/index.html"' in page  # a folder link, as a file


def test_the_folder_carries_one_small_webm_a_clip_and_no_feed_or_pagefind(edition: Path) -> None:
    clips = sorted(p.name for p in (edition / READING).glob("video-*"))
    assert clips == ["video-offline.webm"]  # VP9/Opus, made for the offline editions only
    assert list(edition.rglob("poster-*.jpg")) == []  # one poster format: WebP
    batik = edition / "sekolah/sdn-4-jiken/batik-pewarna-daun-jati"  # a school's photo
    assert sorted(p.relative_to(batik).as_posix() for p in batik.rglob("*.jpg")) == [
        "_360w/hasil-batik.jpg",
        "_720w/hasil-batik.jpg",
        "hasil-batik.jpg",  # 1080 px wide, not 1600: a laptop's column
    ]
    assert list((edition / READING).glob("poster-*.webp"))
    assert ".jpg" not in (edition / READING / "index.html").read_text(encoding="utf-8")
    assert not (edition / "pagefind").exists()
    assert not (edition / "feed.xml").exists()
    assert (edition / "cari" / "indeks.js").read_text().startswith("window.ETALASE_INDEX = [")


def test_a_tag_of_one_clip_is_plain_text_and_has_no_list_page_on_the_card(edition: Path) -> None:
    """Issue #28.7: a list of one card is the page its only link comes from; offline the tag
    is its words (the tag list still names it, with its count) and the card saves the page."""
    lomba = (edition / "sekolah/sdn-3-todanan/lomba-tujuh-belasan/index.html").read_text()
    assert "<li>#agustusan</li>" in lomba  # one clip: words, no link
    assert '<a href="../../../tag/permainan-tradisional/index.html">#permainan tradisional</a>' in (
        lomba
    )  # two clips: still a list page
    assert not (edition / "tag/agustusan").exists()
    tags = (edition / "tag/index.html").read_text()
    assert '<li>agustusan <span class="etalase-facets__count">1 video</span></li>' in tags
    lists = [p for p in (edition / "tag").glob("*/index.html")]
    assert lists and all(p.read_text().count('class="etalase-card"') > 1 for p in lists)


def test_pages_carry_no_tag_only_the_web_reads(edition: Path) -> None:
    """The online address, social cards and generator name: a card is never shared from."""
    for html in edition.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert 'rel="canonical"' not in text and 'property="og:' not in text, html
        assert 'name="twitter:' not in text and 'name="generator"' not in text, html


def test_search_from_the_card_finds_the_reading_corner(visit: FileVisit) -> None:
    page = visit.open("index.html")
    page.locator(".etalase-headsearch__button").click()  # the header's search, on a phone
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path.endswith("/cari/index.html")
    page.fill("#etalase-offline-q", "membaca")
    page.wait_for_selector(".etalase-offline-result", timeout=10_000)
    links = page.locator(".etalase-offline-result__link").evaluate_all(
        "els => els.map(e => e.href)"
    )
    assert (visit.folder / READING / "index.html").as_uri() in links
    # A search in the link (the header's form on a wide screen sends ?q=).
    page.goto((visit.folder / "cari" / "index.html").as_uri() + "?q=membaca")
    page.wait_for_selector(".etalase-offline-result", timeout=10_000)
    assert page.input_value("#etalase-offline-q") == "membaca"
    # Typed in the search page itself, with capitals and an accent: the same entry.
    page.fill("#etalase-offline-q", "Pojok BÁCA")
    first = page.locator(".etalase-offline-result__link").first
    assert first.get_attribute("href").endswith(f"{READING}index.html")
    page.fill("#etalase-offline-q", "zzzz tidak ada")
    assert page.locator(".etalase-offline-result").count() == 0
    assert page.locator("#etalase-offline-count").inner_text() == "Tidak ada video yang cocok."
    assert visit.errors == []
    assert visit.outside == []


def found_by(page: Any, words: str) -> list[str]:
    """The links (from the edition's root) the search page lists for ``words``."""
    page.fill("#etalase-offline-q", words)
    page.wait_for_timeout(100)
    hrefs = page.locator(".etalase-offline-result__link").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    )
    return [h.removeprefix("../") for h in hrefs]


def test_search_finds_innovations_schools_and_words_without_their_apostrophe(
    visit: FileVisit,
) -> None:
    page = visit.open("cari/index.html")
    assert f"{READING}index.html" in found_by(page, "jumat")  # the text says "Jum'at"
    assert f"{READING}index.html" in found_by(page, "Jum’at")
    assert "inovasi/sapu-jagad/index.html" in found_by(page, "sapu jagad")  # an innovation
    assert "sekolah/sdn-2-sambongrejo/index.html" in found_by(page, "20391201")  # a school's NPSN
    assert visit.errors == []


def test_search_results_read_at_body_size(visit: FileVisit, tmp_path: Path) -> None:
    page = visit.open("cari/index.html")
    page.goto((visit.folder / "cari" / "index.html").as_uri() + "?q=membaca")
    page.wait_for_selector(".etalase-offline-result", timeout=10_000)
    sizes = page.evaluate(
        "['.etalase-offline-result__title', '.etalase-offline-result__text',"
        " '#etalase-offline-count', '#etalase-offline-q']"
        ".map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))"
    )
    # Material's text is 16 px (.8rem of its 20 px root); its smaller notes 14 px.
    assert sizes[0] >= 16 and sizes[1] >= 14 and sizes[2] >= 16 and sizes[3] >= 16, sizes
    page.screenshot(path=str(tmp_path / "cari.png"), full_page=True)  # for a person to look at


def test_a_clip_plays_from_the_card_with_no_request_outside_it(visit: FileVisit) -> None:
    page = visit.open(f"{READING}index.html")
    assert page.locator("[data-etalase-saver]").count() == 0  # one rendition: no switch
    page.evaluate("document.getElementById('etalase-video').play()")
    page.wait_for_function(
        "document.getElementById('etalase-video').currentTime > 0.5", timeout=15_000
    )
    page.locator(".etalase-facts a").first.click()  # the school, by its file link
    page.wait_for_load_state("load")
    assert page.url == (visit.folder / "sekolah/sdn-2-sambongrejo/index.html").as_uri()
    assert page.locator(".etalase-card").count() >= 3
    assert visit.errors == []
    assert visit.outside == []


CAPTIONED = "sekolah/sdn-2-sambongrejo/cerita-kearifan-samin/"  # teks.vtt, cue 0.5-4.5 s


def test_captions_show_from_the_card_where_chromium_refuses_a_track_src(
    visit: FileVisit, edition: Path
) -> None:
    page = visit.open(f"{CAPTIONED}index.html")
    assert page.locator("#etalase-video track").count() == 0  # it would be refused
    page.locator("#etalase-video").evaluate("v => { v.muted = true; v.play(); }")
    page.wait_for_function(
        "(() => { const t = document.getElementById('etalase-video').textTracks[0];"
        " return t && t.activeCues && t.activeCues.length > 0; })()",
        timeout=20_000,
    )
    track = page.evaluate(
        "(() => { const t = document.getElementById('etalase-video').textTracks[0];"
        " return [t.kind, t.language, t.mode, t.activeCues[0].text]; })()"
    )
    assert track == ["captions", "id", "showing", "Sugeng enjang. Selamat pagi, teman-teman."]
    label = page.evaluate("document.getElementById('etalase-video').textTracks[0].label")
    assert label == "Indonesia (sekolah)"
    # The transcript is in the page (no request): a line seeks, and is marked current.
    page.locator("#etalase-transcript summary").click()
    page.locator("#etalase-transcript button[data-start='10.000']").click()
    page.wait_for_function(
        "document.querySelector('#etalase-transcript [aria-current]')?.dataset.start === '10.000'"
    )
    assert page.evaluate("document.getElementById('etalase-video').currentTime") >= 10
    # The card's search finds a word only said in the clip (its captions), below the rest.
    page.goto((edition / "cari" / "index.html").as_uri() + "?q=tenteram")
    page.wait_for_selector(".etalase-offline-result", timeout=10_000)
    links = page.locator(".etalase-offline-result__link").evaluate_all(
        "els => els.map(e => e.href)"
    )
    assert links == [(edition / CAPTIONED / "index.html").as_uri()]
    assert "tenteram" in page.locator(".etalase-offline-result__text").inner_text()
    assert visit.errors == []
    assert visit.outside == []


@pytest.mark.parametrize("path", ["index.html", "kecamatan/index.html", "statistik/index.html"])
def test_pages_open_without_errors_or_requests_leaving_the_card(
    visit: FileVisit, path: str
) -> None:
    page = visit.open(path)
    page.wait_for_timeout(300)
    assert page.locator("h1, .etalase-card").count() >= 1
    assert visit.errors == []
    assert visit.outside == []


def visible_text(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    main = html[html.index("<article") : html.rindex("</article>")]
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


def test_an_update_pack_holds_what_was_published_since_its_day_and_reads_true_on_its_own(
    project: Path, edition: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project.parent / "kartu" / "pembaruan"
    config = str(project / "mkdocs.yml")
    args = ["offline", "--folder", "--zim", "--since", "2026-08-01", "-f", config, "-o", str(out)]
    assert main(args) == 0
    printed = capsys.readouterr().out
    assert printed.count("Anggaran edisi luring: 2 video") == 1  # one build for both editions
    entries = sorted(
        str(p.parent.relative_to(out)) for p in (out / "sekolah").glob("*/*/index.html")
    )
    assert entries == [
        "sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas",
        "sekolah/sdn-2-sambongrejo/robot-dari-sampah",
    ]
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Paket pembaruan: hanya video yang terbit sejak 1 Agustus 2026." in home
    index = (out / "cari" / "indeks.js").read_text(encoding="utf-8")
    rows = json.loads(index.removeprefix("window.ETALASE_INDEX = ").rstrip().rstrip(";"))
    assert sorted(r["u"] for r in rows if r["u"].count("/") == 3) == [
        f"{e}/index.html" for e in entries
    ]
    # Self-contained: every school with something published, every innovation, and the
    # statistics of the whole catalogue, each link leading to a page in the pack.
    schools = sorted(p.parent.name for p in (out / "sekolah").glob("*/index.html"))
    assert schools == sorted(p.parent.name for p in (edition / "sekolah").glob("*/index.html"))
    assert visible_text(out / "statistik" / "index.html") == visible_text(
        edition / "statistik" / "index.html"
    )
    jati = (out / "inovasi" / "sapu-jagad-jati" / "index.html").read_text(encoding="utf-8")
    assert "Video bukti belum ada yang terbit" not in jati  # its clip is in the full edition
    assert "1 video bukti lain terbit sebelum paket ini" in jati
    cepu = (out / "sekolah" / "smp-tunas-jati-cepu" / "index.html").read_text(encoding="utf-8")
    assert "2 video sekolah ini terbit sebelum paket ini" in cepu
    assert dead_links(out) == []
    # The pack's ZIM passes every check of openZIM's zimcheck (dead links among them).
    result = subprocess.run(
        ["zimcheck", "--all", str(out.with_name(out.name + ".zim"))],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_an_entry_published_by_hand_or_at_the_desk_without_a_day_is_in_the_next_pack(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from etalase.project import load_project
    from etalase.site.prepare import seen_published, update_pack

    config = str(project / "mkdocs.yml")
    out = project.parent / "kartu" / "november"
    since = ["--since", "2026-11-01", "-f", config, "-o", str(out)]
    # Nothing published since: refused, nothing written.
    assert main(["offline", "--folder", *since]) == 1
    assert "Paket pembaruan kosong: tidak ada video yang terbit sejak 2026-11-01" in (
        capsys.readouterr().out
    )
    assert not out.exists()
    # Published at the desk on 20 November: its date says August 2025, its log says when.
    log = project / "keputusan-kurator.jsonl"
    log.write_text(
        '{"action": "publish", "curator": "Bu Sri", "entry": "sdn-3-todanan/lomba-tujuh-belasan",'
        ' "time": "2026-11-20T03:00:00Z"}\n',
        encoding="utf-8",
    )
    try:
        assert main(["offline", "--folder", *since]) == 0
        assert (out / "sekolah/sdn-3-todanan/lomba-tujuh-belasan/index.html").is_file()
    finally:
        log.unlink()
    # Published by hand (no log): the day a build first saw it published counts.
    loaded = load_project(project / "mkdocs.yml")
    catalogue = loaded.load(root=loaded.root).catalogue
    ledger = loaded.cache.published_seen
    kept = ledger.read_text(encoding="utf-8")
    lomba = "sdn-3-todanan/lomba-tujuh-belasan"
    try:
        ledger.unlink()  # the first build that keeps the ledger: the entries' own days
        first = seen_published(loaded, catalogue, today=dt.date(2026, 11, 20))
        assert first[lomba] == dt.date(2025, 8, 16)
        assert lomba not in update_pack(loaded, catalogue, dt.date(2026, 11, 1), first)
        ledger.write_text("{}", encoding="utf-8")  # a build saw none of them published yet
        seen = seen_published(loaded, catalogue, today=dt.date(2026, 11, 20))
        assert seen[lomba] == dt.date(2026, 11, 20)
        assert lomba in update_pack(loaded, catalogue, dt.date(2026, 11, 1), seen)
        again = seen_published(loaded, catalogue, today=dt.date(2026, 12, 24))
        assert again[lomba] == dt.date(2026, 11, 20)  # the first day seen is kept
    finally:
        ledger.write_text(kept, encoding="utf-8")


def test_over_max_size_nothing_is_written_and_the_budget_says_why(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = project.parent / "kecil" / "etalase"
    config = str(project / "mkdocs.yml")
    assert main(["offline", "--folder", "--max-size", "1M", "-f", config, "-o", str(out)]) == 1
    printed = capsys.readouterr().out
    assert re.match(r"Anggaran edisi luring: \d+ video, [\d,]+ menit\. Video ", printed)
    assert "melebihi --max-size 1,0 MB; tidak ada yang ditulis" in printed
    assert not out.parent.exists() or not any(out.parent.iterdir())


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--since", "1 Agustus"], "tanggal --since tidak dikenali"),
        (["--max-size", "empat giga"], "ukuran --max-size tidak dikenali"),
    ],
)
def test_a_date_or_size_it_cannot_read_is_a_usage_error(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["offline", *args])
    assert exit_.value.code == 2
    assert said in capsys.readouterr().err


def test_the_usage_error_is_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["offline", "--lang", "en", "--max-size", "four gigs"])
    assert "--max-size not understood: 'four gigs'" in capsys.readouterr().err

"""``publish_unchecked_drafts`` (#30.3): a machine draft on the site, labelled, never searched.

The draft is recorded in the captions cache with the drafts store's own functions
(as ``etalase captions`` records one), not by the model: only publishing is tested.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest
from site_scenario import Site, new_site

import scenarios
from etalase.errors import ConfigError
from etalase.offline.zim import page_text
from etalase.policy import Policy, default_policy
from etalase.project import load_project
from etalase.site.edition import ONLINE
from etalase.site.offline_search import search_rows
from etalase.site.prepare import prepare_site
from etalase.site.strings import Strings
from etalase.site.views import EntryView

pytest_plugins = ["site_fixtures"]

ENTRY = "sdn-1-blora/robot-bekas"
PAGE = f"sekolah/{ENTRY}/"
#: Said only in the draft: nowhere in any page's text, title or tags.
DRAFT_WORD = "gemerincing"
SCHOOL_WORD = "kelontong"  # said only in the other entry's school captions
SCHOOL_VTT = f"WEBVTT\n\n00:00:00.500 --> 00:00:02.000\nToko {SCHOOL_WORD} kami\n"
NOTICE = "Takarir otomatis – belum diperiksa"


@pytest.fixture
def site(tmp_path: Path, clips: dict[str, Path]) -> Site:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "robot-bekas", title="Robot dari Barang Bekas", body="Robot kardus.")
    wayang = site.entry("sdn-1-blora", "wayang", title="Wayang Kardus", body="Pentas wayang.")
    (wayang / "video.id.vtt").write_text(SCHOOL_VTT, encoding="utf-8")
    return site


def record_draft(site: Site, entry: str, text: str) -> Path:
    """Record a draft of ``entry`` as ``etalase captions`` does; its WebVTT's path."""
    return scenarios.record_draft(site.root, entry, [(0.5, 2.5, text, 0.4)])


def publish_drafts(site: Site, on: bool = True) -> None:
    config = site.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("      publish_unchecked_drafts: true\n", "")
    if on:
        text = text.replace("      duration_min: 1\n", "      duration_min: 1\n"
                            "      publish_unchecked_drafts: true\n")  # fmt: skip
    config.write_text(text, encoding="utf-8")


def search_fragments(site: Site) -> str:
    """Every Pagefind fragment's text (gzip JSON: a page's indexed content)."""
    found = []
    for path in sorted((site.out / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        found.append(raw[raw.index(b"{") :].decode("utf-8"))
    return "\n".join(found)


def test_by_default_a_draft_stays_off_the_site(site: Site) -> None:
    record_draft(site, ENTRY, f"Robot {DRAFT_WORD} berjalan")
    assert site.build() == 0
    page = site.page(PAGE)
    assert DRAFT_WORD not in page and NOTICE not in page and "<track" not in page
    assert not (site.out / PAGE / "otomatis.id.vtt").exists()
    # The control: the school's captions of the other entry are on the site and searched.
    assert SCHOOL_WORD in site.page("sekolah/sdn-1-blora/wayang/")
    assert SCHOOL_WORD in search_fragments(site)


def test_the_option_publishes_the_draft_labelled_and_unsearched(site: Site) -> None:
    record_draft(site, ENTRY, f"Robot {DRAFT_WORD} berjalan")
    publish_drafts(site)
    assert site.build() == 0
    page = site.page(PAGE)
    assert (
        '<track kind="captions" src="otomatis.id.vtt" srclang="id" '
        'label="Indonesia (otomatis)" default>' in page
    )
    assert f'<p class="etalase-unchecked" role="note" data-pagefind-ignore>{NOTICE}</p>' in page
    assert f"</span> Robot {DRAFT_WORD} berjalan</button>" in page  # the transcript
    assert (site.out / PAGE / "otomatis.id.vtt").read_text("utf-8") == (
        f"WEBVTT\n\n00:00:00.500 --> 00:00:02.500\nRobot {DRAFT_WORD} berjalan\n"
    )
    fragments = search_fragments(site)
    assert DRAFT_WORD not in fragments
    assert SCHOOL_WORD in fragments and "Robot kardus" in fragments
    # The ZIM's full-text index reads the same marks (Kiwix's search).
    indexed = page_text((site.out / PAGE / "index.html").read_bytes()).content
    assert "Robot kardus" in indexed and DRAFT_WORD not in indexed
    school = page_text((site.out / "sekolah/sdn-1-blora/wayang/index.html").read_bytes())
    assert SCHOOL_WORD in school.content
    # The other entry's own captions are the school's, not a draft.
    other = site.page("sekolah/sdn-1-blora/wayang/")
    assert 'label="Indonesia (sekolah)"' in other and NOTICE not in other


def test_the_folder_editions_search_leaves_the_draft_out(site: Site) -> None:
    record_draft(site, ENTRY, f"Robot {DRAFT_WORD} berjalan")
    publish_drafts(site)
    assert site.build() == 0  # the media, in the cache
    prepared = prepare_site(load_project(site.root / "mkdocs.yml"), Strings("id"))
    spoken = {row["t"]: row["v"] for row in search_rows(prepared.plan, ONLINE)}
    assert spoken["Robot dari Barang Bekas"] == ""  # a draft only: nothing said is searched
    assert spoken["Wayang Kardus"] == f"Toko {SCHOOL_WORD} kami"
    view = next(p.view for p in prepared.plan.pages if p.src_uri == f"{PAGE}index.md")
    assert isinstance(view, EntryView) and view.player is not None and view.player.unchecked


def test_a_school_or_checked_file_wins_over_the_draft(site: Site) -> None:
    record_draft(site, ENTRY, f"Robot {DRAFT_WORD} berjalan")
    record_draft(site, "sdn-1-blora/wayang", f"Wayang {DRAFT_WORD}")
    checked = site.content / "sekolah" / ENTRY / "video.id.vtt"
    checked.write_text(
        "WEBVTT\n\nNOTE diperiksa oleh Bu Sri, 2026-12-01\n\n"
        "00:00:00.500 --> 00:00:02.500\nRobot kardus berjalan\n",
        encoding="utf-8",
    )
    publish_drafts(site)
    assert site.build() == 0
    for url, origin in ((PAGE, "diperiksa"), ("sekolah/sdn-1-blora/wayang/", "sekolah")):
        page = site.page(url)
        assert f'label="Indonesia ({origin})"' in page
        assert DRAFT_WORD not in page and NOTICE not in page and "otomatis" not in page
    assert DRAFT_WORD not in search_fragments(site)


def test_a_draft_of_an_older_clip_is_not_published(site: Site) -> None:
    record_draft(site, ENTRY, f"Robot {DRAFT_WORD} berjalan")
    video = site.content / "sekolah" / ENTRY / "video.mp4"
    os.utime(video, ns=(video.stat().st_atime_ns, video.stat().st_mtime_ns + 10**9))
    publish_drafts(site)
    assert site.build() == 0
    assert DRAFT_WORD not in site.page(PAGE)


def test_a_stale_page_never_survives_the_option_or_the_draft_changing(site: Site) -> None:
    record_draft(site, ENTRY, f"Robot {DRAFT_WORD} berjalan")
    assert site.build() == 0
    assert DRAFT_WORD not in site.page(PAGE)
    publish_drafts(site)
    assert site.build() == 0
    assert f"Robot {DRAFT_WORD} berjalan" in site.page(PAGE)
    other = site.out / "sekolah/sdn-1-blora/wayang/index.html"
    before = {path: os.stat(path).st_ino for path in (site.out / PAGE / "index.html", other)}
    record_draft(site, ENTRY, "Robot kardus menari")  # a new draft of the same clip
    assert site.build() == 0
    # Only the drafted entry's page is rendered again; the others come from the page cache.
    assert os.stat(site.out / PAGE / "index.html").st_ino != before[site.out / PAGE / "index.html"]
    assert os.stat(other).st_ino == before[other]
    page = site.page(PAGE)
    assert "Robot kardus menari" in page and DRAFT_WORD not in page
    assert "Robot kardus menari" in (site.out / PAGE / "otomatis.id.vtt").read_text("utf-8")
    publish_drafts(site, on=False)
    assert site.build() == 0
    page = site.page(PAGE)
    assert "menari" not in page and NOTICE not in page
    assert not (site.out / PAGE / "otomatis.id.vtt").exists()


def test_the_option_is_a_flag_off_by_default() -> None:
    assert default_policy().publish_unchecked_drafts is False
    assert Policy.from_options({"publish_unchecked_drafts": True}).publish_unchecked_drafts
    with pytest.raises(ConfigError) as caught:
        Policy.from_options({"publish_unchecked_drafts": "ya"})
    assert "publish_unchecked_drafts harus berupa true atau false" in caught.value.text("id")
    assert "must be true or false (found: 'ya')" in caught.value.text("en")

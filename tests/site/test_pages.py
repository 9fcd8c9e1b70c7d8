"""The site plan: URLs from the site map, newest first, paginated, only what may be public."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import replace
from pathlib import Path

import markdown
import nh3
from hypothesis import given, settings
from hypothesis import strategies as st

from etalase.content.model import Catalogue, Entry, School
from etalase.media.outputs import EntryMedia, Poster, Rendition
from etalase.policy import Policy
from etalase.site.pages import SitePlan, plain_summary, plan_site, section_nav
from etalase.site.strings import Strings
from etalase.site.views import HomeView, ListingView
from scenarios import planned

T = Strings("id")


def _school(slug: str = "sdn-1-blora", district: str = "Blora") -> School:
    return School(
        slug,
        Path(f"/c/sekolah/{slug}/index.md"),
        f"SD {slug}",
        "20312345",
        "SD",
        district,
        "Profil.",
    )


def _entry(slug: str, day: int, status: str = "published", school: str = "sdn-1-blora") -> Entry:
    return Entry(
        school,
        slug,
        Path(f"/c/sekolah/{school}/{slug}/index.md"),
        f"Judul {slug}",
        dt.date(2026, 1, 1) + dt.timedelta(days=day),
        "kreativitas-siswa",
        Path(f"/c/sekolah/{school}/{slug}/video.mp4"),
        True,
        status,  # type: ignore[arg-type]
        "Penjelasan **singkat**.\n\nParagraf kedua.",
        ("Daur Ulang",),
    )


def _media(entry: Entry) -> EntryMedia:
    cache = Path("/cache")
    return EntryMedia(
        entry.key,
        35.0,
        (Poster(320, 180, cache / "a.webp", cache / "a.jpg"),),
        (
            Rendition("web", cache / "w.mp4", 640, 360, 900_000),
            Rendition("hemat", cache / "h.mp4", 320, 180, 300_000),
        ),
    )


def _plan(
    entries: list[Entry], policy: Policy, *, preview: bool = False, page_size: int = 24
) -> SitePlan:
    catalogue = Catalogue((_school(), _school("smp-cepu", "Cepu")), tuple(entries))
    media = {e.key: _media(e) for e in entries}
    return plan_site(catalogue, policy, media, T, preview=preview, page_size=page_size)


def test_urls_follow_the_site_map(policy: Policy) -> None:
    plan = _plan([_entry("robot", 1)], policy)
    uris = {p.src_uri for p in plan.pages}
    assert {
        "index.md",
        "sekolah/index.md",
        "sekolah/sdn-1-blora/index.md",
        "sekolah/sdn-1-blora/robot/index.md",
        "kecamatan/blora/index.md",
        "jenjang/sd/index.md",
        "kategori/kreativitas-siswa/index.md",
        "tahun/2026/index.md",
        "tag/daur-ulang/index.md",
        "cari/index.md",
        "statistik/index.md",
    } <= uris
    media = {m.dest_uri for m in plan.media}
    assert media == {
        "sekolah/sdn-1-blora/robot/video-web.mp4",
        "sekolah/sdn-1-blora/robot/video-hemat.mp4",
        "sekolah/sdn-1-blora/robot/poster-320.webp",
        "sekolah/sdn-1-blora/robot/poster-320.jpg",
    }


def test_unpublished_entries_only_in_preview_and_as_drafts(policy: Policy) -> None:
    entries = [_entry("terbit", 1), _entry("draf", 2, "draft"), _entry("tinjau", 3, "review")]
    public = {p.src_uri for p in _plan(entries, policy).pages}
    assert "sekolah/sdn-1-blora/draf/index.md" not in public
    assert "sekolah/sdn-1-blora/tinjau/index.md" not in public
    preview = _plan(entries, policy, preview=True)
    drafts = {p.src_uri for p in preview.pages if p.draft}
    assert drafts == {"sekolah/sdn-1-blora/draf/index.md", "sekolah/sdn-1-blora/tinjau/index.md"}


def test_a_published_entry_without_media_is_left_out(policy: Policy) -> None:
    entries = [_entry("ada", 1), _entry("gagal", 2)]
    catalogue = Catalogue((_school(),), tuple(entries))
    plan = plan_site(catalogue, policy, {"sdn-1-blora/ada": _media(entries[0])}, T)
    assert plan.left_out == ("sdn-1-blora/gagal",)
    assert planned(plan, "sekolah/sdn-1-blora/gagal/index.md") is None


def test_lists_are_paginated_newest_first(policy: Policy) -> None:
    entries = [_entry(f"e{n:02d}", n) for n in range(30)]
    plan = _plan(entries, policy, page_size=12)
    pages = [planned(plan, f"kecamatan/blora/{s}index.md") for s in ("", "2/", "3/")]
    views = [p.view if p else None for p in pages]
    assert all(isinstance(v, ListingView) for v in views)
    assert [len(v.cards) for v in views] == [12, 12, 6]
    assert views[0].cards[0].key == "sdn-1-blora/e29"
    assert views[2].cards[-1].key == "sdn-1-blora/e00"
    assert views[1].pagination.newer == "kecamatan/blora/"
    assert views[1].pagination.older == "kecamatan/blora/3/"
    assert planned(plan, "kecamatan/blora/4/index.md") is None


def test_home_shows_featured_then_at_most_twelve_latest(policy: Policy) -> None:
    entries = [_entry(f"e{n:02d}", n) for n in range(20)]
    entries[3] = replace(entries[3], featured=True)
    page = planned(_plan(entries, policy), "index.md")
    home = page.view if page else None
    assert isinstance(home, HomeView)
    assert [c.key for c in home.featured] == ["sdn-1-blora/e03"]
    assert len(home.latest) == 12 and "sdn-1-blora/e03" not in [c.key for c in home.latest]
    assert home.published == 20


def test_navigation_is_the_sections_only() -> None:
    nav = section_nav(T, has_guide=False)
    assert [next(iter(item)) for item in nav] == [
        "Beranda",
        "Sekolah",
        "Kecamatan",
        "Jenjang",
        "Kategori",
        "Cari",
        "Statistik",
    ]


def test_plain_summary_is_the_first_paragraph_as_text() -> None:
    assert plain_summary("Penjelasan **singkat** <b>x</b>.\n\nKedua.") == "Penjelasan singkat x."
    assert plain_summary("kata " * 100).endswith("…")
    assert len(plain_summary("kata " * 100)) <= 201


def rendered_summary(text: str, limit: int = 200) -> str:
    """plain_summary as it was before plain prose skipped Markdown: always rendered."""
    first = next((p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()), "")
    plain = html.unescape(nh3.clean(markdown.markdown(first), tags=set()))
    plain = re.sub(r"\s+", " ", plain).strip()
    if len(plain) <= limit:
        return plain
    return plain[:limit].rsplit(" ", 1)[0].rstrip(",.;:") + "…"


PROSE = st.sampled_from(
    [
        "Siswa",
        "kelas",
        "5",
        "membuat",
        "robot.",
        "Guru",
        "(IPA)",
        "50%",
        "kata-kata",
        '"halo"',
        "Jl.",
        "1.",
        "2)",
        "www.blora.go.id",
        "https://sekolah.sch.id/a",
        "-",
        "café",
        "日本",
        "ß",
        "?",
        "!",
        ":",
        ";",
    ]
)
MARKUP = st.sampled_from(
    [
        "*",
        "_",
        "**",
        "__",
        "`",
        "~",
        "|",
        "\\",
        "&amp;",
        "&",
        "<",
        ">",
        "<b>",
        "#",
        "=",
        "+",
        "[",
        "]",
        "\xa0",
        "\t",
    ]
)
LINE_START = st.sampled_from(["# ", "> ", "- ", "* ", "+ ", "1. ", "    ", "---", "===", "___"])
SPACE = st.sampled_from([" ", " ", " ", "\n", "  \n", "\n\n"])
MARKED = st.one_of(
    st.builds(lambda mark, word: f" {mark}{word}{mark} ", MARKUP, PROSE),  # emphasis, code
    st.builds(lambda mark, word: f"{mark}{word}", MARKUP, PROSE),
    st.builds(lambda start, word: f"\n{start}{word}", LINE_START, PROSE),  # a block
)


def _insert(words: list[str], marked: str, at: int) -> str:
    return "".join([*words[:at], marked, *words[at:]])


# Prose with at most one piece of markup: a near miss for the plain-prose shortcut.
TEXT = st.builds(
    _insert,
    st.lists(st.one_of(PROSE, SPACE), max_size=30),
    st.one_of(st.just(""), MARKED),
    st.integers(0, 30),
)


@settings(max_examples=600, deadline=None)
@given(TEXT)
def test_a_summary_is_what_markdown_renders_whether_or_not_it_renders(text: str) -> None:
    # Plain prose skips the Markdown converter: the text must come out the same.
    assert plain_summary(text) == rendered_summary(text)


def test_a_plan_memo_never_serves_a_stale_plan(policy: Policy) -> None:
    """#29.7: what a memo keeps is given back only for equal inputs and equal settings."""
    from etalase.site.pages import PlanMemo

    memo = PlanMemo()
    made: list[str] = []

    def make(value: str) -> str:
        made.append(value)
        return value

    memo.begin(("policy", "id"))
    assert memo.get("card", "a", ("judul",), lambda: make("satu")) == "satu"
    assert memo.get("card", "a", ("judul",), lambda: make("dua")) == "satu"  # equal inputs
    assert memo.get("card", "a", ("judul baru",), lambda: make("tiga")) == "tiga"
    assert memo.get("page", "a", ("judul baru",), lambda: make("empat")) == "empat"  # own kind
    memo.begin(("policy", "id"))  # the same settings: what was made stays
    assert memo.get("card", "a", ("judul baru",), lambda: make("lima")) == "tiga"
    memo.begin(("policy", "en"))  # another language: nothing made before is given back
    assert memo.get("card", "a", ("judul baru",), lambda: make("enam")) == "enam"
    assert made == ["satu", "tiga", "empat", "enam"]

    # Through plan_site: an entry's new title reaches its page, its card and every list.
    entry = _entry("robot", 1)
    catalogue = Catalogue((_school(),), (entry,))
    memo = PlanMemo()
    plan_site(catalogue, policy, {entry.key: _media(entry)}, T, memo=memo)
    renamed = replace(entry, title="Robot Penari")
    catalogue = Catalogue((_school(),), (renamed,))
    plan = plan_site(catalogue, policy, {entry.key: _media(renamed)}, T, memo=memo)
    fresh = plan_site(catalogue, policy, {entry.key: _media(renamed)}, T)
    assert plan.pages == fresh.pages
    page = planned(plan, "sekolah/sdn-1-blora/robot/index.md")
    assert page is not None and page.title == "Robot Penari"
    english = plan_site(catalogue, policy, {entry.key: _media(renamed)}, Strings("en"), memo=memo)
    assert (
        english.pages
        == plan_site(catalogue, policy, {entry.key: _media(renamed)}, Strings("en")).pages
    )

"""A hostile entry builds into a page where none of its markup is live."""

from __future__ import annotations

import re

from site_scenario import HOSTILE_TITLE, Markup, Site

pytest_plugins = ["site_fixtures"]

HOSTILE = "sekolah/sdn-1-blora/jahat"
CLEAN = "sekolah/sdn-1-blora/robot-bekas"
URL_ATTRS = ("href", "src", "srcset", "poster", "action", "formaction", "content")


def test_the_hostile_entry_is_built_with_its_text(demo_site: Site) -> None:
    page = demo_site.page(HOSTILE)
    assert "Teks biasa" in page and "tetap terbaca" in page
    assert "<strong>tebal</strong>" in page
    assert "TUMPANGAN" in page  # the overlay's text stays, as plain text


def test_no_script_runs_that_a_clean_page_does_not_run(demo_site: Site) -> None:
    hostile, clean = Markup(demo_site.page(HOSTILE)), Markup(demo_site.page(CLEAN))
    assert sorted(hostile.scripts) == sorted(clean.scripts)
    assert "alert(" not in "".join(hostile.scripts)


def test_no_event_handlers_frames_or_overlays(demo_site: Site) -> None:
    page, clean = Markup(demo_site.page(HOSTILE)), Markup(demo_site.page(CLEAN))
    for tag in ("iframe", "frame", "object", "embed", "base", "form", "input", "style", "link"):
        assert len(page.named(tag)) == len(clean.named(tag)), tag
    for tag, attrs in page.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "position" not in attrs.get("style", ""), (tag, attrs)
    dialogs = [a for a in page.named("div") if "md-dialog" in a.get("class", "")]
    assert len(dialogs) == len([a for a in clean.named("div") if "md-dialog" in a.get("class", "")])


def test_only_http_mailto_and_local_urls_survive(demo_site: Site) -> None:
    page = Markup(demo_site.page(HOSTILE))
    for tag, attrs in page.tags:
        for name in URL_ATTRS:
            value = attrs.get(name, "").strip().lower()
            if name == "content" and tag == "meta":
                continue
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
    images = [a.get("src", "") for a in page.named("img")]
    assert not [s for s in images if "jahat.example" in s]
    links = [a.get("href", "") for a in page.named("a")]
    assert "https://sekolah.example.id/" in links


def test_titles_and_tags_are_escaped_everywhere(demo_site: Site) -> None:
    for url in (HOSTILE, "", "sekolah/sdn-1-blora", "kecamatan/blora", "tag/daur-ulang"):
        page = demo_site.page(url)
        assert "<script>alert" not in page, url
        assert "<img src=x" not in page, url
        assert "<b onmouseover" not in page, url
    page = demo_site.page(HOSTILE)
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title and "&lt;script&gt;" in title.group(1)
    assert "&lt;b onmouseover=alert(5)&gt;tag&lt;/b&gt;" in page
    headings = [a for t, a in Markup(page).tags if t == "h1"]
    assert headings
    assert HOSTILE_TITLE not in page


def test_the_feed_carries_the_hostile_title_as_text(demo_site: Site) -> None:
    feed = (demo_site.out / "feed.xml").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert('judul')&lt;/script&gt;" in feed
    assert "<script>" not in feed

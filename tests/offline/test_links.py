"""Links in a school's text: to what is published, in the edition's form, or plain words."""

from __future__ import annotations

from etalase.site.edition import Edition
from etalase.site.links import SiteLinks

PAGE = "sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas/index.md"
PAGES = frozenset(
    {
        "sekolah/",
        "sekolah/sdn-2-sambongrejo/",
        "sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas/",
        "sekolah/sdn-2-sambongrejo/robot-dari-sampah/",
        "inovasi/sapu-jagad/",
    }
)
FILES = frozenset({"sekolah/sdn-2-sambongrejo/pojok-baca-teras-kelas/foto.jpg"})
REL = ' rel="noopener noreferrer nofollow ugc"'


def link(href: str, words: str = "ini") -> str:
    return f'<p>Lihat <a href="{href}"{REL}>{words}</a>.</p>'


def fixed(kind: str, href: str) -> tuple[str, list[str]]:
    links = SiteLinks(PAGES, FILES, Edition(kind))  # type: ignore[arg-type]
    html, dropped = links.fix(link(href, "<em>ini</em>"), PAGE)
    return html, [p.code for p in dropped]


def test_a_link_to_an_unpublished_file_or_entry_keeps_its_words_without_the_link() -> None:
    for href in (
        "rencana.pdf",  # refused: never published
        "../../smpn-4-randublatung/kelas-aksara-jawa/",  # an entry in review
        "../kelas-tari/index.md",  # a draft, as MkDocs left the link
        "../../../inovasi/belum-terbit/",
    ):
        for kind in ("online", "folder", "zim"):
            html, dropped = fixed(kind, href)
            assert html == "<p>Lihat <em>ini</em>.</p>", (kind, href)
            assert dropped == ["LINK_NOT_PUBLISHED"]


def test_a_link_to_a_published_page_becomes_a_file_link_offline_only() -> None:
    assert fixed("online", "../robot-dari-sampah/")[0] == link(
        "../robot-dari-sampah/", "<em>ini</em>"
    )
    for kind in ("folder", "zim"):
        html, dropped = fixed(kind, "../robot-dari-sampah/#video")
        assert html == link("../robot-dari-sampah/index.html#video", "<em>ini</em>")
        assert dropped == []
        assert fixed(kind, "../../../inovasi/sapu-jagad/")[0] == link(
            "../../../inovasi/sapu-jagad/index.html", "<em>ini</em>"
        )
        assert fixed(kind, "../")[0] == link("../index.html", "<em>ini</em>")


def test_other_links_are_left_as_they_are() -> None:
    for href in (
        "foto.jpg",
        "https://sdn2.sch.id/",
        "mailto:tu@sdn2.sch.id",
        "#bagian",
        "../../../panduan/",
    ):
        for kind in ("online", "folder"):
            html, dropped = fixed(kind, href)
            expected = href + (
                "index.html" if kind == "folder" and href.endswith("panduan/") else ""
            )
            assert html == link(expected, "<em>ini</em>") and dropped == [], (kind, href)

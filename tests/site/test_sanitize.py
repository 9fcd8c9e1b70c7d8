"""The sanitizer keeps a school's formatting and drops everything that could act."""

from __future__ import annotations

import pytest

from etalase.site.sanitize import clean_html, is_local_url, safe_link


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<p>a<script>alert(1)</script></p>", "alert"),
        ('<img src="x.png" onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript"),
        ('<a href=" JaVaScRiPt:alert(1)">x</a>', "alert"),
        ('<a href="data:text/html,hi">x</a>', "data:"),
        ('<img src="data:image/png;base64,AAAA">', "data:"),
        ('<iframe src="https://jahat.example/"></iframe>', "iframe"),
        ('<div style="position:fixed;inset:0">x</div>', "position"),
        ('<div class="md-dialog">x</div>', "md-dialog"),
        ('<form action="https://jahat.example/"><input name="p"></form>', "form"),
        ("<style>body{display:none}</style>", "display"),
        ('<svg onload="alert(1)"></svg>', "onload"),
        ('<img src="https://pelacak.example/1.gif">', "pelacak"),
        ('<img src="//pelacak.example/1.gif">', "pelacak"),
        ("<!-- komentar -->", "komentar"),
    ],
)
def test_live_markup_is_removed(dirty: str, gone: str) -> None:
    assert gone.lower() not in clean_html(dirty).lower()


def test_formatting_links_and_local_images_survive() -> None:
    html = (
        '<h2 id="cara">Cara</h2><p><strong>tebal</strong> <em>miring</em> '
        '<a href="https://sekolah.example.id/">situs</a> '
        '<a href="mailto:tu@sekolah.id">surel</a>'
        '</p><ul><li>satu</li></ul><p><img src="foto.jpg" alt="Murid"></p>'
    )
    clean = clean_html(html)
    for kept in (
        '<h2 id="cara">',
        "<strong>tebal</strong>",
        "<em>miring</em>",
        'href="https://sekolah.example.id/"',
        'href="mailto:tu@sekolah.id"',
        "<li>satu</li>",
        'src="foto.jpg"',
        'alt="Murid"',
    ):
        assert kept in clean
    assert 'rel="noopener noreferrer nofollow ugc"' in clean
    assert 'loading="lazy"' in clean


def test_links_for_profiles_and_images() -> None:
    assert safe_link("https://sdn1.example.sch.id") == "https://sdn1.example.sch.id"
    assert safe_link("javascript:alert(1)") is None
    assert safe_link("sdn1.example.sch.id") is None
    assert is_local_url("foto.jpg") and is_local_url("../foto.jpg")
    assert not is_local_url("https://x.example/a.jpg") and not is_local_url("//x.example/a.jpg")

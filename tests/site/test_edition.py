"""The Edition decides links and media places: one rule per edition."""

from __future__ import annotations

from pathlib import Path

import pytest

from etalase.media.outputs import Poster, Rendition
from etalase.site.edition import ONLINE, Edition

CLIP = Path("/cache/ab/abcdef-hemat.mp4")


def _rendition(name: str, size: int) -> Rendition:
    return Rendition(name, Path(f"/cache/{name}.mp4"), 640, 360, size)


def test_online_links_are_directory_urls_and_offline_ones_open_index_html() -> None:
    folder = Edition("folder")
    assert ONLINE.page("kecamatan/blora/") == "kecamatan/blora/"
    assert folder.page("kecamatan/blora/") == "kecamatan/blora/index.html"
    assert folder.page("") == "index.html"
    assert folder.page("sekolah/a/poster-320.webp") == "sekolah/a/poster-320.webp"
    assert folder.page("https://sekolah.example/") == "https://sekolah.example/"
    assert Edition("zim").page("tag/x/") == "tag/x/index.html"


def test_media_go_beside_their_page_or_to_the_media_host_under_their_cache_name() -> None:
    host = Edition(media_url="https://media.example/")
    assert ONLINE.media(CLIP, "sekolah/a/b/video-hemat.mp4") == "sekolah/a/b/video-hemat.mp4"
    assert host.media(CLIP, "x") == "https://media.example/m/ab/abcdef-hemat.mp4"
    assert host.media_dest(CLIP, "x") == "m/ab/abcdef-hemat.mp4"
    with pytest.raises(ValueError):
        Edition("folder", media_url="https://media.example/")


def test_an_offline_edition_carries_one_small_rendition_the_webm_where_there_is_one() -> None:
    webm = _rendition("offline", 900_000)
    both = (_rendition("web", 4_000_000), _rendition("hemat", 1_000_000))
    assert ONLINE.renditions(both) == both
    assert Edition("folder").renditions((webm, *both)) == (webm,)
    assert Edition("zim").renditions((webm, *both)) == (webm,)
    assert Edition("folder").renditions(both) == (both[1],)  # no WebM made: hemat
    assert Edition("folder").renditions(both[:1]) == both[:1]


def test_each_edition_has_its_own_page_cache_key() -> None:
    keys = {ONLINE.key, Edition("folder").key, Edition("zim").key}
    assert len(keys) == 3


def test_an_offline_edition_carries_posters_only_as_wide_as_its_small_clip_needs() -> None:
    posters = tuple(
        Poster(w, w * 9 // 16, Path(f"/c/{w}.webp"), Path(f"/c/{w}.jpg")) for w in (320, 640, 1280)
    )
    assert ONLINE.posters(posters) == posters
    assert [p.width for p in Edition("folder").posters(posters)] == [320, 640]
    assert [p.width for p in Edition("zim").posters(posters[2:])] == [1280]

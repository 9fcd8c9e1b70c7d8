"""Shared fragments: rendered once per place, and never reused where a link would differ."""

from __future__ import annotations

from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment
from mkdocs.utils import get_relative_url

from etalase.plugin.fragments import FragmentCache, place_function

MENU = [
    "",
    "sekolah/",
    "kecamatan/",
    "jenjang/",
    "kategori/",
    "cari/",
    "statistik/",
    "panduan/",
    "panduan/menulis/",
]
# What the shared fragments link to: the menu, and the theme's and Etalase's files.
TARGETS = [
    *MENU,
    "assets/stylesheets/main.css",
    "assets/javascripts/workers/search.js",
    "assets/etalase/etalase.js",
    "feed.xml",
    "cari/",
]

segment = st.sampled_from(
    ["sekolah", "kecamatan", "panduan", "menulis", "blora", "sd-1", "2", "tag", "assets", "cari"]
)
page_url = st.lists(segment, min_size=1, max_size=4).map(lambda parts: "/".join(parts) + "/")


@settings(max_examples=400)
@given(page_url, page_url)
@example("panduan/menulis/foto/", "panduan/blora/foto/")
@example("sekolah/sd-1/blora/", "kecamatan/sd-1/blora/")
def test_pages_with_the_same_place_write_every_link_the_same(first: str, second: str) -> None:
    place = place_function(MENU)
    a, b = place(SimpleNamespace(url=first)), place(SimpleNamespace(url=second))
    if a is None or a != b:
        return
    for target in TARGETS:
        assert get_relative_url(target, first) == get_relative_url(target, second), target


def test_entries_of_different_schools_share_one_place() -> None:
    place = place_function(MENU)
    entries = {place(SimpleNamespace(url=f"sekolah/sd-{n}/entri-{n}/")) for n in range(50)}
    lists = {place(SimpleNamespace(url=f"kecamatan/{d}/2/")) for d in ("blora", "cepu")}
    assert len(entries) == 1 and len(lists) == 1
    assert entries != lists


def test_menu_pages_render_their_own_menu() -> None:
    """A menu page marks its own item and shows its table of contents there."""
    place = place_function(MENU)
    assert place(SimpleNamespace(url="kecamatan/")) is None
    assert place(SimpleNamespace(url="")) is None
    assert place(None) is None


def test_a_fragment_is_rendered_once_per_key() -> None:
    env = Environment(
        loader=DictLoader(
            {
                "page.html": "{% fragment 'menu', key %}<nav>{{ count() }}</nav>{% endfragment %}",
            }
        ),
        autoescape=True,
    )
    env.add_extension(FragmentCache)
    calls: list[int] = []

    def count() -> int:
        calls.append(1)
        return len(calls)

    page = env.get_template("page.html")
    shown = [page.render(key=k, count=count) for k in ("a", "a", "b", None, None)]
    assert shown == ["<nav>1</nav>", "<nav>1</nav>", "<nav>2</nav>", "<nav>3</nav>", "<nav>4</nav>"]

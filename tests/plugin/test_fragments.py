"""Shared fragments: rendered once per place, and never reused where a link would differ."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from hypothesis import example, given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader, Environment
from mkdocs.utils import get_relative_url
from site_scenario import new_site

from etalase.plugin.fragments import FragmentCache, place_function, reads_the_page

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


def test_a_sites_own_partial_that_reads_the_page_shows_each_pages_own_words(
    tmp_path: Path, clips: dict[str, Path]
) -> None:
    """The footer is shared by place; an office's ``copyright.html`` naming the page's title
    would print the first page's title on every entry: then each page renders its own."""
    site = new_site(tmp_path / "proyek", clips, warm=True)
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  font: false\n", "  font: false\n  custom_dir: overrides\n"
        ),
        encoding="utf-8",
    )
    partial = site.root / "overrides" / "partials" / "copyright.html"
    partial.parent.mkdir(parents=True)
    partial.write_text("<p class=hak>Hak cipta {{ page.title }}</p>", "utf-8")
    site.school("sdn-1-blora", npsn="20312345")
    for n in range(3):
        site.entry("sdn-1-blora", f"karya-{n}", title=f"Karya {n}")
    assert site.build() == 0
    for n in range(3):
        page = (site.out / "sekolah" / "sdn-1-blora" / f"karya-{n}" / "index.html").read_text()
        assert f"<p class=hak>Hak cipta Karya {n}</p>" in page, n


def test_only_a_partial_that_names_the_page_stops_the_sharing(tmp_path: Path) -> None:
    env = Environment(autoescape=True)
    partials = tmp_path / "partials"
    partials.mkdir()
    (partials / "copyright.html").write_text("{{ config.site_name }} {{ 'x' | url }}", "utf-8")
    assert not reads_the_page(env, [str(tmp_path)])
    (partials / "social.html").write_text("{% if page.meta %}{% endif %}", "utf-8")
    assert reads_the_page(env, [str(tmp_path)])
    (partials / "social.html").write_text("{% if %}", "utf-8")  # unreadable: not shared
    assert reads_the_page(env, [str(tmp_path)])

"""Template fragments rendered once per build instead of once per page.

Most of a Material page is the same on thousands of pages: the menu, the
header, the theme's settings script, the footer, and a catalogue card that
sits on several lists. Their only page-dependent part is the relative URLs,
which depend on where the page sits, not on which page it is.
``{% fragment key, ... %}…{% endfragment %}`` renders its body once per key
and build and reuses the HTML; :func:`place` gives the key for "where the page
sits". A ``None`` anywhere in the key renders the body as usual: for pages in
the menu (their own item is marked active and shows its table of contents)
and pages without a place.

The memo lives on the Jinja environment MkDocs makes for each build, so a
change between two live-preview builds can never show stale HTML. A site's own
partial (its ``custom_dir``) that reads ``page`` would show one page's words on
another: then nothing is shared by place (:func:`reads_the_page`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import TemplateSyntaxError, nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup

MEMO = "etalase_fragments"


class FragmentCache(Extension):
    """The ``{% fragment %}`` tag."""

    tags = {"fragment"}  # noqa: RUF012 (Jinja reads it from the class)

    def __init__(self, environment: Any) -> None:
        super().__init__(environment)
        environment.extend(**{MEMO: {}})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        call = self.call_method("_render", [nodes.Tuple(parts, "load")])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render(self, key: tuple[Any, ...], caller: Callable[[], str]) -> str:
        if any(part is None for part in key):
            return caller()
        memo: dict[tuple[Any, ...], str] = getattr(self.environment, MEMO)
        found = memo.get(key)
        if found is None:
            found = memo[key] = Markup(caller())
        return found


def place_function(menu_urls: Iterable[str]) -> Callable[[Any], tuple[object, ...] | None]:
    """``place(page)``: a key that is equal for two pages only when every
    relative link to a menu page or a theme asset is written the same on both.

    A relative link from a page in folder D to a target in folder T depends
    on the depth of D and on how many leading folders D shares with T. So
    the key holds D's depth and, when D starts with the same folder as some
    target, as many of D's leading folders as the deepest such target has.
    Pages under ``assets/`` (the theme's own, at any depth) get no shared key.
    """
    menu = set(menu_urls)
    depth: dict[str, int] = {}
    for url in menu:
        folders = url.split("/")[:-1]
        if folders:
            depth[folders[0]] = max(depth.get(folders[0], 0), len(folders))

    def place(page: Any) -> tuple[object, ...] | None:
        url = getattr(page, "url", None)
        if url is None or url in menu:
            return None
        parts = url.split("/")
        if parts[0] == "assets":
            return None
        return (len(parts), *parts[: depth.get(parts[0], 0)])

    return place


def reads_the_page(env: Any, folders: Iterable[str]) -> bool:
    """Whether a partial in ``folders`` (a site's ``custom_dir``: its ``partials/``, which
    the shared header, menu and footer include) names ``page``, so its HTML may differ
    between two pages of one place. One that cannot be read counts as naming it."""
    for folder in folders:
        for path in sorted(Path(folder, "partials").glob("**/*.html")):
            try:
                tree = env.parse(path.read_text("utf-8"))
            except (OSError, UnicodeError, TemplateSyntaxError):
                return True
            if any(name.name == "page" for name in tree.find_all(nodes.Name)):
                return True
    return False

"""Catalogue pages whose Markdown is converted only when the page is rendered.

MkDocs reads and converts every page's Markdown in one process before any page
is rendered, building a new Markdown converter for each, even an empty one.
A catalogue page's inputs are all in its plan, so its Markdown can wait: a
:class:`DeferredPage` skips the conversion at read time, and
:meth:`DeferredPage.convert` does it when (and where) the page is rendered:
in a forked renderer, or never when the rendered page comes from the cache.
"""

from __future__ import annotations

from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc


class DeferredPage(Page):
    """A page that converts its Markdown in :meth:`convert`, not while MkDocs reads pages."""

    deferred: str | None = None

    def defer(self, markdown: str) -> str:
        """Keep ``markdown`` for later; MkDocs' own conversion then gets nothing to do."""
        self.deferred = markdown
        return ""

    def render(self, config: Any, files: Any) -> None:
        if self.deferred is None:
            super().render(config, files)
            return
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()

    def convert(self, config: Any, files: Any) -> None:
        """Convert the kept Markdown as MkDocs would have (links, anchors, table of contents)."""
        if self.deferred is None:
            return
        self.markdown, self.deferred = self.deferred, None
        if self.markdown.strip():  # an empty page needs no converter
            super().render(config, files)

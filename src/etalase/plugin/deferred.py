"""Catalogue pages whose Markdown is converted only when the page is rendered.

MkDocs reads and converts every page's Markdown in one process before any page
is rendered, building a new Markdown converter for each, even an empty one.
A catalogue page's inputs are all in its plan, so its Markdown can wait: a
:class:`DeferredPage` skips the conversion at read time, and
:meth:`DeferredPage.convert` does it when (and where) the page is rendered:
in a forked renderer, or never when the rendered page comes from the cache.

Most schools write plain text: no link, no image, no HTML. Such text is
converted by one converter per process (:func:`_converter`, reset between
pages) with the site's Markdown extensions; MkDocs' own per-page converter
differs from it only in how it checks and rewrites links and images, so text
with any ``[`` or ``<`` still goes through MkDocs' converter.
"""

from __future__ import annotations

import json
from typing import Any

import markdown
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
        self.present_anchor_ids = None  # not known here: MkDocs skips its anchor check

    def convert(self, config: Any, files: Any) -> None:
        """Convert the kept Markdown as MkDocs would have (links, anchors, table of contents)."""
        if self.deferred is None:
            return
        self.markdown, self.deferred = self.deferred, None
        if not self.markdown.strip():  # an empty page needs no converter
            return
        if "[" in self.markdown or "<" in self.markdown:
            super().render(config, files)
            self.present_anchor_ids = None  # as for every page rendered by a worker
            return
        md = _converter(config)
        self.content = md.reset().convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))


_CONVERTERS: dict[str, markdown.Markdown] = {}


def _converter(config: Any) -> markdown.Markdown:
    """One Markdown converter per process and set of extensions."""
    extensions, settings = config["markdown_extensions"], config["mdx_configs"] or {}
    key = json.dumps([extensions, settings], sort_keys=True, default=repr)
    md = _CONVERTERS.get(key)
    if md is None:
        md = _CONVERTERS[key] = markdown.Markdown(extensions=extensions,
                                                  extension_configs=settings)  # fmt: skip
    return md

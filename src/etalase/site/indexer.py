"""The search index's key and the live preview's background indexer, without MkDocs.

A built site's search index depends only on the pages it indexes: the school,
entry and innovation pages. :func:`search_key` names it from those pages' keys
(:func:`~etalase.site.pagecache.page_key`), so an unchanged catalogue reuses
the kept index. A live preview shows a changed page at once and lets
:class:`Indexer` run Pagefind in a thread behind it, cancelled when the next
rebuild starts.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from ..content.layout import INNOVATIONS_DIR, SCHOOLS_DIR
from .search import PAGEFIND_DIR, SearchIndexError, build_search_index, index_key

#: Source paths whose pages Pagefind indexes (see ``search.PAGEFIND_GLOB``).
INDEXED = (f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/")


def search_key(pages: Iterable[str], page_keys: Mapping[str, str]) -> str | None:
    """The search index's key: every indexed page's key, or None when one has none.

    Args:
        pages: The source paths of every page of the site.
        page_keys: Source path to page key, for each page that has one.
    """
    digest = hashlib.sha256()
    for src_uri in sorted(pages):
        if not src_uri.startswith(INDEXED):
            continue
        key = page_keys.get(src_uri)
        if key is None:
            return None
        digest.update(f"{src_uri}\0{key}\n".encode())
    # Only pages Etalase planned are indexed: a school's own HTML never reaches
    # the site (PreparedSite.is_public), so it cannot change the index either.
    return index_key(digest.hexdigest())


class Indexer:
    """Pagefind in the background of a live preview: one run at a time."""

    def __init__(self) -> None:
        self.thread: threading.Thread | None = None
        self.cancel = threading.Event()
        self.done: tuple[Path, str] | None = None  # the folder and key indexed last

    def start(
        self,
        site_dir: Path,
        *,
        cache: Path,
        key: str | None,
        on_error: Callable[[SearchIndexError], None],
    ) -> None:
        """Index ``site_dir`` in a thread (a run still going is cancelled first).

        Args:
            site_dir: The site just written.
            cache: The kept search indexes (``CacheLayout.search``).
            key: :func:`search_key` of the site's pages.
            on_error: Told when Pagefind fails; the preview goes on without search.
        """
        self.stop()
        if key is not None and self.done == (site_dir, key) and (site_dir / PAGEFIND_DIR).is_dir():
            return  # a kept folder whose indexed pages did not change: its index stands
        self.done = None
        cancel = self.cancel = threading.Event()

        def run() -> None:
            try:
                build_search_index(site_dir, cache=cache, key=key, cancel=cancel)
            except SearchIndexError as exc:
                on_error(exc)
                return
            if key is not None and not cancel.is_set():
                self.done = (site_dir, key)

        self.thread = threading.Thread(target=run, name="etalase-pagefind", daemon=True)
        self.thread.start()

    def stop(self, *, wait: bool = False) -> None:
        """End the run going on, if any: cancel it, or ``wait`` for it to finish."""
        if self.thread is not None:
            if not wait:
                self.cancel.set()  # its site is about to be rebuilt
            self.thread.join()
            self.thread = None

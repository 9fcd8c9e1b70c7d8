"""The search index: Pagefind run over the built site, through the bounded runner.

Pagefind reads the finished HTML, indexes what is marked ``data-pagefind-body``
(entry and school pages) with its ``data-pagefind-filter`` facets, stems
Indonesian (from ``<html lang="id">``) and writes a chunked index into
``site/pagefind/``, so a visitor downloads only the pieces a query needs.

Pagefind cannot update an index, only write a new one, and it takes seconds
for a large catalogue. When the caller can name the indexed pages' inputs
(a ``key``), the index is kept in the cache and linked into the next site
whose pages have the same key, instead of being written again.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
import shutil
import sys
import tempfile
import threading
from importlib.metadata import version
from pathlib import Path

from ..content.layout import INNOVATIONS_DIR, SCHOOLS_DIR
from ..errors import WordedError
from ..process import ToolMissing, run

PAGEFIND_DIR = "pagefind"
# Only entry, school and innovation pages carry ``data-pagefind-body``; Pagefind
# need not read the thousands of list pages to find that out.
PAGEFIND_GLOB = "{sekolah,inovasi}/**/*.html"
PAGEFIND_TIMEOUT = 600.0
#: The folders :data:`PAGEFIND_GLOB` reads.
PAGEFIND_FOLDERS = (f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/")


def read_by_pagefind(dest_uri: str) -> bool:
    """Whether Pagefind reads the page written at ``dest_uri`` (:data:`PAGEFIND_GLOB`)."""
    return dest_uri.startswith(PAGEFIND_FOLDERS) and dest_uri.endswith(".html")


class SearchIndexError(WordedError):
    """Pagefind failed; the message says why (exit 1 for the build)."""


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line for ``site_dir``: its binary, run directly."""
    return [*pagefind_program(), *_pagefind_arguments(site_dir)]


@functools.cache
def pagefind_program() -> tuple[str, ...]:
    """How Pagefind is started: the binary its Python package runs, found as that package
    finds it (``PAGEFIND_BINARY_PATH``, the extended or plain binary package), so no
    second Python starts only to hand over to it (about 0.1 s a build); else
    ``python -m pagefind``, which says what is missing."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return (named,)
    for package in ("pagefind_bin_extended", "pagefind_bin"):
        try:
            found = importlib.import_module(package).get_executable()
        except (ImportError, OSError):
            continue
        return (str(Path(found).absolute()),)
    return (sys.executable, "-m", "pagefind")


def _pagefind_arguments(site_dir: Path) -> list[str]:
    return [
        "--site",
        str(site_dir),
        "--output-subdir",
        PAGEFIND_DIR,
        "--glob",
        PAGEFIND_GLOB,
        "--silent",
    ]


def index_key(pages_key: str) -> str:
    """The key of an index: its pages' key, Pagefind's version and its arguments."""
    parts = [pages_key, version("pagefind"), "pagefind", *_pagefind_arguments(Path("site"))]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def build_search_index(
    site_dir: Path,
    *,
    timeout: float = PAGEFIND_TIMEOUT,
    cache: Path | None = None,
    key: str | None = None,
    cancel: threading.Event | None = None,
) -> bool:
    """Index the built site in ``site_dir`` with Pagefind, or reuse the index cached for ``key``.

    Args:
        site_dir: The built site.
        timeout: Seconds Pagefind may take.
        cache: A folder to keep the newest index in (one index: older ones go).
        key: :func:`index_key` of the indexed pages' inputs; ``None`` always indexes.
        cancel: Set from another thread to stop Pagefind (nothing is kept then).

    Returns:
        True when the index came from the cache.

    Raises:
        SearchIndexError: Pagefind is missing, failed or ran out of time.
    """
    output = site_dir / PAGEFIND_DIR
    _clear(output)
    kept = cache / key if cache is not None and key is not None else None
    if kept is not None and kept.is_dir():
        _link_tree(kept, output)
        return True
    if not _run_pagefind(site_dir, timeout, cancel):
        return False
    if kept is not None and cache is not None:
        _keep(output, cache, kept)
    return False


def _clear(output: Path) -> None:
    """Remove an index left in a kept site folder (a live preview's): the new one replaces it."""
    if not output.exists():
        return
    aside = output.with_name(f".{output.name}-{os.getpid()}-old")
    shutil.rmtree(aside, ignore_errors=True)
    os.replace(output, aside)
    shutil.rmtree(aside, ignore_errors=True)


def _run_pagefind(site_dir: Path, timeout: float, cancel: threading.Event | None) -> bool:
    """Run Pagefind; False when it was cancelled."""
    try:
        result = run(pagefind_command(site_dir), timeout=timeout, cancel=cancel)
    except ToolMissing as exc:
        raise SearchIndexError("search.cannot_run", reason=exc) from exc
    if result.cancelled:
        return False
    if result.timed_out:
        raise SearchIndexError("search.timeout", seconds=int(timeout))
    if not result.ok:
        raise SearchIndexError("search.failed", reason=result.last_error_line)
    if not (site_dir / PAGEFIND_DIR / "pagefind.js").is_file():
        raise SearchIndexError("search.no_index")
    return True


def _keep(output: Path, cache: Path, kept: Path) -> None:
    """Put a link to every file of ``output`` under ``kept``; drop older indexes."""
    cache.mkdir(parents=True, exist_ok=True)
    for old in cache.iterdir():
        if old != kept:
            shutil.rmtree(old, ignore_errors=True)
    temp = Path(tempfile.mkdtemp(prefix=".new-", dir=cache))
    try:
        _link_tree(output, temp / "index")
        os.replace(temp / "index", kept)
    except OSError:
        pass  # another build kept the same index first, or the disk is full: index next time
    finally:
        shutil.rmtree(temp, ignore_errors=True)


def _link_tree(source: Path, dest: Path) -> None:
    """``dest`` as a tree of hard links (copies across file systems) to ``source``'s files."""

    def link(src: str, dst: str) -> None:
        try:
            os.link(src, dst)
        except OSError:
            shutil.copy2(src, dst)

    shutil.copytree(source, dest, copy_function=link)

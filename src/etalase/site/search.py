"""The search index: Pagefind run over the built site, through the bounded runner.

Pagefind reads the finished HTML, indexes what is marked ``data-pagefind-body``
(entry and school pages) with its ``data-pagefind-filter`` facets, stems
Indonesian (from ``<html lang="id">``) and writes a chunked index into
``site/pagefind/``, so a visitor downloads only the pieces a query needs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..media.runner import ToolMissing, run

PAGEFIND_DIR = "pagefind"
# Only entry and school pages carry ``data-pagefind-body``; Pagefind need not
# read the thousands of list pages to find that out.
PAGEFIND_GLOB = "sekolah/**/*.html"
PAGEFIND_TIMEOUT = 600.0


class SearchIndexError(Exception):
    """Pagefind failed; the message says why (exit 1 for the build)."""


def pagefind_command(site_dir: Path) -> list[str]:
    """The Pagefind command line for ``site_dir``."""
    return [sys.executable, "-m", "pagefind", "--site", str(site_dir),
            "--output-subdir", PAGEFIND_DIR, "--glob", PAGEFIND_GLOB, "--silent"]  # fmt: skip


def build_search_index(site_dir: Path, *, timeout: float = PAGEFIND_TIMEOUT) -> None:
    """Index the built site in ``site_dir`` with Pagefind.

    Raises:
        SearchIndexError: Pagefind is missing, failed or ran out of time.
    """
    try:
        result = run(pagefind_command(site_dir), timeout=timeout)
    except ToolMissing as exc:
        raise SearchIndexError(f"Pagefind tidak bisa dijalankan: {exc}") from exc
    if result.timed_out:
        raise SearchIndexError(f"Pagefind melewati batas waktu {int(timeout)} detik.")
    if not result.ok:
        raise SearchIndexError(f"Pagefind gagal: {result.last_error_line}")
    if not (site_dir / PAGEFIND_DIR / "pagefind.js").is_file():
        raise SearchIndexError("Pagefind selesai tanpa menulis indeks pencarian.")

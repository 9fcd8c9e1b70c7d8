#!/usr/bin/env python3
"""Page weight in a real browser: what a phone downloads before any video plays.

Builds the demo catalogue (``mkdocs.yml`` + ``content/``) into a temporary
folder, serves it on 127.0.0.1 with gzip (as any real host does), loads the
home page, a list page, every entry page (the heaviest is reported: its poster
depends on how busy the clip's frame is) and an innovation page (its budget is
the list pages') in Debian's Chromium at 360x740
through Playwright, and counts the bytes the server sent for each page until
the network is idle. It also runs one search on ``/cari/`` and counts the
Pagefind bytes it fetched. The figures replace the "Page weight" section of
``BENCHMARKS.md``; other sections of that file are kept.

Usage: python scripts/bench_pages.py [--no-write]

The tests import :class:`GzipServer` and :func:`weigh` from here, so the
browser tests and this benchmark measure the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import http.server
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
BUDGETS = {"home": 150_000, "list": 150_000, "entry": 120_000, "innovation": 150_000}
PAGES = {
    "home": "",
    "list": "kecamatan/jiken/",
    "entry": "sekolah/sdn-4-jiken/matematika-dakon/",
    "innovation": "inovasi/warung-belajar/",
}
SEARCH_WORD = "congklak"
COMPRESSIBLE = (".html", ".css", ".js", ".xml", ".json", ".svg", ".txt", ".vtt", ".mjs")
SECTION = "## Page weight (site)"


@dataclass
class Ledger:
    """Bytes sent by the server, per request path, in order."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: list[tuple[str, int]] = field(default_factory=list)

    def add(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))

    def mark(self) -> int:
        with self.lock:
            return len(self.sent)

    def since(self, mark: int) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.sent[mark:])


class _Handler(http.server.SimpleHTTPRequestHandler):
    ledger: Ledger

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def send_head(self) -> Any:  # gzip text; byte ranges for video
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        if not path.is_file():
            return super().send_head()
        data = path.read_bytes()
        ctype = self.guess_type(str(path))
        status, headers = 200, {"Content-Type": ctype, "Accept-Ranges": "bytes"}
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix in COMPRESSIBLE and wants_gzip:
            data = gzip.compress(data, 6)
            headers["Content-Encoding"] = "gzip"
        else:
            match = re.match(r"bytes=(\d*)-(\d*)$", self.headers.get("Range", ""))
            if match and (match.group(1) or match.group(2)):
                start = int(match.group(1) or 0)
                end = min(int(match.group(2) or len(data) - 1), len(data) - 1)
                headers["Content-Range"] = f"bytes {start}-{end}/{len(data)}"
                data, status = data[start : end + 1], 206
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.ledger.add(self.path, len(data))
        return _Body(data)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_: Any) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


class GzipServer:
    """A threaded static server on 127.0.0.1 (random port) that gzips text like a real host."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.ledger = Ledger()
        handler = type("Handler", (_Handler,), {"ledger": self.ledger})
        self.httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), partial(handler, directory=str(folder))
        )
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> GzipServer:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def weigh(browser: Any, server: GzipServer, path: str) -> tuple[int, list[tuple[str, int]]]:
    """Load ``path`` at phone size in a fresh context; bytes sent until the network is idle."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    mark = server.ledger.mark()
    page.goto(server.url + path, wait_until="networkidle")
    sent = server.ledger.since(mark)
    context.close()
    return sum(n for _, n in sent), sent


def entry_paths(site: Path) -> list[str]:
    """Every entry page of a built site, as paths below its root."""
    pages = sorted((site / "sekolah").glob("*/*/index.html"))
    return [p.parent.relative_to(site).as_posix() + "/" for p in pages]


def heaviest_entry(browser: Any, server: GzipServer) -> tuple[str, int, int]:
    """The entry page that sends the most bytes: (path, bytes, entries weighed)."""
    paths = entry_paths(server.folder)
    weights = [(weigh(browser, server, path)[0], path) for path in paths]
    size, path = max(weights)
    return path, size, len(paths)


def weigh_search(browser: Any, server: GzipServer, word: str) -> tuple[int, int, int]:
    """Bytes of ``/cari/`` itself, and the Pagefind bytes one query fetched; and the hits."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    mark = server.ledger.mark()
    page.goto(server.url + "cari/", wait_until="networkidle")
    page_bytes = sum(n for _, n in server.ledger.since(mark))
    mark = server.ledger.mark()
    page.fill(".pagefind-ui__search-input", word)
    page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
    page.wait_for_load_state("networkidle")
    hits = page.locator(".pagefind-ui__result").count()
    query_bytes = sum(n for p, n in server.ledger.since(mark) if "/pagefind/" in p)
    context.close()
    return page_bytes, query_bytes, hits


def build_demo(out: Path, mkdocs_yml: Path = ROOT / "mkdocs.yml") -> None:
    """Build the repository's demo catalogue (or a copy's ``mkdocs_yml``) into ``out``.

    The real plugin, media and search.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(str(mkdocs_yml), site_dir=str(out))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def report(rows: Sequence[tuple[str, str, int, int]], search: tuple[int, int, int]) -> str:
    lines = [
        SECTION,
        "",
        f"Measured {dt.date.today().isoformat()} by `scripts/bench_pages.py`: the demo catalogue "
        "served with gzip on 127.0.0.1, Debian Chromium at 360x740 (DPR 2) through Playwright, "
        "bytes sent by the server until the network is idle, before any video plays.",
        "",
        "| page | URL | transferred | budget | |",
        "|---|---|---|---|---|",
    ]
    for name, url, size, budget in rows:
        lines.append(
            f"| {name} | `/{url}` | {kb(size)} | {kb(budget)} | "
            f"{'ok' if size <= budget else 'OVER'} |"
        )
    page_bytes, query_bytes, hits = search
    lines += [
        f"| search page | `/cari/` | {kb(page_bytes)} | – | |",
        "",
        f"One search for “{SEARCH_WORD}” fetched {kb(query_bytes)} of Pagefind files "
        f"(runtime, WebAssembly, index chunk, filters, fragments) and found {hits} result(s).",
        "",
    ]
    return "\n".join(lines)


def write_section(text: str, path: Path, section: str = SECTION) -> None:
    """Replace (or append) ``section`` of ``BENCHMARKS.md`` with ``text``, keeping the others."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(section)}\n.*?(?=^## |\Z)", re.S | re.M)
    new = pattern.sub(text + "\n", old) if pattern.search(old) else old.rstrip() + "\n\n" + text
    path.write_text(new.rstrip() + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        build_demo(out)
        with GzipServer(out) as server, chromium() as browser:
            rows = [
                (name, url, weigh(browser, server, url)[0], BUDGETS[name])
                for name, url in PAGES.items()
            ]
            path, size, count = heaviest_entry(browser, server)
            rows.append((f"heaviest of {count} entries", path, size, BUDGETS["entry"]))
            search = weigh_search(browser, server, SEARCH_WORD)
    text = report(rows, search)
    print(text)
    if not args.no_write:
        write_section(text, ROOT / "BENCHMARKS.md")
    return 0 if all(size <= budget for _, _, size, budget in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

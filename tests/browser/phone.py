"""A phone-size page in Debian's Chromium that records console errors and foreign requests.

The server and the measuring code are those of ``scripts/bench_pages.py``, so
the tests and the page-weight benchmark measure the same way. Screenshots go
to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
sys.path.insert(0, str(ROOT / "scripts"))

import bench_desk  # noqa: E402, F401  (re-exported for the desk tests)
import bench_lighthouse  # noqa: E402, F401  (re-exported for the Lighthouse test)
import bench_pages  # noqa: E402
import bench_zim  # noqa: E402, F401  (re-exported for the demo site's copy)

if not Path(bench_pages.CHROMIUM).exists():  # pragma: no cover - `make test` installs it
    raise pytest.UsageError("Chromium missing: run the tests with `make test`")


class Visit:
    """A phone-size page that records console errors and requests to other hosts."""

    def __init__(self, browser: Any, server: bench_pages.GzipServer) -> None:
        self.server = server
        self.context = browser.new_context(
            viewport=bench_pages.PHONE, device_scale_factor=2, is_mobile=True, has_touch=True
        )
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.foreign: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.server.url, "data:", "blob:")):
            self.foreign.append(request.url)

    def open(self, path: str) -> Any:
        self.page.goto(self.server.url + path, wait_until="networkidle")
        return self.page

    def screenshot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

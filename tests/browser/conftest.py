"""Browser fixtures: one build of the demo catalogue, served with gzip, seen by Debian's Chromium.

The server and the measuring code are those of ``scripts/bench_pages.py``, so
the tests and the page-weight benchmark measure the same way. Screenshots go
to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

import bench_pages  # noqa: E402
from phone import Visit  # noqa: E402

if not Path(bench_pages.CHROMIUM).exists():  # pragma: no cover - `make test` installs it
    raise pytest.UsageError("Chromium missing: run the tests with `make test`")


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bench_pages.GzipServer]:
    """The repository's demo catalogue, built once by the real plugin, on 127.0.0.1."""
    out = tmp_path_factory.mktemp("demo") / "site"
    bench_pages.build_demo(out)
    with bench_pages.GzipServer(out) as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with bench_pages.chromium() as chromium:
        yield chromium


@pytest.fixture
def visit(browser: Any, demo_server: bench_pages.GzipServer) -> Iterator[Visit]:
    v = Visit(browser, demo_server)
    yield v
    v.context.close()

"""Browser fixtures: one build of the demo catalogue, served with gzip (Chromium: conftest).

Loaded with ``pytest_plugins`` (a conftest.py here would shadow the top-level one).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from phone import Visit, bench_pages


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bench_pages.GzipServer]:
    """The repository's demo catalogue, built once by the real plugin, on 127.0.0.1."""
    out = tmp_path_factory.mktemp("demo") / "site"
    bench_pages.build_demo(out)
    with bench_pages.GzipServer(out) as server:
        yield server


@pytest.fixture
def visit(browser: Any, demo_server: bench_pages.GzipServer) -> Iterator[Visit]:
    v = Visit(browser, demo_server)
    yield v
    v.context.close()

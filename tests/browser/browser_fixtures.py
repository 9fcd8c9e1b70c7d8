"""Browser fixtures: one build of the demo catalogue, served with gzip (Chromium: conftest).

Loaded with ``pytest_plugins`` (a conftest.py here would shadow the top-level one).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from phone import Visit, bench_pages

from scenarios import repository_demo


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bench_pages.GzipServer]:
    """The repository's demo catalogue, built once by the real plugin, on 127.0.0.1.

    The build writes the demo's media cache in the repository: one pytest-xdist worker
    at a time (the second finds the media made).
    """
    out = tmp_path_factory.mktemp("demo") / "site"
    with repository_demo(tmp_path_factory):
        bench_pages.build_demo(out)
    with bench_pages.GzipServer(out) as server:
        yield server


@pytest.fixture
def visit(browser: Any, demo_server: bench_pages.GzipServer) -> Iterator[Visit]:
    v = Visit(browser, demo_server)
    yield v
    v.context.close()

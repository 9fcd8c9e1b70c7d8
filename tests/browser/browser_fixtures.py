"""Browser fixtures: one build of the demo catalogue, served with gzip (Chromium: conftest).

Loaded with ``pytest_plugins`` (a conftest.py here would shadow the top-level one).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from phone import Visit, bench_pages, bench_zim

from scenarios import made_once, repository_demo, run_folder


@pytest.fixture(scope="session")
def demo_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[bench_pages.GzipServer]:
    """The repository's demo catalogue, built once by the real plugin, on 127.0.0.1.

    Built once for the run, whichever pytest-xdist worker asks first, from a copy of
    the demo (so no build writes into the repository); each worker serves it.
    """

    def build(folder: Path) -> None:
        with repository_demo(tmp_path_factory):
            config = bench_zim.copy_demo(folder / "project")
        bench_pages.build_demo(folder / "site", config)

    site = made_once(run_folder(tmp_path_factory) / "demo-site", build) / "site"
    with bench_pages.GzipServer(site) as server:
        yield server


@pytest.fixture
def visit(browser: Any, demo_server: bench_pages.GzipServer) -> Iterator[Visit]:
    v = Visit(browser, demo_server)
    yield v
    v.context.close()

"""The demo catalogue's ZIM, written once per session, and Debian's kiwix-serve serving it.

Loaded with ``pytest_plugins`` (a conftest.py here would shadow the top-level one).
The edition and the server are those of ``scripts/bench_zim.py``, so the tests and
the benchmark measure the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from zimkit import DemoZim, bench_zim

from scenarios import made_once, repository_demo, run_folder


@pytest.fixture(scope="session")
def demo_zim(tmp_path_factory: pytest.TempPathFactory, demo_offline_media: Path) -> DemoZim:
    """The edition as ``bench_zim.build_demo_edition`` builds it, its clips from the run's.

    Written once for the run, whichever pytest-xdist worker asks first; only
    ``test_zim.py`` writes into its project (``etalase offline --zim`` there).
    """

    def build(work: Path) -> None:
        with repository_demo(tmp_path_factory):
            config = bench_zim.demo_project(work / "project", demo_offline_media)
        bench_zim.write_demo_edition(config, work / "edition")
        # kiwix-serve names the book by the file: /etalase/
        bench_zim.write_demo_zim(work / "edition", work / "etalase.zim", config)

    work = made_once(run_folder(tmp_path_factory) / "zim", build)
    return DemoZim(work / "edition", work / "etalase.zim", work / "project" / "mkdocs.yml")


@pytest.fixture(scope="session")
def kiwix(demo_zim: DemoZim) -> Iterator[str]:
    """The base URL of kiwix-serve serving the demo ZIM (book name ``etalase``)."""
    with bench_zim.kiwix_serve(demo_zim.path) as url:
        yield url

"""Rendering on several cores: the forked workers write exactly the pages one process writes."""

from __future__ import annotations

import os
import shutil
import signal
import time
from pathlib import Path
from typing import Any

import pytest
from site_scenario import Site

from etalase.plugin.parallel import (
    LastWritten,
    fork_renderers,
    shares,
    wait_ready,
    wait_renderers,
    worker_count,
)

pytest_plugins = ["site_fixtures"]


def html_pages(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.html")}


def built_with(demo_site: Site, folder: Path, workers: int) -> dict[str, bytes]:
    copy = Site(folder, folder / "content", demo_site.clips)
    # Without the page cache and search index: every page is rendered here, not reused.
    skip = shutil.ignore_patterns("site", ".site.*", "pages", "search")
    shutil.copytree(demo_site.root, folder, ignore=skip)
    config = folder / "mkdocs.yml"
    config.write_text(config.read_text() + f"      render_workers: {workers}\n", encoding="utf-8")
    assert copy.build() == 0
    return html_pages(copy.out)


def test_pages_rendered_by_three_workers_equal_pages_rendered_by_one(
    demo_site: Site, tmp_path: Path
) -> None:
    single = built_with(demo_site, tmp_path / "one", 1)
    parallel = built_with(demo_site, tmp_path / "three", 3)
    assert sorted(parallel) == sorted(single)
    assert len(single) > 20
    different = [uri for uri in single if parallel[uri] != single[uri]]
    assert different == []
    assert all(b"</html>" in page for page in parallel.values())  # no page left empty


def test_pages_are_dealt_round_robin_and_none_is_lost() -> None:
    pages = list(range(11))
    parts = shares(pages, 3)
    assert parts == [[0, 3, 6, 9], [1, 4, 7, 10], [2, 5, 8]]
    assert sorted(p for part in parts for p in part) == pages
    assert worker_count(1) == 1 and worker_count(3) == 3 and worker_count(0) >= 1


class _Page:
    """What a worker needs of a MkDocs page here: its meta."""

    def __init__(self, name: str = "") -> None:
        self.meta: dict[str, Any] = {}
        self.name = name


def test_ctrl_c_ends_a_worker_quietly_and_leaves_the_parent_listening(
    capfd: pytest.CaptureFixture[str],
) -> None:
    # `etalase serve` stopped by Ctrl+C while a rebuild forks: the worker printed a
    # KeyboardInterrupt traceback (from Python's fork handlers or its render loop).
    workers = fork_renderers(
        [_Page() for _ in range(4)], 2, lambda page: time.sleep(30), strict=False
    )
    (worker,) = workers
    os.kill(worker.pid, signal.SIGINT)  # at once: even inside the fork's own handlers
    assert wait_renderers(workers) == [-signal.SIGINT]
    assert "Traceback" not in capfd.readouterr().err
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, [])


def test_a_worker_says_ready_when_its_first_pages_are_written_and_renders_on(
    tmp_path: Path,
) -> None:
    # Pagefind starts on the entry and school pages while the list pages still render.
    pages = [_Page(name) for name in ("a", "b", "c", "list")]

    def render(page: _Page) -> None:
        if page.name == "list":
            time.sleep(30)  # a list page, still rendering when Pagefind starts
        (tmp_path / page.name).write_text(page.name)

    workers = fork_renderers(pages, 2, render, strict=False, first=lambda page: page.name != "list")
    (worker,) = workers  # renders "b", then "list"
    try:
        assert wait_ready(workers) is True
        assert (tmp_path / "b").read_text() == "b"
        assert os.waitpid(worker.pid, os.WNOHANG) == (0, 0)  # still rendering "list"
    finally:
        os.kill(worker.pid, signal.SIGTERM)
        wait_renderers(workers)


def test_a_worker_that_fails_before_its_first_pages_are_written_is_never_ready() -> None:
    def render(page: _Page) -> None:
        raise RuntimeError(page.name)

    workers = fork_renderers([_Page("a"), _Page("b")] * 2, 2, render, strict=False, first=bool)
    assert wait_ready(workers) is False
    assert wait_renderers(workers) != [0]


def test_this_process_has_written_a_page_once_mkdocs_begins_the_next() -> None:
    pages = [_Page(name) for name in ("a", "b", "c")]
    watch = LastWritten(pages[1])
    watch.rendering(pages[0])
    watch.rendering(pages[1])
    assert not watch.written.is_set()  # "b" is rendering: MkDocs writes it after its events
    watch.rendering(pages[2])
    assert watch.written.is_set()
    assert LastWritten(None).written.is_set()  # none of its own: ready at once
    last = LastWritten(pages[2])
    last.rendering(pages[2])
    last.done()  # the last page of all: written when the pages end
    assert last.written.is_set()


def test_a_build_leaves_the_collector_on_whether_it_succeeds_or_fails(
    demo_site: Site, tmp_path: Path
) -> None:
    """A build waits with garbage collection until its renderers fork, then turns it on again."""
    import gc

    built_with(demo_site, tmp_path / "ok", 2)
    assert gc.isenabled()
    broken = Site(tmp_path / "broken", tmp_path / "broken" / "content", demo_site.clips)
    shutil.copytree(demo_site.root, broken.root, ignore=shutil.ignore_patterns("site", ".site.*"))
    (broken.root / "hook.py").write_text(  # stops the build before any page renders
        "from mkdocs.exceptions import PluginError\n\n\n"
        "def on_nav(nav, config, files):\n"
        "    raise PluginError('berhenti')\n",
        encoding="utf-8",
    )
    config = broken.root / "mkdocs.yml"
    config.write_text(config.read_text() + "hooks:\n  - hook.py\n", encoding="utf-8")
    assert broken.build() == 1
    assert gc.isenabled()

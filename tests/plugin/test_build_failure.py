"""A build that fails or is interrupted while its pages render on two processes.

Real ``etalase build`` processes on a tiny project with ``render_workers: 2``.
The failure is a real one an office makes: an ``overrides/etalase/entry.html``
(a copy of the entry template, edited) that breaks on one entry's page, or
never finishes it. Two neighbouring entries land in different processes'
shares (pages are dealt round-robin), so one of each pair of cases breaks a
page a forked worker renders and the other one a page the build's own process
renders. Afterwards no process of the build may be left running (a worker,
Pagefind), the published ``site/`` must be byte for byte the one before, and
the next build, the template fixed, must make the whole site.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest
from site_scenario import Site, new_site

SRC = Path(__file__).resolve().parents[2] / "src"
ENTRIES = 4  # two pages for each of the two processes
TITLES = [f"Karya {n}" for n in range(ENTRIES)]
#: Neighbours in MkDocs' order: one is dealt to the forked worker, the other to the build.
NEIGHBOURS = TITLES[:2]
#: A page that takes a minute or more: the build is rendering when it is stopped.
ENDLESS = "{% for i in range(10 ** 9) %}{% endfor %}"
#: A field the office thought the page has: Jinja fails on the page when it is rendered.
BROKEN = "{{ page.meta.sekolah.nama }}"
UNDEFINED = "'dict object' has no attribute 'sekolah'"  # what Jinja says of it


@pytest.fixture
def site(tmp_path: Path, clips: dict[str, Path]) -> Iterator[Site]:
    """A project with templates of its own (none yet), built once on two processes."""
    site = new_site(tmp_path / "proyek", clips, warm=True)
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  font: false\n", "  font: false\n  custom_dir: overrides\n"
        )
        + "      render_workers: 2\n",
        encoding="utf-8",
    )
    (site.root / "overrides").mkdir()
    site.school("sdn-1-blora", npsn="20312345")
    for n, title in enumerate(TITLES):
        site.entry("sdn-1-blora", f"karya-{n}", title=title)
    assert site.build() == 0
    yield site
    left_running(site.root)  # whatever a failed test left: ended


def override_entry_page(site: Site, inserted: str, title: str | None = None) -> Path:
    """``overrides/etalase/entry.html``: Etalase's own, with ``inserted`` on the page
    ``title`` (None: on every entry's page)."""
    own = (files("etalase") / "templates" / "site" / "etalase" / "entry.html").read_text("utf-8")
    block = "{% block content %}"
    assert block in own
    if title is not None:
        inserted = f'{{% if page.title == "{title}" %}}{inserted}{{% endif %}}'
    edited = own.replace(block, block + inserted)
    path = site.root / "overrides" / "etalase" / "entry.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(edited, encoding="utf-8")
    return path


class Build:
    """``etalase build`` running in its own process group, as a terminal starts it.

    Its output goes to files, not pipes: a process it left behind would hold a
    pipe open, and reading it would wait for that process instead of the build.
    """

    def __init__(self, site: Site) -> None:
        self.out, self.err = site.root.parent / "out.txt", site.root.parent / "err.txt"
        with self.out.open("w") as out, self.err.open("w") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "etalase", "build"],
                cwd=site.root,
                env={**os.environ, "PYTHONPATH": str(SRC)},
                stdout=out,
                stderr=err,
                start_new_session=True,
            )

    def wait(self) -> tuple[int, str, str]:
        """The exit code, stdout and stderr once the build process ended."""
        try:
            code = self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            raise
        return code, self.out.read_text(), self.err.read_text()


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def running_in(folder: Path) -> list[str]:
    """The live processes working in ``folder``: what a build started and left behind.

    A build's forked renderers and its Pagefind run in the project folder (their
    working directory is the build's), wherever their parent went.
    """
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit() or int(proc.name) == os.getpid():
            continue
        try:
            if Path(os.readlink(proc / "cwd")) != folder.resolve():
                continue
            state = (proc / "stat").read_text().rpartition(")")[2].split()[0]
            command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError):
            continue  # gone meanwhile, or not ours to read
        if state not in "ZX":
            found.append(f"{proc.name} {command}")
    return found


def left_running(folder: Path) -> list[str]:
    """:func:`running_in` once a killed process had the time to go (at most 2 s)."""
    deadline = time.monotonic() + 2
    found = running_in(folder)
    while found and time.monotonic() < deadline:
        time.sleep(0.05)
        found = running_in(folder)
    for line in found:  # the test's own leftovers: end them, then fail
        os.kill(int(line.split()[0]), signal.SIGKILL)
    return found


def entry_pages(folder: Path) -> list[Path]:
    return sorted((folder / "sekolah" / "sdn-1-blora").glob("karya-*/index.html"))


def assert_stopped_cleanly(
    site: Site, before: dict[str, bytes], *, staging_reclaimed_later: bool = False
) -> None:
    """No process of the build left, the published site byte for byte as ``before``, and
    the half-built ``.site.new`` gone (after Ctrl+C or a kill: the next build reclaims it)."""
    assert left_running(site.root) == []
    assert tree(site.out) == before
    if not staging_reclaimed_later:
        assert not (site.root / ".site.new").exists()


def assert_whole_site_after_the_fix(site: Site, before: dict[str, bytes]) -> None:
    """With the override gone, the next build swaps in a complete site."""
    (site.root / "overrides" / "etalase" / "entry.html").unlink()
    assert site.build() == 0
    after = tree(site.out)
    assert sorted(p for p in after if p.endswith(".html")) == sorted(
        p for p in before if p.endswith(".html")
    )
    for n, title in enumerate(TITLES):
        page = site.page(f"sekolah/sdn-1-blora/karya-{n}")
        assert f'<h1 data-pagefind-meta="title">{title}</h1>' in page and "</html>" in page
    assert "pagefind/pagefind.js" in after
    assert not (site.root / ".site.new").exists()


@pytest.mark.parametrize("title", NEIGHBOURS)
def test_a_page_that_fails_stops_the_build_and_keeps_the_published_site(
    site: Site, title: str
) -> None:
    before = tree(site.out)
    override_entry_page(site, BROKEN, title)
    code, out, err = Build(site).wait()
    assert code == 1, out + err
    slug = title.lower().replace(" ", "-")
    # MkDocs names the page and what broke (in the user's words); the old site stays.
    broke = f"Halaman sekolah/sdn-1-blora/{slug}/index.md gagal dibangun: {UNDEFINED}. "
    assert f"GALAT: {broke}Jika situs memakai templat sendiri (custom_dir" in err
    assert "situs lama tidak diubah" in out and "Aborted" not in out  # not MkDocs' words
    assert ". (situs" not in out  # one full stop
    assert "Traceback" not in err and "kesalahan internal" not in err
    assert_stopped_cleanly(site, before)
    assert_whole_site_after_the_fix(site, before)


@pytest.mark.parametrize("title", NEIGHBOURS)
def test_a_python_error_in_the_sites_template_is_a_failed_build_not_an_internal_error(
    site: Site, title: str
) -> None:
    before = tree(site.out)
    override_entry_page(site, "{{ page.title + 1 }}", title)  # text plus a number: TypeError
    code, out, err = Build(site).wait()
    assert code == 1, out + err
    assert "situs lama tidak diubah" in out
    assert 'gagal dibangun: can only concatenate str (not "int") to str' in err  # names the page
    assert "Traceback" not in err and "kesalahan internal" not in err
    assert_stopped_cleanly(site, before)


def test_a_page_that_fails_here_stops_the_workers_still_rendering(site: Site) -> None:
    # A page outside the catalogue is never dealt to a worker: this process renders
    # it, first of its pages (MkDocs' order). The worker is then busy with an entry.
    (site.content / "tentang.md").write_text(
        "---\ntitle: Tentang\ntemplate: tentang.html\n---\nTentang dinas.\n", encoding="utf-8"
    )
    (site.root / "overrides" / "tentang.html").write_text(
        '{% extends "main.html" %}{% block content %}' + BROKEN + "{% endblock %}\n",
        encoding="utf-8",
    )
    override_entry_page(site, ENDLESS)  # on every entry: a worker's page never ends
    before = tree(site.out)
    code, out, err = Build(site).wait()
    assert code == 1, out + err
    assert f"GALAT: Halaman tentang.md gagal dibangun: {UNDEFINED}." in err
    assert "Traceback" not in err
    assert_stopped_cleanly(site, before)  # the worker's endless page ended too
    (site.content / "tentang.md").unlink()
    assert_whole_site_after_the_fix(site, before)


@pytest.mark.parametrize("title", NEIGHBOURS)
def test_ctrl_c_while_pages_render_leaves_no_process_and_keeps_the_published_site(
    site: Site, title: str
) -> None:
    before = tree(site.out)
    override_entry_page(site, ENDLESS, title)
    build = Build(site)
    staging = site.root / ".site.new"
    deadline = time.monotonic() + 30
    # The other process writes its entry pages; this one's page never ends.
    while not entry_pages(staging) and build.process.poll() is None:
        assert time.monotonic() < deadline, "no entry page was written in time"
        time.sleep(0.02)
    assert build.process.poll() is None, build.wait()
    os.killpg(build.process.pid, signal.SIGINT)  # Ctrl+C: the terminal signals the whole group
    code, out, err = build.wait()
    assert code == 130, out + err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert_stopped_cleanly(site, before, staging_reclaimed_later=True)
    assert_whole_site_after_the_fix(site, before)


def test_a_build_killed_outright_takes_its_workers_with_it(site: Site) -> None:
    # A supervisor's timeout or the OOM killer ends the build's process alone: its
    # workers must not render on (and hold the project's lock) without it.
    before = tree(site.out)
    override_entry_page(site, ENDLESS)
    build = Build(site)
    deadline = time.monotonic() + 30
    while len([p for p in running_in(site.root) if "etalase build" in p]) < 2:  # forked
        assert build.process.poll() is None, build.wait()
        assert time.monotonic() < deadline, "the build forked no worker in time"
        time.sleep(0.02)
    build.process.kill()
    assert build.process.wait(timeout=30) == -signal.SIGKILL
    assert_stopped_cleanly(site, before, staging_reclaimed_later=True)
    assert_whole_site_after_the_fix(site, before)

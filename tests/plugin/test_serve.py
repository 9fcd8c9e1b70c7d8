"""The live preview: a school's edit shows on the next load, its search index follows."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from site_scenario import Site, new_site

pytest_plugins = ["site_fixtures"]

ENTRY = "sekolah/sdn-1-blora/robot-bekas/"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return bytes(response.read())
    except (urllib.error.URLError, OSError):
        return None


def wait_until(test: object, limit: float = 120) -> float:
    """Seconds until ``test()`` is true; fails past ``limit``."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if test():  # type: ignore[operator]
            return time.monotonic() - started
        time.sleep(0.1)
    raise AssertionError(f"not within {limit:.0f} s")


@pytest.fixture
def served(tmp_path: Path, clips: dict[str, Path]) -> Iterator[tuple[Site, str]]:
    site = new_site(tmp_path / "proyek", clips, warm=True)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry(
        "sdn-1-blora",
        "robot-bekas",
        title="Robot dari Barang Bekas",
        body="Siswa kelas 5 merakit robot dari kardus bekas.",
    )
    site.entry("sdn-1-blora", "wayang", title="Wayang Kardus", body="Pentas wayang.")
    port = free_port()
    temp = tmp_path / "tmp"  # MkDocs serves from a folder it makes here (site_folder)
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp)}
    log = (tmp_path / "serve.log").open("wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "etalase", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=site.root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/kab/"
    try:
        wait_until(lambda: b"Robot dari Barang Bekas" in (fetch(base + ENTRY) or b""), 300)
        yield site, base
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        errors = serve_log(site)
        assert "Traceback" not in errors, errors


def test_an_edit_shows_in_the_preview_and_the_search_index_follows(
    served: tuple[Site, str],
) -> None:
    site, base = served
    wait_until(lambda: fetch(base + "pagefind/pagefind-entry.json") is not None)
    first_index = fetch(base + "pagefind/pagefind-entry.json")
    source = site.content / ENTRY / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nKini robotnya bisa menari.\n", encoding="utf-8"
    )
    wait_until(lambda: b"Kini robotnya bisa menari." in (fetch(base + ENTRY) or b""))
    # The other entry's page is still served whole.
    assert b"Pentas wayang." in (fetch(base + "sekolah/sdn-1-blora/wayang/") or b"")
    wait_until(lambda: fetch(base + "pagefind/pagefind-entry.json") not in (None, first_index))
    # #28.14: MkDocs' own lines in Indonesian, seconds with a decimal comma.
    said = serve_log(site)
    assert re.search(r"^INFO: Situs selesai dibangun dalam \d+,\d detik$", said, re.M), said
    assert re.search(r"^INFO: \[\d\d:\d\d:\d\d\] Pratinjau terbuka di http://127", said, re.M)
    assert "Ada berkas yang berubah" in said
    english_lines = (
        "Documentation built",
        "Serving on",
        "Detected file changes",
        "WARNING:",
        " code ",
    )
    for english in english_lines:
        assert english not in said, said


def serve_log(site: Site) -> str:
    """What ``etalase serve`` has said on stderr so far."""
    return (site.root.parent / "serve.log").read_text(encoding="utf-8", errors="replace")


def whole_builds(site: Site) -> int:
    """How many times ``etalase serve`` built the whole site (MkDocs' own log line, worded)."""
    return serve_log(site).count("Membangun situs...")


def site_folder(site: Site) -> Path:
    """The folder ``etalase serve`` writes the preview into (MkDocs' ``mkdocs_*``)."""
    (folder,) = (site.root.parent / "tmp").glob("mkdocs_*")
    return folder


def test_a_rebuild_writes_only_what_changed_and_removes_what_went(
    served: tuple[Site, str],
) -> None:
    """The preview keeps its folder: an unchanged page or poster is not even linked again."""
    site, base = served
    out = site_folder(site)
    wayang = out / "sekolah/sdn-1-blora/wayang"
    poster = next(wayang.glob("*.jpg"))
    untouched = {p: os.stat(p).st_ctime_ns for p in (wayang / "index.html", poster)}
    source = site.content / ENTRY / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nKini robotnya bisa menari.\n", encoding="utf-8"
    )
    wait_until(lambda: b"Kini robotnya bisa menari." in (fetch(base + ENTRY) or b""))
    assert {p: os.stat(p).st_ctime_ns for p in untouched} == untouched
    # A new title changes the entry's card on its school's page too: that page is rendered again.
    source.write_text(
        source.read_text(encoding="utf-8").replace("Robot dari Barang Bekas", "Robot Penari"),
        encoding="utf-8",
    )
    wait_until(lambda: b"Robot Penari" in (fetch(base + "sekolah/sdn-1-blora/") or b""))
    shutil.rmtree(site.content / "sekolah/sdn-1-blora/wayang")
    wait_until(lambda: fetch(base + "sekolah/sdn-1-blora/wayang/") is None)
    assert not (wayang / "index.html").exists() and not poster.exists()
    assert b"Kini robotnya bisa menari." in (fetch(base + ENTRY) or b"")


def test_an_edit_inside_an_entry_folder_renders_only_what_it_touched(
    served: tuple[Site, str], clips: dict[str, Path]
) -> None:
    """No whole build for a school's text, title or new video; a profile's change gets one."""
    site, base = served
    assert whole_builds(site) == 1
    source = site.content / ENTRY / "index.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace("Robot dari Barang Bekas", "Robot Penari"),
        encoding="utf-8",
    )
    wait_until(lambda: b"Robot Penari" in (fetch(base + ENTRY) or b""))
    # Its card changed with it, in the same update: on its school's page, the home page and
    # its kecamatan, level, category, year and two tag lists; nothing else was rendered.
    assert b"Robot Penari" in (fetch(base + "sekolah/sdn-1-blora/") or b"")
    assert b"Robot Penari" in (fetch(base) or b"")
    assert b"Robot Penari" in (fetch(base + "tag/robotik/") or b"")
    assert "Pratinjau diperbarui: 9 halaman" in serve_log(site)
    # A re-recorded video: its renditions are made, linked and shown.
    before = fetch(base + ENTRY + "video-web.mp4")
    shutil.copyfile(clips["silent"], site.content / ENTRY / "video.mp4")
    wait_until(lambda: fetch(base + ENTRY + "video-web.mp4") not in (None, before))
    assert whole_builds(site) == 1
    # A school's profile reaches every page of the school: MkDocs builds the whole site.
    profile = site.content / "sekolah/sdn-1-blora/index.md"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("SD sdn-1-blora", "SD Negeri 1 Blora"),
        encoding="utf-8",
    )
    wait_until(lambda: b"SD Negeri 1 Blora" in (fetch(base + ENTRY) or b""))
    assert whole_builds(site) == 2
    # mkdocs.yml saved in the same moment as an entry's text: only a whole build takes it in.
    source.write_text(source.read_text(encoding="utf-8") + "\nLagi.\n", encoding="utf-8")
    config = site.root / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("Etalase Uji", "Etalase Kabupaten"),
        encoding="utf-8",
    )
    wait_until(lambda: b"Etalase Kabupaten" in (fetch(base + ENTRY) or b""))
    assert b"Lagi." in (fetch(base + ENTRY) or b"")
    assert whole_builds(site) == 3

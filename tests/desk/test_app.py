"""The desk's routes against a real ``etalase desk`` process, asked over HTTP on 127.0.0.1.

One scenario project (:func:`bench_desk.make_project`: real clips, a real
MkDocs preview build); the browser tests (tests/browser/test_desk.py) click
through the same pages in Chromium.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from webclient import Answer, Client

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench_desk

pytestmark = pytest.mark.slow
WAITING = "menunggu tinjauan"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("meja")
    clip = bench_desk.make_clip(tmp / "klip", seconds=31)
    return bench_desk.make_project(tmp / "proyek", clip, waiting=4)


def _signed_in(desk: bench_desk.DeskProcess) -> Client:
    client = Client(desk.port, timeout=300)
    assert client.get(f"/_meja/?token={desk.token}").status_code == 303
    return client


def _form(page: Answer, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page.text)
    assert found, name
    return found.group(1)


def _page(client: Client, key: str) -> Answer:
    page = client.get(f"/_meja/entri/{key}/")
    assert page.status_code == 200
    return page


def _decide(client: Client, key: str, action: str, **fields: str) -> Answer:
    """Open the entry's page and press a decision's button on it."""
    return _press(client, _page(client, key), key, action, **fields)


def _press(client: Client, page: Answer, key: str, action: str, **fields: str) -> Answer:
    """Press a decision's button on a page opened before, sending what its form holds."""
    form = {"csrf": _form(page, "csrf"), "version": _form(page, "version"), **fields}
    return client.post(f"/_meja/entri/{key}/{action}", form)


def _log(project: Path) -> list[dict[str, object]]:
    lines = (project / "keputusan-kurator.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_a_decision_as_the_first_request_leaves_a_whole_preview(project: Path) -> None:
    key = "sdn-1-blora/robot-0"
    with bench_desk.DeskProcess(project, "--as", "Bu Sari") as desk:
        client = _signed_in(desk)
        assert _decide(client, key, "terbitkan").status_code == 303
        # The preview rebuilds in the background; meanwhile it serves its last whole build.
        deadline = time.monotonic() + 120
        while True:
            home = client.get("/")
            assert home.status_code == 200 and "Etalase" in home.text
            entry = client.get(f"/sekolah/{key}/")
            assert entry.status_code == 200 and "Robot Bekas 0" in entry.text
            if WAITING not in entry.text or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert WAITING not in entry.text
        # The build before stays for requests still reading it; older ones are gone.
        builds = (project / ".cache/plugin/etalase/desk").glob("meja-*/[0-9]*")
        assert sorted(b.name for b in builds) == ["1", "2"]
    assert "Traceback" not in "".join(desk.errors), "".join(desk.errors)


@pytest.fixture(scope="module")
def desk(project: Path) -> Iterator[bench_desk.DeskProcess]:
    with bench_desk.DeskProcess(project, "--as", "Meja Dinas") as process:
        yield process
    assert "Traceback" not in "".join(process.errors), "".join(process.errors)


def test_two_curators_the_later_stale_decision_is_refused_and_each_is_logged_by_name(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    key = "sdn-2-cepu/robot-1"
    index = project / "content" / "sekolah" / key / "index.md"
    sari, budi = _signed_in(desk), _signed_in(desk)
    for client, name in ((sari, "Bu Sari"), (budi, "  Pak\tBudi <x> ")):
        page = _page(client, key)
        said = client.post(
            "/_meja/nama", {"csrf": _form(page, "csrf"), "name": name, "back": page_path(key)}
        )
        assert said.status_code == 303 and said.headers["location"] == page_path(key)
    assert 'value="Pak Budi x"' in _page(budi, key).text  # remembered by this browser
    seen_by_sari, seen_by_budi = _page(sari, key), _page(budi, key)
    reason = "Izin orang tua belum ada."
    assert _press(sari, seen_by_sari, key, "tolak", reason=reason).status_code == 303
    rejected = index.read_bytes()
    assert b"status: rejected" in rejected
    # Pak Budi still has the page from before Bu Sari's decision: publishing from it is refused.
    refused = _press(budi, seen_by_budi, key, "terbitkan")
    assert refused.status_code == 303
    answer = budi.get(refused.headers["location"]).text
    assert index.read_bytes() == rejected  # Bu Sari's decision stands
    assert "ENTRY_CHANGED" in answer and "sudah diubah sejak halamannya Anda buka" in answer
    assert "Keadaannya sekarang: Ditolak." in answer
    assert "Keputusan terakhir: Tolak oleh Bu Sari" in answer and reason in answer
    # A form without the version it was made from is refused the same way.
    bare = budi.post(f"/_meja/entri/{key}/terbitkan", {"csrf": _form(seen_by_budi, "csrf")})
    assert "ENTRY_CHANGED" in budi.get(bare.headers["location"]).text
    assert index.read_bytes() == rejected
    # Seen again, his decision is made, under his own name.
    assert _decide(budi, key, "kembalikan").status_code == 303
    assert b"status: review" in index.read_bytes()
    assert _decide(_signed_in(desk), key, "unggulkan").status_code == 303  # no name given
    mine = [(d["action"], d["curator"]) for d in _log(project) if d["entry"] == key]
    assert mine == [("reject", "Bu Sari"), ("review", "Pak Budi x"), ("feature", "Meja Dinas")]


def test_a_decision_on_a_page_older_than_an_edit_outside_the_desk_is_refused(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    key = "sdn-3-jepon/robot-2"
    index = project / "content" / "sekolah" / key / "index.md"
    client = _signed_in(desk)
    before = _page(client, key)
    # As `etalase publish` in a terminal, or a `git pull`, would while the page is open.
    index.write_bytes(index.read_bytes().replace(b"status: review", b"status: published"))
    edited = index.read_bytes()
    refused = _press(client, before, key, "tolak", reason="Suara tidak terdengar jelas.")
    answer = client.get(refused.headers["location"]).text
    assert "ENTRY_CHANGED" in answer and "Keadaannya sekarang: Terbit." in answer
    assert index.read_bytes() == edited
    assert 'id="status">Terbit<' in answer  # the desk read the files again: its page is current
    done = _decide(client, key, "tolak", reason="Suara tidak terdengar jelas.")
    assert "Ditolak" in client.get(done.headers["location"]).text
    assert b"status: rejected" in index.read_bytes()


def test_a_decision_on_a_page_older_than_the_clip_captions_or_picture_is_refused(
    project: Path, desk: bench_desk.DeskProcess, tmp_path: Path
) -> None:
    """A school re-sends only a new video (ingest renames it over the entry's copy), or a
    caption or picture changes: the page opened before never publishes what it did not show."""
    key = "sdn-1-blora/robot-3"
    folder = project / "content" / "sekolah" / key
    index = folder / "index.md"
    text = index.read_bytes()
    client = _signed_in(desk)
    other = bench_desk.make_clip(tmp_path / "baru", seconds=33)

    def swap_in(name: str, data: bytes) -> None:
        """As ingest does: a new file, then renamed over the old one."""
        (folder / ".baru.tmp").write_bytes(data)
        os.replace(folder / ".baru.tmp", folder / name)

    changes = [
        lambda: swap_in("video.mp4", other.read_bytes()),
        lambda: swap_in("video.id.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHalo\n"),
        lambda: swap_in("video.id.vtt", b"WEBVTT\n\n00:00.000 --> 00:02.000\nHalo!\n"),
        lambda: swap_in("foto.png", b"\x89PNG\r\n\x1a\n" + b"1" * 64),
    ]
    for change in changes:
        before = _page(client, key)
        change()
        refused = _press(client, before, key, "terbitkan")
        assert refused.status_code == 303
        answer = client.get(refused.headers["location"]).text
        assert "ENTRY_CHANGED" in answer, change
        assert index.read_bytes() == text  # nothing written
    log = project / "keputusan-kurator.jsonl"
    assert not log.exists() or not any(d["entry"] == key for d in _log(project))
    # Seen again, the page carries the entry as it is now, and the decision is made.
    assert _decide(client, key, "tolak", reason="Suara tidak terdengar jelas.").status_code == 303
    assert b"status: rejected" in index.read_bytes()


def test_times_are_shown_in_the_office_clock_wib_by_default(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    """#28.14: the arrival and the decision log in local time (WIB), never UTC."""
    key = "sdn-2-cepu/sudah-terbit"
    index = project / "content" / "sekolah" / key / "index.md"
    client = _signed_in(desk)
    wib = ZoneInfo("Asia/Jakarta")
    arrived = dt.datetime.fromtimestamp(index.stat().st_mtime, wib).strftime("%Y-%m-%d %H:%M")
    page = _page(client, key).text
    assert f"Lewat git, {arrived} WIB" in page, page
    done = _decide(client, key, "unggulkan")
    answer = client.get(done.headers["location"]).text
    found = re.search(r'<time datetime="([^"]+)">([^<]+)</time>', answer)
    assert found, answer
    logged = dt.datetime.fromisoformat(found.group(1).replace("Z", "+00:00"))
    assert found.group(2) == logged.astimezone(wib).strftime("%Y-%m-%d %H:%M WIB")
    assert "UTC" not in answer


def test_starlettes_own_refusals_are_in_indonesian(desk: bench_desk.DeskProcess) -> None:
    """#28.14: no "Method Not Allowed", "Not Found" or a form parser's English."""
    client = _signed_in(desk)
    key = "sdn-1-blora/robot-0"
    csrf = _form(_page(client, key), "csrf")
    wrong_method = client.post("/_meja/", {"csrf": csrf})
    assert wrong_method.status_code == 405
    assert "Alamat ini tidak bisa dipakai dengan cara itu" in wrong_method.text
    assert "GET" in wrong_method.headers.get("allow", "")
    assert client.post(f"/_meja/entri/{key}/", {"csrf": csrf}).status_code == 405
    missing = client.get(f"/_meja/entri/{key}/terbitkan")
    assert missing.status_code == 404 and "Not Found" not in missing.text
    crowded = client.post(
        f"/_meja/entri/{key}/tolak", {"csrf": csrf, **{f"f{n}": "x" for n in range(30)}}
    )
    assert crowded.status_code == 400
    assert "Isian formulir tidak bisa dibaca" in crowded.text
    for answer in (wrong_method, crowded):
        assert "Method Not Allowed" not in answer.text and "Too many" not in answer.text
        assert '<html lang="id">' in answer.text


def test_a_poster_second_is_said_with_a_decimal_comma(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    """#28.14: "detik 2,5", not "2.5", in the answer and in the decision log."""
    key = "sdn-3-jepon/ditolak"
    client = _signed_in(desk)
    done = _decide(client, key, "poster", poster_time="2,5")
    answer = client.get(done.headers["location"]).text
    assert "Poster diambil dari detik 2,5: Pernah Ditolak." in answer, answer
    assert "(2,5 s)</li>" in answer and "2.5 s" not in answer
    assert b"poster_time: 2.5\n" in (project / "content/sekolah" / key / "index.md").read_bytes()


def page_path(key: str) -> str:
    return f"/_meja/entri/{key}/"

"""The desk's routes against a real ``etalase desk`` process, asked over HTTP on 127.0.0.1.

One scenario project (:func:`bench_desk.make_project`: real clips, a real
MkDocs preview build); the browser tests (tests/browser/test_desk.py) click
through the same pages in Chromium.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

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
    return bench_desk.make_project(tmp / "proyek", clip, waiting=3)


def _signed_in(desk: bench_desk.DeskProcess) -> Client:
    client = Client(desk.port, timeout=300)
    assert client.get(f"/_meja/?token={desk.token}").status_code == 303
    return client


def _form(page: Answer, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page.text)
    assert found, name
    return found.group(1)


def _decide(client: Client, key: str, action: str, **fields: str) -> Answer:
    page = client.get(f"/_meja/entri/{key}/")
    assert page.status_code == 200
    return client.post(f"/_meja/entri/{key}/{action}", {"csrf": _form(page, "csrf"), **fields})


def test_a_decision_as_the_first_request_leaves_a_whole_preview(project: Path) -> None:
    key = "sdn-1-blora/robot-0"
    with bench_desk.DeskProcess(project, "--as", "Bu Sari") as desk:
        client = _signed_in(desk)
        assert _decide(client, key, "terbitkan").status_code == 303
        time.sleep(2)  # the curator reads the answer, then opens the preview
        home = client.get("/")
        assert home.status_code == 200 and "Etalase" in home.text
        entry = client.get(f"/sekolah/{key}/")
        assert entry.status_code == 200 and "Robot Bekas 0" in entry.text
        assert WAITING not in entry.text
    assert "Traceback" not in "".join(desk.errors), "".join(desk.errors)

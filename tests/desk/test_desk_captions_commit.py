"""``etalase desk --commit``: "Tandai sudah diperiksa" commits the checked captions (#30.3).

A real desk process over HTTP on a real git repository: the checked ``video.id.diperiksa.vtt``
the caption editor writes into the entry folder is committed with the curator log,
as the curator, like a decision's ``index.md``.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from webclient import Answer, Client

from scenarios import record_draft

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
import bench_desk

pytestmark = pytest.mark.slow
CURATOR = "Bu Sari Kurator"
KEY = "sdn-2-cepu/sudah-terbit"


def _git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("meja-takarir-git")
    clip = bench_desk.make_clip(tmp / "klip")
    root = bench_desk.make_project(tmp / "proyek", clip, waiting=1)
    record_draft(root, KEY, [(1.0, 4.0, "Robot dari kardos", 0.3)])
    school_vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nRobot saka kardus\n"
    (root / "content" / "sekolah" / KEY / "video.jv.vtt").write_text(school_vtt, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", "-A")
    _git(root, "-c", "user.name=Operator", "-c", "user.email=op@example.id", "commit", "-qm", "Isi")
    return root


@pytest.fixture(scope="module")
def desk(project: Path) -> Iterator[bench_desk.DeskProcess]:
    env = {"GIT_AUTHOR_EMAIL": "kurator@example.id", "GIT_COMMITTER_EMAIL": "kurator@example.id"}
    with bench_desk.DeskProcess(project, "--as", CURATOR, "--commit", env=env) as process:
        yield process
    assert "Traceback" not in "".join(process.errors), "".join(process.errors)


def signed_in(desk: bench_desk.DeskProcess) -> Client:
    client = Client(desk.port, timeout=300)
    assert client.get(f"/_meja/?token={desk.token}").status_code == 303
    return client


def check(client: Client, editor: str, language: str, times: tuple[str, str], text: str) -> Answer:
    """ "Tandai sudah diperiksa" on the editor page ``editor`` with one row."""
    form = {
        name: re.search(rf'name="{name}" value="([^"]*)"', editor).group(1)  # type: ignore[union-attr]
        for name in ("csrf", "version")
    }
    row = {"start_0": times[0], "end_0": times[1], "text_0": text}
    return client.post(f"/_meja/takarir/{KEY}/", {**form, "bahasa": language, **row, "check": "1"})


def test_checked_captions_are_committed_with_the_log_as_the_curator(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    client = signed_in(desk)
    editor = client.get(f"/_meja/takarir/{KEY}/")
    assert editor.status_code == 200 and "Robot dari kardos" in editor.text
    answer = check(
        client, editor.text, "id", ("00:00:01.000", "00:00:04.000"), "Robot dari kardus bekas"
    )
    assert answer.status_code == 303, answer.text
    target = f"content/sekolah/{KEY}/video.id.diperiksa.vtt"
    assert "Robot dari kardus bekas" in (project / target).read_text("utf-8")
    last = _git(project, "log", "-1", "--format=%an|%s%n%b", "--name-only")
    assert last.startswith(f"{CURATOR}|Meja kurator: captions {KEY}\nbahasa: id\n"), last
    assert sorted(last.split("\n\n")[-1].split()) == [target, "keputusan-kurator.jsonl"], last
    assert _git(project, "status", "--porcelain", "--", target) == ""  # nothing left out


def test_the_editor_opens_the_schools_own_captions_of_a_language(
    desk: bench_desk.DeskProcess,
) -> None:
    editor = signed_in(desk).get(f"/_meja/takarir/{KEY}/?bahasa=jv")
    assert editor.status_code == 200
    assert "Takarir dari sekolah" in editor.text
    assert ">Robot saka kardus</textarea>" in editor.text
    assert 'value="00:00:01.000"' in editor.text


def test_checking_the_schools_own_vtt_writes_beside_it_never_over_it(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    school = project / "content" / "sekolah" / KEY / "video.jv.vtt"
    before = school.read_bytes()
    client = signed_in(desk)
    editor = client.get(f"/_meja/takarir/{KEY}/?bahasa=jv")
    answer = check(
        client, editor.text, "jv", ("00:00:01.000", "00:00:03.000"), "Robot saka kardus bekas"
    )
    assert answer.status_code == 303, answer.text
    assert school.read_bytes() == before  # the school's file is never changed
    checked = school.with_name("video.jv.diperiksa.vtt")
    assert "Robot saka kardus bekas" in checked.read_text("utf-8")
    again = client.get(f"/_meja/takarir/{KEY}/?bahasa=jv")
    assert ">Robot saka kardus bekas</textarea>" in again.text  # the checked copy is used

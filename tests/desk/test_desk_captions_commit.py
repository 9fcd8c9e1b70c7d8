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
from webclient import Client

from etalase.media.drafts import DraftJSON, DraftSettings, DraftStore
from etalase.project import load_project

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
    store = DraftStore(load_project(root / "mkdocs.yml").cache.captions)
    draft: DraftJSON = {
        "version": 1,
        "language": "id",
        "model": "uji",
        "audio_sha256": "0" * 64,
        "settings": {},
        "cues": [
            {"start": 1.0, "end": 4.0, "text": "Robot dari kardos", "confidence": 0.3,
             "no_speech": 0.1},
        ],
    }  # fmt: skip
    store.save("cd" * 32, draft)
    video = root / "content" / "sekolah" / KEY / "video.mp4"
    store.record(KEY, "id", video, "cd" * 32, "0" * 64, DraftSettings("uji", "id"))
    school_vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\nRobot saka kardus\n"
    (video.parent / "video.jv.vtt").write_text(school_vtt, encoding="utf-8")
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


def test_checked_captions_are_committed_with_the_log_as_the_curator(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    client = Client(desk.port, timeout=300)
    assert client.get(f"/_meja/?token={desk.token}").status_code == 303
    editor = client.get(f"/_meja/takarir/{KEY}/")
    assert editor.status_code == 200 and "Robot dari kardos" in editor.text
    form = {
        name: re.search(rf'name="{name}" value="([^"]*)"', editor.text).group(1)  # type: ignore[union-attr]
        for name in ("csrf", "version")
    }
    answer = client.post(
        f"/_meja/takarir/{KEY}/",
        {**form, "bahasa": "id", "start_0": "00:00:01.000", "end_0": "00:00:04.000",
         "text_0": "Robot dari kardus bekas", "check": "1"},
    )  # fmt: skip
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
    client = Client(desk.port, timeout=300)
    assert client.get(f"/_meja/?token={desk.token}").status_code == 303
    editor = client.get(f"/_meja/takarir/{KEY}/?bahasa=jv")
    assert editor.status_code == 200
    assert "Takarir dari sekolah" in editor.text
    assert ">Robot saka kardus</textarea>" in editor.text
    assert 'value="00:00:01.000"' in editor.text


def test_checking_the_schools_own_vtt_writes_beside_it_never_over_it(
    project: Path, desk: bench_desk.DeskProcess
) -> None:
    school = project / "content" / "sekolah" / KEY / "video.jv.vtt"
    before = school.read_bytes()
    client = Client(desk.port, timeout=300)
    assert client.get(f"/_meja/?token={desk.token}").status_code == 303
    editor = client.get(f"/_meja/takarir/{KEY}/?bahasa=jv")
    form = {
        name: re.search(rf'name="{name}" value="([^"]*)"', editor.text).group(1)  # type: ignore[union-attr]
        for name in ("csrf", "version")
    }
    answer = client.post(
        f"/_meja/takarir/{KEY}/",
        {**form, "bahasa": "jv", "start_0": "00:00:01.000", "end_0": "00:00:03.000",
         "text_0": "Robot saka kardus bekas", "check": "1"},
    )  # fmt: skip
    assert answer.status_code == 303, answer.text
    assert school.read_bytes() == before  # the school's file is never changed
    checked = school.with_name("video.jv.diperiksa.vtt")
    assert "Robot saka kardus bekas" in checked.read_text("utf-8")
    again = client.get(f"/_meja/takarir/{KEY}/?bahasa=jv")
    assert ">Robot saka kardus bekas</textarea>" in again.text  # the checked copy is used

"""Issue #12 (trust): what a school sends never hangs a run, and the CLI behaves like a Unix tool.

Every test here runs the real ``etalase`` command in a subprocess (FIFOs, broken
pipes and full disks are properties of real file descriptors), bounded by a
timeout so that a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from hostile_scenario import new_site

SRC = Path(__file__).resolve().parents[2] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC)}
ETALASE = [sys.executable, "-m", "etalase"]


def etalase(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*ETALASE, *args], cwd=root, env=ENV, capture_output=True,
                          text=True, timeout=timeout, stdin=subprocess.DEVNULL)  # fmt: skip


def test_a_fifo_named_index_md_is_refused_not_waited_for(
    tmp_path: Path, clips: dict[str, Path]
) -> None:
    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    site.entry("sdn-1-blora", "robot")
    pipe_entry = site.content / "sekolah/sdn-1-blora/pipa"
    pipe_entry.mkdir()
    os.mkfifo(pipe_entry / "index.md")
    os.mkfifo(site.content / "sekolah/sdn-1-blora/robot/teks.vtt")  # an extra file, never read
    checked = etalase(tmp_path, "check", timeout=60)
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "[FILE_NOT_REGULAR] content/sekolah/sdn-1-blora/pipa/index.md" in checked.stdout
    built = etalase(tmp_path, "build", timeout=120)
    assert built.returncode == 0, built.stdout + built.stderr
    assert "FILE_NOT_REGULAR" in built.stderr
    assert (tmp_path / "site/sekolah/sdn-1-blora/robot/index.html").is_file()


def test_check_piped_into_head_exits_quietly(tmp_path: Path, clips: dict[str, Path]) -> None:
    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    for n in range(600):  # far more than a pipe holds: the reader leaves while we write
        folder = site.content / f"sekolah/sdn-1-blora/entri-{n}"
        folder.mkdir()
        (folder / "index.md").write_text("tanpa bagian data\n", encoding="utf-8")
    for fmt in ("json", "text"):
        # What `etalase check | head -1` does: read one line, then close the pipe.
        proc = subprocess.Popen([*ETALASE, "check", "--format", fmt], cwd=tmp_path, env=ENV,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        assert proc.stdout is not None and proc.stderr is not None
        first = proc.stdout.readline()
        proc.stdout.close()
        stderr = proc.stderr.read().decode()
        code = proc.wait(timeout=120)
        # 128 + SIGPIPE, as any Unix tool; or 1 (problems found) when Python's last,
        # partial write to the closed pipe did not fail: quiet either way.
        assert code == 141 or (fmt == "text" and code == 1), (code, stderr)
        assert first.strip() in (b"{", b"Sekolah: SD sdn-1-blora (sdn-1-blora)")
        assert stderr == ""


def _children(pid: int) -> list[int]:
    """The ffmpeg processes encoding a rendition (to a file, not a pipe) whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        name, rest = stat[stat.index("(") + 1 : stat.rindex(")")], stat[stat.rindex(")") + 2 :]
        if name.startswith("ffmpeg") and int(rest.split()[1]) == pid and (
            b"libx264" in (entry / "cmdline").read_bytes()
        ):
            found.append(int(entry.name))
    return found


def _running(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_ffmpeg_dies_with_a_killed_media_run_and_its_temp_files_are_reclaimed(
    tmp_path: Path, clips: dict[str, Path]
) -> None:
    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    slow = tmp_path / "lambat.mp4"  # a minute of busy 25 fps picture: seconds of encoding
    subprocess.run(["ffmpeg", "-v", "error", "-nostdin", "-f", "lavfi", "-i",
                    "testsrc2=s=960x540:r=25:d=40", "-c:v", "libx264", "-preset", "ultrafast",
                    "-pix_fmt", "yuv420p", str(slow)], check=True, timeout=120)  # fmt: skip
    site.clips = {**clips, "slow": slow}
    site.entry("sdn-1-blora", "lambat", clip="slow")
    first = subprocess.Popen([*ETALASE, "media", "--jobs", "1"], cwd=tmp_path, env=ENV,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    children: list[int] = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not children:
        children = _children(first.pid)
        time.sleep(0.02)
    assert children, "no ffmpeg was started"
    cache = tmp_path / ".cache/plugin/etalase/media"
    while time.monotonic() < deadline and not list(cache.rglob(".*.tmp*.mp4")):
        time.sleep(0.02)
    first.send_signal(signal.SIGKILL)  # the parent only, as `kill -9 PID` does
    first.wait()
    left = list(cache.rglob(".*.tmp*"))
    assert left, "the kill came before any temporary file was written"
    deadline = time.monotonic() + 1  # the kernel kills them at once; their work takes longer
    while time.monotonic() < deadline and any(_running(c) for c in children):
        time.sleep(0.05)
    assert not [c for c in children if _running(c)], "ffmpeg outlived its parent"
    again = etalase(tmp_path, "media", "--jobs", "1", timeout=300)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not [p for p in left if p.exists()], "the next run left the killed run's temp files"

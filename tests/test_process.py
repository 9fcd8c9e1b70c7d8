"""The bounded runner: timeouts kill the process group, failures remove partial output."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest

from etalase import process


def test_a_process_past_its_timeout_is_killed_with_its_children(tmp_path: Path) -> None:
    marker = tmp_path / "child-survived"
    child = tmp_path / "child.py"
    child.write_text(f"import time\ntime.sleep(3)\nopen({str(marker)!r}, 'w').write('x')\n")
    script = (
        "import subprocess, sys, time\n"
        f"subprocess.Popen([sys.executable, {str(child)!r}])\n"
        "time.sleep(60)\n"
    )
    partial = tmp_path / "partial.mp4"
    partial.write_bytes(b"half")
    result = process.run([sys.executable, "-c", script], timeout=0.5, outputs=[partial])
    assert result.timed_out and not result.ok
    assert not partial.exists()
    time.sleep(3.5)
    assert not marker.exists(), "the child process outlived the kill"


def test_failure_keeps_the_stderr_tail_and_removes_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out.bin"
    out.write_bytes(b"x")
    script = "import sys; sys.stderr.write('a' * 5000 + '\\nlast line\\n'); sys.exit(3)"
    result = process.run([sys.executable, "-c", script], timeout=10, outputs=[out])
    assert result.returncode == 3
    assert len(result.stderr_tail) <= process.STDERR_TAIL
    assert result.last_error_line == "last line"
    assert not out.exists()


def test_success_keeps_outputs_and_counts_the_process(tmp_path: Path) -> None:
    out = tmp_path / "out.bin"
    out.write_bytes(b"x")
    before = process.stats.started
    result = process.run([sys.executable, "-c", "print('ok')"], timeout=10, outputs=[out])
    assert result.ok and result.stdout.strip() == b"ok"
    assert out.exists()
    assert process.stats.started == before + 1


def test_a_missing_executable_is_an_environment_error() -> None:
    with pytest.raises(process.ToolMissing):
        process.run(["/nonexistent/ffmpeg", "-version"], timeout=5)


def test_a_cancelled_process_is_stopped_soon_and_is_not_a_success(tmp_path: Path) -> None:
    """The live preview cancels a search index whose site is being rebuilt."""
    import threading

    out = tmp_path / "half.txt"
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    result = process.run(
        [sys.executable, "-c", "import time; time.sleep(30)"],
        timeout=60,
        outputs=[out],
        cancel=cancel,
    )
    assert time.monotonic() - started < 5
    assert result.cancelled and not result.ok and not result.timed_out


def test_an_uncancelled_process_runs_to_its_end() -> None:
    import threading

    result = process.run(
        [sys.executable, "-c", "print('selesai')"], timeout=60, cancel=threading.Event()
    )
    assert result.ok and result.stdout.strip() == b"selesai"

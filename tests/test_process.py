"""The bounded runner: timeouts kill the process group, failures remove partial output."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
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


# A program whose one thread starts tools without a pause while its main thread takes
# every Ctrl+C (a live preview's Pagefind, while the person stops it), for a few seconds.
_STARTING_TOOLS = """
import sys, threading, time
from etalase import process
def start_tools():
    while True:
        try:
            process.run(["true"], timeout=5)
        except Exception as exc:
            print("the tool did not start:", repr(exc), file=sys.stderr, flush=True)
threading.Thread(target=start_tools, daemon=True).start()
print("ready", flush=True)
end = time.monotonic() + 4
while time.monotonic() < end:
    try:
        time.sleep(0.005)
    except KeyboardInterrupt:
        pass
"""


def test_a_ctrl_c_while_a_tool_starts_never_prints_a_traceback(tmp_path: Path) -> None:
    """The child between fork and its own session holds the Ctrl+C and ends quietly."""
    script = tmp_path / "starting.py"
    script.write_text(_STARTING_TOOLS, encoding="utf-8")
    src = str(Path(process.__file__).resolve().parents[1])
    proc = subprocess.Popen(
        [sys.executable, str(script)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": src},
        start_new_session=True,
    )
    assert proc.stdout is not None and proc.stdout.readline() == b"ready\n"
    while proc.poll() is None:  # a Ctrl+C reaches the whole group, as from a terminal
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGINT)
        time.sleep(0.01)
    said = proc.communicate(timeout=60)[1].decode("utf-8", "replace")
    # Python's fork handlers in the child, or the child's own start, interrupted:
    assert "Exception ignored" not in said and "did not start" not in said, said

"""The one place that starts processes: bounded in time, killed past it, tidy on failure.

Every ffmpeg and ffprobe call goes through :func:`run`. A call gets a timeout;
past it the whole process group is killed (ffmpeg may spawn helpers), output
files named by the caller are removed when the call fails, and only the tail
of stderr is kept. On Linux each child also asks the kernel to kill it when
the thread that started it dies (``PR_SET_PDEATHSIG``), so a ``kill -9`` of
``etalase media`` does not leave ffmpeg running on; a build's forked page
renderers ask the same (:func:`die_with_parent`). :data:`stats` counts the
processes started, so tests and benchmarks can prove that a run did no media
work at all.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STDERR_TAIL = 2000


class ToolMissing(Exception):
    """The executable to run does not exist (an environment problem)."""


class StepFailed(Exception):
    """A media step's process failed or timed out; the pipeline turns it into a problem."""

    def __init__(self, reason: str, *, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.timed_out = timed_out


@dataclass(frozen=True, slots=True)
class RunResult:
    """What a finished (or killed) process left behind."""

    args: tuple[str, ...]
    returncode: int | None
    stdout: bytes
    stderr_tail: str
    timed_out: bool
    seconds: float
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out and not self.cancelled

    @property
    def last_error_line(self) -> str:
        """The last non-empty stderr line, short enough for a message."""
        lines = [line.strip() for line in self.stderr_tail.splitlines() if line.strip()]
        return lines[-1][:160] if lines else f"kode keluar {self.returncode}"

    def check(self) -> None:
        """Raise :class:`StepFailed` unless the process succeeded."""
        if self.timed_out:
            raise StepFailed("timeout", timed_out=True)
        if not self.ok:
            raise StepFailed(self.last_error_line)


class RunnerStats:
    """A thread-safe count of started processes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.started = 0

    def bump(self) -> None:
        with self._lock:
            self.started += 1


stats = RunnerStats()

_PR_SET_PDEATHSIG = 1


def _prctl() -> Any:
    """libc's ``prctl`` (Linux), looked up once; None elsewhere."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    prctl.restype = ctypes.c_int
    return prctl


_PRCTL = _prctl()


def _death_signal() -> Callable[[], None] | None:
    """What a child runs before ``exec``: die with SIGKILL when its parent dies (Linux).

    Looked up once here, so the child (forked from a threaded process) only
    makes one foreign call and never imports or allocates much.
    """
    prctl = _PRCTL
    if prctl is None:
        return None
    kill = int(signal.SIGKILL)

    def arm() -> None:
        # In its own session now, out of reach of a Ctrl+C to the parent's group. A
        # SIGINT held across the fork (see run) was meant for this child too: it
        # ends it as it ends the tool, never as Python's KeyboardInterrupt.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
        parent = os.getppid()
        prctl(_PR_SET_PDEATHSIG, kill, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return arm


def die_with_parent(parent: int) -> None:
    """In a process forked from ``parent`` (its pid): end with SIGKILL when the
    thread that forked it ends (Linux; elsewhere nothing), as :func:`run`'s tools do.

    A build's page renderers (:mod:`etalase.plugin.parallel`) ask it, so a build
    killed outright leaves none rendering on. Gone already: exit at once.
    """
    if _PRCTL is None:
        return
    _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


_ARM = _death_signal()


def run(
    args: Sequence[str],
    *,
    timeout: float,
    outputs: Sequence[Path] = (),
    cancel: threading.Event | None = None,
) -> RunResult:
    """Run ``args`` with no shell and no stdin, bounded by ``timeout`` seconds.

    Args:
        args: The command line; ``args[0]`` is the executable.
        timeout: Seconds before the process group is killed.
        outputs: Files the command writes; removed if it fails or times out.
        cancel: Once set (from another thread), the process group is killed
            within a fifth of a second and the result is ``cancelled``.

    Raises:
        ToolMissing: ``args[0]`` cannot be executed.
    """
    started = time.monotonic()
    # A Ctrl+C that lands while the child runs Python's fork handlers (before it
    # leaves the parent's process group) would print a traceback there: it is
    # held in the forking thread until the child is in its own session.
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        proc = subprocess.Popen(
            list(args),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
            preexec_fn=_ARM,  # one prctl call, prepared above
        )
    except (FileNotFoundError, PermissionError) as exc:
        raise ToolMissing(str(args[0])) from exc
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    stats.bump()
    timed_out = cancelled = False
    deadline = started + timeout
    while True:
        left = max(0.0, deadline - time.monotonic())
        try:
            stdout, stderr = proc.communicate(timeout=min(left, 0.2) if cancel else left)
            break
        except subprocess.TimeoutExpired:
            timed_out = time.monotonic() >= deadline
            cancelled = cancel is not None and cancel.is_set()
            if timed_out or cancelled:
                _kill_group(proc)
                stdout, stderr = proc.communicate()
                break
    result = RunResult(
        args=tuple(args),
        returncode=proc.returncode,
        stdout=stdout,
        stderr_tail=stderr[-STDERR_TAIL:].decode("utf-8", "replace"),
        timed_out=timed_out,
        seconds=time.monotonic() - started,
        cancelled=cancelled,
    )
    if not result.ok:
        for path in outputs:
            Path(path).unlink(missing_ok=True)
    return result


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    except PermissionError:
        proc.kill()

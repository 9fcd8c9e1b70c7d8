"""Progress of the media step: a one-line bar on a terminal, plain lines otherwise.

On a terminal the bar shows the clips done, the minutes of video done, the
clips being worked on and an estimate of the time left (from the minutes of
video still to do, when the clips' durations are known), redrawn in place. In a log (CI, cron, a pipe) each clip that
was worked on or failed gets one line; clips reused from the cache stay quiet
so a no-change run over a large catalogue prints only its summary.
"""

from __future__ import annotations

import shutil
import threading
import time
from typing import Literal, TextIO

from ..messages import decimal, text
from ..problems import Lang

Outcome = Literal["processed", "reused", "failed"]

BAR = 20
REDRAW_EVERY = 0.1


def clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a number of seconds."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def summary_line(
    processed: int, reused: int, failed: int, seconds: float, lang: Lang = "id"
) -> str:
    """The last line of a media run."""
    return text(
        "media.summary",
        lang,
        processed=processed,
        reused=reused,
        failed=failed,
        seconds=decimal(seconds, lang),
    )


class Progress:
    """Reports a media run of ``total`` clips to ``stream`` (thread-safe).

    Args:
        total: How many clips the run has.
        stream: Where to write (stderr in the CLI).
        lang: ``id`` or ``en``.
        tty: Draw a bar (True) or print lines (False); default: ``stream.isatty()``.
        video_seconds: The clips' total duration (0: unknown; the estimate then
            goes by clips).
    """

    def __init__(
        self,
        total: int,
        stream: TextIO,
        *,
        lang: Lang = "id",
        tty: bool | None = None,
        video_seconds: float = 0.0,
    ):
        self.total = total
        self.stream = stream
        self.lang: Lang = lang
        self.video_total = video_seconds
        self.video_done = 0.0  # seconds of video of the clips done
        self.video_worked = 0.0  # of those, the ones that needed ffmpeg
        self.tty = stream.isatty() if tty is None else tty
        self.done = 0
        self.worked = 0  # clips that needed ffmpeg, for the estimate
        self.current: list[str] = []
        self.started_at = time.monotonic()
        self._drawn_at = 0.0
        self._lock = threading.Lock()

    def start(self, key: str) -> None:
        """A clip is being looked at."""
        with self._lock:
            self.current.append(key)
            self._draw()

    def finish(self, key: str, outcome: Outcome, seconds: float, video: float = 0.0) -> None:
        """A clip is done (``seconds`` of work, ``video`` seconds long)."""
        with self._lock:
            if key in self.current:
                self.current.remove(key)
            self.done += 1
            self.video_done += video
            if outcome != "reused":
                self.worked += 1
                self.video_worked += video
            if not self.tty and outcome != "reused":
                self.stream.write(
                    f"[{self.done}/{self.total}] {text(f'progress.{outcome}', self.lang)} {key} "
                    f"({seconds:.1f} s)\n"
                )
                self.stream.flush()
            if self.done == self.total:
                self._draw(force=True)

    def close(self) -> None:
        """Clear the bar so the summary starts on a clean line."""
        with self._lock:
            if self.tty:
                self.stream.write("\r\033[K")
                self.stream.flush()

    def _draw(self, *, force: bool = False) -> None:
        if not self.tty:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < REDRAW_EVERY:
            return
        self._drawn_at = now
        filled = BAR * self.done // max(1, self.total)
        elapsed = now - self.started_at
        eta = ""
        if self.video_total > 0 and self.video_worked > 0 and self.done < self.total:
            left = elapsed / self.video_worked * max(0.0, self.video_total - self.video_done)
            eta = f" {text('progress.left', self.lang)} ~{clock(left)}"
        elif 0 < self.done < self.total:
            eta = f" {text('progress.left', self.lang)} ~{clock(elapsed / self.done * (self.total - self.done))}"
        minutes = ""
        if self.video_total > 0:
            minutes = (
                f" {decimal(self.video_done / 60, self.lang)}/"
                f"{decimal(self.video_total / 60, self.lang)} {text('progress.minutes', self.lang)}"
            )
        line = (
            f"[{'#' * filled}{'.' * (BAR - filled)}] {self.done}/{self.total}{minutes} "
            f"{clock(elapsed)}{eta} {', '.join(self.current)}"
        )
        width = shutil.get_terminal_size((80, 20)).columns - 1
        self.stream.write("\r\033[K" + line[:width])
        self.stream.flush()

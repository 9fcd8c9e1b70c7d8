"""Progress: a bar with counts, current clip and ETA on a terminal; lines in a log."""

from __future__ import annotations

import io

from etalase.media.progress import Progress, clock, summary_line


def test_a_log_gets_one_line_per_clip_worked_on_and_none_for_reused_ones() -> None:
    out = io.StringIO()
    progress = Progress(3, out, tty=False)
    for key, outcome in (("a/x", "processed"), ("a/y", "reused"), ("a/z", "failed")):
        progress.start(key)
        progress.finish(key, outcome, 1.25)  # type: ignore[arg-type]
    progress.close()
    assert out.getvalue().splitlines() == ["[1/3] diolah a/x (1.2 s)", "[3/3] GAGAL a/z (1.2 s)"]


def test_a_terminal_gets_a_bar_with_counts_the_current_clip_and_time_left() -> None:
    out = io.StringIO()
    progress = Progress(4, out, tty=True, lang="en")
    progress.start("sdn-1/robot")
    progress.finish("sdn-1/robot", "processed", 2.0)
    progress.start("sdn-1/batik")
    progress._drawn_at = 0  # draw now, not after the redraw interval
    progress._draw()
    last = out.getvalue().split("\r\033[K")[-1]
    assert last.startswith("[#####...............] 1/4 0:00 left ~0:00 sdn-1/batik")
    progress.close()
    assert out.getvalue().endswith("\r\033[K")


def test_the_bar_counts_minutes_of_video_and_estimates_from_them() -> None:
    out = io.StringIO()
    progress = Progress(3, out, tty=True, lang="id", video_seconds=600.0)
    progress.start("a/panjang")
    progress.started_at -= 60  # one minute of work for the first four minutes of video
    progress.finish("a/panjang", "processed", 60.0, video=240.0)
    progress._drawn_at = 0
    progress._draw()
    last = out.getvalue().split("\r\033[K")[-1]
    # 6 minutes of video left at 4 minutes a minute: 1:30 left (not 2:00 by clip count).
    assert last.startswith("[######..............] 1/3 4,0/10,0 menit video 1:00 sisa ~1:30")


def test_times_and_the_summary_read_naturally() -> None:
    assert (clock(0), clock(75), clock(3725)) == ("0:00", "1:15", "1:02:05")
    assert summary_line(3, 12, 1, 4.25) == (
        "Media: 3 diolah, 12 dipakai ulang dari cache, 1 gagal, dalam 4,2 detik."
    )
    assert summary_line(3, 12, 1, 4.25, "en") == (
        "Media: 3 processed, 12 reused from the cache, 1 failed, in 4.2 s."
    )

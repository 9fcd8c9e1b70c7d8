"""The offline WebM plays in Chromium and seeks by its cues (issue #23, item 3)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from etalase import process
from etalase.content.video import VideoInfo
from etalase.media.commands import FFMPEG_GLOBALS, clip_command
from etalase.media.rendition import OFFLINE, webm_output
from etalase.media.tools import Tools

pytest_plugins = ["browser_fixtures"]

PAGE = """<!doctype html><meta charset="utf-8"><title>luring</title>
<video id="v" src="offline.webm" muted preload="auto"></video>"""


def test_the_offline_webm_plays_and_seeks_in_chromium(
    browser: Any, tools: Tools, tmp_path: Path
) -> None:
    source = tmp_path / "phone.mp4"
    subprocess.run(
        [
            tools.ffmpeg,
            *FFMPEG_GLOBALS,
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=640x360:r=30:d=14",
            "-f",
            "lavfi",
            "-i",
            "sine=d=14",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            str(source),
        ],
        check=True,
    )
    info = VideoInfo(
        duration=14.0,
        width=640,
        height=360,
        rotation=0,
        video_codec="h264",
        audio_codec="aac",
        container="mov,mp4,m4a,3gp,3g2,mj2",
        bit_rate=1_000_000,
        pixel_format="yuv420p",
    )
    output = webm_output(info, OFFLINE, tmp_path / "offline.webm")
    process.run(clip_command(tools.ffmpeg, source, videos=[output]), timeout=120).check()
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    context = browser.new_context()
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto((tmp_path / "index.html").as_uri())
        video = page.locator("#v")
        page.wait_for_function("document.getElementById('v').readyState >= 3", timeout=20_000)
        assert video.evaluate("v => [v.videoWidth, v.videoHeight]") == [480, 270]
        assert video.evaluate("v => v.canPlayType('video/webm; codecs=\"vp9, opus\"')")
        video.evaluate("v => v.play()")
        page.wait_for_function("document.getElementById('v').currentTime > 0.5", timeout=20_000)
        video.evaluate("v => { v.pause(); v.currentTime = 11; }")
        page.wait_for_function(
            "(v => !v.seeking && v.readyState >= 2)(document.getElementById('v'))",
            timeout=20_000,
        )
        assert video.evaluate("v => v.currentTime") >= 11
        assert video.evaluate("v => v.error") is None
        assert errors == []
    finally:
        context.close()

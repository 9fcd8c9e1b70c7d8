"""Test helpers: tiny real clips made by ffmpeg, and scenario content trees.

Clips are made with ffmpeg's ``lavfi`` sources at tiny sizes, so the whole set
takes a few seconds. Nothing here mocks ffmpeg. ``conftest.py`` turns these
into fixtures; tests import the helpers from here.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from etalase.media.cache import MANIFEST, MANIFEST_VERSION, SECTIONS
from etalase.media.drafts import DRAFT_VERSION, CueConfidence, DraftJSON, DraftSettings, DraftStore
from etalase.media.journal import Manifest
from etalase.media.outputs import EntryMedia, Rendition
from etalase.site.pages import PageSpec, SitePlan

FFMPEG = shutil.which("ffmpeg")
FFPROBE = shutil.which("ffprobe")
if not (FFMPEG and FFPROBE):  # pragma: no cover - `make test` installs them
    raise pytest.UsageError("ffmpeg/ffprobe missing: run the tests with `make test`")

SMALL = "160x120"

# The fixture trees' policy: the default one, but a 3 s clip is long enough, so
# scenarios encode 3 s instead of 35 s (STYLE.md point 20). The upper bound and
# the tolerance stay the default's, so "long" and "edge" keep their meaning; the
# duration rules' own tests use the default policy with "short", "ok_35", "long".
TEST_DURATION_MIN = 1
TEST_POLICY_OPTIONS = f"      duration_min: {TEST_DURATION_MIN}\n"
# A Tree's mkdocs.yml: otherwise the defaults, as a bare folder without one.
MKDOCS_YML = "docs_dir: content\nplugins:\n  - etalase:\n" + TEST_POLICY_OPTIONS
X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]


def run_folder(factory: pytest.TempPathFactory) -> Path:
    """The temporary folder of the whole run: every pytest-xdist worker of it sees the same one.

    Under xdist each worker's base temp is ``pytest-N/popen-gwK``; alone, ``pytest-N``.
    """
    base = factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@contextmanager
def held(lock_file: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``lock_file`` for the block: one worker at a time, others wait."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def made_once(folder: Path, build: Callable[[Path], object]) -> Path:
    """``folder`` as ``build(folder)`` made it, once for the run, by the first worker to ask.

    The others wait for it (a lock beside it) and then read it; nobody writes into it
    afterwards. A build that failed half way is made again by the next one who asks.
    """
    done = folder.with_name(folder.name + ".made")
    with held(folder.with_name(folder.name + ".lock")):
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            build(folder)
            done.touch()
    return folder


def repository_demo(factory: pytest.TempPathFactory) -> AbstractContextManager[None]:
    """The repository's demo (``content/`` and its ``.cache/``) to oneself for the block.

    ``make_demo_media.py`` and ``etalase check`` (``tests/test_demo.py``) write there;
    a copy of the demo reads it. Under pytest-xdist two workers would interleave those
    (a copy missing a file being replaced), so each holds this first. No test builds
    the demo in the repository: a build refuses while another holds the project's lock.
    """
    return held(run_folder(factory) / "repository-demo.lock")


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-v", "error", "-nostdin", "-y", *args], check=True)


def grey_frame(video: Path, at: float, crop: str = "") -> bytes:
    """The frame of ``video`` at ``at`` seconds as raw grey bytes (``crop``: ffmpeg's
    ``w:h:x:y`` of a part of it)."""
    cropped = ["-vf", f"crop={crop}"] if crop else []
    grabbed = subprocess.run(
        [FFMPEG, "-v", "error", "-ss", f"{at:.2f}", "-i", str(video), "-frames:v", "1",
         *cropped, "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return grabbed.stdout


def _video(
    seconds: float, size: str = SMALL, source: str = "testsrc2", rate: int = 10
) -> list[str]:
    sep = ":" if "=" in source else "="
    return ["-f", "lavfi", "-i", f"{source}{sep}s={size}:r={rate}:d={seconds}"]


def _audio(seconds: float) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=frequency=440:d={seconds}"]


def clips_in(folder: Path) -> dict[str, Path]:
    """The clips :func:`make_clips` made in ``folder``, by name."""
    return {p.name.split(".")[0]: p for p in sorted(folder.iterdir())}


def make_clips(folder: Path) -> dict[str, Path]:
    """Every clip the tests use, by name.

    Valid clips are 3 s (valid under the fixture trees' test policy) unless a
    test needs their length: "ok_35", "silent", "hevc", "black_start" (a 4 s
    black leader, then 14 s of picture: its first poster candidate, at a quarter,
    shows the picture, so one ffmpeg call settles its poster) and the duration
    rules' "short", "long", "edge" and "two_hours".
    """
    folder.mkdir(parents=True, exist_ok=True)
    c: dict[str, Path] = {}

    def out(name: str) -> str:
        c[name.split(".")[0]] = folder / name
        return str(folder / name)

    # "ok" is valid under TEST_POLICY; "ok_35" under the default policy (duration tests).
    ffmpeg(*_video(3), *_audio(3), *X264, "-c:a", "aac", "-shortest", out("ok.mp4"))
    ffmpeg(*_video(35), *_audio(35), *X264, "-c:a", "aac", "-shortest", out("ok_35.mp4"))
    ffmpeg(*_video(72), *_audio(72), *X264, "-c:a", "aac", "-shortest", out("long.mp4"))
    ffmpeg(*_video(18), *X264, out("short.mp4"))
    ffmpeg(*_video(60.8), *X264, out("edge.mp4"))  # inside the phone tolerance
    ffmpeg(*_video(35), *X264, out("silent.mp4"))
    # A black leader, then picture: the poster must not be black (media issue).
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        f"color=c=black:s={SMALL}:r=10:d=4",
        *_video(14),
        "-filter_complex",
        "[0:v][1:v]concat=n=2:v=1[v]",
        "-map",
        "[v]",
        *X264,
        out("black_start.mp4"),
    )
    plain = folder / "unrotated.mp4"
    ffmpeg(*_video(3), *X264, str(plain))
    ffmpeg("-i", str(plain), "-c", "copy", "-metadata:s:v:0", "rotate=90", out("rotated.mov"))
    plain.unlink()
    ffmpeg(*_audio(35), "-c:a", "aac", "-f", "mp4", out("audio_only.mp4"))
    ffmpeg(
        *_video(33),  # 33 s: tests/media/test_onepass.py knows its poster candidates
        *_audio(33),
        "-c:v",
        "libx265",
        "-preset",
        "ultrafast",
        "-tag:v",
        "hvc1",
        "-x265-params",
        "log-level=error",
        "-c:a",
        "aac",
        "-shortest",
        out("hevc.mov"),
    )
    ffmpeg(
        *_video(3, "176x144"),
        *_audio(3),
        "-c:v",
        "h263",
        "-c:a",
        "aac",
        "-ar",
        "16000",
        "-shortest",
        out("h263.3gp"),
    )
    ffmpeg(
        *_video(3),
        *_audio(3),
        "-c:v",
        "libvpx-vp9",
        "-deadline",
        "realtime",
        "-cpu-used",
        "8",
        "-b:v",
        "100k",
        "-c:a",
        "libopus",
        "-shortest",
        out("vp9.webm"),
    )
    ffmpeg(*_video(3, "3840x2160", rate=1), *X264, "-crf", "45", out("uhd.mp4"))
    ffmpeg(*_video(7200, "32x32", "color=c=gray", rate=1), *X264, out("two_hours.mp4"))
    # Truncated: moov at the end (no faststart) and the tail cut off.
    whole = folder / "whole.mp4"
    ffmpeg(*_video(35), *X264, str(whole))
    data = whole.read_bytes()
    Path(out("truncated.mp4")).write_bytes(data[: len(data) // 2])
    whole.unlink()
    Path(out("empty.mp4")).write_bytes(b"")
    Path(out("text.mp4")).write_text("Ini bukan video, hanya teks.\n" * 50, encoding="utf-8")
    Path(out("random.mp4")).write_bytes(bytes((i * 7919 + 13) % 251 for i in range(40_000)))
    return c


SCHOOL = """\
---
name: {name}
npsn: "{npsn}"
level: SD
district: Blora
---
Sekolah dasar di tengah kota.
"""

ENTRY = """\
---
title: {title}
date: 2026-08-14
category: kreativitas-siswa
video: {video}
tags: [robotik, daur ulang]
consent: true
status: published
---
Siswa kelas 5 merakit robot dari barang bekas.
"""


class Tree:
    """A scenario content tree under ``root/content`` written by the tests."""

    def __init__(self, root: Path, clips: dict[str, Path]) -> None:
        self.root = root
        self.content = root / "content"
        self.clips = clips
        (self.content / "sekolah").mkdir(parents=True)
        # The test policy (3 s clips are valid); a test may write its own mkdocs.yml.
        (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")

    def default_policy(self) -> None:
        """Check this tree with the default policy (30-60 s): for the duration rules' tests."""
        (self.root / "mkdocs.yml").unlink(missing_ok=True)

    def school(self, slug: str, text: str | None = None, *, npsn: str = "20312345") -> Path:
        folder = self.content / "sekolah" / slug
        folder.mkdir(parents=True, exist_ok=True)
        body = text if text is not None else SCHOOL.format(name=f"SD {slug}", npsn=npsn)
        (folder / "index.md").write_text(textwrap.dedent(body), encoding="utf-8")
        return folder / "index.md"

    def entry(
        self,
        school: str,
        slug: str,
        text: str | bytes | None = None,
        *,
        clip: str | None = "ok",
        video: str = "video.mp4",
    ) -> Path:
        folder = self.content / "sekolah" / school / slug
        folder.mkdir(parents=True, exist_ok=True)
        if clip is not None:
            shutil.copyfile(self.clips[clip], folder / video)
        index = folder / "index.md"
        if isinstance(text, bytes):
            index.write_bytes(text)
        else:
            body = text if text is not None else ENTRY.format(title=f"Judul {slug}", video=video)
            index.write_text(textwrap.dedent(body), encoding="utf-8")
        return index


TreeFactory = Callable[[], Tree]


def seed_media_cache(seed: Path, folder: Path) -> None:
    """Start the media cache ``folder`` as a copy of the warmed cache ``seed``.

    Outputs are keyed by the source's content, the parameters and ffmpeg's
    version, so a scenario whose clips and settings match finds its posters and
    renditions made; any other job is a miss and is made as usual. The copy has
    hard links to the output files (the cache replaces files, never writes into
    them), the probe answers and the output records, but no ``sources``: those
    are known by absolute path, and this tree's files are hashed afresh.
    """
    data = Manifest(seed / MANIFEST, MANIFEST_VERSION, SECTIONS).load()
    for record in data["outputs"].values():
        for name in record.get("files", []):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(seed / name, target)
    copy = {"sources": {}, "probes": data["probes"], "outputs": data["outputs"]}
    Manifest(folder / MANIFEST, MANIFEST_VERSION, SECTIONS).replace(copy)


def rendition_named(media: EntryMedia, name: str) -> Rendition:
    """The rendition called ``name`` (``web`` or ``hemat``) of an entry's media."""
    return next(r for r in media.renditions if r.name == name)


def planned(plan: SitePlan, src_uri: str) -> PageSpec | None:
    """The planned page with ``src_uri``, or None."""
    return next((p for p in plan.pages if p.src_uri == src_uri), None)


def record_draft(
    root: Path, entry: str, cues: list[tuple[float, float, str, float]], language: str = "id"
) -> Path:
    """A machine draft of ``entry``'s clip in the project at ``root``, recorded as ``etalase
    captions`` records one (the drafts store's own ``save`` and ``record``) without running
    Whisper: ``cues`` are (start, end, text, confidence). Its WebVTT's path.

    The audio's digest stands for the cues' text, so another text is another draft.
    """
    store = DraftStore(root / ".cache/plugin/etalase/captions")
    settings = DraftSettings("uji", language)
    audio = hashlib.sha256(repr((entry, cues)).encode()).hexdigest()
    key = settings.key(audio)
    draft = DraftJSON(
        version=DRAFT_VERSION,
        language=language,
        model="uji",
        audio_sha256=audio,
        settings=json.loads(settings.key_text()),
        cues=[
            CueConfidence(start=a, end=b, text=text, confidence=c, no_speech=0.1)
            for a, b, text, c in cues
        ],
    )
    store.save(key, draft)
    store.record(
        entry, language, root / "content/sekolah" / entry / "video.mp4", key, audio, settings
    )
    return store.paths(key)[0]

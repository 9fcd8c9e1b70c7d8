"""A stalled upload is refused with "unggah ulang", never accepted; a growing one still waits."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from test_ingest import GOOD_TXT, SD, put, report

from cutclips import SECONDS, cut, unsized
from etalase.cli import main
from etalase.intake.ingest import ingest_once
from etalase.project import load_project
from scenarios import X264, Tree, ffmpeg


@pytest.fixture(scope="module")
def faststart(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A whole 35 s faststart MP4, as a phone writes it."""
    path = tmp_path_factory.mktemp("faststart") / "VID_20260814.mp4"
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s=160x120:r=10:d={SECONDS}", "-f", "lavfi",
           "-i", f"sine=d={SECONDS}", *X264, "-c:a", "aac", "-shortest",
           "-movflags", "+faststart", str(path))  # fmt: skip
    return path


def test_a_half_uploaded_clip_is_refused_with_upload_again_never_accepted(
    tree: Tree, faststart: Path
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    cut(faststart, drop / SD / "Robot" / "VID_20260814.mp4")
    put(drop / SD / "Robot" / "penjelasan.txt", GOOD_TXT)
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported == []
    assert summary.to_fix == [f"{SD}/Robot"]
    said = report(drop, SD)
    assert "[PERLU DIPERBAIKI] Robot/" in said
    assert "DITERIMA" not in said
    assert "tidak lengkap (terpotong saat diunggah)" in said
    assert "Unggah ulang videonya" in said
    assert not (tree.content / "sekolah" / "sdn-2-sambongrejo" / "robot-pemilah-sampah").exists()
    # The school uploads it again, whole: it is accepted.
    put(drop / SD / "Robot" / "VID_20260814.mp4", faststart)
    assert ingest_once(load_project(), drop, settle=0).imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah"
    ]
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot/" in report(drop, SD)


def test_a_clip_still_growing_waits_as_before_and_is_taken_once_whole(
    tree: Tree, faststart: Path
) -> None:
    """A sync client writing the clip: uploading, not truncated; whole, accepted."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    video = drop / SD / "Robot" / "VID_20260814.mp4"
    data = faststart.read_bytes()
    cut(faststart, video, 0.3)
    put(drop / SD / "Robot" / "penjelasan.txt", GOOD_TXT)
    done = threading.Event()

    def keep_writing() -> None:
        written = video.stat().st_size
        with video.open("ab") as handle:
            while not done.is_set() and written < len(data) - 1000:
                handle.write(data[written : written + 1000])
                handle.flush()
                written += 1000
                time.sleep(0.02)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        summary = ingest_once(load_project(), drop, settle=0.3)
    finally:
        done.set()
        writer.join()
    assert summary.imported == [] and summary.uploading == 1 and summary.to_fix == []
    assert "[SEDANG DIUNGGAH] Robot/" in report(drop, SD)
    video.write_bytes(data)
    assert ingest_once(load_project(), drop, settle=0.1).imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah"
    ]


def test_a_cut_clip_only_the_decode_can_tell_is_withdrawn_from_accepted(
    tree: Tree, faststart: Path
) -> None:
    """Its last box runs "to the end of the file": the headers pass, the media step finds less."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    video = drop / SD / "Robot" / "VID_20260814.mp4"
    unsized(cut(faststart, tree.root / "cut.mp4"), video)
    put(drop / SD / "Robot" / "penjelasan.txt", GOOD_TXT)
    assert ingest_once(load_project(), drop, settle=0).imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah"
    ]
    assert main(["media"]) == 1
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.to_fix == [f"{SD}/Robot"]
    said = report(drop, SD)
    assert "[PERLU DIPERBAIKI] Robot/" in said and "DITERIMA" not in said
    assert "Robot/VID_20260814.mp4: Video 'VID_20260814.mp4' tidak lengkap" in said

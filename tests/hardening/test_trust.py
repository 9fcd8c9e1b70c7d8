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

import pytest
from hostile_scenario import new_site

from etalase import process

SRC = Path(__file__).resolve().parents[2] / "src"
ENV = {**os.environ, "PYTHONPATH": str(SRC)}
ETALASE = [sys.executable, "-m", "etalase"]


def etalase(root: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*ETALASE, *args],
        cwd=root,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


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
        proc = subprocess.Popen(
            [*ETALASE, "check", "--format", fmt],
            cwd=tmp_path,
            env=ENV,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
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
        if (
            name.startswith("ffmpeg")
            and int(rest.split()[1]) == pid
            and (b"libx264" in (entry / "cmdline").read_bytes())
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
    slow = tmp_path / "lambat.mp4"  # 20 s of busy 25 fps picture: seconds of encoding
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-nostdin",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=960x540:r=25:d=20",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(slow),
        ],
        check=True,
        timeout=120,
    )
    site.clips = {**clips, "slow": slow}
    site.entry("sdn-1-blora", "lambat", clip="slow")
    first = subprocess.Popen(
        [*ETALASE, "media", "--jobs", "1"],
        cwd=tmp_path,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
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


def _phone_photo(path: Path, size: tuple[int, int] = (2400, 1200)) -> None:
    """A JPEG as a phone writes it: GPS, make and model, and 'rotate 90° to show'."""
    from PIL import Image

    picture = Image.new("RGB", size, (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Apple", "iPhone 13", 6
    exif[0x8825] = {1: "S", 2: (6.0, 58.0, 1.0), 3: "E", 4: (111.0, 25.0, 3.0)}
    picture.save(path, exif=exif.tobytes())


SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'


def test_only_what_etalase_made_or_checked_reaches_the_site(
    tmp_path: Path, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    school = site.content / "sekolah/sdn-1-blora"
    index = school / "index.md"
    index.write_text(index.read_text().replace("website:", "logo: logo.jpg\nwebsite:"))
    _phone_photo(school / "logo.jpg", (600, 600))
    (school / "halaman.html").write_text("<script>alert(3)</script>")
    folder = site.entry("sdn-1-blora", "robot", body="Foto: ![robot](foto.jpg)")
    _phone_photo(folder / "foto.jpg")
    (folder / "gambar.svg").write_text(SVG)
    (folder / "serangan.html").write_text("<script>alert(4)</script>")
    (folder / "palsu.png").write_text(SVG)  # an SVG wearing a picture's name
    (folder / "catatan.pdf").write_bytes(b"%PDF-1.4 bukan untuk situs")
    (folder / "sub").mkdir()
    (folder / "sub/lagi.html").write_text("<script>alert(5)</script>")
    checked = etalase(tmp_path, "check", timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr  # warnings: still published
    for name in ("robot/gambar.svg", "robot/serangan.html", "robot/catatan.pdf", "halaman.html"):
        assert (
            f"PERINGATAN [FILE_NOT_PUBLISHED] content/sekolah/sdn-1-blora/{name}\n"
            in checked.stdout
        )
    built = etalase(tmp_path, "build", timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    out = tmp_path / "site/sekolah/sdn-1-blora"
    published = sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and not p.name.startswith(("poster-", "video-"))
    )
    made = ["_360w/logo.jpg", "logo.jpg", "robot/_360w/foto.jpg", "robot/_720w/foto.jpg"]
    assert published == sorted([*made, "index.html", "robot/foto.jpg", "robot/index.html"])
    # The photos are ours now: upright, at most 1600 px, and nothing of the phone left,
    # in the narrower copies for phones neither.
    photo = Image.open(out / "robot/foto.jpg")
    assert photo.size == (800, 1600)
    assert Image.open(out / "robot/_360w/foto.jpg").size == (360, 720)
    for name in [*made, "robot/foto.jpg"]:
        picture = Image.open(out / name)
        assert dict(picture.getexif()) == {}
        assert not {"exif", "xmp", "icc_profile", "comment"} & set(picture.info)
        data = (out / name).read_bytes()
        assert b"Apple" not in data and b"iPhone" not in data and b"Exif" not in data
    assert 'src="foto.jpg"' in (out / "robot/index.html").read_text()
    assert "logo.jpg" in (out / "index.html").read_text()
    # An unchanged picture is not made again.
    from etalase.project import load_project
    from etalase.site.prepare import prepare_site
    from etalase.site.strings import Strings

    monkeypatch.chdir(tmp_path)
    before = process.stats.started
    prepared = prepare_site(load_project(), Strings("id"))
    assert process.stats.started == before  # an unchanged picture is not made again
    codes = {(Path(p.path).name, p.code) for p in prepared.problems}
    assert ("palsu.png", "IMAGE_UNUSABLE") in codes and (
        "gambar.svg",
        "FILE_NOT_PUBLISHED",
    ) in codes


def _small_disk(folder: Path, kilobytes: int) -> bool:
    """Mount a real tmpfs of ``kilobytes`` on ``folder`` (as root); False when impossible."""
    folder.mkdir()
    if os.geteuid() != 0:
        return False
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={kilobytes}k", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    return mounted.returncode == 0


def _limit_file_size() -> None:  # the fallback: files past 300 KB fail with EFBIG
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (300_000, 300_000))


def test_a_full_disk_says_so_and_leaves_no_half_built_site(
    tmp_path: Path, clips: dict[str, Path]
) -> None:
    site = new_site(tmp_path, clips)
    site.school("sdn-1-blora", npsn="20312345")
    for n in range(3):
        site.entry("sdn-1-blora", f"entri-{n}")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "docs_dir: content\n", "docs_dir: content\nsite_dir: kecil/site\n"
        )
    )
    assert etalase(tmp_path, "media").returncode == 0  # the cache lives on the big disk
    small = tmp_path / "kecil"
    mounted = _small_disk(small, 600)
    try:
        built = subprocess.run(
            [*ETALASE, "build"],
            cwd=tmp_path,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=300,
            preexec_fn=None if mounted else _limit_file_size,
        )
        assert built.returncode == 2, built.stdout + built.stderr
        assert "kesalahan internal" not in built.stderr and "Traceback" not in built.stderr
        assert f"etalase: disk penuh di {small}: situs butuh paling sedikit " in built.stderr
        assert " MB, yang tersisa " in built.stderr
        assert list(small.iterdir()) == []  # no .site.new left taking the last space
    finally:
        if mounted:
            subprocess.run(["umount", str(small)], check=False)

"""``etalase ingest``: the shared-folder drop, end to end with real clips and real ffprobe."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document

from etalase import process
from etalase.cli import main
from etalase.content.reader import read_markdown
from etalase.intake import stage
from etalase.intake.drop import REPORT_NAME
from etalase.intake.ingest import ingest_once
from etalase.intake.watch import watch_drop
from etalase.media.tools import Tools
from etalase.project import load_project
from scenarios import FFMPEG, Tree

SD = "20391201 SD Negeri 2 Sambongrejo"
SMP = "20393357 SMP Tunas Jati"
GOOD_TXT = (
    "Robot Pemilah Sampah\r\n"
    "Kategori:  kreativitas siswa\r\n"
    "Tanggal: 14 Agustus 2026\r\n"
    "tag : robotik, daur ulang\r\n"
    "Izin: ya\r\n"
    "\r\n"
    "Murid kelas 5 merakit robot pemilah sampah dari kardus bekas.\r\n"
)


@pytest.fixture(scope="session")
def clip75(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 75-second clip, tiny: 64x64 at 5 fps."""
    path = tmp_path_factory.mktemp("clip75") / "panjang.mp4"
    assert FFMPEG
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=64x64:r=5:d=75",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


def write_docx(path: Path, *lines: str) -> None:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def put(path: Path, source: Path | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        shutil.copyfile(source, path)
    else:
        path.write_bytes(source.encode("utf-8"))


def snapshot(folder: Path, skip: Callable[[Path], bool] = lambda p: False) -> dict[str, str]:
    """Every file below ``folder`` with its SHA-256 (and every folder, hashed as 'dir')."""
    return {
        p.relative_to(folder).as_posix(): (
            "dir" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        )
        for p in sorted(folder.rglob("*"))
        if not skip(p)
    }


def is_report(p: Path) -> bool:
    return p.name == REPORT_NAME


@pytest.fixture
def drop(tree: Tree, clips: dict[str, Path], clip75: Path) -> Path:
    """The issue's scenario: a good .txt, a good .docx, a 75 s clip, a clip without text."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    tree.school("smp-tunas-jati", npsn="20393357")
    root = tree.root / "drop"
    put(root / SD / "Robot Pemilah Sampah" / "VID_20260814.mp4", clips["ok"])
    put(root / SD / "Robot Pemilah Sampah" / "penjelasan.txt", GOOD_TXT)
    put(root / SD / "Lomba 17an" / "lomba.mp4", clip75)
    put(root / SD / "Lomba 17an" / "keterangan.txt", "Lomba Tujuh Belasan\nIzin: ya\nSeru.\n")
    put(root / SMP / "Pameran Sains" / "rekaman.mp4", clips["silent"])
    write_docx(
        root / SMP / "Pameran Sains" / "Penjelasan Pameran.docx",
        "Pameran Sains",
        "Kategori: Inovasi Pembelajaran",
        "Izin orang tua: sudah",
        "",
        "Siswa kelas 8 memamerkan alat peraga.",
    )
    put(root / SMP / "Video Saja" / "video.mp4", clips["ok"])
    return root


def report(drop: Path, school: str) -> str:
    return (drop / school / REPORT_NAME).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")


def test_good_submissions_land_in_review_and_bad_ones_are_explained(
    drop: Path, tree: Tree, tools: Tools, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(drop)
    assert main(["ingest", str(drop), "--settle", "0.1"]) == 1
    out = capsys.readouterr().out
    assert "Diterima (menunggu pemeriksaan): sdn-2-sambongrejo/robot-pemilah-sampah" in out
    assert "Diterima (menunggu pemeriksaan): smp-tunas-jati/pameran-sains" in out
    assert f"Perlu diperbaiki: {SD}/Lomba 17an" in out

    robot = tree.content / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah"
    assert sorted(p.name for p in robot.iterdir()) == [
        ".etalase-asal.json",
        "index.md",
        "video.mp4",
    ]
    origin = json.loads((robot / ".etalase-asal.json").read_text())
    assert origin["origin"] == f"{SD}/Robot Pemilah Sampah"
    assert (robot / "index.md").read_text() == (
        '---\ntitle: "Robot Pemilah Sampah"\ndate: 2026-08-14\ncategory: kreativitas-siswa\n'
        'video: video.mp4\ntags: [robotik, "daur ulang"]\nconsent: true\nstatus: review\n'
        "---\nMurid kelas 5 merakit robot pemilah sampah dari kardus bekas.\n"
    )
    assert (robot / "video.mp4").read_bytes() == (
        drop / SD / "Robot Pemilah Sampah" / "VID_20260814.mp4"
    ).read_bytes()
    sains = read_markdown(tree.content / "sekolah/smp-tunas-jati/pameran-sains/index.md", "x")[0]
    assert sains is not None
    assert (sains.meta["category"], sains.meta["status"]) == ("inovasi-pembelajaran", "review")
    entries = sorted(p.parent.name for p in (tree.content / "sekolah").glob("*/*/index.md"))
    assert entries == ["pameran-sains", "robot-pemilah-sampah"]

    # What `etalase check` sees: both imported entries are valid and wait for review.
    result = load_project().load()
    assert {e.key: e.status for e in result.catalogue.entries} == {
        "sdn-2-sambongrejo/robot-pemilah-sampah": "review",
        "smp-tunas-jati/pameran-sains": "review",
    }

    sd = report(drop, SD)
    assert "[PERLU DIPERBAIKI] Lomba 17an/" in sd
    assert "- Masalah: Lomba 17an/lomba.mp4: Durasi video 75 detik; maksimal 60 detik." in sd
    assert "Perbaikan: Potong videonya lalu kirim ulang." in sd
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot Pemilah Sampah/" in sd
    smp = report(drop, SMP)
    assert "[BELUM LENGKAP] Video Saja/" in smp
    assert "Folder kiriman belum berisi berkas penjelasan." in smp
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Pameran Sains/" in smp

    # The school's own files are byte-identical; only the two reports were added.
    after = snapshot(drop)
    assert {k: v for k, v in after.items() if not k.endswith(REPORT_NAME)} == before
    assert sorted(k for k in after if k.endswith(REPORT_NAME)) == [
        f"{SD}/{REPORT_NAME}",
        f"{SMP}/{REPORT_NAME}",
    ]


def test_a_second_run_changes_nothing(drop: Path, tree: Tree, tools: Tools) -> None:
    project = load_project()
    first = ingest_once(project, drop, settle=0)
    assert len(first.imported) == 2
    drop_state = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in drop.rglob("*") if p.is_file()}
    content_state = snapshot(tree.root, skip=lambda p: ".cache" in p.parts)
    started = process.stats.started
    second = ingest_once(project, drop, settle=0)
    assert second.imported == [] and second.reports_written == 0
    assert process.stats.started == started  # nothing probed again, not even the bad clip
    assert {
        p: (p.stat().st_mtime_ns, p.read_bytes()) for p in drop.rglob("*") if p.is_file()
    } == drop_state
    assert snapshot(tree.root, skip=lambda p: ".cache" in p.parts) == content_state


def test_a_lost_ledger_does_not_import_anything_twice(drop: Path, tree: Tree, tools: Tools) -> None:
    project = load_project()
    assert len(ingest_once(project, drop, settle=0).imported) == 2
    (tree.root / ".cache/plugin/etalase/ingest.json").unlink()  # e.g. `make clean`
    assert ingest_once(project, drop, settle=0).imported == []
    assert len(list((tree.content / "sekolah").glob("*/*/index.md"))) == 2
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot Pemilah Sampah/" in report(drop, SD)


def test_renamed_folder_is_not_imported_twice_and_a_fixed_upload_is(
    drop: Path, tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    project = load_project()
    ingest_once(project, drop, settle=0)
    (drop / SD / "Robot Pemilah Sampah").rename(drop / SD / "Robot (lama)")
    assert ingest_once(project, drop, settle=0).imported == []
    # The school trims the 75 s clip and uploads it again in the same folder.
    shutil.copyfile(clips["edge"], drop / SD / "Lomba 17an" / "lomba.mp4")
    again = ingest_once(project, drop, settle=0)
    assert again.imported == ["sdn-2-sambongrejo/lomba-tujuh-belasan"]
    assert "[PERLU DIPERBAIKI]" not in report(drop, SD)


def test_review_decisions_reach_the_school_report(
    drop: Path, tools: Tools, capsys: pytest.CaptureFixture[str]
) -> None:
    project = load_project()
    ingest_once(project, drop, settle=0)
    assert (
        main(["reject", "smp-tunas-jati/pameran-sains", "--reason", "Suara tidak terdengar."]) == 0
    )
    assert main(["publish", "sdn-2-sambongrejo/robot-pemilah-sampah"]) == 0
    ingest_once(project, drop, settle=0)
    assert (
        "[DITOLAK KURATOR] Pameran Sains/\n  Judul: Pameran Sains\n  Kiriman ini tidak "
        "ditayangkan.\n  Alasan kurator: Suara tidak terdengar." in report(drop, SMP)
    )
    # #12.19: published by the curator is not yet "Sudah tayang" with a URL: no site has it.
    sd = report(drop, SD)
    assert "[DITERBITKAN, SEGERA TAYANG] Robot Pemilah Sampah/" in sd
    assert "Sudah tayang" not in sd and "[TAYANG]" not in sd
    page = (
        project.site_dir / "sekolah" / "sdn-2-sambongrejo" / "robot-pemilah-sampah" / "index.html"
    )
    page.parent.mkdir(parents=True)
    page.write_text("<!doctype html>", encoding="utf-8")  # what the next build leaves there
    (project.site_dir / "index.html").write_text("<!doctype html>", encoding="utf-8")
    # #28.12: a local build (or `serve`) with nothing deployed is not "tayang" either.
    config = project.root / "mkdocs.yml"
    yml = (
        "site_name: Uji\nsite_url: {url}\ndocs_dir: content\nplugins:\n  - etalase:\n"
        "      districts: [Blora]\n      duration_min: 1\n      deploy:\n        pages: {host}\n"
    )
    host = project.root.parent / "server"
    config.write_text(yml.format(url="http://127.0.0.1:8000/", host=host), encoding="utf-8")
    ingest_once(load_project(), drop, settle=0)
    sd = report(drop, SD)
    assert "[DITERBITKAN, SEGERA TAYANG] Robot Pemilah Sampah/" in sd
    assert "Sudah tayang" not in sd and "127.0.0.1" not in sd
    # Deployed (a real `etalase deploy` to a folder): "tayang", without this computer's address.
    capsys.readouterr()
    assert main(["deploy", "--no-verify"]) == 0
    said = capsys.readouterr().out
    assert re.search(r"Deploy selesai: .* dalam \d+,\d s\.", said), said  # #28.14: 0,4 s
    assert not re.search(r"\d\.\d s\b", said), said
    assert (host / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah/index.html").is_file()
    ingest_once(load_project(), drop, settle=0)
    sd = report(drop, SD)
    assert "[TAYANG] Robot Pemilah Sampah/" in sd
    assert "Sudah tayang di Etalase." in sd and "127.0.0.1" not in sd
    # With the public address set, the school gets the link to its page there.
    config.write_text(yml.format(url="https://etalase.example.id/", host=host), "utf-8")
    ingest_once(load_project(), drop, settle=0)
    assert (
        "Sudah tayang di Etalase: https://etalase.example.id/sekolah/sdn-2-sambongrejo/"
        "robot-pemilah-sampah/" in report(drop, SD)
    )


def test_unknown_npsn_and_folder_without_npsn_are_reported_not_guessed(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    put(drop / "20399999 SD Baru" / "Kiriman" / "video.mp4", clips["ok"])
    put(drop / "20399999 SD Baru" / "Kiriman" / "a.txt", GOOD_TXT)
    put(drop / "SD Negeri 2 Sambongrejo" / "Kiriman" / "video.mp4", clips["ok"])
    put(drop / "SD Negeri 2 Sambongrejo" / "Kiriman" / "a.txt", GOOD_TXT)
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported == [] and not summary.clean
    assert "NPSN 20399999 belum terdaftar di Etalase" in report(drop, "20399999 SD Baru")
    assert "tidak diawali NPSN sekolah" in report(drop, "SD Negeri 2 Sambongrejo")
    assert "Belum ada folder kiriman" not in report(drop, "20399999 SD Baru")
    assert list((tree.content / "sekolah" / "sdn-2-sambongrejo").iterdir()) == [
        tree.content / "sekolah" / "sdn-2-sambongrejo" / "index.md"
    ]


def test_two_runs_at_once_are_refused(drop: Path, tree: Tree, tools: Tools) -> None:
    import fcntl

    from etalase.errors import ConfigError

    lock = tree.root / ".cache/plugin/etalase/ingest.lock"
    lock.parent.mkdir(parents=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        with pytest.raises(ConfigError, match="ingest lain sedang berjalan"):
            ingest_once(load_project(), drop, settle=0)
    assert len(ingest_once(load_project(), drop, settle=0).imported) == 2


def test_links_in_the_drop_folder_are_not_followed(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    put(drop / SD / "Robot" / "penjelasan.txt", GOOD_TXT)
    (drop / SD / "Robot" / "video.mp4").symlink_to(clips["ok"])
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported == []
    assert "Folder kiriman belum berisi berkas video." in report(drop, SD)


def test_a_file_still_being_written_waits_for_the_next_run(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    put(drop / SD / "Robot" / "video.mp4", clips["ok"])
    text = drop / SD / "Robot" / "penjelasan.txt"
    put(text, GOOD_TXT)
    done = threading.Event()

    def keep_writing() -> None:
        with text.open("a", encoding="utf-8") as handle:
            while not done.is_set():
                handle.write("Paragraf tambahan.\n")
                handle.flush()
                time.sleep(0.02)

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        summary = ingest_once(load_project(), drop, settle=0.3)
    finally:
        done.set()
        writer.join()
    assert summary.imported == [] and summary.uploading == 1
    assert "[SEDANG DIUNGGAH] Robot/" in report(drop, SD)
    assert ingest_once(load_project(), drop, settle=0.1).imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah"
    ]


def test_a_crash_half_way_leaves_no_half_entry(
    drop: Path, tree: Tree, tools: Tools, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> None:
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr(stage.os, "rename", crash)
        with pytest.raises(OSError):
            ingest_once(load_project(), drop, settle=0)
    assert sorted(p.name for p in tree.content.iterdir()) == ["sekolah"]
    assert [p for p in (tree.content / "sekolah").glob("*/*") if p.is_dir()] == []
    # A hard kill leaves the staging folder: the next run clears it and imports cleanly.
    (tree.content / stage.STAGING_DIR / "dead" / "sekolah").mkdir(parents=True)
    assert len(ingest_once(load_project(), drop, settle=0).imported) == 2
    assert not (tree.content / stage.STAGING_DIR).exists()


def test_watch_imports_new_submissions_and_survives_the_folder_vanishing(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    drop = tree.root / "drop"
    (drop / SD).mkdir(parents=True)
    stop = threading.Event()
    runs: list[object] = []
    watcher = threading.Thread(
        target=watch_drop,
        args=(load_project(), drop),
        kwargs={
            "stop": stop,
            "settle": 0.05,
            "interval": 30,
            "debounce": 0.1,
            "on_run": runs.append,
        },
    )
    school = tree.content / "sekolah" / "sdn-2-sambongrejo"

    def wait_for(slug: str) -> bool:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if (school / slug / "index.md").exists():
                return True
            time.sleep(0.05)
        return False

    watcher.start()
    try:
        put(drop / SD / "Robot" / "video.mp4", clips["ok"])
        put(drop / SD / "Robot" / "penjelasan.txt", GOOD_TXT)
        assert wait_for("robot-pemilah-sampah")
        drop.rename(tree.root / "drop-lama")  # the shared folder vanishes ...
        time.sleep(0.3)
        (tree.root / "drop-lama").rename(drop)  # ... and comes back
        put(drop / SD / "Kebun" / "video.mp4", clips["silent"])
        put(drop / SD / "Kebun" / "kebun.txt", "Kebun Hidroponik\nIzin: ya\nMenanam sawi.\n")
        assert wait_for("kebun-hidroponik")
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()


def test_a_report_never_recreates_a_school_folder_that_vanished(tmp_path: Path) -> None:
    """The shared folder was unmounted mid-run: its school's report waits, the folder stays gone."""
    from etalase.intake.report_file import write_report

    gone = tmp_path / "drop" / "20312345 SD Negeri 1 Blora"
    assert write_report(gone, "Laporan") is False
    assert not (tmp_path / "drop").exists()
    gone.mkdir(parents=True)
    assert write_report(gone, "Laporan") is True
    assert (gone / REPORT_NAME).read_bytes().startswith("\ufeff".encode())


def test_the_school_report_names_an_entry_folder_without_its_text(
    drop: Path, tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    folder = tree.content / "sekolah" / "sdn-2-sambongrejo" / "lupa-teks"
    put(folder / "video.mp4", clips["ok"])
    ingest_once(load_project(), drop, settle=0)
    assert (
        "- Masalah: content/sekolah/sdn-2-sambongrejo/lupa-teks: Folder entri 'lupa-teks' "
        "berisi video (video.mp4) tetapi tidak punya berkas index.md"
    ) in report(drop, SD)
    assert "lupa-teks" not in report(drop, SMP)


def test_every_problem_of_a_submission_is_reported_at_once(
    tree: Tree, tools: Tools, clips: dict[str, Path], clip75: Path
) -> None:
    """#12.16: a structural problem, or a text problem, must not hide the others."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    two = root / SD / "Dua Video"
    put(two / "a.mp4", clips["ok"])
    put(two / "b.mp4", clip75)
    put(two / "keterangan.txt", "Dua Video\nTanggal: kemarin\nSeru.\n")  # no consent, bad date
    put(two / "lagi.txt", "Judul Lain\nIzin: ya\nIsi.\n")
    one = root / SD / "Kepanjangan"
    put(one / "lomba.mp4", clip75)
    put(one / "keterangan.txt", "Lomba\nSeru.\n")  # no consent
    summary = ingest_once(load_project(), root, settle=0)
    assert summary.imported == [] and len(summary.to_fix) == 2
    text = report(root, SD)
    block = text[text.index("[PERLU DIPERBAIKI] Dua Video/") :]
    block = block[: block.index("\n\n")]
    assert "Folder kiriman berisi lebih dari satu video (a.mp4, b.mp4)." in block
    assert "Folder kiriman berisi lebih dari satu berkas penjelasan" in block
    assert "- Masalah: Dua Video/b.mp4: Durasi video 75 detik; maksimal 60 detik." in block
    assert "- Masalah: Dua Video/keterangan.txt: Berkas penjelasan belum menyatakan izin" in block
    assert "- Masalah: Dua Video/keterangan.txt: Tanggal 'kemarin'" in block
    assert "Dua Video/a.mp4" not in block and "Dua Video/lagi.txt" not in block  # both fine
    block = text[text.index("[PERLU DIPERBAIKI] Kepanjangan/") :]
    block = block[: block.index("\n\n")]
    assert "Kepanjangan/keterangan.txt: Berkas penjelasan belum menyatakan izin" in block
    assert "Kepanjangan/lomba.mp4: Durasi video 75 detik; maksimal 60 detik." in block
    # Unchanged folders are not checked again: the ledger remembers the answer.
    assert ingest_once(load_project(), root, settle=0).to_fix == summary.to_fix
    assert report(root, SD) == text


def test_too_many_files_is_to_fix_not_an_upload_in_progress(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    put(root / SD / "Banyak" / "a.mp4", clips["ok"])
    put(root / SD / "Banyak" / "b.mp4", clips["ok"])
    put(root / SD / "Banyak" / "a.txt", GOOD_TXT)
    put(root / SD / "Separuh" / "a.mp4", clips["ok"])
    ingest_once(load_project(), root, settle=0)
    text = report(root, SD)
    assert "[PERLU DIPERBAIKI] Banyak/" in text and "[BELUM LENGKAP] Banyak/" not in text
    assert "[BELUM LENGKAP] Separuh/" in text


def test_word_97_and_pdf_are_asked_for_as_docx(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    for name in ("penjelasan.doc", "penjelasan.PDF"):
        folder = root / SD / name.split(".")[1]
        put(folder / "video.mp4", clips["ok"])
        put(folder / name, "bukan teks yang bisa dibaca")
    ingest_once(load_project(), root, settle=0)
    text = report(root, SD)
    assert "belum berisi berkas penjelasan" not in text
    assert (
        "- Masalah: doc/penjelasan.doc: Berkas penjelasan 'penjelasan.doc' berformat .doc" in text
    )
    assert "PDF/penjelasan.PDF: Berkas penjelasan 'penjelasan.PDF' berformat .pdf" in text
    assert "simpan sebagai dokumen Word .docx" in text


def test_nested_folders_and_links_are_named_not_skipped_silently(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    folder = root / SD / "Robot"
    put(folder / "video.mp4", clips["ok"])
    put(folder / "a.txt", GOOD_TXT)
    put(folder / "Foto Kegiatan" / "video2.mp4", clips["ok"])
    (folder / "pintasan.txt").symlink_to(tree.root / "rahasia.txt")
    (root / SD / "Kiriman Lain").symlink_to(folder)
    summary = ingest_once(load_project(), root, settle=0)
    assert summary.imported == ["sdn-2-sambongrejo/robot-pemilah-sampah"]
    text = report(root, SD)
    assert (
        "- Catatan: Robot/Foto Kegiatan: Folder 'Foto Kegiatan' ada di dalam folder kiriman" in text
    )
    assert "- Catatan: Robot/pintasan.txt: 'pintasan.txt' adalah pintasan" in text
    assert "- Catatan: Kiriman Lain: 'Kiriman Lain' adalah pintasan" in text


def test_a_corrected_explanation_updates_the_entry_in_review_not_a_second_one(
    drop: Path, tree: Tree, tools: Tools
) -> None:
    """#12.17: same video, edited text: the entry in review takes the new text."""
    project = load_project()
    ingest_once(project, drop, settle=0)
    text = drop / SD / "Robot Pemilah Sampah" / "penjelasan.txt"
    text.write_text(GOOD_TXT.replace("kardus bekas.", "kardus bekas dan tutup botol."), "utf-8")
    summary = ingest_once(project, drop, settle=0)
    assert summary.imported == ["sdn-2-sambongrejo/robot-pemilah-sampah"]
    school = tree.content / "sekolah" / "sdn-2-sambongrejo"
    assert sorted(p.name for p in school.iterdir() if p.is_dir()) == ["robot-pemilah-sampah"]
    index = (school / "robot-pemilah-sampah" / "index.md").read_text("utf-8")
    assert index.endswith("kardus bekas dan tutup botol.\n") and "status: review" in index

    # Once published, a further edit is not taken, and the school is told how to change it.
    assert main(["publish", "sdn-2-sambongrejo/robot-pemilah-sampah"]) == 0
    text.write_text(GOOD_TXT.replace("kardus bekas.", "kardus."), "utf-8")
    ingest_once(project, drop, settle=0)
    assert sorted(p.name for p in school.iterdir() if p.is_dir()) == ["robot-pemilah-sampah"]
    assert (
        "kardus bekas dan tutup botol."
        in (school / "robot-pemilah-sampah" / "index.md").read_text()
    )
    assert (
        "Robot Pemilah Sampah/penjelasan.txt: Isi kiriman ini (penjelasan atau video) diubah, "
        "tetapi entrinya (sdn-2-sambongrejo/robot-pemilah-sampah) sudah tayang"
    ) in report(drop, SD)


def test_one_clip_in_two_submission_folders_is_two_entries_and_the_curator_hears_of_it(
    drop: Path, tree: Tree, tools: Tools, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """#22.1: the same clip with another text in a second folder never replaces the first entry."""
    tree.entry("smp-tunas-jati", "kerja-bakti", clip="silent")  # sent through git
    put(drop / SD / "Robot Versi Dua" / "robot.mp4", clips["ok"])  # the clip of "Robot Pemilah"
    put(drop / SD / "Robot Versi Dua" / "teks.txt", "Robot Kardus Kelas 6\nIzin: ya\nLain.\n")
    assert main(["ingest", str(drop), "--settle", "0"]) == 1  # "Lomba 17an" is still too long
    out = capsys.readouterr().out
    school = tree.content / "sekolah" / "sdn-2-sambongrejo"
    assert sorted(p.name for p in school.iterdir() if p.is_dir()) == [
        "robot-kardus-kelas-6",
        "robot-pemilah-sampah",
    ]
    first = (school / "robot-pemilah-sampah" / "index.md").read_text("utf-8")
    assert 'title: "Robot Pemilah Sampah"' in first and "kardus bekas." in first
    assert "Lain." in (school / "robot-kardus-kelas-6" / "index.md").read_text("utf-8")
    text = report(drop, SD)
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot Pemilah Sampah/" in text
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot Versi Dua/" in text
    # The curator hears which entries hold the same clip, this school's or another's.
    assert (
        "Kemungkinan kiriman ganda: video sdn-2-sambongrejo/robot-pemilah-sampah sama persis "
        "dengan video sdn-2-sambongrejo/robot-kardus-kelas-6."
        in out
        or "Kemungkinan kiriman ganda: video sdn-2-sambongrejo/robot-kardus-kelas-6 sama persis "
        "dengan video sdn-2-sambongrejo/robot-pemilah-sampah."
        in out
    )
    assert (
        "Kemungkinan kiriman ganda: video smp-tunas-jati/pameran-sains sama persis dengan video "
        "smp-tunas-jati/kerja-bakti." in out
    )
    assert "video-saja" not in out

    # A second run imports nothing and still reports both as accepted.
    assert ingest_once(load_project(), drop, settle=0).imported == []
    assert report(drop, SD) == text


def test_a_copied_submission_folder_is_not_said_to_be_accepted(
    drop: Path, tree: Tree, tools: Tools
) -> None:
    """#22.1: an exact copy of a folder is no second entry, and the report says so."""
    shutil.copytree(
        drop / SD / "Robot Pemilah Sampah", drop / SD / "Robot Pemilah Sampah - Salinan"
    )
    summary = ingest_once(load_project(), drop, settle=0)
    assert summary.imported.count("sdn-2-sambongrejo/robot-pemilah-sampah") == 1
    school = tree.content / "sekolah" / "sdn-2-sambongrejo"
    assert [p.name for p in school.iterdir() if p.is_dir()] == ["robot-pemilah-sampah"]
    text = report(drop, SD)
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot Pemilah Sampah/" in text
    assert (
        "[PERLU DIPERBAIKI] Robot Pemilah Sampah - Salinan/\n  Belum bisa diterima. Perbaiki hal berikut, lalu "
        "unggah ulang di folder ini:\n  - Masalah: Robot Pemilah Sampah - Salinan: Kiriman ini sama persis "
        "(video dan penjelasannya) dengan kiriman di folder 'Robot Pemilah Sampah'"
    ) in text
    assert f"{SD}/Robot Pemilah Sampah - Salinan" in summary.to_fix

    # The copy gets its own text: now it is a submission of its own.
    (drop / SD / "Robot Pemilah Sampah - Salinan" / "penjelasan.txt").write_text(
        GOOD_TXT.replace("Robot Pemilah Sampah", "Robot Pemilah Sampah Jilid 2"), "utf-8"
    )
    again = ingest_once(load_project(), drop, settle=0)
    assert again.imported == ["sdn-2-sambongrejo/robot-pemilah-sampah-jilid-2"]
    assert "Robot Pemilah Sampah" in (school / "robot-pemilah-sampah" / "index.md").read_text()


def test_a_re_recorded_video_in_the_same_folder_replaces_the_entry_video_in_review(
    drop: Path, tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    """#22.1: the submission folder decides which entry; a new clip there is that entry's clip."""
    project = load_project()
    ingest_once(project, drop, settle=0)
    shutil.copyfile(clips["silent"], drop / SD / "Robot Pemilah Sampah" / "VID_20260814.mp4")
    assert ingest_once(project, drop, settle=0).imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah"
    ]
    school = tree.content / "sekolah" / "sdn-2-sambongrejo"
    assert [p.name for p in school.iterdir() if p.is_dir()] == ["robot-pemilah-sampah"]
    entry = school / "robot-pemilah-sampah"
    assert sorted(p.name for p in entry.iterdir()) == [
        ".etalase-asal.json",
        "index.md",
        "video.mp4",
    ]
    assert (entry / "video.mp4").read_bytes() == clips["silent"].read_bytes()
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot Pemilah Sampah/" in report(drop, SD)


def test_a_submission_in_a_grouping_folder_is_read_and_deeper_ones_are_named(
    tree: Tree, tools: Tools, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """#22.2: one level of grouping is accepted; anything deeper is said, never skipped silently."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    lomba = root / SD / "Kegiatan 2025" / "Lomba"
    put(lomba / "video.mp4", clips["ok"])
    write_docx(lomba / "teks.docx", "Lomba Tujuh Belasan", "Izin: ya", "Seru sekali.")
    put(root / SD / "Kegiatan 2025" / "Kebun" / "video.mp4", clips["silent"])  # no text yet
    deep = root / SD / "Arsip" / "2024" / "Pramuka"
    put(deep / "video.mp4", clips["ok"])
    put(deep / "teks.txt", "Perkemahan Pramuka\nIzin: ya\nBerkemah.\n")
    assert main(["ingest", str(root), "--settle", "0"]) == 1
    out = capsys.readouterr().out
    assert "Diterima (menunggu pemeriksaan): sdn-2-sambongrejo/lomba-tujuh-belasan" in out
    assert (
        f"Tidak dibaca: {SD}/Arsip/2024: Folder 'Arsip/2024' terlalu dalam: isinya hanya folder "
        "lagi, jadi tidak diperiksa. Perbaikan: Folder kiriman (satu video dan satu berkas "
        "penjelasan) boleh langsung di folder sekolah atau di satu folder kelompok"
    ) in out
    entry = tree.content / "sekolah" / "sdn-2-sambongrejo" / "lomba-tujuh-belasan"
    assert json.loads((entry / ".etalase-asal.json").read_text())["origin"] == (
        f"{SD}/Kegiatan 2025/Lomba"
    )
    text = report(root, SD)
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Kegiatan 2025/Lomba/" in text
    assert "[BELUM LENGKAP] Kegiatan 2025/Kebun/" in text
    assert "- Masalah: Arsip/2024: Folder 'Arsip/2024' terlalu dalam" in text
    assert "Pindahkan folder kirimannya naik satu tingkat." in text
    assert not (tree.content / "sekolah" / "sdn-2-sambongrejo" / "perkemahan-pramuka").exists()

    # Moved up one level, the deeper submission is read on the next run.
    (root / SD / "Arsip" / "2024").rename(root / SD / "Arsip 2024")
    again = ingest_once(load_project(), root, settle=0)
    assert again.imported == ["sdn-2-sambongrejo/perkemahan-pramuka"] and not again.skipped


def test_a_folder_that_cannot_be_listed_is_named(
    tree: Tree, tools: Tools, clips: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """#22.2: an unreadable folder (sharing permissions) is named, not taken for an empty one."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    closed = root / SD / "Rahasia"
    put(closed / "video.mp4", clips["ok"])
    listing = Path.iterdir

    def iterdir(self: Path) -> object:
        if self == closed:  # tests run as root, which chmod cannot keep out
            raise PermissionError(13, "Permission denied")
        return listing(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    summary = ingest_once(load_project(), root, settle=0)
    assert [(folder, p.code, p.path) for folder, p in summary.skipped] == [
        (SD, "DROP_FOLDER_UNREADABLE", "Rahasia")
    ]
    assert not summary.clean
    assert "- Masalah: Rahasia: Folder 'Rahasia' tidak bisa dibuka" in report(root, SD)


def test_word_pictures_are_named_in_the_report_and_tables_reach_the_entry(
    tree: Tree, tools: Tools, clips: dict[str, Path], tmp_path: Path
) -> None:
    """#22.8a: a picture in the Word file is a note to the school; its table is kept."""
    from test_explanation import tiny_png

    tree.school("sdn-2-sambongrejo", npsn="20391201")
    root = tree.root / "drop"
    folder = root / SD / "Panen"
    put(folder / "video.mp4", clips["ok"])
    doc = Document()
    for line in ("Panen Kebun", "Izin: ya", "Hasilnya:"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=2, cols=2)
    for cell, value in zip((*table.rows[0].cells, *table.rows[1].cells), "ABCD", strict=True):
        cell.text = value
    doc.add_picture(str(tiny_png(tmp_path / "foto.png")))
    doc.save(str(folder / "teks.docx"))
    assert ingest_once(load_project(), root, settle=0).imported == ["sdn-2-sambongrejo/panen-kebun"]
    index = tree.content / "sekolah" / "sdn-2-sambongrejo" / "panen-kebun" / "index.md"
    assert index.read_text("utf-8").endswith("Hasilnya:\n\n| A | B |\n| --- | --- |\n| C | D |\n")
    text = report(root, SD)
    assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Panen/" in text
    assert (
        "- Catatan: Panen/teks.docx: Dokumen Word ini berisi 1 gambar, bagan atau kotak teks; "
        "isinya tidak ikut ke Etalase."
    ) in text
    assert "kirim fotonya ke kurator Dinas sebagai berkas JPG atau PNG." in text


def test_an_explanation_changed_back_is_taken_back(drop: Path, tree: Tree, tools: Tools) -> None:
    """#22.1: the entry holds what its folder holds now, also when that is an earlier version."""
    project = load_project()
    ingest_once(project, drop, settle=0)
    text = drop / SD / "Robot Pemilah Sampah" / "penjelasan.txt"
    text.write_text(GOOD_TXT.replace("kardus bekas.", "kardus bekas dan tutup botol."), "utf-8")
    ingest_once(project, drop, settle=0)
    index = tree.content / "sekolah" / "sdn-2-sambongrejo" / "robot-pemilah-sampah" / "index.md"
    assert index.read_text("utf-8").endswith("tutup botol.\n")
    text.write_text(GOOD_TXT, "utf-8")  # the teacher undoes the edit
    assert ingest_once(project, drop, settle=0).imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah"
    ]
    assert index.read_text("utf-8").endswith("dari kardus bekas.\n")


def test_two_schools_sending_the_same_files_get_an_entry_each(
    tree: Tree, tools: Tools, clips: dict[str, Path]
) -> None:
    """#22.1: the ledger remembers a submission per school: the second school's is not 'seen'."""
    tree.school("sdn-2-sambongrejo", npsn="20391201")
    tree.school("smp-tunas-jati", npsn="20393357")
    root = tree.root / "drop"
    for school in (SD, SMP):
        put(root / school / "Robot" / "video.mp4", clips["ok"])
        put(root / school / "Robot" / "penjelasan.txt", GOOD_TXT)
    summary = ingest_once(load_project(), root, settle=0)
    assert summary.imported == [
        "sdn-2-sambongrejo/robot-pemilah-sampah",
        "smp-tunas-jati/robot-pemilah-sampah",
    ]
    assert summary.same_video == [
        ("smp-tunas-jati/robot-pemilah-sampah", ["sdn-2-sambongrejo/robot-pemilah-sampah"])
    ]
    for school in (SD, SMP):
        assert "[DITERIMA, MENUNGGU PEMERIKSAAN] Robot/" in report(root, school)
    assert ingest_once(load_project(), root, settle=0).imported == []


def test_a_corrected_text_keeps_the_curators_title_category_and_date_and_says_so(
    drop: Path, tree: Tree, tools: Tools
) -> None:
    """#28.10: the school's new text is used; the curator's corrections are not undone."""
    from etalase.curation.review import apply_changes
    from etalase.desk.queue import collect

    project = load_project()
    ingest_once(project, drop, settle=0)
    robot = tree.content / "sekolah/sdn-2-sambongrejo/robot-pemilah-sampah"
    index = robot / "index.md"
    # The curator corrects the title, category and date (by hand, or as the desk edits).
    changes = {
        "title": "Robot Pemilah Sampah Kelas 5",
        "category": "inovasi-pembelajaran",
        "date": dt.date(2026, 8, 17),
    }
    assert apply_changes(index, changes, "index.md") is None
    # The school sends a corrected explanation: new words, and its own title again.
    text = drop / SD / "Robot Pemilah Sampah" / "penjelasan.txt"
    text.write_text(
        GOOD_TXT.replace("kardus bekas.", "kardus bekas dan botol plastik."), encoding="utf-8"
    )
    again = ingest_once(project, drop, settle=0)
    assert again.imported == ["sdn-2-sambongrejo/robot-pemilah-sampah"]
    source = read_markdown(index, "x")[0]
    assert source is not None
    meta, body = source.meta, source.body
    assert meta["title"] == "Robot Pemilah Sampah Kelas 5"
    assert meta["category"] == "inovasi-pembelajaran"
    assert str(meta["date"]) == "2026-08-17"
    assert "botol plastik" in body and meta["status"] == "review"
    sd = report(drop, SD)
    assert (
        "- Catatan: Robot Pemilah Sampah/penjelasan.txt: Penjelasan baru Anda sudah dipakai, "
        "tetapi judul, kategori dan tanggal entri ini sudah diubah kurator Dinas" in sd
    ), sd
    # The desk's queue tells the curator too.
    rows = {i.key: i for i in collect(project, project.load(), {})}
    notes = [p for p in rows["sdn-2-sambongrejo/robot-pemilah-sampah"].problems]
    assert [p.code for p in notes] == ["ENTRY_CURATOR_KEPT"]
    assert "judul, kategori dan tanggal" in notes[0].message("id")
    # The school's next correction (after a rejection) keeps them too, and takes its text.
    text.write_text(
        GOOD_TXT.replace("Tanggal: 14 Agustus 2026", "Tanggal: 15 Agustus 2026").replace(
            "kardus bekas.", "kardus."
        ),
        encoding="utf-8",
    )
    assert main(["reject", "sdn-2-sambongrejo/robot-pemilah-sampah", "--reason", "x"]) == 0
    ingest_once(project, drop, settle=0)
    source = read_markdown(index, "x")[0]
    assert source is not None and source.body.strip().endswith("dari kardus.")
    assert source.meta["title"] == "Robot Pemilah Sampah Kelas 5"  # still the curator's
    assert str(source.meta["date"]) == "2026-08-17"
    # Once decided, the desk no longer raises it.
    assert main(["publish", "sdn-2-sambongrejo/robot-pemilah-sampah"]) == 0
    rows = {i.key: i for i in collect(project, project.load(), {})}
    assert rows["sdn-2-sambongrejo/robot-pemilah-sampah"].problems == ()

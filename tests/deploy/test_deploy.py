"""`etalase deploy` against real servers: sshd (SFTP) as the office's server, nginx in front.

One project is deployed through a sequence of changes (the tests run in file
order and share it): first deploy, nothing changed, one changed entry, a removed
entry, a deploy killed half-way, then credentials and hosts that fail. A
Chromium test plays an entry from the deployed pages with its media on the
other origin.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from servers import Sftp, Web, free_port, nginx, sftp_server

from etalase import process as runner
from etalase.cli import main

# The one Chromium of the test session (a second Playwright in one process is refused).
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
pytest_plugins = ["browser_fixtures"]

MKDOCS_YML = """\
site_name: Etalase Uji
site_url: {site_url}
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - etalase:
      districts: [Blora, Cepu]
      duration_min: 1
      media_url: {media_url}
      deploy:
        pages: office:{remote}/pages
        media: office:{remote}/media
"""

SCHOOL = '---\nname: {name}\nnpsn: "{npsn}"\nlevel: SD\ndistrict: Blora\n---\nSekolah.\n'
ENTRY = (
    '---\ntitle: "{title}"\ndate: {date}\ncategory: kreativitas-siswa\nvideo: video.mp4\n'
    "tags: [robotik]\nconsent: true\nstatus: published\n---\nMurid merakit robot.\n"
)


@dataclass
class Office:
    """The project, its hosts, and how to run a command in it."""

    root: Path
    remote: Path
    sftp: Sftp
    web: Web
    clips: dict[str, Path]

    def entry(
        self, school: str, slug: str, title: str, clip: str, date: str = "2026-08-14"
    ) -> None:
        folder = self.root / "content" / "sekolah" / school / slug
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(self.clips[clip], folder / "video.mp4")
        (folder / "index.md").write_text(ENTRY.format(title=title, date=date), encoding="utf-8")

    def run(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
        previous = Path.cwd()
        os.chdir(self.root)
        try:
            capsys.readouterr()
            code = main(list(args))
            out = capsys.readouterr()
            return code, out.out + out.err
        finally:
            os.chdir(previous)

    def deploy(self, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
        return self.run(capsys, "deploy", *args)

    def build(self, capsys: pytest.CaptureFixture[str]) -> None:
        code, out = self.run(capsys, "build")
        assert code == 0, out

    def get(self, url: str, **headers: str) -> tuple[int, bytes, Any]:
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status), response.read(), response.headers
        except urllib.error.HTTPError as exc:
            return exc.code, b"", exc.headers

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """Every file on the server: size and modification time."""
        return {
            str(p): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in self.remote.rglob("*")
            if p.is_file()
        }

    @property
    def state(self) -> Path:
        return self.root / ".cache" / "plugin" / "etalase" / "deploy"


@pytest.fixture(scope="module")
def office(tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path]) -> Iterator[Office]:
    base = tmp_path_factory.mktemp("kantor")
    remote = base / "server"
    with (
        sftp_server(base / "sshd") as sftp,
        nginx(base / "nginx", remote / "pages", remote / "media") as web,
        pytest.MonkeyPatch.context() as env,
    ):
        env.setenv("RCLONE_CONFIG", str(base / "no-rclone.conf"))  # only the variables below
        for key, value in sftp.env().items():
            env.setenv(key, value)
        root = base / "proyek"
        (root / "content" / "sekolah").mkdir(parents=True)
        (root / "content" / "index.md").write_text("---\ntitle: Beranda\n---\n# Uji\n")
        (root / "mkdocs.yml").write_text(
            MKDOCS_YML.format(site_url=web.pages_url, media_url=web.media_url, remote=remote)
        )
        for slug, npsn in (("sdn-1", "20312345"), ("sdn-2", "20312346")):
            folder = root / "content" / "sekolah" / slug
            folder.mkdir()
            (folder / "index.md").write_text(SCHOOL.format(name=f"SD {slug}", npsn=npsn))
        office = Office(root, remote, sftp, web, clips)
        office.entry("sdn-1", "robot", "Robot Kardus", "ok")
        office.entry("sdn-1", "tari", "Tari Daur Ulang", "edge", date="2026-07-01")
        office.entry("sdn-2", "wayang", "Wayang Kardus", "black_start", date="2026-06-01")
        yield office


def media_of(html: str) -> list[str]:
    return re.findall(r'(?:src|data-src-hemat|poster)="(http[^"]+/m/[^"]+)"', html)


def links_of(html: str, base: str) -> list[str]:
    from urllib.parse import urljoin

    found = re.findall(r'(?:href|src)="([^"#]+)"', html)
    found += [
        part.split()[0] for s in re.findall(r'srcset="([^"]+)"', html) for part in s.split(",")
    ]
    return sorted(
        {
            urljoin(base, u)
            for u in found
            if not u.startswith(("mailto:", "data:"))
            and urljoin(base, u).startswith("http://127.0.0.1")
        }
    )


def test_first_deploy_puts_media_on_their_host_and_the_site_answers(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    office.build(capsys)
    assert not list((office.root / "site").rglob("*.mp4")), "site/ holds only pages and assets"
    code, out = office.deploy(capsys)
    assert code == 0, out
    steps = re.findall(r"^\[\d/\d\] ([^:]+):", out, re.M)
    assert steps == [
        "media (video dan poster)",
        "aset (gaya, skrip, gambar)",
        "halaman baru",
        "indeks pencarian, feed, sitemap",
        "beranda",
    ]
    assert "✗" not in out and out.count("Range dijawab 206") == 2, out
    status, body, _ = office.get(office.web.pages_url + "sekolah/sdn-1/robot/")
    assert status == 200 and b"Robot Kardus" in body
    videos = media_of(body.decode())
    assert len(videos) == 3 and all(v.startswith(office.web.media_url + "m/") for v in videos)
    mp4 = next(v for v in videos if v.endswith(".mp4"))
    status, part, headers = office.get(mp4, Range="bytes=0-99")
    assert status == 206 and len(part) == 100 and headers["Content-Type"] == "video/mp4"
    assert not (office.remote / "pages" / "sekolah" / "sdn-1" / "robot" / "video-web.mp4").exists()


def test_nothing_changed_sends_nothing(office: Office, capsys: pytest.CaptureFixture[str]) -> None:
    office.build(capsys)
    before = office.snapshot()
    started = runner.stats.started
    code, out = office.deploy(capsys, "--no-verify")
    assert code == 0, out
    assert "Tidak ada yang berubah sejak deploy terakhir" in out
    assert office.snapshot() == before, "not one byte written on the server"
    assert runner.stats.started - started <= 1, "at most `rclone listremotes`, no transfer"


def test_one_changed_entry_sends_its_media_and_the_pages_that_show_it(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    office.entry("sdn-1", "robot", "Robot Kardus Baru", "silent")
    office.build(capsys)
    code, plan = office.deploy(capsys, "--dry-run")
    assert code == 0
    listed = re.findall(r"^ {6}(\S+)$", plan, re.M)
    new_media = [f for f in listed if f.startswith("m/")]
    assert len(new_media) == 4, plan  # two renditions, the (160 px) poster as WebP and JPEG
    assert "sekolah/sdn-1/robot/index.html" in listed and "index.html" in listed
    assert not [f for f in listed if f.startswith("assets/")], "assets did not change"
    assert "sekolah/sdn-2/wayang/index.html" not in listed, "a page not showing it stays"
    code, out = office.deploy(capsys)
    assert code == 0, out
    _status, body, _ = office.get(office.web.pages_url + "sekolah/sdn-1/robot/")
    assert b"Robot Kardus Baru" in body
    assert all(office.get(u)[0] == 200 for u in media_of(body.decode()))


def test_a_removed_entry_goes_at_once_its_media_after_the_grace_period(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    page = office.web.pages_url + "sekolah/sdn-1/tari/"
    old_media = media_of(office.get(page)[1].decode())
    assert old_media
    shutil.rmtree(office.root / "content" / "sekolah" / "sdn-1" / "tari")
    office.build(capsys)
    code, plan = office.deploy(capsys, "--dry-run")
    step = re.search(r"^\[\d/\d\] hapus halaman yang sudah tidak ada: (\d+) berkas", plan, re.M)
    total = re.search(r"^Jumlah: .* (\d+) berkas akan dihapus di server\.$", plan, re.M)
    assert step and total and int(step[1]) == int(total[1]) >= 1, plan
    before = office.snapshot()
    code, out = office.deploy(capsys)
    assert code == 0, out
    gone = len(set(before) - set(office.snapshot()))
    assert gone == int(total[1]), "the dry run names every file the deploy deletes"
    assert re.search(rf"^ +selesai: 0 berkas, 0 B terkirim, {gone} dihapus", out, re.M), out
    assert re.search(rf"^Deploy selesai: .*, {gone} dihapus, dalam", out, re.M), out
    assert office.get(page)[0] == 404, "the page is gone at once (its folder too)"
    assert all(office.get(u)[0] == 200 for u in old_media), "a visitor holding the old page plays"
    assert "disimpan sampai 7 hari" in out
    previous = Path.cwd()
    os.chdir(office.root)
    try:
        from etalase.commands.deploy import run_deploy
        from etalase.project import load_project

        assert run_deploy(load_project(), now=time.time() + 6 * 86400, verify=False) == 0
        assert all(office.get(u)[0] == 200 for u in old_media), "six days: still kept"
        assert run_deploy(load_project(), now=time.time() + 8 * 86400, verify=False) == 0
    finally:
        os.chdir(previous)
    assert all(office.get(u)[0] == 404 for u in old_media), "eight days: deleted"
    live = media_of(office.get(office.web.pages_url + "sekolah/sdn-1/robot/")[1].decode())
    assert all(office.get(u)[0] == 200 for u in live), "media still referenced stay"


def test_a_deploy_killed_half_way_leaves_every_link_working_and_the_next_run_finishes(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(6):  # enough new pages that the step takes a moment
        office.entry("sdn-2", f"baru-{n}", f"Karya Baru {n}", "rotated", date=f"2026-09-0{n + 1}")
    office.build(capsys)
    home = office.web.pages_url
    proc = subprocess.Popen(
        [sys.executable, "-m", "etalase", "deploy"],
        cwd=office.root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        text=True,
    )
    assert proc.stdout is not None
    seen = []
    for line in proc.stdout:
        seen.append(line)
        if line.startswith("[3/"):  # the new pages are going up: stop it there
            os.killpg(proc.pid, signal.SIGKILL)
            break
    proc.wait()
    assert any(line.startswith("[3/") for line in seen), "".join(seen)
    status, body, _ = office.get(home)
    assert status == 200 and b"Karya Baru" not in body, "the home page is still the old one"
    broken = [u for u in links_of(body.decode(), home) if office.get(u)[0] != 200]
    assert not broken, broken
    code, out = office.deploy(capsys)
    assert code == 0, out
    assert "media (video dan poster)" not in out, "the media step had finished: not redone"
    assert b"Karya Baru" in office.get(home)[1]


def test_a_file_lost_on_the_server_stays_lost_until_repair_sends_it_again(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    page = office.remote / "pages" / "sekolah" / "sdn-1" / "robot" / "index.html"
    feed = office.remote / "pages" / "feed.xml"
    url = office.web.pages_url + "sekolah/sdn-1/robot/"
    video = next(u for u in media_of(office.get(url)[1].decode()) if u.endswith(".mp4"))
    video_file = office.remote / "media" / video.removeprefix(office.web.media_url)
    page.unlink()
    video_file.unlink()
    feed.write_text("<rss>terpotong</rss>")  # a damaged copy: another size
    (office.remote / "pages" / "google1234.html").write_text("verifikasi")  # the office's own
    code, out = office.deploy(capsys, "--no-verify")
    assert code == 0 and "Tidak ada yang berubah" in out, out
    assert office.get(url)[0] != 200 and office.get(video)[0] == 404, "a plain deploy trusts"
    code, plan = office.deploy(capsys, "--repair", "--dry-run")
    assert code == 0, plan
    assert "1 hilang dan 1 berbeda dari catatan deploy" in plan
    assert "hilang: sekolah/sdn-1/robot/index.html" in plan and "berbeda: feed.xml" in plan
    assert f"hilang: {video_file.relative_to(office.remote / 'media')}" in plan
    assert "1 berkas lain yang tidak dikenal Etalase dibiarkan" in plan
    assert not page.exists(), "a dry run sends nothing"
    code, out = office.deploy(capsys, "--repair", "--no-verify")
    assert code == 0, out
    site = office.root / "site"
    assert page.read_bytes() == (site / "sekolah/sdn-1/robot/index.html").read_bytes()
    assert feed.read_bytes() == (site / "feed.xml").read_bytes()
    assert office.get(url)[0] == 200 and office.get(video)[0] == 200
    assert (office.remote / "pages" / "google1234.html").exists(), "not Etalase's: kept"
    code, out = office.deploy(capsys, "--repair", "--no-verify")
    assert code == 0 and "Tidak ada yang berubah" in out, "the record is true again"
    assert "0 hilang dan 0 berbeda" in out


def test_a_wrong_password_is_a_clear_message_and_exit_2(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    obscured = subprocess.run(
        ["rclone", "obscure", "salah-sandi"], capture_output=True, text=True, check=True
    ).stdout.strip()
    monkeypatch.delenv("RCLONE_CONFIG_OFFICE_KEY_FILE")
    monkeypatch.setenv("RCLONE_CONFIG_OFFICE_PASS", obscured)
    shutil.rmtree(office.state)  # as on a new CI runner: everything is to check again
    code, out = office.deploy(capsys)
    assert code == 2
    assert "menolak masuk: nama pengguna, kata sandi atau kunci salah" in out
    assert "unable to authenticate" in out and "Traceback" not in out
    code, out = office.deploy(capsys, "--check")
    assert code == 2 and "menolak masuk" in out


def test_an_unreachable_host_is_a_clear_message_and_exit_2(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RCLONE_CONFIG_OFFICE_PORT", str(free_port()))  # nobody listens there
    shutil.rmtree(office.state, ignore_errors=True)
    code, out = office.deploy(capsys)
    assert code == 2
    assert "tidak bisa dihubungi" in out and "connection refused" in out


def test_after_failures_a_deploy_with_no_state_sends_only_what_differs(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = office.deploy(capsys)
    assert code == 0, out
    sent = dict(re.findall(r"^\[\d/\d\] ([^:]+):.*\n +selesai: (\d+) berkas", out, re.M))
    # rclone finds the media and pages already there (same size and time) and skips them;
    # the theme's assets are copied anew by every build (new times) and so go again.
    assert sent["media (video dan poster)"] == "0" and sent["halaman baru"] == "0", out


def test_an_sftp_host_with_another_key_than_the_one_on_record_is_refused(
    office: Office, capsys: pytest.CaptureFixture[str]
) -> None:
    config = office.root / "mkdocs.yml"
    original = config.read_text()
    code, out = office.deploy(capsys, "--check")
    assert code == 0 and "kunci host SFTP pages" in out and "tidak diperiksa" in out, out
    known = office.root / "known_hosts"
    other = office.root / "lain"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(other)], check=True)
    try:
        config.write_text(
            original.replace(
                "      deploy:\n", "      deploy_known_hosts: known_hosts\n      deploy:\n"
            )
        )
        code, out = office.deploy(capsys, "--check")
        assert code == 2 and "deploy_known_hosts menunjuk" in out and "ssh-keyscan" in out
        known.write_text(office.sftp.known_hosts_line(Path(f"{other}.pub")))  # an impostor's
        before = office.snapshot()
        for args in (("--check",), ("--repair", "--no-verify")):
            code, out = office.deploy(capsys, *args)
            assert code == 2, out
            assert "kunci host yang tidak tercatat atau tidak cocok" in out, out
            assert "key mismatch" in out and "Traceback" not in out
        assert office.snapshot() == before, "nothing sent to a host that is not the office's"
        known.write_text(office.sftp.known_hosts_line())
        code, out = office.deploy(capsys, "--check")
        assert code == 0 and "tidak diperiksa" not in out, out
        code, out = office.deploy(capsys, "--repair", "--no-verify")
        assert code == 0 and "0 hilang dan 0 berbeda" in out, out
    finally:
        config.write_text(original)


def test_check_says_what_is_missing_in_plain_indonesian(
    office: Office, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = office.root / "mkdocs.yml"
    original = config.read_text()
    try:
        config.write_text(
            original.replace("pages: office:", "pages: kantor:").replace(
                f"        media: office:{office.remote}/media\n", ""
            )
        )
        code, out = office.deploy(capsys, "--check")
        assert code == 2
        assert "rclone belum mengenal remote 'kantor'" in out
        assert "RCLONE_CONFIG_KANTOR_TYPE" in out
        assert "media_url diatur, tetapi deploy.media belum" in out
        config.write_text(
            original.replace("pages: office:", "pages: :sftp,host=127.0.0.1,pass=rahasia:")
        )
        code, out = office.deploy(capsys, "--check")
        assert code == 2 and "memuat kata sandi atau kunci" in out
    finally:
        config.write_text(original)
    code, out = office.deploy(capsys, "--check")
    assert code == 0 and "deploy siap dijalankan" in out, out


def test_chromium_plays_an_entry_with_its_media_on_the_other_origin(
    office: Office, browser: Any
) -> None:
    failed: list[str] = []
    context = browser.new_context()
    try:
        page = context.new_page()
        page.on("requestfailed", lambda r: failed.append(f"{r.url} {r.failure}"))
        page.on("response", lambda r: r.status >= 400 and failed.append(f"{r.url} {r.status}"))
        page.goto(office.web.pages_url + "sekolah/sdn-1/robot/", wait_until="networkidle")
        video = page.locator("#etalase-video")
        assert video.get_attribute("src").startswith(office.web.media_url)  # type: ignore[union-attr]
        page.evaluate("v => { v.muted = true; return v.play(); }", video.element_handle())
        page.wait_for_function(
            "document.getElementById('etalase-video').currentTime > 0.3", timeout=20_000
        )
        page.evaluate("v => { v.currentTime = 20; }", video.element_handle())
        page.wait_for_function(
            "(() => { const v = document.getElementById('etalase-video');"
            " return !v.seeking && v.currentTime >= 20 && v.readyState >= 2; })()",
            timeout=20_000,
        )
    finally:
        context.close()
    assert not failed, failed

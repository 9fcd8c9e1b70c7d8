"""Shared folders ``media --pull`` trusts: file servers and local disks, never sync folders
(issue #28.15)."""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import types
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.errors import ConfigError
from etalase.media import pull
from etalase.media.pull import Batch, SharedFolder
from etalase.media.shares import check_shared_folder, kind_of, mount_of, read_mountinfo
from scenarios import Tree

#: Lines as /proc/self/mountinfo writes them on an office PC (see proc(5)).
MOUNTINFO = """\
22 27 0:21 / /proc rw,relatime - proc proc rw
27 1 254:0 / / rw,relatime - ext4 /dev/sda2 rw,errors=remount-ro
30 27 0:27 / /dev/shm rw,nosuid,nodev - tmpfs tmpfs rw,size=8g
95 27 0:52 / /mnt/bersama rw,relatime shared:61 - cifs //nas/bersama rw,vers=3.1.1,cache=strict
96 27 0:53 / /mnt/bersama\\040kantor rw,relatime - nfs4 nas:/export/etalase rw,vers=4.2
97 27 0:54 / /home/tu/gdrive rw,nosuid,nodev,relatime - fuse.rclone gdrive: rw,user_id=1000
98 27 0:55 / /home/tu/ssh rw,nosuid,nodev,relatime - fuse.sshfs tu@nas:/ rw,user_id=1000
99 27 0:56 / /mnt/c rw,noatime - 9p drvfs rw,aname=drvfs
"""


@pytest.mark.parametrize(
    ("path", "fstype"),
    [
        ("/mnt/bersama/etalase", "cifs"),
        ("/mnt/bersama", "cifs"),
        ("/mnt/bersama kantor/etalase", "nfs4"),  # a mount point with a space (\040)
        ("/mnt/bersamaku/etalase", "ext4"),  # a prefix only counts at a folder boundary
        ("/dev/shm/etalase", "tmpfs"),
        ("/home/tu/gdrive/etalase", "fuse.rclone"),
        ("/srv/etalase", "ext4"),
    ],
)
def test_the_file_system_is_the_longest_mount_point_above_the_folder(
    path: str, fstype: str
) -> None:
    found = mount_of(Path(path), MOUNTINFO)
    assert found is not None and found.fstype == fstype


def test_file_servers_and_local_disks_are_trusted_sync_and_unknown_ones_are_not() -> None:
    assert [kind_of(t) for t in ("ext4", "tmpfs", "btrfs", "xfs")] == ["local"] * 4
    assert [kind_of(t) for t in ("cifs", "smb3", "nfs", "nfs4")] == ["server"] * 4
    assert kind_of("fuse.rclone") == kind_of("fuse.google-drive-ocamlfuse") == "sync"
    assert kind_of("fuse.sshfs") == kind_of("9p") == kind_of("davfs") == "unknown"
    assert check_shared_folder(Path("/mnt/bersama/etalase"), MOUNTINFO) == "server"
    assert check_shared_folder(Path("/mnt/bersama kantor/x"), MOUNTINFO) == "server"
    with pytest.raises(ConfigError, match=r"\(9p\) tidak dikenali"):
        check_shared_folder(Path("/mnt/c/Users/tu/bersama"), MOUNTINFO)
    with pytest.raises(ConfigError, match=r"\(fuse\.sshfs\) tidak dikenali"):
        check_shared_folder(Path("/home/tu/ssh/bersama"), MOUNTINFO)
    with pytest.raises(ConfigError, match=r"folder sinkronisasi \(fuse\.rclone\)"):
        check_shared_folder(Path("/home/tu/gdrive/bersama"), MOUNTINFO)
    with pytest.raises(ConfigError, match=r"\(\?\) tidak dikenali"):
        check_shared_folder(Path("/srv/x"), "")  # no mount found at all


def test_this_machines_own_disks_are_accepted(tmp_path: Path) -> None:
    mountinfo = read_mountinfo()
    assert mountinfo is not None
    here = mount_of(tmp_path.resolve(), mountinfo)
    assert here is not None and kind_of(here.fstype) == "local", here
    assert check_shared_folder(tmp_path / "bersama") == "local"
    shm = Path("/dev/shm")
    shm_mount = mount_of(shm, mountinfo)
    if shm_mount is None or shm_mount.fstype != "tmpfs":
        pytest.skip("no tmpfs at /dev/shm here")
    folder = shm / f"etalase-uji-{os.getpid()}"
    folder.mkdir()
    try:
        assert check_shared_folder(folder) == "local"
    finally:
        folder.rmdir()


@pytest.mark.parametrize(
    ("marker", "client"),
    [
        (".stfolder", "Syncthing"),
        (".dropbox", "Dropbox"),
        (".tmp.drivedownload", "Google Drive"),
    ],
)
def test_a_sync_folder_is_refused_by_its_clients_marker_before_any_work(
    tree: Tree, capsys: pytest.CaptureFixture[str], marker: str, client: str
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "dakon", clip="ok")
    synced = tree.root / "Sinkron"
    (synced / marker).mkdir(parents=True)  # at the synced root, above the shared folder
    shared = synced / "etalase"
    assert main(["media", "--pull", str(shared)]) == 2
    err = capsys.readouterr().err
    assert f"folder bersama {shared} adalah folder sinkronisasi ({client})" in err
    assert "server berkas" in err
    assert not shared.exists()  # no claim, no cache made


def test_a_desktop_ini_naming_onedrive_and_a_sync_root_name_are_refused(tmp_path: Path) -> None:
    synced = tmp_path / "Dokumen Kantor"
    synced.mkdir()
    ini = "[.ShellClassInfo]\r\nIconResource=C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe,0\r\n"
    (synced / "desktop.ini").write_bytes(b"\xff\xfe" + ini.encode("utf-16-le"))
    with pytest.raises(ConfigError, match=r"\(OneDrive\)"):
        check_shared_folder(synced / "etalase", MOUNTINFO)
    with pytest.raises(ConfigError, match=r"\(Google Drive\)"):
        check_shared_folder(tmp_path / "Google Drive" / "etalase", MOUNTINFO)
    plain = tmp_path / "biasa"
    plain.mkdir()
    (plain / "desktop.ini").write_text("[.ShellClassInfo]\r\nIconResource=folder.ico,0\r\n")
    assert check_shared_folder(plain, "27 1 254:0 / / rw - ext4 /dev/sda2 rw\n") == "local"


def _clock(shift: float) -> types.SimpleNamespace:
    """``datetime`` as :mod:`etalase.media.pull` sees it, on a PC whose clock is ``shift`` off."""

    class Shifted(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> Shifted:  # type: ignore[override]
            real = dt.datetime.now(tz) + dt.timedelta(seconds=shift)
            return cls.fromtimestamp(real.timestamp(), tz)

    return types.SimpleNamespace(datetime=Shifted, UTC=dt.UTC)


@pytest.mark.parametrize("hours", [3, -3])
def test_a_lease_is_judged_on_the_shares_clock_not_this_pcs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hours: int
) -> None:
    folder = SharedFolder(tmp_path / "bersama", lease_seconds=3600)
    folder.claims.mkdir(parents=True)
    batch = Batch("sdn-1-blora.0123456789abcdef", ("sdn-1-blora/dakon",))
    claim = folder.claims / f"{batch.id}.1"
    claim.write_text(json.dumps({"host": "pc-tata-usaha", "pid": "4242", "time": "?"}))
    monkeypatch.setattr(pull, "dt", _clock(hours * 3600.0))  # this PC's clock is 3 h off
    # Written just now on the share: fresh, whatever this PC's clock says.
    assert folder.claim(batch) is None
    # Last written two hours ago (share time), with a one-hour lease: stale.
    two_hours_ago = time.time() - 2 * 3600
    os.utime(claim, (two_hours_ago, two_hours_ago))
    taken = folder.claim(batch)
    assert taken is not None and taken.outcome == "taken_over"
    assert taken.previous["host"] == "pc-tata-usaha"
    assert sorted(p.name for p in folder.claims.iterdir()) == [claim.name, f"{batch.id}.2"]


def test_a_pc_at_work_rewrites_its_claim_so_the_share_stamps_it_now(tmp_path: Path) -> None:
    folder = SharedFolder(tmp_path / "bersama", lease_seconds=0.4)  # a beat every 0.1 s
    folder.claims.mkdir(parents=True)
    claim = folder.claim(Batch("sdn-1-blora.0123456789abcdef", ("sdn-1-blora/dakon",)))
    assert claim is not None
    written = claim.path.read_bytes()
    an_hour_ago = time.time() - 3600
    os.utime(claim.path, (an_hour_ago, an_hour_ago))
    with folder.holding(claim):
        time.sleep(0.5)
    assert folder.share_now() - claim.path.stat().st_mtime < 5
    assert claim.path.read_bytes() == written  # the holder's host, process and time stay
    assert [p.name for p in folder.claims.iterdir()] == [claim.path.name]  # no probe left

"""Which shared folders can coordinate ``etalase media --pull``: file servers and local disks.

``--pull`` hands out batches with claim files made by ``O_CREAT | O_EXCL``.
On a real file server (SMB2/3, NFSv3+) the server decides the create, so
exactly one PC wins. A sync folder (Google Drive for desktop, OneDrive,
Dropbox, Syncthing, Nextcloud) creates the file on each PC's own disk and
syncs it later: two PCs both win and encode the same batch, and each one's
claim may be "resolved" into a conflicted copy. Such folders are refused, and
so is any file system that cannot be identified as a local disk or a file
server (:func:`check_shared_folder`).

The file system comes from ``/proc/self/mountinfo`` (the mount whose mount
point is the longest prefix of the folder's real path: :func:`mount_of`); a
sync client is also recognised by the marker files it keeps in the folder or
above it (:data:`SYNC_MARKERS`), by a ``desktop.ini`` that names it, and by the
folder names it uses for its root (:data:`SYNC_ROOTS`).
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..errors import ConfigError
from ..files import open_regular

MOUNTINFO = Path("/proc/self/mountinfo")

Kind = Literal["local", "server", "sync", "unknown"]

#: Local disks: one kernel decides every create (a USB disk or an SD card too).
LOCAL_FILESYSTEMS = frozenset(
    {
        "ext2", "ext3", "ext4", "xfs", "btrfs", "zfs", "f2fs", "jfs", "reiserfs", "bcachefs",
        "tmpfs", "ramfs", "overlay", "vfat", "exfat", "ntfs", "ntfs3", "fuseblk", "hfsplus",
        "apfs",
    }
)  # fmt: skip
#: File servers whose exclusive create is decided by the server.
SERVER_FILESYSTEMS = frozenset({"cifs", "smb3", "smbfs", "nfs", "nfs4"})

#: Files or folders a sync client keeps in the folders it syncs (or at their root).
SYNC_MARKERS: dict[str, str] = {
    ".dropbox": "Dropbox",
    ".dropbox.cache": "Dropbox",
    ".stfolder": "Syncthing",
    ".tmp.drivedownload": "Google Drive",
    ".tmp.driveupload": "Google Drive",
    ".shortcut-targets-by-id": "Google Drive",
    ".owncloudsync.log": "Nextcloud/ownCloud",
    ".sync": "Resilio Sync",
}
#: What a ``desktop.ini`` of a synced folder names (Windows shows the client's icon by it).
DESKTOP_INI_TRAITS: dict[str, str] = {
    "onedrive": "OneDrive",
    "googledrivefs": "Google Drive",
    "google drive": "Google Drive",
    "dropbox": "Dropbox",
}
#: Folder names sync clients give their root (compared without case).
SYNC_ROOTS: dict[str, str] = {
    "dropbox": "Dropbox",
    "onedrive": "OneDrive",
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",
    "nextcloud": "Nextcloud",
    "owncloud": "ownCloud",
    "pclouddrive": "pCloud",
    "icloud drive": "iCloud",
    "iclouddrive": "iCloud",
}
#: Environment variables that hold a sync client's root (set by OneDrive on Windows).
SYNC_ROOT_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


@dataclass(frozen=True, slots=True)
class Mount:
    """One line of ``/proc/self/mountinfo``: where a file system is mounted, and its type."""

    point: str
    fstype: str
    source: str


def parse_mountinfo(text: str) -> list[Mount]:
    """The mounts in ``mountinfo`` text (``proc(5)``: fields, then `` - type source options``).

    Mount points keep spaces and tabs as octal escapes (``\\040``), undone here.
    """
    mounts = []
    for line in text.splitlines():
        fields = line.split(" ")
        if "-" not in fields[6:]:
            continue
        dash = fields.index("-", 6)
        if len(fields) < dash + 3 or len(fields) < 5:
            continue
        mounts.append(Mount(_unescape(fields[4]), fields[dash + 1], fields[dash + 2]))
    return mounts


def _unescape(field: str) -> str:
    return field.encode("latin-1", "backslashreplace").decode("unicode_escape")


def mount_of(path: Path, mountinfo: str) -> Mount | None:
    """The mount holding ``path`` (already resolved): the longest mount point that is its prefix.

    A later line with the same mount point is mounted over the earlier one and wins.
    """
    best: Mount | None = None
    here = path.as_posix()
    for mount in parse_mountinfo(mountinfo):
        point = mount.point.rstrip("/") or "/"
        inside = point == "/" or here == point or here.startswith(point + "/")
        if inside and (best is None or len(point) >= len(best.point.rstrip("/") or "/")):
            best = mount
    return best


def kind_of(fstype: str) -> Kind:
    """What a file system type is: a local disk, a file server, a sync client, or unknown."""
    if fstype in LOCAL_FILESYSTEMS:
        return "local"
    if fstype in SERVER_FILESYSTEMS:
        return "server"
    if fstype.startswith("fuse.") and any(
        name in fstype for name in ("drive", "onedrive", "dropbox", "rclone", "dbxfs")
    ):
        return "sync"
    return "unknown"


def sync_client(folder: Path) -> str | None:
    """The sync client whose marker, ``desktop.ini`` or root name ``folder`` or a folder above
    it carries, or None."""
    roots = [Path(os.environ[v]) for v in SYNC_ROOT_VARIABLES if os.environ.get(v)]
    for here in (folder, *folder.parents):
        if any(here == r or here == r.resolve() for r in roots):
            return "OneDrive"
        named = SYNC_ROOTS.get(here.name.lower())
        if named is None and here.name.lower().startswith(("onedrive - ", "dropbox (")):
            named = "OneDrive" if here.name.lower().startswith("onedrive") else "Dropbox"
        if named is not None:
            return named
        for marker, client in SYNC_MARKERS.items():
            if os.path.lexists(here / marker):
                return client
        found = _desktop_ini(here / "desktop.ini")
        if found is not None:
            return found
    return None


def _desktop_ini(path: Path) -> str | None:
    try:
        with open_regular(path) as handle:
            data = handle.read(8192)
    except OSError:
        return None
    words = data.decode("utf-16", "replace") if data[:2] == b"\xff\xfe" else data.decode("latin-1")
    words = words.lower()
    for trait, client in DESKTOP_INI_TRAITS.items():
        if trait in words:
            return client
    return None


def read_mountinfo() -> str | None:
    """This process's ``/proc/self/mountinfo``, or None where there is none (not Linux)."""
    try:
        return MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def check_shared_folder(folder: Path, mountinfo: str | None = None) -> Kind:
    """Refuse a shared folder whose exclusive create cannot be trusted; what it is.

    Args:
        folder: The shared folder (it need not exist yet: its nearest existing
            folder above is what is mounted).
        mountinfo: ``/proc/self/mountinfo``'s text (default: read it).

    Raises:
        ConfigError: It is a sync folder, or its file system is not a known
            local disk or file server (exit code 2).
    """
    real = folder.resolve()
    client = sync_client(real)
    if client is not None:
        raise ConfigError("pull.sync_folder", folder=folder, client=client)
    if mountinfo is None:
        mountinfo = read_mountinfo()
    if mountinfo is None:
        if sys.platform == "win32" and str(folder).startswith("\\\\"):
            return "server"  # \\server\share: Windows reaches it over SMB
        raise ConfigError("pull.unknown_fs", folder=folder, fstype="?")
    mount = mount_of(real, mountinfo)
    fstype = mount.fstype if mount is not None else "?"
    kind = kind_of(fstype)
    if kind == "sync":
        raise ConfigError("pull.sync_folder", folder=folder, client=fstype)
    if kind == "unknown":
        raise ConfigError("pull.unknown_fs", folder=folder, fstype=fstype)
    return kind

"""rclone, run through the bounded process runner: one call per step, its stats read back.

rclone moves files to any host it knows (SFTP, FTP, S3-compatible storage, Google
Cloud Storage, WebDAV, a local folder); we decide what moves and in which order.
Each call lists exactly the files to move (``--files-from``), logs JSON, and its
final stats line tells how many files and bytes went, and how many were deleted
(``rclone delete`` logs that line only when ``--stats`` is given, so it always is).
A failure is classified: credentials, an unreachable host or an SFTP host key that
is not the one on record are the environment (exit 2), anything else is a failed
step that the next deploy finishes. :func:`list_files` reads what a host really
holds, for ``etalase deploy --repair``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ..process import RunResult, ToolMissing, run

#: Bounded in time as every process is; a slow link gets hours, a dead one fails fast
#: through rclone's own connect and idle timeouts.
STEP_TIMEOUT = 6 * 3600.0
PROBE_TIMEOUT = 60.0
NET_FLAGS = (
    "--contimeout",
    "10s",
    "--timeout",
    "60s",
    "--retries",
    "2",
    "--low-level-retries",
    "3",
    # SSH already checks every byte in transit; asking the server for an md5sum
    # of each file opens a shell per file and makes SFTP uploads 3x slower.
    "--sftp-disable-hashcheck",
    # Given explicitly, every command logs its final stats (`delete` too: its deletes).
    "--stats",
    "1h",
)

Failure = Literal["hostkey", "auth", "unreachable", "config", "step"]
_HOSTKEY = re.compile(r"knownhosts: key (mismatch|is unknown)|host key mismatch", re.I)
_AUTH = re.compile(
    r"unable to authenticate|permission denied|auth(entication)? fail|"
    r"access ?denied|invalid ?access ?key|signaturedoesnotmatch|(?<![:\d])\b40[13]\b",
    re.I,
)
_UNREACHABLE = re.compile(
    r"connection refused|no such host|i/o timeout|network is unreachable|"
    r"no route to host|dial tcp|connection reset|timed out",
    re.I,
)
_CONFIG = re.compile(
    r"didn't find section in config file|not found in config|"
    r"unknown backend|config file .* not found.*section",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Moved:
    """What one rclone call did."""

    ok: bool
    files: int = 0  # transferred
    bytes: int = 0
    deletes: int = 0
    error: str = ""  # the last error line, when not ok
    failure: Failure | None = None
    seconds: float = 0.0


class RcloneMissing(Exception):
    """rclone is not installed."""


def rclone_path() -> str | None:
    """The rclone executable on ``PATH``."""
    return shutil.which("rclone")


@dataclass(frozen=True, slots=True)
class Listed:
    """One file as a host lists it: its size and the hashes the host gives for free."""

    size: int
    hashes: dict[str, str]


def rclone(
    args: Sequence[str], *, timeout: float = STEP_TIMEOUT, flags: Sequence[str] = ()
) -> Moved:
    """Run ``rclone ARGS`` (with JSON logs and network bounds); what it did.

    Args:
        args: The rclone command and its arguments.
        timeout: Seconds before it is stopped.
        flags: More options for every host (the SFTP host key file).

    Raises:
        RcloneMissing: rclone is not installed.
    """
    result = _rclone_run(args, timeout=timeout, flags=flags)
    text = result.stderr_tail if result.ok else _all_text(result.stdout, result.stderr_tail)
    stats = _last_stats(result.stderr_tail)
    moved = Moved(
        ok=result.ok,
        files=int(stats.get("transfers", 0)),
        bytes=int(stats.get("bytes", 0)),
        deletes=int(stats.get("deletes", 0)),
        seconds=result.seconds,
    )
    if result.ok:
        return moved
    error = "timeout" if result.timed_out else _last_error(text)
    return Moved(
        False, moved.files, moved.bytes, moved.deletes, error, classify(error), result.seconds
    )


def _rclone_run(args: Sequence[str], *, timeout: float, flags: Sequence[str]) -> RunResult:
    exe = rclone_path()
    if exe is None:
        raise RcloneMissing("rclone")
    cmd = [exe, *args, *NET_FLAGS, *flags, "-v", "--use-json-log"]
    try:
        return run(cmd, timeout=timeout)
    except ToolMissing as exc:
        raise RcloneMissing("rclone") from exc


def copy_files(source: Path, dest: str, names: Iterable[str], flags: Sequence[str] = ()) -> Moved:
    """Copy ``names`` (paths relative to ``source``) to ``dest``; only those are looked at."""
    with _list_file(names) as listing:
        return rclone(
            ["copy", str(source), dest, "--files-from-raw", listing, "--no-traverse"], flags=flags
        )


def delete_files(dest: str, names: Iterable[str], flags: Sequence[str] = ()) -> Moved:
    """Delete ``names`` (relative to ``dest``) on the host."""
    with _list_file(names) as listing:
        return rclone(["delete", dest, "--files-from-raw", listing], flags=flags)


def remove_empty_folders(dest: str, folders: Iterable[str], flags: Sequence[str] = ()) -> Moved:
    """Remove each of ``folders`` (relative to ``dest``) that is left empty."""
    last = Moved(True)
    for folder in folders:
        last = rclone(
            ["rmdirs", f"{dest.rstrip('/')}/{folder}"], timeout=PROBE_TIMEOUT, flags=flags
        )
        if not last.ok and "not found" not in last.error.lower():
            return last
    return Moved(True)


def make_folder(dest: str, flags: Sequence[str] = ()) -> Moved:
    """Create ``dest`` when missing: the first contact with a host, failing fast."""
    return rclone(["mkdir", dest], timeout=PROBE_TIMEOUT, flags=flags)


def reach(dest: str, flags: Sequence[str] = ()) -> Moved:
    """Whether the host answers (a missing folder counts as reached)."""
    moved = rclone(["lsf", "--max-depth", "1", dest], timeout=PROBE_TIMEOUT, flags=flags)
    if not moved.ok and "directory not found" in moved.error.lower():
        return Moved(True)
    return moved


def list_files(dest: str, flags: Sequence[str] = ()) -> tuple[dict[str, Listed], Moved]:
    """Every file under ``dest`` as the host lists it (a missing folder is empty).

    Sizes always; hashes only where the host keeps them (S3's MD5, a local
    folder): over SFTP rclone would run ``md5sum`` on the server once a file.
    """
    result = _rclone_run(
        ["lsjson", "-R", "--files-only", "--hash-type", "MD5", "--no-mimetype", dest],
        timeout=STEP_TIMEOUT,
        flags=flags,
    )
    if not result.ok:
        error = "timeout" if result.timed_out else _last_error(result.stderr_tail)
        if "directory not found" in error.lower():
            return {}, Moved(True, seconds=result.seconds)
        return {}, Moved(False, error=error, failure=classify(error), seconds=result.seconds)
    try:
        items = json.loads(result.stdout.decode("utf-8", "replace") or "[]")
    except ValueError:
        return {}, Moved(False, error="rclone lsjson: not JSON", failure="step")
    found: dict[str, Listed] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("Path"), str):
            hashes = item.get("Hashes") or {}
            found[item["Path"]] = Listed(
                int(item.get("Size", -1)),
                {str(k): str(v) for k, v in hashes.items() if v}
                if isinstance(hashes, dict)
                else {},
            )
    return found, Moved(True, files=len(found), seconds=result.seconds)


def remote_names() -> set[str]:
    """The remotes rclone knows, from its config file and ``RCLONE_CONFIG_*`` variables."""
    moved_text = _run_text(["listremotes"])
    return {line.strip().rstrip(":") for line in moved_text.splitlines() if line.strip()}


def sftp_unpinned(remote: str) -> bool:
    """Whether ``remote`` is an SFTP host rclone would accept under any host key.

    rclone's sftp backend checks the host key only with ``known_hosts_file``, set
    on the remote (config file, ``RCLONE_CONFIG_<NAME>_KNOWN_HOSTS_FILE``, the
    connection string) or for every SFTP host (``RCLONE_SFTP_KNOWN_HOSTS_FILE``).
    """
    if os.environ.get("RCLONE_SFTP_KNOWN_HOSTS_FILE"):
        return False
    name, _colon, _path = remote.partition(":")
    if remote.startswith(":"):  # :sftp,host=...,known_hosts_file=...:path
        backend = remote[1:].split(":", 1)[0]
        kind, _comma, options = backend.partition(",")
        return kind == "sftp" and "known_hosts_file=" not in options
    upper = re.sub(r"[^A-Za-z0-9]", "_", name).upper()
    kind = os.environ.get(f"RCLONE_CONFIG_{upper}_TYPE", "")
    pinned = os.environ.get(f"RCLONE_CONFIG_{upper}_KNOWN_HOSTS_FILE", "")
    if not kind:
        try:
            section = json.loads(_run_text(["config", "dump"]) or "{}").get(name) or {}
        except (ValueError, AttributeError):
            section = {}
        kind = str(section.get("type", ""))
        pinned = pinned or str(section.get("known_hosts_file", ""))
    return kind == "sftp" and not pinned


def classify(error: str) -> Failure:
    """What kind of failure an rclone error line describes."""
    if _HOSTKEY.search(error):
        return "hostkey"
    if _CONFIG.search(error):
        return "config"
    if _AUTH.search(error):
        return "auth"
    if _UNREACHABLE.search(error):
        return "unreachable"
    return "step"


def _run_text(args: Sequence[str]) -> str:
    exe = rclone_path()
    if exe is None:
        raise RcloneMissing("rclone")
    result = run([exe, *args], timeout=PROBE_TIMEOUT)
    return result.stdout.decode("utf-8", "replace") if result.ok else ""


@contextmanager
def _list_file(names: Iterable[str]) -> Iterator[str]:
    """A temporary ``--files-from-raw`` list, one name a line."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", suffix=".txt", prefix="etalase-deploy-", delete=False
    ) as handle:
        handle.writelines(f"{name}\n" for name in names)
    try:
        yield handle.name
    finally:
        Path(handle.name).unlink(missing_ok=True)


def _all_text(stdout: bytes, stderr: str) -> str:
    return stdout.decode("utf-8", "replace") + "\n" + stderr


def _records(text: str) -> list[dict[str, object]]:
    out = []
    for line in text.splitlines():
        start = line.find("{")
        if start < 0:
            continue
        try:
            record = json.loads(line[start:])
        except ValueError:
            continue
        if isinstance(record, dict):
            out.append(record)
    return out


def _last_stats(text: str) -> dict[str, float]:
    for record in reversed(_records(text)):
        stats = record.get("stats")
        if isinstance(stats, dict):
            return {k: v for k, v in stats.items() if isinstance(v, (int, float))}
    return {}


_NOISE = re.compile(
    r"^\d{4}/\d\d/\d\d \d\d:\d\d:\d\d (ERROR|CRITICAL|NOTICE)?\s*:?\s*|"
    r'Failed to create file system for "[^"]*": |NewFs: |'
    r"Attempt \d+/\d+ failed with \d+ errors and: "
)


def _tidy(line: str) -> str:
    """An rclone error line without its time stamp and wrapping."""
    return _NOISE.sub("", line).strip()


def _last_error(text: str) -> str:
    errors = [
        str(r.get("msg", "")) for r in _records(text) if r.get("level") in ("error", "critical")
    ]
    if errors:
        return _tidy(errors[-1])[:300]
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    plain = [line for line in lines if not line.startswith("{")]
    return _tidy((plain or lines or ["rclone gagal"])[-1])[:300]

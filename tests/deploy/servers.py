"""Real servers on 127.0.0.1 for the deploy tests: OpenSSH's sshd (SFTP) and nginx.

Both are Debian packages installed by ``make test`` (``scripts/install_system_deps.sh``).
Each server gets its own configuration, keys and logs in a temporary folder, a
free high port, and is stopped (its own process, by pid) when the test is done.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

SSHD = shutil.which("sshd") or "/usr/sbin/sshd"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} never opened: {log.read_text(errors='replace')[-2000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@dataclass(frozen=True, slots=True)
class Sftp:
    """A running sshd: the port, the user, and the client key that may log in."""

    port: int
    user: str
    key_file: Path
    host_key: Path  # the server's public host key

    def known_hosts_line(self, key: Path | None = None) -> str:
        """A known_hosts line for this server with its key (or another one)."""
        return f"[127.0.0.1]:{self.port} {(key or self.host_key).read_text().strip()}\n"

    def env(self, name: str = "OFFICE", **extra: str) -> dict[str, str]:
        """``RCLONE_CONFIG_<NAME>_*`` variables that define the remote (no config file)."""
        prefix = f"RCLONE_CONFIG_{name}_"
        values = {
            "TYPE": "sftp",
            "HOST": "127.0.0.1",
            "PORT": str(self.port),
            "USER": self.user,
            "KEY_FILE": str(self.key_file),
            "SHELL_TYPE": "unix",
        }
        values.update(extra)
        return {prefix + k: v for k, v in values.items() if v != ""}


@contextmanager
def sftp_server(folder: Path) -> Iterator[Sftp]:
    """sshd on a free port, key login only, SFTP subsystem in-process."""
    folder.mkdir(parents=True, exist_ok=True)
    host_key, client_key = folder / "host_key", folder / "client_key"
    for key in (host_key, client_key):
        subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    (folder / "authorized_keys").write_text(Path(f"{client_key}.pub").read_text())
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        f"Port {port}\nListenAddress 127.0.0.1\nHostKey {host_key}\nPidFile {folder}/sshd.pid\n"
        f"AuthorizedKeysFile {folder}/authorized_keys\nPasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nStrictModes no\n"
        "UsePAM no\nSubsystem sftp internal-sftp\nMaxStartups 100\nMaxSessions 100\n"
    )
    Path("/run/sshd").mkdir(exist_ok=True)  # sshd's privilege separation folder
    log = folder / "sshd.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [SSHD, "-D", "-e", "-f", str(config)], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        _wait_port(port, proc, log)
        import pwd

        yield Sftp(port, pwd.getpwuid(os.getuid()).pw_name, client_key, Path(f"{host_key}.pub"))
    finally:
        _stop(proc)


@dataclass(frozen=True, slots=True)
class Web:
    """nginx serving the deployed pages and media on two origins."""

    pages_url: str
    media_url: str


@contextmanager
def nginx(
    folder: Path, pages: Path, media: Path, *, ports: tuple[int, int] | None = None
) -> Iterator[Web]:
    """nginx with the settings docs/hosting.md recommends: gzip, Range, immutable ``m/``."""
    folder.mkdir(parents=True, exist_ok=True)
    pages.mkdir(parents=True, exist_ok=True)
    media.mkdir(parents=True, exist_ok=True)
    pages_port, media_port = ports or (free_port(), free_port())
    temp = folder / "tmp"
    temp.mkdir(exist_ok=True)
    config = folder / "nginx.conf"
    config.write_text(f"""\
daemon off;
user root;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{ worker_connections 64; }}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log {folder}/access.log;
  client_body_temp_path {temp}/body; proxy_temp_path {temp}/proxy;
  fastcgi_temp_path {temp}/fastcgi; uwsgi_temp_path {temp}/uwsgi; scgi_temp_path {temp}/scgi;
  gzip on;
  gzip_types text/css application/javascript application/json image/svg+xml application/xml;
  server {{
    listen 127.0.0.1:{pages_port};
    root {pages};
    index index.html;
  }}
  server {{
    listen 127.0.0.1:{media_port};
    root {media};
    location /m/ {{ add_header Cache-Control "public, max-age=31536000, immutable"; }}
  }}
}}
""")
    log = folder / "nginx.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [NGINX, "-c", str(config), "-p", str(folder)], stdout=out, stderr=subprocess.STDOUT
        )
    try:
        _wait_port(pages_port, proc, log)
        _wait_port(media_port, proc, log)
        yield Web(f"http://127.0.0.1:{pages_port}/", f"http://127.0.0.1:{media_port}/")
    finally:
        _stop(proc)

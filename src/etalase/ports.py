"""Whether a local server can listen where it is told to, asked before anything is built.

``etalase serve`` (MkDocs' server) and ``etalase desk`` (uvicorn) bind their
address only after the first build: a port another program holds then ends a
long build with an English ``[Errno 98]`` or "internal error". :func:`check_port`
binds the address once, as both servers do (``SO_REUSEADDR``, so a port left in
``TIME_WAIT`` by a server just stopped counts as free), and says in plain words
what holds it and what to do (exit code 2).
"""

from __future__ import annotations

import errno
import socket

from .errors import ConfigError
from .reasons import os_said


def check_port(host: str, port: int, *, other: str) -> None:
    """Refuse an address nothing can listen on now.

    Args:
        host: The host name or address to listen on.
        port: The TCP port.
        other: The command line that picks another address (said in the fix).

    Raises:
        ConfigError: The port is taken, or the address is not this machine's.
    """
    shown = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    try:
        family, kind, proto, _, where = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(where)
    except socket.gaierror as exc:
        raise ConfigError("port.unusable", addr=shown, reason=exc.strerror, other=other) from exc
    except OSError as exc:
        key = "port.busy" if exc.errno == errno.EADDRINUSE else "port.unusable"
        raise ConfigError(key, addr=shown, reason=os_said(exc), other=other) from exc


def split_address(address: str) -> tuple[str, int] | None:
    """``127.0.0.1:8000`` or ``[::1]:8000`` as (host, port); None when it is not one.

    MkDocs itself says what is wrong with an address it cannot read.
    """
    host, sep, port = address.rpartition(":")
    if not sep or not port.isdigit() or not host:
        return None
    return host.strip("[]"), int(port)

"""``etalase desk``: the curator's desk in a browser, with the live curator preview.

Starts nothing in the browser by itself: it builds the preview once, prints
the address with its one-time token, and serves ``/_meja/`` (the desk) and
``/`` (the preview) from one uvicorn server until interrupted. It listens on
127.0.0.1 unless ``--bind`` names another address of this machine, which then
needs a password from ``ETALASE_DESK_PASSWORD``.
"""

from __future__ import annotations

import getpass
import os
import secrets
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from ..curation.decisions import LOG_NAME, DecisionLog
from ..desk.actions import Curator, git_user
from ..desk.app import DeskState, create_app
from ..desk.preview import Preview
from ..desk.security import allowed_hosts, is_loopback, is_unspecified
from ..errors import ConfigError
from ..media.pipeline import check_writable
from ..messages import text as ui_text
from ..ports import check_port
from ..problems import Lang
from ..project import Project
from ..workspace import open_workspace

PASSWORD_ENV = "ETALASE_DESK_PASSWORD"


def run_desk(
    project: Project,
    *,
    bind: str = "127.0.0.1",
    port: int = 8000,
    curator: str | None = None,
    commit: bool = False,
    drop_dir: Path | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Serve the desk until interrupted; 0 on a clean stop.

    Raises:
        ConfigError: no ``mkdocs.yml``, an address that cannot be checked, or a
            network address without a password.
    """
    out = out or sys.stdout
    if project.config_file is None:
        raise ConfigError(ui_text("desk.no_config", "id"), ui_text("desk.no_config", "en"))
    if is_unspecified(bind):
        raise ConfigError(
            ui_text("desk.bind_any", "id", addr=bind), ui_text("desk.bind_any", "en", addr=bind)
        )
    password = None
    if not is_loopback(bind):
        password = os.environ.get(PASSWORD_ENV) or None
        if password is None or len(password) < 8:
            raise ConfigError(
                ui_text("desk.bind_password", "id"), ui_text("desk.bind_password", "en")
            )
    project.tools()  # ffmpeg missing or the cache unwritable: say so now (exit 2)
    check_writable(project.cache.media)
    check_port(bind, port, other=f"etalase desk --port {port + 1}")  # before the build
    name = curator or git_user(project.root) or getpass.getuser()
    shown_host = f"[{bind}]" if ":" in bind else bind
    base = f"http://{shown_host}:{port}/"
    with _terminated_like_interrupted():  # SIGTERM too removes the desk's preview folder
        workspace = open_workspace(project)  # the preview's builds load into it too
        preview = Preview(project, base, lang)
        state: DeskState | None = None
        try:
            out.write(ui_text("desk.building", lang) + "\n")
            out.flush()
            preview.rebuild()
            state = DeskState(
                preview=preview,
                curator=Curator(
                    project=project,
                    log=DecisionLog(project.root / LOG_NAME),
                    name=name,
                    lang=lang,
                    commit=commit,
                    drop_dir=drop_dir,
                ),
                lang=lang,
                workspace=workspace,
            )
            token = secrets.token_urlsafe(24)
            guard, _ = create_app(state, allowed_hosts(bind, port), token, password)
            out.write(
                f"{ui_text('desk.started', lang)}\n  {base}_meja/?token={token}\n"
                f"{ui_text('desk.stop', lang)}\n"
            )
            out.flush()
            _serve(guard, bind, port)
        finally:
            if state is not None:
                state.close()  # the background rebuild finishes before its folder goes
            preview.close()
        return 0


@contextmanager
def _terminated_like_interrupted() -> Iterator[None]:
    """SIGTERM (a service manager's stop) ends the desk as Ctrl+C does: cleanups run.

    Python's default for SIGTERM ends the process at once, and uvicorn, after
    its own graceful stop, raises the signal again for that default.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _serve(app: Any, host: str, port: int) -> None:
    import uvicorn

    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,
        server_header=False,
        proxy_headers=False,
        lifespan="off",
        timeout_graceful_shutdown=3,
    )
    uvicorn.Server(config).run()

"""The desk's guard on its own: Host check, token to cookie, CSRF field, password sign-in.

Served by a real uvicorn on 127.0.0.1 in a thread and asked with ``http.client``
(the browser tests drive a whole ``etalase desk`` process).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from webclient import Client

from etalase.desk.security import COOKIE, Guard, allowed_hosts, is_loopback, is_unspecified


def _app() -> Starlette:
    async def page(request: Request) -> PlainTextResponse:
        return PlainTextResponse("ok")

    async def change(request: Request) -> PlainTextResponse:
        form = await request.form()
        ok = Guard.csrf_ok(request.scope.get("state", {}), form.get("csrf"))
        return PlainTextResponse("done" if ok else "refused", status_code=200 if ok else 403)

    async def csrf(request: Request) -> PlainTextResponse:
        return PlainTextResponse(request.state.csrf)

    return Starlette(
        routes=[
            Route("/_meja/", page),
            Route("/_meja/csrf", csrf),
            Route("/_meja/ubah", change, methods=["POST"]),
        ]
    )


@contextmanager
def _client(password: str | None = None) -> Iterator[Client]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    guard = Guard(
        _app(), allowed_hosts("127.0.0.1", port), token="rahasia-token", password=password
    )
    server = uvicorn.Server(
        uvicorn.Config(guard, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    try:
        yield Client(port)
    finally:
        server.should_exit = True
        thread.join(timeout=5)


def test_loopback_and_unspecified_addresses_are_told_apart() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("192.168.1.10") and not is_loopback("0.0.0.0")
    assert is_unspecified("0.0.0.0") and is_unspecified("::") and not is_unspecified("127.0.0.1")
    assert allowed_hosts("127.0.0.1", 8000) == {"127.0.0.1:8000", "localhost:8000"}
    assert allowed_hosts("192.168.1.10", 9000) == {"192.168.1.10:9000"}


def test_without_token_or_cookie_every_page_is_refused() -> None:
    with _client() as client:
        _refused_without_token(client)


def _refused_without_token(client: Client) -> None:
    assert client.get("/_meja/").status_code == 403
    assert client.get("/_meja/?token=salah").status_code == 403
    client.cookie = f"{COOKIE}=tebakan"
    assert client.get("/").status_code == 403


def test_the_token_becomes_a_cookie_and_leaves_the_address() -> None:
    with _client() as client:
        first = client.get("/_meja/?token=rahasia-token&status=review")
        assert first.status_code == 303
        assert first.headers["location"] == "/_meja/?status=review"
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
        page = client.get("/_meja/")
        assert page.status_code == 200 and page.text == "ok"
        assert page.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_a_foreign_host_is_refused_even_with_the_token() -> None:
    with _client() as client:
        answer = client.get("/_meja/?token=rahasia-token", headers={"Host": "evil.example:8000"})
        assert answer.status_code == 403
        assert "set-cookie" not in answer.headers


def test_a_post_needs_the_sessions_csrf_field_and_no_foreign_origin() -> None:
    with _client() as client:
        client.get("/_meja/?token=rahasia-token")
        csrf = client.get("/_meja/csrf").text
        assert client.post("/_meja/ubah", data={}).status_code == 403
        assert client.post("/_meja/ubah", data={"csrf": csrf + "x"}).status_code == 403
        assert (
            client.post(
                "/_meja/ubah", data={"csrf": csrf}, headers={"Origin": "http://evil.example"}
            ).status_code
            == 403
        )
        assert client.post("/_meja/ubah", data={"csrf": csrf}).text == "done"


def test_with_a_password_the_token_alone_is_not_enough() -> None:
    with _client(password="kata-sandi-panjang") as client:
        form = client.get("/_meja/?token=rahasia-token")
        assert form.status_code == 200 and 'type="password"' in form.text
        assert "set-cookie" not in form.headers
        wrong = client.post("/_meja/masuk", data={"token": "rahasia-token", "password": "salah"})
        assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
        assert (
            client.post(
                "/_meja/masuk", data={"token": "x", "password": "kata-sandi-panjang"}
            ).status_code
            == 403
        )
        right = client.post(
            "/_meja/masuk", data={"token": "rahasia-token", "password": "kata-sandi-panjang"}
        )
        assert right.status_code == 303 and COOKIE in right.headers["set-cookie"]
        assert client.get("/_meja/").text == "ok"

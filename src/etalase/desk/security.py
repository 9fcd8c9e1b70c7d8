"""Who may use the desk: the token, the session cookie, CSRF, the Host check and the password.

The desk changes a school's files and the public site, so it trusts nothing
it did not hand out itself. :class:`Guard` is an ASGI middleware in front of
every request (desk and preview alike):

* the ``Host`` header must name the address the desk listens on (a web page
  that rebinds its own name to 127.0.0.1 is refused: DNS rebinding);
* the first visit carries the token printed in the terminal (``?token=``); it
  is swapped for an ``HttpOnly``, ``SameSite=Strict`` session cookie and the
  token is taken out of the address bar by a redirect; any other request
  without a valid cookie is refused;
* with a password (required on a network address) the token visit shows a
  sign-in form first;
* a ``POST`` must come from the desk's own pages: a foreign ``Origin`` is
  refused here, and the form's CSRF field is checked by :meth:`Guard.csrf_ok`;
* desk pages may not be framed, cached or given scripts from elsewhere (CSP).

Refusals are plain 403 pages; nothing says which part was wrong beyond what a
curator needs to recover.
"""

from __future__ import annotations

import hmac
import html
import ipaddress
import secrets
import threading
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ..messages import text as ui_text
from ..problems import Lang

COOKIE = "etalase_meja"
LOGIN_PATH = "/_meja/masuk"
Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """Whether ``host`` is a loopback address (127.0.0.0/8 or ::1) or ``localhost``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_unspecified(host: str) -> bool:
    """Whether ``host`` means "every interface" (0.0.0.0, ::), which no Host header names."""
    try:
        return ipaddress.ip_address(host.strip("[]")).is_unspecified
    except ValueError:
        return False


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """The ``Host`` header values that name the desk."""
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    names = {f"{shown}:{port}"}
    if is_loopback(host):
        names |= {f"localhost:{port}", f"127.0.0.1:{port}"}
    return frozenset(names)


@dataclass(slots=True)
class Guard:
    """The desk's gatekeeper (an ASGI middleware wrapping ``app``).

    Attributes:
        app: The application behind the guard.
        hosts: Accepted ``Host`` header values.
        token: The secret printed in the terminal.
        password: Required at sign-in when set.
        lang: The language of the refusal pages.
    """

    app: App
    hosts: frozenset[str]
    token: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    password: str | None = None
    lang: Lang = "id"
    _sessions: dict[str, str] = field(default_factory=dict)  # session id -> CSRF token
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":
            return  # no websockets here
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if host not in self.hosts:
            await self.refuse(send, "desk.forbidden_host")
            return
        method = scope["method"]
        origin = headers.get("origin")
        if method not in ("GET", "HEAD") and origin is not None and origin != f"http://{host}":
            await self.refuse(send, "desk.forbidden_csrf")
            return
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        given = next((v for k, v in query if k == "token"), None)
        if given is not None and method in ("GET", "HEAD") and self.token_ok(given):
            if self.password is None:
                rest = [(k, v) for k, v in query if k != "token"]
                where = scope["path"] + (f"?{urlencode(rest)}" if rest else "")
                await self.redirect(send, where, self.new_session())
            else:
                await self.login_form(send, given, wrong=False)
            return
        if scope["path"] == LOGIN_PATH and method == "POST" and self.password is not None:
            await self.login(scope, receive, send)
            return
        session = self.session_of(headers.get("cookie", ""))
        if session is None:
            await self.refuse(send, "desk.forbidden_token")
            return
        scope.setdefault("state", {})["csrf"] = self._sessions[session]
        await self.app(scope, receive, self.with_headers(send, scope["path"]))

    def token_ok(self, given: str) -> bool:
        return hmac.compare_digest(given.encode(), self.token.encode())

    def new_session(self) -> str:
        session = secrets.token_urlsafe(32)
        with self._lock:
            self._sessions[session] = secrets.token_urlsafe(32)
        return session

    def session_of(self, cookie_header: str) -> str | None:
        cookie: SimpleCookie = SimpleCookie()
        try:
            cookie.load(cookie_header)
        except Exception:  # a malformed Cookie header is just no cookie
            return None
        morsel = cookie.get(COOKIE)
        if morsel is None:
            return None
        with self._lock:
            known = list(self._sessions)
        for session in known:  # constant time per comparison; few sessions
            if hmac.compare_digest(session.encode(), morsel.value.encode()):
                return session
        return None

    @staticmethod
    def csrf_ok(scope_state: MutableMapping[str, Any], given: object) -> bool:
        """Whether a form's CSRF field matches the session's token."""
        expected = scope_state.get("csrf")
        return (
            isinstance(given, str)
            and isinstance(expected, str)
            and hmac.compare_digest(given.encode(), expected.encode())
        )

    def with_headers(self, send: Send, path: str) -> Send:
        """Add the desk's response headers: no framing, no referrer, no caching of desk pages."""
        desk = path.startswith("/_meja/")

        async def wrapped(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                # same-origin, not no-referrer: with no-referrer a form POST says
                # "Origin: null", and the Origin check above needs the real one.
                extra = [
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-content-type-options", b"nosniff"),
                ]
                if desk:
                    extra += [
                        (b"cache-control", b"no-store"),
                        (
                            b"content-security-policy",
                            b"default-src 'self'; img-src 'self'; media-src 'self'; "
                            b"script-src 'self'; style-src 'self'; frame-ancestors 'none'; "
                            b"form-action 'self'; base-uri 'none'",
                        ),
                    ]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        return wrapped

    async def login(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > 8192:
                await self.refuse(send, "desk.forbidden_token")
                return
            if not message.get("more_body"):
                break
        fields = dict(parse_qsl(body.decode("utf-8", "replace")))
        token, password = fields.get("token", ""), fields.get("password", "")
        if not self.token_ok(token):
            await self.refuse(send, "desk.forbidden_token")
            return
        assert self.password is not None
        if not hmac.compare_digest(password.encode(), self.password.encode()):
            await self.login_form(send, token, wrong=True)
            return
        await self.redirect(send, "/_meja/", self.new_session())

    async def redirect(self, send: Send, where: str, session: str) -> None:
        cookie = f"{COOKIE}={session}; Path=/; HttpOnly; SameSite=Strict"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", where.encode("latin-1")),
                    (b"set-cookie", cookie.encode()),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                    (b"content-length", b"0"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})

    async def login_form(self, send: Send, token: str, *, wrong: bool) -> None:
        t = self.text
        error = f'<p role="alert">{t("desk.password_wrong")}</p>' if wrong else ""
        body = (
            f'<main><h1>{t("desk.title")}</h1>{error}<form method="post" action="{LOGIN_PATH}">'
            f'<input type="hidden" name="token" value="{html.escape(token)}">'
            f'<label for="pw">{t("desk.password")}</label> '
            f'<input id="pw" name="password" type="password" autocomplete="current-password" '
            f'required> <button type="submit">{t("desk.login")}</button></form></main>'
        )
        await self.page(send, 401 if wrong else 200, t("desk.login"), body)

    async def refuse(self, send: Send, key: str) -> None:
        t = self.text
        body = f"<main><h1>{t('desk.forbidden')}</h1><p>{t(key)}</p></main>"
        await self.page(send, 403, t("desk.forbidden"), body)

    async def page(self, send: Send, status: int, title: str, body: str) -> None:
        data = (
            f'<!doctype html><html lang="{self.lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title}</title></head><body>{body}</body></html>"
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(data)).encode()),
                    (b"cache-control", b"no-store"),
                    (b"x-frame-options", b"DENY"),
                    (b"referrer-policy", b"no-referrer"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": data})

    def text(self, key: str) -> str:
        return ui_text(key, self.lang)

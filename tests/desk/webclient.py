"""A tiny browser for the desk tests: keeps every cookie it is given, follows no redirects."""

from __future__ import annotations

import http.client
from http.cookies import SimpleCookie
from urllib.parse import urlencode


class Answer:
    def __init__(self, status: int, headers: dict[str, str], text: str) -> None:
        self.status_code, self.headers, self.text = status, headers, text


class Client:
    """Asks ``127.0.0.1:port`` with the cookies it was given (``cookies``: name -> value)."""

    def __init__(self, port: int, timeout: float = 10) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    @property
    def cookie(self) -> str | None:
        """The ``Cookie`` header sent (None without cookies)."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items()) or None

    @cookie.setter
    def cookie(self, header: str | None) -> None:
        self.cookies = {}
        for part in (header or "").split(";"):
            if "=" in part:
                name, value = part.strip().split("=", 1)
                self.cookies[name] = value

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if self.cookie:
            sent["Cookie"] = self.cookie
        body = urlencode(data) if data is not None else None
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        pairs = response.getheaders()
        for name, value in pairs:
            if name.lower() == "set-cookie":
                jar: SimpleCookie = SimpleCookie(value)
                self.cookies.update({k: m.value for k, m in jar.items()})
        found = {k.lower(): v for k, v in pairs}
        answer = Answer(response.status, found, response.read().decode("utf-8"))
        conn.close()
        return answer

    def get(self, path: str, headers: dict[str, str] | None = None) -> Answer:
        return self.request("GET", path, headers=headers)

    def post(
        self, path: str, data: dict[str, str], headers: dict[str, str] | None = None
    ) -> Answer:
        return self.request("POST", path, data, headers)

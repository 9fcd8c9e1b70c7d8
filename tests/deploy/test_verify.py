"""``deploy --verify`` fetches every rendition a page names, whatever the rendition list calls it."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from etalase.deploy.verify import verify_site

ENTRY = (
    '<video id="etalase-video" poster="p.jpg" src="video-web.mp4" data-src-web="video-web.mp4" '
    'data-src-hemat="video-hemat.mp4" data-src-isyarat="video-isyarat.mp4"></video>'
)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A built site with one entry page, served on 127.0.0.1 by Python's own server."""
    entry = tmp_path / "sekolah" / "sdn-1" / "robot"
    entry.mkdir(parents=True)
    (tmp_path / "index.html").write_text("<p>Etalase</p>", "utf-8")
    (entry / "index.html").write_text(ENTRY, "utf-8")
    for name in ("video-web.mp4", "video-hemat.mp4", "video-isyarat.mp4", "p.jpg"):
        (entry / name).write_bytes(b"x" * 4096)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", tmp_path
    finally:
        server.shutdown()
        server.server_close()


def test_every_rendition_on_the_page_is_fetched_once(
    site: tuple[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    url, folder = site
    monkeypatch.setattr(http.server.SimpleHTTPRequestHandler, "log_message", lambda *a: None)
    fetched = verify_site(url, folder)
    videos = [f.url.rsplit("/", 1)[1] for f in fetched if f.kind == "video"]
    assert videos == ["video-web.mp4", "video-hemat.mp4", "video-isyarat.mp4"]
    assert [f.kind for f in fetched] == ["home", "entry", "video", "video", "video", "poster"]

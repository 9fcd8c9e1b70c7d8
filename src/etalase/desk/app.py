"""The desk's web application: the queue, one entry, the decisions, the media, the preview.

Routes (all behind :class:`etalase.desk.security.Guard`):

* ``GET /_meja/`` the queue, filtered by ``status``, ``district``, ``school``,
  ``category`` (``status`` defaults to ``review``), 50 rows a page;
* ``GET /_meja/entri/<school>/<entry>/`` one entry with its player and actions;
* ``POST /_meja/entri/<school>/<entry>/<action>`` a decision (a plain form
  with the CSRF field), answered with a redirect back to the entry;
* ``GET /_meja/media/<school>/<entry>/<file>`` renditions and posters from the
  media cache, looked up by name in the last build's media, never joined as a path;
* ``POST /_meja/muat-ulang`` rebuilds the preview from the files (edits made
  outside the desk);
* ``POST /_meja/nama`` remembers who decides in this browser (a cookie), so each
  decision is logged under its own curator's name;
* everything else: the curator preview, built by :class:`etalase.desk.preview.Preview`.
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import jinja2
import markdown
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..content.model import Entry
from ..content.routes import ROUTES
from ..curation.decisions import ACTION_LABELS, ACTIONS, Action
from ..media.outputs import EntryMedia
from ..media.rendition import built
from ..messages import decimal
from ..messages import text as ui_text
from ..problems import Lang
from ..site.sanitize import clean_html
from ..workspace import Workspace
from .actions import Curator, Outcome, curator_name, seconds_text, version_of
from .background import Coalescer
from .captions import EDITOR as CAPTIONS_EDITOR
from .captions import routes as caption_routes
from .clock import local_time
from .preview import Preview
from .queue import FILTERS, STATUSES, Item, collect, entry_index, reread, view
from .security import Guard

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "desk"
# Who decides in this browser (URL-quoted); kept a year, sent only to the desk's pages.
NAME_COOKIE = "etalase_kurator"
# URL words of the actions (Indonesian, as the buttons say) -> the decision.
ACTION_PATHS: dict[str, Action] = {
    "terbitkan": "publish",
    "tolak": "reject",
    "unggulkan": "feature",
    "batal-unggulan": "unfeature",
    "kembalikan": "review",
    "poster": "poster",
}
assert set(ACTION_PATHS.values()) == set(ACTIONS)
# Starlette's refusals by status -> what the curator reads instead of its English words.
HTTP_WORDS = {
    400: "desk.http_bad_form",
    404: "desk.http_not_found",
    405: "desk.http_wrong_method",
    413: "desk.http_bad_form",
}


@dataclass(slots=True)
class DeskState:
    """What the desk process holds between requests.

    A decision is answered as soon as its file is written: the decided entry's
    queue row is read again from that one file (:func:`~.queue.reread`), and the
    workspace's reload, the preview's rebuild and the queue's collection run in
    the background (:class:`~.background.Coalescer`: one at a time, decisions
    made meanwhile served by one more run). The preview serves its last
    complete build until then.
    """

    preview: Preview
    curator: Curator
    lang: Lang
    workspace: Workspace
    _items: list[Item] = field(default_factory=list)
    _generation: int = -1
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _flash: dict[str, Outcome] = field(default_factory=dict)
    _decided: int = 0  # counts rows read again after a decision
    _patched: dict[str, tuple[int, Item]] = field(default_factory=dict)
    _catch_up: Coalescer | None = None

    def __post_init__(self) -> None:
        self._catch_up = Coalescer(self._rebuild)

    def items(self) -> list[Item]:
        """The queue's rows: the workspace's last load, with the rows read after decisions."""
        with self._lock:
            live = self.workspace
            if self._generation == -1 or (
                self._generation != live.generation and not self.catching_up
            ):
                self._items = self._overlay(self._collect(), self._decided)
                self._generation = live.generation
            return self._items

    @property
    def catching_up(self) -> bool:
        """Whether a preview rebuild after a decision is running or waiting."""
        return self._catch_up is not None and self._catch_up.busy

    def item(self, key: str) -> Item | None:
        return next((i for i in self.items() if i.key == key), None)

    def decide(
        self,
        item: Item,
        action: Action,
        reason: str,
        poster_time: float | None,
        seen: str,
        who: str | None,
    ) -> str:
        """Carry out a decision and start the preview's rebuild; the key of its flash message.

        A decision refused because the entry changed since the curator's page
        (``seen``) reads the entry again too when the desk's own row is behind
        the file (an edit outside the desk), so the page shows the entry as it is.
        """
        self.items()  # the rows a decision's row is put into
        with self._lock:  # one decision at a time (the curator's read memo)
            outcome = self.curator.decide(
                item.index,
                action,
                title=item.title,
                seen=seen,
                reason=reason,
                poster_time=poster_time,
                who=who,
            )
            behind = any(p.code == "ENTRY_CHANGED" for p in outcome.problems) and (
                version_of(item.index) != item.version
            )
            if outcome.done or behind:
                self._decided += 1
                row = reread(item, self.curator.project)
                self._patched[item.key] = (self._decided, row)
                self._items = [row if i.key == item.key else i for i in self._items]
            flash = secrets.token_urlsafe(8)
            if len(self._flash) > 100:
                self._flash.clear()
            self._flash[flash] = outcome
        if outcome.done or behind:
            self.rebuild()
        return flash

    def rebuild(self) -> int:
        """Start reloading the files and rebuilding the preview in the background; its ticket."""
        assert self._catch_up is not None
        return self._catch_up.request()

    def wait(self, ticket: int, timeout: float | None = None) -> bool:
        """Wait for the rebuild of ``ticket`` (or a later one); False on timeout."""
        assert self._catch_up is not None
        return self._catch_up.wait(ticket, timeout)

    def reload(self) -> None:
        """Build the preview again from the files, and wait for it (edits made outside the desk)."""
        self.wait(self.rebuild())

    def close(self) -> None:
        """Start no more rebuilds; wait for the one running."""
        if self._catch_up is not None:
            self._catch_up.close()

    def _rebuild(self) -> None:
        """The background run: the workspace loaded again, the preview rebuilt, the rows collected."""
        with self._lock:
            since = self._decided
        self.workspace.refresh()  # one refresh at a time: the workspace's own lock
        self.preview.rebuild()
        generation = self.workspace.generation
        rows = self._collect()
        with self._lock:
            self._items = self._overlay(rows, since)
            self._generation = generation

    def _collect(self) -> list[Item]:
        live = self.workspace
        known = {i.key: i.arrival for i in self._items}
        return collect(self.curator.project, live.result, live.media, known)

    def _overlay(self, rows: list[Item], since: int) -> list[Item]:
        """``rows`` with the rows read after decisions made since ``since`` (held under the lock)."""
        self._patched = {k: v for k, v in self._patched.items() if v[0] > since}
        newer = {key: row for key, (_, row) in self._patched.items()}
        return [newer.get(i.key, i) for i in rows] if newer else rows

    def flash(self, key: str | None) -> Outcome | None:
        return self._flash.pop(key, None) if key else None


def create_app(
    state: DeskState, guard_hosts: frozenset[str], token: str, password: str | None
) -> tuple[Guard, Starlette]:
    """The desk application behind its guard."""
    lang = state.lang
    policy = state.curator.project.policy
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["t"] = lambda key, **kw: ui_text(key, lang, **kw)
    env.globals["lang"] = lang
    env.globals["routes"] = ROUTES
    env.globals["captions_editor"] = CAPTIONS_EDITOR
    env.filters["mb"] = lambda n: decimal(n / 1_000_000, lang) + " MB"
    env.filters["local"] = lambda when: local_time(when, policy.timezone)
    env.filters["second"] = lambda value: seconds_text(float(value), lang)
    env.filters["seconds"] = lambda s: (
        ui_text("desk.duration", lang, s=round(s)) if s else ui_text("desk.no_duration", lang)
    )
    categories = dict(policy.categories)
    labels = {
        "status": {s: ui_text(f"desk.status.{s}", lang) for s in STATUSES},
        "category": categories,
        "district": {d: d for d in policy.districts},
    }

    action_labels = {action: ui_text(key, lang) for action, key in ACTION_LABELS.items()}

    def render(name: str, request: Request, status: int = 200, **context: Any) -> HTMLResponse:
        page = env.get_template(name).render(
            csrf=request.state.csrf,
            me=_curator(request),
            default_name=state.curator.name,
            here=request.url.path,
            updating=state.catching_up,
            **context,
        )
        return HTMLResponse(page, status_code=status)

    def queue(request: Request) -> Response:
        params = request.query_params
        chosen = {name: params.get(name, "review" if name == "status" else "") for name in FILTERS}
        items = state.items()
        school_labels = {i.school_slug: i.school for i in items}
        try:
            page = int(params.get("halaman", "1"))
        except ValueError:
            page = 1
        result = view(items, chosen, page, {**labels, "school": school_labels})
        return render(
            "queue.html", request, q=result, categories=categories, links=_links(result.chosen)
        )

    def entry(request: Request) -> Response:
        found = _find(state, request)
        if found is None:
            return render("message.html", request, 404, text=ui_text("desk.not_found", lang))
        index, item = found
        names = [r.name for r in built(policy)]  # the rendition list: the first by default
        asked = request.query_params.get("r")
        rendition = asked if asked in names else names[0]
        return render(
            "entry.html",
            request,
            item=item,
            rendition=rendition,
            categories=categories,
            body=_body(state, index),
            reasons=policy.reject_reasons,
            log=state.curator.log.for_entry(item.key),
            flash=state.flash(request.query_params.get("hasil")),
            poster=_poster(item.media, 1280),
            statuses=labels["status"],
            actions=action_labels,
        )

    async def decide(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=20, max_part_size=64 * 1024)
        if not Guard.csrf_ok(request.scope.get("state", {}), form.get("csrf")):
            return HTMLResponse(_refusal(lang), status_code=403)
        action = ACTION_PATHS.get(request.path_params["action"])
        found = _find(state, request)
        if found is None or action is None:
            return render("message.html", request, 404, text=ui_text("desk.not_found", lang))
        _, item = found
        own, listed = str(form.get("reason_own") or "").strip(), str(form.get("reason") or "")
        # The curator's own words, or one of the listed reasons; nothing else.
        reason = own or (listed if listed in policy.reject_reasons else "")
        poster_time = _poster_time(form.get("poster_time"), item)
        seen = str(form.get("version") or "")  # none: a form from before versions, refused
        from starlette.concurrency import run_in_threadpool

        flash = await run_in_threadpool(
            state.decide, item, action, reason, poster_time, seen, _curator(request)
        )
        where = f"/_meja/entri/{item.key}/?hasil={flash}"
        return RedirectResponse(where, status_code=303)

    async def reload(request: Request) -> Response:
        """Rebuild the preview from the files (edits made outside the desk)."""
        form = await request.form(max_files=0, max_fields=5, max_part_size=1024)
        if not Guard.csrf_ok(request.scope.get("state", {}), form.get("csrf")):
            return HTMLResponse(_refusal(lang), status_code=403)
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(state.reload)
        return RedirectResponse("/_meja/", status_code=303)

    async def name(request: Request) -> Response:
        """Remember who decides in this browser (empty: the desk's default name)."""
        form = await request.form(max_files=0, max_fields=5, max_part_size=1024)
        if not Guard.csrf_ok(request.scope.get("state", {}), form.get("csrf")):
            return HTMLResponse(_refusal(lang), status_code=403)
        back = str(form.get("back") or "")
        where = back if back.startswith("/_meja/") and "//" not in back else "/_meja/"
        response = RedirectResponse(where, status_code=303)
        given = curator_name(form.get("name"))
        if given is None:
            response.delete_cookie(NAME_COOKIE, path="/_meja/", httponly=True, samesite="strict")
        else:
            response.set_cookie(
                NAME_COOKIE,
                quote(given, safe=""),
                max_age=365 * 24 * 3600,
                path="/_meja/",
                httponly=True,
                samesite="strict",
            )
        return response

    def media(request: Request) -> Response:
        found = _find(state, request)
        item = found[1] if found else None
        path = _media_file(item.media if item else None, request.path_params["name"])
        if path is None:
            return Response(status_code=404)
        return FileResponse(path, headers={"cache-control": "private, max-age=3600"})

    async def http_error(request: Request, exc: Exception) -> Response:
        """Starlette's own refusals (404, 405, a form it cannot read: 400) in the curator's words."""
        assert isinstance(exc, HTTPException)
        key = HTTP_WORDS.get(exc.status_code, "desk.http_other")
        page = _page(lang, ui_text(key, lang, code=exc.status_code))
        return HTMLResponse(page, status_code=exc.status_code, headers=exc.headers)

    app = Starlette(
        exception_handlers={HTTPException: http_error},
        routes=[
            Route("/_meja/", queue),
            Route("/_meja/entri/{school}/{entry}/", entry),
            Route("/_meja/entri/{school}/{entry}/{action}", decide, methods=["POST"]),
            Route("/_meja/media/{school}/{entry}/{name}", media),
            Route("/_meja/muat-ulang", reload, methods=["POST"]),
            Route("/_meja/nama", name, methods=["POST"]),
            *caption_routes(
                lang=lang,
                render=render,
                entry_of=lambda key: _loaded_entry(state, key),
                drafts_dir=lambda: state.curator.project.cache.captions,
                who=lambda request: _curator(request) or state.curator.name,
                log=lambda key, who, language, target: _log_captions(
                    state, key, who, language, target
                ),
                saved=state.rebuild,
                refusal=lambda: _refusal(lang),
                video_of=lambda key: _first_rendition(state, key),
            ),
            Mount("/_meja/aset", StaticFiles(directory=str(TEMPLATES / "static")), name="aset"),
            Route("/_meja", lambda r: RedirectResponse("/_meja/", status_code=308)),
            Mount("/", PreviewFiles(state.preview), name="preview"),
        ],
    )
    guard = Guard(app, guard_hosts, token=token, password=password, lang=lang)
    return guard, app


class PreviewFiles(StaticFiles):
    """The preview's files, from whichever folder its last build wrote.

    The folder changes with every build, so nothing here keeps its path:
    Starlette's one-off check of ``directory`` (made on the first request)
    would otherwise look for the folder of the build before a decision.
    """

    def __init__(self, preview: Preview) -> None:
        self.preview = preview
        super().__init__(directory=str(preview.site_dir), html=True)

    async def check_config(self) -> None:
        """Nothing to check: :class:`Preview` always serves a complete folder."""

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        self.all_directories = [str(self.preview.site_dir)]
        return super().lookup_path(path)


def _curator(request: Request) -> str | None:
    """The name this browser gave for its curator, or None."""
    return curator_name(unquote(request.cookies.get(NAME_COOKIE, "")))


def _find(state: DeskState, request: Request) -> tuple[Path, Item] | None:
    """The entry named by the URL, by the safe path rules, and its queue row."""
    school, slug = request.path_params["school"], request.path_params["entry"]
    index = entry_index(state.curator.project.content_dir, school, slug)
    if index is None:
        return None
    item = state.item(f"{school}/{slug}")
    return (index, item) if item is not None else None


def _loaded_entry(state: DeskState, key: str) -> Entry | None:
    """The valid entry ``key`` (``school/entry``) of the workspace's last load."""
    result = state.workspace.result
    entries = result.catalogue.entries if result is not None else ()
    return next((e for e in entries if e.key == key), None)


def _first_rendition(state: DeskState, key: str) -> str | None:
    """The desk's address of an entry's first rendition (the caption editor's player)."""
    item = state.item(key)
    if item is None or item.media is None or not item.media.renditions:
        return None
    first = item.media.renditions[0]
    return f"/_meja/media/{key}/{first.name}{first.path.suffix}"


def _log_captions(state: DeskState, key: str, who: str, language: str, target: Path) -> str | None:
    """The curator log's line for captions checked in the editor (#30.3), and with
    ``--commit`` the commit of the checked file and the log; why the commit failed, or None."""
    curator = state.curator
    curator.log.append("captions", key, who, reason=language)
    if not curator.commit:
        return None
    return curator.git_commit([target], "captions", key, f"bahasa: {language}", who)


def _links(chosen: Mapping[str, str]) -> dict[str, str]:
    """Query strings that keep the other filters when one is changed."""
    from urllib.parse import urlencode

    def link(**change: str) -> str:
        merged = {**{"status": ""}, **chosen, **change}
        return "?" + urlencode({k: v for k, v in merged.items() if v or k == "status"})

    return {"base": link(), **{f"{name}": link(**{name: "__V__"}) for name in FILTERS}}


def _body(state: DeskState, index: Path) -> str:
    """The explanation as the site shows it: the site's Markdown settings, then the sanitizer."""
    from ..content.reader import read_markdown

    source, _ = read_markdown(index, index.name)
    if source is None:
        return ""
    extensions, settings = state.preview.markdown
    html = markdown.Markdown(extensions=extensions, extension_configs=settings).convert(source.body)
    return clean_html(html)


def _poster(media: EntryMedia | None, width: int) -> str | None:
    """The name of the poster closest to ``width`` (not wider unless none is)."""
    if media is None or not media.posters:
        return None
    fitting = [p for p in media.posters if p.width <= width] or [media.posters[0]]
    return f"poster-{fitting[-1].width}.jpg"


def _media_file(media: EntryMedia | None, name: str) -> Path | None:
    if media is None:
        return None
    for rendition in media.renditions:  # the rendition list's rows, by their file names
        if name == f"{rendition.name}{rendition.path.suffix}":
            return rendition.path
    for poster in media.posters:
        if name == f"poster-{poster.width}.jpg":
            return poster.jpeg
        if name == f"poster-{poster.width}.webp":
            return poster.webp
    return None


def _poster_time(value: object, item: Item) -> float | None:
    try:
        seconds = float(str(value).replace(",", "."))
    except ValueError:
        return None
    limit = item.duration if item.duration else 3600
    return seconds if 0 <= seconds < limit and seconds == seconds else None


def _page(lang: Lang, said: str) -> str:
    """A small page saying one thing (no template: it must work whatever failed)."""
    title = escape(said)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'</head><body><main><h1>{title}</h1><p><a href="/_meja/">'
        f"{escape(ui_text('desk.queue', lang))}</a></p></main></body></html>"
    )


def _refusal(lang: Lang) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>'
        f"{ui_text('desk.forbidden', lang)}</title></head><body><main><h1>"
        f"{ui_text('desk.forbidden', lang)}</h1><p>{ui_text('desk.forbidden_csrf', lang)}"
        "</p></main></body></html>"
    )

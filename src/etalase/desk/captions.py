"""The desk's caption editor (#30.3): a person checks a machine draft, or writes captions.

* ``GET /_meja/takarir/<school>/<entry>/?bahasa=id`` the clip beside its cues
  as a form of rows (start, end, text); a cue's button plays the clip from it;
  a draft's cues the model was unsure of are marked. The rows come from the
  checked file already in the entry folder, else the school's own captions in
  that language, else the machine draft
  (:func:`etalase.media.drafts.entry_drafts`), else a few empty rows: regional
  languages (``jv``, ``su``) get no machine draft, people write them here.
* ``POST`` the same address, "Tandai sudah diperiksa": the rows are checked by
  the loader's own reader (:func:`etalase.content.captions.read_bytes`) and
  written as ``<video>.<lang>.diperiksa.vtt`` into the entry folder (never over a
  school's own file), its first note
  ``NOTE diperiksa oleh NAMA, TANGGAL`` (so it lives in git, and the page labels
  the track "diperiksa"), and the curator log gets a ``captions`` line; a desk
  started with ``--commit`` commits the file and the log as the curator. A form
  made from other rows than the ones now in place (another curator saved
  meanwhile, a new draft) is refused, as the CSRF field's absence is.

Drafts stay in the cache until then: only the checked file is ever published.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from ..content.captions import (
    CHECKED_NOTE,
    LANGUAGE,
    Finding,
    checked_name,
    origin_of,
    read_bytes,
    read_file,
    timestamp,
    to_webvtt,
)
from ..content.model import Entry
from ..files import atomic_write_text
from ..media.drafts import entry_drafts
from ..messages import text as ui_text
from ..problems import Lang
from .security import Guard

#: A draft's cue below this confidence (``exp(avg_logprob)``) is marked for a closer look.
LOW_CONFIDENCE = 0.6
#: Empty rows a person starts from when there is nothing to check (a regional language).
EMPTY_ROWS = 5
#: Rows one form may send (a one-minute clip has about 20 cues).
MAX_ROWS = 300

#: Where the caption editor of an entry lives (``<EDITOR><school>/<entry>/``).
EDITOR = "/_meja/takarir/"


@dataclass(frozen=True, slots=True)
class Row:
    """One cue as the editor shows it."""

    start: str  # WebVTT timestamp, "00:00:01.500"
    end: str
    text: str
    low: bool = False  # the model was unsure of it


@dataclass(frozen=True, slots=True)
class Editable:
    """What the editor opens for one entry and language."""

    language: str
    rows: tuple[Row, ...]
    origin: str  # "checked", "school", "draft" (a machine draft) or "empty"
    version: str  # of the file the rows come from ("" for empty rows)
    target: Path  # the checked file "Tandai sudah diperiksa" writes


def checked_file(entry: Entry, language: str) -> Path:
    """Where a checked track of ``entry`` lives: ``video.id.diperiksa.vtt`` beside
    ``video.mp4``, never the name of a school's file."""
    return entry.video.with_name(checked_name(entry.video.name, language))


def _version(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    except OSError:
        return ""


def editable(entry: Entry, language: str, drafts_dir: Path) -> Editable:
    """The rows to edit: the checked file, else the school's own captions in that language
    (``video.srt``, or a file front matter names; once saved, the loader uses the checked
    copy and warns of the two, ``CAPTIONS_DUPLICATE``), else the machine draft, else empty
    rows."""
    target = checked_file(entry, language)
    duration = entry.video_info.duration if entry.video_info is not None else None
    own = next((t for t in entry.captions if t.language == language and t.usable), None)
    source = target if target.is_file() else own.source if own is not None else None
    if source is not None:
        cues = read_file(source, duration).cues
        rows = tuple(Row(timestamp(c.start), timestamp(c.end), c.text) for c in cues)
        return Editable(language, rows, origin_of(source), _version(source), target)
    draft = next((d for d in entry_drafts(drafts_dir, entry.key) if d.language == language), None)
    if draft is not None:
        rows = tuple(
            Row(
                timestamp(c["start"]),
                timestamp(c["end"]),
                c["text"],
                low=c["confidence"] < LOW_CONFIDENCE,
            )
            for c in draft.cues
        )
        return Editable(language, rows, "draft", _version(draft.vtt), target)
    return Editable(language, (Row("", "", ""),) * EMPTY_ROWS, "empty", "", target)


def rows_of(form: FormData) -> list[Row]:
    """The rows a form sent (``start_N``, ``end_N``, ``text_N``); rows left empty are dropped."""
    rows: list[Row] = []
    for n in range(MAX_ROWS):
        if f"text_{n}" not in form:
            break
        words = str(form.get(f"text_{n}") or "").strip()
        start = str(form.get(f"start_{n}") or "").strip()
        end = str(form.get(f"end_{n}") or "").strip()
        if words or start or end:
            rows.append(Row(start, end, words))
    return rows


def checked_webvtt(
    rows: Sequence[Row], who: str, day: dt.date, duration: float | None
) -> tuple[str, tuple[Finding, ...]]:
    """The checked file's text and what the loader's checks say of the rows.

    The rows go through the very reader a school's file does, so a time the
    loader would not read is a finding here, not a surprise at the next build.
    """
    raw = "WEBVTT\n\n" + "\n\n".join(f"{r.start} --> {r.end}\n{r.text}" for r in rows) + "\n"
    captions = read_bytes(raw.encode("utf-8"), duration)
    note = f"{CHECKED_NOTE} {' '.join(who.split())}, {day.isoformat()}"
    body = to_webvtt(captions.cues).removeprefix("WEBVTT\n")
    return f"WEBVTT\n\n{note}\n{body}", captions.findings


def languages(entry: Entry) -> list[str]:
    """The languages the editor offers: the entry's own, its tracks', Javanese and Sundanese."""
    found = [entry.language, *(t.language for t in entry.captions), "jv", "su"]
    return list(dict.fromkeys(found))


def routes(
    *,
    lang: Lang,
    render: Callable[..., HTMLResponse],
    entry_of: Callable[[str], Entry | None],
    drafts_dir: Callable[[], Path],
    who: Callable[[Request], str],
    log: Callable[[str, str, str, Path], str | None],
    saved: Callable[[], object],
    refusal: Callable[[], str],
    video_of: Callable[[str], str | None],
) -> list[Route]:
    """The editor's two routes, given the desk's own helpers (so this module holds no state).

    Args:
        lang: The desk's language.
        render: Renders a desk template with the request's CSRF token.
        entry_of: The loaded entry of a key (``school/entry``), or None.
        drafts_dir: The machine drafts' folder (the project's captions cache).
        who: The curator's name for a request.
        log: Writes the curator log's line (key, curator, language, the checked file) and,
            with ``--commit``, commits the file and the log: why that failed, or None.
        saved: Starts the preview's rebuild.
        refusal: The page a form without its CSRF field gets.
        video_of: The desk's address of the entry's first rendition, or None.
    """

    def t(key: str, **params: object) -> str:
        return ui_text(key, lang, **params)

    def chosen(request: Request, entry: Entry, value: object) -> str:
        language = str(value or entry.language)
        return language if LANGUAGE.match(language) else entry.language

    def page(
        request: Request, entry: Entry, found: Editable, status: int = 200, **extra: object
    ) -> HTMLResponse:
        return render(
            "captions.html",
            request,
            status,
            entry=entry,
            ed=found,
            languages=languages(entry),
            rows=found.rows,
            video=video_of(entry.key),
            **extra,
        )

    async def editor(request: Request) -> Response:
        key = f"{request.path_params['school']}/{request.path_params['entry']}"
        entry = entry_of(key)
        if entry is None:
            return render("message.html", request, 404, text=t("desk.not_found"))
        language = chosen(request, entry, request.query_params.get("bahasa"))
        found = await run_in_threadpool(editable, entry, language, drafts_dir())
        saved_now = request.query_params.get("hasil") == "ok"
        return page(request, entry, found, saved_now=saved_now)

    async def check(request: Request) -> Response:
        form = await request.form(max_files=0, max_fields=4 * MAX_ROWS + 10)
        if not Guard.csrf_ok(request.scope.get("state", {}), form.get("csrf")):
            return HTMLResponse(refusal(), status_code=403)
        key = f"{request.path_params['school']}/{request.path_params['entry']}"
        entry = entry_of(key)
        if entry is None:
            return render("message.html", request, 404, text=t("desk.not_found"))
        language = chosen(request, entry, form.get("bahasa"))
        found = await run_in_threadpool(editable, entry, language, drafts_dir())
        rows = rows_of(form)
        if str(form.get("version") or "") != found.version:
            return page(request, entry, found, 409, refused=[t("desk.captions_stale")])
        curator = who(request)
        duration = entry.video_info.duration if entry.video_info is not None else None
        text, findings = checked_webvtt(rows, curator, dt.datetime.now(dt.UTC).date(), duration)
        serious = [f for f in findings if f.code != "CAPTIONS_LINE_LONG"]
        if serious or not rows:
            kept = found.__class__(language, tuple(rows), found.origin, found.version, found.target)
            words = [t("desk.captions_invalid", code=f.code, count=f.count) for f in serious]
            return page(request, entry, kept, 422, refused=words or [t("desk.captions_none")])
        await run_in_threadpool(atomic_write_text, found.target, text)
        failed = await run_in_threadpool(log, key, curator, language, found.target)
        saved()
        if failed:
            now = await run_in_threadpool(editable, entry, language, drafts_dir())
            why = [t("desk.commit_failed", reason=failed)]
            return page(request, entry, now, saved_now=True, refused=why)
        where = f"{EDITOR}{key}/?bahasa={language}&hasil=ok"
        return RedirectResponse(where, status_code=303)

    return [
        Route(EDITOR + "{school}/{entry}/", editor),
        Route(EDITOR + "{school}/{entry}/", check, methods=["POST"]),
    ]

"""``etalase captions [PATH...]``: machine caption drafts on the office's own machine.

Loads the catalogue as ``check`` does, then drafts every valid entry below
``PATH`` (all when none) whose clip speaks a language a machine may draft
(:data:`~etalase.media.drafts.MACHINE_LANGUAGES`) and that has no captions of
the school's in that language. Each finished clip is stored at once
(:class:`~etalase.media.drafts.DraftStore`), so Ctrl+C loses at most the clips
being worked on and the next run goes on from there. Never part of ``build``:
drafting takes minutes of CPU a clip, and drafts are private until checked.
Needs the ``stt`` extra; without it the command says how to install it (exit 2).
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ..content.loader import LoadResult
from ..content.model import Entry
from ..errors import ConfigError
from ..media.drafts import (
    MACHINE_LANGUAGES,
    DraftSettings,
    DraftStore,
    Transcriber,
    decode_audio,
    make_draft,
)
from ..media.progress import Progress
from ..media.speech_model import SpeechModel, chosen_model
from ..messages import decimal, text
from ..problems import Lang
from ..project import Project
from .check import check_scope


@dataclass(slots=True)
class Tally:
    made: int = 0
    reused: int = 0
    skipped: int = 0
    failed: int = 0


def stt_installed() -> bool:
    """Whether faster-whisper (the ``stt`` extra) can be imported (tried, not just found:
    a half-installed extra fails here, with the fix, rather than in the middle of a run)."""
    try:
        importlib.import_module("faster_whisper")
    except ImportError:
        return False
    return True


def run_captions(
    project: Project,
    paths: Sequence[Path] = (),
    *,
    jobs: int | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
    progress: bool | None = None,
) -> int:
    """Draft captions for the entries below ``paths``. Returns 0, or 1 when a clip failed.

    Raises:
        ConfigError: The ``stt`` extra or its model is missing or damaged (exit 2).
    """
    out = out or sys.stdout
    if not stt_installed():
        raise ConfigError("captions.stt_missing")
    started = time.monotonic()
    check_scope(project, paths)
    loaded = project.load(only=paths, jobs=jobs)
    tally = Tally()
    todo = _todo(loaded, paths, out, lang, tally)
    if not todo:
        out.write(_summary(tally, time.monotonic() - started, lang) + "\n")
        return 0
    model = chosen_model(project.policy.stt_model, project.root, project.cache.captions / "model")
    workers = max(1, jobs or 1)
    store = DraftStore(project.cache.captions)
    bar = Progress(
        len(todo),
        sys.stderr,
        lang=lang,
        tty=sys.stderr.isatty() if progress is None else progress,
        video_seconds=sum(e.video_info.duration for e in todo if e.video_info is not None),
    )
    cancel = threading.Event()
    try:
        _draft_all(project, todo, model, store, workers, bar, cancel, tally, out, lang)
    except KeyboardInterrupt:
        bar.close()
        out.write(_summary(tally, time.monotonic() - started, lang) + "\n")
        out.write(text("captions.stopped", lang) + "\n")
        raise
    finally:
        cancel.set()
        bar.close()
    out.write(_summary(tally, time.monotonic() - started, lang) + "\n")
    return 1 if tally.failed else 0


def _todo(
    loaded: LoadResult, paths: Sequence[Path], out: TextIO, lang: Lang, tally: Tally
) -> list[Entry]:
    """The entries to draft; a regional language's entries are named and skipped."""
    wanted = [e for e in loaded.catalogue.entries if _below(e.folder, paths)]
    todo: list[Entry] = []
    for entry in wanted:
        if entry.language not in MACHINE_LANGUAGES:
            out.write(text("captions.regional", lang, entry=entry.key, language=entry.language))
            out.write("\n")
            tally.skipped += 1
        elif any(t.language == entry.language and t.usable for t in entry.captions):
            tally.skipped += 1  # the school's own captions: nothing to draft
        elif entry.video_info is not None and entry.video_info.audio_codec is None:
            tally.skipped += 1  # a silent clip: nothing to hear
        else:
            todo.append(entry)
    return todo


def _draft_all(
    project: Project,
    todo: list[Entry],
    model: SpeechModel,
    store: DraftStore,
    workers: int,
    bar: Progress,
    cancel: threading.Event,
    tally: Tally,
    out: TextIO,
    lang: Lang,
) -> None:
    ffmpeg = project.tools().ffmpeg
    timeout = project.policy.media_timeout
    transcriber: Transcriber | None = None
    lock = threading.Lock()

    def work(entry: Entry, settings: DraftSettings) -> tuple[str, str, bool] | None:
        nonlocal transcriber
        pcm = decode_audio(ffmpeg, entry.video, timeout)
        if pcm is None:
            return None
        with lock:  # one model for every worker, loaded when first needed
            if transcriber is None:
                transcriber = Transcriber(model, jobs=workers)
        return make_draft(store, transcriber, pcm, settings, cancel)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        running: dict[Future[tuple[str, str, bool] | None], tuple[Entry, DraftSettings, float]] = {}
        for entry in todo:
            settings = DraftSettings(model.identity, entry.language)
            seconds = entry.video_info.duration if entry.video_info is not None else 0.0
            known = store.known(entry.key, entry.language, entry.video, settings)
            if known is not None:
                tally.reused += 1
                bar.finish(entry.key, "reused", 0.0, seconds)
                continue
            bar.start(entry.key)
            running[pool.submit(work, entry, settings)] = (entry, settings, time.monotonic())
        try:
            while running:
                done, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in done:
                    entry, settings, began = running.pop(future)
                    seconds = entry.video_info.duration if entry.video_info is not None else 0.0
                    try:
                        outcome = future.result()
                    except Exception as exc:  # a clip's failure never stops the others
                        outcome = None
                        reason = type(exc).__name__
                    else:
                        reason = text("captions.no_audio", lang)
                    if outcome is None:
                        tally.failed += 1
                        bar.finish(entry.key, "failed", time.monotonic() - began, seconds)
                        out.write(text("captions.failed", lang, entry=entry.key, reason=reason))
                        out.write("\n")
                        continue
                    key, audio, made = outcome
                    store.record(entry.key, entry.language, entry.video, key, audio, settings)
                    if made:
                        tally.made += 1
                    else:
                        tally.reused += 1
                    elapsed = time.monotonic() - began
                    bar.finish(entry.key, "processed" if made else "reused", elapsed, seconds)
        except KeyboardInterrupt:
            cancel.set()  # the clips under way stop at their next segment; done ones are kept
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _below(folder: Path, paths: Sequence[Path]) -> bool:
    if not paths:
        return True
    here = folder.resolve()
    return any(here == p or p in here.parents for p in (q.resolve() for q in paths))


def _summary(tally: Tally, seconds: float, lang: Lang) -> str:
    return text(
        "captions.summary",
        lang,
        made=tally.made,
        reused=tally.reused,
        skipped=tally.skipped,
        failed=tally.failed,
        seconds=decimal(seconds, lang),
    )

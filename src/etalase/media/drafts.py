"""Caption drafts made on the office's own machine with faster-whisper: private until checked.

A draft is made from the clip's first audio stream, decoded by ffmpeg to 16 kHz
mono PCM. Its key is the SHA-256 of that audio, the model's identity and the
settings (language, beam size, voice activity detection), so a clip re-encoded
without a change to its sound, or a second entry with the same clip, is never
transcribed twice, and a new model or setting makes new drafts. The language
is the entry's (``language: id``), always forced: Whisper base, left to guess,
takes Indonesian for Malay or Thai. Regional languages (``jv``, ``su`` ...) get
no machine draft: people write those.

Drafts live under ``<cache>/captions/drafts/``: ``<key>.vtt`` (WebVTT, so any
player or caption editor opens it) and ``<key>.json`` beside it (each cue's
confidence: the segment's average log-probability as a probability, and its
no-speech probability), written atomically when a clip is done; the manifest
``drafts.json`` then records which entry and video the draft belongs to, so a
run stopped with Ctrl+C resumes where it stopped. Nothing here is published: a
draft reaches the site as the checked file a person saves into the entry
folder (:func:`entry_drafts` is what an editor asks), or, where the office sets
``publish_unchecked_drafts``, labelled as unchecked
(:func:`etalase.media.captions.with_unchecked_drafts`).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import textwrap
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypedDict

from ..content.captions import MAX_LINE_CHARS, MAX_LINES, Cue, to_webvtt
from ..files import atomic_write_text
from ..process import run
from .commands import pcm_command
from .speech_model import SpeechModel

#: Languages a machine draft is made for; the others are written by people.
MACHINE_LANGUAGES = frozenset({"id", "en"})
BEAM_SIZE = 5
SAMPLE_RATE = 16_000
#: Silence put before the sound: Whisper base drops a first sentence that starts at 0 s
#: (measured on the espeak set: "tari" lost its first sentence without it).
LEAD_IN = 1.0
#: Bumped when the way a draft is made changes (the cue splitting, the JSON).
DRAFT_VERSION = 1
DRAFTS_DIR = "drafts"
MANIFEST = "drafts.json"


class CueConfidence(TypedDict):
    """One cue of a draft's JSON."""

    start: float
    end: float
    text: str
    confidence: float  # exp(avg_logprob) of the segment: 0..1
    no_speech: float  # the segment's no-speech probability: 0..1


class DraftJSON(TypedDict):
    """The JSON kept beside a draft's WebVTT."""

    version: int
    language: str
    model: str
    audio_sha256: str
    settings: dict[str, object]
    cues: list[CueConfidence]


class ManifestRow(TypedDict):
    """What the manifest knows of one entry's draft in one language."""

    key: str
    video: list[int]  # size, mtime_ns: the fast path before decoding the audio again
    audio_sha256: str
    settings: str


@dataclass(frozen=True, slots=True)
class Draft:
    """One entry's machine draft in one language (an editor's view of it).

    Attributes:
        entry: ``<school>/<entry>``.
        language: The language it was made in.
        vtt: The WebVTT file.
        confidence: The JSON beside it (:class:`DraftJSON`).
        cues: Each cue with its confidence.
    """

    entry: str
    language: str
    vtt: Path
    confidence: Path
    cues: tuple[CueConfidence, ...]


@dataclass(frozen=True, slots=True)
class DraftSettings:
    """What, besides the audio, decides a draft."""

    model: str  # SpeechModel.identity
    language: str
    beam_size: int = BEAM_SIZE
    vad: bool = True

    def key_text(self) -> str:
        return json.dumps(
            {
                "version": DRAFT_VERSION,
                "model": self.model,
                "language": self.language,
                "beam_size": self.beam_size,
                "vad": self.vad,
                "lead_in": LEAD_IN,
            },
            sort_keys=True,
        )

    def key(self, audio_sha256: str) -> str:
        return hashlib.sha256(f"{audio_sha256}\n{self.key_text()}".encode()).hexdigest()


class DraftStore:
    """The drafts folder: content-addressed drafts and the manifest naming their entries.

    Not thread-safe for writes: one thread (the command's) records finished clips.
    """

    def __init__(self, captions_dir: Path) -> None:
        self.folder = captions_dir / DRAFTS_DIR
        self.manifest_path = self.folder / MANIFEST
        self.rows: dict[str, dict[str, ManifestRow]] = _read_manifest(self.manifest_path)

    def paths(self, key: str) -> tuple[Path, Path]:
        base = self.folder / key[:2] / key
        return base.with_suffix(".vtt"), base.with_suffix(".json")

    def has(self, key: str) -> bool:
        vtt, data = self.paths(key)
        return vtt.is_file() and data.is_file()

    def known(self, entry: str, language: str, video: Path, settings: DraftSettings) -> str | None:
        """The draft key of an unchanged video with the same settings (no decoding)."""
        row = self.rows.get(entry, {}).get(language)
        if row is None or row["settings"] != settings.key_text():
            return None
        try:
            info = video.stat()
        except OSError:
            return None
        if row["video"] != [info.st_size, info.st_mtime_ns] or not self.has(row["key"]):
            return None
        return row["key"]

    def current(self, entry: str, language: str, video: Path) -> Path | None:
        """The WebVTT of ``entry``'s draft in ``language`` while its video is the one it was
        made from (same size and modification time), whatever the model; else None."""
        row = self.rows.get(entry, {}).get(language)
        if row is None:
            return None
        try:
            info = video.stat()
        except OSError:
            return None
        vtt, _ = self.paths(row["key"])
        if row["video"] != [info.st_size, info.st_mtime_ns] or not vtt.is_file():
            return None
        return vtt

    def save(self, key: str, draft: DraftJSON) -> None:
        """Write a draft's JSON and WebVTT (each atomically; the WebVTT last)."""
        vtt, data = self.paths(key)
        atomic_write_text(data, json.dumps(draft, ensure_ascii=False, indent=1))
        cues = [Cue(c["start"], c["end"], c["text"], 0) for c in draft["cues"]]
        atomic_write_text(vtt, to_webvtt(cues))

    def record(
        self, entry: str, language: str, video: Path, key: str, audio: str, settings: DraftSettings
    ) -> None:
        """Name ``key`` as the draft of ``entry`` and write the manifest (atomically)."""
        try:
            info = video.stat()
            stat = [info.st_size, info.st_mtime_ns]
        except OSError:
            stat = [0, 0]
        self.rows.setdefault(entry, {})[language] = ManifestRow(
            key=key, video=stat, audio_sha256=audio, settings=settings.key_text()
        )
        atomic_write_text(
            self.manifest_path, json.dumps(self.rows, ensure_ascii=False, indent=1, sort_keys=True)
        )


def entry_drafts(captions_dir: Path, entry: str) -> list[Draft]:
    """The machine drafts of ``entry`` (``<school>/<entry>``), one per language, with their
    files and each cue's confidence; what a caption editor opens."""
    store = DraftStore(captions_dir)
    found: list[Draft] = []
    for language, row in sorted(store.rows.get(entry, {}).items()):
        vtt, data = store.paths(row["key"])
        try:
            loaded: DraftJSON = json.loads(data.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if vtt.is_file():
            found.append(Draft(entry, language, vtt, data, tuple(loaded["cues"])))
    return found


def decode_audio(ffmpeg: str, video: Path, timeout: float) -> bytes | None:
    """The clip's first audio stream as 16 kHz mono 16-bit PCM (None: no sound or unreadable)."""
    result = run(pcm_command(ffmpeg, video, rate=SAMPLE_RATE), timeout=timeout)
    return result.stdout if result.ok and result.stdout else None


class Transcriber:
    """A loaded faster-whisper model shared by the worker threads (``num_workers`` = jobs).

    Raises:
        ImportError: faster-whisper is not installed (the ``stt`` extra).
    """

    def __init__(self, model: SpeechModel, *, jobs: int = 1, threads: int = 0) -> None:
        from faster_whisper import WhisperModel

        self.model = model
        cpus = os.cpu_count() or 2
        self.whisper = WhisperModel(
            model.source,
            device="cpu",
            compute_type="int8",
            cpu_threads=threads or max(1, cpus // max(1, jobs)),
            num_workers=max(1, jobs),
        )

    def draft(
        self, pcm: bytes, settings: DraftSettings, cancel: threading.Event | None = None
    ) -> list[CueConfidence]:
        """Transcribe ``pcm`` in the settings' language; stops early once ``cancel`` is set."""
        import numpy as np

        sound = np.frombuffer(pcm, dtype=np.int16).astype(np.float32) / 32768.0
        audio = np.concatenate([np.zeros(int(LEAD_IN * SAMPLE_RATE), np.float32), sound])
        segments, _ = self.whisper.transcribe(
            audio,
            language=settings.language,
            task="transcribe",
            beam_size=settings.beam_size,
            vad_filter=settings.vad,
        )
        cues: list[CueConfidence] = []
        for segment in segments:
            if cancel is not None and cancel.is_set():
                raise InterruptedError
            cues += split_segment(segment, shift=-LEAD_IN)
        return cues


def split_segment(segment: Any, shift: float = 0.0) -> list[CueConfidence]:
    """One recognised segment as cues a phone can show (at most two lines of 42
    characters each), its time (moved by ``shift`` seconds, never below 0) shared out
    by the length of each part."""
    text = " ".join(str(segment.text).split())
    if not text:
        return []
    confidence = round(math.exp(min(0.0, float(segment.avg_logprob))), 4)
    no_speech = round(float(segment.no_speech_prob), 4)
    lines = textwrap.wrap(text, MAX_LINE_CHARS, break_long_words=True)
    chunks = ["\n".join(lines[i : i + MAX_LINES]) for i in range(0, len(lines), MAX_LINES)]
    start = max(0.0, float(segment.start) + shift)
    end = max(start + 0.1, float(segment.end) + shift)
    total = sum(len(c) for c in chunks)
    cues: list[CueConfidence] = []
    at = start
    for chunk in chunks:
        until = at + (end - start) * len(chunk) / total
        cues.append(
            CueConfidence(
                start=round(at, 3),
                end=round(until, 3),
                text=chunk,
                confidence=confidence,
                no_speech=no_speech,
            )
        )
        at = until
    return cues


def make_draft(
    store: DraftStore,
    transcriber: Transcriber,
    pcm: bytes,
    settings: DraftSettings,
    cancel: threading.Event | None = None,
) -> tuple[str, str, bool]:
    """The draft of ``pcm`` (made unless one with its key exists): (key, audio SHA-256, made)."""
    audio = hashlib.sha256(pcm).hexdigest()
    key = settings.key(audio)
    if store.has(key):
        return key, audio, False
    cues = transcriber.draft(pcm, settings, cancel)
    store.save(
        key,
        DraftJSON(
            version=DRAFT_VERSION,
            language=settings.language,
            model=transcriber.model.name,
            audio_sha256=audio,
            settings=json.loads(settings.key_text()),
            cues=cues,
        ),
    )
    return key, audio, True


def _read_manifest(path: Path) -> dict[str, dict[str, ManifestRow]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def words(cues: Iterable[CueConfidence]) -> str:
    """A draft's text as one line (what a benchmark compares with its script)."""
    return " ".join(" ".join(c["text"].split()) for c in cues)


_PUNCTUATION = re.compile(r"[^\w\s]", re.UNICODE)


def word_error_rate(reference: str, hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against ``reference``: the Levenshtein distance
    over words (substitutions, insertions, deletions), lowercase and without
    punctuation, divided by the reference's word count."""
    ref = _PUNCTUATION.sub(" ", reference.lower()).split()
    hyp = _PUNCTUATION.sub(" ", hypothesis.lower()).split()
    if not ref:
        return float(bool(hyp))
    previous = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, start=1):
        current = [i]
        for j, other in enumerate(hyp, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (word != other))
            )
        previous = current
    return previous[-1] / len(ref)

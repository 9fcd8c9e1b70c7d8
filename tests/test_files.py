"""Atomic writes: a reader sees the old file or the new one, and a failure leaves no litter."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from etalase.files import atomic_target, atomic_write_bytes, atomic_write_text, sha256_file


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "LAPORAN-ETALASE.txt"
    path.write_text("lama")
    with pytest.raises(RuntimeError), atomic_target(path) as temp:
        temp.write_text("setengah")
        raise RuntimeError("crash half-way")
    assert path.read_text() == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["LAPORAN-ETALASE.txt"]


def test_writes_replace_whole_files_with_the_given_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "index.md"
    atomic_write_text(path, "baru ✓")
    assert path.read_text(encoding="utf-8") == "baru ✓"
    atomic_write_bytes(path, b"\xef\xbb\xbfisi\r\n", mode=0o600, fsync=True)
    assert path.read_bytes() == b"\xef\xbb\xbfisi\r\n"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["index.md"]


def test_sha256_file_matches_hashlib(tmp_path: Path) -> None:
    path = tmp_path / "clip.bin"
    data = bytes(range(256)) * 9000
    path.write_bytes(data)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()

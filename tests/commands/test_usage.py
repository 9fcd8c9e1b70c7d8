"""Usage errors and help of the command line are Indonesian, English with ``--lang en``."""

from __future__ import annotations

import argparse

import pytest

from etalase.cli import main

#: argparse's own English, which must not reach an Indonesian user.
ENGLISH = ("usage:", "error:", "invalid choice", "required", "unrecognized", "options", "show")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    out = capsys.readouterr()
    return int(stopped.value.code or 0), out.out + out.err


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["chek"], "'chek' tidak ada dalam pilihan (pilih salah satu: 'check',"),
        (["check", "--format", "xml"], "argumen --format: 'xml' tidak ada dalam pilihan"),
        (["check", "--frob"], "argumen tidak dikenal: --frob"),
        (["publish"], "argumen berikut wajib diisi: SEKOLAH/ENTRI"),
        (["media", "--jobs", "dua"], "argumen --jobs: harus bilangan bulat positif: 'dua'"),
    ],
)
def test_usage_errors_are_indonesian(
    capsys: pytest.CaptureFixture[str], argv: list[str], said: str
) -> None:
    code, out = run(capsys, *argv)
    assert code == 2
    assert said in out and "pemakaian: etalase" in out and ": galat: " in out, out
    assert not [word for word in ENGLISH if word in out], out
    assert "Traceback" not in out


def test_help_is_indonesian_and_english_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run(capsys, "check", "--help")
    assert code == 0 and "pemakaian:" in out and "pilihan:" in out
    assert "tampilkan bantuan ini lalu selesai" in out and "show this help" not in out
    code, out = run(capsys, "publish", "--lang", "en")
    assert code == 2 and "usage: etalase publish" in out
    assert "error: the following arguments are required" in out


def test_argparse_is_left_as_it_was(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "chek")
    other = argparse.ArgumentParser(prog="lain")
    assert other.format_usage().startswith("usage: lain")

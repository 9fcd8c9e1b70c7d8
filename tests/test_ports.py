"""A busy address is said before anything is built (issue #28.13)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.ports import split_address
from scenarios import Tree

MKDOCS_YML = "site_name: Uji\ndocs_dir: content\nplugins:\n  - etalase:\n      districts: [Blora]\n      duration_min: 1\n"


@pytest.fixture
def taken() -> Iterator[int]:
    """A port another program listens on, on 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as other:
        other.bind(("127.0.0.1", 0))
        other.listen()
        yield other.getsockname()[1]


@pytest.fixture
def project(tree: Tree) -> Tree:
    tree.school("sdn-1-blora")
    Path("mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    return tree


def test_serve_on_a_busy_port_says_so_before_building_and_exits_two(
    project: Tree, taken: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--dev-addr", f"127.0.0.1:{taken}"]) == 2
    out, err = capsys.readouterr()
    assert f"etalase: alamat 127.0.0.1:{taken} sedang dipakai program lain" in err
    assert f"etalase serve --dev-addr 127.0.0.1:{taken + 1}" in err
    assert "laporkan" not in err and "Errno" not in err
    assert out == "" and "Building" not in err  # nothing was built
    assert not (project.root / "site").exists()


def test_serve_reads_the_address_from_mkdocs_yml_and_speaks_english_on_request(
    project: Tree, taken: int, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("mkdocs.yml").write_text(MKDOCS_YML + f"dev_addr: 127.0.0.1:{taken}\n", "utf-8")
    assert main(["serve", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert f"the address 127.0.0.1:{taken} is in use by another program" in err


def test_the_desk_on_a_busy_port_prints_no_token_and_exits_two(
    project: Tree, taken: int, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["desk", "--port", str(taken)]) == 2
    out, err = capsys.readouterr()
    assert "token=" not in out
    assert f"alamat 127.0.0.1:{taken} sedang dipakai program lain" in err
    assert f"etalase desk --port {taken + 1}" in err
    assert "Errno" not in err


def test_an_address_of_another_machine_is_refused_in_plain_words(
    project: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--dev-addr", "192.0.2.1:8000"]) == 2  # TEST-NET-1: not this PC's
    assert "tidak bisa mendengarkan di alamat 192.0.2.1:8000" in capsys.readouterr().err


def test_addresses_are_read_as_mkdocs_writes_them() -> None:
    assert split_address("127.0.0.1:8000") == ("127.0.0.1", 8000)
    assert split_address("[::1]:8001") == ("::1", 8001)
    assert split_address("localhost") is None
    assert split_address("127.0.0.1:http") is None

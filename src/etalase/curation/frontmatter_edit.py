"""Setting or removing top-level front-matter keys by editing lines, every other byte kept.

A curator's ``publish``, ``reject`` or ``feature`` must not reformat a school's
file: comments, key order, quoting, CRLF line endings and a UTF-8 BOM all stay
as they were. So the YAML block is never dumped again. The edit replaces the
lines of one top-level key (or appends a line before the closing ``---``), and
then re-reads the result with the strict reader: unless every other key reads
back exactly as before and the changed keys read back as intended, the edit is
refused with a problem instead of guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass

from ..content.reader import parse_markdown
from ..content.yaml_scalar import yaml_scalar
from ..problems import Problem, problem

Value = str | bool | float | dt.date | None  # None removes the key
BOM = b"\xef\xbb\xbf"
# A top-level key, plain or quoted ("status": is the same key to YAML as status:).
_KEY = re.compile(
    r"""^(?:"(?P<dq>[A-Za-z_][A-Za-z0-9_-]*)"|'(?P<sq>[A-Za-z_][A-Za-z0-9_-]*)'|"""
    r"""(?P<plain>[A-Za-z_][A-Za-z0-9_-]*))[ \t]*:(?:[ \t]|$)"""
)
_FENCE = re.compile(r"^---[ \t]*$")
_SIMPLE_WITH_COMMENT = re.compile(
    r"^(?P<head>[^:]+:[ \t]*)(?P<value>\"[^\"\\\\]*\"|'[^']*'|[^'\"#\s][^#]*?)(?P<tail>[ \t]+#.*)?$"
)


@dataclass(frozen=True, slots=True)
class Edited:
    """The new bytes of the file, or why it was left alone."""

    data: bytes | None
    problem: Problem | None = None


def render_value(value: str | bool | float | dt.date) -> str:
    """A YAML scalar for ``value`` on one line (a multi-line reason becomes one line)."""
    if isinstance(value, dt.date):
        return value.isoformat()  # YAML reads it back as a date
    if isinstance(value, int | float) and not isinstance(value, bool):
        return repr(round(float(value), 3)).removesuffix(".0")
    return yaml_scalar(value if isinstance(value, bool) else " ".join(value.split()))


def edit_front_matter(data: bytes, changes: Mapping[str, Value], shown: str) -> Edited:
    """Apply ``changes`` (key -> new value, or None to remove) to a Markdown file's bytes.

    Args:
        data: The whole file as read from disk.
        changes: Top-level keys to set or remove.
        shown: The path named in a refusal.

    Returns:
        The edited bytes, or a ``FRONTMATTER_UNEDITABLE`` problem when the file
        cannot be edited without guessing.
    """
    fields = ", ".join(changes)

    def refuse(reason: str) -> Edited:
        return Edited(None, problem("FRONTMATTER_UNEDITABLE", shown, reason=reason, field=fields))

    bom = BOM if data.startswith(BOM) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        return refuse("bukan UTF-8 / not UTF-8")
    lines = text.splitlines(keepends=True)
    if not lines or not _FENCE.match(lines[0].rstrip("\r\n")):
        return refuse("tidak diawali '---' / does not start with '---'")
    close = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i].rstrip("\r\n"))), None)
    if close is None:
        return refuse("'---' penutup tidak ada / no closing '---'")
    newline = _line_ending(lines[0])
    before = _read_meta(text, shown)
    if before is None:
        return refuse("bagian data tidak terbaca / the data block cannot be read")

    block = lines[1:close]
    for key, value in changes.items():
        spans = _spans(block, key)
        if len(spans) > 1:
            return refuse(f"'{key}' ditulis lebih dari sekali / '{key}' appears twice")
        if spans:
            start, end = spans[0]
            block[start:end] = (
                [] if value is None else [_replace_line(block[start:end], key, value, newline)]
            )
        elif value is not None:
            if block and not block[-1].endswith(("\n", "\r")):
                block[-1] += newline
            block.append(f"{key}: {render_value(value)}{newline}")
    new_text = "".join([lines[0], *block, *lines[close:]])
    after = _read_meta(new_text, shown)
    expected = {k: v for k, v in before.items() if k not in changes}
    expected.update({k: _plain(v) for k, v in changes.items() if v is not None})
    if after is None or after != expected:
        return refuse("hasil suntingan tidak bisa dipastikan / the edit could not be verified")
    return Edited(bom + new_text.encode("utf-8"))


def _line_ending(line: str) -> str:
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith("\r"):
        return "\r"
    return "\n"


def _read_meta(text: str, shown: str) -> dict[str, object] | None:
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    source, problems = parse_markdown(normal, shown)
    if source is None or problems:
        return None
    return {k: _plain(v) for k, v in source.meta.items()}


def _plain(value: object) -> object:
    """Compare values as YAML read them, folding whitespace in text as the schema does."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dt.date):  # however the reader types a date, compare its text
        return value.isoformat()
    return value


def _spans(block: list[str], key: str) -> list[tuple[int, int]]:
    """Line ranges ``[start, end)`` of every top-level ``key:`` with its continuation lines."""
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(block):
        match = _KEY.match(block[i])
        if match and (match.group("plain") or match.group("dq") or match.group("sq")) == key:
            end = i + 1
            while end < len(block) and _continues(block, end):
                end += 1
            spans.append((i, end))
            i = end
        else:
            i += 1
    return spans


def _continues(block: list[str], i: int) -> bool:
    """Whether line ``i`` still belongs to the value of the key above it.

    Indented lines and ``- item`` lines continue a value. A comment or blank
    line continues it only when more of the value follows, so a comment
    between two keys stays where it is.
    """
    line = block[i]
    stripped = line.strip()
    if stripped == "" or stripped.startswith("#"):
        return i + 1 < len(block) and _continues(block, i + 1) and _is_value_line(block[i + 1])
    return _is_value_line(line)


def _is_value_line(line: str) -> bool:
    stripped = line.strip()
    if stripped.startswith("#") or stripped == "":
        return False
    return line[:1] in (" ", "\t") or line.startswith("- ") or line.rstrip("\r\n") == "-"


def _replace_line(
    old: list[str], key: str, value: str | bool | float | dt.date, newline: str
) -> str:
    """The new ``key: value`` line, keeping a same-line comment of a simple old value."""
    rendered = render_value(value)
    first = old[0]
    ending = _line_ending(first) if first.endswith(("\n", "\r")) else newline
    if len(old) == 1:
        match = _SIMPLE_WITH_COMMENT.match(first.rstrip("\r\n"))
        if match:
            return f"{match.group('head')}{rendered}{match.group('tail') or ''}{ending}"
    return f"{key}: {rendered}{ending}"

"""Reading a Markdown file with YAML front matter, safely, into a mapping and a body.

python-frontmatter splits the file; the YAML goes through :class:`StrictLoader`,
a safe loader that refuses aliases (so an alias bomb cannot blow up memory),
keeps dates as text (the schema parses them and reports bad ones), and
remembers how integers were written (an NPSN's leading zero survives). Size
limits come before any parsing. Every failure becomes a :class:`Problem`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from ..files import LinkedFile, NotRegularFile, open_regular
from ..problems import Problem, problem
from ..reasons import os_reason, yaml_reason

MAX_FILE_BYTES = 256 * 1024
MAX_FRONTMATTER_BYTES = 32 * 1024


class AliasNotAllowed(yaml.YAMLError):
    """The front matter used an alias (``*name``)."""


class RawInt(int):
    """An int that remembers the text it was written as."""

    raw: str


class StrictLoader(yaml.SafeLoader):
    """YAML's safe loader without aliases and without implicit timestamps."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.events.AliasEvent):
            raise AliasNotAllowed("alias")
        return super().compose_node(parent, index)

    def construct_yaml_int(self, node: Any) -> RawInt:
        return _raw_int(self, node)


def _raw_int(loader: Any, node: Any) -> RawInt:
    number = RawInt(yaml.constructor.SafeConstructor.construct_yaml_int(loader, node))
    number.raw = str(node.value)
    return number


_RESOLVERS = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.yaml_implicit_resolvers = _RESOLVERS
StrictLoader.add_constructor("tag:yaml.org,2002:int", StrictLoader.construct_yaml_int)

_CLoader: Any = getattr(yaml, "CSafeLoader", None)


if _CLoader is not None:

    class _FastStrictLoader(_CLoader):  # type: ignore[misc,valid-type]
        """:class:`StrictLoader`'s rules on libyaml's parser: ten times faster on valid YAML.

        libyaml resolves an alias to the node it names, so an alias shows up
        as a node met twice in the graph; that is refused before anything is
        built from it.
        """

        def get_single_node(self) -> Any:
            node = super().get_single_node()
            _refuse_shared(node)
            return node

    _FastStrictLoader.yaml_implicit_resolvers = _RESOLVERS
    _FastStrictLoader.add_constructor("tag:yaml.org,2002:int", _raw_int)


# Deeper than any real front matter: left to the pure-Python loader, which
# decides between a valid document and YAML_TOO_COMPLEX as it always has.
_FAST_DEPTH = 32


class _LeaveToPython(Exception):
    pass


def _refuse_shared(root: Any) -> None:
    seen: set[int] = set()
    stack = [(root, 0)] if root is not None else []
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            raise AliasNotAllowed("alias")
        if depth > _FAST_DEPTH:
            raise _LeaveToPython
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend((item, depth + 1) for item in node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend(((key, depth + 1), (value, depth + 1)))


def load_strict(text: str) -> Any:
    """Load front matter with :class:`StrictLoader`'s rules.

    Valid YAML goes through libyaml when PyYAML has it; anything libyaml
    refuses (or an alias) is read again by the pure-Python loader, so every
    problem is reported exactly as :class:`StrictLoader` words it.
    """
    if _CLoader is not None:
        try:
            return yaml.load(text, Loader=_FastStrictLoader)
        except Exception:  # the pure-Python loader has the last word
            pass
    return yaml.load(text, Loader=StrictLoader)


class StrictYAMLHandler(YAMLHandler):  # type: ignore[misc,unused-ignore]
    """python-frontmatter's YAML handler, loading with :class:`StrictLoader`'s rules."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return load_strict(fm)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A Markdown file's front matter and body."""

    meta: dict[str, Any]
    body: str


def read_markdown(path: Path, shown: str) -> tuple[SourceFile | None, list[Problem]]:
    """Read ``path``; ``shown`` is the path named in problems.

    Accepts a UTF-8 BOM and CRLF or CR line endings. A ``path`` that is a symbolic
    link is refused (``FILE_LINKED``): it could show any file of the server as a page.
    """
    try:
        # A FIFO named index.md must not hang the run; a link must not read elsewhere.
        with open_regular(path, follow_links=False) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_FILE_BYTES:
                return None, [
                    problem(
                        "FILE_TOO_LARGE", shown, size_kb=size // 1024, max_kb=MAX_FILE_BYTES // 1024
                    )
                ]
            data = handle.read(MAX_FILE_BYTES + 1)
    except LinkedFile:
        return None, [problem("FILE_LINKED", shown, value=path.name)]
    except NotRegularFile:
        return None, [problem("FILE_NOT_REGULAR", shown, value=path.name)]
    except OSError as exc:
        return None, [problem("FILE_UNREADABLE", shown, **os_reason(exc))]
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, [problem("TEXT_NOT_UTF8", shown, line=data.count(b"\n", 0, exc.start) + 1)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return parse_markdown(text, shown)


def parse_markdown(text: str, shown: str) -> tuple[SourceFile | None, list[Problem]]:
    """Split and parse already-decoded text."""
    handler = StrictYAMLHandler()
    stripped = text.lstrip("\n")
    if not handler.detect(stripped):
        return None, [problem("FRONTMATTER_MISSING", shown)]
    try:
        fm, body = handler.split(stripped)
    except ValueError:
        return None, [problem("FRONTMATTER_MISSING", shown)]
    if len(fm.encode("utf-8")) > MAX_FRONTMATTER_BYTES:
        return None, [problem("YAML_TOO_COMPLEX", shown)]
    try:
        meta = handler.load(fm)
    except AliasNotAllowed:
        return None, [problem("YAML_ALIAS", shown)]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        # The front matter's line 0 is the rest of the opening '---' line, which follows
        # the blank lines stripped above: count from 1 like an editor does.
        skipped = len(text) - len(stripped)
        line = skipped + mark.line + 1 if mark is not None else "?"
        reason = yaml_reason(getattr(exc, "problem", None))
        return None, [problem("YAML_INVALID", shown, line=line, **reason)]
    except (RecursionError, MemoryError, ValueError, OverflowError):
        return None, [problem("YAML_TOO_COMPLEX", shown)]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict) or not all(isinstance(k, str) for k in meta):
        return None, [problem("FRONTMATTER_NOT_MAPPING", shown)]
    return SourceFile(meta, body.strip()), []

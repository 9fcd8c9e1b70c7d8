"""Compiled templates kept between builds: Jinja's bytecode cache in the project's cache.

MkDocs makes a new Jinja environment for every build, and every process that
renders pages (the main one and each forked renderer) compiles the thirty-odd
templates a page is made of: about 0.4 s per process, a tenth of rendering
1,000 entries on two cores, paid again on every build. Jinja's
``FileSystemBytecodeCache`` keeps each compiled template under the hash of its
name and file, checks its source's checksum when loading it (an edited
template is compiled again) and writes through a temporary file and a rename
(two processes may store the same template). What else shapes the compiled
code, which Jinja does not check (its own version, the environment's syntax
settings and extensions), names the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import FileSystemBytecodeCache

#: The environment settings the compiler reads while compiling a template.
SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "autoescape",
    "finalize",
    "is_async",
)


def keep_compiled(env: Any, folder: Path) -> None:
    """Give ``env`` a bytecode cache in ``folder`` (``CacheLayout.templates``).

    Call it once the environment's extensions are added, before a template is loaded.
    """
    shape = {name: _named(getattr(env, name, None)) for name in SYNTAX}
    shape["jinja"] = jinja2.__version__
    shape["class"] = _named(type(env))
    shape["compiler"] = _named(getattr(env, "code_generator_class", None))
    shape["extensions"] = sorted(env.extensions)
    key = hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()[:16]
    place = folder / key
    try:
        place.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # an unwritable cache: templates are compiled as usual
    env.bytecode_cache = _Compiled(str(place))


class _Compiled(FileSystemBytecodeCache):
    """Jinja's cache, but an unreadable or unwritable file only means compiling again."""

    def load_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: Any) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _named(value: object) -> object:
    """A setting as plain JSON: a function or class by its name (its ``repr`` holds an address)."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    return value if isinstance(value, str | int | float | bool | type(None)) else repr(value)

"""The one way Etalase writes a value into YAML front matter.

``etalase new``, ``etalase ingest`` and the curator's edits (publish, reject,
feature) all write front matter; each value goes through :func:`yaml_scalar`,
so a value always reads back as the same text (never as a number, a date or a
boolean by accident).
"""

from __future__ import annotations

import json
import re

# A plain scalar only for a word that no YAML reader can take for anything but text.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
_KEYWORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n"})


def yaml_scalar(value: str | bool) -> str:
    """``value`` as a YAML scalar: ``true``/``false``, a plain word, or double-quoted.

    A JSON string is a valid YAML double-quoted scalar, so anything else is
    written as one (escapes, quotes and non-ASCII letters included).
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if _PLAIN.fullmatch(value) and value.lower() not in _KEYWORDS:
        return value
    return json.dumps(value, ensure_ascii=False)

"""Splitting the media step across machines: each shard owns a stable share of the entries.

``etalase media --shard K/N`` works only on the entries whose key hashes to
shard K of N, so N CI runners can encode a province's clips side by side. The
split depends on the entry key alone (not on the order or the number of entries),
so an entry stays on its shard as the catalogue grows. Cache outputs are
content-addressed and each shard writes its own manifest file, so the runners'
cache folders merge by copying them into one folder.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

_SHAPE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


@dataclass(frozen=True, slots=True)
class Shard:
    """Shard ``index`` (1-based) of ``count``."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        """Read ``K/N`` (``1 <= K <= N``).

        Raises:
            ValueError: ``text`` is not of that shape.
        """
        found = _SHAPE.match(text)
        if found is None:
            raise ValueError(text)
        index, count = int(found[1]), int(found[2])
        if not 1 <= index <= count:
            raise ValueError(text)
        return cls(index, count)

    def holds(self, key: str) -> bool:
        """Whether the entry with ``key`` (``<school>/<entry>``) belongs to this shard."""
        digest = hashlib.sha256(key.encode("utf-8")).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1

    @property
    def manifest_name(self) -> str:
        """The manifest file this shard writes beside the others' in the cache folder."""
        return f"manifest.shard-{self.index}-of-{self.count}.json"

"""``etalase deploy --repair``: the record of the last deploy checked against the hosts.

A deploy trusts its record (:mod:`etalase.deploy.state`), so a file deleted or
damaged on a server stays that way. A repair lists each host through rclone and
finds every recorded file the host lacks or holds with another size (or another
MD5, where the host gives one for free); dropped from the record, the plan sends
them again and the record is updated step by step as in every deploy. Files a host
holds that the record does not know are left alone (they may be the office's own)
and only counted.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..files import hash_file
from .rclone import Listed


@dataclass(frozen=True, slots=True)
class Found:
    """What a host holds compared with the record of it."""

    listed: int  # files on the host
    missing: tuple[str, ...]  # recorded, not on the host
    differ: tuple[str, ...]  # recorded, on the host with another size or MD5
    unknown: int  # on the host, not recorded

    @property
    def wrong(self) -> tuple[str, ...]:
        return self.missing + self.differ


def compare(
    recorded: Mapping[str, int],
    listing: Mapping[str, Listed],
    local: Callable[[str], Path | None],
) -> Found:
    """Compare the recorded files (name -> size) with a host's listing.

    Args:
        recorded: What the record says the host holds.
        listing: What the host lists (:func:`etalase.deploy.rclone.list_files`).
        local: The local copy of a name, when there is one (its MD5 is compared
            with the host's, where the host gives one).
    """
    missing: list[str] = []
    differ: list[str] = []
    for name in sorted(recorded):
        there = listing.get(name)
        if there is None:
            missing.append(name)
        elif there.size != recorded[name]:
            differ.append(name)
        elif "md5" in there.hashes:
            path = local(name)
            if (
                path is not None
                and path.stat().st_size == there.size
                and hash_file(path, "md5") != there.hashes["md5"].lower()
            ):
                differ.append(name)
    unknown = sum(1 for name in listing if name not in recorded)
    return Found(len(listing), tuple(missing), tuple(differ), unknown)

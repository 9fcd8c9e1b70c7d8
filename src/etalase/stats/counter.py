"""Counting views and plays from log lines, without keeping who made them.

A view is a successful ``GET`` (200 or 304) of a page; a play is the first ``GET`` of
one of a clip's renditions (200, or 206 for a range request) by one visitor in one
day. Visitors are told apart only by HMAC-SHA256 of their address and user agent
under a random key that lives in memory for one log day and is thrown away once the
log is a day further on (a request ending just after midnight is written among the
next day's lines); the address and the agent are never stored, only the digests of
that day's plays, and those are dropped with the key. Bots, link previews and the office's
own checks (``etalase deploy --verify`` sends :data:`CHECK_AGENT`) are left out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import re
from dataclasses import dataclass, field

from .logs import Hit
from .lookup import PageLookup
from .totals import Totals

#: The user agent of the office's own checks (``etalase deploy --verify``).
CHECK_AGENT = "etalase-verify"
#: Parts of user agents that are not a person watching (matched lower-cased): crawlers,
#: tools, headless browsers, link previews, monitors, and the office's own checks.
BOT_AGENTS = (
    "bot",
    "crawl",
    "spider",
    "slurp",
    "curl",
    "wget",
    "python-requests",
    "python-urllib",
    "aiohttp",
    "httpx",
    "go-http-client",
    "java/",
    "okhttp",
    "libwww",
    "scrapy",
    "lighthouse",
    "headlesschrome",
    "phantomjs",
    "facebookexternalhit",
    "whatsapp",
    "telegram",
    "preview",
    "monitor",
    "uptime",
    "pingdom",
    "rclone",
    CHECK_AGENT,
)
_BOT = re.compile("|".join(re.escape(part) for part in BOT_AGENTS))
#: Days whose keys are held: a web server writes a request when it ends, so lines of
#: the day before still come in just after midnight.
KEPT_DAYS = 2
VIEW_STATUS = frozenset({200, 304})
PLAY_STATUS = frozenset({200, 206})


def is_bot(agent: str) -> bool:
    """Whether a user agent is a bot, a tool or the office's check (an empty one too)."""
    if agent in ("", "-"):
        return True
    # Lower-cased first: the same pattern with re.IGNORECASE is eight times slower.
    return _BOT.search(agent.lower()) is not None


@dataclass(slots=True)
class Tally:
    """What one import saw."""

    lines: int = 0
    views: int = 0
    plays: int = 0
    bots: int = 0
    unreadable: int = 0
    other: int = 0  # requests that are neither a view nor a play (assets, errors, repeats)


@dataclass(slots=True)
class Counter:
    """Adds log hits to the totals; holds one day's key and plays, in memory only."""

    routes: PageLookup
    totals: Totals
    tally: Tally = field(default_factory=Tally)
    #: Log day -> (its key, the digests of its plays): today's and yesterday's only.
    _days: dict[dt.date, tuple[bytes, set[bytes]]] = field(default_factory=dict)

    def unreadable(self) -> None:
        self.tally.lines += 1
        self.tally.unreadable += 1

    def count(self, hit: Hit) -> None:
        """Count one request."""
        tally = self.tally
        tally.lines += 1
        if hit.method != "GET":
            tally.other += 1
            return
        if is_bot(hit.agent):
            tally.bots += 1
            return
        target = self.routes.target(hit.path)
        month = hit.month
        if target is None:
            tally.other += 1
        elif not target.media:
            if hit.status not in VIEW_STATUS:
                tally.other += 1
                return
            tally.views += 1
            row = self.totals.site.setdefault(month, {})
            row["views"] = row.get("views", 0) + 1
            if target.kind == "entry":
                self.totals.add(self.totals.entries, target.key, month, "views")
            elif target.kind == "school":
                self.totals.add(self.totals.schools, target.key, month, "views")
            elif target.kind == "innovation":
                self.totals.add(self.totals.innovations, target.key, month, "views")
        elif hit.status in PLAY_STATUS and self._first_play(hit, target.key):
            tally.plays += 1
            self.totals.add(self.totals.entries, target.key, month, "plays")
        else:
            tally.other += 1

    def _first_play(self, hit: Hit, key: str) -> bool:
        day = self._days.get(hit.day)
        if day is None:  # a new day: a new key; the day before last is thrown away
            day = self._days[hit.day] = (os.urandom(32), set())
            for old in sorted(self._days)[:-KEPT_DAYS]:
                del self._days[old]
        key_of_day, played = day
        visitor = hmac.new(key_of_day, f"{hit.host}\n{hit.agent}".encode(), hashlib.sha256)
        visitor.update(b"\n" + key.encode())
        digest = visitor.digest()
        if digest in played:
            return False
        played.add(digest)
        return True

    def forget(self) -> None:
        """Drop the days' keys and plays (an import ends)."""
        self._days.clear()

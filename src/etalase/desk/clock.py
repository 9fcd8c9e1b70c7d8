"""The desk's clock: a moment shown in the office's own time zone (WIB unless told otherwise).

Times are stored in UTC (the decision log, file times); a curator reads them in
the zone of the plugin option ``timezone`` (``Asia/Jakarta`` by default), with
the zone's own abbreviation: ``2026-08-14 09:30 WIB``, ``... WITA``.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import lru_cache


@lru_cache(maxsize=8)
def _zone(name: str) -> dt.tzinfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (ValueError, zoneinfo.ZoneInfoNotFoundError):  # the policy checked it; be safe
        return dt.UTC


def local_time(when: float | str, zone: str) -> str:
    """``when`` (seconds since the epoch, or an ISO 8601 time such as the log's
    ``2026-08-14T02:30:00Z``) as ``YYYY-MM-DD HH:MM ZONE`` in ``zone``.

    A text that is not a time is returned as it is (a hand-edited log line).
    """
    if isinstance(when, str):
        try:
            moment = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
        except ValueError:
            return when
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
    else:
        moment = dt.datetime.fromtimestamp(when, dt.UTC)
    return moment.astimezone(_zone(zone)).strftime("%Y-%m-%d %H:%M %Z")

"""The Atom feed of the newest published entries (``/feed.xml``).

Entries are ordered and stamped by when the curator published them (the
``published:`` date ``etalase publish`` writes), so a clip published today
about an activity months ago is at the top; the activity date is said in the
summary. Entries published before that date was kept fall back to their
activity date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from ..content.model import Entry, School
from ..content.routes import ROUTES
from .strings import Strings

FEED_URI = ROUTES.feed
FEED_SIZE = 30


def atom_feed(
    items: Sequence[tuple[Entry, School, str]],
    *,
    site_url: str,
    site_name: str,
    lang: str,
    images: dict[str, str] | None = None,
    limit: int = FEED_SIZE,
) -> str:
    """Render the newest ``limit`` entries as an Atom document.

    Args:
        items: ``(entry, school, description)``, in any order.
        site_url: The canonical address; links in the feed are absolute.
        site_name: The feed's title.
        lang: ``xml:lang`` of the feed.
        images: Poster URI (site-root relative) by entry key, for enclosures.
        limit: How many entries the feed carries.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    newest = sorted(items, key=lambda item: (item[0].published_on, item[0].key), reverse=True)
    shown = newest[:limit]
    updated = max((e.published_on for e, _, _ in shown), default=dt.date(2000, 1, 1))
    strings = Strings(lang)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(lang)}>',
        f"  <title>{escape(site_name)}</title>",
        f"  <id>{escape(base)}</id>",
        f"  <link href={quoteattr(base)}/>",
        f'  <link rel="self" href={quoteattr(urljoin(base, FEED_URI))}/>',
        f"  <updated>{_stamp(updated)}</updated>",
    ]
    for entry, school, description in shown:
        url = urljoin(base, entry.url)
        lines += [
            "  <entry>",
            f"    <title>{escape(entry.title)}</title>",
            f"    <id>{escape(url)}</id>",
            f"    <link href={quoteattr(url)}/>",
            f"    <published>{_stamp(entry.published_on)}</published>",
            f"    <updated>{_stamp(entry.published_on)}</updated>",
            f"    <author><name>{escape(school.name)}</name></author>",
            f"    <category term={quoteattr(entry.category)}/>",
            f"    <summary>{escape(strings.date(entry.date) + ' · ' + description)}</summary>",
        ]
        image = (images or {}).get(entry.key)
        if image:
            lines.append(
                f'    <link rel="enclosure" type="image/jpeg" '
                f"href={quoteattr(urljoin(base, image))}/>"
            )
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"

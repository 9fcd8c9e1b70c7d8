"""The Atom feed of the newest published entries (``/feed.xml``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

from ..content.model import Entry, School

FEED_URI = "feed.xml"
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
        items: ``(entry, school, description)``, newest first.
        site_url: The canonical address; links in the feed are absolute.
        site_name: The feed's title.
        lang: ``xml:lang`` of the feed.
        images: Poster URI (site-root relative) by entry key, for enclosures.
        limit: How many entries the feed carries.
    """
    base = site_url if site_url.endswith("/") else site_url + "/"
    shown = items[:limit]
    updated = max((e.date for e, _, _ in shown), default=dt.date(2000, 1, 1))
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
            f"    <updated>{_stamp(entry.date)}</updated>",
            f"    <author><name>{escape(school.name)}</name></author>",
            f"    <category term={quoteattr(entry.category)}/>",
            f"    <summary>{escape(description)}</summary>",
        ]
        image = (images or {}).get(entry.key)
        if image:
            lines.append(f'    <link rel="enclosure" type="image/jpeg" '
                         f"href={quoteattr(urljoin(base, image))}/>")  # fmt: skip
        lines.append("  </entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"

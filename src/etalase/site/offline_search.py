"""The folder edition's search: a classic script and its own small index.

From ``file://`` a browser refuses ``fetch()``, ES modules and service
workers, so Pagefind cannot run there. The folder edition's search page loads
two classic scripts instead: :data:`INDEX_URI`, written here, which assigns
every published entry (title, school, kecamatan, level, category, tags and
the explanation as plain text, its link and poster), innovation and school to
``window.ETALASE_INDEX``, and ``assets/etalase/cari-offline.js``, a small
matcher over it. A regency's 2,000 entries make an index of about a megabyte,
read from the card only when the search page opens.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypedDict

from ..content.routes import ROUTES
from ..files import atomic_write_text
from .edition import Edition
from .innovation import InnovationView
from .pages import SitePlan, plain_text
from .views import EntryView, SchoolView

#: The index script, beside the search page.
INDEX_URI = ROUTES.search_index
#: The global the index script assigns.
GLOBAL = "ETALASE_INDEX"


class SearchRow(TypedDict):
    """One entry in the index (short keys: the file is read on slow laptops too)."""

    t: str  # title
    s: str  # school
    k: str  # kecamatan
    f: str  # level, category and tags: words that find it but are not shown
    x: str  # the explanation, plain text
    v: str  # what the clip says (its published captions), weighted below the rest (#30.5)
    u: str  # the page's link from the site's root
    p: str | None  # the smallest poster (WebP) from the site's root


def _spoken(view: EntryView) -> str:
    """The transcripts' words, but an unchecked machine draft's (#30.3)."""
    player = view.player
    if player is None:
        return ""
    shown = [t for t in player.transcripts if not t.unchecked]
    return " ".join(line.text for t in shown for line in t.lines)


def search_rows(plan: SitePlan, edition: Edition) -> list[SearchRow]:
    """Every published entry, innovation and school page of ``plan`` as an index row.

    Entries first, then innovations, then schools (a tie in the matcher's score
    keeps this order), each by its link.
    """
    rows: list[tuple[int, SearchRow]] = []
    for spec in plan.pages:
        view = spec.view
        if spec.draft:
            continue
        link = edition.page(spec.src_uri.removesuffix("index.md"))
        text = plain_text(spec.markdown or "")
        if isinstance(view, EntryView):
            facets = [view.level.label, view.category.label, *(tag.label for tag in view.tags)]
            row = SearchRow(
                t=view.title,
                s=view.school.label,
                k=view.district.label,
                f=" ".join(facets),
                x=text,
                v=_spoken(view),
                u=link,
                p=spec.thumb,
            )
            rows.append((0, row))
        elif isinstance(view, InnovationView):
            facets = [view.meaning or "", view.stage, *view.themes]
            row = SearchRow(
                t=view.title,
                s=", ".join(s.label for s in view.schools),
                k=", ".join(view.districts),
                f=" ".join(facets),
                x=text,
                v="",
                u=link,
                p=spec.thumb,
            )
            rows.append((1, row))
        elif isinstance(view, SchoolView):
            row = SearchRow(
                t=view.name,
                s=view.level.label,
                k=view.district.label,
                f=f"NPSN {view.npsn} {view.address or ''}",
                x=text,
                v="",
                u=link,
                p=spec.thumb,
            )
            rows.append((2, row))
    rows.sort(key=lambda r: (r[0], r[1]["u"]))
    return [row for _, row in rows]


def search_script(plan: SitePlan, edition: Edition) -> str:
    """The index as a classic script that assigns it to ``window.ETALASE_INDEX``."""
    rows = json.dumps(search_rows(plan, edition), ensure_ascii=False, separators=(",", ":"))
    return f"window.{GLOBAL} = {rows};\n"


def write_search_script(plan: SitePlan, edition: Edition, site_dir: Path) -> Path:
    """Write the index script into a built offline edition; returns its path."""
    assert edition.offline  # an online site searches with Pagefind
    path = site_dir / INDEX_URI
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(path, search_script(plan, edition))
    return path

"""The folder edition's captions: each clip's cues as a classic script beside its page.

From ``file://`` Chromium refuses a ``<track src>`` (a cross-origin request
to a file), so the captions of a clip opened from a card never load. The
folder edition's entry page loads :data:`SCRIPT_NAME` instead, a classic
script (as the search index is, :mod:`etalase.site.offline_search`) that
adds the cues with ``video.addTextTrack()`` and ``new VTTCue()``: no request
the browser could refuse. The cues are read from the WebVTT file the build
put beside the page (the loader checked it is WebVTT). The ZIM keeps its
``<track>``: Kiwix serves it over HTTP.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..content.captions import parse
from ..files import atomic_write_text
from .edition import CAPTIONS_SCRIPT, Edition
from .pages import SitePlan
from .views import EntryView

SCRIPT_NAME = CAPTIONS_SCRIPT


@dataclass(frozen=True, slots=True)
class Cue:
    """One caption: its start and end in seconds, and its text (WebVTT cue text)."""

    start: float
    end: float
    text: str


def parse_vtt(text: str) -> list[Cue]:
    """The cues of a WebVTT file, read by the loader's own parser
    (:func:`etalase.content.captions.parse`: ``NOTE``, ``STYLE`` and ``REGION``
    blocks skipped, markup dropped); a cue ending before it starts is left out."""
    cues, _ = parse(text.lstrip("\ufeff"))
    return [Cue(c.start, c.end, c.text) for c in cues if c.end > c.start and c.text]


def captions_script(cues: list[Cue]) -> str:
    """A classic script adding ``cues`` to the page's player as a showing captions track.

    Its label and language come from the ``<script>`` element's ``data-label``
    and ``data-lang`` (the page's words, in the page's language).
    """
    rows = json.dumps(
        [[round(c.start, 3), round(c.end, 3), c.text] for c in cues],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return (
        "(function () {\n"
        '  "use strict";\n'
        "  var me = document.currentScript;\n"
        '  var video = document.getElementById("etalase-video");\n'
        "  if (!me || !video || !video.addTextTrack || !window.VTTCue) return;\n"
        '  var track = video.addTextTrack("captions", me.dataset.label || "", me.dataset.lang || "");\n'
        f"  {rows}.forEach(function (c) {{ track.addCue(new VTTCue(c[0], c[1], c[2])); }});\n"
        '  track.mode = "showing";\n'
        "})();\n"
    )


def write_caption_scripts(plan: SitePlan, edition: Edition, site_dir: Path) -> list[Path]:
    """Write each captioned entry's script into a built folder edition; the paths written."""
    if edition.kind != "folder":
        return []
    written: list[Path] = []
    for spec in plan.pages:
        view = spec.view
        if spec.draft or not isinstance(view, EntryView) or view.player is None:
            continue
        if view.player.captions is None:
            continue
        source = site_dir / view.player.captions
        try:
            text = source.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue  # not copied into this edition: the page plays without captions
        target = source.with_name(SCRIPT_NAME)
        atomic_write_text(target, captions_script(parse_vtt(text)))
        written.append(target)
    return written

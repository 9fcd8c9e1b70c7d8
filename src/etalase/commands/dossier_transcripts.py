"""The dossier's appendix: what each evidence clip says, from its published captions (#30.7).

A jury reading the printed dossier cannot play a clip; the appendix
"Lampiran: transkrip video bukti" gives each evidence clip's caption text
(the school's own track or a checked draft, Indonesian first), cue by cue.
A clip without published captions is listed with a short note, so the jury
sees it was not forgotten; when no clip has captions there is no appendix. Kept apart from :mod:`.dossier` so the dossier
calls it in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..content.captions import spoken_text
from ..content.innovation import Innovation
from ..content.model import Catalogue
from ..messages import text
from ..problems import Lang

#: The caption language the appendix prefers when a clip has several tracks.
PREFERRED_LANGUAGE = "id"


def transcripts(item: Innovation, catalogue: Catalogue) -> list[tuple[str, list[str]]]:
    """(entry title, caption lines) per evidence clip, in the innovation's order."""
    entries = {e.key: e for e in catalogue.entries}
    found = []
    for key in item.evidence:
        entry = entries.get(key)
        if entry is None:
            continue
        usable = [t for t in entry.captions if t.usable]  # a file left unused is listed too
        tracks = sorted(usable, key=lambda t: t.language != PREFERRED_LANGUAGE)
        duration = entry.video_info.duration if entry.video_info else None
        lines = spoken_text(tracks[:1], duration).splitlines() if tracks else []
        found.append((entry.title, [line for line in lines if line.strip()]))
    return found


def add_transcripts(
    doc: Any, item: Innovation, catalogue: Catalogue, clean: Callable[[str], str], lang: Lang
) -> None:
    """Append the transcripts appendix to the python-docx ``doc``; nothing when no evidence
    clip has published captions (an appendix of empty notes would say nothing).

    ``clean`` removes what an Office file cannot hold from a school's text.
    """
    from docx.enum.text import WD_BREAK

    found = transcripts(item, catalogue)
    if not any(lines for _, lines in found):
        return
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_heading(text("dossier.transcripts", lang), level=1)
    for title, lines in found:
        doc.add_heading(clean(title), level=2)
        if not lines:
            doc.add_paragraph(text("dossier.no_transcript", lang))
        for line in lines:
            doc.add_paragraph(clean(line))

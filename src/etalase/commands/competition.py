"""``etalase export innovation SLUG --video``: the innovation's competition video (#30.7).

One MP4 from the innovation's published evidence clips, as KIPP asks: at most
five minutes (the clips left out or cut are named), 720p where the sources allow
(said plainly where they do not), an opening card (the innovation, its schools,
the office) and a card before each clip (its title and school), each clip's
published captions burned in (Indonesian first), sound as AAC 48 kHz stereo.
The school's original is read (best quality). The file is written atomically and never into a part of the project (:mod:`etalase.folders`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from ..content.layout import INNOVATIONS_DIR
from ..content.model import Catalogue, Entry
from ..errors import ConfigError
from ..folders import check_place
from ..media.captions import normalised_file
from ..media.competition import MAX_SECONDS, Clip, make_video, plan_video
from ..media.progress import clock
from ..messages import decimal, text
from ..problems import Lang, problem
from ..process import StepFailed
from ..project import Project
from .dossier import _find

#: The caption language burned in when an entry has several tracks.
PREFERRED_LANGUAGE = "id"


def evidence_clips(project: Project, catalogue: Catalogue, keys: tuple[str, ...]) -> list[Clip]:
    """The published evidence entries with a probed clip, in the innovation's order.

    The school's original is read (the best quality there is). The loader keeps no
    entry whose original is missing (or only a Git LFS pointer), so there is no web
    rendition to fall back on: such evidence is not in the catalogue at all.
    """
    entries = {e.key: e for e in catalogue.entries}
    clips = []
    for key in keys:
        entry = entries.get(key)
        if entry is None or not entry.is_published or entry.video_info is None:
            continue
        info = entry.video_info
        school = catalogue.school(entry.school_slug)
        width, height = info.display_size
        clips.append(
            Clip(
                key=entry.key,
                title=entry.title,
                school=school.name if school else entry.school_slug,
                source=entry.video,
                duration=info.duration,
                width=width,
                height=height,
                has_audio=info.audio_codec is not None,
                captions=_captions(project, entry, info.duration),
            )
        )
    return clips


def _captions(project: Project, entry: Entry, duration: float) -> Path | None:
    """The entry's published captions as normalised WebVTT, Indonesian first."""
    tracks = sorted(entry.captions, key=lambda t: t.language != PREFERRED_LANGUAGE)
    for track in tracks:
        found = normalised_file(project.cache.media, track, duration)
        if found is not None:
            return found
    return None


def run_video(
    project: Project,
    slug: str,
    *,
    output: Path | None = None,
    lang: Lang = "id",
    out: TextIO | None = None,
) -> int:
    """Write ``<slug>.mp4`` (or ``output``). Exit 1 when the innovation is missing or
    invalid, has no published evidence clip, or ffmpeg fails."""
    out = out or sys.stdout
    path = output or Path(f"{slug}.mp4")
    check_place(project, path)  # never into content/, the site, the cache or .git
    result = project.load()
    item = _find(result, slug)
    where = project.shown(project.content_dir / INNOVATIONS_DIR / slug / "index.md")
    if item is None:
        missing = problem("INNOVATION_NOT_FOUND", where, value=slug)
        out.write(f"[{missing.code}] {missing.message(lang)} {missing.fix(lang)}\n")
        return 1
    clips = evidence_clips(project, result.catalogue, item.evidence)
    if not clips:
        none = problem("INNOVATION_VIDEO_NO_EVIDENCE", where, value=slug)
        out.write(f"{none.path}: [{none.code}] {none.message(lang)} {none.fix(lang)}\n")
        return 1
    plan = plan_video(clips)
    for part in plan.parts:
        if part.trimmed:
            out.write(
                text(
                    "video.trimmed",
                    lang,
                    title=part.clip.title,
                    used=clock(part.seconds),
                    whole=clock(part.clip.duration),
                    limit=clock(MAX_SECONDS),
                )
                + "\n"
            )
    for clip in plan.left_out:
        out.write(text("video.left_out", lang, title=clip.title, limit=clock(MAX_SECONDS)) + "\n")
    if plan.reduced:
        out.write(text("video.small_sources", lang, p=plan.source_p, made=plan.height) + "\n")
    out.write(
        text(
            "video.making",
            lang,
            n=len(plan.parts),
            length=clock(plan.seconds),
            width=plan.width,
            height=plan.height,
        )
        + "\n"
    )
    out.flush()
    schools = [s.name for s in (result.catalogue.school(x) for x in item.schools) if s]
    lines = [", ".join(schools)] if schools else []
    if project.site_name:
        lines.append(project.site_name)
    title = f"{item.title} – {item.meaning}" if item.meaning else item.title
    try:
        make_video(
            plan,
            path,
            project.tools(),
            opening=(title, lines),
            timeout=project.policy.media_timeout + 4 * plan.seconds,
        )
    except StepFailed as exc:
        out.write(text("video.failed", lang, reason=str(exc)) + "\n")
        return 1
    except OSError as exc:
        raise ConfigError("export.unwritable", path=path, reason=str(exc)) from exc
    size = path.stat().st_size / 1_000_000
    out.write(
        text(
            "video.wrote",
            lang,
            path=path,
            length=clock(plan.seconds),
            mb=decimal(size, lang),
        )
        + "\n"
    )
    return 0

"""The offline editions' video: one VP9/Opus WebM per clip, made on demand and cached.

:func:`make_offline` is called by ``etalase offline`` only; a build never
makes these files. It runs the on-demand rows of the rendition list
(:func:`~etalase.media.rendition.on_demand`: the
:data:`~etalase.media.rendition.OFFLINE` WebM) through the media step's own
runner (:func:`~etalase.media.pipeline.run_recipes`), without posters: the
same cache keys of content, recipe and ffmpeg version, the same atomic writes,
the same pool (cached clips on the calling thread, the others longest first),
the same problems. ``etalase media --prune`` keeps the WebM of every clip
still in the catalogue.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..content.model import Entry
from ..problems import Lang, Problem
from .outputs import OfflineRendition
from .pipeline import check_writable, run_recipes
from .rendition import OFFLINE, Recipe, on_demand

if TYPE_CHECKING:
    from ..project import Project

#: The WebM's name in the cache (the name of its row, then its container).
SUFFIX = OFFLINE.file_name


@dataclass(frozen=True, slots=True)
class OfflineResult:
    """What :func:`make_offline` made, what went wrong, and how much work it took."""

    renditions: dict[str, OfflineRendition]  # by Entry.key, in the order given; failed absent
    problems: tuple[Problem, ...]
    processed: int  # clips ffmpeg encoded
    reused: int  # clips served from the cache
    failed: int
    seconds: float


def make_offline(
    project: Project,
    entries: Sequence[Entry],
    *,
    jobs: int | None = None,
    progress: bool = False,
    root: Path | None = None,
    lang: Lang = "id",
) -> OfflineResult:
    """Make (or reuse) the offline WebM of every entry's clip.

    Args:
        project: Its media cache, tools, policy (``media_timeout``).
        entries: The entries the edition carries (probed by
            :meth:`~etalase.project.Project.load`; an entry without
            ``video_info`` is probed here, through the cache).
        jobs: Clips encoded at once (default: CPU count), like ``etalase media --jobs``.
        progress: Report progress on stderr (a bar on a terminal, lines otherwise).
        root: Problem paths are shown relative to this folder (default: cwd).
        lang: Language of the progress lines.

    Returns:
        The WebM per entry key, the problems, and counters.

    Raises:
        ConfigError: the cache folder cannot be written, or ffmpeg is missing.
    """
    check_writable(project.cache.media)
    rows = on_demand(project.policy)
    result = run_recipes(
        entries,
        project.media_cache(),
        project.policy,
        project.tools(),
        rows,
        posters=False,
        jobs=jobs,
        progress=progress,
        root=root,
        lang=lang,
    )
    made: dict[str, OfflineRendition] = {}
    for key, media in result.media.items():
        found = media.rendition(OFFLINE.name)
        if found is not None:
            made[key] = OfflineRendition(
                key, found.path, found.bytes, media.duration, found.width, found.height
            )
    return OfflineResult(
        renditions={e.key: made[e.key] for e in entries if e.key in made},
        problems=result.problems,
        processed=result.processed,
        reused=result.reused,
        failed=result.failed,
        seconds=result.seconds,
    )


def expected_bytes(seconds: float, recipe: Recipe = OFFLINE) -> int:
    """About how many bytes the offline WebM of a clip of ``seconds`` takes (for a budget)."""
    return round(seconds * recipe.bytes_per_second)

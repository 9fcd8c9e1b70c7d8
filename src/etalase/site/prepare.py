"""From a project to what a site build needs: the one sequence every adapter calls.

:func:`prepare_site` loads the catalogue, makes (or reuses) the media of the
entries that can reach this build, plans every page and media copy, and says
which files of the content folder may be published. The MkDocs plugin, the
stage benchmark and any other front end (a future Zensical adapter) call it;
none of it knows MkDocs.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..content.layout import INNOVATIONS_DIR, SCHOOLS_DIR, VIDEO_SUFFIXES
from ..content.loader import LoadResult
from ..content.memo import ReadMemo
from ..content.model import Catalogue
from ..media.pipeline import MediaResult, run_media
from ..paths import RealPaths, suffix_of
from ..problems import Lang, Problem
from ..project import Project
from .pages import SitePlan, plan_site
from .strings import Strings


@dataclass(frozen=True, slots=True)
class PreparedSite:
    """A loaded, processed and planned catalogue, ready for a site generator.

    Attributes:
        result: The load: the valid catalogue and its problems.
        media: The media step's outcome for the entries of this build.
        plan: Every catalogue page and media copy.
        public_dirs: Real paths of the content folders whose files may be
            copied into the site (valid schools, and entries that get a page).
        private_files: Real paths of files of the content folder that are
            never copied (the school roster).
    """

    result: LoadResult
    media: MediaResult
    plan: SitePlan
    public_dirs: frozenset[str]
    private_files: frozenset[str] = frozenset()

    @property
    def problems(self) -> tuple[Problem, ...]:
        """Every problem of the load and the media step, in that order."""
        return self.result.problems + self.media.problems

    def is_public(self, src_uri: str, abs_src_path: str, real: RealPaths) -> bool:
        """Whether a file of the content folder may be copied into the site.

        Original uploads and Markdown sources never are; under ``sekolah/`` and
        ``inovasi/``, only files of a public folder are. Paths are compared
        resolved, so a symbolic link counts as the file it points to.
        """
        if not src_uri.startswith((f"{SCHOOLS_DIR}/", f"{INNOVATIONS_DIR}/")):
            return not self.private_files or real.text(abs_src_path) not in self.private_files
        folder, name = os.path.split(real.text(abs_src_path))
        suffix = suffix_of(name)
        return not (
            suffix.lower() in VIDEO_SUFFIXES or suffix == ".md" or folder not in self.public_dirs
        )


def prepare_site(
    project: Project,
    strings: Strings,
    *,
    preview: bool = False,
    memo: ReadMemo | None = None,
    lang: Lang = "id",
    progress: bool = False,
    media_url: str | None = None,
) -> PreparedSite:
    """Load, process and plan the catalogue of ``project``.

    Only entries that can reach this build get media: published ones, plus
    unpublished ones in a curator preview. Unchanged clips come from the
    cache without starting ffmpeg.

    Args:
        project: The project.
        strings: The site's words.
        preview: A curator's live preview: unpublished valid entries get pages too.
        memo: Kept between loads of one live preview.
        lang: Language of problems and progress.
        progress: Show the media step's progress on stderr.
        media_url: Plan renditions and posters on this media host (the policy's
            ``media_url``; a live preview passes None: new clips are not there yet).

    Raises:
        ConfigError: ffmpeg is missing or the cache folder cannot be written.
    """
    result = project.load(memo=memo, root=project.root)
    catalogue = result.catalogue
    wanted = tuple(e for e in catalogue.entries if e.is_published or preview)
    media = run_media(
        Catalogue(catalogue.schools, wanted), project.policy, project.tools(),
        cache_dir=project.cache.media, root=project.root, lang=lang, progress=progress,
    )  # fmt: skip
    plan = plan_site(catalogue, project.policy, media.media, strings, preview=preview,
                     media_url=media_url)  # fmt: skip
    built = {spec.src_uri for spec in plan.pages}
    real = RealPaths()  # paths as text: 20,000 Path objects cost more than the lstats
    keep = [school.source for school in catalogue.schools]
    keep += [e.source for e in catalogue.entries if f"{e.url}index.md" in built]
    keep += [i.source for i in catalogue.innovations if f"{i.url}index.md" in built]
    public = frozenset(os.path.dirname(real.text(str(source))) for source in keep)
    roster = project.roster_file
    private = frozenset([real.text(str(roster))] if roster is not None else [])
    return PreparedSite(result, media, plan, public, private)



"""An edition asks the media step only for the renditions it carries (issue #28, item 7).

The rendition list says who carries each row (``editions``): online ``web`` and
``hemat``; offline the WebM, and ``hemat`` only for a clip whose WebM could not
be made. An offline edition on a cold cache encodes no ``web`` rendition.
"""

from __future__ import annotations

import dataclasses

import pytest

import etalase.site.prepare as prepare
from etalase.media.cache import MediaCache
from etalase.media.offline import OfflineResult
from etalase.policy import default_policy
from etalase.problems import problem
from etalase.project import Project
from etalase.site.edition import ONLINE, Edition
from etalase.site.prepare import prepare_site
from etalase.site.strings import Strings
from scenarios import TEST_DURATION_MIN, Tree

FOLDER = Edition("folder")


def cold_project(tree: Tree) -> Project:
    """Two published clips, an empty cache, and no manifest held in memory."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot", clip="ok")
    tree.entry("sdn-1-blora", "kebun", clip="silent")
    MediaCache._open.clear()  # a new process
    policy = dataclasses.replace(
        default_policy(), districts=("Blora",), duration_min=TEST_DURATION_MIN
    )
    return Project.create(tree.root, policy)


def made_files(project: Project) -> list[str]:
    """The rendition files in the media cache, by row name (``web``, ``hemat``, ``offline``)."""
    names = [p.name for p in project.cache.media.rglob("*") if p.suffix in (".mp4", ".webm")]
    return sorted(n.rsplit("-", 1)[-1] for n in names)


def test_an_offline_edition_on_a_cold_cache_makes_no_web_rendition(tree: Tree) -> None:
    project = cold_project(tree)
    prepared = prepare_site(project, Strings("id"), edition=FOLDER)
    assert prepared.problems == ()
    assert made_files(project) == ["offline.webm", "offline.webm"]  # no web, no hemat
    for media in prepared.media.media.values():  # each clip: its posters and the WebM
        assert [r.name for r in media.renditions] == ["offline"]
        assert media.posters and all(p.webp.is_file() for p in media.posters)
    assert {s.src_uri for s in prepared.plan.pages} >= {
        "sekolah/sdn-1-blora/robot/index.md",
        "sekolah/sdn-1-blora/kebun/index.md",
    }


def test_the_online_site_still_makes_web_and_hemat(tree: Tree) -> None:
    project = cold_project(tree)
    prepared = prepare_site(project, Strings("id"), edition=ONLINE)
    assert prepared.problems == ()
    assert made_files(project) == ["hemat.mp4", "hemat.mp4", "web.mp4", "web.mp4"]
    for media in prepared.media.media.values():
        assert [r.name for r in media.renditions] == ["web", "hemat"]


def test_a_clip_whose_webm_fails_carries_hemat_and_its_problem_is_reported(
    tree: Tree, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback: libvpx failing on one clip is simulated (ffmpeg makes the rest for real)."""
    project = cold_project(tree)
    real = prepare.make_offline

    def one_fails(project: Project, entries: list, **kw: object) -> OfflineResult:  # type: ignore[type-arg]
        made = real(project, entries, **kw)  # type: ignore[arg-type]
        failed = problem("MEDIA_FAILED", "content/sekolah/sdn-1-blora/kebun/video.mp4", step="x")
        kept = {k: v for k, v in made.renditions.items() if not k.endswith("kebun")}
        return dataclasses.replace(made, renditions=kept, problems=(failed,))

    monkeypatch.setattr(prepare, "make_offline", one_fails)
    prepared = prepare_site(project, Strings("id"), edition=FOLDER)
    assert [p.code for p in prepared.problems] == ["MEDIA_FAILED"]
    carried = {k: [r.name for r in m.renditions] for k, m in prepared.media.media.items()}
    assert carried == {"sdn-1-blora/robot": ["offline"], "sdn-1-blora/kebun": ["hemat"]}
    assert made_files(project) == ["hemat.mp4", "offline.webm", "offline.webm"]

"""A rendition is a row of one list: a new row is made, cached and carried without other code.

``docs/renditions.md`` says that adding a rendition touches the list
(``media/rendition.py``) and its labels (``messages.py``) only. This test adds
a row the way the walk-through does and follows it through the one runner,
the cache and the site plan; the player and the desk take it from there.
"""

from __future__ import annotations

import pytest
from mediakit import ffprobe, media_policy

from etalase.content.loader import load_catalogue
from etalase.media import rendition
from etalase.media.cache import MediaCache
from etalase.media.pipeline import run_media
from etalase.media.rendition import Recipe
from etalase.media.tools import Tools
from etalase.messages import MESSAGES
from etalase.policy import Policy
from etalase.site.pages import plan_site
from etalase.site.strings import Strings
from etalase.site.views import EntryView
from scenarios import X264, Tree, ffmpeg, planned

#: The walk-through's example row: a tiny 144p clip for the weakest signal.
MINI = Recipe("mini", "mp4", 144, 60, 24, channels=1, max_fps=15, editions=("online",))


def with_mini(policy: Policy) -> tuple[Recipe, ...]:
    rows = ORIGINAL(policy)
    return (*rows[:2], MINI, *rows[2:])


ORIGINAL = rendition.renditions


def test_a_new_row_is_made_cached_and_played_with_no_other_code(
    tree: Tree, tools: Tools, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(rendition, "renditions", with_mini)
    monkeypatch.setitem(MESSAGES, "step.mini", ("video mini", "mini video"))
    monkeypatch.setitem(MESSAGES, "desk.rendition.mini", ("Mini", "Mini"))
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "robot", clip=None)
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=3", "-f", "lavfi", "-i", "sine=d=3",
           *X264, "-c:a", "aac", "-shortest", str(index.parent / "video.mp4"))  # fmt: skip
    policy = media_policy(duration_min=1)
    MediaCache._open.clear()
    cache_dir = tree.root / "cache"
    prober = MediaCache.open(cache_dir).prober(tools, policy.probe_timeout)
    loaded = load_catalogue(tree.content, policy, root=tree.root, prober=prober)
    result = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=tree.root)
    assert result.problems == ()
    media = result.media["sdn-1-blora/robot"]
    assert [r.name for r in media.renditions] == ["web", "hemat", "mini"]
    mini = media.rendition("mini")
    assert mini is not None and mini.path.name.endswith("-mini.mp4")
    assert (mini.width, mini.height) == (192, 144)
    assert int(ffprobe(mini.path)["streams"][0]["height"]) == 144
    # A second run takes it from the cache.
    MediaCache._open.clear()
    again = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=tree.root)
    assert (again.processed, again.reused) == (0, 1)
    # The site carries it beside the page, and the player names it.
    plan = plan_site(loaded.catalogue, policy, result.media, Strings("id"))
    assert "sekolah/sdn-1-blora/robot/video-mini.mp4" in {m.dest_uri for m in plan.media}
    page = planned(plan, "sekolah/sdn-1-blora/robot/index.md")
    assert page is not None and isinstance(page.view, EntryView)
    player = page.view.player
    assert player is not None
    assert [s.name for s in player.sources] == ["web", "hemat", "mini"]
    assert player.saver is not None and player.saver.name == "hemat"


def test_the_desk_and_the_offline_editions_take_their_renditions_from_the_list() -> None:
    from etalase.site.edition import OFFLINE_RENDITIONS

    policy = media_policy()
    assert OFFLINE_RENDITIONS == rendition.offline_choice(policy) == ("offline", "hemat")
    assert [r.name for r in rendition.built(policy)] == ["web", "hemat"]
    assert rendition.saver_names(policy) == {"hemat"}
    for row in rendition.renditions(policy):  # each row is worded in the message table
        assert f"step.{row.name}" in MESSAGES
        assert row.on_demand or f"desk.rendition.{row.name}" in MESSAGES


def test_an_offline_row_is_a_webm_and_the_others_mp4() -> None:
    policy = media_policy()
    assert [(r.name, r.file_name) for r in rendition.renditions(policy)] == [
        ("web", "web.mp4"),
        ("hemat", "hemat.mp4"),
        ("offline", "offline.webm"),
    ]

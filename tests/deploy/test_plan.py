"""The order and content of a deploy, planned from the files alone (no host needed)."""

from __future__ import annotations

from etalase.deploy.plan import DAY, plan_deploy

SITE = {
    "index.html": [10, 1, "home"],
    "assets/app.js": [10, 1, "js"],
    "sekolah/a/x/index.html": [10, 1, "x"],
    "sekolah/a/index.html": [10, 1, "a"],
    "pagefind/pagefind-entry.json": [10, 1, "pf"],
    "feed.xml": [10, 1, "feed"],
}


def test_a_first_deploy_goes_media_assets_new_pages_index_home_in_that_order() -> None:
    plan = plan_deploy(SITE, {}, {"m/ab/ab1-web.mp4": 99}, {}, {}, now=0, keep_days=7)
    assert [(s.name, s.target) for s in plan.steps] == [
        ("media", "media"),
        ("assets", "pages"),
        ("new_pages", "pages"),
        ("index", "pages"),
        ("home", "pages"),
    ]
    assert plan.steps[0].bytes == 99 and plan.steps[-1].files == ("index.html",)


def test_nothing_changed_plans_nothing() -> None:
    plan = plan_deploy(
        SITE, SITE, {"m/ab/ab1-web.mp4": 99}, {"m/ab/ab1-web.mp4": 99}, {}, now=0, keep_days=7
    )
    assert plan.empty


def test_new_pages_go_before_changed_ones_and_gone_pages_are_deleted_last() -> None:
    now = dict(SITE, **{"sekolah/a/y/index.html": [10, 1, "y"], "index.html": [10, 1, "home2"]})
    del now["sekolah/a/x/index.html"]
    now["sekolah/a/index.html"] = [10, 1, "a2"]
    plan = plan_deploy(now, SITE, None, {}, {}, now=0, keep_days=7)
    assert [(s.name, s.files) for s in plan.steps] == [
        ("new_pages", ("sekolah/a/y/index.html",)),
        ("pages", ("sekolah/a/index.html",)),
        ("home", ("index.html",)),
        ("delete_pages", ("sekolah/a/x/index.html",)),
    ]


def test_unreferenced_media_wait_out_the_grace_period() -> None:
    deployed = {"m/ab/old.mp4": 5, "m/cd/kept.mp4": 5}
    first = plan_deploy(SITE, SITE, {"m/cd/kept.mp4": 5}, deployed, {}, now=100, keep_days=7)
    assert first.empty and first.unreferenced == {"m/ab/old.mp4": 100} and first.kept_media == 1
    later = plan_deploy(
        SITE,
        SITE,
        {"m/cd/kept.mp4": 5},
        deployed,
        first.unreferenced,
        now=100 + 7 * DAY,
        keep_days=7,
    )
    assert [(s.name, s.files) for s in later.steps] == [("delete_media", ("m/ab/old.mp4",))]
    back = plan_deploy(
        SITE,
        SITE,
        {"m/ab/old.mp4": 5, "m/cd/kept.mp4": 5},
        deployed,
        first.unreferenced,
        now=100 + 8 * DAY,
        keep_days=7,
    )
    assert back.empty and back.unreferenced == {}, "referenced again: its clock stops"

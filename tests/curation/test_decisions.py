"""The decision log and the queue's filters, on their own."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest

from etalase.curation.decisions import DecisionLog
from etalase.desk.queue import Arrival, Item, entry_index, view


def test_each_decision_is_one_json_line_and_a_bad_line_is_skipped(tmp_path: Path) -> None:
    log = DecisionLog(tmp_path / "keputusan-kurator.jsonl")
    moment = dt.datetime(2026, 12, 1, 22, 40, 5, 123, tzinfo=dt.UTC)
    log.append("reject", "sdn-1/robot", "Bu Sari", reason="Suara kurang jelas", now=moment)
    with log.path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
    log.append("poster", "sdn-1/robot", "Bu Sari", poster_time=4.5, now=moment)
    log.append("publish", "sdn-2/lain", "Pak Budi", now=moment)
    lines = log.path.read_text("utf-8").splitlines()
    assert json.loads(lines[0]) == {
        "time": "2026-12-01T22:40:05Z",
        "action": "reject",
        "entry": "sdn-1/robot",
        "curator": "Bu Sari",
        "reason": "Suara kurang jelas",
    }
    mine = log.for_entry("sdn-1/robot")
    assert [d.action for d in mine] == ["poster", "reject"]  # newest first
    assert mine[0].poster_time == 4.5 and mine[1].reason == "Suara kurang jelas"


def test_entry_keys_from_urls_never_leave_the_schools_folder(tmp_path: Path) -> None:
    content = tmp_path / "content"
    entry = content / "sekolah" / "sdn-1" / "robot"
    entry.mkdir(parents=True)
    (entry / "index.md").write_text("---\ntitle: A\n---\n", encoding="utf-8")
    outside = tmp_path / "rahasia"
    outside.mkdir()
    (outside / "index.md").write_text("x", encoding="utf-8")
    os.symlink(outside, content / "sekolah" / "sdn-1" / "tautan")
    assert entry_index(content, "sdn-1", "robot") == entry / "index.md"
    assert entry_index(content, "sdn-1", "tautan") is None  # a symbolic link
    assert entry_index(content, "..", "rahasia") is None
    assert entry_index(content, "sdn-1", "../../rahasia") is None
    assert entry_index(content, "sdn-1", "Robot") is None  # not a slug


def _item(key: str, status: str, district: str, featured: bool = False) -> Item:
    return Item(
        key=key,
        index=Path(key),
        school_slug=key.split("/")[0],
        school=key.split("/")[0],
        district=district,
        title=key,
        category="kegiatan-sekolah",
        status=status,
        featured=featured,
        review_note=None,
        poster_time=None,
        duration=None,
        arrival=Arrival("git", "2026-12-01", 0.0),
        problems=(),
        media=None,
        valid=True,
    )


def test_filters_count_what_each_value_would_show_with_the_other_filters_kept() -> None:
    items = [
        _item("a/1", "review", "Blora"),
        _item("a/2", "review", "Cepu"),
        _item("b/1", "published", "Blora", featured=True),
        _item("b/2", "rejected", "Blora"),
    ]
    shown = view(items, {"status": "review", "district": "Blora"}, 1, {})
    assert [i.key for i in shown.items] == ["a/1"]
    status = {f.value: f.count for f in shown.facets["status"]}
    assert status == {"review": 1, "rejected": 1, "published": 1, "featured": 1}
    assert {f.value: f.count for f in shown.facets["district"]} == {"Blora": 1, "Cepu": 1}
    featured = view(items, {"status": "featured"}, 1, {})
    assert [i.key for i in featured.items] == ["b/1"]


def test_the_desk_clock_is_the_offices_zone() -> None:
    """#28.14: WIB by default, WITA with ``timezone: Asia/Makassar``; a wrong name is refused."""
    from etalase.desk.clock import local_time
    from etalase.errors import ConfigError
    from etalase.policy import Policy, default_policy

    assert default_policy().timezone == "Asia/Jakarta"
    assert local_time("2026-12-01T22:40:05Z", "Asia/Jakarta") == "2026-12-02 05:40 WIB"
    wita = Policy.from_options({"timezone": "Asia/Makassar"}).timezone
    assert local_time(1_780_000_000.0, wita) == "2026-05-29 04:26 WITA"
    assert local_time("bukan waktu", wita) == "bukan waktu"
    with pytest.raises(ConfigError) as refused:
        Policy.from_options({"timezone": "Asia/Bandung"})
    assert "Asia/Makassar (WITA)" in refused.value.text("id")

"""Log lines, log files and the totals file, each on its own (no server needed)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pytest

from etalase.errors import ConfigError
from etalase.stats.counter import Counter, is_bot
from etalase.stats.importer import import_logs
from etalase.stats.logs import MAX_LINE, parse_line
from etalase.stats.lookup import PageLookup, base_path
from etalase.stats.totals import Totals, read_totals, write_totals

LINE = (
    '203.0.113.9 - - [14/Aug/2026:10:00:{s:02d} +0700] "GET {path} HTTP/1.1" {status} 512 '
    '"https://wa.me/" "{agent}"\n'
)
PHONE = "Mozilla/5.0 (Linux; Android 13) Mobile"
ROUTES = PageLookup(
    "/etalase/",
    {
        "sekolah/sdn-1/": ("school", "sdn-1"),
        "sekolah/sdn-1/robot/": ("entry", "sdn-1/robot"),
        "inovasi/sahabat/": ("innovation", "sahabat"),
    },
    {"m/ab/" + "ab" * 32 + "-web.mp4": "sdn-1/robot"},
)


def line(path: str, status: int = 200, agent: str = PHONE, s: int = 0) -> str:
    return LINE.format(path=path, status=status, agent=agent, s=s)


def test_a_combined_line_gives_the_day_method_path_status_and_agent() -> None:
    hit = parse_line(line("/etalase/sekolah/sdn-1/robot/", 304).rstrip("\n"))
    assert hit is not None
    assert (hit.day, hit.method, hit.path, hit.status, hit.agent) == (
        dt.date(2026, 8, 14),
        "GET",
        "/etalase/sekolah/sdn-1/robot/",
        304,
        PHONE,
    )
    # Apache's common format (no referrer, no agent) is read too; nginx escapes quotes.
    common = '10.0.0.1 - - [01/Sep/2026:00:00:01 +0000] "GET / HTTP/1.0" 200 -'
    assert parse_line(common) is not None and parse_line(common).agent == ""  # type: ignore[union-attr]
    escaped = line("/a\\x22b", agent='x\\" y').rstrip("\n")
    assert parse_line(escaped) is not None


@pytest.mark.parametrize(
    "text",
    [
        "",
        "garbage",
        '1.2.3.4 - - [31/Feb/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 1 "-" "x"',
        '1.2.3.4 - - [14/Aug/2026:10:00:00 +0000] "\\x16\\x03\\x01" 400 1 "-" "-"',
        '1.2.3.4 - - [14/Aug/2026:10:00:00 +0000] "GET /" 200 1 "-" "x"',
    ],
)
def test_what_is_not_a_request_line_is_none(text: str) -> None:
    assert parse_line(text) is None


def test_bots_tools_and_the_office_s_check_are_told_from_phones() -> None:
    for agent in (
        "Googlebot/2.1",
        "curl/8",
        "Wget/1.21",
        "python-requests/2.31",
        "",
        "Mozilla/5.0 Chrome-Lighthouse",
        "HeadlessChrome/120",
        "etalase-verify",
        "WhatsApp/2.23",
        "facebookexternalhit/1.1",
    ):
        assert is_bot(agent), agent
    assert not is_bot(PHONE)


def test_pages_and_clips_map_to_the_catalogue_under_the_base_path() -> None:
    assert base_path("https://dinas.example.id/etalase") == "/etalase/"
    assert base_path("") == base_path("https://x.id") == "/"
    target = ROUTES.target
    assert target("/etalase/sekolah/sdn-1/robot/index.html?x=1") == target(
        "/etalase/sekolah/sdn-1/robot/"
    )
    entry = target("/etalase/sekolah/sdn-1/robot/")
    assert entry is not None and (entry.media, entry.kind, entry.key) == (
        False,
        "entry",
        "sdn-1/robot",
    )
    clip = target("/etalase/sekolah/sdn-1/robot/video-hemat.mp4")
    assert clip is not None and clip.media and clip.key == "sdn-1/robot"
    addressed = target("/media/m/ab/" + "ab" * 32 + "-web.mp4")
    assert addressed is not None and addressed.media and addressed.key == "sdn-1/robot"
    other = target("/etalase/kecamatan/blora/")
    assert other is not None and other.kind is None  # a page of the site, nobody's
    for path in (
        "/sekolah/sdn-1/robot/",  # outside the base path
        "/etalase/sekolah/sdn-1/robot/poster-640.webp",
        "/etalase/sekolah/sdn-1/../sdn-1/robot/",
        "/etalase/sekolah/sdn-1/robot/%2e%2e/video-web.mp4",
        "/media/m/ab/" + "cd" * 32 + "-web.mp4",  # a name no page plays
    ):
        found = target(path)
        assert found is None or found.kind is None, path


def test_a_play_counts_once_per_visitor_clip_and_day(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    clip = "/etalase/sekolah/sdn-1/robot/video-web.mp4"
    rows = [
        line(clip, 206, s=1),
        line(clip, 206, s=2),  # the same visitor seeking
        line(clip, 206, agent=PHONE + " other", s=3),  # another visitor
        line(clip, 416, agent=PHONE + " third", s=4),  # a failed range: no play
        line(clip, 200, s=5).replace("14/Aug", "15/Aug"),  # the next day counts again
        line(clip, 206, s=6).replace("14/Aug", "15/Aug"),
    ]
    log.write_text("".join(rows))
    totals = Totals()
    report = import_logs([log], ROUTES, totals)
    assert totals.entries == {"sdn-1/robot": {"2026-08": {"plays": 3}}}
    assert (report.tally.plays, report.tally.other) == (3, 3)


def test_a_late_line_from_before_midnight_is_still_told_apart_and_old_keys_go(
    tmp_path: Path,
) -> None:
    log = tmp_path / "access.log"
    clip = "/etalase/sekolah/sdn-1/robot/video-web.mp4"
    rows = [
        line(clip, 206, s=1),
        line(clip, 206, s=2).replace("14/Aug", "15/Aug"),
        line(clip, 206, s=3),  # finished just after midnight: yesterday's seek, no play
        line(clip, 206, s=4).replace("14/Aug", "15/Aug"),
        line(clip, 206, s=5).replace("14/Aug", "16/Aug"),
    ]
    log.write_text("".join(rows))
    totals = Totals()
    counter = Counter(ROUTES, totals)
    for row in rows:
        hit = parse_line(row.rstrip("\n"))
        assert hit is not None
        counter.count(hit)
    assert totals.entry_plays("sdn-1/robot") == 3
    assert sorted(counter._days) == [dt.date(2026, 8, 15), dt.date(2026, 8, 16)]
    counter.forget()
    assert counter._days == {}


def test_a_long_or_unfinished_line_is_bounded_and_a_grown_log_reads_only_its_new_lines(
    tmp_path: Path,
) -> None:
    log = tmp_path / "access.log"
    page = line("/etalase/sekolah/sdn-1/")
    log.write_bytes(
        page.encode() + b"x" * (MAX_LINE * 3) + b"\n" + page.encode() + page[:30].encode()
    )
    totals = Totals()
    report = import_logs([log], ROUTES, totals)
    assert report.tally.unreadable == 1 and totals.school_views("sdn-1") == 2
    with log.open("ab") as grown:
        grown.write(page[30:].encode() + page.encode())
    import_logs([log], ROUTES, totals)
    assert totals.school_views("sdn-1") == 4
    # Its rotated, gzipped copy and a second copy in the same run add nothing.
    packed = tmp_path / "access.log.1.gz"
    packed.write_bytes(gzip.compress(log.read_bytes()))
    again = import_logs([packed, log], ROUTES, totals)
    assert totals.school_views("sdn-1") == 4 and again.tally.lines == 0


def test_a_broken_gzip_is_reported_and_the_other_logs_still_count(tmp_path: Path) -> None:
    good, broken = tmp_path / "access.log", tmp_path / "access.log.2.gz"
    good.write_text(line("/etalase/inovasi/sahabat/"))
    broken.write_bytes(gzip.compress(line("/etalase/").encode() * 500)[:60])
    totals = Totals()
    report = import_logs([broken, good], ROUTES, totals)
    assert totals.innovation_views("sahabat") == 1
    assert [bool(f.error) for f in report.files] == [True, False]


def test_the_totals_file_is_sorted_one_row_per_month_and_a_damaged_one_is_refused(
    tmp_path: Path,
) -> None:
    path = tmp_path / "stats" / "kunjungan.json"
    assert read_totals(path) == Totals()
    totals = Totals()
    counter = Counter(ROUTES, totals)
    hit = parse_line(line("/etalase/sekolah/sdn-1/robot/").rstrip("\n"))
    assert hit is not None
    counter.count(hit)
    write_totals(path, totals)
    text = path.read_text()
    assert '   "2026-08": {"views": 1}' in text
    assert json.loads(text)["entries"] == {"sdn-1/robot": {"2026-08": {"views": 1}}}
    assert read_totals(path) == totals
    for damaged in ("{", '{"format": 1, "entries": {"a": {"2026-08": {"views": -1}}}}', "[]"):
        path.write_text(damaged)
        with pytest.raises(ConfigError):
            read_totals(path)

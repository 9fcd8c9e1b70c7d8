"""Captions from schools: any common encoding and format to plain WebVTT, every mistake a
problem with its cue's line, and hostile files never a traceback nor a blocked entry."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.content.captions import (
    MAX_BYTES,
    CaptionTrack,
    decode,
    language_of,
    read_bytes,
    spoken_text,
)
from etalase.content.loader import LoadResult, load_catalogue
from etalase.media.captions import caption_copies
from etalase.media.probe import bare_prober
from etalase.media.tools import Tools
from etalase.policy import Policy
from scenarios import ENTRY, Tree

TODAY = dt.date(2026, 11, 23)

SRT = """\
1
00:00:01,000 --> 00:00:03,500
Halo, kami dari SD Negeri 1 Blora.

2
00:00:04,000 --> 00:00:06,000
Ini robot dari barang bekas.
"""


def codes(data: bytes, duration: float | None = 35.0) -> dict[str, int]:
    """Each finding's code and the line of its first cue."""
    return {f.code: f.line for f in read_bytes(data, duration).findings}


def test_a_capcut_srt_becomes_plain_webvtt() -> None:
    captions = read_bytes(SRT.encode("utf-8"), 35.0)
    assert captions.findings == ()
    assert captions.webvtt() == (
        "WEBVTT\n\n"
        "00:00:01.000 --> 00:00:03.500\nHalo, kami dari SD Negeri 1 Blora.\n\n"
        "00:00:04.000 --> 00:00:06.000\nIni robot dari barang bekas.\n"
    )


@pytest.mark.parametrize(
    "data",
    [
        "\ufeff" + SRT,  # UTF-8 with a byte-order mark (Windows Notepad)
        ("\ufeff" + SRT).encode("utf-16-le"),
        ("\ufeff" + SRT).encode("utf-16-be"),
        SRT.replace("\n", "\r\n"),
    ],
    ids=["utf8-bom", "utf16-le", "utf16-be", "crlf"],
)
def test_every_common_encoding_reads_the_same(data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    assert read_bytes(raw, 35.0).webvtt() == read_bytes(SRT.encode("utf-8"), 35.0).webvtt()


def test_windows_1252_is_read_as_such() -> None:
    text = SRT.replace("Ini robot", "Café “robot”")
    captions = read_bytes(text.encode("cp1252"), 35.0)
    assert "Café “robot” dari barang bekas." in captions.webvtt()
    assert decode("é".encode()) == "é"  # valid UTF-8 is never read as Windows-1252


def test_webvtt_with_notes_styles_and_settings() -> None:
    vtt = (
        "WEBVTT - dari YouTube\n\nSTYLE\n::cue { color: red }\n\nNOTE dibuat otomatis\n\n"
        "satu\n00:01.000 --> 00:02.500 align:start line:0\n<v Guru>Selamat <c.kuning>pagi</c>\n"
    )
    captions = read_bytes(vtt.encode(), 35.0)
    assert captions.webvtt() == "WEBVTT\n\n00:00:01.000 --> 00:00:02.500\nSelamat pagi\n"
    assert {f.code for f in captions.findings} == {"CAPTIONS_MARKUP"}


def test_markup_is_stripped_and_a_script_never_reaches_the_output() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<font color=red><b>Judul</b></font>\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nAwas <script>alert('x')</script>robot\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\n&lt;script&gt;fetch(1)&lt;/script&gt;1 &amp; 2 < 3\n"
    )
    captions = read_bytes(srt.encode(), 35.0)
    out = captions.webvtt()
    assert "script" not in out and "alert" not in out and "fetch" not in out
    assert "<" not in out.replace("-->", "")
    assert "\nJudul\n" in out and "\nAwas robot\n" in out and "\n1 &amp; 2 &lt; 3\n" in out
    assert codes(srt.encode()) == {"CAPTIONS_MARKUP": 2, "CAPTIONS_SCRIPT": 6}


def test_timing_mistakes_are_found_on_their_lines() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\nsatu\n\n"  # line 2
        "2\n00:00:03,000 --> 00:00:05,000\ndua tumpang tindih\n\n"  # line 6: overlap
        "3\n00:00:09,000 --> 00:00:08,000\ntiga terbalik\n\n"  # line 10: end before start
        "4\n-00:00:01,000 --> 00:00:02,000\nempat negatif\n\n"  # line 14
        "5\n00:00:10,000 --> 00:00:40,000\nlima lewat akhir\n\n"  # line 18: cut at 35 s
        "6\n00:00:50,000 --> 00:00:52,000\nenam sesudah akhir\n"  # line 22: dropped
    )
    captions = read_bytes(srt.encode(), 35.0)
    assert {f.code: (f.line, f.count) for f in captions.findings} == {
        "CAPTIONS_TIME_INVALID": (14, 1),
        "CAPTIONS_OVERLAP": (6, 1),
        "CAPTIONS_TIME_ORDER": (10, 1),
        "CAPTIONS_PAST_END": (18, 2),
    }
    assert [c.text for c in captions.cues] == ["satu", "dua tumpang tindih", "lima lewat akhir"]
    assert captions.cues[-1].end == 35.0


def test_lines_too_long_for_a_phone() -> None:
    long_line = "1\n00:00:01,000 --> 00:00:02,000\n" + "kata " * 10 + "\n\n"
    three = "2\n00:00:03,000 --> 00:00:04,000\nsatu\ndua\ntiga\n\n"
    fine = "3\n00:00:05,000 --> 00:00:06,000\n" + "a" * 42 + "\n" + "b" * 42 + "\n"
    assert codes(long_line.encode()) == {"CAPTIONS_LINE_LONG": 2}
    assert codes(three.encode()) == {"CAPTIONS_LINE_LONG": 2}
    assert codes(fine.encode()) == {}


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x00\x01PK\x03\x04" + bytes(range(256)) * 40, "CAPTIONS_BINARY"),  # a zip renamed
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "CAPTIONS_BINARY"),
        (b"\xff\xfe\x00\xd8", "CAPTIONS_BINARY"),  # UTF-16 with a lone surrogate
        (SRT.encode() * (MAX_BYTES // len(SRT) + 1), "CAPTIONS_TOO_LARGE"),
        (b"Halo semua\nterima kasih\n", "CAPTIONS_TIME_INVALID"),
        (b"", "CAPTIONS_EMPTY"),
    ],
    ids=["zip", "png", "bad-utf16", "oversized", "no-timing", "empty"],
)
def test_hostile_files_are_problems_and_nothing_is_kept(data: bytes, code: str) -> None:
    captions = read_bytes(data, 35.0)
    assert code in {f.code for f in captions.findings}
    assert not captions.usable


@pytest.mark.parametrize(
    ("name", "language"),
    [
        ("video.id.srt", "id"),
        ("VIDEO.JV.SRT", "jv"),
        ("video.vtt", "id"),
        ("video.srt", "id"),
        ("video.mad.vtt", "mad"),
        ("lain.srt", None),
        ("video.mp4", None),
        ("video.indonesia.srt", None),
        ("videox.srt", None),
    ],
)
def test_the_language_comes_from_the_name_beside_the_video(name: str, language: str | None) -> None:
    assert language_of(name, "video.mp4", "id") == language


def test_published_names() -> None:
    assert CaptionTrack("id", Path("video.vtt")).published_name == "video.vtt"
    assert CaptionTrack("id", Path("video.srt")).published_name == "video.id.vtt"
    assert CaptionTrack("jv", Path("video.jv.srt")).published_name == "video.jv.vtt"


# --- on a content tree -------------------------------------------------------------


def load(tree: Tree, policy: Policy, tools: Tools) -> LoadResult:
    prober = bare_prober(tools, policy.probe_timeout)
    return load_catalogue(tree.content, policy, root=tree.root, today=TODAY, prober=prober)


def entry_text(extra: str) -> str:
    return ENTRY.format(title="Robot", video="video.mp4").replace("consent:", extra + "consent:")


def test_tracks_beside_the_video_and_in_front_matter(
    tree: Tree, policy: Policy, tools: Tools
) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry(
        "sdn-1-blora",
        "robot",
        entry_text("language: jv\ncaptions: {id: teks-indonesia.srt}\n"),
        clip="ok_35",  # the captions run to 0:20
    )
    folder = index.parent
    (folder / "teks-indonesia.srt").write_bytes(("\ufeff" + SRT).encode("utf-16-le"))
    (folder / "video.jv.srt").write_text(SRT.replace("Halo", "Sugeng"), "cp1252")
    (folder / "video.su.srt").write_bytes(b"\x00binary\x00")
    before = {p: p.read_bytes() for p in folder.iterdir()}
    result = load(tree, policy, tools)
    assert [(p.path.rsplit("/", 1)[1], p.code) for p in result.problems] == [
        ("video.su.srt", "CAPTIONS_BINARY")
    ]
    (entry,) = result.catalogue.entries
    assert entry.language == "jv"
    assert [(t.language, t.source.name, t.usable) for t in entry.captions] == [
        ("id", "teks-indonesia.srt", True),
        ("jv", "video.jv.srt", True),
        ("su", "video.su.srt", False),  # never published; its warning says why
    ]
    assert entry.main_captions is not None and entry.main_captions.language == "jv"
    media = tree.root / "cache"
    copies = caption_copies(media, result.catalogue.entries)
    assert sorted(copies) == [
        "sekolah/sdn-1-blora/robot/teks-indonesia.id.vtt",
        "sekolah/sdn-1-blora/robot/video.jv.vtt",
    ]
    made = copies["sekolah/sdn-1-blora/robot/video.jv.vtt"]
    digest = entry.captions[1].digest
    assert made == media / "captions" / digest[:2] / f"{digest}.vtt"
    assert "Sugeng, kami" in made.read_text("utf-8")
    assert {p: p.read_bytes() for p in folder.iterdir()} == before  # the school's files as sent


def test_spoken_text_for_search(tree: Tree, policy: Policy, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "robot", entry_text(""))
    (index.parent / "video.srt").write_text(SRT.replace("bekas", "<b>bekas</b>"), "cp1252")
    (entry,) = load(tree, policy, tools).catalogue.entries
    assert spoken_text(entry.captions) == (
        "Halo, kami dari SD Negeri 1 Blora.\nIni robot dari barang bekas."
    )
    assert spoken_text(()) == ""


def test_front_matter_mistakes(tree: Tree, policy: Policy, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry(
        "sdn-1-blora",
        "robot",
        entry_text("captions: {ID: a.srt, id: b.txt, jv: c.srt}\n"),
    )
    for name in ("a.srt", "b.txt"):
        (index.parent / name).write_text(SRT, "utf-8")
    result = load(tree, policy, tools)
    assert sorted(p.code for p in result.problems) == [
        "CAPTIONS_KIND",
        "CAPTIONS_LANGUAGE_INVALID",
        "FILE_MISSING",
    ]
    bad = tree.entry("sdn-1-blora", "robot", entry_text("language: Jawa\n"))
    assert "LANGUAGE_INVALID" in {p.code for p in load(tree, policy, tools).problems}
    assert bad.exists()


def test_check_reports_hostile_captions_without_blocking_anyone(
    tree: Tree, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two schools: one sends every hostile caption file, the other's entry is untouched."""
    tree.school("sdn-1-blora")
    tree.school("smp-2-cepu", npsn="20398765")
    hostile = tree.entry(
        "sdn-1-blora", "robot", entry_text("captions: {jv: video.jv.srt}\n"), clip="ok_35"
    )
    good = tree.entry("smp-2-cepu", "tari", clip="ok_35")
    (good.parent / "video.srt").write_text(SRT, "utf-8")
    folder = hostile.parent
    (folder / "video.id.vtt").write_bytes(
        b"WEBVTT\n\n" + b"00:01.000 --> 00:02.000\nx\n\n" * 400_000
    )
    (folder / "video.jv.srt").write_bytes(bytes(range(256)) * 64)  # a binary renamed .srt
    (folder / "video.su.srt").write_text(
        "1\n00:00:05,000 --> 00:00:01,000\n<script>alert(1)</script>terbalik\n\n"
        "2\n-00:00:01,000 --> 00:00:02,000\nnegatif\n\n"
        "3\n00:00:03,000 --> 00:00:09,000\nsatu\n\n4\n00:00:04,000 --> 00:00:06,000\ndua\n",
        "utf-16",
    )
    code = main(["check", "--format", "json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0  # warnings only: both entries stay valid
    found = {(p["path"].rsplit("/", 1)[1], p["code"]) for p in report["problems"]}
    assert {
        ("video.id.vtt", "CAPTIONS_TOO_LARGE"),
        ("video.jv.srt", "CAPTIONS_BINARY"),
        ("video.su.srt", "CAPTIONS_TIME_ORDER"),
        ("video.su.srt", "CAPTIONS_TIME_INVALID"),
        ("video.su.srt", "CAPTIONS_SCRIPT"),
        ("video.su.srt", "CAPTIONS_OVERLAP"),
    } <= found
    assert not any("smp-2-cepu" in p["path"] for p in report["problems"])
    # Each bad file is told once, by its own problem: not also "not published, delete it".
    assert "FILE_NOT_PUBLISHED" not in {p["code"] for p in report["problems"]}
    assert report["summary"]["valid_entries"] == 2
    assert all("Traceback" not in p["message"] for p in report["problems"])

"""The loader on scenario trees: every front-matter and video problem, on the right file."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace

import pytest

from etalase.content.loader import LoadResult, load_catalogue
from etalase.media.probe import bare_prober
from etalase.media.tools import Tools
from etalase.policy import Policy, default_policy
from scenarios import Tree

TODAY = dt.date(2026, 11, 23)


def load(tree: Tree, policy: Policy, tools: Tools | None) -> LoadResult:
    prober = bare_prober(tools, policy.probe_timeout) if tools is not None else None
    return load_catalogue(tree.content, policy, root=tree.root, today=TODAY, prober=prober)


def found(result: LoadResult) -> set[tuple[str, str]]:
    return {(p.path, p.code) for p in result.problems}


def test_a_good_school_and_entry_load_as_typed_values(
    tree: Tree, policy: Policy, tools: Tools
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "robot-bekas", clip="ok_35")
    result = load(tree, policy, tools)
    assert result.problems == ()
    (school,) = result.catalogue.schools
    (entry,) = result.catalogue.entries
    assert (school.npsn, school.level, school.district) == ("20312345", "SD", "Blora")
    assert entry.key == "sdn-1-blora/robot-bekas"
    assert entry.date == dt.date(2026, 8, 14)
    assert entry.tags == ("robotik", "daur ulang")
    assert entry.status == "published" and entry.consent is True
    assert entry.video_info is not None and round(entry.video_info.duration) == 35
    assert result.catalogue.published == (entry,)


SCHOOL_CASES = {
    "FIELD_MISSING": "---\nnpsn: '20312345'\nlevel: SD\ndistrict: Blora\n---\nx\n",
    "NPSN_FORMAT": "---\nname: A\nnpsn: '2031'\nlevel: SD\ndistrict: Blora\n---\nx\n",
    "LEVEL_UNKNOWN": "---\nname: A\nnpsn: '20312345'\nlevel: Kuliah\ndistrict: Blora\n---\nx\n",
    "DISTRICT_UNKNOWN": "---\nname: A\nnpsn: '20312345'\nlevel: SD\ndistrict: Bandung\n---\n",
    "FIELD_TYPE": "---\nname: [A, B]\nnpsn: '20312345'\nlevel: SD\ndistrict: Blora\n---\n",
    "TEXT_TOO_LONG": "---\nname: " + "A" * 200 + "\nnpsn: '20312345'\nlevel: SD\n"
    "district: Blora\n---\n",
}


@pytest.mark.parametrize("code", sorted(SCHOOL_CASES))
def test_school_problems_keep_the_school_and_its_entries_off(
    tree: Tree, policy: Policy, code: str
) -> None:
    index = tree.school("sdn-1-blora", SCHOOL_CASES[code])
    entry = tree.entry("sdn-1-blora", "robot-bekas")
    result = load(tree, policy, None)
    assert ("content/sekolah/sdn-1-blora/index.md", code) in found(result)
    assert ("content/sekolah/sdn-1-blora/robot-bekas/index.md", "SCHOOL_INVALID") in found(result)
    assert result.catalogue.schools == () and result.catalogue.entries == ()
    assert index.exists() and entry.exists()


def test_districts_follow_the_policy_and_level_case_is_forgiven(tree: Tree, policy: Policy) -> None:
    from dataclasses import replace

    tree.school("sdn-1-blora", "---\nname: A\nnpsn: '20312345'\nlevel: sd\ndistrict: blora\n---\n")
    strict = replace(policy, districts=("Blora", "Cepu"))
    result = load(tree, strict, None)
    assert result.problems == ()
    assert result.catalogue.schools[0].level == "SD"
    assert result.catalogue.schools[0].district == "Blora"


def test_duplicate_npsn_flags_both_schools(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora", npsn="20312345")
    tree.school("sdn-2-blora", npsn="20312345")
    tree.school("sdn-3-blora", npsn="20399999")
    result = load(tree, policy, None)
    assert found(result) == {
        ("content/sekolah/sdn-1-blora/index.md", "NPSN_DUPLICATE"),
        ("content/sekolah/sdn-2-blora/index.md", "NPSN_DUPLICATE"),
    }
    assert [s.slug for s in result.catalogue.schools] == ["sdn-3-blora"]


def entry_text(**fields: str) -> str:
    base = {
        "title": "Batik Daun Jati",
        "date": "2026-08-14",
        "category": "kreativitas-siswa",
        "video": "video.mp4",
        "consent": "true",
    }
    base.update(fields)
    lines = [f"{k}: {v}" for k, v in base.items() if v != "<none>"]
    return "---\n" + "\n".join(lines) + "\n---\nPenjelasan singkat.\n"


ENTRY_CASES = {
    "FIELD_MISSING": entry_text(title="<none>"),
    "DATE_INVALID": entry_text(date="2026-13-45"),
    "CATEGORY_UNKNOWN": entry_text(category="olahraga"),
    "STATUS_UNKNOWN": entry_text(status="tayang"),
    "CONSENT_MISSING": entry_text(consent="tidak"),
    "FILE_MISSING": entry_text(video="tidak-ada.mp4"),
    "POSTER_TIME_INVALID": entry_text(poster_time="-3"),
    "FIELD_TYPE": entry_text(featured="mungkin"),
}


@pytest.mark.parametrize("code", sorted(ENTRY_CASES))
def test_entry_problems_keep_the_entry_off(tree: Tree, policy: Policy, code: str) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", ENTRY_CASES[code])
    result = load(tree, policy, None)
    assert ("content/sekolah/sdn-1-blora/batik/index.md", code) in found(result)
    assert result.catalogue.entries == ()


@pytest.mark.parametrize(
    ("field", "written", "read"),
    [
        ("date", "17/08/2024", dt.date(2024, 8, 17)),
        ("date", "17 Agustus 2024", dt.date(2024, 8, 17)),
        ("date", "'2024-08-17'", dt.date(2024, 8, 17)),
        ("category", "Kegiatan Sekolah", "kegiatan-sekolah"),
        ("category", "Kreativitas", "kreativitas-siswa"),
        ("consent", "ya", True),
        ("consent", "Sudah", True),
        ("consent", "'true'", True),
    ],
)
def test_values_ingest_accepts_are_accepted_by_check_too(
    tree: Tree, policy: Policy, field: str, written: str, read: object
) -> None:
    """One tolerant reading of dates, categories and consent for both routes (#12.18)."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", entry_text(**{field: written}))
    result = load(tree, policy, None)
    assert result.problems == ()
    (entry,) = result.catalogue.entries
    assert getattr(entry, field) == read


def test_warnings_do_not_keep_an_entry_off(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora")
    text = entry_text(date="2027-05-01", colour="merah", tags="[ok, '" + "x" * 60 + "']")
    tree.entry("sdn-1-blora", "batik", text.replace("Penjelasan singkat.\n", ""))
    result = load(tree, policy, None)
    assert {p.code for p in result.problems} == {
        "DATE_FUTURE",
        "FIELD_UNKNOWN",
        "TAG_INVALID",
        "BODY_EMPTY",
    }
    assert all(p.severity == "warning" for p in result.problems)
    assert [e.tags for e in result.catalogue.entries] == [("ok",)]


def test_status_defaults_to_the_policy(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", entry_text())
    result = load(tree, policy, None)
    assert result.catalogue.entries[0].status == "review"
    assert result.catalogue.published == ()


@pytest.mark.parametrize(
    "name", ["../../sdn-2-blora/rahasia.mp4", "/etc/passwd", "C:\\video.mp4", "sub/../../video.mp4"]
)
def test_paths_out_of_the_entry_folder_are_refused(tree: Tree, policy: Policy, name: str) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", entry_text(video=f"'{name}'"))
    result = load(tree, policy, None)
    assert {p.code for p in result.problems} == {"PATH_OUTSIDE"}


def test_symlinks_are_refused_even_to_a_real_video(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "batik", entry_text(video="link.mp4", captions="teks.vtt"))
    os.symlink(tree.clips["ok"], index.parent / "link.mp4")
    os.symlink("/etc/hostname", index.parent / "teks.vtt")
    result = load(tree, policy, None)
    assert [(p.code, dict(p.params)["field"]) for p in result.problems] == [
        ("PATH_OUTSIDE", "video"),
        ("PATH_OUTSIDE", "captions"),
    ]


def test_captions_must_be_webvtt(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "batik", entry_text(captions="teks.vtt"))
    (index.parent / "teks.vtt").write_text("1\n00:00:01,000 --> 00:00:02,000\nHalo\n")
    result = load(tree, policy, None)
    assert {p.code for p in result.problems} == {"CAPTIONS_INVALID"}


def test_bad_folder_names_and_missing_school_profile(tree: Tree, policy: Policy) -> None:
    tree.school("SD Negeri 1")
    (tree.content / "sekolah" / "tanpa-profil" / "batik").mkdir(parents=True)
    (tree.content / "sekolah" / "tanpa-profil" / "batik" / "index.md").write_text(entry_text())
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "Batik Jati", entry_text())
    result = load(tree, policy, None)
    assert found(result) >= {
        ("content/sekolah/SD Negeri 1", "SLUG_INVALID"),
        ("content/sekolah/tanpa-profil", "SCHOOL_MISSING"),
        ("content/sekolah/sdn-1-blora/Batik Jati", "SLUG_INVALID"),
    }
    slug_problem = next(p for p in result.problems if p.path.endswith("Batik Jati"))
    assert "batik-jati" in slug_problem.fix()


VIDEO_CASES = {
    "long": "VIDEO_TOO_LONG",
    "short": "VIDEO_TOO_SHORT",
    "two_hours": "VIDEO_TOO_LONG",
    "audio_only": "VIDEO_NO_PICTURE",
    "truncated": "VIDEO_TRUNCATED",  # moov lost with the tail: a stalled upload
    "empty": "VIDEO_EMPTY",
    "text": "VIDEO_UNREADABLE",
    "random": "VIDEO_UNREADABLE",
}


@pytest.mark.parametrize("clip", sorted(VIDEO_CASES))
def test_bad_videos_are_named_with_the_right_code(
    tree: Tree, policy: Policy, tools: Tools, clip: str
) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", clip=clip)
    rules = replace(policy, duration_min=default_policy().duration_min)  # 30-60 s
    result = load(tree, rules, tools)
    assert found(result) == {("content/sekolah/sdn-1-blora/batik/video.mp4", VIDEO_CASES[clip])}
    assert result.catalogue.entries == ()


GOOD_CLIPS = {
    "ok": "video.mp4",
    "edge": "video.mp4",
    "silent": "video.mp4",
    "black_start": "video.mp4",
    "rotated": "Klip HP Guru.mov",
    "hevc": "iphone.mov",
    "h263": "android lama.3gp",
    "vp9": "klip.webm",
    "uhd": "kegiatan-ñ-é.mp4",
}


@pytest.mark.parametrize("clip", sorted(GOOD_CLIPS))
def test_good_clips_of_every_kind_are_clean(
    tree: Tree, policy: Policy, tools: Tools, clip: str
) -> None:
    tree.school("sdn-1-blora")
    name = GOOD_CLIPS[clip]
    tree.entry("sdn-1-blora", "klip", entry_text(video=f'"{name}"'), clip=clip, video=name)
    result = load(tree, policy, tools)
    assert result.problems == ()
    assert result.catalogue.entries[0].video.name == name


def test_rotation_is_read_from_the_display_matrix(tree: Tree, policy: Policy, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "klip", entry_text(video="v.mov"), clip="rotated", video="v.mov")
    info = load(tree, policy, tools).catalogue.entries[0].video_info
    assert info is not None and info.rotation in (90, 270)
    assert info.display_size == (120, 160)


def test_poster_time_past_the_end_is_a_problem(tree: Tree, policy: Policy, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", entry_text(poster_time="50"))
    result = load(tree, policy, tools)
    assert {p.code for p in result.problems} == {"POSTER_TIME_INVALID"}


def test_several_videos_in_one_folder_warn(tree: Tree, policy: Policy, tools: Tools) -> None:
    tree.school("sdn-1-blora")
    index = tree.entry("sdn-1-blora", "batik")
    (index.parent / "cadangan.mov").write_bytes(b"x")
    result = load(tree, policy, tools)
    assert {(p.code, p.severity) for p in result.problems} == {("VIDEO_EXTRA", "warning")}
    assert len(result.catalogue.entries) == 1


def test_too_big_is_refused_before_probing(tree: Tree, policy: Policy, tools: Tools) -> None:
    from dataclasses import replace

    from etalase import process

    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik")
    tiny = replace(policy, max_file_mb=1000 / 2**20)
    before = process.stats.started
    result = load(tree, tiny, tools)
    assert {p.code for p in result.problems} == {"VIDEO_TOO_BIG"}
    assert process.stats.started == before


def test_an_entry_folder_with_a_video_but_no_text_is_reported(tree: Tree, policy: Policy) -> None:
    """#12.15: the school forgot index.md; the folder must not vanish without a word."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "baik")
    folder = tree.content / "sekolah" / "sdn-1-blora" / "lupa-teks"
    folder.mkdir()
    (folder / "Lomba.MP4").write_bytes(b"x")
    (tree.content / "sekolah" / "sdn-1-blora" / "foto").mkdir()  # no video: not an entry
    result = load(tree, policy, None)
    (item,) = result.problems
    assert (item.path, item.code, item.severity) == (
        "content/sekolah/sdn-1-blora/lupa-teks",
        "ENTRY_TEXT_MISSING",
        "error",
    )
    assert "Lomba.MP4" in item.message() and "index.md" in item.message()
    assert [e.slug for e in result.catalogue.entries] == ["baik"]


def test_a_text_problem_does_not_hide_a_video_problem(
    tree: Tree, policy: Policy, tools: Tools
) -> None:
    """#12.16: an entry refused for its front matter still has its video probed."""
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", entry_text(consent="tidak"), clip="long")
    result = load(tree, policy, tools)
    assert found(result) == {
        ("content/sekolah/sdn-1-blora/batik/index.md", "CONSENT_MISSING"),
        ("content/sekolah/sdn-1-blora/batik/video.mp4", "VIDEO_TOO_LONG"),
    }


def test_a_missing_file_names_the_one_that_differs_only_in_case(tree: Tree, policy: Policy) -> None:
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "batik", entry_text(), video="Video.MP4")
    (item,) = load(tree, policy, None).problems
    assert item.code == "FILE_NAME_CASE"
    assert item.message() == (
        "Berkas 'video.mp4' pada isian 'video' tidak ditemukan; di folder ini "
        "ada 'Video.MP4' (huruf besar/kecil berbeda)."
    )

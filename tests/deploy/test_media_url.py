"""`media_url`: renditions and posters apart from the pages, under content-addressed names.

Real builds of a small project; the same project without ``media_url`` must give the
pages it always gave.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from etalase.cli import main
from etalase.site.size import FolderSize, host_warnings

ENTRY = (
    '---\ntitle: "{title}"\ndate: 2026-08-14\ncategory: kreativitas-siswa\n'
    "video: video.mp4\ncaptions: video.vtt\ntags: [robotik]\nconsent: true\n"
    "status: published\n---\nMurid merakit robot.\n"
)
YML = """\
site_name: Etalase Uji
site_url: {site_url}
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - etalase:
      districts: [Blora]
      duration_min: 1
{extra}"""
MEDIA = "https://media.example.id/etalase/"


def project(
    root: Path,
    clips: dict[str, Path],
    extra: str = "",
    site_url: str = "https://etalase.example.id/",
) -> Path:
    school = root / "content" / "sekolah" / "sdn-1"
    school.mkdir(parents=True)
    (root / "content" / "index.md").write_text("---\ntitle: Beranda\n---\n# Uji\n")
    (school / "index.md").write_text(
        '---\nname: SD Satu\nnpsn: "20312345"\nlevel: SD\ndistrict: Blora\n---\nSekolah.\n'
    )
    for slug, clip in (("robot", "ok"), ("tari", "edge")):
        folder = school / slug
        folder.mkdir()
        shutil.copyfile(clips[clip], folder / "video.mp4")
        (folder / "video.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:02.000\nHalo\n")
        (folder / "index.md").write_text(ENTRY.format(title=slug.title()))
    (root / "mkdocs.yml").write_text(YML.format(site_url=site_url, extra=extra))
    return root


def build(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    previous = Path.cwd()
    os.chdir(root)
    try:
        capsys.readouterr()
        assert main(["build"]) == 0
        return capsys.readouterr().out
    finally:
        os.chdir(previous)


def test_media_url_moves_media_out_of_the_site_and_every_reference_points_there(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, clips, f"      media_url: {MEDIA}\n")
    out = build(root, capsys)
    site, media = root / "site", root / "site-media"
    assert not [p for p in site.rglob("*") if p.suffix in (".mp4", ".webp", ".jpg")]
    names = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    assert names and all(re.fullmatch(r"m/([0-9a-f]{2})/\1[0-9a-f]{62}-[\w.-]+", n) for n in names)
    page = (site / "sekolah" / "sdn-1" / "robot" / "index.html").read_text()
    video = re.search(r"<video\b[^>]*>", page, re.S)
    assert video
    srcs = re.findall(r'(?:src|data-src-web|data-src-hemat|poster)="([^"]+)"', video.group(0))
    assert len(srcs) == 4 and all(s.startswith(MEDIA + "m/") for s in srcs)
    assert all(s.removeprefix(MEDIA) in names for s in srcs)
    assert '<track kind="captions" src="video.vtt"' in page, "captions stay on the page host"
    assert (site / "sekolah" / "sdn-1" / "robot" / "video.vtt").is_file()
    og = re.search(r'property="og:image" content="([^"]+)"', page)
    assert og and og.group(1).startswith(MEDIA + "m/")
    home = (site / "index.html").read_text()
    cards = re.findall(r'srcset="([^"]+)"', home)
    assert cards and all(u.split()[0].startswith(MEDIA + "m/") for c in cards for u in c.split(","))
    feed = (site / "feed.xml").read_text()
    assert re.findall(r'rel="enclosure" type="image/jpeg" href="([^"]+)"', feed)[0].startswith(
        MEDIA
    )
    assert "Media terpisah di site-media" in out
    # An entry removed: its media leave the media folder once the new site is in place.
    shutil.rmtree(root / "content" / "sekolah" / "sdn-1" / "tari")
    build(root, capsys)
    left = sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file())
    assert set(left) < set(names) and all(s.removeprefix(MEDIA) in left for s in srcs)


def test_without_media_url_media_stay_beside_their_pages(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, clips)
    out = build(root, capsys)
    entry = root / "site" / "sekolah" / "sdn-1" / "robot"
    assert (entry / "video-web.mp4").is_file() and (entry / "video-hemat.mp4").is_file()
    assert 'src="video-web.mp4"' in (entry / "index.html").read_text()
    assert not (root / "site-media").exists()
    assert re.search(
        r"^Ukuran situs: halaman [\d,]+ [KM]B, media [\d,]+ MB, \d+ berkas; berkas "
        r"terbesar \S+ \([\d,]+ [KM]B\)\.$",
        out,
        re.M,
    ), out
    assert "PERINGATAN" not in out


def test_a_build_with_site_url_on_this_computer_warns_about_link_previews(
    tmp_path: Path, clips: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, clips, site_url="http://127.0.0.1:8000/")
    out = build(root, capsys)
    assert "PERINGATAN: site_url di mkdocs.yml masih http://127.0.0.1:8000/" in out
    assert "WhatsApp" in out


def test_host_limits_warn_before_the_host_refuses_and_point_to_media_url() -> None:
    small = FolderSize(files=1_000, bytes=300_000_000, largest="a.mp4", largest_bytes=5_000_000)
    assert host_warnings(small, "github-pages", "id") == []
    assert host_warnings(small, "cloudflare-pages", "id") == []
    big = FolderSize(
        files=17_000, bytes=900 * 1024**2, largest="x/video-web.mp4", largest_bytes=30 * 1024**2
    )
    github = host_warnings(big, "github-pages", "id")
    assert len(github) == 1 and "GitHub Pages menolak situs lebih dari 1 GB" in github[0]
    assert "media_url" in github[0]
    cloudflare = host_warnings(big, "cloudflare-pages", "en")
    assert len(cloudflare) == 2
    assert "takes at most 20,000 files; this site has 17,000" in cloudflare[0]
    assert "x/video-web.mp4" in cloudflare[1] and "media_url" in cloudflare[1]
    assert host_warnings(big, None, "id") == []

"""No GPS/location, device or creation tags reach a visitor, whichever path a clip takes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from mediakit import FFMPEG, PRIVATE_TAGS, all_tags, ffprobe, media_policy

from etalase.content.loader import LoadResult, load_catalogue
from etalase.media.cache import MediaCache
from etalase.media.offline import make_offline
from etalase.media.pipeline import MediaResult, run_media
from etalase.media.probe import bare_prober
from etalase.media.tools import Tools
from etalase.project import Project
from scenarios import Tree, rendition_named

LOCATION = "+07.0000-111.4000/"
SECRETS = (b"111.4000", b"Apple", b"iPhone", b"Exif", b"GPS", b"2026-08-01")


def tagged_clip(path: Path) -> Path:
    """A 31 s phone-like clip carrying location, make/model and creation tags."""
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=160x120:r=10:d=31",
            "-f",
            "lavfi",
            "-i",
            "sine=d=31",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-shortest",
            "-metadata",
            f"location={LOCATION}",
            "-metadata",
            f"com.apple.quicktime.location.ISO6709={LOCATION}",
            "-metadata",
            "com.apple.quicktime.make=Apple",
            "-metadata",
            "com.apple.quicktime.model=iPhone 12",
            "-metadata",
            "make=Apple",
            "-metadata",
            "model=iPhone 12",
            "-metadata",
            "creation_time=2026-08-01T10:00:00Z",
            "-metadata:s:v:0",
            "creation_time=2026-08-01T10:00:00Z",
            "-movflags",
            "use_metadata_tags",
            str(path),
        ],
        check=True,
    )
    return path


@pytest.fixture(scope="module")
def catalogue(
    tmp_path_factory: pytest.TempPathFactory, clips: dict[str, Path], tools: Tools
) -> tuple[Path, LoadResult, dict[str, Path]]:
    root = tmp_path_factory.mktemp("privacy")
    sources = {"mov": tagged_clip(root / "tagged.mov"), "mp4": tagged_clip(root / "tagged.mp4")}
    tree = Tree(root, {**clips, **sources})
    tree.school("sdn-1-blora")
    tree.entry("sdn-1-blora", "iphone-mov", clip="mov", video="video.mov")
    tree.entry("sdn-1-blora", "iphone-mp4", clip="mp4", video="video.mp4")
    loaded = load_catalogue(tree.content, media_policy(), root=root, prober=bare_prober(tools, 10))
    assert loaded.problems == ()
    return root, loaded, sources


@pytest.fixture(scope="module")
def made(
    catalogue: tuple[Path, LoadResult, dict[str, Path]], tools: Tools
) -> tuple[MediaResult, dict[str, Path]]:
    root, loaded, sources = catalogue
    policy = media_policy()
    cache_dir = root / "cache"
    MediaCache._open.clear()
    result = run_media(loaded.catalogue, policy, tools, cache_dir=cache_dir, root=root)
    assert result.problems == ()
    return result, sources


def test_the_fixture_really_carries_the_tags(made: tuple[MediaResult, dict[str, Path]]) -> None:
    _result, sources = made
    for source in sources.values():
        tags = all_tags(ffprobe(source))
        assert tags["location"] == LOCATION
        assert tags["com.apple.quicktime.make"] == "Apple"
        assert "creation_time" in tags


def test_renditions_carry_no_location_device_or_creation_tags(
    made: tuple[MediaResult, dict[str, Path]],
) -> None:
    result, _sources = made
    renditions = [r for m in result.media.values() for r in m.renditions]
    assert len(renditions) == 4
    for rendition in renditions:
        tags = all_tags(ffprobe(rendition.path))
        assert not set(tags) & set(PRIVATE_TAGS), (rendition.path.name, tags)
        data = rendition.path.read_bytes()
        assert not [s for s in SECRETS if s in data], rendition.path.name


@pytest.mark.parametrize("kind", ["mp4", "mov"])
def test_the_remuxed_mp4_and_mov_are_clean_too(
    made: tuple[MediaResult, dict[str, Path]], kind: str
) -> None:
    result, sources = made
    web = rendition_named(result.media[f"sdn-1-blora/iphone-{kind}"], "web")
    assert web is not None
    # A stream copy: same size give or take the dropped tags (the remux path was taken).
    assert abs(web.bytes - sources[kind].stat().st_size) < 4096
    assert "mp4" in ffprobe(web.path)["format"]["format_name"]
    assert not [s for s in SECRETS if s in web.path.read_bytes()]


def test_posters_carry_no_exif_or_tags(made: tuple[MediaResult, dict[str, Path]]) -> None:
    result, _sources = made
    posters = [f for m in result.media.values() for p in m.posters for f in (p.webp, p.jpeg)]
    assert posters
    for image in posters:
        data = image.read_bytes()
        assert not [s for s in SECRETS if s in data], image.name
        assert data[:3] == b"\xff\xd8\xff" if image.suffix == ".jpg" else data[8:12] == b"WEBP"


def test_posters_read_by_an_exif_reader_have_no_exif_xmp_or_gps(
    made: tuple[MediaResult, dict[str, Path]],
) -> None:
    from PIL import Image

    result, _sources = made
    for media in result.media.values():
        for poster in media.posters:
            for path in (poster.webp, poster.jpeg):
                with Image.open(path) as image:
                    assert image.format in ("WEBP", "JPEG")
                    assert dict(image.getexif()) == {}, path.name
                    assert not {"exif", "xmp", "icc_profile"} & set(image.info), path.name
                    assert image.size == (poster.width, poster.height)


def test_the_offline_webm_carries_no_location_device_or_creation_tags(
    catalogue: tuple[Path, LoadResult, dict[str, Path]],
) -> None:
    root, loaded, _sources = catalogue
    MediaCache._open.clear()
    project = Project.create(root, media_policy())
    result = make_offline(project, loaded.catalogue.entries, root=root)
    assert result.problems == () and len(result.renditions) == 2
    for webm in result.renditions.values():
        tags = all_tags(ffprobe(webm.path))
        assert not set(tags) & set(PRIVATE_TAGS), (webm.path.name, tags)
        data = webm.path.read_bytes()
        assert not [s for s in SECRETS if s in data], webm.path.name

"""The compiled ffmpeg/ffprobe argument lists: guards always present, one decode per clip."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from etalase.media.commands import (
    INPUT_FORMATS,
    LookOutput,
    PictureOutput,
    PosterOutputs,
    VideoOutput,
    clip_command,
    picture_command,
    probe_command,
)

SRC = Path("/sekolah/-y clip.mp4")
SAFE = ["-format_whitelist", INPUT_FORMATS, "-protocol_whitelist", "file"]
GLOBALS = ["ffmpeg", "-nostdin", "-hide_banner", "-v", "error", "-y"]
CLEAN = [
    "-map_chapters",
    "-1",
    "-map_metadata",
    "-1",
    "-map_metadata:s:a",
    "-1",
    "-map_metadata:s:v",
    "-1",
]
WEB = VideoOutput(Path("/c/web.mp4"), 1280, 720, video_kbps=520, audio_kbps=96)
HEMAT = VideoOutput(
    Path("/c/hemat.mp4"),
    640,
    360,
    video_kbps=128,
    audio_kbps=40,
    crf=28,
    profile="main",
    channels=1,
    max_fps=25,
)
POSTERS = PosterOutputs(10.0, ((320, 180),), ((Path("/c/320.webp"), Path("/c/320.jpg")),))


def x264(
    kbps: int, audio: int, channels: int, crf: int, fps: int, profile: str, threads: int
) -> list[str]:
    return [
        "-f",
        "mp4",
        "-ac",
        str(channels),
        "-b:a",
        f"{audio}k",
        "-bufsize",
        f"{2 * kbps}k",
        "-c:a",
        "aac",
        "-c:v",
        "libx264",
        "-crf",
        str(crf),
        "-dn",
        "-fpsmax",
        str(fps),
        *CLEAN,
        "-maxrate",
        f"{kbps}k",
        "-movflags",
        "+faststart",
        "-pix_fmt",
        "yuv420p",
        "-preset",
        "veryfast",
        "-profile:v",
        profile,
        "-sn",
        "-threads",
        str(threads),
    ]


def test_ffprobe_reads_json_of_a_guarded_file_input() -> None:
    assert probe_command("ffprobe", SRC) == [
        "ffprobe",
        "-show_format",
        "-show_streams",
        "-of",
        "json",
        "-format_whitelist",
        INPUT_FORMATS,
        "-hide_banner",
        "-protocol_whitelist",
        "file",
        "-v",
        "error",
        "file:/sekolah/-y clip.mp4",
    ]


def test_one_pass_decodes_once_and_splits_into_renditions_poster_and_looks() -> None:
    args = clip_command(
        "ffmpeg",
        SRC,
        videos=[WEB, HEMAT],
        posters=POSTERS,
        looks=[LookOutput(10.0, "/c/a.gray"), LookOutput(5.0, "/c/b.gray")],
        threads=1,
    )
    graph = (
        "[0:V:0]split=4[s0][s1][s2][s3];"
        "[s0]scale=1280:720:flags=bicubic[s4];[s4]setsar=1[s5];"
        "[s1]scale=640:360:flags=bicubic[s6];[s6]setsar=1[s7];"
        "[s2]trim=start=5.000[s8];[s8]trim=end_frame=1[s9];"
        "[s9]scale=32:18:flags=area[s10];[s10]format=gray[s11];"
        "[s3]trim=start=10.000[s12];[s12]trim=end_frame=1[s13];[s13]split=3[s14][s15][s16];"
        "[s14]scale=320:180:flags=lanczos[s17];[s17]setsar=1[s18];"
        "[s15]scale=320:180:flags=lanczos[s19];[s19]setsar=1[s20];"
        "[s16]scale=32:18:flags=area[s21];[s21]format=gray[s22]"
    )
    assert args == [
        *GLOBALS,
        *SAFE,
        "-threads",
        "1",
        "-i",
        "file:/sekolah/-y clip.mp4",
        "-filter_complex",
        graph,
        "-map",
        "[s5]",
        "-map",
        "0:a:0?",
        *x264(520, 96, 2, 23, 30, "high", 1),
        "/c/web.mp4",
        "-map",
        "[s7]",
        "-map",
        "0:a:0?",
        *x264(128, 40, 1, 28, 25, "main", 1),
        "/c/hemat.mp4",
        "-map",
        "[s11]",
        "-f",
        "rawvideo",
        "-frames:v",
        "1",
        *CLEAN,
        "/c/b.gray",
        "-map",
        "[s18]",
        "-f",
        "webp",
        "-c:v",
        "libwebp",
        "-frames:v",
        "1",
        *CLEAN,
        "-quality",
        "72",
        "/c/320.webp",
        "-map",
        "[s20]",
        "-f",
        "mjpeg",
        "-c:v",
        "mjpeg",
        "-frames:v",
        "1",
        *CLEAN,
        "-q:v",
        "5",
        "/c/320.jpg",
        "-map",
        "[s22]",
        "-f",
        "rawvideo",
        "-frames:v",
        "1",
        *CLEAN,
        "/c/a.gray",
    ]
    assert args.count("-i") == 1


def test_a_remux_copies_packets_and_posters_then_seek_instead_of_decoding() -> None:
    copy = VideoOutput(Path("/c/web.mp4"), 160, 120, copy=True)
    args = clip_command("ffmpeg", SRC, videos=[copy], posters=POSTERS)
    assert args == [
        *GLOBALS,
        *SAFE,
        "-i",
        "file:/sekolah/-y clip.mp4",
        *SAFE,
        "-ss",
        "10.000",
        "-i",
        "file:/sekolah/-y clip.mp4",
        "-filter_complex",
        "[1:V:0]trim=end_frame=1[s0];[s0]split=2[s1][s2];"
        "[s1]scale=320:180:flags=lanczos[s3];[s3]setsar=1[s4];"
        "[s2]scale=320:180:flags=lanczos[s5];[s5]setsar=1[s6]",
        "-map",
        "0:V:0",
        "-map",
        "0:a:0?",
        "-f",
        "mp4",
        "-c",
        "copy",
        *CLEAN,
        "-movflags",
        "+faststart",
        "/c/web.mp4",
        "-map",
        "[s4]",
        "-f",
        "webp",
        "-c:v",
        "libwebp",
        "-frames:v",
        "1",
        *CLEAN,
        "-quality",
        "72",
        "/c/320.webp",
        "-map",
        "[s6]",
        "-f",
        "mjpeg",
        "-c:v",
        "mjpeg",
        "-frames:v",
        "1",
        *CLEAN,
        "-q:v",
        "5",
        "/c/320.jpg",
    ]


def test_hdr_is_tone_mapped_on_every_branch() -> None:
    args = clip_command("ffmpeg", SRC, videos=[WEB], posters=POSTERS, color_transfer="arib-std-b67")
    graph = args[args.index("-filter_complex") + 1]
    assert graph.count("tonemap=desat=0:tonemap=hable") == 2  # the rendition, the poster frame
    assert "[s0]scale=1280:720:flags=bicubic[s2];[s2]zscale=npl=100:t=linear" in graph


@pytest.mark.parametrize(
    "kwargs",
    [
        {"videos": [WEB]},
        {"videos": [VideoOutput(Path("/c/w.mp4"), 2, 2, copy=True)]},
        {"posters": POSTERS},
        {"looks": [LookOutput(1.0, "pipe:1")]},
    ],
)
def test_every_command_has_the_guards(kwargs: dict[str, object]) -> None:
    args = clip_command("ffmpeg", SRC, **kwargs)  # type: ignore[arg-type]
    assert args[:6] == GLOBALS
    inputs = [i for i, a in enumerate(args) if a == "-i"]
    assert inputs and all(args[i + 1] == "file:/sekolah/-y clip.mp4" for i in inputs)
    assert all(args[i - 4 : i - 4 + 4] == SAFE or args[i - 6 : i - 2] == SAFE for i in inputs)
    outputs = [i for i, a in enumerate(args) if a.startswith("/c/") or a == "pipe:1"]
    assert args.count("-map_metadata") == args.count("-map_metadata:s:v") == len(outputs)
    assert args.count("-map_metadata:s:a") == args.count("-map_chapters") == len(outputs)


def test_nothing_to_write_is_refused() -> None:
    with pytest.raises(ValueError):
        clip_command("ffmpeg", SRC)


def test_only_the_commands_module_imports_ffmpeg() -> None:
    package = Path(__file__).parents[2] / "src" / "etalase"
    importers = []
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "ffmpeg" or n.startswith("ffmpeg.") for n in names):
                importers.append(path.relative_to(package).as_posix())
    assert importers == ["media/commands.py"]


def test_a_picture_is_read_as_a_picture_only_and_every_copy_loses_its_metadata() -> None:
    photo = Path("/sekolah/-i foto.jpg")
    outputs = [PictureOutput(Path("/c/full.jpg")), PictureOutput(Path("/c/kecil.jpg"), 360, 270)]
    args = picture_command("ffmpeg", photo, outputs, max_side=1600)
    assert args[:6] == GLOBALS
    assert args.count("-i") == 1 and args[args.index("-i") + 1] == "file:/sekolah/-i foto.jpg"
    guard = args[args.index("-format_whitelist") + 1]
    assert guard == "image2,jpeg_pipe,png_pipe,webp_pipe"  # never a playlist or a video
    assert args.count("-map_metadata") == args.count("-map_chapters") == 2
    graph = args[args.index("-filter_complex") + 1]
    assert "split=2" in graph and "w=min(iw\\,1600)" in graph and "scale=360:270" in graph
    assert (
        args[args.index("/c/full.jpg") - 1] == "4" and args[args.index("/c/kecil.jpg") - 1] == "6"
    )
    with pytest.raises(ValueError):
        picture_command("ffmpeg", photo, [], max_side=1600)

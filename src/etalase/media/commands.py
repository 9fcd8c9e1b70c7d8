"""Every ffmpeg and ffprobe command line, built with ffmpeg-python and never run by it.

This is the only module that imports ``ffmpeg`` (ffmpeg-python;
:func:`etalase.media.tools.ffmpeg_python` checks that the module of that name
really is it). Commands are built as a
filter graph (``ffmpeg.input``, ``.filter``, ``.filter_multi_output("split")``,
``ffmpeg.output``) and compiled to an argument list that
:func:`etalase.process.run` runs, bounded in time; ffmpeg-python's own
``run()`` and ``probe()`` leave processes behind on a timeout and are not used.

The guards are part of the builders, so no call can forget them: every input
is read behind ``file:`` with the protocol and demuxer whitelists, every
ffmpeg call gets ``-nostdin -v error -y``, and every output drops the file's,
the streams' and the chapters' metadata (GPS, device, creation time).

:func:`clip_command` is the one-pass command: the clip is decoded once and
``split`` into the web rendition, the data-saver rendition, the poster frame
(itself split into every width, WebP and JPEG) and the tiny grey frames that
say whether a candidate moment is black or flat. A rendition that is a stream
copy reads packets without decoding. The offline edition's VP9/Opus WebM
(:class:`WebmOutput`) is written by the same builder, on demand only. When no rendition needs decoding, the
frames come from inputs opened at their moment (``-ss``), so a poster alone
never decodes the whole clip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from .picture import sdr_chain
from .tools import ffmpeg_python

# Demuxers a school's upload may be read with. Anything else (playlists, concat
# lists, image sequences, network protocols) is refused before it is opened.
INPUT_FORMATS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv,asf,mpeg"
SAFE_INPUT: dict[str, object] = {"protocol_whitelist": "file", "format_whitelist": INPUT_FORMATS}
#: A school's picture is read with image demuxers only: never as a playlist or a video.
IMAGE_FORMATS = "image2,jpeg_pipe,png_pipe,webp_pipe"
SAFE_IMAGE_INPUT: dict[str, object] = {
    "protocol_whitelist": "file",
    "format_whitelist": IMAGE_FORMATS,
}
#: How a picture is written again, by its file suffix: it keeps its format.
PICTURE_CODECS: dict[str, dict[str, object]] = {
    ".jpg": {"c:v": "mjpeg", "q:v": 4, "f": "mjpeg"},
    ".jpeg": {"c:v": "mjpeg", "q:v": 4, "f": "mjpeg"},
    ".png": {"c:v": "png", "f": "image2", "update": 1},
    ".webp": {"c:v": "libwebp", "quality": 80, "f": "webp"},
}
#: The narrower copies a phone takes are encoded a little lighter: on a small, dense
#: screen the difference is not seen, and a page with a photo stays within its budget.
COPY_CODECS: dict[str, dict[str, object]] = {
    **PICTURE_CODECS,
    ".jpg": {"c:v": "mjpeg", "q:v": 6, "f": "mjpeg"},
    ".jpeg": {"c:v": "mjpeg", "q:v": 6, "f": "mjpeg"},
    ".webp": {"c:v": "libwebp", "quality": 70, "f": "webp"},
}
#: Options of every ffmpeg call: no stdin, errors only, outputs are our own temp files.
FFMPEG_GLOBALS = ("-nostdin", "-hide_banner", "-v", "error", "-y")
#: Options of every output: no metadata of the file, of its streams or chapters.
NO_METADATA: dict[str, object] = {
    "map_metadata": -1,
    "map_metadata:s:v": -1,
    "map_metadata:s:a": -1,
    "map_chapters": -1,
}
#: Tiny grey frame a candidate moment is judged by (see :mod:`etalase.media.poster`).
LOOK_W, LOOK_H = 32, 18
#: Poster encodes, best first: (libwebp quality 0..100, mjpeg -q:v 2..31, blur
#: sigma). A poster over its byte budget (a noisy frame: leaves, gravel, a
#: crowd) is encoded again one step down until it fits (see
#: :func:`etalase.media.poster.fit_posters`); fine grain no quality setting can
#: squeeze is softened by the last steps' blur.
POSTER_LADDER: tuple[tuple[int, int, float], ...] = (
    (72, 5, 0.0),
    (58, 7, 0.0),
    (45, 10, 0.0),
    (34, 14, 1.0),
    (30, 16, 2.0),
    (24, 20, 3.0),
)
PIPE = "pipe:1"


@dataclass(frozen=True, slots=True)
class VideoOutput:
    """One rendition file: a stream copy, or an H.264/AAC encode at a size."""

    target: Path
    width: int
    height: int
    copy: bool = False
    video_kbps: int = 0
    audio_kbps: int = 0
    crf: int = 23
    preset: str = "veryfast"
    profile: str = "high"
    channels: int = 2
    max_fps: int = 30


@dataclass(frozen=True, slots=True)
class WebmOutput:
    """The offline rendition: VP9/Opus WebM, constant bitrate, cues at the front.

    ``speed`` is libvpx's ``-cpu-used`` in its ``realtime`` deadline: the
    ``good`` deadline costs about three times the CPU for a barely better
    picture (measured in ``scripts/bench_offline.py``).
    """

    copy: ClassVar[bool] = False  # always an encode

    target: Path
    width: int
    height: int
    video_kbps: int
    audio_kbps: int
    channels: int
    max_fps: int
    keyframe_seconds: int
    speed: int


@dataclass(frozen=True, slots=True)
class PosterOutputs:
    """The poster images of one moment: (width, height) and (webp, jpeg) per size.

    ``step`` indexes :data:`POSTER_LADDER` (0: the best quality).
    """

    at: float
    sizes: tuple[tuple[int, int], ...]
    targets: tuple[tuple[Path, Path], ...]
    step: int = 0


@dataclass(frozen=True, slots=True)
class LookOutput:
    """The frame at ``at`` as LOOK_W x LOOK_H grey bytes, to a file or :data:`PIPE`."""

    at: float
    target: str


def import_ffmpeg_python() -> Any:
    """The ``ffmpeg`` module, unchecked; use :func:`etalase.media.tools.ffmpeg_python`."""
    import ffmpeg

    return ffmpeg


def probe_command(ffprobe: str, source: Path, *, image: bool = False) -> list[str]:
    """ffprobe's JSON facts of ``source``, as ffmpeg-python's ``probe()`` builds them.

    ffmpeg-python has no graph for ffprobe; its ``probe()`` joins
    ``-show_format -show_streams -of json``, the keyword options and the file
    name. The same is done here with its option writer, without running it.
    ``image`` reads ``source`` with the picture demuxers instead of the clip ones.
    """
    guard = SAFE_IMAGE_INPUT if image else SAFE_INPUT
    options = ffmpeg_python()._utils.convert_kwargs_to_cmd_line_args(
        {"v": "error", "hide_banner": None, **guard}
    )
    return [ffprobe, "-show_format", "-show_streams", "-of", "json", *options, _file(source)]


def _asked(ffmpeg: str, question: str) -> list[str]:
    """ffmpeg asked about itself (``-version``, ``-filters``), without its banner."""
    args = {"hide_banner": None, question: None}
    return [ffmpeg, *ffmpeg_python()._utils.convert_kwargs_to_cmd_line_args(args)]


def version_command(ffmpeg: str) -> list[str]:
    """ffmpeg's version banner (its first line is part of every cache key)."""
    return _asked(ffmpeg, "version")


def clip_command(
    ffmpeg: str,
    source: Path,
    *,
    videos: Sequence[VideoOutput | WebmOutput] = (),
    posters: PosterOutputs | None = None,
    looks: Sequence[LookOutput] = (),
    color_transfer: str | None = None,
    threads: int = 0,
) -> list[str]:
    """One ffmpeg call that writes any mix of renditions, posters and looks of ``source``.

    Args:
        ffmpeg: The executable.
        source: The school's clip (only read).
        videos: Rendition files to write.
        posters: Poster images to write, all of one moment.
        looks: Moments to measure (grey frames), files or stdout.
        color_transfer: The clip's, so that HDR is tone-mapped to SDR.
        threads: Decoder and encoder threads (0: ffmpeg decides).

    Returns:
        The argument list, ``ffmpeg`` first.
    """
    fp = ffmpeg_python()
    decodes = [v for v in videos if not v.copy]
    moments = sorted({*([posters.at] if posters else []), *(look.at for look in looks)})
    main = None
    if videos:
        main = fp.input(_file(source), **SAFE_INPUT, **({"threads": threads} if threads else {}))
    frames: dict[float, Any] = {}
    branches: list[Any] = []
    if decodes:
        assert main is not None
        split = main["V:0"].filter_multi_output("split")
        branches = [split[i] for i in range(len(decodes))]
        for i, at in enumerate(moments, start=len(decodes)):
            frames[at] = split[i].filter("trim", start=_secs(at)).filter("trim", end_frame=1)
    else:  # no decode anyway: open the clip at each moment instead
        for at in moments:
            seeked = fp.input(_file(source), ss=_secs(at), **SAFE_INPUT)
            frames[at] = seeked["V:0"].filter("trim", end_frame=1)
    outputs = []
    encoded = iter(branches)
    for video in videos:
        assert main is not None
        if video.copy:
            outputs.append(
                _output(
                    fp,
                    main["V:0"],
                    main["a:0?"],
                    video.target,
                    c="copy",
                    movflags="+faststart",
                    f="mp4",
                )
            )
            continue
        picture = next(encoded).filter("scale", video.width, video.height, flags="bicubic")
        picture = _sdr(picture, color_transfer).filter("setsar", 1)
        codec = _vp9(video, threads) if isinstance(video, WebmOutput) else _x264(video, threads)
        outputs.append(_output(fp, picture, main["a:0?"], video.target, **codec))
    for at in moments:
        users = (2 * len(posters.sizes) if posters and posters.at == at else 0) + sum(
            look.at == at for look in looks
        )
        frame = _sdr(frames[at], color_transfer)
        copies = iter([frame] if users == 1 else list(_fan_out(frame, users)))
        if posters and posters.at == at:
            webp_quality, jpeg_qscale, blur = POSTER_LADDER[posters.step]
            codecs = (
                {"c:v": "libwebp", "quality": webp_quality, "f": "webp"},
                {"c:v": "mjpeg", "q:v": jpeg_qscale, "f": "mjpeg"},
            )
            for (w, h), (webp, jpeg) in zip(posters.sizes, posters.targets, strict=True):
                for target, codec in zip((webp, jpeg), codecs, strict=True):
                    scaled = next(copies).filter("scale", w, h, flags="lanczos")
                    if blur:
                        scaled = scaled.filter("gblur", sigma=blur)
                    outputs.append(
                        _output(
                            fp, scaled.filter("setsar", 1), None, target, **{"frames:v": 1, **codec}
                        )
                    )
        for look in (look for look in looks if look.at == at):
            grey = next(copies).filter("scale", LOOK_W, LOOK_H, flags="area")
            outputs.append(
                _output(
                    fp,
                    grey.filter("format", "gray"),
                    None,
                    look.target,
                    **{"frames:v": 1, "f": "rawvideo"},
                )
            )
    if not outputs:
        raise ValueError("nothing to write")
    return list(fp.merge_outputs(*outputs).compile(cmd=[ffmpeg, *FFMPEG_GLOBALS]))


@dataclass(frozen=True, slots=True)
class PictureOutput:
    """One picture file: the source within ``max_side`` pixels, or exactly ``width`` x ``height``."""

    target: Path
    width: int = 0
    height: int = 0


def picture_command(
    ffmpeg: str, source: Path, outputs: Sequence[PictureOutput], *, max_side: int
) -> list[str]:
    """Decode the first picture of ``source`` once and write it as every output.

    An output without a size keeps the picture's own, made smaller to fit
    ``max_side`` on its longer side (never larger); ffmpeg turns a JPEG upright
    by its EXIF orientation. Each output keeps its suffix's format
    (:data:`PICTURE_CODECS`, :data:`COPY_CODECS` for a sized one) and carries no metadata, byte for byte the same
    on every run.
    """
    if not outputs:
        raise ValueError("nothing to write")
    fp = ffmpeg_python()
    frame = fp.input(_file(source), **SAFE_IMAGE_INPUT)["V:0"]
    copies = [frame] if len(outputs) == 1 else _fan_out(frame, len(outputs))
    written = []
    for stream, out in zip(copies, outputs, strict=True):
        if out.width:
            scaled = stream.filter("scale", out.width, out.height, flags="lanczos")
        else:
            scaled = stream.filter(
                "scale",
                w=f"min(iw,{max_side})",
                h=f"min(ih,{max_side})",
                force_original_aspect_ratio="decrease",
            )
        options = {"frames:v": 1, "fflags": "+bitexact", "flags:v": "+bitexact"}
        codec = (COPY_CODECS if out.width else PICTURE_CODECS)[out.target.suffix.lower()]
        written.append(
            _output(fp, scaled.filter("setsar", 1), None, out.target, **options, **codec)
        )
    return list(fp.merge_outputs(*written).compile(cmd=[ffmpeg, *FFMPEG_GLOBALS]))


def pcm_command(ffmpeg: str, source: Path, *, rate: int = 16_000) -> list[str]:
    """The clip's first audio stream as raw 16-bit mono PCM on stdout (what speech
    recognition reads, and what a caption draft's key hashes)."""
    fp = ffmpeg_python()
    sound = fp.input(_file(source), **SAFE_INPUT)["a:0"]
    out = fp.output(sound, "pipe:", f="s16le", acodec="pcm_s16le", ac=1, ar=rate, **NO_METADATA)
    return list(out.compile(cmd=[ffmpeg, *FFMPEG_GLOBALS]))


def _x264(video: VideoOutput, threads: int) -> dict[str, object]:
    """The encode options of one rendition: quality target, VBV cap, faststart MP4."""
    kbps = video.video_kbps
    return {
        "fpsmax": video.max_fps,
        "c:v": "libx264",
        "preset": video.preset,
        "profile:v": video.profile,
        "pix_fmt": "yuv420p",
        "crf": video.crf,
        "maxrate": f"{kbps}k",
        "bufsize": f"{2 * kbps}k",
        "threads": threads,
        "c:a": "aac",
        "b:a": f"{video.audio_kbps}k",
        "ac": video.channels,
        "sn": None,
        "dn": None,
        "movflags": "+faststart",
        "f": "mp4",
    }


def _vp9(video: WebmOutput, threads: int) -> dict[str, object]:
    """The encode options of the offline WebM: libvpx-vp9 CBR in its realtime deadline, Opus.

    Constant bitrate (``-minrate`` = ``-maxrate`` = ``-b:v``) keeps every clip at
    its byte budget, whatever its content; the ``realtime`` deadline is the one
    libvpx mode whose CPU time is near x264's ``veryfast``. ``-row-mt`` lets the
    threads share rows of one frame (a clip made alone gets every core); a frame
    under 512 pixels wide has room for one tile column only. Opus with
    constrained VBR, so a tonal soundtrack does not overshoot its rate.
    """
    kbps = f"{video.video_kbps}k"
    return {
        "fpsmax": video.max_fps,
        "c:v": "libvpx-vp9",
        "deadline": "realtime",
        "cpu-used": video.speed,
        "row-mt": 1,
        "tile-columns": 0,
        "pix_fmt": "yuv420p",
        "b:v": kbps,
        "minrate": kbps,
        "maxrate": kbps,
        "g": video.keyframe_seconds * video.max_fps,
        "threads": threads,
        "c:a": "libopus",
        "b:a": f"{video.audio_kbps}k",
        "vbr": "constrained",
        "ac": video.channels,
        "sn": None,
        "dn": None,
        "cues_to_front": 1,
        "f": "webm",
    }


def _output(fp: Any, picture: Any, sound: Any, target: Path | str, **options: object) -> Any:
    """An output with the metadata guards; ``sound`` None maps no audio."""
    streams = [picture] if sound is None else [picture, sound]
    return fp.output(*streams, str(target), **{**options, **NO_METADATA})


def _fan_out(stream: Any, count: int) -> list[Any]:
    split = stream.filter_multi_output("split")
    return [split[i] for i in range(count)]


def _sdr(stream: Any, color_transfer: str | None) -> Any:
    for name, options in sdr_chain(color_transfer):
        stream = stream.filter(name, **options)
    return stream


def _file(source: Path) -> str:
    """The input as ffmpeg must read it: absolute, behind ``file:`` (a name never an option)."""
    return f"file:{source.resolve()}"


def _secs(at: float) -> str:
    return f"{at:.3f}"


@dataclass(frozen=True, slots=True)
class CardPart:
    """A title card of the competition video: black, a title and smaller lines under it.

    The texts are read from files (``drawtext``'s ``textfile``), so a school's
    words are never parsed as filter syntax or ``%{...}`` expansions.
    """

    title: Path
    detail: Path | None
    seconds: float


@dataclass(frozen=True, slots=True)
class ClipPart:
    """One evidence clip of the competition video, its first ``seconds`` used.

    ``captions`` is a WebVTT file burned in with the ``subtitles`` filter (libass);
    ``cues`` (start, end, text file) are drawn with ``drawtext`` instead where
    ffmpeg has no libass.
    """

    source: Path
    seconds: float
    has_audio: bool
    captions: Path | None = None
    cues: tuple[tuple[float, float, Path], ...] = ()


#: The competition video's sound, whatever each clip had: AAC, 48 kHz, stereo.
COMPETITION_AUDIO: dict[str, object] = {"c:a": "aac", "b:a": "128k", "ar": 48_000, "ac": 2}


def filters_command(ffmpeg: str) -> list[str]:
    """ffmpeg's list of filters (whether ``subtitles`` is there: ffmpeg built with libass)."""
    return _asked(ffmpeg, "filters")


def competition_command(
    ffmpeg: str,
    parts: Sequence[CardPart | ClipPart],
    target: Path,
    *,
    width: int,
    height: int,
    font: Path,
    fps: int = 30,
    crf: int = 23,
    preset: str = "veryfast",
    threads: int = 0,
) -> list[str]:
    """One ffmpeg call joining title cards and clips into one H.264/AAC MP4.

    Every part becomes ``width`` x ``height`` at ``fps`` (a clip scaled to fit,
    its aspect kept, the rest black), its sound AAC 48 kHz stereo (silence for a
    card or a clip without sound) of exactly the part's length, then the parts
    are joined with ``concat``.
    """
    if not parts:
        raise ValueError("nothing to write")
    fp = ffmpeg_python()
    title_size, detail_size = max(16, height // 16), max(12, height // 26)
    # One black source and one silent source, each cut into consecutive windows for the
    # parts that use them (ffmpeg-python makes equal inputs one node; a window starting
    # where the previous ended means no branch of the split ever queues frames).
    cards = [p.seconds for p in parts if isinstance(p, CardPart)]
    backgrounds = iter(
        _windows(
            fp.input(
                f"color=c=black:s={width}x{height}:r={fps}", f="lavfi", t=_secs(sum(cards) + 1)
            ).video,
            cards,
            "",
        )
        if cards
        else []
    )
    quiet = [p.seconds for p in parts if isinstance(p, CardPart) or not p.has_audio]
    silences = iter(
        _windows(
            fp.input("anullsrc=r=48000:cl=stereo", f="lavfi", t=_secs(sum(quiet) + 1)).audio.filter(
                "aformat", sample_fmts="fltp", channel_layouts="stereo"
            ),
            quiet,
            "a",
        )
        if quiet
        else []
    )
    streams: list[Any] = []
    for part in parts:
        secs = _secs(part.seconds)
        if isinstance(part, CardPart):
            picture = next(backgrounds).filter(
                "drawtext",
                fontfile=str(font),
                textfile=str(part.title),
                expansion="none",
                fontcolor="white",
                fontsize=title_size,
                line_spacing=title_size // 4,
                x="(w-text_w)/2",
                y=f"h/2-text_h-{title_size // 2}",
            )
            if part.detail is not None:
                picture = picture.filter(
                    "drawtext",
                    fontfile=str(font),
                    textfile=str(part.detail),
                    expansion="none",
                    fontcolor="white@0.85",
                    fontsize=detail_size,
                    line_spacing=detail_size // 3,
                    x="(w-text_w)/2",
                    y=f"h/2+{title_size // 2}",
                )
            picture = picture.filter("format", "yuv420p")
            sound = next(silences)
        else:
            clip = fp.input(_file(part.source), t=secs, **SAFE_INPUT)
            picture = (
                clip["V:0"]
                .filter("setpts", "PTS-STARTPTS")
                .filter(
                    "scale",
                    width,
                    height,
                    force_original_aspect_ratio="decrease",
                    flags="bicubic",
                )
                .filter("pad", width, height, "(ow-iw)/2", "(oh-ih)/2", color="black")
                .filter("setsar", 1)
                .filter("fps", fps)
                .filter("format", "yuv420p")
            )
            if part.captions is not None:
                picture = picture.filter(
                    "subtitles", filename=str(part.captions), fontsdir=str(font.parent)
                )
            for start, end, cue in part.cues:
                picture = picture.filter(
                    "drawtext",
                    fontfile=str(font),
                    textfile=str(cue),
                    expansion="none",
                    fontcolor="white",
                    fontsize=detail_size,
                    line_spacing=detail_size // 4,
                    box=1,
                    boxcolor="black@0.6",
                    boxborderw=detail_size // 4,
                    x="(w-text_w)/2",
                    y=f"h-text_h-{height // 12}",
                    enable=f"between(t,{start:.3f},{end:.3f})",
                )
            # A video stream a little shorter than the clip holds its last frame.
            picture = (
                picture.filter("tpad", stop_mode="clone", stop_duration=2)
                .filter("trim", duration=secs)
                .filter("setpts", "PTS-STARTPTS")
            )
            if part.has_audio:
                sound = (
                    clip["a:0"]
                    .filter("aresample", 48_000)
                    .filter("aformat", sample_fmts="fltp", channel_layouts="stereo")
                    .filter("apad")
                    .filter("atrim", duration=secs)
                    .filter("asetpts", "PTS-STARTPTS")
                )
            else:
                sound = next(silences)
        streams += [picture, sound]
    joined = fp.concat(*streams, v=1, a=1).node
    codec = {
        "c:v": "libx264",
        "preset": preset,
        "profile:v": "high",
        "pix_fmt": "yuv420p",
        "crf": crf,
        "threads": threads,
        **COMPETITION_AUDIO,
        "sn": None,
        "dn": None,
        "movflags": "+faststart",
        "f": "mp4",
    }
    out = _output(fp, joined[0], joined[1], target, **codec)
    return list(out.compile(cmd=[ffmpeg, *FFMPEG_GLOBALS]))


def _windows(stream: Any, lengths: Sequence[float], kind: str) -> list[Any]:
    """``stream`` cut into consecutive windows of ``lengths`` seconds, each from time 0.

    ``kind`` is ``""`` for video (``split``, ``trim``, ``setpts``) or ``"a"`` for audio.
    """
    copies = [stream] if len(lengths) == 1 else _split(stream, f"{kind}split", len(lengths))
    windows, start = [], 0.0
    for copy, length in zip(copies, lengths, strict=True):
        end = start + length
        windows.append(
            copy.filter(f"{kind}trim", start=_secs(start), end=_secs(end)).filter(
                f"{kind}setpts", "PTS-STARTPTS"
            )
        )
        start = end
    return windows


def _split(stream: Any, name: str, count: int) -> list[Any]:
    split = stream.filter_multi_output(name)
    return [split[i] for i in range(count)]

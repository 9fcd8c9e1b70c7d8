"""Fuzzing what schools send: contributed Markdown/HTML, and corrupt video bytes.

Bounded so the whole module runs in well under a minute on two cores. The
sanitizer fuzz builds documents from the pieces attackers combine (tags,
handlers, URL schemes, entities, broken nesting) and checks the cleaned HTML
with an independent parser. The media fuzz flips random bytes in a valid tiny
clip and sends it through probe and poster: each run ends with facts or a
failure, within its timeout, and leaves no partial file.
"""

from __future__ import annotations

import html
import subprocess
import tempfile
from pathlib import Path

import markdown
import pytest
from hostile_scenario import FFMPEG
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from site_scenario import Markup

from etalase.media.poster import make_posters
from etalase.media.probe import probe
from etalase.media.tools import Tools
from etalase.process import StepFailed
from etalase.site.sanitize import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, clean_html

TAGS = [
    "script",
    "img",
    "a",
    "iframe",
    "svg",
    "form",
    "input",
    "style",
    "div",
    "p",
    "object",
    "embed",
    "base",
    "meta",
    "link",
    "math",
    "template",
    "details",
    "video",
    "b",
    "table",
]
ATTRS = [
    "onerror",
    "onload",
    "onclick",
    "href",
    "src",
    "style",
    "class",
    "srcset",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "ontoggle",
    "id",
    "title",
]
VALUES = [
    "javascript:alert(1)",
    " JaVa\tScRipt:alert(1)",
    "&#106;avascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:x",
    "https://jahat.example/p.png",
    "//jahat.example/p.png",
    "x.png",
    "position:fixed;inset:0",
    "md-dialog",
    "alert(1)",
    "\\\\jahat\\x",
]
TEXT = st.text(alphabet=st.sampled_from(list("ab <>\"'=/&;#:`\n")), max_size=12)


@st.composite
def element(draw: st.DrawFn, depth: int = 0) -> str:
    tag = draw(st.sampled_from(TAGS))
    attrs = "".join(
        f" {draw(st.sampled_from(ATTRS))}={draw(st.sampled_from(['', chr(34), chr(39)]))}"
        f"{draw(st.sampled_from(VALUES))}"
        for _ in range(draw(st.integers(0, 3)))
    )
    inner = draw(st.lists(TEXT if depth > 1 else st.one_of(TEXT, element(depth + 1)), max_size=3))
    close = draw(st.sampled_from([f"</{tag}>", "", f"</{tag}", "<!--", "]]>"]))
    return f"<{tag}{attrs}>{''.join(inner)}{close}"


DOCUMENT = st.lists(
    st.one_of(
        TEXT,
        element(),
        st.sampled_from(
            [
                "[x](javascript:alert(1))",
                "![i](data:image/png;base64,AA)",
                "<https://jahat.example>",
                "[y](<javascript:alert(1)>)",
                "`<script>`",
                "    <script>indented</script>",
            ]
        ),
    ),
    max_size=8,
).map("\n".join)


def _assert_inert(cleaned: str) -> None:
    parsed = Markup(cleaned)
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, tag
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | {
            "rel",
            "loading",
            "decoding",
            "class",
            "title",
            "lang",
        }
        assert set(attrs) <= allowed, (tag, attrs)
        for name in ("href", "src"):
            url = html.unescape(attrs.get(name, "")).strip().lower()
            scheme = url.split(":", 1)[0] if ":" in url.split("/", 1)[0] else ""
            assert not scheme or scheme in URL_SCHEMES, url
            if tag == "img" and name == "src":
                assert not scheme and not url.startswith(("//", "\\")), url
    assert not parsed.scripts


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(DOCUMENT)
def test_any_contributed_markdown_comes_out_inert(text: str) -> None:
    cleaned = clean_html(markdown.markdown(text, extensions=["tables", "admonition"]))
    _assert_inert(cleaned)
    _assert_inert(clean_html(cleaned))  # cleaning what was already cleaned stays inert


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=200))
def test_any_text_comes_out_inert(text: str) -> None:
    _assert_inert(clean_html(text))


@pytest.fixture(scope="module")
def tiny_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "kecil.mp4"
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
            "testsrc2=s=64x48:r=5:d=2",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            str(path),
        ],
        check=True,
    )
    return path


FLIPS = st.lists(
    st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255)), min_size=1, max_size=24
)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(flips=FLIPS, cut=st.sampled_from([None, 0.3, 0.9]))
def test_corrupt_clips_give_facts_or_a_failure_never_a_crash(
    tools: Tools,
    tiny_clip: Path,
    tmp_path: Path,
    flips: list[tuple[float, int]],
    cut: float | None,
) -> None:
    data = bytearray(tiny_clip.read_bytes())
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    if cut is not None:
        del data[int(cut * len(data)) :]
    tmp_path = Path(tempfile.mkdtemp(dir=tmp_path))  # one folder per example
    clip = tmp_path / f"-rusak {len(flips)}.mp4"
    clip.write_bytes(bytes(data))
    result = probe(tools, clip, timeout=10)
    assert (result.info is None) != (result.failure is None)
    if result.info is None:
        return
    webp, jpeg = tmp_path / "p.webp", tmp_path / "p.jpg"
    try:
        made = make_posters(tools, clip, 0.0, [(64, 48)], [(webp, jpeg)], timeout=10)
    except StepFailed:  # the pipeline reports it as MEDIA_FAILED for this clip
        made = None
    if made is None:
        assert not webp.exists() and not jpeg.exists()
    else:
        assert webp.stat().st_size > 0 and jpeg.read_bytes()[:3] == b"\xff\xd8\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) in (
        [clip.name],
        sorted([clip.name, "p.webp", "p.jpg"]),
    )
    assert clip.read_bytes() == bytes(data)  # the upload is never written to

"""Charts drawn at build time as inline SVG: no script, readable offline, small.

Each chart is an ``<svg role="img">`` with its own ``<title>`` and ``<desc>`` (what a
screen reader says), and the page shows the same numbers in a table beside it, so
nothing depends on seeing the picture. Every text is escaped here; the markup is
safe to place in a page as it is. Colours follow the theme through CSS variables,
with fallbacks for a page read without the theme's stylesheet.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

#: The drawing's size in SVG units; it scales to the column's width.
WIDTH, HEIGHT = 640, 220
_PAD_LEFT, _PAD_RIGHT, _PAD_TOP, _PAD_BOTTOM = 8, 8, 24, 36
_BAR = "fill:var(--md-primary-fg-color,#4051b5)"
_LINE = "fill:none;stroke:var(--md-accent-fg-color,#c2185b);stroke-width:3"
#: 18 units: about 10 CSS px on a 360 px phone, where the drawing is scaled to half.
_TEXT = "fill:var(--md-default-fg-color,#222);font-size:18px"


@dataclass(frozen=True, slots=True)
class Chart:
    """One chart: its heading, the SVG markup, and its numbers as table rows."""

    title: str
    svg: str
    header: tuple[str, str]
    rows: tuple[tuple[str, str], ...]


def columns(
    name: str,
    title: str,
    desc: str,
    points: Sequence[tuple[str, float]],
    *,
    header: tuple[str, str],
    suffix: str = "",
    line: bool = False,
) -> Chart:
    """A column chart (or a line, for a share that grows) of labelled values, in order.

    Args:
        name: The chart's id on its page (its ``<title>`` and ``<desc>`` are named after it).
        title: The chart's name (its heading and the SVG's ``<title>``).
        desc: One sentence a screen reader reads: what the chart shows.
        points: (short label, value) in order; at most a few dozen.
        header: The table's two column headings.
        suffix: After each value (``%``).
        line: Draw a line through the points instead of columns.
    """
    uid = f"etalase-chart-{name}"
    top = max([v for _, v in points] + [1])
    inner_w = WIDTH - _PAD_LEFT - _PAD_RIGHT
    inner_h = HEIGHT - _PAD_TOP - _PAD_BOTTOM
    step = inner_w / max(1, len(points))
    every = max(1, -(-len(points) // 8))  # at most 8 month labels under the chart
    parts = [
        f'<svg class="etalase-svg" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-t">{_e(title)}</title><desc id="{uid}-d">{_e(desc)}</desc>',
    ]
    coords = []
    for i, (label, value) in enumerate(points):
        x = _PAD_LEFT + i * step
        h = inner_h * value / top
        y = _PAD_TOP + inner_h - h
        coords.append((x + step / 2, y))
        if not line:
            parts.append(
                f'<rect x="{x + step * 0.15:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" '
                f'height="{h:.1f}" style="{_BAR}"/>'
            )
        if len(points) <= 12 or value == top:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle" '
                f'style="{_TEXT}">{_e(_number(value) + suffix)}</text>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x + step / 2:.1f}" y="{HEIGHT - 12}" text-anchor="middle" '
                f'style="{_TEXT}">{_e(label)}</text>'
            )
    if line and coords:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        parts.append(f'<polyline points="{path}" style="{_LINE}"/>')
    baseline = _PAD_TOP + inner_h
    parts.append(
        f'<line x1="{_PAD_LEFT}" y1="{baseline}" x2="{WIDTH - _PAD_RIGHT}" y2="{baseline}" '
        'style="stroke:var(--md-default-fg-color--light,#888);stroke-width:1"/>'
    )
    parts.append("</svg>")
    rows = tuple((label, _number(value) + suffix) for label, value in points)
    return Chart(title, "".join(parts), header, rows)


def bars(
    name: str, title: str, desc: str, items: Sequence[tuple[str, int]], *, header: tuple[str, str]
) -> Chart:
    """Horizontal bars, largest first: a label above each bar, its count at the end."""
    uid = f"etalase-chart-{name}"
    row_h = 48
    height = max(1, len(items)) * row_h + 4
    top = max([n for _, n in items] + [1])
    parts = [
        f'<svg class="etalase-svg" role="img" aria-labelledby="{uid}-t {uid}-d" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{uid}-t">{_e(title)}</title><desc id="{uid}-d">{_e(desc)}</desc>',
    ]
    for i, (label, n) in enumerate(items):
        y = i * row_h
        w = (WIDTH - 90) * n / top
        parts.append(
            f'<text x="0" y="{y + 18}" style="{_TEXT}">{_e(_shorten(label, 60))}</text>'
            f'<rect x="0" y="{y + 24}" width="{max(w, 1):.1f}" height="16" style="{_BAR}"/>'
            f'<text x="{w + 6:.1f}" y="{y + 39}" style="{_TEXT}">{n}</text>'
        )
    parts.append("</svg>")
    rows = tuple((label, str(n)) for label, n in items)
    return Chart(title, "".join(parts), header, rows)


def _e(value: str) -> str:
    return html.escape(value, quote=True)


def _number(value: float) -> str:
    return str(round(value)) if abs(value - round(value)) < 0.05 else f"{value:.1f}"


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"

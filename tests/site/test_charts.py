"""The build-time SVG charts of /statistik/: accessible, escaped, and bounded in size."""

from __future__ import annotations

import gzip
import re

from etalase.site import charts
from etalase.site.pages import CHART_MONTHS, MOST_WATCHED, month_range


def test_a_chart_names_itself_for_screen_readers_and_keeps_its_numbers_as_rows() -> None:
    chart = charts.columns(
        "views", "Dilihat", "Per bulan.", [("Jan 26", 3), ("Feb 26", 0)], header=("Bulan", "n")
    )
    svg = chart.svg
    assert svg.startswith('<svg class="etalase-svg" role="img" ')
    assert 'aria-labelledby="etalase-chart-views-t etalase-chart-views-d"' in svg
    assert '<title id="etalase-chart-views-t">Dilihat</title>' in svg
    assert '<desc id="etalase-chart-views-d">Per bulan.</desc>' in svg
    assert len(re.findall(r"<rect ", svg)) == 2
    assert chart.rows == (("Jan 26", "3"), ("Feb 26", "0"))
    line = charts.columns("c", "C", "D", [("a", 12.5)], header=("a", "b"), suffix="%", line=True)
    assert "<polyline " in line.svg and line.rows == (("a", "12.5%"),)


def test_what_a_school_wrote_is_text_in_the_drawing_never_markup() -> None:
    title = 'Robot <script>alert(1)</script> "&" <img src=x onerror=alert(2)>'
    chart = charts.bars("w", "Top", "d", [(title, 5)], header=("a", "b"))
    assert "<script" not in chart.svg and "<img" not in chart.svg
    assert "&lt;script&gt;" in chart.svg and "&amp;" in chart.svg


def test_the_charts_stay_small_however_long_the_catalogue_s_history() -> None:
    months = month_range("2010-01", "2026-12")
    assert len(months) == CHART_MONTHS and months[-1] == "2026-12" and months[0] == "2025-01"
    assert month_range("2025-11", "2026-02", limit=None) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    points = [(m, 123_456) for m in months]
    five = [charts.columns(str(i), "T", "D", points, header=("a", "b")) for i in range(5)]
    top = charts.bars("w", "T", "D", [("x" * 200, 99_999)] * MOST_WATCHED, header=("a", "b"))
    markup = "".join(c.svg for c in [*five, top])
    assert len(gzip.compress(markup.encode())) < 15_000

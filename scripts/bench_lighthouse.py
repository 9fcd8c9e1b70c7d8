#!/usr/bin/env python3
"""Lighthouse (mobile) scores of the demo catalogue: accessibility, best practices, SEO.

Builds the demo catalogue (``mkdocs.yml`` + ``content/``) into a temporary
folder, serves it on 127.0.0.1 with gzip (the server of ``bench_pages.py``),
and runs the npm ``lighthouse`` package from ``tests/tools/lighthouse/`` in
Debian's Chromium with the mobile form factor on the home page, the school
index, a school, a list page, an entry page, the demo's entry with captions
(issue #30 asks 100 in accessibility there), ``/cari/`` (empty and with a
query), ``/statistik/`` and the contributor guide. The scores (and every
audit that did not pass) replace the
"Lighthouse" section of ``BENCHMARKS.md``; other sections are kept. The bar
(PRODUCT.md, *Quality bars*) is 95 in each of the three categories; the exit
status is 1 when a page falls below it.

Usage: python scripts/bench_lighthouse.py [--no-write] [--performance]

The browser test ``tests/browser/test_lighthouse.py`` calls :func:`audit`, so
the test and this benchmark measure the same way.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import bench_pages

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tests" / "tools" / "lighthouse"
AUDIT_SCRIPT = TOOL / "audit.mjs"
CATEGORIES = ("accessibility", "best-practices", "seo")
BAR = 0.95
PAGES = {
    "home": "",
    "schools": "sekolah/",
    "school": "sekolah/sdn-4-jiken/",
    "list": "kecamatan/jiken/",
    "entry": bench_pages.PAGES["entry"],
    "entry with captions": "sekolah/sdn-2-sambongrejo/cerita-kearifan-samin/",
    "search": "cari/",
    "search with a query": f"cari/?q={bench_pages.SEARCH_WORD}",
    "statistics": "statistik/",
    "guide": "panduan/",
}
SECTION = "## Lighthouse (site)"


@dataclass(frozen=True, slots=True)
class Failing:
    """One Lighthouse audit that counted towards a score and did not pass."""

    category: str
    id: str
    title: str
    score: float


@dataclass(frozen=True, slots=True)
class Scores:
    """Lighthouse's category scores (0-1) for one URL, and the audits that cost points."""

    url: str
    scores: Mapping[str, float]
    failing: tuple[Failing, ...]

    def below(self, bar: float = BAR) -> dict[str, float]:
        """The barred categories (not performance) scored under ``bar``; a missing one is 0."""
        return {c: s for c, s in self.scores.items() if c in CATEGORIES and s < bar}


def audit(
    urls: Sequence[str], categories: Sequence[str] = CATEGORIES, timeout: float = 120.0
) -> list[Scores]:
    """Run Lighthouse (mobile) on ``urls`` with one Debian Chromium, in order.

    Args:
        urls: Full URLs, normally on the local gzip server.
        categories: Lighthouse category ids to score.
        timeout: Seconds allowed per URL before the run is killed.

    Returns:
        One :class:`Scores` per URL, in the order given.

    Raises:
        RuntimeError: Lighthouse is not installed or a run failed.
    """
    if not (TOOL / "node_modules" / "lighthouse").is_dir():
        raise RuntimeError(f"Lighthouse missing: run `npm ci --prefix {TOOL.relative_to(ROOT)}`")
    env = {**os.environ, "CHROME_PATH": bench_pages.CHROMIUM}
    done = subprocess.run(
        ["node", str(AUDIT_SCRIPT), ",".join(categories), *urls],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout * len(urls),
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"Lighthouse failed ({done.returncode}): {done.stderr[-2000:]}")
    raw = json.loads(done.stdout)
    return [
        Scores(
            url=url,
            scores={c: float(raw[url]["scores"].get(c) or 0.0) for c in categories},
            failing=tuple(
                Failing(f["category"], f["id"], f["title"], float(f["score"]))
                for f in raw[url]["failing"]
            ),
        )
        for url in urls
    ]


def _pct(score: float) -> str:
    return str(round(score * 100))


def report(rows: Sequence[tuple[str, str, Scores]], categories: Sequence[str]) -> str:
    """The Markdown section for ``BENCHMARKS.md``."""
    lines = [
        SECTION,
        "",
        f"Measured {dt.date.today().isoformat()} by `scripts/bench_lighthouse.py` "
        "(`make bench-lighthouse`): Lighthouse 12 (npm, `tests/tools/lighthouse/`), mobile form "
        "factor, Debian Chromium headless, the demo catalogue served with gzip on 127.0.0.1. "
        f"Bar: {_pct(BAR)} in accessibility, best practices and SEO."
        + (
            " Performance (simulated slow 4G on a shared 2-core machine, so noisy) is shown for "
            "information, not part of the bar."
            if "performance" in categories
            else ""
        ),
        "",
        "| page | URL | " + " | ".join(categories) + " | |",
        "|---|---|" + "---:|" * len(categories) + "---|",
    ]
    for name, path, scores in rows:
        cells = " | ".join(_pct(scores.scores[c]) for c in categories)
        lines.append(f"| {name} | `/{path}` | {cells} | {'BELOW' if scores.below() else 'ok'} |")
    failing = [(name, f) for name, _, s in rows for f in s.failing if f.category in CATEGORIES]
    lines.append("")
    if failing:
        lines.append("Audits that cost points:")
        lines.append("")
        lines += [
            f"- {name}: {f.category} `{f.id}` ({f.title}), score {f.score:.2f}"
            for name, f in failing
        ]
    else:
        lines.append(
            "Every weighted accessibility, best-practices and SEO audit passed on every page."
        )
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--no-write", action="store_true", help="print, do not write the file")
    parser.add_argument(
        "--performance",
        action="store_true",
        help="also score performance (simulated throttling; noisy on a "
        "shared machine, so not part of the bar)",
    )
    args = parser.parse_args(argv)
    categories = (*CATEGORIES, "performance") if args.performance else CATEGORIES
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        bench_pages.build_demo(out)
        with bench_pages.GzipServer(out) as server:
            results = audit([server.url + path for path in PAGES.values()], categories)
    rows = [
        (name, path, scores) for (name, path), scores in zip(PAGES.items(), results, strict=True)
    ]
    text = report(rows, categories)
    print(text)
    if not args.no_write:
        bench_pages.write_section(text, ROOT / "BENCHMARKS.md", SECTION)
    return 1 if any(scores.below() for scores in results) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""``etalase stats import`` on a generated ~1 GB nginx log: lines per second and peak memory.

Generates a combined-format access log of a 10,000-entry catalogue under a base path
(60 days; phones reading pages, ranged video requests, bots, assets, errors and a few
broken lines), then imports it in a child process and reads the child's peak resident
memory from the kernel (``RUSAGE_CHILDREN``). A tenth of the log is imported the same
way first: memory that stays flat from 100 MB to 1 GB is memory that does not grow
with the log. The figures are appended to ``/work/notes/stats.md`` (or ``--notes``).

Usage: python scripts/bench_stats.py [--size-mb 1024] [--notes PATH] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENTRIES, SCHOOLS = 10_000, 1_000
CHILD = """
import json, sys, time
from pathlib import Path
from etalase.stats.importer import import_logs
from etalase.stats.routes import Routes
from etalase.stats.totals import Totals, write_totals
schools, entries = int(sys.argv[2]), int(sys.argv[3])
pages = {f"sekolah/s{i}/": ("school", f"s{i}") for i in range(schools)}
pages.update({f"sekolah/s{i % schools}/e{i}/": ("entry", f"s{i % schools}/e{i}") for i in range(entries)})
routes = Routes("/etalase/", pages)
totals = Totals()
started = time.perf_counter()
report = import_logs([Path(sys.argv[1])], routes, totals)
seconds = time.perf_counter() - started
write_totals(Path(sys.argv[4]), totals)
t = report.tally
print(json.dumps({"seconds": seconds, "lines": t.lines, "views": t.views, "plays": t.plays,
                  "bots": t.bots, "unreadable": t.unreadable}))
"""
AGENTS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 11; Redmi 9A) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
]
BOTS = ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "curl/8.5.0"]


def generate(path: Path, size: int, seed: int = 31) -> int:
    """Write about ``size`` bytes of log; the number of lines."""
    rng = random.Random(seed)
    day0 = dt.date(2026, 9, 1)
    written = lines = 0
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            day = day0 + dt.timedelta(days=lines * 60 // max(1, size // 200))
            stamp = day.strftime("%d/%b/%Y")
            chunk = []
            for _ in range(10_000):
                ip = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
                n = rng.randrange(ENTRIES)
                entry = f"/etalase/sekolah/s{n % SCHOOLS}/e{n}/"
                roll = rng.random()
                agent = rng.choice(AGENTS)
                if roll < 0.35:
                    request, status = f"GET {entry} HTTP/1.1", 200
                elif roll < 0.65:
                    rendition = rng.choice(("web", "hemat"))
                    request, status = f"GET {entry}video-{rendition}.mp4 HTTP/1.1", 206
                elif roll < 0.75:
                    request, status = f"GET /etalase/sekolah/s{n % SCHOOLS}/ HTTP/1.1", 200
                elif roll < 0.9:
                    request, status = "GET /etalase/assets/stylesheets/main.css HTTP/2.0", 200
                elif roll < 0.97:
                    request, status, agent = f"GET {entry} HTTP/1.1", 200, rng.choice(BOTS)
                elif roll < 0.995:
                    request, status = f"GET {entry}x/ HTTP/1.1", 404
                else:
                    chunk.append("\\x16\\x03\\x01 broken line\n")
                    continue
                chunk.append(
                    f"{ip} - - [{stamp}:{rng.randrange(24):02d}:{rng.randrange(60):02d}:00 +0700] "
                    f'"{request}" {status} {rng.randrange(200, 90000)} '
                    f'"https://dinas.example.id/etalase/" "{agent}"\n'
                )
            text = "".join(chunk)
            out.write(text)
            written += len(text.encode())
            lines += len(chunk)
    return lines


def run_import(log: Path, scratch: Path) -> dict[str, float]:
    """Import ``log`` in a fresh child process: its figures and peak memory (MB)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(log),
            str(SCHOOLS),
            str(ENTRIES),
            str(scratch / "k.json"),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    import json

    figures: dict[str, float] = json.loads(done.stdout)
    figures["rss_mb"] = max(peak, before) / 1024
    figures["log_mb"] = log.stat().st_size / 1e6
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=1024)
    parser.add_argument("--notes", type=Path, default=Path("/work/notes/stats.md"))
    parser.add_argument("--keep", type=Path, default=None, help="generate the log here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.keep) as folder:
        scratch = Path(folder)
        small, big = scratch / "small.log", scratch / "access.log"
        started = time.perf_counter()
        generate(small, args.size_mb * 1024 * 1024 // 10)
        generate(big, args.size_mb * 1024 * 1024)
        made = time.perf_counter() - started
        # Separate children: ru_maxrss of RUSAGE_CHILDREN is the largest child so far,
        # so the small import runs first.
        first = run_import(small, scratch)
        second = run_import(big, scratch)
        size = (scratch / "k.json").stat().st_size
    rows = [
        "| log | lines | lines/s | peak RSS | views | plays | bots | unreadable |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in (first, second):
        rows.append(
            f"| {r['log_mb']:,.0f} MB | {r['lines']:,.0f} | {r['lines'] / r['seconds']:,.0f} | "
            f"{r['rss_mb']:,.0f} MB | {r['views']:,.0f} | {r['plays']:,.0f} | {r['bots']:,.0f} | "
            f"{r['unreadable']:,.0f} |"
        )
    report = "\n".join(
        [
            "",
            f"## Benchmark: stats import ({dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
            f"scripts/bench_stats.py)",
            f"10,000 entries, 1,000 schools, 60 days; log generated in {made:.0f} s. "
            f"One import per log in a fresh process; peak RSS from RUSAGE_CHILDREN. "
            f"Totals file after the 1 GB import: {size / 1024:,.0f} KB.",
            "",
            *rows,
            "",
        ]
    )
    print(report)
    with args.notes.open("a", encoding="utf-8") as notes:
        notes.write(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())

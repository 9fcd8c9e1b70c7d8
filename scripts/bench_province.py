#!/usr/bin/env python3
"""A province on paper: Pagefind over one big catalogue against one index per regency, merged.

Generates a catalogue of N published entries exactly as ``scripts/bench_site.py``
does (N/10 schools, 135 words an entry, one tiny real clip hard-linked into every
entry folder, so the media step encodes one clip), builds it with ``etalase
build``, then measures:

1. Pagefind alone over the whole site (``sekolah/``, as the build runs it): wall
   and CPU seconds and its peak memory (GNU time's ``%M``, Debian's ``time``
   package), the index's size and number of files;
2. the same pages cut into R regencies (consecutive schools, R = 35 for Central
   Java's 29 regencies and 6 cities), each indexed on its own as each regency's
   build would: the sum and the largest of their times and memory, and their
   total size;
3. in Debian's Chromium at phone size, served with gzip on 127.0.0.1, the bytes
   and the time of a first query (the Pagefind runtime, WebAssembly, index
   chunks, filters and the first five results' fragments): on the site's own
   ``/cari/`` page, on a bare page that loads the one big index, and on a bare
   page that loads one regency's index and merges the other R-1
   (``pagefind.mergeIndex``, Pagefind's multisite search).

Figures go to ``scripts/bench_province.json`` (by N and R) and the section
"A province on paper" of ``BENCHMARKS.md``. It is heavy: run it once at 30,000
entries on a quiet machine, never at 100,000; figures for a province of
100,000 entries are extrapolated from it (and marked as such).

Usage: .venv/bin/python scripts/bench_province.py [--entries 30000] [--regencies 35]
       [--keep DIR] [--no-write] [--render]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
import bench_site

ROOT = bench_pages.ROOT
SECTION = "## A province on paper (Pagefind, one index or one per regency)"
RESULTS = ROOT / "scripts" / "bench_province.json"
WORD = "murid"
FIRST_RESULTS = 5  # what Pagefind's UI shows before "load more"

SEARCH_PAGE = """<!doctype html>
<html lang="id"><meta charset="utf-8"><title>cari</title>
<script type="module">
const started = performance.now();
const pagefind = await import("./{main}/pagefind/pagefind.js");
for (const bundle of {merged}) await pagefind.mergeIndex(bundle);
const search = await pagefind.search("{word}");
await Promise.all(search.results.slice(0, {first}).map((r) => r.data()));
window.hits = search.results.length;
window.millis = performance.now() - started;
window.done = true;
</script>
</html>
"""


def pagefind(site: Path, env: dict[str, str], scratch: Path) -> dict[str, float]:
    """Pagefind over ``site``'s ``sekolah/`` pages, as ``etalase build`` runs it.

    The Pagefind binary runs under GNU time, whose ``%M`` is the peak resident
    memory of that process alone (``wait4`` from this script would also count
    the memory a forked child inherits before it executes Pagefind).
    """
    from pagefind_bin import get_executable

    peak = scratch / "pagefind-peak-kb"
    run = bench_site.measure(
        [
            "/usr/bin/time",
            "-f",
            "%M",
            "-o",
            str(peak),
            str(get_executable()),
            "--site",
            str(site),
            "--output-subdir",
            "pagefind",
            "--glob",
            "sekolah/**/*.html",
            "--silent",
        ],
        site,
        env,
    )
    run["rss"] = int(peak.read_text().split()[-1]) / 1024
    return run


def split_regencies(site: Path, out: Path, regencies: int) -> list[Path]:
    """Hard-link the school and entry pages of consecutive schools into one folder a regency."""
    schools = sorted(p.name for p in (site / "sekolah").iterdir() if p.is_dir())
    folders = [out / f"r{r + 1:02d}" for r in range(regencies)]
    for number, school in enumerate(schools):
        target = folders[number * regencies // len(schools)] / "sekolah" / school
        for page in (site / "sekolah" / school).rglob("*.html"):
            link = target / page.relative_to(site / "sekolah" / school)
            link.parent.mkdir(parents=True, exist_ok=True)
            os.link(page, link)
    return folders


def first_query(browser: Any, server: bench_pages.GzipServer, page: str) -> dict[str, float]:
    """Bytes under ``/pagefind/`` and milliseconds until the first results' data are in."""
    context = browser.new_context(viewport=bench_pages.PHONE, device_scale_factor=2, is_mobile=True)
    tab = context.new_page()
    mark = server.ledger.mark()
    tab.goto(server.url + page)
    tab.wait_for_function("window.done === true", timeout=120_000)
    tab.wait_for_load_state("networkidle")
    sent = [(p, n) for p, n in server.ledger.since(mark) if "/pagefind/" in p]
    result = {
        "bytes": sum(n for _, n in sent),
        "requests": len(sent),
        "hits": tab.evaluate("window.hits"),
        "millis": tab.evaluate("window.millis"),
    }
    context.close()
    return result


def folder_files(folder: Path) -> int:
    return sum(1 for p in folder.rglob("*") if p.is_file())


def run_bench(args: argparse.Namespace, root: Path, scratch: Path) -> dict[str, Any]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    etalase = [sys.executable, "-m", "etalase"]
    bench_site.generate(root, args.entries)
    out: dict[str, Any] = {
        "entries": args.entries,
        "schools": max(1, args.entries // 10),
        "regencies": args.regencies,
        "date": dt.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "load_before": os.getloadavg()[0],
    }
    out["seed_media"] = bench_site.measure([*etalase, "media"], root, env)
    out["build"] = bench_site.measure([*etalase, "build"], root, env)
    site = root / "site"
    out["pages"] = sum(1 for _ in site.rglob("*.html"))
    out["indexed_pages"] = sum(1 for _ in (site / "sekolah").rglob("*.html"))
    out["one"] = pagefind(site, env, scratch)
    out["one"]["bytes"] = bench_site.folder_bytes(site / "pagefind")
    out["one"]["files"] = folder_files(site / "pagefind")
    serve = scratch / "serve"
    regencies = split_regencies(site, serve, args.regencies)
    runs = []
    for folder in regencies:
        run = pagefind(folder, env, scratch)
        run["bytes"] = bench_site.folder_bytes(folder / "pagefind")
        run["files"] = folder_files(folder / "pagefind")
        run["pages"] = sum(1 for _ in (folder / "sekolah").rglob("*.html"))
        runs.append(run)
    out["regency_runs"] = runs
    out["load_after_indexing"] = os.getloadavg()[0]
    shutil.copytree(site / "pagefind", serve / "one" / "pagefind")
    names = [f.name for f in regencies]
    (serve / "one.html").write_text(
        SEARCH_PAGE.format(main="one", merged="[]", word=WORD, first=FIRST_RESULTS)
    )
    merged = json.dumps([f"/{n}/pagefind/" for n in names[1:]])
    (serve / "merged.html").write_text(
        SEARCH_PAGE.format(main=names[0], merged=merged, word=WORD, first=FIRST_RESULTS)
    )
    (serve / "regency.html").write_text(
        SEARCH_PAGE.format(main=names[0], merged="[]", word=WORD, first=FIRST_RESULTS)
    )
    with bench_pages.chromium() as browser:
        with bench_pages.GzipServer(site) as server:
            _, out["cari_query_bytes"], out["cari_hits"] = bench_pages.weigh_search(
                browser, server, WORD
            )
        with bench_pages.GzipServer(serve) as server:
            first_query(browser, server, "one.html")  # warms Chromium's process, not its cache
            out["query_one"] = first_query(browser, server, "one.html")
            out["query_merged"] = first_query(browser, server, "merged.html")
            out["query_regency"] = first_query(browser, server, "regency.html")
    return out


def mb(n: float) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB"


def table(results: dict[str, Any]) -> str:
    """The BENCHMARKS.md section from the stored results (the latest run first)."""
    lines = [SECTION, ""]
    for label in sorted(results, reverse=True):
        r = results[label]
        runs = r["regency_runs"]
        one, merged, single = r["one"], r["query_merged"], r["query_one"]
        regency = r["query_regency"]
        lines += [
            f"Measured {r['date']} by `scripts/bench_province.py`: {r['entries']:,} generated "
            f"entries of {r['schools']:,} schools ({r['indexed_pages']:,} pages under "
            f"`sekolah/`, {r['pages']:,} pages in all), {r['cpus']} CPUs shared with other "
            f"work (load average {r['load_before']:.1f} before, "
            f"{r['load_after_indexing']:.1f} after indexing). `etalase build` (first build, "
            f"every page rendered and indexed): {r['build']['wall']:.0f} s, peak "
            f"{r['build']['rss']:,.0f} MB.",
            "",
            f"| Pagefind over the same pages | one index | {r['regencies']} regency indexes |",
            "|---|---|---|",
            f"| time, wall | {one['wall']:.1f} s | {sum(x['wall'] for x in runs):.1f} s in all, "
            f"{max(x['wall'] for x in runs):.1f} s the largest |",
            f"| time, CPU | {one['cpu']:.1f} s | {sum(x['cpu'] for x in runs):.1f} s in all |",
            f"| peak memory | {one['rss']:,.0f} MB | {max(x['rss'] for x in runs):,.0f} MB "
            "the largest |",
            f"| index size | {mb(one['bytes'])} ({one['files']:,} files) | "
            f"{mb(sum(x['bytes'] for x in runs))} ({sum(x['files'] for x in runs):,} files) |",
            f"| first query “{WORD}”, Pagefind bytes | {kb(single['bytes'])} "
            f"({single['requests']} requests, {single['hits']:,} hits) | "
            f"{kb(merged['bytes'])} merged ({merged['requests']} requests, "
            f"{merged['hits']:,} hits) |",
            f"| first query, time in Chromium (127.0.0.1) | {single['millis']:,.0f} ms | "
            f"{merged['millis']:,.0f} ms merged |",
            f"| first query on one regency's own site | – | {kb(regency['bytes'])} "
            f"({regency['requests']} requests, {regency['hits']:,} hits, "
            f"{regency['millis']:,.0f} ms) |",
            "",
            f"The site's own `/cari/` page (Pagefind UI, filters shown) fetched "
            f"{kb(r['cari_query_bytes'])} for the same first query over the one index. "
            "Query bytes: gzip as served, the Pagefind runtime, WebAssembly, "
            f"entry files, index chunks, filters and the first {FIRST_RESULTS} results' "
            "fragments.",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Pagefind for a province, measured.")
    parser.add_argument("--entries", type=int, default=30_000)
    parser.add_argument("--regencies", type=int, default=35)
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite BENCHMARKS.md from the stored results"
    )
    args = parser.parse_args(argv)
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if not args.render:
        with tempfile.TemporaryDirectory() as tmp:
            root = args.keep or Path(tmp) / "etalase"
            root.mkdir(parents=True, exist_ok=True)
            out = run_bench(args, root, Path(tmp))
        print(json.dumps(out, indent=1))
        if args.no_write:
            return 0
        results[f"{args.entries}:{args.regencies}"] = out
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    text = table(results)
    print(text)
    bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())

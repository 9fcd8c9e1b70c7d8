#!/usr/bin/env python3
"""Every page rendered, without search, against plain Material's floor: before and after, in turns.

Issue #24 item 4 asks that an ``etalase build`` that renders every page (as
after a template or ``mkdocs.yml`` change) take at most 1.25x the *floor*
without search: the floor is plain mkdocs-material building the same Markdown
pages with a one-item ``nav:`` and no plugin (``scripts/bench_site.py``), and
"without search" leaves out the Pagefind run, which the floor does not have.

For N entries (``bench_site.generate``: N/10 schools, 135 words and a real
tiny clip per entry, media seeded first), each round runs, one after the
other: the ``--before-src`` code's build, this checkout's build (each with
the page cache emptied first, so every page is rendered) and the floor. Each
build runs in a process that times its own Pagefind run
(``build_search_index``), so "without search" is that build's wall time less
its own Pagefind seconds, measured in the same run. Medians over the rounds;
the machine has 2 cores and is shared, so only figures of one run (the same
rounds) are compared.

Results go to ``scripts/bench_render.json`` (by N) and the section of
``BENCHMARKS.md`` is written from all of them, with the note in
``scripts/bench_render_note.md``.

Usage: .venv/bin/python scripts/bench_render.py --entries 1000 --rounds 3
       [--before-src /tmp/before/src] [--no-write] [--render]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
import bench_site

ROOT = bench_site.ROOT
SECTION = "## Every page rendered, without search (`scripts/bench_render.py`, issue #24)"
RESULTS = ROOT / "scripts" / "bench_render.json"
NOTE = ROOT / "scripts" / "bench_render_note.md"

#: ``etalase build`` that writes the seconds its own Pagefind run took to argv[1].
TIMED_BUILD = """\
import sys, time
from pathlib import Path
from etalase import cli
try:
    from etalase.site import session as engine  # the render session calls Pagefind
except ImportError:  # a checkout from before the render session (#29.1)
    from etalase.plugin import plugin as engine
spent = []
index = engine.build_search_index
def timed(*args, **kwargs):
    started = time.perf_counter()
    try:
        return index(*args, **kwargs)
    finally:
        spent.append(time.perf_counter() - started)
engine.build_search_index = timed
code = cli.main(["build"])
Path(sys.argv[1]).write_text(str(sum(spent)))
sys.exit(code)
"""


def measure(
    args: list[str], cwd: Path, env: dict[str, str], search: Path | None
) -> dict[str, float]:
    """Wall and CPU seconds (children included) of one command, and its own Pagefind seconds."""
    if search is not None:
        search.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode(errors='replace')[-2000:]}")
    seconds = float(search.read_text()) if search is not None else 0.0
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "search": seconds,
        "without_search": wall - seconds,
    }


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    root, floor = scratch / "etalase", scratch / "floor"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # Every checkout's modules are compiled once, as an installed package's are: with
    # PYTHONDONTWRITEBYTECODE (set in some shells) each Etalase build compiled ~90 of
    # its modules again (~0.3 s CPU), while the floor's MkDocs and Material are compiled.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = str(ROOT / "src")
    search = scratch / "search-seconds"
    build = [sys.executable, "-c", TIMED_BUILD, str(search)]
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q"]
    runs: dict[str, tuple[list[str], Path, dict[str, str], Path | None]] = {}
    if args.before_src:
        before_env = {**env, "PYTHONPATH": str(Path(args.before_src).resolve())}
        runs["before"] = (build, root, before_env, search)
    for variant in args.variant:  # another checkout's src/, e.g. one accelerator alone
        label, _, src = variant.partition("=")
        runs[label] = (build, root, {**env, "PYTHONPATH": str(Path(src).resolve())}, search)
    runs["after"] = (build, root, env, search)
    runs["floor"] = (mkdocs, floor, env, None)
    if args.floor_search:  # issue #29's floor: Material with its own search plugin
        runs["floor"] = (mkdocs, scratch / "floor-search", env, None)
    if not (root / "mkdocs.yml").exists():  # --scratch may hold a catalogue made before
        bench_site.generate(root, args.entries)
        subprocess.run(
            [sys.executable, "-m", "etalase", "media"],
            cwd=root,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    if not floor.exists():
        bench_site.plain_copy(root, floor, default_nav=False)
    if args.floor_search and not (scratch / "floor-search").exists():
        bench_site.plain_copy(root, scratch / "floor-search", default_nav=False, search=True)
    for cmd, cwd, e, s in runs.values():  # warm each once (disk cache, compiled templates)
        bench_site.forget_pages(root)
        measure(cmd, cwd, e, s)
    done: dict[str, list[dict[str, float]]] = {name: [] for name in runs}
    for n in range(args.rounds):
        for name, (cmd, cwd, e, s) in runs.items():
            bench_site.forget_pages(root)  # every page rendered, the search index made anew
            done[name].append(measure(cmd, cwd, e, s))
            print(f"round {n + 1} {name}: {done[name][-1]}", file=sys.stderr)
    # Nothing changed (issue #29.6: at most 0.5x the floor): each checkout's build again, in
    # turns, right after a build of its own (the page cache keeps one build's pages: another
    # checkout's code is another site key), with the floor once per round.
    warm_done: dict[str, list[dict[str, float]]] = {name: [] for name in runs if name != "floor"}
    warm_floor: list[dict[str, float]] = []
    for n in range(args.warm):
        for name, (cmd, cwd, e, s) in runs.items():
            if name == "floor":
                warm_floor.append(measure(cmd, cwd, e, s))
                continue
            measure(cmd, cwd, e, s)  # its pages and index into the cache
            warm_done[name].append(measure(cmd, cwd, e, s))
            print(f"warm {n + 1} {name}: {warm_done[name][-1]}", file=sys.stderr)
    warm = warm_done.get("after", [])
    out: dict[str, Any] = {
        "entries": args.entries,
        "rounds": args.rounds,
        "date": dt.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "pages": sum(1 for _ in (root / "site").rglob("*.html")),
        # The floor actually built: with --floor-search the folder without search is never built.
        "floor_pages": sum(1 for _ in (runs["floor"][1] / "site").rglob("*.html")),
    }
    if warm:
        floor_wall = statistics.median(d["wall"] for d in done["floor"])
        out["warm"] = {
            "walls": [round(d["wall"], 2) for d in warm],
            "wall": statistics.median(d["wall"] for d in warm),
            "ratio": round(statistics.median(d["wall"] for d in warm) / floor_wall, 2),
            "cpus": [round(d["cpu"], 2) for d in warm],
            "cpu": statistics.median(d["cpu"] for d in warm),
        }
    for name, items in warm_done.items():
        if items:
            out[f"warm_{name}"] = {
                "walls": [round(d["wall"], 2) for d in items],
                "cpus": [round(d["cpu"], 2) for d in items],
                "wall": statistics.median(d["wall"] for d in items),
                "cpu": statistics.median(d["cpu"] for d in items),
                "ratios": [
                    round(d["wall"] / f["wall"], 2) for d, f in zip(items, warm_floor, strict=True)
                ],
            }
    for name, items in done.items():
        out[name] = {
            key: statistics.median(d[key] for d in items)
            for key in ("wall", "cpu", "search", "without_search")
        }
        out[name]["walls"] = [round(d["wall"], 2) for d in items]
        out[name]["cpus"] = [round(d["cpu"], 2) for d in items]
        out[name]["without_search_runs"] = [round(d["without_search"], 2) for d in items]
        out[name]["ratios"] = [
            round(d["without_search"] / f["wall"], 2)
            for d, f in zip(items, done["floor"], strict=True)
        ]
        # The whole build (Pagefind included) against the floor, per round (issue #29.6).
        out[name]["whole_ratios"] = [
            round(d["wall"] / f["wall"], 2) for d, f in zip(items, done["floor"], strict=True)
        ]
        out[name]["whole_ratio"] = statistics.median(out[name]["whole_ratios"])
    return out


def table(results: dict[str, Any]) -> str:
    """The section of ``BENCHMARKS.md`` from every stored result."""
    lines = [
        SECTION,
        "",
        "Written by `scripts/bench_render.py` from `scripts/bench_render.json`. Commands, from "
        "the repository root:",
        "",
        "```",
        "git archive <before-commit> src | tar -x -C /tmp/before",
        *[
            f".venv/bin/python scripts/bench_render.py --entries {r['entries']} "
            f"--rounds {r['rounds']} --before-src /tmp/before/src"
            for r in sorted(results.values(), key=lambda r: r["entries"])
        ],
        "```",
        "",
        "The catalogue of “Catalogue at scale” (N entries, N/10 schools, media seeded). Each "
        "round runs, in turns: the “before” code's `etalase build`, this code's, and the "
        "floor (plain mkdocs-material, the same Markdown pages, a one-item `nav:`, no plugin); "
        "before each build the page cache and the kept search index are emptied, so every "
        "page is rendered and indexed. “Without search” is a build's wall time less the "
        "seconds its own Pagefind run took (timed inside that build). Medians over the rounds; "
        "the ratio per round in brackets. Bar: without search ≤ 1.25x the floor.",
        "",
        "| entries | rounds | pages: Etalase / floor | floor | before: build (Pagefind) "
        "| after: build (Pagefind) | before without search / floor "
        "| **after without search / floor** | CPU before / after / floor |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in sorted(results.values(), key=lambda r: r["entries"]):
        f, a, b = r["floor"], r["after"], r.get("before")
        cpu = " / ".join(f"{d['cpu']:.1f}" if d else "–" for d in (b, a, f))
        lines.append(
            f"| {r['entries']:,} | {r['rounds']} | {r['pages']:,} / {r['floor_pages']:,} "
            f"| {f['wall']:.1f} s | {_build(b)} | {_build(a)} | {_ratio(b, f)} "
            f"| {_ratio(a, f, bold=True)} | {cpu} s |"
        )
    if NOTE.exists():
        lines += ["", NOTE.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def _build(d: dict[str, Any] | None) -> str:
    return f"{d['wall']:.1f} s ({d['search']:.1f} s)" if d else "–"


def _ratio(d: dict[str, Any] | None, floor: dict[str, Any], bold: bool = False) -> str:
    """Without search / floor, of the medians, and of each round."""
    if not d:
        return "–"
    value = f"{d['without_search'] / floor['wall']:.2f}x"
    runs = ", ".join(f"{x:.2f}" for x in d["ratios"])
    return f"**{value}** ({runs})" if bold else f"{value} ({runs})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--before-src", help="the src/ folder of the code to compare with")
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="LABEL=SRC",
        help="also build with another src/ folder, in turns (e.g. one accelerator alone)",
    )
    parser.add_argument(
        "--floor-search",
        action="store_true",
        help="the floor runs Material's own search plugin (issue #29's bar: whole build ≤ 1.0x)",
    )
    parser.add_argument(
        "--warm", type=int, default=0, help="then this many builds with nothing changed"
    )
    parser.add_argument(
        "--scratch", help="a folder kept between runs: the catalogue is generated there once"
    )
    parser.add_argument("--no-write", action="store_true", help="print, do not store")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite BENCHMARKS.md from the stored results"
    )
    args = parser.parse_args(argv)
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if not args.render:
        if args.scratch:  # kept: the catalogue and its media are made once
            Path(args.scratch).mkdir(parents=True, exist_ok=True)
            out = run(args, Path(args.scratch))
        else:
            with tempfile.TemporaryDirectory() as tmp:
                out = run(args, Path(tmp))
        print(json.dumps(out, indent=1))
        if args.no_write:
            return 0
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        results[str(args.entries)] = out
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    text = table(results)
    print(text)
    bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())

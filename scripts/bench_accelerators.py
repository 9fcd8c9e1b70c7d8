#!/usr/bin/env python3
"""Each build accelerator measured alone: the same build with it and without it.

Copies ``src/`` once as it is ("with": every accelerator on) and once per
accelerator with only that one switched off (a small, exact edit of the copy;
the script stops if the code it edits has moved). On one generated catalogue
(:func:`bench_site.generate`, media seeded), every copy is then measured in
turns, round after round, so every copy sees the same load on the machine:

1. every page rendered (page cache and kept search index emptied first);
2. nothing changed (right after 1, pages and index reused);
3. with ``--serve``: one entry's text changed while ``etalase serve`` runs,
   seconds until the served page shows it (only for accelerators that
   ``serve`` uses).

``--before-src DIR`` adds another checkout's ``src/`` as one more copy (the
code before a refactor), for before/after figures from the same run.

Figures are medians over the rounds; ``scripts/bench_accelerators.json``
keeps them by N, and the "Accelerators, each alone" section of
``BENCHMARKS.md`` is written from them.

Usage: .venv/bin/python scripts/bench_accelerators.py [--entries 1000] [--rounds 3]
       [--serve] [--before-src /tmp/base/src] [--only NAME,...] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages
import bench_site

ROOT = bench_pages.ROOT
SECTION = "## Accelerators, each alone (site)"
RESULTS = ROOT / "scripts" / "bench_accelerators.json"
NOTE = ROOT / "scripts" / "bench_accelerators_note.md"

#: name -> (what it is, file under src/etalase, text there, the same code without it,
#: whether ``serve`` runs this code).
SWITCHES: dict[str, tuple[str, str, str, str, bool]] = {
    "fragments": (
        "`{% fragment %}`: menu, header, footer and cards rendered once per place",
        "plugin/fragments.py",
        "if any(part is None for part in key):",
        "if True:",
        True,
    ),
    "deferred": (
        "deferred Markdown (`DeferredPage`)",
        "plugin/mkdocs_private.py",
        "DeferredPage(None, file, config)",
        "pass",
        True,
    ),
    "parallel": (
        "forked renderers (one per core)",
        "plugin/plugin.py",
        "workers = parallel.worker_count(self.policy.render_workers)",
        "workers = 1",
        False,
    ),
    "gc_freeze": (
        "`gc.freeze()` after loading (build only)",
        "plugin/plugin.py",
        "            gc.freeze()",
        "            pass",
        False,
    ),
    "libyaml": (
        "libyaml fast path for front matter",
        "content/reader.py",
        '_CLoader: Any = getattr(yaml, "CSafeLoader", None)',
        "_CLoader: Any = None",
        True,
    ),
    "real_paths": (
        "`RealPaths` (each folder resolved once)",
        "paths.py",
        "        folder, name = os.path.split(path)\n        if not os.path.isabs(path)",
        "        return str(Path(path).resolve())\n        if not os.path.isabs(path)",
        True,
    ),
    "shown": (
        "the loader's `shown` fast path (paths by string)",
        "content/loader.py",
        'self.content_prefix = None if str(content_dir) in (".", "/") else f"{content_dir}/"',
        "self.content_prefix = None",
        True,
    ),
}


#: Accelerators measured and then removed (their switch went with their code).
REMOVED: dict[str, str] = {}
#: The decision for each, from the figures below (CPU seconds decide for the
#: in-process ones, wall seconds for the forked renderers).
DECISIONS = {
    "fragments": "kept",
    "deferred": "kept",
    "parallel": "kept",
    "gc_freeze": "kept",
    "libyaml": "kept",
    "real_paths": "kept",
    "shown": "kept",
}


def make_copies(scratch: Path, names: list[str], before: str | None) -> dict[str, Path]:
    """``src/`` copies by label: "with", "without:NAME" per accelerator, and "before"."""
    copies = {"with": scratch / "with" / "src"}
    shutil.copytree(ROOT / "src", copies["with"], ignore=shutil.ignore_patterns("__pycache__"))
    for name in names:
        _, rel, old, new, _ = SWITCHES[name]
        target = scratch / name / "src"
        shutil.copytree(copies["with"], target)
        path = target / "etalase" / rel
        text = path.read_text(encoding="utf-8")
        if text.count(old) != 1:
            raise SystemExit(f"{name}: the code to switch off moved ({rel})")
        path.write_text(text.replace(old, new), encoding="utf-8")
        copies[f"without:{name}"] = target
    if before:
        copies["before"] = Path(before).resolve()
    return copies


def seed_before(root: Path) -> None:
    """The code before issue #11 kept its media manifest at the cache folder's top."""
    cache = root / ".cache" / "plugin" / "etalase"
    for item in (cache / "media").iterdir():
        target = cache / item.name
        if not target.exists():
            os.link(item, target) if item.is_file() else shutil.copytree(item, target)


def median_of(done: list[dict[str, float]]) -> dict[str, Any]:
    return {
        "wall": statistics.median(d["wall"] for d in done),
        "cpu": statistics.median(d["cpu"] for d in done),
        "walls": [round(d["wall"], 2) for d in done],
    }


def run(args: argparse.Namespace, scratch: Path) -> dict[str, Any]:
    names = args.only.split(",") if args.only else list(SWITCHES)
    copies = make_copies(scratch, names, args.before_src)
    root = scratch / "catalogue"
    root.mkdir()
    bench_site.generate(root, args.entries)
    base_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    envs = {label: {**base_env, "PYTHONPATH": str(src)} for label, src in copies.items()}
    etalase = [sys.executable, "-m", "etalase"]
    bench_site.measure([*etalase, "media"], root, envs["with"])
    if "before" in envs:
        seed_before(root)
    for env in envs.values():  # warm every copy once (probes, disk cache, site folder)
        bench_site.measure([*etalase, "build"], root, env)
    full: dict[str, list[dict[str, float]]] = {label: [] for label in copies}
    same: dict[str, list[dict[str, float]]] = {label: [] for label in copies}
    for n in range(args.rounds):
        for label, env in envs.items():
            bench_site.forget_pages(root)
            full[label].append(bench_site.measure([*etalase, "build"], root, env))
            same[label].append(bench_site.measure([*etalase, "build"], root, env))
            print(
                f"round {n + 1} {label}: every page {full[label][-1]['wall']:.1f} s, "
                f"nothing changed {same[label][-1]['wall']:.1f} s",
                flush=True,
            )
    out: dict[str, Any] = {
        "entries": args.entries,
        "rounds": args.rounds,
        "date": dt.date.today().isoformat(),
        "cpus": os.cpu_count(),
        "full": {k: median_of(v) for k, v in full.items()},
        "same": {k: median_of(v) for k, v in same.items()},
    }
    if args.serve:
        serving = [
            label for label in envs if not label.startswith("without:") or SWITCHES[label[8:]][4]
        ]
        edits: dict[str, list[float]] = {label: [] for label in serving}
        for n in range(args.serve_rounds):
            for label in serving:
                edits[label] += bench_site.serve_rebuild(etalase, root, envs[label], edits=1)
                print(f"serve round {n + 1} {label}: {edits[label][-1]:.1f} s", flush=True)
        out["serve"] = {
            k: {"wall": statistics.median(v), "walls": [round(x, 2) for x in v]}
            for k, v in edits.items()
        }
    return out


def table(results: dict[str, Any]) -> str:
    """The section of ``BENCHMARKS.md`` from every stored result."""
    runs = sorted(results.values(), key=lambda r: r["entries"])
    lines = [
        SECTION,
        "",
        "Written by `scripts/bench_accelerators.py` from `scripts/bench_accelerators.json`: "
        "the same generated catalogue as above, built by a copy of `src/` with every "
        "accelerator (“with”) and by copies with exactly one switched off (“without”), in "
        "turns, round after round; medians of wall seconds (CPU seconds, process and "
        "children, in brackets). The bar for keeping one: it saves at least 5 % of a build "
        "(every page rendered, nothing changed, or a `serve` edit). Commands:",
        "",
        "```",
        *[
            f".venv/bin/python scripts/bench_accelerators.py --entries {r['entries']} "
            f"--rounds {r['rounds']}{' --serve' if 'serve' in r else ''}"
            for r in runs
        ],
        "```",
        "",
    ]
    for r in runs:
        lines += [
            f"**{r['entries']:,} entries**, {r['rounds']} rounds ({r['date']}, "
            f"{r['cpus']} cores, shared):",
            "",
            "| accelerator | every page rendered: with / without | nothing changed: "
            "with / without | `serve` edit: with / without | saves (wall) | decision |",
            "|---|---:|---:|---:|---:|---|",
        ]
        for label in [k for k in r["full"] if k.startswith("without:")]:
            name = label.removeprefix("without:")
            what = SWITCHES[name][0] if name in SWITCHES else REMOVED[name]
            serves = SWITCHES[name][4] if name in SWITCHES else True
            cells, saves = [], []
            for part in ("full", "same"):
                w, wo = r[part]["with"], r[part][label]
                cells.append(
                    f"{w['wall']:.1f} ({w['cpu']:.1f}) / {wo['wall']:.1f} ({wo['cpu']:.1f}) s"
                )
                saves.append(1 - w["wall"] / wo["wall"])
            if "serve" in r and label in r["serve"]:
                w, wo = r["serve"]["with"]["wall"], r["serve"][label]["wall"]
                cells.append(f"{w:.1f} / {wo:.1f} s")
                saves.append(1 - w / wo)
            else:
                cells.append("not used" if not serves else "–")
            lines.append(
                f"| {what} | "
                + " | ".join(cells)
                + " | "
                + " / ".join(f"{s:+.0%}" for s in saves)
                + f" | {DECISIONS.get(name, '?')} |"
            )
        if "before" in r["full"]:
            b, a = r["full"]["before"], r["full"]["with"]
            bs, as_ = r["same"]["before"], r["same"]["with"]
            row = (
                f"before (b7afdfd) / after: every page rendered {b['wall']:.1f} / "
                f"{a['wall']:.1f} s, nothing changed {bs['wall']:.1f} / {as_['wall']:.1f} s"
            )
            if "serve" in r and "before" in r["serve"]:
                row += (
                    f", `serve` edit {r['serve']['before']['wall']:.1f} / "
                    f"{r['serve']['with']['wall']:.1f} s"
                )
            lines += ["", row + "."]
        lines.append("")
    if NOTE.exists():
        lines.append(NOTE.read_text(encoding="utf-8").strip())
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Each accelerator alone, with and without.")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="also one serve edit per copy")
    parser.add_argument("--serve-rounds", type=int, default=2)
    parser.add_argument("--before-src", help="another checkout's src/, measured as 'before'")
    parser.add_argument("--only", help="comma-separated accelerators (default: all)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--render", action="store_true", help="only rewrite BENCHMARKS.md")
    args = parser.parse_args(argv)
    if not args.render:
        with tempfile.TemporaryDirectory() as tmp:
            out = run(args, Path(tmp))
        print(json.dumps(out, indent=1))
        if args.no_write:
            return 0
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        results[str(args.entries)] = out
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    text = table(results)
    print(text)
    bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())

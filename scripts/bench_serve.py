#!/usr/bin/env python3
"""A school's edit in ``etalase serve``: seconds from saving the file until the page shows it.

One generated catalogue (:func:`bench_site.generate`, media made once), then
``etalase serve`` of each ``src/`` copy in turns, round after round, so every
copy sees the same load on the shared machine: the copy of this checkout and,
with ``--before-src``, another checkout's (the code before a change). Each run
makes three edits 20 s apart (:func:`bench_site.serve_rebuild`): the entry's
text, its title (its card changes on its school's page, the home page and its
lists), its text again; figures are the medians over every edit of every round,
and of each kind.

Usage: .venv/bin/python scripts/bench_serve.py [--entries 1000] [--rounds 2]
       [--before-src /work/main/src] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_site

ROOT = bench_site.ROOT


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before-src", help="another checkout's src/, measured in turns")
    parser.add_argument("--keep", help="generate into this folder and keep it")
    args = parser.parse_args(argv)
    scratch = Path(args.keep or tempfile.mkdtemp(prefix="etalase-bench-serve-"))
    root = scratch / f"c{args.entries}"
    copies = {"after": str(ROOT / "src")}
    if args.before_src:
        copies["before"] = str(Path(args.before_src).resolve())
    base = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    etalase = [sys.executable, "-m", "etalase"]
    try:
        if not root.is_dir():
            bench_site.generate(root, args.entries)
        envs = {name: {**base, "PYTHONPATH": src} for name, src in copies.items()}
        for env in envs.values():  # media made once; each copy's pages kept once
            subprocess.run(
                [*etalase, "build"],
                cwd=root,
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        kinds = {"text": bench_site.touch_entry, "title": bench_site.retitle_entry}
        order = ["text", "title", "text"]
        edits: dict[str, list[float]] = {name: [] for name in copies}
        by_kind: dict[str, dict[str, list[float]]] = {n: {k: [] for k in kinds} for n in copies}
        for n in range(args.rounds):
            for name, env in envs.items():
                seconds = bench_site.serve_rebuild(
                    etalase, root, env, changes=[kinds[k] for k in order]
                )
                edits[name] += seconds
                for kind, s in zip(order, seconds, strict=True):
                    by_kind[name][kind].append(s)
                print(f"round {n + 1} {name}: " + ", ".join(f"{s:.1f}" for s in seconds))
        result = {
            "entries": args.entries,
            "cpus": os.cpu_count(),
            **{
                name: {
                    "edits": e,
                    "median": statistics.median(e),
                    **{f"median_{k}": statistics.median(v) for k, v in by_kind[name].items()},
                }
                for name, e in edits.items()
            },
        }
        print(json.dumps(result, indent=1))
        return 0
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

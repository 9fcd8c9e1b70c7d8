#!/usr/bin/env python3
"""Seconds of each step of the plugin's ``on_files`` on an existing site, in one process.

Run it in a site folder made by ``scripts/bench_site.py --keep DIR`` (its media
cache already seeded, so the media step starts no ffmpeg). It times, with
``time.perf_counter``, what a build and every ``etalase serve`` rebuild repeat:

- ``load_catalogue`` cold (the first call in a fresh process, no memo: what
  ``etalase build`` does), with a new :class:`~etalase.content.memo.ReadMemo`
  (the first load of ``etalase serve``, when the checkout has one) and warm (the
  next loads with that memo, as the plugin keeps it between rebuilds);
- :func:`~etalase.site.prepare.prepare_site` (a warm load, the media step on
  the published entries, everything cached, and the site plan), as the plugin
  calls it;
- the public-file check over MkDocs' file list.

Each figure is measured in ``--processes`` fresh processes (warm figures over
``--repeat`` rounds in each); the best and the median are printed, as a shared
machine's noise only ever adds time. ``--etalase-src DIR`` measures another
checkout's ``src/`` with the same data (before/after).

Usage: .venv/bin/python scripts/bench_stages.py SITE_DIR [--processes 5] [--repeat 3]
       [--etalase-src DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


def measure(site: Path, repeat: int) -> dict[str, Any]:
    """Every step's seconds in this process (``repeat`` warm rounds, median)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    from etalase.content.memo import ReadMemo
    from etalase.paths import RealPaths
    from etalase.project import load_project
    from etalase.site.prepare import prepare_site
    from etalase.site.strings import Strings

    os.chdir(site)
    project = load_project()
    out: dict[str, Any] = {}

    def timed(name: str, fn: Any) -> Any:
        started = time.perf_counter()
        value = fn()
        out.setdefault(name, []).append(round(time.perf_counter() - started, 4))
        return value

    first = timed("load_cold", lambda: project.load(root=site))
    memo = ReadMemo()
    timed("load_memo_first", lambda: project.load(root=site, memo=memo))
    entries = len(first.catalogue.entries)
    strings = Strings("id")
    config = load_config(str(site / "mkdocs.yml"))
    for _ in range(repeat):
        result = timed("load_warm", lambda: project.load(root=site, memo=memo))
        assert result == first, "a warm load differs from the cold one"
        prepared = timed("prepare_site", lambda: prepare_site(project, strings, memo=memo))
        assert prepared.media.processed == 0, "the media cache is not seeded: run bench_site.py"
        files = get_files(config)
        timed(
            "drop_private",
            lambda f=files, p=prepared: [
                file
                for file in f
                if p.is_public(file.src_uri, file.abs_src_path or ".", RealPaths())
            ],
        )
    import etalase

    summary: dict[str, Any] = {"src": str(Path(etalase.__file__).parent.parent), "entries": entries}
    for name, values in out.items():
        summary[name] = min(values)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--etalase-src", help="the src/ folder of another checkout to measure")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if args.child:
        print(json.dumps(measure(site, args.repeat)))
        return 0
    env = dict(os.environ)
    if args.etalase_src:
        env["PYTHONPATH"] = str(Path(args.etalase_src).resolve())
    runs: list[dict[str, Any]] = []
    for _ in range(args.processes):
        # A fresh process, so "cold" means nothing of the catalogue is in memory yet.
        done = subprocess.run(
            [sys.executable, __file__, str(site), "--repeat", str(args.repeat), "--child"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    out: dict[str, Any] = {"src": runs[0]["src"], "entries": runs[0]["entries"]}
    for name in ("load_cold", "load_memo_first", "load_warm", "prepare_site", "drop_private"):
        values = [run[name] for run in runs if name in run]
        if not values:
            continue
        out[name] = {"best": min(values), "median": round(statistics.median(values), 4)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

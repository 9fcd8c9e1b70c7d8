#!/usr/bin/env python3
"""Seconds of each step of the plugin's ``on_files`` on an existing site, in one process.

Run it in a site folder made by ``scripts/bench_site.py --keep DIR`` (its media
cache already seeded, so the media step starts no ffmpeg). It times, with
``time.perf_counter``, what a build and every ``etalase serve`` rebuild repeat:

- ``load_catalogue`` cold (the first call in a fresh process, no memo: what
  ``etalase build`` does), with a new :class:`~etalase.content.memo.ReadMemo`
  (the first load of ``etalase serve``, when the checkout has one) and warm (the
  next loads with that memo, as the plugin keeps it between rebuilds);
- ``run_media`` on the published entries, everything cached;
- ``plan_site``;
- ``_drop_private_files`` over MkDocs' file list.

Each figure is measured in ``--processes`` fresh processes (warm figures over
``--repeat`` rounds in each); the best and the median are printed, as a shared
machine's noise only ever adds time. ``--etalase-src DIR`` measures another
checkout's ``src/`` with the same data (before/after).

Usage: .venv/bin/python scripts/bench_stages.py SITE_DIR [--processes 5] [--repeat 3]
       [--etalase-src DIR]
"""

from __future__ import annotations

import argparse
import inspect
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

    from etalase.content.loader import load_catalogue
    from etalase.media.cache import MediaCache
    from etalase.media.pipeline import run_media
    from etalase.media.tools import find_tools
    from etalase.plugin.plugin import _drop_private_files
    from etalase.policy import Policy
    from etalase.site.pages import plan_site
    from etalase.site.strings import Strings

    os.chdir(site)
    config = load_config(str(site / "mkdocs.yml"))
    policy = Policy.from_config(config.plugins["etalase"].config)
    tools = find_tools(policy)
    docs = Path(config.docs_dir)
    cache_dir = site / policy.cache_dir
    out: dict[str, Any] = {}

    def timed(name: str, fn: Any) -> Any:
        started = time.perf_counter()
        value = fn()
        out.setdefault(name, []).append(round(time.perf_counter() - started, 4))
        return value

    prober = timed("prober", lambda: MediaCache.open(cache_dir).prober(
        tools, policy.probe_timeout))  # fmt: skip
    kwargs: dict[str, Any] = {}

    def load() -> Any:
        return load_catalogue(docs, policy, tools=tools, root=site, prober=prober, **kwargs)

    first = timed("load_cold", load)
    if "memo" in inspect.signature(load_catalogue).parameters:
        from etalase.content.memo import ReadMemo  # type: ignore[import-not-found,unused-ignore]

        kwargs["memo"] = ReadMemo()
        timed("load_memo_first", load)
    entries = len(first.catalogue.entries)
    strings = Strings("id")
    for _ in range(repeat):
        result = timed("load_warm", load)
        assert result == first, "a warm load differs from the cold one"
        from etalase.content.model import Catalogue

        catalogue = result.catalogue
        wanted = Catalogue(catalogue.schools, tuple(e for e in catalogue.entries
                                                     if e.is_published))  # fmt: skip
        media = timed("run_media", lambda c=wanted: run_media(c, policy, tools,
                                                              cache_dir=cache_dir, root=site))
        assert media.processed == 0, "the media cache is not seeded: run bench_site.py first"
        plan = timed("plan_site", lambda m=media, c=catalogue: plan_site(c, policy, m.media,
                                                                         strings))
        files = get_files(config)
        built = {spec.src_uri for spec in plan.pages}
        timed("drop_private", lambda f=files, r=result, b=built: _drop_private_files(f, r, b))
    import etalase

    summary: dict[str, Any] = {"src": str(Path(etalase.__file__).parent.parent),
                               "entries": entries}
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
        done = subprocess.run([sys.executable, __file__, str(site), "--repeat",
                               str(args.repeat), "--child"], env=env, check=True,
                              capture_output=True, text=True)  # fmt: skip
        runs.append(json.loads(done.stdout.splitlines()[-1]))
    out: dict[str, Any] = {"src": runs[0]["src"], "entries": runs[0]["entries"]}
    for name in ("prober", "load_cold", "load_memo_first", "load_warm", "run_media",
                 "plan_site", "drop_private"):  # fmt: skip
        values = [run[name] for run in runs if name in run]
        if not values:
            continue
        out[name] = {"best": min(values), "median": round(statistics.median(values), 4)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())

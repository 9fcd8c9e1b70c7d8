#!/usr/bin/env python3
"""Build time, memory, page and search weight of a large generated catalogue, against plain Material.

Generates a catalogue of N published entries in a scratch folder: N/10 schools
spread over Blora's kecamatan and two levels, each entry 135 words of
Indonesian text drawn from the demo catalogue's words in three paragraphs, up
to three tags, and a real tiny 31 s clip hard-linked into every entry folder.
The media step is seeded first (``etalase media``; outputs are content-addressed,
so the clip is encoded once), so the timings measure the site. Then, for N:

1. ``etalase build``, warm, ``--runs`` times: median wall and CPU seconds (the
   process and its children, Pagefind included) and the peak memory;
2. the same Markdown pages built by plain mkdocs-material, same versions, same
   run: the *floor* (a one-item ``nav:``, so no page lists the others) and,
   up to ``--default-limit`` entries, Material's *default* automatic nav;
3. Pagefind alone over the built site, so the MkDocs part can be compared with
   the floor on its own;
4. an incremental rebuild after one entry's text changed: ``etalase build``,
   and ``etalase serve`` (time from saving the file until the served page
   shows the change);
5. pages written, site size, the search index's size, the largest page, and in
   Debian's Chromium at phone size (gzip, as a real host serves) the bytes of
   home, a list page and an entry page, and the Pagefind bytes of a first query.

Each run stores its figures in ``scripts/bench_site.json`` (by label and N), and
the "Catalogue at scale" section of ``BENCHMARKS.md`` is written from all of
them. ``--label before --etalase-src DIR`` measures another checkout's
``src/`` with the same tools (only the build timings), for before/after tables.

Usage: .venv/bin/python scripts/bench_site.py [--entries 1000] [--runs 3]
       [--label after] [--etalase-src DIR] [--default-limit 1000] [--no-write] [--keep DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pages

ROOT = bench_pages.ROOT
SECTION = "## Catalogue at scale (site)"
RESULTS = ROOT / "scripts" / "bench_site.json"
# The closing note under the tables: what the figures mean (edited with the results).
NOTE = ROOT / "scripts" / "bench_site_note.md"

DISTRICTS = (
    "Blora",
    "Banjarejo",
    "Bogorejo",
    "Cepu",
    "Japah",
    "Jati",
    "Jepon",
    "Jiken",
    "Kedungtuban",
    "Kradenan",
    "Kunduran",
    "Ngawen",
    "Randublatung",
    "Sambong",
    "Todanan",
    "Tunjungan",
)
CATEGORIES = ("kreativitas-siswa", "inovasi-pembelajaran", "kegiatan-sekolah")
MKDOCS_YML = """\
site_name: Etalase Skala
site_url: https://etalase.example.id/
docs_dir: content
theme:
  name: material
  language: id
  font: false
plugins:
  - etalase:
      districts: [{districts}]
"""


def words_from_demo() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("index.md"))
    return sorted({w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)} - {"title", "date"})


def make_clip(path: Path) -> None:
    subprocess.run(
        [
            "ffmpeg",
            "-v",
            "error",
            "-nostdin",
            "-y",
            "-f",
            "lavfi",
            "-i",
            "testsrc2=s=96x54:r=5:d=31",
            "-f",
            "lavfi",
            "-i",
            "sine=d=31",
            "-c:v",
            "libx264",
            "-preset",
            "ultrafast",
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
            "-b:a",
            "24k",
            "-shortest",
            str(path),
        ],
        check=True,
    )


def generate(root: Path, entries: int, seed: int = 4) -> None:
    """Write the mkdocs.yml and the content tree of ``entries`` published entries."""
    rng = random.Random(seed)
    words = words_from_demo()
    content = root / "content"
    (content / "sekolah").mkdir(parents=True)
    (content / "index.md").write_text("---\ntitle: Beranda\n---\n# Etalase\n\nKatalog uji.\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(districts=", ".join(DISTRICTS)))
    clip = root / "clip.mp4"
    make_clip(clip)
    schools = max(1, entries // 10)
    for s in range(schools):
        folder = content / "sekolah" / f"sd-{s:05d}"
        folder.mkdir()
        (folder / "index.md").write_text(
            f'---\nname: SD Uji {s}\nnpsn: "{30000000 + s}"\nlevel: {rng.choice(["SD", "SMP"])}\n'
            f"district: {DISTRICTS[s % len(DISTRICTS)]}\n---\n"
            + " ".join(rng.choices(words, k=40))
            + "\n",
            encoding="utf-8",
        )
    start = dt.date(2024, 1, 1)
    for n in range(entries):
        folder = content / "sekolah" / f"sd-{n % schools:05d}" / f"entri-{n:05d}"
        folder.mkdir()
        os.link(clip, folder / "video.mp4")
        title = " ".join(rng.choices(words, k=5)).capitalize()
        tags = ", ".join(f'"{t}"' for t in sorted(set(rng.choices(words[:200], k=3))))
        body = "\n\n".join(" ".join(rng.choices(words, k=45)).capitalize() + "." for _ in range(3))
        (folder / "index.md").write_text(
            f'---\ntitle: "{title}"\ndate: {start + dt.timedelta(days=n % 900)}\n'
            f"category: {CATEGORIES[n % 3]}\nvideo: video.mp4\ntags: [{tags}]\n"
            f"consent: true\nstatus: published\n---\n{body}\n",
            encoding="utf-8",
        )


def plain_yml(nav: bool, *, search: bool = False) -> str:
    """Plain mkdocs-material: the floor (``nav: [index.md]``) or the default automatic nav;
    with ``search``, Material's own search plugin builds its index (issue #29's floor)."""
    lines = [
        "site_name: Material Polos",
        "site_url: https://etalase.example.id/",
        "docs_dir: content",
        "theme:",
        "  name: material",
        "  language: id",
        "  font: false",
    ]
    lines += ["nav:", "  - index.md"] if not nav else []
    plugins = ["plugins:", "  - search"] if search else ["plugins: []"]
    return "\n".join([*lines, *plugins, ""])


def plain_copy(root: Path, plain: Path, *, default_nav: bool, search: bool = False) -> None:
    """The same Markdown files (no videos) for plain mkdocs-material."""
    shutil.copytree(root / "content", plain / "content", ignore=shutil.ignore_patterns("*.mp4"))
    (plain / "mkdocs.yml").write_text(plain_yml(default_nav, search=search))


def measure(args: list[str], cwd: Path, env: dict[str, str]) -> dict[str, float]:
    """Wall and CPU seconds (children included) and peak memory (MB) of one command."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss": usage.ru_maxrss / 1024}


def repeated(
    args: list[str], cwd: Path, env: dict[str, str], runs: int, before: Any = None
) -> dict[str, Any]:
    """Medians of wall and CPU seconds over ``runs`` runs, and the largest peak memory.

    ``before()``, when given, runs before each run (not timed).
    """
    done = []
    for _ in range(runs):
        if before is not None:
            before()
        done.append(measure(args, cwd, env))
    return {
        "wall": statistics.median(d["wall"] for d in done),
        "cpu": statistics.median(d["cpu"] for d in done),
        "rss": max(d["rss"] for d in done),
        "runs": runs,
        "walls": [round(d["wall"], 2) for d in done],
    }


def touch_entry(root: Path, word: str) -> Path:
    """Change one entry's text (a school edits its description); returns the file."""
    path = root / "content" / "sekolah" / "sd-00000" / "entri-00000" / "index.md"
    path.write_text(path.read_text(encoding="utf-8") + f"\nDiperbarui {word}.\n", encoding="utf-8")
    return path


def retitle_entry(root: Path, word: str) -> None:
    """Change one entry's title: its card changes on its school page, home and lists."""
    path = root / "content" / "sekolah" / "sd-00000" / "entri-00000" / "index.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        re.sub(r'^title: ".*"$', f'title: "Judul {word}"', text, count=1, flags=re.M),
        encoding="utf-8",
    )


def forget_pages(root: Path) -> None:
    """Empty the page cache and the kept search index: the next build renders every page."""
    for name in ("pages", "search"):
        shutil.rmtree(root / ".cache" / "plugin" / "etalase" / name, ignore_errors=True)


def serve_rebuild(
    etalase: list[str],
    root: Path,
    env: dict[str, str],
    edits: int = 3,
    changes: Sequence[Callable[[Path, str], object]] = (),
) -> list[float]:
    """Seconds from saving one entry's change until ``etalase serve`` serves it, per edit.

    Edits are 20 s apart (a school saving a file, then looking at it); each is
    ``changes[n]`` when given (:func:`touch_entry`, :func:`retitle_entry`), else
    a text change.
    """
    changes = list(changes) or [touch_entry] * edits
    port = 8700 + os.getpid() % 200
    url = f"http://127.0.0.1:{port}/sekolah/sd-00000/entri-00000/"
    proc = subprocess.Popen(
        [*etalase, "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def wait_for(text: str, limit: float) -> None:
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if text in response.read().decode("utf-8", "replace"):
                        return
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"etalase serve did not show {text!r} within {limit:.0f} s")

    try:
        wait_for("</html>", 1800)
        seconds = []
        for n, change in enumerate(changes):
            time.sleep(20)  # let the watcher settle and the first index finish
            word = f"serve{n}x{int(time.time())}"
            started = time.perf_counter()
            change(root, word)
            wait_for(word, 1800)
            seconds.append(time.perf_counter() - started)
        return seconds
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def folder_bytes(folder: Path, pattern: str = "*") -> int:
    return sum(p.stat().st_size for p in folder.rglob(pattern) if p.is_file())


def largest_page(site: Path) -> tuple[int, str]:
    size, path = max((p.stat().st_size, p) for p in site.rglob("*.html"))
    return size, path.relative_to(site).as_posix()


def run_bench(args: argparse.Namespace, root: Path, scratch: Path) -> dict[str, Any]:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if args.etalase_src:
        env["PYTHONPATH"] = str(Path(args.etalase_src).resolve())
    etalase = [sys.executable, "-m", "etalase"]
    mkdocs = [str(bin_dir / "mkdocs"), "build", "-q"]
    generate(root, args.entries)
    out: dict[str, Any] = {
        "entries": args.entries,
        "schools": max(1, args.entries // 10),
        "date": dt.date.today().isoformat(),
        "cpus": os.cpu_count(),
    }
    out["seed_media"] = measure([*etalase, "media"], root, env)
    out["cold"] = measure([*etalase, "build"], root, env)
    # Every page rendered and indexed (as after a template change): the figure against the floor.
    out["full"] = repeated(
        [*etalase, "build"], root, env, args.runs, before=lambda: forget_pages(root)
    )
    # Nothing changed: pages and index come from the cache.
    out["build"] = repeated([*etalase, "build"], root, env, args.runs)
    site = root / "site"
    out["pagefind"] = measure(
        [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            str(site),
            "--output-subdir",
            "pagefind",
            "--glob",
            "sekolah/**/*.html",
            "--silent",
        ],
        root,
        env,
    )
    floor = scratch / "floor"
    plain_copy(root, floor, default_nav=False)
    measure(mkdocs, floor, env)  # warms the disk cache and the site folder, as a warm build
    out["floor"] = repeated(mkdocs, floor, env, args.runs)
    out["floor_pages"] = sum(1 for _ in (floor / "site").rglob("*.html"))
    out["floor_html_bytes"] = folder_bytes(floor / "site", "*.html")
    shutil.rmtree(floor)
    if args.entries <= args.default_limit:
        default = scratch / "default"
        plain_copy(root, default, default_nav=True)
        out["default"] = measure(mkdocs, default, env)
        out["default_html_bytes"] = folder_bytes(default / "site", "*.html")
        out["default_largest"] = largest_page(default / "site")[0]
        shutil.rmtree(default)
    out["pages"] = sum(1 for _ in site.rglob("*.html"))
    if args.only_build:
        return out
    touch_entry(root, "build")
    out["incremental_build"] = measure([*etalase, "build"], root, env)
    retitle_entry(root, "baru")
    out["title_build"] = measure([*etalase, "build"], root, env)
    out["serve_edits"] = serve_rebuild(etalase, root, env)
    out["serve_rebuild"] = statistics.median(out["serve_edits"])
    out["html_bytes"] = folder_bytes(site, "*.html")
    out["site_bytes"] = folder_bytes(site)
    out["search_index_bytes"] = folder_bytes(site / "pagefind")
    out["largest"] = largest_page(site)
    with bench_pages.GzipServer(site) as server, bench_pages.chromium() as browser:
        for name, path in (
            ("home", ""),
            ("list", "kecamatan/blora/"),
            ("entry", "sekolah/sd-00001/entri-00001/"),
        ):
            out[f"weight_{name}"] = bench_pages.weigh(browser, server, path)[0]
        _, out["query_bytes"], out["query_hits"] = bench_pages.weigh_search(
            browser, server, "murid"
        )
    return out


def compare(args: argparse.Namespace, root: Path, scratch: Path) -> dict[str, Any]:
    """Before, after and floor builds taken in turns, so each round sees the same load."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    before_env = {**env, "PYTHONPATH": str(Path(args.compare_src).resolve())}
    etalase = [sys.executable, "-m", "etalase", "build"]
    mkdocs = [str(Path(sys.executable).parent / "mkdocs"), "build", "-q"]
    generate(root, args.entries)
    measure([sys.executable, "-m", "etalase", "media"], root, env)
    floor = scratch / "floor"
    plain_copy(root, floor, default_nav=False)
    for cmd, cwd, e in ((etalase, root, before_env), (etalase, root, env), (mkdocs, floor, env)):
        measure(cmd, cwd, e)  # warm every one once
    rounds: dict[str, list[dict[str, float]]] = {"before": [], "after": [], "floor": []}
    for _ in range(args.runs):
        rounds["before"].append(measure(etalase, root, before_env))
        forget_pages(root)  # "after" renders every page too
        rounds["after"].append(measure(etalase, root, env))
        rounds["floor"].append(measure(mkdocs, floor, env))
    return {
        name: {
            "wall": statistics.median(d["wall"] for d in done),
            "cpu": statistics.median(d["cpu"] for d in done),
            "walls": [round(d["wall"], 2) for d in done],
        }
        for name, done in rounds.items()
    } | {"entries": args.entries, "runs": args.runs}


def kb(n: float) -> str:
    return f"{n / 1000:,.1f} KB"


def mb(n: float) -> str:
    return f"{n / 1_000_000:,.1f} MB"


def table(results: dict[str, Any]) -> str:
    """The section of ``BENCHMARKS.md`` from every stored result."""
    after = sorted(
        (r for k, r in results.items() if k.startswith("after:")), key=lambda r: r["entries"]
    )
    lines = [
        SECTION,
        "",
        "Written by `scripts/bench_site.py` from `scripts/bench_site.json`. Commands, from the "
        "repository root after `make install browser-deps`:",
        "",
        "```",
        *[
            f".venv/bin/python scripts/bench_site.py --entries {r['entries']} "
            f"--runs {r['build']['runs']}"
            for r in after
        ],
        "git archive <before-commit> src | tar -x -C /tmp/before && .venv/bin/python "
        "scripts/bench_site.py --entries N --label before --etalase-src /tmp/before/src "
        "--only-build",
        ".venv/bin/python scripts/bench_site.py --entries 1000 --runs 3 "
        "--compare-src /tmp/before/src",
        "```",
        "",
        "A generated catalogue (N entries, N/10 schools over 16 kecamatan, 3 categories, "
        "135 words and up to 3 tags per entry, a real tiny clip per entry, media seeded). "
        "Times are medians of the runs shown (wall clock; CPU = user + system of the process "
        "and its children). The machine has 2 cores, so wall times are noisy; CPU seconds are "
        "steadier. “floor” = plain mkdocs-material building the same Markdown pages with a "
        "one-item `nav:` and no plugin (so no search index); “default” = the same with "
        "Material's automatic navigation.",
        "",
    ]
    if not after:
        return "\n".join(lines)
    head = "| measure | " + " | ".join(f"{r['entries']:,} entries" for r in after) + " |"
    lines += [head, "|---|" + "---:|" * len(after)]

    def row(label: str, cell: Any) -> None:
        cells = []
        for r in after:
            try:
                cells.append(cell(r))
            except (KeyError, TypeError, ZeroDivisionError):
                cells.append("–")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")

    def mkdocs_part(r: dict[str, Any]) -> float:
        return float(r["full"]["wall"] - r["pagefind"]["wall"])

    row("HTML pages written: Etalase / floor", lambda r: f"{r['pages']:,} / {r['floor_pages']:,}")
    row("runs per figure", lambda r: str(r["build"]["runs"]))
    row(
        "`etalase build`, every page rendered (page cache emptied): wall",
        lambda r: f"{r['full']['wall']:.1f} s",
    )
    row("… CPU", lambda r: f"{r['full']['cpu']:.1f} s")
    row("… of which Pagefind (run alone)", lambda r: f"{r['pagefind']['wall']:.1f} s")
    row(
        "`etalase build`, nothing changed (pages and index reused): wall",
        lambda r: f"{r['build']['wall']:.1f} s",
    )
    row("… CPU", lambda r: f"{r['build']['cpu']:.1f} s")
    row("floor: wall", lambda r: f"{r['floor']['wall']:.1f} s")
    row("… CPU", lambda r: f"{r['floor']['cpu']:.1f} s")
    row("default nav: wall (one run)", lambda r: f"{r['default']['wall']:.1f} s")
    row(
        "**every page rendered / floor, wall** (bar ≤ 1.25x)",
        lambda r: f"**{r['full']['wall'] / r['floor']['wall']:.2f}x**",
    )
    row(
        "every page rendered / floor, CPU", lambda r: f"{r['full']['cpu'] / r['floor']['cpu']:.2f}x"
    )
    row(
        "**nothing changed / floor, wall**",
        lambda r: f"**{r['build']['wall'] / r['floor']['wall']:.2f}x**",
    )
    row(
        "MkDocs part (every page rendered − Pagefind) / floor, wall",
        lambda r: f"{mkdocs_part(r) / r['floor']['wall']:.2f}x",
    )
    row(
        "… per page, Etalase / floor",
        lambda r: f"{mkdocs_part(r) / r['pages'] / (r['floor']['wall'] / r['floor_pages']):.2f}x",
    )
    row("default nav / floor, wall", lambda r: f"{r['default']['wall'] / r['floor']['wall']:.1f}x")
    row(
        "peak memory: nothing changed / every page rendered (Pagefind's) / floor",
        lambda r: f"{r['build']['rss']:.0f} / {r['full']['rss']:.0f} / {r['floor']['rss']:.0f} MB",
    )
    row(
        "first build (empty site and page cache, media cached)",
        lambda r: f"{r['cold']['wall']:.1f} s",
    )
    row(
        "one entry's text changed: `etalase build`",
        lambda r: f"{r['incremental_build']['wall']:.1f} s",
    )
    row(
        "one entry's title changed (its card on lists): `etalase build`",
        lambda r: f"{r['title_build']['wall']:.1f} s",
    )
    row(
        "one entry's text changed: `etalase serve` shows it (median of 3 edits)",
        lambda r: (
            f"{r['serve_rebuild']:.1f} s ("
            + ", ".join(f"{x:.1f}" for x in r.get("serve_edits", [r["serve_rebuild"]]))
            + ")"
        ),
    )
    row(
        "HTML written: Etalase / floor / default",
        lambda r: (
            f"{mb(r['html_bytes'])} / {mb(r['floor_html_bytes'])} / "
            + (mb(r["default_html_bytes"]) if "default_html_bytes" in r else "–")
        ),
    )
    row("site size, all files (media hard-linked)", lambda r: mb(r["site_bytes"]))
    row("search index (`pagefind/`), all files", lambda r: mb(r["search_index_bytes"]))
    row(
        "first query “murid”: bytes fetched (bar ≤ 300 KB)",
        lambda r: f"{kb(r['query_bytes'])} ({r['query_hits']} shown)",
    )
    row("largest HTML page", lambda r: f"{kb(r['largest'][0])} (`{r['largest'][1]}`)")
    row("home, transferred (bar ≤ 150 KB)", lambda r: kb(r["weight_home"]))
    row("list page `/kecamatan/blora/`, transferred (bar ≤ 150 KB)", lambda r: kb(r["weight_list"]))
    row("entry page, transferred (bar ≤ 120 KB)", lambda r: kb(r["weight_entry"]))
    before = sorted(
        (r for k, r in results.items() if k.startswith("before:")), key=lambda r: r["entries"]
    )
    if before:
        lines += [
            "",
            "Before and after the optimisations: the same generated catalogue; each "
            "label's build (every page rendered) and floor measured in the same run (medians); "
            "the “before” code is `src/` as merged from the site issue (commit b8dc66f):",
            "",
            "| entries | before: build / floor, wall | after: build / floor, wall | "
            "before: CPU / floor CPU | after: CPU / floor CPU |",
            "|---:|---:|---:|---:|---:|",
        ]
        for b in before:
            a = results.get(f"after:{b['entries']}")
            if not a:
                continue

            def pair(r: dict[str, Any], what: str) -> str:
                build, floor = r.get("full", r["build"])[what], r["floor"][what]
                return f"{build:.1f} / {floor:.1f} s = **{build / floor:.2f}x**"

            lines.append(
                f"| {b['entries']:,} | {pair(b, 'wall')} | {pair(a, 'wall')} | "
                f"{pair(b, 'cpu')} | {pair(a, 'cpu')} |"
            )
    turns = sorted(
        (r for k, r in results.items() if k.startswith("compare:")), key=lambda r: r["entries"]
    )
    if turns:
        lines += [
            "",
            "Before, after and floor built in turns (`--compare-src`), so that every round "
            "sees the same load on the machine; “after” renders every page (page cache "
            "emptied before each of its runs); the “before” code is the one named in the "
            "note below; medians:",
            "",
            "| entries | rounds | before | after | floor | before / floor | after / floor | "
            "CPU before / after / floor |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in turns:
            b, a, f = r["before"], r["after"], r["floor"]
            lines.append(
                f"| {r['entries']:,} | {r['runs']} | {b['wall']:.1f} s | {a['wall']:.1f} s | "
                f"{f['wall']:.1f} s | {b['wall'] / f['wall']:.2f}x | **{a['wall'] / f['wall']:.2f}x** "
                f"| {b['cpu']:.1f} / {a['cpu']:.1f} / {f['cpu']:.1f} s |"
            )
    if NOTE.exists():
        lines += ["", NOTE.read_text(encoding="utf-8").strip()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build and search a large generated catalogue.")
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--label", default="after")
    parser.add_argument("--etalase-src", help="the src/ folder of another checkout to measure")
    parser.add_argument("--only-build", action="store_true", help="build timings only")
    parser.add_argument(
        "--default-limit",
        type=int,
        default=1000,
        help="build Material's default nav only up to this many entries",
    )
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument(
        "--render", action="store_true", help="only rewrite BENCHMARKS.md from the stored results"
    )
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--compare-src", help="before/after/floor in turns against this src/")
    args = parser.parse_args(argv)
    results: dict[str, Any] = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    if args.compare_src:
        with tempfile.TemporaryDirectory() as tmp:
            out = compare(args, Path(tmp) / "etalase", Path(tmp))
        print(json.dumps(out, indent=1))
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        results[f"compare:{args.entries}"] = out
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    elif not args.render:
        with tempfile.TemporaryDirectory() as tmp:
            root = args.keep or Path(tmp) / "etalase"
            root.mkdir(parents=True, exist_ok=True)
            out = run_bench(args, root, Path(tmp))
        print(json.dumps(out, indent=1))
        if args.no_write:
            return 0
        results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        results[f"{args.label}:{args.entries}"] = out
        RESULTS.write_text(json.dumps(results, indent=1, sort_keys=True) + "\n")
    text = table(results)
    print(text)
    bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""`etalase deploy` of a generated catalogue to a local SFTP server (OpenSSH's sshd).

The catalogue is bench_site.py's (N published entries, N/10 schools), with
``--clips`` distinct 31 s clips spread over the entries (each a different file,
so each gets its own renditions and posters, as real entries do; the clips are
re-muxed copies, so encoding stays cheap). With ``media_url`` set:

1. first deploy to an empty server: files and bytes written on the server, seconds;
2. a rebuild with nothing changed, then a deploy: seconds and bytes (0);
3. one entry's title changed, rebuilt, deployed: files and bytes written;
4. ``site/`` (what a page host receives) with and without ``media_url``, and the
   media folder.

Bytes are counted on the server (files whose size or time changed), not read
from rclone's output. Writes the "Deploy (site)" section of BENCHMARKS.md.

Usage: .venv/bin/python scripts/bench_deploy.py [--entries 1000] [--clips 20] [--no-write]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests" / "deploy"))

import bench_pages  # noqa: E402
import bench_site  # noqa: E402
from servers import sftp_server  # noqa: E402

ROOT = bench_pages.ROOT
SECTION = "## Deploy (site)"


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*") if p.is_file()
    }


def written(
    before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]
) -> tuple[int, int]:
    """Files (and their bytes) new or rewritten between two snapshots."""
    changed = [k for k, v in after.items() if before.get(k) != v]
    return len(changed), sum(after[k][0] for k in changed)


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def run(args: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )
    return time.perf_counter() - started


def spread_clips(root: Path, clips: int) -> None:
    """Give every entry one of ``clips`` distinct files (re-muxed copies of the one clip)."""
    base = root / "clip.mp4"
    variants = []
    for n in range(clips):
        out = root / f"clip-{n}.mp4"
        subprocess.run(
            [
                "ffmpeg",
                "-v",
                "error",
                "-nostdin",
                "-y",
                "-i",
                str(base),
                "-c",
                "copy",
                "-metadata",
                f"comment=klip {n}",
                str(out),
            ],
            check=True,
        )
        variants.append(out)
    for n, video in enumerate(sorted((root / "content" / "sekolah").glob("*/*/video.mp4"))):
        video.unlink()
        os.link(variants[n % clips], video)


def bench(entries: int, clips: int, scratch: Path) -> dict[str, float]:
    root = scratch / "proyek"
    root.mkdir()
    bench_site.generate(root, entries)
    spread_clips(root, clips)
    server = scratch / "server"
    server.mkdir()
    env = dict(os.environ, RCLONE_CONFIG=str(scratch / "none.conf"))
    etalase = [sys.executable, "-m", "etalase"]
    base_yml = (root / "mkdocs.yml").read_text()
    # Without media_url first: the size of site/ as publish.yml uploads it today.
    run([*etalase, "build"], root, env)
    plain_files, plain_bytes = folder_size(root / "site")
    (root / "mkdocs.yml").write_text(
        base_yml
        + (
            "      media_url: https://media.example.id/etalase/\n"
            "      deploy:\n"
            f"        pages: office:{server}/pages\n"
            f"        media: office:{server}/media\n"
        )
    )
    run([*etalase, "build"], root, env)
    site_files, site_bytes = folder_size(root / "site")
    media_files, media_bytes = folder_size(root / "site-media")
    figures: dict[str, float] = {
        "entries": entries,
        "clips": clips,
        "plain_files": plain_files,
        "plain_bytes": plain_bytes,
        "site_files": site_files,
        "site_bytes": site_bytes,
        "media_files": media_files,
        "media_bytes": media_bytes,
    }
    with sftp_server(scratch / "sshd") as sftp:
        env.update(sftp.env())
        before = snapshot(server)
        figures["first_s"] = run([*etalase, "deploy", "--no-verify"], root, env)
        figures["first_files"], figures["first_bytes"] = written(before, after := snapshot(server))
        run([*etalase, "build"], root, env)
        figures["same_s"] = run([*etalase, "deploy", "--no-verify"], root, env)
        figures["same_files"], figures["same_bytes"] = written(after, after2 := snapshot(server))
        bench_site.retitle_entry(root, "baru")
        run([*etalase, "build"], root, env)
        figures["one_s"] = run([*etalase, "deploy", "--no-verify"], root, env)
        figures["one_files"], figures["one_bytes"] = written(after2, snapshot(server))
    return figures


def table(f: dict[str, float]) -> str:
    mb = bench_site.mb
    return "\n".join(
        [
            SECTION,
            "",
            f"`scripts/bench_deploy.py --entries {int(f['entries'])} --clips {int(f['clips'])}` "
            f"({platform.machine()}, {os.cpu_count()} CPUs shared, rclone over SFTP to OpenSSH's "
            "sshd on 127.0.0.1; one run each). Bytes are counted on the server.",
            "",
            "| Deploy | Seconds | Files written | Bytes written |",
            "|---|---:|---:|---:|",
            f"| first, empty server | {f['first_s']:.1f} | {int(f['first_files']):,} | "
            f"{mb(f['first_bytes'])} |",
            f"| rebuilt, nothing changed | {f['same_s']:.1f} | {int(f['same_files'])} | "
            f"{int(f['same_bytes'])} B |",
            f"| one entry's title changed | {f['one_s']:.1f} | {int(f['one_files'])} | "
            f"{mb(f['one_bytes'])} |",
            "",
            "| What a host receives | Files | Size |",
            "|---|---:|---:|",
            f"| `site/` without `media_url` | {int(f['plain_files']):,} | {mb(f['plain_bytes'])} |",
            f"| `site/` with `media_url` (pages and assets) | {int(f['site_files']):,} | "
            f"{mb(f['site_bytes'])} |",
            f"| `site-media/` ({int(f['clips'])} distinct clips) | {int(f['media_files']):,} | "
            f"{mb(f['media_bytes'])} |",
            "",
            "Without `media_url` every entry folder carries its renditions and posters (hard links "
            "here, real bytes on a host); the generated clips are tiny (96x54), so real entries "
            "weigh far more in media (about 4-5 MB each), not in pages.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--clips", type=int, default=20)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-deploy-") as scratch:
        figures = bench(args.entries, args.clips, Path(scratch))
    text = table(figures)
    print(text)
    if not args.no_write:
        bench_pages.write_section(text, ROOT / "BENCHMARKS.md", section=SECTION)
    shutil.rmtree(ROOT / "test-artifacts" / "bench-deploy", ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

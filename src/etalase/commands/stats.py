"""``etalase stats import LOG…`` and ``etalase deploy --fetch-logs``: reach from the office's logs.

The logs are read by :mod:`etalase.stats` (one line at a time, no address or user agent
kept) against the catalogue's URLs under ``site_url``'s base path; the totals go to
``stats/kunjungan.json`` in the project, which the site's ``/statistik/`` page, the school
and innovation pages and the inventory export read. ``--fetch-logs`` copies the host's
``access.log*`` files with rclone from ``deploy.logs`` into the cache, then imports them.
Exit codes: 0 imported (unreadable lines are reported, never fatal), 1 a log file could
not be read or fetched, 2 configuration.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from ..deploy import rclone as rc
from ..lock import exclusive
from ..messages import text
from ..problems import Lang
from ..project import Project
from ..stats.importer import import_logs
from ..stats.lookup import page_lookup
from ..stats.totals import read_totals, totals_path, write_totals

#: Log files ``--fetch-logs`` copies from the host (nginx and Apache name them so).
LOG_PATTERN = "access.log*"


def run_stats_import(
    project: Project, logs: Sequence[Path], *, lang: Lang = "id", out: TextIO | None = None
) -> int:
    """Count the new lines of ``logs`` into the project's totals file."""
    out = out or sys.stdout
    with exclusive(project.cache.root / "stats.lock", "stats"):
        # Only the URLs matter: no clip is probed (an office PC without ffmpeg imports too).
        catalogue = project.load(probe=False).catalogue
        media_names = project.site_dir if project.policy.media_url else None
        where = page_lookup(catalogue, project.site_url, media_names)
        path = totals_path(project.root)
        totals = read_totals(path)
        report = import_logs(logs, where, totals)
        write_totals(path, totals)
    failed = False
    for item in report.files:
        shown = project.shown(item.path)
        if item.error is not None:
            failed = True
            out.write(text("stats.file_unreadable", lang, path=shown, reason=item.error) + "\n")
        else:
            key = "stats.known" if item.known else "stats.read"
            out.write(text(key, lang, path=shown, lines=item.lines) + "\n")
    tally = report.tally
    out.write(
        text(
            "stats.summary",
            lang,
            views=tally.views,
            plays=tally.plays,
            bots=tally.bots,
            other=tally.other,
        )
        + "\n"
    )
    if tally.unreadable:
        out.write(text("stats.unreadable_lines", lang, n=tally.unreadable) + "\n")
    out.write(text("stats.wrote", lang, path=project.shown(path)) + "\n")
    return 1 if failed else 0


def run_fetch_logs(project: Project, *, lang: Lang = "id", out: TextIO | None = None) -> int:
    """Copy the host's logs (``deploy.logs``) into the cache with rclone, then import them."""
    out = out or sys.stdout
    remote = dict(project.policy.deploy).get("logs")
    if not remote:
        out.write(text("stats.no_remote", lang) + "\n")
        return 2
    folder = project.cache.root / "logs"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        moved = rc.rclone(["copy", remote, str(folder), "--include", LOG_PATTERN])
    except rc.RcloneMissing:
        out.write(text("stats.fetch_failed", lang, remote=remote, error="rclone") + "\n")
        return 2
    if not moved.ok:
        out.write(text("stats.fetch_failed", lang, remote=remote, error=moved.error) + "\n")
        return 2 if moved.failure in ("auth", "unreachable", "config", "hostkey") else 1
    logs = sorted(p for p in folder.glob(LOG_PATTERN) if p.is_file())
    out.write(
        text("stats.fetched", lang, n=len(logs), remote=remote, folder=project.shown(folder)) + "\n"
    )
    return run_stats_import(project, logs, lang=lang, out=out)

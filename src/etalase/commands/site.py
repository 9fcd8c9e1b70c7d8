"""``etalase build`` and ``etalase serve``: MkDocs with the etalase plugin.

``build`` runs the whole chain through the plugin (check, media, pages,
search index) into a fresh folder beside ``site/`` and swaps it in only when
everything succeeded, so a failed build never replaces a good published site.
``serve`` is MkDocs' live preview; ``--preview`` also shows the entries that are
not published yet, marked with a banner, for curators. Both open the project's
workspace (:func:`etalase.workspace.open_workspace`) before MkDocs starts, so
the plugin loads the catalogue into it instead of making a project of its own,
and each ``serve`` rebuild reads only what changed.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import threading
from pathlib import Path
from typing import Any

from ..content.demo import demo_videos_missing
from ..content.loader import LoadResult
from ..errors import ConfigError
from ..folders import check_cache, check_output, check_replaceable
from ..lock import exclusive
from ..media.pipeline import check_writable
from ..messages import text
from ..ports import check_port, split_address
from ..problems import Lang
from ..process import ToolMissing, run
from ..project import Project
from ..site.prepare import PreparedSite
from ..workspace import open_workspace


def ready_to_build(project: Project) -> None:
    """What MkDocs would otherwise stumble on, said before it starts (exit code 2).

    Raises:
        ConfigError: ffmpeg is missing, or the cache folder cannot be written or is
            a part of the project (the content, the site...).
    """
    check_cache(project)
    project.tools()
    check_writable(project.cache.media)


def run_build(project: Project, *, strict: bool = False, lang: Lang = "id") -> int:
    """Build the site into ``site_dir``; 0 on success, 1 when the build failed.

    The new site is built into ``.<site>.new`` beside the old one and swapped
    in at the end; on failure the old site stays untouched.

    Raises:
        ConfigError: The project cannot be built (see :func:`ready_to_build`).
        FolderRefused: ``site_dir`` is a part of the project or a folder that
            holds something other than a built site (exit code 1).
        ProjectBusy: Another build of the same project is running (two builds
            would share ``.<site>.new`` and race to swap it in).
    """
    check_output(project, project.site_dir, "build")
    ready_to_build(project)
    open_workspace(project, live=False)
    with exclusive(project.cache.build_lock, "build"):
        return _build(project, strict=strict, lang=lang)


def _build(project: Project, *, strict: bool, lang: Lang) -> int:
    from ..plugin import run

    target = project.site_dir
    fresh = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(fresh, ignore_errors=True)
    # The site replaced by the previous build is deleted while this one renders:
    # tens of thousands of files, removed on the other core instead of after the swap.
    cleaner = threading.Thread(target=remove_tree, args=(old,), daemon=True)
    cleaner.start()
    try:
        session = run.build(project, fresh, strict=strict, lang=lang)
    except OSError as exc:
        if exc.errno not in DISK_FULL:
            raise
        raise _disk_full(fresh, target) from exc
    except run.BuildFailed as exc:
        if _free_bytes(fresh.parent) < NEARLY_FULL:  # a page renderer ran out of space
            raise _disk_full(fresh, target) from exc
        shutil.rmtree(fresh, ignore_errors=True)
        print(text("build.failed", lang, reason=exc.reason))
        return 1
    finally:
        cleaner.join()
    _swap(fresh, target, old)
    prepared = session.prepared if session is not None else None
    print(_summary(prepared, target, lang))
    if prepared is not None:
        hint = demo_hint(project, prepared.result, lang)
        if hint:
            print(hint)
    for line in _publishing_notes(project, prepared.plan if prepared else None, lang):
        print(line)
    return 0


def _publishing_notes(project: Project, plan: Any, lang: Lang) -> list[str]:
    """Trim the media folder to the new site; its size, and what a host would refuse."""
    from ..site.publish import prune_media
    from ..site.size import host_warnings, local_site_url, measure, size_report

    media = plan.media if plan is not None else ()
    policy = project.policy
    apart = None
    folder = project.root / policy.media_dir
    if policy.media_url:
        prune_media(folder, media)
        apart = measure(folder)
    site = measure(project.site_dir, {m.dest_uri for m in media})
    lines = size_report(site, apart, folder=policy.media_dir, media_url=policy.media_url, lang=lang)
    lines += host_warnings(site, policy.host, lang)
    if project.site_url and local_site_url(project.site_url):
        lines.append(text("site.url_local", lang, url=project.site_url))
    return lines


#: Seconds ``rm`` may take to delete a replaced site (what it leaves, the next build removes).
REMOVE_TIMEOUT = 3600.0


def remove_tree(folder: Path) -> None:
    """Delete ``folder`` (a replaced site) with ``rm`` in its own process.

    A thread of this process waits for it: walking and unlinking tens of
    thousands of files with ``shutil.rmtree`` here would hold the interpreter
    lock the build needs, which slowed a build at 1,000 entries by 0.4–0.8 s.
    Without ``rm``, or for what it left, ``shutil.rmtree`` does it.
    """
    if not folder.exists():
        return
    with contextlib.suppress(ToolMissing):
        run(["rm", "-rf", "--", str(folder)], timeout=REMOVE_TIMEOUT)
    shutil.rmtree(folder, ignore_errors=True)


#: A full file system, a file past the size limit, a full quota.
DISK_FULL = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT})
NEARLY_FULL = 64 * 1024


def _disk_full(fresh: Path, target: Path) -> ConfigError:
    """Remove the half-built site and say how much room the build needs (exit code 2).

    The need is at least what was written before the disk filled up, and about
    the size of the previous site when there is one.
    """
    written = _tree_bytes(fresh)
    shutil.rmtree(fresh, ignore_errors=True)
    need = max(written, _tree_bytes(target)) + NEARLY_FULL
    params = {
        "path": fresh.parent.resolve(),
        "need": _mb(need),
        "free": _mb(_free_bytes(fresh.parent)),
    }
    return ConfigError(text("disk.full", "id", **params), text("disk.full", "en", **params))


def _tree_bytes(folder: Path) -> int:
    total = 0
    for base, _, names in os.walk(folder):
        for name in names:
            try:
                total += os.lstat(os.path.join(base, name)).st_size
            except OSError:
                continue
    return total


def _free_bytes(folder: Path) -> int:
    try:
        info = os.statvfs(folder)
    except OSError:
        return NEARLY_FULL
    return info.f_bavail * info.f_frsize


def _mb(size: int) -> str:
    return f"{size / 1e6:.1f}"


def demo_hint(project: Project, result: LoadResult, lang: Lang) -> str | None:
    """What to run when the demo's videos were never made (a fresh clone), or None."""
    missing = demo_videos_missing(project.content_dir, result)
    return text("demo.videos_missing", lang, n=missing) if missing else None


def _summary(prepared: PreparedSite | None, target: Path, lang: Lang) -> str:
    if prepared is None:
        return text("build.done", lang, target=target)
    result, plan = prepared.result, prepared.plan
    published = len(result.catalogue.published) - len(plan.left_out)
    left_out = result.entries_seen - len(result.catalogue.entries) + len(plan.left_out)
    return text("build.summary", lang, target=target, published=published, left_out=left_out)


def _swap(fresh: Path, target: Path, old: Path) -> None:
    """Put ``fresh`` in place of ``target``; the replaced site waits in ``old``.

    ``old`` is deleted at the start of the next build, in the background.
    ``target`` is checked again: it may have changed during the build.
    """
    check_replaceable(target, "build")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)


#: MkDocs' own default address of ``serve``.
DEV_ADDR = "127.0.0.1:8000"


def run_serve(
    project: Project, *, dev_addr: str | None = None, preview: bool = False, lang: Lang = "id"
) -> int:
    """Serve a live preview that rebuilds when content changes, until interrupted.

    Raises:
        ConfigError: The project cannot be built, or its address is taken (said
            before the first build, which MkDocs runs before it listens).
    """
    from ..plugin import run

    ready_to_build(project)
    address = split_address(dev_addr or str(project.settings().get("dev_addr") or DEV_ADDR))
    if address is not None:
        host, port = address
        check_port(host, port, other=f"etalase serve --dev-addr {host}:{port + 1}")
    open_workspace(project)
    run.serve(project, dev_addr=dev_addr, preview=preview, lang=lang)
    return 0

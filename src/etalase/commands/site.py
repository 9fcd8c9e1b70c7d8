"""``etalase build`` and ``etalase serve``: MkDocs with the etalase plugin.

``build`` runs the whole chain through the plugin (check, media, pages,
search index) into a fresh folder beside ``site/`` and swaps it in only when
everything succeeded, so a failed build never replaces a good published site.
``serve`` is MkDocs' live preview; ``--preview`` also shows the entries that are
not published yet, marked with a banner, for curators.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from pathlib import Path
from typing import Any

from ..lock import BUILD_LOCK, exclusive
from ..plugin.plugin import PREVIEW_ENV
from ..policy import ConfigError, Project
from ..problems import Lang, say


def _load_mkdocs_config(project: Project, **overrides: Any) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if project.config_file is None:
        raise ConfigError(
            "mkdocs.yml tidak ditemukan di folder ini.", "mkdocs.yml not found in this folder."
        )
    try:
        return load_config(str(project.config_file), **overrides)
    except ConfigurationError as exc:
        raise ConfigError(
            f"mkdocs.yml tidak valid: {exc}", f"mkdocs.yml is invalid: {exc}"
        ) from exc


def run_build(project: Project, *, strict: bool = False, lang: Lang = "id") -> int:
    """Build the site into ``site_dir``; 0 on success, 1 when the build failed.

    The new site is built into ``.<site>.new`` beside the old one and swapped
    in at the end; on failure the old site stays untouched.

    Raises:
        ProjectBusy: Another build of the same project is running (two builds
            would share ``.<site>.new`` and race to swap it in).
    """
    with exclusive(project.root / BUILD_LOCK, "build"):
        return _build(project, strict=strict, lang=lang)


def _build(project: Project, *, strict: bool, lang: Lang) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    os.environ["ETALASE_LANG"] = lang
    _quiet_mkdocs()
    target = project.site_dir
    fresh = target.with_name(f".{target.name}.new")
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(fresh, ignore_errors=True)
    # The site replaced by the previous build is deleted while this one renders:
    # tens of thousands of files, removed on the other core instead of after the swap.
    cleaner = threading.Thread(target=shutil.rmtree, args=(old, True), daemon=True)
    cleaner.start()
    try:
        config = _load_mkdocs_config(project, strict=strict, site_dir=str(fresh))
        # As `mkdocs build` does: plugins learn this is a build, never a live preview.
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except (Abort, MkDocsException) as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        failed = {"id": "Pembangunan situs gagal", "en": "The site build failed"}[lang]
        kept = {"id": "situs lama tidak diubah", "en": "the previous site is unchanged"}[lang]
        print(f"{failed}: {exc} ({kept}).")
        return 1
    finally:
        cleaner.join()
    _swap(fresh, target, old)
    plugin = config.plugins.get("etalase")
    print(_summary(plugin, target, lang))
    for line in _publishing_notes(project, getattr(plugin, "plan", None), config.site_url, lang):
        print(line)
    return 0


def _publishing_notes(project: Project, plan: Any, site_url: str | None, lang: Lang) -> list[str]:
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
    lines = size_report(site, apart, folder=policy.media_dir, media_url=policy.media_url,
                        lang=lang)  # fmt: skip
    lines += host_warnings(site, policy.host, lang)
    if site_url and local_site_url(site_url):
        lines.append(say("SITE_URL_LOCAL", lang, url=site_url))
    return lines


def _summary(plugin: Any, target: Path, lang: Lang) -> str:
    result, plan = getattr(plugin, "result", None), getattr(plugin, "plan", None)
    if result is None or plan is None:
        return f"Site built in {target}." if lang == "en" else f"Situs dibangun di {target}."
    published = len(result.catalogue.published) - len(plan.left_out)
    left_out = result.entries_seen - len(result.catalogue.entries) + len(plan.left_out)
    if lang == "en":
        return (f"Site built in {target}: {published} entries published, "
                f"{left_out} left out because of problems (see above).")  # fmt: skip
    return (f"Situs selesai dibangun di {target}: {published} entri terbit, "
            f"{left_out} entri ditinggalkan karena bermasalah (lihat di atas).")  # fmt: skip


def _swap(fresh: Path, target: Path, old: Path) -> None:
    """Put ``fresh`` in place of ``target``; the replaced site waits in ``old``.

    ``old`` is deleted at the start of the next build, in the background.
    """
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(fresh, target)


def _quiet_mkdocs(level: int = logging.WARNING) -> None:
    """Show MkDocs' warnings and errors (each problem is one); ``serve`` adds its progress."""
    # Material's end-of-life notice is for maintainers, not for school operators.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logger = logging.getLogger("mkdocs")
    for old in [h for h in logger.handlers if getattr(h, "etalase", False)]:
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    handler.setLevel(level)
    handler.etalase = True  # type: ignore[attr-defined]
    logger.addHandler(handler)


def run_serve(
    project: Project, *, dev_addr: str | None = None, preview: bool = False, lang: Lang = "id"
) -> int:
    """Serve a live preview that rebuilds when content changes, until interrupted."""
    from mkdocs.commands.serve import serve

    if project.config_file is None:
        _load_mkdocs_config(project)
    os.environ["ETALASE_LANG"] = lang
    os.environ[PREVIEW_ENV] = "1" if preview else "0"
    _quiet_mkdocs(logging.INFO)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    serve(str(project.config_file), dev_addr=dev_addr)
    return 0

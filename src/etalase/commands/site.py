"""``etalase build`` and ``etalase serve``: MkDocs with the etalase plugin."""

from __future__ import annotations

from typing import Any

from ..policy import ConfigError, Project


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


def run_build(project: Project, *, strict: bool = False) -> int:
    """Build the site into ``site_dir``. Returns 0, or 1 when MkDocs aborts."""
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    config = _load_mkdocs_config(project, strict=strict)
    try:
        build(config)
    except (Abort, MkDocsException) as exc:
        print(f"Pembangunan situs gagal: {exc}")
        return 1
    return 0


def run_serve(project: Project, *, dev_addr: str | None = None) -> int:
    """Serve a live preview until interrupted."""
    from mkdocs.commands.serve import serve

    if project.config_file is None:
        _load_mkdocs_config(project)
    serve(str(project.config_file), dev_addr=dev_addr)
    return 0

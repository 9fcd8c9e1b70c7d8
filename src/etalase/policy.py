"""The office's policy: one declaration, read by the CLI and the MkDocs plugin alike.

Policy lives in ``mkdocs.yml`` under the ``etalase`` plugin. :class:`EtalaseConfig`
declares every option once (with MkDocs' own config machinery, so ``mkdocs build``
validates it as any plugin config); :class:`Policy` is the frozen, MkDocs-free
value the content loader and the media pipeline work with.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

DEFAULT_LEVELS = ("TK", "SD", "SMP", "SMA", "SMK", "SLB", "PKBM")
DEFAULT_CATEGORIES = {
    "kreativitas-siswa": "Kreativitas Siswa",
    "inovasi-pembelajaran": "Inovasi Pembelajaran",
    "kegiatan-sekolah": "Kegiatan Sekolah",
}
STATUSES = ("draft", "review", "published", "rejected")


class ConfigError(Exception):
    """``mkdocs.yml`` or the environment is broken: exit code 2, not a problem value.

    Args:
        message: The Indonesian text.
        message_en: The English text; the Indonesian one is used when absent.
    """

    def __init__(self, message: str, message_en: str | None = None) -> None:
        super().__init__(message)
        self.message_en = message_en or message

    def text(self, lang: str = "id") -> str:
        return self.message_en if lang == "en" else str(self)


class EtalaseConfig(Config):  # type: ignore[no-untyped-call,unused-ignore]
    """Options of the ``etalase`` plugin in ``mkdocs.yml``."""

    duration_min = c.Type((int, float), default=30)
    duration_max = c.Type((int, float), default=60)
    # Phone recorders stop a little late or early: 59.9 s or 60.4 s are fine.
    duration_tolerance = c.Type((int, float), default=1.5)
    max_file_mb = c.Type((int, float), default=500)
    levels = c.ListOfItems(c.Type(str), default=list(DEFAULT_LEVELS))
    districts = c.ListOfItems(c.Type(str), default=[])
    categories = c.Type(dict, default=dict(DEFAULT_CATEGORIES))
    default_status = c.Choice(STATUSES, default="review")
    ffmpeg = c.Optional(c.Type(str))
    ffprobe = c.Optional(c.Type(str))
    probe_timeout = c.Type((int, float), default=10)
    # Media step: posters, renditions and the cache they live in.
    poster_widths = c.ListOfItems(c.Type(int), default=[320, 640, 1280])
    rendition_height = c.Type(int, default=720)
    saver_height = c.Type(int, default=360)
    video_kbps = c.Type(int, default=520)
    audio_kbps = c.Type(int, default=96)
    saver_kbps = c.Type(int, default=128)
    saver_audio_kbps = c.Type(int, default=40)
    media_timeout = c.Type((int, float), default=600)
    cache_dir = c.Type(str, default=".cache/plugin/etalase")
    # Site: processes rendering the catalogue's pages in `etalase build` (0: one per CPU).
    render_workers = c.Type(int, default=0)
    # Publishing: renditions and posters on their own host, and where `etalase deploy` puts things.
    media_url = c.Optional(c.Type(str))
    media_dir = c.Type(str, default="site-media")
    host = c.Optional(c.Choice(("github-pages", "cloudflare-pages")))
    deploy = c.Type(dict, default={})
    media_keep_days = c.Type((int, float), default=7)


@dataclass(frozen=True, slots=True)
class Policy:
    """What the office accepts. Built from :class:`EtalaseConfig`."""

    duration_min: float
    duration_max: float
    duration_tolerance: float
    max_file_bytes: int
    levels: tuple[str, ...]
    districts: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]
    default_status: str
    ffmpeg: str | None
    ffprobe: str | None
    probe_timeout: float
    poster_widths: tuple[int, ...] = (320, 640, 1280)
    rendition_height: int = 720  # the short side of the web rendition, at most
    saver_height: int = 360  # the short side of the data-saver rendition, at most
    video_kbps: int = 520  # video bitrate ceiling of the web rendition
    audio_kbps: int = 96
    saver_kbps: int = 128
    saver_audio_kbps: int = 40
    media_timeout: float = 600  # seconds per ffmpeg call
    cache_dir: str = ".cache/plugin/etalase"  # relative to the mkdocs.yml folder
    render_workers: int = 0  # processes rendering pages in a build; 0: one per CPU
    media_url: str | None = None  # renditions and posters served from here (ends with /)
    media_dir: str = "site-media"  # where a build puts them then, relative to mkdocs.yml
    host: str | None = None  # github-pages or cloudflare-pages: warn before their limits
    deploy: tuple[tuple[str, str], ...] = ()  # ("pages"|"media", "REMOTE:PATH")
    media_keep_days: float = 7  # unreferenced media stay this long on the media host

    @property
    def category_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, _ in self.categories)

    def category_label(self, slug: str) -> str:
        return dict(self.categories).get(slug, slug)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> Policy:
        """Turn a validated :class:`EtalaseConfig` into a policy."""
        categories = config["categories"]
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in categories.items()):
            raise ConfigError(
                "etalase.categories: setiap kategori ditulis 'slug: Label'",
                "etalase.categories: write each category as 'slug: Label'",
            )
        low, high = float(config["duration_min"]), float(config["duration_max"])
        if not 0 <= low < high:
            raise ConfigError(
                "etalase.duration_min harus lebih kecil dari duration_max",
                "etalase.duration_min must be smaller than duration_max",
            )
        sizes = [*config["poster_widths"], config["rendition_height"], config["saver_height"]]
        rates = [config[k] for k in ("video_kbps", "audio_kbps", "saver_kbps", "saver_audio_kbps")]
        if not config["poster_widths"] or min(sizes) < 16 or min(rates) < 8:
            raise ConfigError(
                "etalase: poster_widths, rendition_height dan saver_height minimal 16 piksel; "
                "*_kbps minimal 8",
                "etalase: poster_widths, rendition_height and saver_height must be at least "
                "16 pixels; *_kbps at least 8",
            )
        return cls(
            duration_min=low,
            duration_max=high,
            duration_tolerance=float(config["duration_tolerance"]),
            max_file_bytes=int(float(config["max_file_mb"]) * 1024 * 1024),
            levels=tuple(config["levels"]),
            districts=tuple(config["districts"]),
            categories=tuple((str(k), str(v)) for k, v in categories.items()),
            default_status=str(config["default_status"]),
            ffmpeg=config["ffmpeg"],
            ffprobe=config["ffprobe"],
            probe_timeout=float(config["probe_timeout"]),
            poster_widths=tuple(sorted({int(w) for w in config["poster_widths"]})),
            rendition_height=int(config["rendition_height"]),
            saver_height=int(config["saver_height"]),
            video_kbps=int(config["video_kbps"]),
            audio_kbps=int(config["audio_kbps"]),
            saver_kbps=int(config["saver_kbps"]),
            saver_audio_kbps=int(config["saver_audio_kbps"]),
            media_timeout=float(config["media_timeout"]),
            cache_dir=str(config["cache_dir"]),
            render_workers=int(config["render_workers"]),
            media_url=_media_url(config["media_url"]),
            media_dir=str(config["media_dir"]),
            host=config["host"],
            deploy=_deploy_targets(config["deploy"]),
            media_keep_days=float(config["media_keep_days"]),
        )


def _media_url(value: str | None) -> str | None:
    if not value:
        return None
    if not value.startswith(("https://", "http://")):
        raise ConfigError(
            f"etalase.media_url harus alamat lengkap (https://...): {value!r}",
            f"etalase.media_url must be a full address (https://...): {value!r}",
        )
    return value if value.endswith("/") else value + "/"


def _deploy_targets(value: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    unknown = sorted(set(map(str, value)) - {"pages", "media"})
    if unknown or not all(isinstance(v, str) and v for v in value.values()):
        raise ConfigError(
            "etalase.deploy hanya berisi 'pages: REMOTE:FOLDER' dan 'media: REMOTE:FOLDER'",
            "etalase.deploy holds only 'pages: REMOTE:PATH' and 'media: REMOTE:PATH'",
        )
    return tuple(sorted((str(k), str(v)) for k, v in value.items()))


def validate_plugin_config(raw: Mapping[str, Any], config_file: str | None = None) -> Policy:
    """Validate the plugin's options as MkDocs would and return the policy."""
    config = EtalaseConfig(config_file_path=config_file)
    config.load_dict(dict(raw))
    errors, _warnings = config.validate()
    if errors:
        detail = "; ".join(f"{name}: {err}" for name, err in errors)
        raise ConfigError(
            f"pengaturan etalase di mkdocs.yml tidak valid: {detail}",
            f"the etalase settings in mkdocs.yml are invalid: {detail}",
        )
    return Policy.from_config(config)


def default_policy() -> Policy:
    """The policy with every option at its default."""
    return validate_plugin_config({})


@dataclass(frozen=True, slots=True)
class Project:
    """Where things are: the ``mkdocs.yml``, the content folder, and the policy."""

    root: Path
    config_file: Path | None
    content_dir: Path
    policy: Policy
    site_dir: Path


def load_project(config_file: str | os.PathLike[str] | None = None) -> Project:
    """Read ``mkdocs.yml`` (default: the one in the working folder).

    Without a ``mkdocs.yml`` the defaults apply and ``content/`` is the content
    folder, so ``etalase check`` works on a bare folder too.

    Raises:
        ConfigError: the file is given but missing, or is not valid.
    """
    path = Path(config_file) if config_file else Path("mkdocs.yml")
    if not path.is_file():
        if config_file:
            raise ConfigError(
                f"berkas konfigurasi {path} tidak ditemukan", f"config file {path} not found"
            )
        root = Path.cwd()
        return Project(root, None, root / "content", default_policy(), root / "site")
    from mkdocs.utils.yaml import yaml_load

    try:
        with path.open("rb") as handle:
            raw = yaml_load(handle) or {}
    except Exception as exc:  # any YAML or tag error in a trusted file
        raise ConfigError(
            f"{path} tidak bisa dibaca: {exc}", f"{path} cannot be read: {exc}"
        ) from exc
    if not isinstance(raw, dict):
        raise ConfigError(
            f"{path} harus berisi pengaturan 'nama: nilai'",
            f"{path} must hold 'name: value' settings",
        )
    root = path.resolve().parent
    content_dir = root / str(raw.get("docs_dir", "docs"))
    site_dir = root / str(raw.get("site_dir", "site"))
    options = _plugin_options(raw.get("plugins"))
    policy = validate_plugin_config(options, str(path))
    return Project(root, path.resolve(), content_dir, policy, site_dir)


def _plugin_options(plugins: object) -> Mapping[str, Any]:
    """Find the ``etalase`` entry in a ``plugins:`` list or mapping."""
    items: list[object]
    if isinstance(plugins, dict):
        items = [{k: v} for k, v in plugins.items()]
    elif isinstance(plugins, list):
        items = plugins
    else:
        return {}
    for item in items:
        if item == "etalase":
            return {}
        if isinstance(item, dict) and "etalase" in item:
            options = item["etalase"] or {}
            if not isinstance(options, dict):
                raise ConfigError(
                    "pengaturan plugin etalase harus berupa 'nama: nilai'",
                    "the etalase plugin settings must be 'name: value' pairs",
                )
            return {k: v for k, v in options.items() if k != "enabled"}
    return {}

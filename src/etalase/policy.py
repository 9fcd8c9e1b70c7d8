"""The office's policy: every option of the ``etalase`` plugin, declared once.

Policy lives in ``mkdocs.yml`` under the ``etalase`` plugin. :data:`OPTIONS`
declares each option with its kind and default, once; :class:`Policy` is the
frozen value the content loader, the media step and the site work with, made
from the options by :meth:`Policy.from_options` without any per-option code.
The MkDocs plugin's config class (:mod:`etalase.plugin.config`) is derived from
the same table, so ``mkdocs build`` and ``etalase check`` accept exactly the
same settings. Nothing here imports MkDocs: ``etalase check`` never loads it.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Literal, NamedTuple, get_args

from .errors import ConfigError
from .messages import Either, Ref

Status = Literal["draft", "review", "published", "rejected"]
STATUSES: tuple[Status, ...] = get_args(Status)

#: How an option's value is checked and turned into a :class:`Policy` field.
Kind = Literal[
    "number",
    "integer",
    "text",
    "optional-text",
    "optional-url",
    "texts",
    "sizes",
    "labels",
    "status",
    "flag",
]


class Option(NamedTuple):
    """One plugin option: its kind and its default."""

    kind: Kind
    default: object


#: Options of one run of the plugin, not of the office's policy: ``lang`` (the
#: language of problem messages), ``preview`` (unpublished entries in a live
#: preview), ``edition`` and ``since`` (an offline edition and its update pack's
#: first day). Declared here, once: the plugin's config class
#: (:mod:`etalase.plugin.config`) gives each its MkDocs type, and
#: :data:`NOT_POLICY` is what the CLI's reading of ``mkdocs.yml`` leaves out.
RUN_OPTIONS = ("lang", "preview", "edition", "since")

#: Every option the ``etalase`` plugin takes that is not policy: the run's, and
#: MkDocs' own ``enabled``.
NOT_POLICY = frozenset({"enabled", *RUN_OPTIONS})

OPTIONS: Mapping[str, Option] = {
    "duration_min": Option("number", 30),
    "duration_max": Option("number", 60),
    # Phone recorders stop a little late or early: 59.9 s or 60.4 s are fine.
    "duration_tolerance": Option("number", 1.5),
    "max_file_mb": Option("number", 500),
    "levels": Option("texts", ["TK", "SD", "SMP", "SMA", "SMK", "SLB", "PKBM"]),
    "districts": Option("texts", []),
    "categories": Option(
        "labels",
        {
            "kreativitas-siswa": "Kreativitas Siswa",
            "inovasi-pembelajaran": "Inovasi Pembelajaran",
            "kegiatan-sekolah": "Kegiatan Sekolah",
        },
    ),
    "default_status": Option("status", "review"),
    "ffmpeg": Option("optional-text", None),
    "ffprobe": Option("optional-text", None),
    "probe_timeout": Option("number", 10),
    # Media step: posters, renditions and the cache they live in.
    "poster_widths": Option("sizes", [320, 640, 1280]),
    "rendition_height": Option("integer", 720),  # the short side of the web rendition, at most
    "saver_height": Option("integer", 360),  # the short side of the data-saver rendition
    "video_kbps": Option("integer", 520),  # video bitrate ceiling of the web rendition
    "audio_kbps": Option("integer", 96),
    "saver_kbps": Option("integer", 128),
    "saver_audio_kbps": Option("integer", 40),
    "media_timeout": Option("number", 600),  # seconds per ffmpeg call
    "cache_dir": Option("text", ".cache/plugin/etalase"),  # relative to the mkdocs.yml folder
    # Site: processes rendering the catalogue's pages in `etalase build` (0: one per CPU).
    "render_workers": Option("integer", 0),
    # Publishing: renditions and posters on their own host (media_url, ending with /), where
    # a build puts them then (relative to mkdocs.yml), the host whose limits to warn about,
    # where `etalase deploy` sends things ({pages|media: REMOTE:PATH}) and where
    # `etalase deploy --fetch-logs` reads the web server's logs (logs: REMOTE:PATH), and how long
    # media no longer referenced stay on the media host.
    "media_url": Option("optional-url", None),
    "media_dir": Option("text", "site-media"),
    "host": Option("optional-text", None),
    "deploy": Option("labels", {}),
    # An OpenSSH known_hosts file (relative to mkdocs.yml) with the SFTP hosts' keys: a host
    # answering with another key is refused.
    "deploy_known_hosts": Option("optional-text", None),
    "media_keep_days": Option("number", 7),
    # Innovation profiles (content/inovasi/): their themes, and the words each section needs.
    "innovation_themes": Option(
        "labels",
        {
            "inklusi": "Inklusi",
            "anti-putus-sekolah": "Anti Putus Sekolah",
            "literasi": "Literasi",
            "lingkungan": "Lingkungan",
            "kesehatan-gizi": "Kesehatan dan Gizi",
            "karakter": "Karakter",
        },
    ),
    "innovation_min_words": Option("integer", 50),
    # The curator's desk: common reasons offered when rejecting (free text stays allowed).
    "reject_reasons": Option(
        "texts",
        [
            "Wajah murid terlihat jelas tetapi izin orang tua belum ada.",
            "Suara tidak terdengar jelas; rekam ulang di tempat yang lebih tenang.",
            "Gambar terlalu gelap atau goyang; rekam ulang dengan cahaya cukup.",
            "Penjelasan terlalu singkat; ceritakan apa, siapa, dan hasilnya.",
            "Video memuat musik atau logo milik pihak lain.",
        ],
    ),
    # The desk shows times in the office's own clock (IANA name: Asia/Makassar for WITA).
    "timezone": Option("text", "Asia/Jakarta"),
    # The office's list of every school (Dapodik export), relative to the content folder.
    # Used when the file exists; "" turns the roster off.
    "roster": Option("text", "sekolah.csv"),
    # The ZIM for Kiwix (etalase offline --zim): its title (openZIM: at most 30 characters;
    # default the site's name) and the office that publishes it (default site_author, else
    # the site's name).
    "offline_title": Option("optional-text", None),
    "offline_publisher": Option("optional-text", None),
    # The education office's name as it signs documents (dossiers, PKRI narrative,
    # replication letters): e.g. "Dinas Pendidikan Kabupaten Blora".
    "office": Option("optional-text", None),
    # Caption drafts (etalase captions): "" is the Whisper base model of the `stt` extra;
    # else a CTranslate2 model folder (relative to mkdocs.yml) or a faster-whisper model
    # name (small, medium, large-v3) for an office with internet.
    "stt_model": Option("text", ""),
    # Unchecked machine drafts on the site (#30.3): false (the default) publishes only the
    # school's captions and the drafts a person checked in the desk; true also publishes
    # an entry's draft in a language it has no other captions in, labelled "otomatis" with
    # the notice "Takarir otomatis – belum diperiksa". Such a draft is never indexed by
    # search, nor put in the competition video or the dossier's transcripts.
    "publish_unchecked_drafts": Option("flag", False),
}

HOSTS = ("github-pages", "cloudflare-pages")
DEPLOY_TARGETS = ("pages", "media", "logs")


@dataclass(frozen=True, slots=True)
class Policy:
    """What the office accepts: one field per option of :data:`OPTIONS`, same name."""

    duration_min: float
    duration_max: float
    duration_tolerance: float
    max_file_mb: float
    levels: tuple[str, ...]
    districts: tuple[str, ...]
    categories: tuple[tuple[str, str], ...]  # (slug, label), in the configured order
    default_status: Status
    ffmpeg: str | None
    ffprobe: str | None
    probe_timeout: float
    poster_widths: tuple[int, ...]  # sorted, each once
    rendition_height: int
    saver_height: int
    video_kbps: int
    audio_kbps: int
    saver_kbps: int
    saver_audio_kbps: int
    media_timeout: float
    cache_dir: str
    render_workers: int
    media_url: str | None
    media_dir: str
    host: str | None
    deploy: tuple[tuple[str, str], ...]  # ("pages"|"media", "REMOTE:PATH")
    deploy_known_hosts: str | None
    media_keep_days: float
    innovation_themes: tuple[tuple[str, str], ...]  # (slug, label), in the configured order
    innovation_min_words: int  # per KIPP section; fewer is a warning
    reject_reasons: tuple[str, ...]
    timezone: str  # an IANA time zone name
    roster: str
    offline_title: str | None
    offline_publisher: str | None
    office: str | None
    stt_model: str
    publish_unchecked_drafts: bool

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def category_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, _ in self.categories)

    def category_label(self, slug: str) -> str:
        return dict(self.categories).get(slug, slug)

    @property
    def theme_slugs(self) -> tuple[str, ...]:
        return tuple(slug for slug, _ in self.innovation_themes)

    def theme_label(self, slug: str) -> str:
        return dict(self.innovation_themes).get(slug, slug)

    @classmethod
    def from_options(cls, options: Mapping[str, Any]) -> Policy:
        """Check the plugin's options and make the policy; absent options take their default.

        Raises:
            ConfigError: An option has the wrong kind of value, or the values
                contradict each other.
        """
        unknown = sorted(set(options) - set(OPTIONS))
        if unknown:
            raise ConfigError("config.unknown_settings", names=", ".join(unknown))
        values: dict[str, Any] = {}
        for name, option in OPTIONS.items():
            raw = options.get(name)
            values[name] = _convert(name, option.kind, option.default if raw is None else raw)
        policy = cls(**values)
        policy._check()
        return policy

    def _check(self) -> None:
        if not 0 <= self.duration_min < self.duration_max:
            raise ConfigError("config.duration_order")
        sizes = [*self.poster_widths, self.rendition_height, self.saver_height]
        rates = [self.video_kbps, self.audio_kbps, self.saver_kbps, self.saver_audio_kbps]
        if not self.poster_widths or min(sizes) < 16 or min(rates) < 8:
            raise ConfigError("config.too_small")
        if self.host is not None and self.host not in HOSTS:
            raise ConfigError(
                f"etalase.host harus salah satu dari: {', '.join(HOSTS)} (tertulis: {self.host!r})",
                f"etalase.host must be one of: {', '.join(HOSTS)} (found: {self.host!r})",
            )
        try:
            zoneinfo.ZoneInfo(self.timezone)
        except (ValueError, zoneinfo.ZoneInfoNotFoundError):
            raise ConfigError("config.timezone_unknown", value=self.timezone) from None
        if any(k not in DEPLOY_TARGETS or not v for k, v in self.deploy):
            raise ConfigError(
                "etalase.deploy hanya berisi 'pages: REMOTE:FOLDER', 'media: REMOTE:FOLDER' dan "
                "'logs: REMOTE:FOLDER'",
                "etalase.deploy holds only 'pages: REMOTE:PATH', 'media: REMOTE:PATH' and "
                "'logs: REMOTE:PATH'",
            )


def default_policy() -> Policy:
    """The policy with every option at its default."""
    return Policy.from_options({})


def _convert(name: str, kind: Kind, value: Any) -> Any:
    """``value`` as the :class:`Policy` field of ``kind`` holds it."""
    number = (int, float)
    ok: bool
    if kind == "number":
        ok = isinstance(value, number) and not isinstance(value, bool)
        result: Any = float(value) if ok else None
    elif kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        result = value
    elif kind in ("text", "optional-text"):
        ok = isinstance(value, str) or (kind == "optional-text" and value is None)
        result = value
    elif kind == "optional-url":
        ok = value is None or (isinstance(value, str) and value.startswith(("https://", "http://")))
        result = value if not value or value.endswith("/") else value + "/"
    elif kind == "texts":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        result = tuple(value) if ok else None
    elif kind == "sizes":
        ok = isinstance(value, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        )
        result = tuple(sorted(set(value))) if ok else None
    elif kind == "labels":
        ok = isinstance(value, dict) and all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        )
        result = tuple(value.items()) if ok else None
    elif kind == "flag":
        ok = isinstance(value, bool)
        result = value
    else:  # status
        ok = value in STATUSES
        result = value
    if not ok:
        kind_words = Ref(f"kind.{kind}", {"statuses": Either(STATUSES)})
        raise ConfigError("config.option_invalid", name=name, kind=kind_words, value=repr(value))
    return result


assert [f.name for f in fields(Policy)] == list(OPTIONS), "Policy and OPTIONS must match"

"""The ``etalase`` plugin's options as MkDocs sees them, derived from :data:`etalase.policy.OPTIONS`.

Each policy option is declared once, in :mod:`etalase.policy`; here it becomes
an MkDocs config option that takes any value, so MkDocs knows the name, and
:meth:`etalase.policy.Policy.from_options` checks every value for the CLI and
the plugin alike. Four options concern only a run of the plugin; their names
are declared in :data:`etalase.policy.RUN_OPTIONS` (so the CLI's reading of
``mkdocs.yml`` knows them too) and their MkDocs types here: ``lang`` (the
language of problem messages), ``preview`` (unpublished entries in a live
preview), ``edition`` (``online``, or an offline edition: ``folder`` or
``zim``, see :mod:`etalase.site.edition`) and ``since`` (an offline update
pack's first day, ISO). ``etalase build``,
``serve`` and ``offline`` set them as plugin options; ``mkdocs build`` takes
them from ``mkdocs.yml``. :func:`run_settings` checks them when a build reads
its config: the policy, the render session's settings, and MkDocs' config set
for an offline edition.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError

from ..errors import ConfigError
from ..messages import text
from ..policy import OPTIONS, RUN_OPTIONS, Policy
from ..problems import Lang
from ..site.edition import EDITIONS, Edition, EditionKind
from ..site.session import RenderSettings
from .mkdocs_private import check_mkdocs

#: Each run option's MkDocs type; the names are :data:`etalase.policy.RUN_OPTIONS`.
_RUN_TYPES: dict[str, Any] = {
    "lang": c.Choice(("id", "en"), default="id"),
    "preview": c.Type(bool, default=False),
    "edition": c.Choice(EDITIONS, default="online"),
    "since": c.Optional(c.Type((str, dt.date))),
}
assert tuple(_RUN_TYPES) == RUN_OPTIONS, "the run options are declared in etalase.policy"

if TYPE_CHECKING:

    class EtalaseConfig(Config):
        lang: str
        preview: bool
        edition: str
        since: str | dt.date | None

        def __getitem__(self, key: str) -> Any: ...

else:
    EtalaseConfig = type(
        "EtalaseConfig",
        (Config,),
        {
            **{name: c.Optional(c.Type(object)) for name in OPTIONS},
            **_RUN_TYPES,
            "__doc__": "Options of the ``etalase`` plugin in ``mkdocs.yml``.",
        },
    )


def policy_options(config: EtalaseConfig) -> dict[str, Any]:
    """The policy's options from a validated plugin config (unset ones left out)."""
    return {name: config[name] for name in OPTIONS if config[name] is not None}


def edition_of(config: EtalaseConfig, lang: Lang) -> Edition:
    """The edition the run options ask for (``edition``, ``since``)."""
    since = config.since
    if isinstance(since, str):
        try:
            since = dt.date.fromisoformat(since)
        except ValueError:
            raise PluginError(text("offline.bad_since", lang, value=since)) from None
    kind = cast(EditionKind, config.edition)
    # Update packs are offline only: an online site always shows the whole catalogue.
    return Edition(kind, since=since if kind != "online" else None)


def run_settings(
    options: EtalaseConfig, config: Any, settings: RenderSettings
) -> tuple[Policy, RenderSettings]:
    """The policy and the run's settings a build's config asks for (MkDocs' ``config`` event).

    An offline edition also sets MkDocs' ``config`` for a card: file links and
    no web fonts.

    Args:
        options: The plugin's validated options.
        config: MkDocs' config.
        settings: The run's settings so far (the command, from ``on_startup``).

    Raises:
        PluginError: MkDocs is not the one checked against, or an option is invalid.
    """
    lang = cast(Lang, options.lang)
    try:
        check_mkdocs()  # `mkdocs build` too: an MkDocs we were not checked against stops here
        policy = Policy.from_options(policy_options(options))
    except ConfigError as exc:
        raise PluginError(exc.text(lang)) from exc
    language = config.theme.get("language") or config.theme.get("locale") or "id"
    edition = edition_of(options, lang)
    settings = replace(
        settings,
        # Unpublished entries only ever reach a live preview, never a built site.
        preview=options.preview and settings.command == "serve",
        lang=lang,
        language=str(language),
        edition=edition,
    )
    if edition.offline:  # file links: index.html is opened from file://, not served
        config.use_directory_urls = False
        config.theme["font"] = False  # no Google Fonts: nothing may leave the card
    return policy, settings

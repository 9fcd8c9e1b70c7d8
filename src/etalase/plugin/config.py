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
them from ``mkdocs.yml``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError

from ..messages import text
from ..policy import OPTIONS, RUN_OPTIONS
from ..problems import Lang
from ..site.edition import EDITIONS, Edition, EditionKind

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

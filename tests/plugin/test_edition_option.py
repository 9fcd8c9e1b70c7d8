"""The plugin's ``edition`` and ``since`` options, as ``mkdocs.yml`` or ``etalase offline`` set them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from mkdocs.exceptions import PluginError

from etalase.plugin.config import EtalaseConfig
from etalase.plugin.config import edition_of as _edition


def _config(**options: Any) -> EtalaseConfig:
    config = EtalaseConfig()
    config.load_dict(options)
    failed, _ = config.validate()
    assert failed == []
    return config


def test_an_update_pack_is_offline_only_the_online_site_shows_everything() -> None:
    pack = _edition(_config(edition="folder", since="2026-08-01"), "id")
    assert pack.kind == "folder" and pack.since == dt.date(2026, 8, 1)
    assert _edition(_config(edition="zim", since=dt.date(2026, 8, 1)), "id").since is not None
    online = _edition(_config(since="2026-08-01"), "id")
    assert online.kind == "online" and online.since is None


def test_a_since_it_cannot_read_is_said_plainly() -> None:
    with pytest.raises(PluginError, match="tanggal --since tidak dikenali: 'Agustus'"):
        _edition(_config(edition="folder", since="Agustus"), "id")

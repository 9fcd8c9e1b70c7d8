"""The one exception users may see: a broken environment or configuration (exit code 2).

Problems with what schools send are values (:mod:`etalase.problems`), never
exceptions. :class:`ConfigError` is for what the office or the machine must
fix: a missing ffmpeg, an invalid ``mkdocs.yml``, an unwritable folder. Its
wording is a key of :data:`etalase.messages.MESSAGES`.
"""

from __future__ import annotations

from .messages import pick, text
from .problems import Lang


class WordedError(Exception):
    """An error worded by a key of :data:`etalase.messages.MESSAGES`.

    ``str()`` of the error is its Indonesian text; :meth:`text` gives either language.

    Args:
        key: The message's key.
        *wording: Only in the older form ``(Indonesian text, English text)``, still used
            by a few modules that predate the table; new code passes a key.
        **params: Its placeholders.
    """

    def __init__(self, key: str, *wording: str, **params: object) -> None:
        self.key = key
        self.params = params
        self.wording = (key, wording[0]) if wording else None
        super().__init__(self.text("id"))

    def text(self, lang: Lang = "id") -> str:
        """The error in ``lang``."""
        if self.wording is not None:
            return pick(self.wording, lang)
        return text(self.key, lang, **self.params)


class ConfigError(WordedError):
    """``mkdocs.yml`` or the environment is broken: exit code 2, not a problem value."""

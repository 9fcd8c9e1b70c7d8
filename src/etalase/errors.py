"""The one exception users may see: a broken environment or configuration (exit code 2).

Problems with what schools send are values (:mod:`etalase.problems`), never
exceptions. :class:`ConfigError` is for what the office or the machine must
fix: a missing ffmpeg, an invalid ``mkdocs.yml``, an unwritable folder.
"""

from __future__ import annotations


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

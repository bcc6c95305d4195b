"""The languages footcore speaks: English (the source text) and the translations it ships.

One list for every layer: the catalogue's translated fields, the web's choice of language
and the translation layer (:mod:`footcore.i18n`) read it from here.
"""

from __future__ import annotations

#: The language of the source text (templates, messages, the catalogue's own fields).
SOURCE = "en"

#: Each language footcore ships, by its code (BCP 47 / ISO 639-1), with its name in itself.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
}

#: The translations: every language but the source.
TRANSLATED: tuple[str, ...] = tuple(code for code in LANGUAGES if code != SOURCE)


def known(code: object) -> str | None:
    """``code`` when footcore ships that language, else None (``"ES"`` reads as ``"es"``)."""
    if not isinstance(code, str):
        return None
    code = code.strip().lower()
    return code if code in LANGUAGES else None

"""The vocabulary's readable words for the templates, in the page's language.

The English words live in :mod:`footcore.domain.labels` (the CLI and the PDF read them
there); each is a message of the translation layer (``footcore.i18n.extract``).
"""

from __future__ import annotations

from footcore import i18n
from footcore.domain.labels import EQUIPMENT_HINTS as ENGLISH_HINTS
from footcore.domain.labels import LABELS
from footcore.domain.labels import label as english_label


def label(term: object) -> str:
    """The readable name of a vocabulary term, in the current language."""
    return i18n.gettext(english_label(term))


class _Hints:
    """``EQUIPMENT_HINTS`` read in the current language (``hints.get(item)`` as before)."""

    def get(self, key: object, default: str | None = None) -> str | None:
        found = ENGLISH_HINTS.get(str(key))
        return i18n.gettext(found) if found is not None else default

    def __contains__(self, key: object) -> bool:
        return str(key) in ENGLISH_HINTS

    def __getitem__(self, key: object) -> str:
        return i18n.gettext(ENGLISH_HINTS[str(key)])


EQUIPMENT_HINTS = _Hints()

__all__ = ["EQUIPMENT_HINTS", "LABELS", "label"]

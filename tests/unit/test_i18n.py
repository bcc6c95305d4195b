"""The translation layer: the browser's languages negotiated with Babel, the Spanish
catalogue compiled from its .po file, and the language of a block of work."""

from __future__ import annotations

import pytest

from footcore import i18n
from footcore.domain.languages import LANGUAGES, SOURCE


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("es-ES", "es"),
        ("de-DE,de;q=0.9,es;q=0.5", "es"),
        ("en-GB;q=0.5, es;q=0.9", "es"),
        ("es;q=0, en", "en"),
        ("de-DE,fr;q=0.8", "en"),
        ("", "en"),
        (None, "en"),
        ("*", "en"),
        ("es;q=abc, en;q=0.4", "en"),
    ],
)
def test_the_browser_s_most_wanted_shipped_language_wins_else_english(
    header: str | None, expected: str
) -> None:
    assert i18n.negotiate(header) == expected


def test_accept_language_is_read_by_weight_keeping_the_order_of_equal_weights() -> None:
    assert i18n.parse_accept_language("fr;q=0.5, es, de;q=0.5, en;q=0") == ["es", "fr", "de"]


def test_text_is_english_outside_any_choice_and_spanish_inside_use_es() -> None:
    assert i18n.current() == SOURCE
    assert i18n.gettext("Language") == "Language"
    with i18n.use("es") as chosen:
        assert chosen == "es"
        assert i18n.gettext("Language") == "Idioma"
        assert i18n.gettext("Plantar fascia") == "Fascia plantar"
    assert i18n.gettext("Language") == "Language"


def test_an_unknown_language_makes_english_text() -> None:
    with i18n.use("xx") as chosen:
        assert chosen == "en"
        assert i18n.gettext("Language") == "Language"


def test_a_lazy_choice_is_asked_once_and_only_when_text_is_made() -> None:
    asked: list[int] = []

    def resolve() -> str:
        asked.append(1)
        return "es"

    token = i18n.use_lazily(resolve)
    try:
        assert asked == []
        assert i18n.gettext("Language") == "Idioma"
        assert i18n.gettext("Towel") == "Toalla"
        assert asked == [1]
    finally:
        i18n.reset(token)
    assert i18n.current() == SOURCE


def test_every_translated_language_has_a_catalogue_that_compiles() -> None:
    for code in LANGUAGES:
        if code == SOURCE:
            continue
        assert i18n.catalogue_path(code).is_file()
        assert i18n.translations(code).gettext("Language") != "Language"

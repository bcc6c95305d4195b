"""The drawings in words in the language of the work at hand (footcore.drawing.words): the
English as it always was, and Spanish with nothing left in English."""

from __future__ import annotations

import re

import pytest

from footcore import i18n
from footcore.catalogue.loader import builtin_catalogue
from footcore.drawing.render import drawing_of
from footcore.drawing.words import OTHER_PLACES, PLACES, place_words

CATALOGUE = builtin_catalogue()
DRAWN = sorted(ex.slug for ex in CATALOGUE if ex.demo is not None)


def words_of(slug: str, language: str) -> tuple[str, str]:
    with i18n.use(language):
        drawing = drawing_of(CATALOGUE.get(slug).in_language(language))
        assert drawing is not None
        return drawing.text.title, drawing.text.desc


def test_the_english_words_are_as_they_always_were() -> None:
    assert words_of("calf-raise-floor-heavy-slow", "en") == (
        "Heavy slow calf raise from the floor: how it moves",
        "A figure seen from the side, with a loaded backpack and a wall. 1: Heels on the "
        "floor, never below it. 2: Rise for three seconds; lower for three. It moves from 1 "
        "to 2 and back: 3 s up, 0 s hold, 3 s down. Shaded: the calf and shin. Dots mark "
        "where it presses: the ball of the foot.",
    )
    assert words_of("big-toe-band-stretch", "en")[1] == (
        "The lower leg and foot seen from the side, with a band. Leg straight; the band pulls "
        "the big toe back. Held still for 20 s. Shaded: the toes."
    )
    assert (
        "It moves from 1 to 2 to 3 to 4 and back."
        in (words_of("calf-raise-two-up-one-down", "en")[1])
    )


def test_the_other_leg_s_places_say_the_other_in_english() -> None:
    for bare, words in OTHER_PLACES.items():
        assert words == PLACES[bare].replace("the ", "the other ", 1)
        assert place_words(f"far-{bare}") == words
    assert place_words("far-trunk") == "the other trunk"  # no such place drawn: as before


def test_the_spanish_words_of_a_drawing() -> None:
    title, desc = words_of("calf-raise-floor-heavy-slow", "es")
    assert title.endswith(": cómo se mueve")
    assert desc.startswith("Una figura vista de lado, con una mochila con peso y una pared. 1:")
    assert "Se mueve de 1 a 2 y vuelve: 3 s subida, 0 s pausa, 3 s bajada." in desc
    assert desc.endswith(
        "Sombreado: el gemelo y la espinilla. Los puntos marcan dónde presiona: la almohadilla "
        "del pie."
    )
    assert "Sin moverse durante 20 s." in words_of("big-toe-band-stretch", "es")[1]
    with i18n.use("es"):
        assert place_words("far-foot") == "el otro pie"


#: English connecting words that must not be left in a Spanish description.
ENGLISH = re.compile(
    r"\b(seen|with|the|and|It moves|Held|Shaded|Dots|how it moves|holding|up|down|hold)\b"
)


@pytest.mark.parametrize("slug", DRAWN)
def test_no_drawing_is_described_in_english_on_a_spanish_page(slug: str) -> None:
    title, desc = words_of(slug, "es")
    assert ENGLISH.findall(f"{title} {desc}") == []

"""Form errors in the page's language (``footcore.web.problems``): every problem the
template checks and the password checks give has a known shape, so a Spanish page shows it
in Spanish with its values; a message of no known shape is shown as it came."""

from __future__ import annotations

from typing import Any

import pytest

from footcore import i18n
from footcore.catalogue.loader import builtin_catalogue
from footcore.domain.coaching import parse_template
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.profile import parse_profile
from footcore.services.accounts import check_password
from footcore.web.problems import problem_text

BAD_TEMPLATES: list[dict[str, Any]] = [
    {"schema": "footcore.template/0", "name": "", "description": "x" * 2001, "colour": 1},
    {"name": "A", "fill_other_days": "yes", "sessions": []},
    {
        "name": "A",
        "sessions": [
            {"days": ["mon", "someday"], "slot": "noon", "items": ["towel-scrunh"]},
            {"days": "mon", "slot": "morning", "items": []},
            "not a session",
        ],
    },
    {
        "name": "A",
        "sessions": [
            {
                "days": ["mon"],
                "slot": "morning",
                "title": "t" * 200,
                "items": [
                    {"exercise": "towel-scrunch", "sets": 99, "duration_s": 30, "note": "n" * 400},
                    {"exercise": "ball-roll-sole", "from_level": 3, "until_level": 2},
                    {"exercise": "short-foot-standing", "colour": "red"},
                    7,
                ],
            },
            {"days": ["mon"], "slot": "morning", "items": ["ball-roll-sole"]},
        ],
    },
]


def template_problems() -> list[Problem]:
    catalogue = builtin_catalogue()
    found: list[Problem] = []
    for body in BAD_TEMPLATES:
        with pytest.raises(ValidationError) as refused:
            parse_template(body, catalogue)
        found += refused.value.problems
    return found


def test_the_bad_templates_meet_many_kinds_of_problem() -> None:
    problems = template_problems()
    assert len({p.message for p in problems}) >= 18


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_template_and_password_problem_is_told_in_the_shipped_language(
    language: str,
) -> None:
    problems = template_problems() + check_password("a@b.example", "a@b.example")
    problems += check_password("x" * 2000, "a@b.example")
    with i18n.use(language):
        untold = [p.message for p in problems if problem_text(p.message) == p.message]
    assert untold == []


def test_the_values_in_a_problem_are_kept_and_unknown_shapes_pass_through() -> None:
    with i18n.use("es"):
        assert problem_text("text of 1 to 120 characters") == "un texto de 1 a 120 caracteres"
        assert problem_text("unknown exercise 'towel-scrunh'; did you mean 'towel-scrunch'?") == (
            "ejercicio desconocido 'towel-scrunh'; ¿querías decir 'towel-scrunch'?"
        )
        assert problem_text("something footcore never says") == "something footcore never says"
        # A value is a word or a list of words, never running English: a message of another
        # shape that starts like a known one stays whole rather than half translated.
        mixed = "must be one of easy, hard, got 'fast'"
        assert problem_text(mixed) == mixed
        assert problem_text("must be one of easy, hard") == "debe ser uno de estos: easy, hard"
    with i18n.use("en"):
        assert problem_text("text of 1 to 120 characters") == "text of 1 to 120 characters"


#: Profiles as the onboarding and profile forms can send them, each wrong in ways a person
#: can get wrong there.
BAD_PROFILES: list[dict[str, Any]] = [
    {"name": " ", "age": 3.5, "minutes_per_day": 500, "goals": [], "slots": []},
    {"name": "a\nb", "age": 200, "time_zone": "Europe/Lisbn"},
    {"name": "x" * 300, "time_zone": "Nowhere/Atall"},
    {
        "name": "Ana",
        "age": 30,
        "pain": {"site": "heel"},
        "running": {"days": ["mon", "wed"], "long_run_day": "sat", "hard_days": ["fri", "sat"]},
    },
    {"name": "Ana", "age": 30, "running": {"days": ["sat"], "long_run_day": "sat",
                                           "hard_days": ["sat"], "weekly_km": 9000}},
]  # fmt: skip


def profile_problems() -> list[Problem]:
    found: list[Problem] = []
    for body in BAD_PROFILES:
        with pytest.raises(ValidationError) as refused:
            parse_profile(body)
        found += refused.value.problems
    return found


#: The runner's forms' own problems (footcore.web.forms and the pages' handlers).
FORM_MESSAGES = [
    "must be a number, got 'ten'",
    "must be a whole number, got '2.5'",
    "is required",
    "give the pain (0-10) for the place you chose",
    "give the day of the run",
    "choose how the run felt, or leave it blank",
    "give all three movements a score",
    "expected a date, got '31/12'",
    "enter at least one result (or skip this step)",
    "tick the box to say you agree",
    "your usual running per week, in km",
    "answer yes or no",
    "a whole number of weeks, 1 to 104",
    "a whole number, or leave it empty for a random one",
    "tick the box to say you mean to delete it",
]


def test_the_bad_profiles_meet_many_kinds_of_problem() -> None:
    assert len({p.message for p in profile_problems()}) >= 14


@pytest.mark.parametrize("language", i18n.TRANSLATED)
def test_every_profile_and_runner_form_problem_is_told_in_the_shipped_language(
    language: str,
) -> None:
    messages = [p.message for p in profile_problems()] + FORM_MESSAGES
    with i18n.use(language):
        untold = [m for m in messages if problem_text(m) == m]
    assert untold == []


def test_a_profile_s_problem_in_spanish_keeps_its_values() -> None:
    with i18n.use("es"):
        assert problem_text("must be from 15 to 120, got 500") == (
            "debe estar entre 15 y 120; se recibió 500"
        )
        assert (
            problem_text("the long-run day, 'sat', must be one of the running days (mon, wed)")
            == "el día de la tirada larga, 'sat', debe ser uno de los días de carrera (mon, wed)"
        )
        assert problem_text("unknown time zone 'Europe/Lisbn'; did you mean 'Europe/Lisbon'?") == (
            "zona horaria desconocida 'Europe/Lisbn'; ¿querías decir 'Europe/Lisbon'?"
        )

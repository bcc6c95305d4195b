"""The planning data beside the catalogue (protocols and the day's wants) is validated like the
exercises: the built-in files pass in full, and a broken file is reported with where and why,
every problem at once."""

from __future__ import annotations

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.catalogue.protocols import (
    PlanningFile,
    builtin_planning,
    builtin_planning_files,
    validate_planning,
)
from footcore.domain.errors import ValidationError
from footcore.domain.planning.protocol import Frequency
from footcore.domain.vocab import Goal, PainSite

CATALOGUE = builtin_catalogue()

GOOD = """
[[protocol]]
id = "tiny"
goal = "general"
name = "Tiny"
summary = "one item"
sources = ["taddei-2020"]
frequency = "daily"
weeks = 4
priority = 50
running = ""

[[protocol.item]]
id = "toes"
[[protocol.item.stage]]
from_week = 1
exercise = "big-toe-lift"
sets = 1
reps = 10
"""


def problems(text: str) -> list[str]:
    with pytest.raises(ValidationError) as info:
        validate_planning([PlanningFile("mine.toml", text)], CATALOGUE)
    return [f"{p.where}: {p.message}" for p in info.value.problems]


def test_the_builtin_planning_data_passes_full_validation_and_equals_the_fast_load() -> None:
    assert validate_planning(builtin_planning_files(), CATALOGUE) == builtin_planning()
    assert CATALOGUE.planning == builtin_planning()


def test_every_goal_has_a_protocol_with_sources_the_catalogue_knows() -> None:
    data = builtin_planning()
    for goal in Goal:
        protocol = data.for_goal(goal, None)
        assert protocol is not None, goal
        assert protocol.sources
        assert all(s in CATALOGUE.sources for s in protocol.sources)


def test_an_insertional_achilles_site_picks_the_floor_level_variant() -> None:
    data = builtin_planning()
    mid = data.for_goal(Goal.ACHILLES, PainSite.ACHILLES)
    insertional = data.for_goal(Goal.ACHILLES, PainSite.ACHILLES_INSERTION)
    assert mid is not None
    assert insertional is not None
    assert mid.id == "beyer-2015"
    assert insertional.id == "beyer-2015-insertional"
    assert "calf-raise-step-heavy-slow" in insertional.pain.avoid


def test_the_protocol_frequencies_follow_the_trials() -> None:
    data = builtin_planning()

    def protocol(goal: Goal) -> object:
        found = data.for_goal(goal, None)
        assert found is not None
        return found

    assert protocol(Goal.PLANTAR_HEEL_PAIN).frequency is Frequency.LOADING_DAYS  # type: ignore[attr-defined]
    assert protocol(Goal.ACHILLES).frequency is Frequency.LOADING_DAYS  # type: ignore[attr-defined]
    assert protocol(Goal.FALLS_PREVENTION).frequency is Frequency.PROGRAMME_DAYS  # type: ignore[attr-defined]
    general = protocol(Goal.GENERAL)
    assert general.frequency is Frequency.SESSIONS  # type: ignore[attr-defined]
    assert general.sessions_in_week(1) == 4  # type: ignore[attr-defined]
    assert general.sessions_in_week(9) == 3  # type: ignore[attr-defined]


def test_a_good_file_validates() -> None:
    data = validate_planning([PlanningFile("mine.toml", GOOD)], CATALOGUE)
    assert [p.id for p in data.protocols] == ["tiny"]


def test_an_unknown_exercise_is_located_with_a_suggestion() -> None:
    found = problems(GOOD.replace('"big-toe-lift"', '"big-toe-lfit"'))
    assert found == [
        "mine.toml: protocol 'tiny': item 'toes'.stage[0].exercise: unknown exercise "
        "'big-toe-lfit'; did you mean 'big-toe-lift'?"
    ]


def test_an_unknown_alternate_or_stand_in_is_located_too() -> None:
    text = GOOD.replace(
        "reps = 10", 'reps = 10\nalternates = ["toe-spred-out"]\nstand_ins = ["big-toe-lfit"]'
    )
    assert problems(text) == [
        "mine.toml: protocol 'tiny': item 'toes'.stage[0].alternates: unknown exercise "
        "'toe-spred-out'; did you mean 'toe-spread-out'?",
        "mine.toml: protocol 'tiny': item 'toes'.stage[0].stand_ins: unknown exercise "
        "'big-toe-lfit'; did you mean 'big-toe-lift'?",
    ]


def test_a_form_without_names_real_equipment_one_piece_or_several() -> None:
    form = '\n[[protocol.item.without."{}"]]\nfrom_week = 1\nexercise = "big-toe-lift"\nsets = 1\n'
    assert validate_planning(
        [PlanningFile("mine.toml", GOOD + form.format("step+weight"))], CATALOGUE
    )
    found = problems(GOOD + form.format("step+wieght"))
    assert len(found) == 1
    assert "without" in found[0]
    assert "wieght" in found[0]


def test_every_problem_is_reported_at_once() -> None:
    text = GOOD.replace('frequency = "daily"', 'frequency = "hourly"').replace(
        "sets = 1", "sets = 0"
    )
    found = problems(text)
    assert len(found) == 2
    assert any("frequency" in p for p in found)
    assert any("sets" in p for p in found)


def test_stages_must_start_at_week_one_and_rise() -> None:
    found = problems(GOOD.replace("from_week = 1", "from_week = 3"))
    assert any("stages must start at week 1" in p for p in found)


def test_an_unknown_key_is_refused() -> None:
    found = problems(
        GOOD.replace("weeks = 4", "weeks = 4\nwekes = 5").replace('"taddei-2020"', '"nobody-2099"')
    )
    assert any("wekes" in p and "unknown key" in p for p in found)


def test_an_unknown_source_is_refused() -> None:
    found = problems(GOOD.replace('"taddei-2020"', '"nobody-2099"'))
    assert found == ["mine.toml: protocol 'tiny': sources: unknown source 'nobody-2099'"]


def test_malformed_toml_is_reported() -> None:
    assert problems("[[protocol]\n")[0].startswith("mine.toml: not valid TOML")

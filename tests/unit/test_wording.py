"""One way to write a dose, everywhere (issue 16 item 10): the formatter's forms, and every
adapter (web, terminal, player, calendar, PDF, FHIR, class sheet, catalogue) writing the same
text for the same dose."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import Any

import pytest

from footcore.catalogue.loader import builtin_catalogue
from footcore.catalogue.plain_data import exercise_to_dict
from footcore.cli import console
from footcore.cli.day_view import print_day
from footcore.cli.player_ui import player_items
from footcore.domain.coaching import TemplateItem, class_sheet
from footcore.domain.exercise import Dose, Tempo
from footcore.domain.planning import generate_plan, plan_to_dict
from footcore.domain.profile import parse_profile
from footcore.domain.vocab import Goal, RunKind
from footcore.domain.wording import (
    DoseWords,
    count,
    dose_text,
    item_dose_text,
    rule_titles,
    why_text,
)
from footcore.io.calendar import item_line
from footcore.io.fhir import careplan_resource
from footcore.io.pdf import _card_texts, _item_text
from footcore.web.templating import make_templates

CATALOGUE = builtin_catalogue()
ANA = parse_profile(
    {
        "name": "Ana",
        "age": 38,
        "sex": "female",
        "goals": ["general", "plantar-heel-pain"],
        "equipment": ["towel", "ball", "step", "band"],
        "minutes_per_day": 12,
        "slots": ["morning", "desk", "teeth", "pre-run", "post-run"],
        "pain": {"nrs": 3, "site": "heel"},
        "running": {"days": ["tue", "thu", "sat", "sun"], "long_run_day": "sun"},
    }
)
PLAN = generate_plan(ANA, CATALOGUE, dt.date(2027, 1, 4), 3)
ITEMS = [i for d in PLAN.days for s in d.sessions for i in s.items]

#: What the issue found six ways of writing: none may come back.
WRONG = [r"\b1 x \d", r"\dx\d", r"×", r"reps, hold", r"per side", r"each side", r" 1 reps"]


@pytest.mark.parametrize(
    ("dose", "text"),
    [
        (Dose(sets=2, reps=8, hold_s=5, per_side=True), "2 x 8, 5 s hold, each foot"),
        (Dose(sets=1, reps=12, per_side=True), "12 reps, each foot"),
        (Dose(sets=1, reps=1), "1 rep"),
        (Dose(sets=3, reps=1, hold_s=20, per_side=True), "3 x 20 s hold, each foot"),
        (Dose(sets=1, reps=1, hold_s=30), "30 s hold"),
        (Dose(sets=1, reps=6, hold_s=10, per_side=True), "6 reps, 10 s hold, each foot"),
        (Dose(sets=1, duration_s=60, per_side=True), "60 s, each foot"),
        (Dose(sets=2, duration_s=120), "2 x 2 min"),
        (
            Dose(sets=3, reps=15, tempo=Tempo(3, 2, 3), rest_s=60),
            "3 x 15, each rep 3 s up, 2 s hold, 3 s down",
        ),
        (Dose(sets=1, steps=2500), "2,500 steps a day"),
    ],
)
def test_a_dose_reads_the_same_short_way(dose: Dose, text: str) -> None:
    assert dose_text(dose) == text


def test_the_rest_between_sets_follows_on_a_card_and_an_added_load_always() -> None:
    dose = Dose(sets=3, reps=15, rest_s=60)
    assert dose_text(dose, rest=True) == "3 x 15; rest 60 s between sets"
    assert (
        dose_text(Dose(sets=2, reps=5, rest_s=120), rest=True) == "2 x 5; rest 2 min between sets"
    )
    assert dose_text(Dose(sets=1, reps=15, rest_s=60), rest=True) == "15 reps"
    assert dose_text(dose, added_load="a backpack") == "3 x 15, with a backpack"
    # The protocols' added loads carry their own words ("more weight in the backpack").
    assert dose_text(dose, added_load="more weight") == "3 x 15, with more weight"


def test_counts_agree_with_their_number() -> None:
    assert (count(1, "exercise"), count(3, "exercise"), count(0, "session")) == (
        "1 exercise",
        "3 exercises",
        "0 sessions",
    )


def test_a_reason_loses_its_rule_ids_and_the_rules_have_titles() -> None:
    why = (
        "Plantar stretch for heel pain. Goal: plantar heel pain. Rules: little-and-often, variety."
    )
    assert why_text(why) == "Plantar stretch for heel pain. Goal: plantar heel pain."
    assert rule_titles(["little-and-often", "variety", "no-such-rule"]) == [
        "Little but often",
        "Variety across the week",
    ]


def test_every_planned_dose_is_written_without_the_old_variants() -> None:
    for item in ITEMS:
        text = item_dose_text(item)
        for wrong in WRONG:
            assert not re.search(wrong, text), (text, wrong)


def test_the_web_the_terminal_and_the_player_write_a_plan_items_dose_the_same_way() -> None:
    web: Any = make_templates().env.globals["dose_text"]
    stored = plan_to_dict(PLAN)
    sessions = [s for w in stored["weeks"] for d in w["days"] for s in d["sessions"]]
    for session, plan_session in zip(
        sessions, [s for d in PLAN.days for s in d.sessions], strict=True
    ):
        players = player_items(session, lambda slug: ())
        for item, plan_item, player in zip(
            session["items"], plan_session.items, players, strict=True
        ):
            expected = item_dose_text(item)
            assert web(item) == expected
            assert item_dose_text(plan_item) == expected
            assert item_dose_text(player) == expected


def test_the_terminals_plan_day_writes_each_items_dose_with_the_formatter() -> None:
    # A minimalist transition walks barefoot all day: a day with sessions and walking.
    walker = replace(ANA, goals=(Goal.MINIMALIST_TRANSITION,))
    plan = generate_plan(walker, CATALOGUE, dt.date(2027, 1, 4), 1)
    day = next(d for d in plan.days if d.sessions and d.walking is not None)
    assert day.walking is not None
    with console.out.capture() as printed:
        print_day(day)
    shown = " ".join(printed.get().split())
    for item in [i for s in day.sessions for i in s.items]:
        assert f"{item.name} {item_dose_text(item)}" in shown
    assert f"all day {day.walking.name} {item_dose_text(day.walking)}" in shown


def test_the_calendar_pdf_cards_and_fhir_write_the_formatters_text() -> None:
    for item in ITEMS[:40]:
        words = dose_text(item.dose, added_load=item.added_load, rest=True)
        assert words in item_line(item)
        assert item_dose_text(item) in _item_text(item)
        assert f"Dose: {words}" in [t[0] for t in _card_texts(CATALOGUE.get(item.exercise), item)]
    care = careplan_resource(PLAN, "Patient/1", "k")
    texts = [a["detail"]["description"] for a in care["activity"]]
    assert texts
    assert all("Rules:" not in t for t in texts)
    assert any(dose_text(ITEMS[0].dose, rest=True) in t for t in texts)


def test_the_class_sheet_and_the_catalogue_write_the_formatters_text() -> None:
    for ex in list(CATALOGUE)[:20]:
        assert exercise_to_dict(ex)["dose_summary"] == dose_text(ex.dose)
    chosen = ("short-foot-standing", "towel-scrunch", "ball-roll-sole")
    items = [TemplateItem(exercise=slug) for slug in chosen]
    sheet = class_sheet(items, CATALOGUE, RunKind.NONE, title="Club", date=dt.date(2027, 1, 4))
    assert [i.dose for i in sheet.items] == [
        dose_text(CATALOGUE.get(i.exercise).dose) for i in sheet.items
    ]


def test_the_dose_formatter_takes_another_language_s_words_around_the_same_numbers() -> None:
    words = DoseWords(
        reps="{n} repeticiones",
        sets_of="{sets} × {work}",
        each_rep=", cada repetición {tempo}",
        tempo_hold="{up} subida, {hold} pausa, {down} bajada",
        each_foot=", cada pie",
        steps_a_day="{n} pasos al día",
        number=lambda x: f"{int(x):,}".replace(",", "."),
    )
    tempo = Dose(sets=3, reps=15, per_side=True, tempo=Tempo(3, 2, 3))
    assert dose_text(tempo) == "3 x 15, each rep 3 s up, 2 s hold, 3 s down, each foot"
    assert dose_text(tempo, words=words) == (
        "3 × 15, cada repetición 3 s subida, 2 s pausa, 3 s bajada, cada pie"
    )
    assert dose_text(Dose(sets=1, steps=12500), words=words) == "12.500 pasos al día"
    assert dose_text(Dose(sets=1, reps=12), words=words) == "12 repeticiones"

"""A coach's catalogue files are checked thoroughly, and every problem is located and reported."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from footcore.catalogue import loader
from footcore.catalogue.loader import builtin_catalogue, load_catalogue
from footcore.catalogue.tables import BUILTIN, CatalogueFile
from footcore.domain.errors import Problem, ValidationError
from footcore.domain.languages import TRANSLATED
from footcore.domain.vocab import Slot


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return str(v)
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{k} = {_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def exercise(slug: str | None = "coach-arch-hold", **changes: Any) -> dict[str, Any]:
    """A valid exercise; a change set to None removes the key."""
    data: dict[str, Any] = {
        "slug": slug,
        "name": "Arch hold",
        "category": "activate",
        "description": "Hold the arch up while standing.",
        "position": "standing",
        "slots": ["morning"],
        "targets": ["intrinsic-foot"],
        "goals": ["general"],
        "load": "light",
        "dose": {"sets": 2, "reps": 8, "hold_s": 5, "per_side": True},
        "cues": ["Lift the arch.", "Keep the toes long."],
        "cautions": ["Stop if pain goes above 5 out of 10."],
        "sources": ["mckeon-2015"],
    }
    if slug is None:
        del data["slug"]
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def toml_text(*exercises: dict[str, Any]) -> str:
    blocks = []
    for ex in exercises:
        lines = ["[[exercise]]", *(f"{k} = {_value(v)}" for k, v in ex.items())]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def write(directory: Path, name: str, *exercises: dict[str, Any]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(toml_text(*exercises), encoding="utf-8")
    return path


def problems_of(*dirs: Path) -> list[Problem]:
    with pytest.raises(ValidationError) as info:
        load_catalogue(list(dirs))
    return list(info.value.problems)


def where(path: Path, slug: str, key: str) -> str:
    return f"{path}: exercise '{slug}': {key}"


def only(problems: list[Problem], place: str) -> Problem:
    found = [p for p in problems if p.where == place]
    assert len(found) == 1, problems
    return found[0]


# --- files that load ---------------------------------------------------------------------


def test_a_valid_coach_file_loads_with_the_builtins_and_records_its_origin(
    tmp_path: Path,
) -> None:
    write(tmp_path, "mine.toml", exercise())
    cat = load_catalogue([tmp_path])
    ex = cat.get("coach-arch-hold")
    assert ex.origin == str(tmp_path)
    assert cat.get("short-foot-seated").origin == "builtin"
    assert len(cat) == len(builtin_catalogue()) + 1


def test_a_coach_exercise_may_step_back_to_a_builtin_one(tmp_path: Path) -> None:
    write(tmp_path, "mine.toml", exercise(regressions=["short-foot-single-leg"]))
    cat = load_catalogue([tmp_path])
    assert cat.get("coach-arch-hold").regressions == ("short-foot-single-leg",)
    assert "coach-arch-hold" not in cat.get("short-foot-single-leg").progressions


def test_a_coach_file_may_define_its_own_sources(tmp_path: Path) -> None:
    path = write(tmp_path, "mine.toml", exercise(sources=["my-clinic-notes"]))
    path.write_text(
        path.read_text()
        + '\n[sources.my-clinic-notes]\ncitation = "Clinic handout, 2026."\nkind = "article"\n'
    )
    cat = load_catalogue([tmp_path])
    assert cat.sources["my-clinic-notes"].citation == "Clinic handout, 2026."


def test_coach_chains_within_their_own_files_load(tmp_path: Path) -> None:
    write(
        tmp_path,
        "mine.toml",
        exercise("coach-easy", progressions=["coach-hard"]),
        exercise("coach-hard", regressions=["coach-easy"]),
    )
    assert load_catalogue([tmp_path]).chain_of("coach-hard") == ("coach-easy", "coach-hard")


# --- one problem of each kind --------------------------------------------------------------


def test_toml_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[[exercise]]\nslug = "x"\nname = \n')
    problem = only(problems_of(tmp_path), str(path))
    assert "invalid TOML" in problem.message
    assert "line 3" in problem.message


def test_unknown_key_is_named_with_a_suggestion_and_the_allowed_keys(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(cautions=None, cautoins=["Careful."]))
    problems = problems_of(tmp_path)
    unknown = only(problems, where(path, "coach-arch-hold", "cautoins"))
    assert "unknown key 'cautoins'" in unknown.message
    assert "did you mean 'cautions'" in unknown.message
    assert "allowed:" in unknown.message
    missing = only(problems, where(path, "coach-arch-hold", "cautions"))
    assert missing.message == "missing required key"


def test_unknown_key_inside_the_dose_is_located_in_the_dose(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(dose={"sets": 2, "rep": 8}))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "dose.rep"))
    assert "did you mean 'reps'" in problem.message


def test_missing_required_key_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(description=None))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "description"))
    assert problem.message == "missing required key"


def test_an_exercise_without_a_slug_is_named_by_its_position(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(), exercise(slug=None))
    problem = only(problems_of(tmp_path), f"{path}: exercise #2: slug")
    assert problem.message == "missing required key"


@pytest.mark.parametrize(
    ("key", "value", "shown_key", "suggestion", "allowed"),
    [
        ("equipment", ["towl"], "equipment[0]", "towel", "soft-ball"),
        ("category", "strenght", "category", "strengthen", "warm-up"),
        ("slots", ["morning", "teath"], "slots[1]", "teeth", "post-run"),
        ("goals", ["achiles"], "goals[0]", "achilles", "falls-prevention"),
        ("targets", ["plantar-facia"], "targets[0]", "plantar-fascia", "big-toe-joint"),
        ("position", "stand", "position", "standing", "all-fours"),
        ("load", "heavey", "load", "heavy", "moderate"),
    ],
)
def test_a_term_outside_its_vocabulary_lists_the_allowed_terms_and_a_suggestion(
    tmp_path: Path, key: str, value: Any, shown_key: str, suggestion: str, allowed: str
) -> None:
    path = write(tmp_path, "a.toml", exercise(**{key: value}))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", shown_key))
    assert f"did you mean '{suggestion}'" in problem.message
    assert "allowed:" in problem.message
    assert allowed in problem.message


def test_a_duplicate_slug_within_one_file_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(), exercise(name="Other"))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "slug"))
    assert "duplicate slug" in problem.message
    assert str(path) in problem.message


def test_a_duplicate_slug_across_files_is_reported_in_the_later_file(tmp_path: Path) -> None:
    first = write(tmp_path, "a.toml", exercise())
    second = write(tmp_path, "b.toml", exercise())
    problem = only(problems_of(tmp_path), where(second, "coach-arch-hold", "slug"))
    assert str(first) in problem.message


def test_a_coach_slug_that_repeats_a_builtin_one_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise("towel-scrunch"))
    problem = only(problems_of(tmp_path), where(path, "towel-scrunch", "slug"))
    assert "activate.toml" in problem.message


def test_a_missing_dose_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(dose=None))
    only(problems_of(tmp_path), where(path, "coach-arch-hold", "dose"))


def test_fewer_than_two_cues_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(cues=["Only one."]))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "cues"))
    assert "at least 2 cues" in problem.message


def test_a_link_to_an_unknown_exercise_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(progressions=["short-foot-standin"]))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "progressions"))
    assert "unknown exercise 'short-foot-standin'" in problem.message
    assert "did you mean 'short-foot-standing'" in problem.message


def test_a_regression_that_does_not_mirror_the_progression_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.toml",
        exercise("coach-easy", progressions=["coach-hard"]),
        exercise("coach-hard"),
    )
    problem = only(problems_of(tmp_path), where(path, "coach-hard", "regressions"))
    assert "'coach-easy'" in problem.message


def test_a_first_regression_must_lead_back_to_a_first_progression(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.toml",
        exercise("coach-easy", progressions=["coach-other", "coach-hard"]),
        exercise("coach-other", regressions=["coach-easy"]),
        exercise("coach-hard", regressions=["coach-easy"]),
    )
    problem = only(problems_of(tmp_path), where(path, "coach-easy", "progressions"))
    assert "'coach-hard' must come first" in problem.message


def test_a_cycle_in_a_progression_chain_is_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.toml",
        exercise("coach-a", progressions=["coach-b"], regressions=["coach-c"]),
        exercise("coach-b", progressions=["coach-c"], regressions=["coach-a"]),
        exercise("coach-c", progressions=["coach-a"], regressions=["coach-b"]),
    )
    problems = problems_of(tmp_path)
    loops = [p for p in problems if "loops back" in p.message]
    assert len(loops) == 1
    assert loops[0].where == where(path, "coach-a", "progressions")
    assert "coach-a -> coach-b -> coach-c -> coach-a" in loops[0].message


def test_an_exercise_listed_as_its_own_progression_is_a_cycle(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "a.toml",
        exercise("coach-a", progressions=["coach-a"], regressions=["coach-a"]),
    )
    problems = problems_of(tmp_path)
    assert any(
        p.where == where(path, "coach-a", "regressions") and "both" in p.message for p in problems
    )


def test_a_self_loop_is_reported_as_a_cycle(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise("coach-a", progressions=["coach-a"]))
    problems = problems_of(tmp_path)
    loop = only(problems, where(path, "coach-a", "progressions"))
    assert "coach-a -> coach-a" in loop.message


def test_a_stretch_without_a_depth_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(category="stretch"))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "stretch_depth"))
    assert "gentle or deep" in problem.message


def test_a_depth_on_an_exercise_that_is_not_a_stretch_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(stretch_depth="gentle"))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "stretch_depth"))
    assert "only a stretch" in problem.message


@pytest.mark.parametrize(
    ("dose", "key", "words"),
    [
        ({"sets": 0, "reps": 8}, "dose.sets", "greater than or equal to 1"),
        ({"sets": 2}, "dose", "one of reps, duration_s or steps"),
        ({"sets": 2, "reps": 8, "duration_s": 30}, "dose.duration_s", "only one"),
        ({"sets": 1, "duration_s": 30, "hold_s": 5}, "dose.hold_s", "give reps too"),
        ({"sets": 2, "reps": 500}, "dose.reps", "less than or equal to 100"),
        ({"sets": 3, "reps": 1, "hold_s": 600}, "dose.hold_s", "less than or equal to 120"),
        ({"sets": 10, "reps": 100, "hold_s": 10}, "dose", "keep one exercise under"),
        ({"sets": 2, "reps": "8"}, "dose.reps", "valid integer"),
        ({"sets": 1, "steps": 3000, "per_side": True}, "dose.per_side", "steps count both"),
        (
            {"sets": 1, "duration_s": 30, "tempo": {"up_s": 3, "hold_s": 2, "down_s": 3}},
            "dose.tempo",
            "give reps too",
        ),
    ],
)
def test_an_insane_dose_is_reported_at_its_key(
    tmp_path: Path, dose: dict[str, Any], key: str, words: str
) -> None:
    path = write(tmp_path, "a.toml", exercise(dose=dose))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", key))
    assert words in problem.message


def test_an_unknown_source_is_reported_with_a_suggestion(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(sources=["mckeon-2051"]))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "sources"))
    assert "unknown source 'mckeon-2051'" in problem.message
    assert "did you mean 'mckeon-2015'" in problem.message


def test_a_substitute_for_equipment_the_exercise_does_not_use_is_reported(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "a.toml", exercise(equipment=["towel"], substitutes={"ball": "hands"}))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "substitutes.ball"))
    assert "not in this exercise's equipment" in problem.message


@pytest.mark.parametrize("equipment", [["wall"], ["chair"]])
def test_standing_work_holding_a_wall_or_chair_suits_tv_time(
    tmp_path: Path, equipment: list[str]
) -> None:
    write(tmp_path, "a.toml", exercise(position="standing", slots=["tv"], equipment=equipment))
    assert Slot.TV in load_catalogue([tmp_path]).get("coach-arch-hold").slots


@pytest.mark.parametrize("equipment", [["towel"], []])
def test_free_standing_work_in_the_tv_slot_is_reported(
    tmp_path: Path, equipment: list[str]
) -> None:
    path = write(
        tmp_path, "a.toml", exercise(position="standing", slots=["tv"], equipment=equipment)
    )
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "slots"))
    assert "'tv' does not fit" in problem.message


def test_a_seated_exercise_in_the_teeth_slot_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(position="seated", slots=["teeth"]))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "slots"))
    assert "'teeth' does not fit" in problem.message


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"dose": {"sets": 1, "reps": 1, "hold_s": 45}}, "no static hold over 30 s"),
        ({"category": "stretch", "stretch_depth": "deep"}, "no deep stretch"),
        ({"load": "heavy"}, "only a light primer (load is heavy)"),
        ({"load": "moderate"}, "only a light primer (load is moderate)"),
    ],
)
def test_the_pre_run_slot_refuses_long_holds_deep_stretches_and_more_than_light_load(
    tmp_path: Path, changes: dict[str, Any], words: str
) -> None:
    path = write(tmp_path, "a.toml", exercise(slots=["pre-run"], **changes))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "slots"))
    assert "'pre-run' does not fit" in problem.message
    assert words in problem.message


def test_a_cramp_risk_exercise_in_the_post_run_slot_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(slots=["post-run"], cramp_risk=True))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "slots"))
    assert "cramp" in problem.message


def test_an_unknown_top_level_key_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(toml_text(exercise()).replace("[[exercise]]", "[[exercises]]"))
    problem = only(problems_of(tmp_path), str(path))
    assert "unknown key 'exercises'" in problem.message
    assert "did you mean 'exercise'" in problem.message


def test_single_brackets_for_an_exercise_are_explained(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(toml_text(exercise()).replace("[[exercise]]", "[exercise]"))
    problem = only(problems_of(tmp_path), f"{path}: exercise")
    assert "double brackets" in problem.message


def test_a_bad_source_entry_is_located(tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_text('[sources.mine]\ncitation = "Notes."\nkind = "book"\n')
    problem = only(problems_of(tmp_path), f"{path}: source 'mine': kind")
    assert "'paper'" in problem.message
    assert "'article'" in problem.message


def test_a_missing_directory_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    problem = only(problems_of(missing), str(missing))
    assert problem.message == "no such directory"


def test_a_directory_without_toml_files_is_reported(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    problem = only(problems_of(tmp_path), str(tmp_path))
    assert "no .toml files" in problem.message


# --- all at once ----------------------------------------------------------------------------


def test_a_file_with_many_problems_reports_every_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "many.toml",
        exercise("coach-a", cues=["One."], equipment=["towl"]),
        exercise("coach-b", dose={"sets": 0, "reps": 5}, sources=["nope"]),
        exercise("coach-c", progressions=["missing-one"], slots=["teeth"], position="seated"),
        exercise("coach-a"),
    )
    problems = problems_of(tmp_path)
    places = {p.where for p in problems}
    assert places >= {
        where(path, "coach-a", "equipment[0]"),
        where(path, "coach-a", "cues"),
        where(path, "coach-b", "dose.sets"),
        where(path, "coach-b", "sources"),
        where(path, "coach-c", "slots"),
        where(path, "coach-c", "progressions"),
        where(path, "coach-a", "slug"),
    }
    assert all(p.where.startswith(str(path)) for p in problems)


def test_problems_in_several_files_are_reported_together(tmp_path: Path) -> None:
    a = write(tmp_path, "a.toml", exercise("coach-a", load="hevy"))
    b = tmp_path / "b.toml"
    b.write_text("not toml at all = = =\n")
    problems = problems_of(tmp_path)
    assert {p.where for p in problems} == {where(a, "coach-a", "load"), str(b)}


def test_the_validation_error_counts_the_problems(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", exercise(cues=["One."], load="hevy"))
    with pytest.raises(ValidationError) as info:
        load_catalogue([tmp_path])
    assert str(info.value).startswith("catalogue: 2 problems")


def test_a_wrong_key_does_not_hide_the_other_problems_of_the_same_exercise(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "a.toml",
        exercise(category="strech", position="seated", slots=["teeth"], cues=["One."]),
    )
    places = {p.where for p in problems_of(tmp_path)}
    assert places == {
        where(path, "coach-arch-hold", "category"),
        where(path, "coach-arch-hold", "slots"),
        where(path, "coach-arch-hold", "cues"),
    }


def test_a_broken_builtin_file_is_reported_by_the_full_check_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = CatalogueFile("activate.toml", toml_text(exercise(load="hevy")), BUILTIN)
    monkeypatch.setattr(loader, "builtin_files", lambda: [broken])
    with pytest.raises(ValidationError) as info:
        loader.builtin_catalogue.__wrapped__()
    assert [p.where for p in info.value.problems] == [
        "activate.toml: exercise 'coach-arch-hold': load",
        "activate.toml: exercise 'coach-arch-hold': demo",  # a built-in exercise needs a drawing
        "activate.toml: exercise 'coach-arch-hold': sources",
    ]


# --- translated fields ([exercise.es]) -------------------------------------------------------

SPANISH = {
    "name": "Arco mantenido",
    "description": "Mantén el arco elevado de pie.",
    "cues": ["Eleva el arco.", "Mantén los dedos largos."],
    "cautions": ["Para si el dolor supera 5 sobre 10."],
}


def test_a_coach_exercise_with_spanish_words_shows_them_in_spanish(tmp_path: Path) -> None:
    write(tmp_path, "a.toml", exercise(es=SPANISH))
    ex = load_catalogue([tmp_path]).get("coach-arch-hold")
    assert ex.name == "Arch hold"
    spanish = ex.in_language("es")
    assert (spanish.name, spanish.cues) == ("Arco mantenido", tuple(SPANISH["cues"]))
    assert spanish.dose == ex.dose
    assert ex.in_language("en") is ex


def test_a_translation_with_a_cue_missing_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path, "a.toml", exercise(es={**SPANISH, "cues": ["Eleva el arco."]}))
    problem = only(problems_of(tmp_path), where(path, "coach-arch-hold", "es.cues"))
    assert "translate each of the 2 cues in order (found 1)" in problem.message


def test_a_translation_with_an_unknown_key_or_no_name_is_reported(tmp_path: Path) -> None:
    wrong = {k: v for k, v in SPANISH.items() if k != "name"} | {"nombre": "x"}
    path = write(tmp_path, "a.toml", exercise(es=wrong))
    places = {p.where for p in problems_of(tmp_path)}
    assert places == {
        where(path, "coach-arch-hold", "es.name"),
        where(path, "coach-arch-hold", "es.nombre"),
    }


def test_every_built_in_exercise_has_its_words_in_every_shipped_language() -> None:
    missing = [
        (ex.slug, code)
        for ex in builtin_catalogue()
        for code in TRANSLATED
        if code not in ex.texts or not ex.texts[code].name
    ]
    assert missing == []


def test_every_built_in_drawing_has_its_captions_in_every_shipped_language() -> None:
    missing = [
        (ex.slug, code)
        for ex in builtin_catalogue()
        for code in TRANSLATED
        if ex.demo is not None and len(ex.texts[code].poses) != len(ex.demo.poses)
    ]
    assert missing == []

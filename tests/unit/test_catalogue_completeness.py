"""The built-in catalogue holds exactly the agreed exercises, chains, doses and slot rules."""

from __future__ import annotations

import itertools
from typing import NamedTuple

import pytest

from footcore.catalogue.loader import builtin_catalogue, builtin_files, validate_files
from footcore.domain.exercise import Catalogue, Exercise
from footcore.domain.vocab import Category, Equipment, Goal, Load, Position, Slot, StretchDepth


class Row(NamedTuple):
    category: str
    position: str
    equipment: tuple[str, ...]
    load: str
    stretch_depth: str | None
    cramp_risk: bool
    # sets, reps, hold_s, duration_s, per_side, steps
    dose: tuple[int, int | None, int | None, int | None, bool, int | None]


# The agreed slug list (catalogue-slugs.md), one row per exercise.
SPEC: dict[str, Row] = {
    "ankle-circles": Row(
        "warm-up", "seated", (), "none", None, False, (1, 10, None, None, True, None)
    ),
    "point-and-flex": Row(
        "warm-up", "seated", (), "none", None, False, (1, 15, None, None, True, None)
    ),
    "ball-roll-sole": Row(
        "release", "seated", ("ball",), "none", None, False, (1, None, None, 60, True, None)
    ),
    "ball-roll-cross-fibre": Row(
        "release", "seated", ("ball",), "none", None, False, (1, None, None, 45, True, None)
    ),
    "roller-sole": Row(
        "release", "seated", ("roller",), "none", None, False, (1, None, None, 60, True, None)
    ),
    "foot-self-massage": Row(
        "release", "seated", (), "none", None, False, (1, None, None, 60, True, None)
    ),
    "seated-toe-taps": Row(
        "activate", "seated", (), "none", None, False, (1, 25, None, None, True, None)
    ),
    "arch-lift-relax": Row(
        "activate", "seated", (), "none", None, False, (2, 10, 3, None, True, None)
    ),
    "toe-spread-out": Row(
        "activate", "seated", (), "none", None, False, (2, 10, 5, None, True, None)
    ),
    "big-toe-lift": Row(
        "activate", "seated", (), "none", None, False, (1, 12, 2, None, True, None)
    ),
    "small-toe-lift": Row(
        "activate", "seated", (), "none", None, False, (1, 12, 2, None, True, None)
    ),
    "individual-toe-lifts": Row(
        "activate", "seated", (), "none", None, False, (1, 5, 2, None, True, None)
    ),
    "short-foot-seated": Row(
        "activate", "seated", (), "none", None, False, (2, 8, 5, None, True, None)
    ),
    "short-foot-standing": Row(
        "activate", "standing", (), "light", None, False, (2, 8, 5, None, True, None)
    ),
    "short-foot-single-leg": Row(
        "activate", "single-leg", (), "light", None, False, (2, 6, 5, None, True, None)
    ),
    "short-foot-single-leg-dynamic": Row(
        "balance", "single-leg", (), "moderate", None, False, (2, 8, None, None, True, None)
    ),
    "short-foot-long-sitting": Row(
        "activate", "long-sitting", ("mat",), "none", None, False, (2, 8, 5, None, False, None)
    ),
    "towel-scrunch": Row(
        "activate", "standing", ("towel",), "light", None, True, (1, 15, None, None, True, None)
    ),
    "towel-drag-push": Row(
        "activate", "seated", ("towel",), "light", None, True, (1, 10, None, None, True, None)
    ),
    "big-toe-press": Row(
        "activate", "seated", (), "light", None, True, (2, 10, 5, None, True, None)
    ),
    "knee-over-toe-lunge": Row(
        "mobilise", "standing", ("wall",), "none", None, False, (2, 10, None, None, True, None)
    ),
    "ankle-rotations-assisted": Row(
        "mobilise", "seated", (), "none", None, False, (1, 10, None, None, True, None)
    ),
    "big-toe-mobilisation": Row(
        "mobilise", "seated", (), "none", None, False, (1, None, None, 30, True, None)
    ),
    "big-toe-ball-roll": Row(
        "mobilise", "standing", ("ball",), "none", None, False, (1, None, None, 45, True, None)
    ),
    "dorsiflexion-hold": Row(
        "mobilise", "seated", (), "none", None, False, (3, 1, 10, None, True, None)
    ),
    "seated-plantar-stretch": Row(
        "stretch", "seated", (), "none", "gentle", False, (1, 6, 10, None, True, None)
    ),
    "calf-wall-stretch": Row(
        "stretch", "standing", ("wall",), "none", "gentle", False, (3, 1, 20, None, True, None)
    ),
    "big-toe-band-stretch": Row(
        "stretch", "seated", ("band",), "none", "gentle", False, (3, 1, 20, None, True, None)
    ),
    "toe-flexion-step": Row(
        "stretch", "standing", ("step",), "none", "gentle", True, (2, 1, 20, None, True, None)
    ),
    # The gentle toes-tucked stretches carry the cramp flag too (departing from the agreed
    # list): runners stretching their feet straight after a long run often cramped
    # (DOMAIN.md section 3), and planner.md names every kneeling and all-fours toe stretch.
    "kneeling-toe-stretch-gentle": Row(
        "stretch", "all-fours", ("mat",), "none", "gentle", True, (2, 1, 20, None, False, None)
    ),
    "kneeling-toe-stretch": Row(
        "stretch", "kneeling", ("mat",), "none", "deep", True, (2, 1, 25, None, False, None)
    ),
    "all-fours-heel-sit": Row(
        "stretch", "all-fours", ("mat",), "none", "deep", True, (2, 1, 30, None, False, None)
    ),
    "bear-squat-rock": Row(
        "stretch", "all-fours", ("mat",), "none", "gentle", True, (1, 10, None, None, False, None)
    ),
    "bear-squat-down-dog": Row(
        "stretch", "all-fours", ("mat",), "none", "deep", True, (1, 5, 5, None, False, None)
    ),
    "heel-raise-double-supported": Row(
        "strengthen",
        "supported-standing",
        ("chair",),
        "light",
        None,
        False,
        (3, 10, None, None, False, None),
    ),
    "calf-raise-double": Row(
        "strengthen", "standing", (), "light", None, False, (3, 15, None, None, False, None)
    ),
    # A wall (or a rail or counter, its substitute) to hold: so it suits TV time too.
    "calf-raise-two-up-one-down": Row(
        "strengthen",
        "standing",
        ("wall",),
        "moderate",
        None,
        False,
        (3, 10, None, None, True, None),
    ),
    "calf-raise-single": Row(
        "strengthen",
        "single-leg",
        ("wall",),
        "moderate",
        None,
        False,
        (3, 10, None, None, True, None),
    ),
    "heel-raise-step-towel": Row(
        "strengthen",
        "single-leg",
        ("step", "towel", "wall"),
        "heavy",
        None,
        False,
        (3, 12, None, None, True, None),
    ),
    "heel-raise-step-towel-loaded": Row(
        "strengthen",
        "single-leg",
        ("step", "towel", "weight", "wall"),
        "heavy",
        None,
        False,
        (4, 10, None, None, True, None),
    ),
    "eccentric-heel-drop-straight": Row(
        "strengthen", "single-leg", ("step",), "heavy", None, False, (3, 15, None, None, True, None)
    ),
    "eccentric-heel-drop-bent": Row(
        "strengthen", "single-leg", ("step",), "heavy", None, False, (3, 15, None, None, True, None)
    ),
    "band-dorsiflexion": Row(
        "strengthen", "seated", ("band",), "light", None, False, (2, 15, None, None, True, None)
    ),
    "band-plantarflexion": Row(
        "strengthen", "seated", ("band",), "light", None, False, (2, 15, None, None, True, None)
    ),
    "band-inversion": Row(
        "strengthen", "seated", ("band",), "light", None, False, (3, 10, None, None, True, None)
    ),
    "band-inversion-heavy": Row(
        "strengthen", "seated", ("band",), "moderate", None, False, (3, 12, None, None, True, None)
    ),
    "band-eversion": Row(
        "strengthen", "seated", ("band",), "light", None, False, (3, 10, None, None, True, None)
    ),
    "band-eversion-heavy": Row(
        "strengthen", "seated", ("band",), "moderate", None, False, (3, 12, None, None, True, None)
    ),
    "marble-pickups": Row(
        "strengthen", "seated", ("marbles",), "light", None, True, (2, 10, None, None, True, None)
    ),
    "stone-pickups": Row(
        "strengthen", "seated", ("marbles",), "light", None, True, (2, 20, None, None, True, None)
    ),
    "soft-ball-grab": Row(
        "strengthen", "seated", ("soft-ball",), "light", None, True, (2, 8, 3, None, True, None)
    ),
    "single-leg-balance-supported": Row(
        "balance",
        "supported-standing",
        ("chair",),
        "none",
        None,
        False,
        (3, 1, 20, None, True, None),
    ),
    "single-leg-balance": Row(
        "balance", "single-leg", (), "none", None, False, (3, 1, 30, None, True, None)
    ),
    "single-leg-balance-eyes-closed": Row(
        "balance", "single-leg", (), "none", None, False, (3, 1, 20, None, True, None)
    ),
    "heel-toe-walk": Row(
        "gait", "walking", (), "light", None, False, (2, None, None, 30, False, None)
    ),
    "heel-toe-walk-weighted": Row(
        "gait", "walking", ("weight",), "moderate", None, False, (2, None, None, 30, False, None)
    ),
    "barefoot-walking": Row(
        "gait", "walking", (), "light", None, False, (1, None, None, None, False, 2500)
    ),
    # The falls programme's balance progression (Otago, Sherrington 2019) and sit to stand.
    "tandem-stance-supported": Row(
        "balance",
        "supported-standing",
        ("chair",),
        "none",
        None,
        False,
        (3, 1, 10, None, True, None),
    ),
    "tandem-walk-supported": Row(
        "balance", "walking", ("chair",), "none", None, False, (2, 10, None, None, False, None)
    ),
    "single-leg-balance-near-support": Row(
        "balance", "single-leg", ("chair",), "none", None, False, (3, 1, 10, None, True, None)
    ),
    "tandem-stance-eyes-closed": Row(
        "balance",
        "supported-standing",
        ("chair",),
        "none",
        None,
        False,
        (3, 1, 10, None, True, None),
    ),
    "sit-to-stand": Row(
        "strengthen", "seated", ("chair",), "light", None, False, (2, 8, None, None, False, None)
    ),
    # The Achilles protocols: heavy slow resistance, its floor-level form, isometric holds.
    "calf-raise-step-heavy-slow": Row(
        "strengthen",
        "standing",
        ("step", "weight", "wall"),
        "heavy",
        None,
        False,
        (3, 15, None, None, False, None),
    ),
    "seated-calf-raise-loaded": Row(
        "strengthen", "seated", ("weight",), "heavy", None, False, (3, 15, None, None, False, None)
    ),
    "calf-raise-floor-heavy-slow": Row(
        "strengthen",
        "standing",
        ("weight", "wall"),
        "heavy",
        None,
        False,
        (3, 15, None, None, False, None),
    ),
    "calf-isometric-hold": Row(
        "strengthen", "standing", ("wall",), "light", None, False, (5, 1, 30, None, False, None)
    ),
}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return builtin_catalogue()


def test_the_builtin_catalogue_holds_exactly_the_agreed_slugs(cat: Catalogue) -> None:
    assert sorted(cat.slugs) == sorted(SPEC)


@pytest.mark.parametrize("slug", sorted(SPEC))
def test_each_exercise_has_the_agreed_category_position_kit_load_depth_cramp_flag_and_dose(
    cat: Catalogue, slug: str
) -> None:
    ex = cat.get(slug)
    d = ex.dose
    got = Row(
        str(ex.category),
        str(ex.position),
        tuple(str(e) for e in ex.equipment),
        str(ex.load),
        None if ex.stretch_depth is None else str(ex.stretch_depth),
        ex.cramp_risk,
        (d.sets, d.reps, d.hold_s, d.duration_s, d.per_side, d.steps),
    )
    assert got == SPEC[slug]


@pytest.mark.parametrize(
    "chain",
    [
        (
            "short-foot-seated",
            "short-foot-standing",
            "short-foot-single-leg",
            "short-foot-single-leg-dynamic",
        ),
        ("big-toe-lift", "small-toe-lift", "individual-toe-lifts"),
        (
            "heel-raise-double-supported",
            "calf-raise-double",
            "calf-raise-two-up-one-down",
            "calf-raise-single",
            "heel-raise-step-towel",
            "heel-raise-step-towel-loaded",
        ),
        ("heel-toe-walk", "heel-toe-walk-weighted"),
        ("band-inversion", "band-inversion-heavy"),
        ("band-eversion", "band-eversion-heavy"),
        ("kneeling-toe-stretch-gentle", "kneeling-toe-stretch", "all-fours-heel-sit"),
        ("bear-squat-rock", "bear-squat-down-dog"),
        ("single-leg-balance-supported", "single-leg-balance", "single-leg-balance-eyes-closed"),
    ],
    ids=lambda chain: chain[0],
)
def test_required_chain_holds_exactly_with_regressions_back(
    cat: Catalogue, chain: tuple[str, ...]
) -> None:
    for member in chain:
        assert cat.chain_of(member) == chain
    for easier, harder in itertools.pairwise(chain):
        assert cat.get(easier).progressions[0] == harder
        assert cat.get(harder).regressions[0] == easier
    assert not cat.get(chain[0]).regressions
    assert not cat.get(chain[-1]).progressions


def test_the_calf_raise_chain_has_five_steps_after_the_supported_heel_raise(
    cat: Catalogue,
) -> None:
    chain = cat.chain_of("calf-raise-double")
    assert chain[0] == "heel-raise-double-supported"
    assert len(chain[1:]) == 5
    assert cat.get("calf-raise-double").regressions == ("heel-raise-double-supported",)


def test_stand_alone_exercises_are_their_own_chain(cat: Catalogue) -> None:
    for slug in ("towel-scrunch", "eccentric-heel-drop-straight", "barefoot-walking"):
        assert cat.chain_of(slug) == (slug,)


@pytest.mark.parametrize("slug", sorted(SPEC))
def test_every_exercise_has_two_cues_a_dose_cautions_and_sources_that_resolve(
    cat: Catalogue, slug: str
) -> None:
    ex = cat.get(slug)
    assert len(ex.cues) >= 2
    assert ex.dose.sets >= 1
    assert ex.cautions
    assert ex.sources
    assert all(s in cat.sources for s in ex.sources)
    assert ex.description
    assert ex.name
    assert ex.slots
    assert ex.targets
    assert ex.goals


def _is_pain_rule(text: str) -> bool:
    return "5 out of 10" in text or "not hurt" in text


def test_every_exercise_carries_a_pain_rule(cat: Catalogue) -> None:
    missing = [ex.slug for ex in cat if not any(_is_pain_rule(c) for c in ex.cautions)]
    assert missing == []


def test_every_cramp_risk_exercise_warns_about_cramp_after_a_long_run(cat: Catalogue) -> None:
    risky = [ex for ex in cat if ex.cramp_risk]
    assert len(risky) == 12
    missing = [
        ex.slug for ex in risky if not any("long run" in c and "cramp" in c for c in ex.cautions)
    ]
    assert missing == []


def _teeth_ok(ex: Exercise) -> bool:
    return ex.position in (Position.STANDING, Position.SUPPORTED_STANDING, Position.SINGLE_LEG)


def test_no_seated_floor_or_hands_only_exercise_is_offered_while_brushing_teeth(
    cat: Catalogue,
) -> None:
    offenders = [ex.slug for ex in cat.filter(slot=Slot.TEETH) if not _teeth_ok(ex)]
    assert offenders == []
    assert "foot-self-massage" not in {ex.slug for ex in cat.filter(slot=Slot.TEETH)}
    assert "big-toe-mobilisation" not in {ex.slug for ex in cat.filter(slot=Slot.TEETH)}


def test_nothing_before_a_run_holds_over_30_s_stretches_deep_or_loads_beyond_light(
    cat: Catalogue,
) -> None:
    pre_run = cat.filter(slot=Slot.PRE_RUN)
    assert pre_run
    for ex in pre_run:
        assert (ex.dose.hold_s or 0) <= 30, ex.slug
        assert ex.stretch_depth is not StretchDepth.DEEP, ex.slug
        assert ex.load.rank <= Load.LIGHT.rank, ex.slug


def test_after_a_run_nothing_deep_or_cramp_prone_is_offered(cat: Catalogue) -> None:
    """Moderate and heavy work may follow a hard run on a loading day (the planner decides);
    deep stretches and cramp-risk work never suit tired feet."""
    for ex in cat.filter(slot=Slot.POST_RUN):
        assert not ex.cramp_risk, ex.slug
        assert ex.stretch_depth is not StretchDepth.DEEP, ex.slug


def test_stretch_depth_is_given_exactly_for_stretches(cat: Catalogue) -> None:
    for ex in cat:
        assert (ex.stretch_depth is not None) == (ex.category is Category.STRETCH), ex.slug


def test_rathleff_heel_raise_is_three_sets_of_twelve_at_tempo_3_2_3_with_a_towel(
    cat: Catalogue,
) -> None:
    ex = cat.get("heel-raise-step-towel")
    assert (ex.dose.sets, ex.dose.reps, ex.dose.per_side) == (3, 12, True)
    assert ex.dose.tempo is not None
    assert (ex.dose.tempo.up_s, ex.dose.tempo.hold_s, ex.dose.tempo.down_s) == (3, 2, 3)
    assert set(ex.equipment) == {"step", "towel", "wall"}
    assert "rathleff-2015" in ex.sources
    loaded = cat.get("heel-raise-step-towel-loaded")
    assert (loaded.dose.sets, loaded.dose.reps) == (4, 10)
    assert loaded.dose.tempo == ex.dose.tempo
    assert "weight" in loaded.equipment


@pytest.mark.parametrize(
    ("slug", "sets", "reps", "hold_s"),
    [
        ("ankle-circles", 1, 10, None),
        ("dorsiflexion-hold", 3, 1, 10),
        ("band-inversion", 3, 10, None),
        ("band-eversion", 3, 10, None),
        ("heel-raise-double-supported", 3, 10, None),
        ("calf-wall-stretch", 3, 1, 20),
        ("stone-pickups", 2, 20, None),
        ("big-toe-band-stretch", 3, 1, 20),
    ],
)
def test_spink_falls_prevention_doses_are_kept(
    cat: Catalogue, slug: str, sets: int, reps: int, hold_s: int | None
) -> None:
    ex = cat.get(slug)
    assert (ex.dose.sets, ex.dose.reps, ex.dose.hold_s) == (sets, reps, hold_s)
    assert "spink-2011" in ex.sources
    assert Goal.FALLS_PREVENTION in ex.goals


def test_alfredson_heel_drops_are_three_sets_of_fifteen_straight_and_bent(
    cat: Catalogue,
) -> None:
    for slug in ("eccentric-heel-drop-straight", "eccentric-heel-drop-bent"):
        ex = cat.get(slug)
        assert (ex.dose.sets, ex.dose.reps, ex.dose.per_side) == (3, 15, True)
        assert Goal.ACHILLES in ex.goals
        assert "alfredson-1998" in ex.sources


def test_seed_facts_are_kept_in_the_doses(cat: Catalogue) -> None:
    plantar = cat.get("seated-plantar-stretch")
    assert plantar.dose.hold_s == 10
    assert plantar.dose.reps is not None
    assert 5 <= plantar.dose.reps <= 10
    kneeling = cat.get("kneeling-toe-stretch")
    assert kneeling.dose.hold_s is not None
    assert 20 <= kneeling.dose.hold_s <= 30
    assert any("rock" in c.lower() for c in kneeling.cues)
    assert any("not hurt" in c for c in cat.get("big-toe-mobilisation").cautions)
    assert cat.get("barefoot-walking").dose.steps == 2500


def test_goals_point_at_the_protocols_behind_them(cat: Catalogue) -> None:
    heel = {ex.slug for ex in cat.filter(goal=Goal.PLANTAR_HEEL_PAIN)}
    assert {"heel-raise-step-towel", "seated-plantar-stretch", "ball-roll-sole"} <= heel
    achilles = {ex.slug for ex in cat.filter(goal=Goal.ACHILLES)}
    assert {"eccentric-heel-drop-straight", "calf-raise-single"} <= achilles
    minimalist = {ex.slug for ex in cat.filter(goal=Goal.MINIMALIST_TRANSITION)}
    assert {"barefoot-walking", "short-foot-seated"} <= minimalist
    recovery = {ex.slug for ex in cat.filter(goal=Goal.POST_RUN_RECOVERY)}
    assert "ball-roll-sole" in recovery
    for goal in Goal:
        assert cat.filter(goal=goal), goal


def test_sources_are_described_without_web_addresses(cat: Catalogue) -> None:
    assert len(cat.sources) == 20  # sinclair-2014: why thin soles wait for a sore Achilles
    for source in cat.sources.values():
        assert "http" not in source.citation
        assert "www." not in source.citation
        assert source.kind == ("article" if source.id.startswith("seed-") else "paper")


def test_the_builtin_catalogue_is_loaded_once(cat: Catalogue) -> None:
    assert builtin_catalogue() is cat


def test_the_fast_builtin_load_equals_the_fully_validated_catalogue(cat: Catalogue) -> None:
    checked = validate_files(builtin_files())
    assert list(checked) == list(cat)
    assert dict(checked.sources) == dict(cat.sources)


#: The calf raises the heel-pain and Achilles protocols prescribe standing or on one leg.
PROTOCOL_RAISES = (
    "heel-raise-step-towel",
    "heel-raise-step-towel-loaded",
    "calf-raise-step-heavy-slow",
    "calf-raise-floor-heavy-slow",
    "calf-raise-single",
    "calf-isometric-hold",
)


@pytest.mark.parametrize("slug", PROTOCOL_RAISES)
def test_protocol_calf_raises_are_done_holding_on_and_need_no_wall_to_be_planned(
    cat: Catalogue, slug: str
) -> None:
    """The protocols' standing and one-leg raises train the calf, not balance: they are done
    with a hand on something (so a falls programme may hold them), and a person who listed
    no wall is told what else to hold rather than losing the exercise."""
    ex = cat.get(slug)
    assert Equipment.WALL in ex.equipment
    assert ex.doable_with([e for e in ex.equipment if e is not Equipment.WALL])
    assert "hold" in ex.substitutes[Equipment.WALL].lower()

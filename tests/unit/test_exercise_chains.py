"""Progression chains as the planner walks them (Catalogue.chain_of / chains)."""

from __future__ import annotations

from footcore.domain.exercise import Catalogue, Dose, Exercise
from footcore.domain.vocab import Category, Load, Position


def _ex(
    slug: str, progressions: tuple[str, ...] = (), regressions: tuple[str, ...] = ()
) -> Exercise:
    return Exercise(
        slug=slug,
        name=slug,
        category=Category.ACTIVATE,
        description="",
        position=Position.SEATED,
        equipment=(),
        slots=(),
        targets=(),
        goals=(),
        load=Load.NONE,
        stretch_depth=None,
        cramp_risk=False,
        dose=Dose(sets=1, reps=5),
        cues=("a", "b"),
        faults=(),
        cautions=(),
        progressions=progressions,
        regressions=regressions,
        sources=(),
    )


def _catalogue(*exercises: Exercise) -> Catalogue:
    return Catalogue(exercises)


def test_chain_is_the_same_from_every_member() -> None:
    cat = _catalogue(_ex("a", ("b",)), _ex("b", ("c",), ("a",)), _ex("c", (), ("b",)))
    assert cat.chain_of("a") == cat.chain_of("b") == cat.chain_of("c") == ("a", "b", "c")
    assert cat.chains() == {"a": ("a", "b", "c")}


def test_a_branch_off_a_chain_keeps_the_steps_below_it_and_the_root_keeps_the_main_line() -> None:
    cat = _catalogue(
        _ex("a", ("b",)),
        _ex("b", ("c",), ("a",)),
        _ex("c", (), ("b",)),
        _ex("coach-b2", (), ("b",)),
    )
    assert cat.chain_of("coach-b2") == ("a", "b", "coach-b2")
    assert cat.chain_id("coach-b2") == "a"
    assert cat.chains() == {"a": ("a", "b", "c")}


def test_a_loop_in_the_links_ends_the_walk_instead_of_hanging() -> None:
    cat = _catalogue(_ex("a", ("b",), ("b",)), _ex("b", ("a",), ("a",)))
    assert cat.chain_of("a") == ("b", "a")


def test_a_stand_alone_exercise_is_its_own_chain_and_not_listed_in_chains() -> None:
    cat = _catalogue(_ex("solo"))
    assert cat.chain_of("solo") == ("solo",)
    assert cat.chains() == {}

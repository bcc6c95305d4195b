"""Levels 1-6: what each unlocks, and the level an exercise needs.

Weeks 1-6 unlock one level each (the six-week, one-level-a-week structure from the ASICS
article); from week 7 the plan consolidates at level 6 while the chains keep progressing more
slowly. An exercise's level follows from its own properties, so a coach's extra exercises
slot in without a table:

==========  ==========================================================================
level        unlocks
==========  ==========================================================================
1            work without load, seated or standing: release, toe control, short foot
             sitting, gentle mobility (knee-over-toe rocks) and gentle stretches
2            standing work with light load and supported balance (standing short foot,
             balance holding a chair), gentle kneeling and all-fours stretches
3            light strength: calf raises on two feet, bands, towel and toe-grip work,
             heel-toe walks
4            single-leg work, moderate loads, deep stretches (after a release)
5            heavy loading: slow heel raises on a step, eccentric heel drops
6            dynamic single-leg control and weighted walking
==========  ==========================================================================

A goal's own protocol (Rathleff heel raises, Alfredson heel drops, the Spink falls-prevention
programme, barefoot walking) is not held back by levels: the trials started it on day one.
"""

from __future__ import annotations

from dataclasses import dataclass

from footcore.domain.exercise import Exercise
from footcore.domain.vocab import Category, Equipment, Load, Position

MAX_LEVEL = 6


@dataclass(frozen=True)
class Level:
    number: int
    title: str
    unlocks: str
    focus: str


LEVELS: tuple[Level, ...] = (
    Level(
        1,
        "Wake the feet up",
        "Seated toe control, short foot sitting, rolling the sole, gentle ankle and toe "
        "mobility (knee-over-toe rocks too) and gentle stretches.",
        "Learn to feel and move the small foot muscles while seated; roll and loosen the "
        "sole on the days your plan holds it.",
    ),
    Level(
        2,
        "Stand on it",
        "Standing short foot, the next toe-lift step, balance holding a chair, gentle "
        "kneeling and all-fours stretches.",
        "Take the arch control you found sitting into standing, and open the ankle.",
    ),
    Level(
        3,
        "Load lightly",
        "Calf raises on two feet, resistance-band work, towel and toe-grip work, tall "
        "heel-toe walks.",
        "Add light strength: calf raises and bands, still with the arch held.",
    ),
    Level(
        4,
        "One leg at a time",
        "Single-leg short foot and balance, harder calf-raise steps, deep toe stretches "
        "after a release.",
        "Carry the work onto one leg; deeper stretches now follow a release.",
    ),
    Level(
        5,
        "Heavy and slow",
        "Slow heavy heel raises on a step and eccentric heel drops, every second day.",
        "Heavy, slow calf and foot loading every second day, with recovery between.",
    ),
    Level(
        6,
        "Dynamic control",
        "Arch control through mini squats and reaches on one leg, weighted heel-toe walks, "
        "eyes-closed balance.",
        "Control the arch while moving; everything unlocked.",
    ),
)

CONSOLIDATE_FOCUS = (
    "Consolidate: the same kinds of work with slow progress, one chain step at most every two "
    "weeks and small dose increases. The foot's shape changes after about four months of "
    "steady work, so keep going."
)


def level_info(number: int) -> Level:
    return LEVELS[max(1, min(MAX_LEVEL, number)) - 1]


def min_level(ex: Exercise) -> int:
    """The level at which an exercise unlocks, from its position, load and category."""
    level = 1
    standing = ex.position in (Position.STANDING, Position.SUPPORTED_STANDING)
    if ex.position in (Position.KNEELING, Position.ALL_FOURS, Position.WALKING) or (
        standing and (ex.load is not Load.NONE or ex.category is Category.BALANCE)
    ):
        level = 2
    if ex.category in (Category.STRENGTHEN, Category.GAIT) or ex.cramp_risk:
        level = max(level, 3)
    if ex.position is Position.SINGLE_LEG or ex.is_deep_stretch or ex.load is Load.MODERATE:
        level = max(level, 4)
    if ex.load is Load.HEAVY or Equipment.WEIGHT in ex.equipment:
        level = max(level, 5)
    if ex.load.rank >= Load.MODERATE.rank and ex.category in (Category.BALANCE, Category.GAIT):
        level = 6
    return level

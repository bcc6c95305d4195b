"""The published protocols the goals bring, as constants and dose tables (DOMAIN.md section 4).

- **Rathleff 2015** (plantar heel pain): single-leg heel raise on a step with a towel under
  the toes, 3 s up, 2 s hold, 3 s down, every second day. The first two weeks 3 x 12; after
  two weeks 4 x 10 with a loaded backpack; after four weeks 5 x 8. Without a ``weight`` it
  stays at body weight (3 x 12, a fourth set after four weeks). With pain 4-5/10 it starts
  double-leg and climbs the calf-raise chain one step a week, stopping below the heavy step.
- **Alfredson 1998** (Achilles): eccentric heel drops off a step, knee straight and knee bent,
  building to 3 x 15 each (3 x 10, 3 x 12, then 3 x 15); a backpack is added once pain is at
  most 2/10 and from week 5. The protocol says twice a day, every day; footcore keeps the
  alternate-days rule instead (heavy loading every second day), and says so.
- **Spink 2011** (falls prevention, older adults): three sessions a week of ankle circles,
  dorsiflexion holds, band inversion and eversion, supported double heel raises, calf wall
  stretch, toe-flexor work, stone pick-ups and a big-toe band stretch; progress by reps,
  a stronger band and a deeper lean.
- **Ridge 2019** (minimalist transition): barefoot or minimalist walking from 2,500 steps a
  day, +500 a week (+250 with pain 4-5/10), capped at 10,000; no minimalist running before
  week 8.
"""

from __future__ import annotations

from footcore.domain.vocab import Goal

RATHLEFF = "heel-raise-step-towel"
RATHLEFF_LOADED = "heel-raise-step-towel-loaded"
RATHLEFF_DOSES = ((3, 12), (4, 10), (5, 8))  # first 2 weeks, weeks 3-4, from week 5
RATHLEFF_WEEKS_PER_STAGE = 2

ALFREDSON = ("eccentric-heel-drop-straight", "eccentric-heel-drop-bent")
ALFREDSON_REPS = (10, 12, 15)  # by weeks done: 0, 1, 2+
ALFREDSON_SETS = 3
ALFREDSON_LOAD_FROM_WEEK = 5
ALFREDSON_LOAD_MAX_PAIN = 2

# The double-leg start of the calf chain (used when pain calls for an easier start).
CALF_DOUBLE = "calf-raise-double"
CALF_CHAIN_STEPS = (
    "calf-raise-double",
    "calf-raise-two-up-one-down",
    "calf-raise-single",
    RATHLEFF,
    RATHLEFF_LOADED,
)

SPINK = (
    "ankle-circles",
    "dorsiflexion-hold",
    "band-inversion",
    "band-eversion",
    "heel-raise-double-supported",
    "calf-wall-stretch",
    "big-toe-press",
    "stone-pickups",
    "big-toe-band-stretch",
    "single-leg-balance-supported",
)
FALLS_DAYS_PER_WEEK = 3

BAREFOOT_WALKING = "barefoot-walking"
BAREFOOT_START_STEPS = 2500
BAREFOOT_WEEKLY_STEPS = 500
BAREFOOT_WEEKLY_STEPS_REDUCED = 250
BAREFOOT_MAX_STEPS = 10000
BAREFOOT_MAX_WEEKLY_RISE = 1000
MINIMALIST_RUNNING_FROM_WEEK = 8

#: Exercises a goal's protocol may use before the week's level unlocks them.
PROTOCOL_EXERCISES: dict[Goal, frozenset[str]] = {
    Goal.PLANTAR_HEEL_PAIN: frozenset(CALF_CHAIN_STEPS),
    Goal.ACHILLES: frozenset((*ALFREDSON, *CALF_CHAIN_STEPS[:3])),
    Goal.FALLS_PREVENTION: frozenset(SPINK),
    Goal.MINIMALIST_TRANSITION: frozenset((BAREFOOT_WALKING,)),
}


def barefoot_steps(weeks_done: int, reduced: bool) -> int:
    """Barefoot steps a day after ``weeks_done`` weeks of walking."""
    rise = BAREFOOT_WEEKLY_STEPS_REDUCED if reduced else BAREFOOT_WEEKLY_STEPS
    return min(BAREFOOT_MAX_STEPS, BAREFOOT_START_STEPS + rise * max(0, weeks_done))

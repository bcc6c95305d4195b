"""Scoring the Foot and Ankle Ability Measure (FAAM) from its item answers.

Each item is answered 4 (no difficulty) to 0 (unable); N/A items are left out. A subscale
scores ``sum / (answered x 4) x 100`` and only when at least 90% of its items are answered:
19 of the 21 ADL items (19/21 = 90.5%, 18/21 = 85.7%) and all 8 Sports items (7/8 = 87.5%).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from footcore.domain.assessments.definitions import (
    FAAM_ADL_ITEMS,
    FAAM_MIN_ANSWERED_FRACTION,
    FAAM_SPORTS_ITEMS,
)
from footcore.domain.phrases import Said

SUBSCALE_ITEMS = {"adl": FAAM_ADL_ITEMS, "sports": FAAM_SPORTS_ITEMS}
SUBSCALE_NAMES = {"adl": "ADL", "sports": "Sports"}
#: Why a subscale has no score (a shape of :class:`~footcore.domain.phrases.Said`:
#: ``babel.cfg`` hands it to the extraction).
NOTE_TOO_FEW_ANSWERED = (
    "%(subscale)s: only %(answered)s of %(items)s items answered; at least %(needed)s are "
    "needed (90%%), so no score"
)


def min_answered(items: int) -> int:
    """The fewest answered items that still reach 90% (19 of 21, 8 of 8)."""
    return math.ceil(round(items * FAAM_MIN_ANSWERED_FRACTION, 9))


@dataclass(frozen=True)
class FaamScore:
    """One subscale's score, or ``None`` with the reason when too few items were answered."""

    subscale: str
    answered: int
    items: int
    total: int
    percent: float | None
    note: Said | None

    @property
    def scored(self) -> bool:
        return self.percent is not None


def score_subscale(subscale: str, answers: Sequence[int | None]) -> FaamScore:
    """Score one subscale from its answers (already validated: 0-4 or ``None`` for N/A)."""
    items = SUBSCALE_ITEMS[subscale]
    if len(answers) != items:
        raise ValueError(f"FAAM {subscale} has {items} items, got {len(answers)}")
    given = [a for a in answers if a is not None]
    answered = len(given)
    total = sum(given)
    needed = min_answered(items)
    if answered < needed:
        return FaamScore(
            subscale=subscale,
            answered=answered,
            items=items,
            total=total,
            percent=None,
            note=Said.of(
                NOTE_TOO_FEW_ANSWERED,
                subscale=Said.of(SUBSCALE_NAMES[subscale]),
                answered=answered,
                items=items,
                needed=needed,
            ),
        )
    percent = round(total / (answered * 4) * 100, 1)
    return FaamScore(subscale, answered, items, total, percent, None)

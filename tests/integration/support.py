"""Shared values for the integration tests (imported by conftest and the test modules)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from argon2 import PasswordHasher

from tests.support.clock import TODAY, Clock
from tests.support.profiles import ana

# The integration tests import the day and the clock from here (tests/support/clock.py).
__all__ = ["TODAY", "Clock"]


def run_together(target: Callable[..., None], args: Iterable[Any], timeout: float = 60) -> None:
    """``target(arg)`` for each argument, each in its own thread, all started before any is
    waited for (the concurrency tests' writers and readers)."""
    threads = [threading.Thread(target=target, args=(arg,)) for arg in args]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)


PROFILE: dict[str, Any] = ana()


PASSWORD = "correct horse battery"
#: argon2 at its cheapest: the tests sign in and out often.
FAST = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

#: A coach's own exercise, as a coach writes it.
COACH_EXERCISE = """
[[exercise]]
slug = "seated-toe-yoga"
name = "Seated toe yoga"
category = "activate"
description = "Sitting tall, lift the big toe while the small toes stay down, then swap."
position = "seated"
equipment = []
slots = ["morning", "desk"]
targets = ["intrinsic-foot"]
goals = ["general"]
load = "none"
dose = { sets = 2, reps = 8, hold_s = 3, per_side = true }
cues = ["Heel and ball of the foot stay down.", "Move slowly, no cramping."]
cautions = ["Stop above 5 out of 10 pain; do less if it is still there the next morning."]

[exercise.demo]
view = "foot-front"
emphasis = ["big-toe", "small-toes"]
poses = [
  { label = "All toes down and relaxed" },
  { label = "Big toe up, small toes down", lift = [45, 0, 0, 0, 0], press = ["toe-2"] },
  { label = "Small toes up, big toe down", lift = [0, 40, 40, 40, 40], press = ["big-toe"] },
]
"""

"""The programme generator: from a profile (and self-test results) to a day-by-day plan.

Public API::

    GENERATOR_VERSION
    generate_plan(profile, catalogue, start, weeks, report=None, adjustments=None) -> Plan
    Plan, Week, Day, Session, PlanItem, Flag, FocusNote, Adjustments
    plan_to_dict(plan) -> dict          # the footcore.plan/1 JSON contract
    plan_from_dict(mapping) -> Plan     # reads it back (round-trips)
    day_of(plan, date) -> Day | None
    check_plan(plan, profile, catalogue) -> list[RuleViolation]
    RULES / Rule                        # every rule id with its title and reason

Each name is imported from its module on first use (PEP 562), not when the package is:
importing any module of the package imports this file first, and showing a stored day (the
plan model) must not load the generator and its checks (benchmarks/findings.md, "CLI cold
start"). ``from footcore.domain.planning import X`` works as before.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from footcore.domain.planning.check import RuleViolation, check_plan
    from footcore.domain.planning.context import ReportLike
    from footcore.domain.planning.generator import generate_plan
    from footcore.domain.planning.levels import LEVELS, Level, min_level
    from footcore.domain.planning.model import (
        SCHEMA,
        Adjustments,
        Day,
        Flag,
        FocusNote,
        Plan,
        PlanItem,
        Session,
        Week,
        day_from_dict,
        day_of,
        day_to_dict,
        level_for_week,
        plan_from_dict,
        plan_to_dict,
    )
    from footcore.domain.planning.progression import progress_dose
    from footcore.domain.planning.protocol import PlanningData, Protocol, protocol_exercises
    from footcore.domain.planning.rules import RULES, Rule
    from footcore.domain.planning.version import GENERATOR_VERSION, MAX_WEEKS

#: Where each public name is defined (the module under ``footcore.domain.planning``).
_HOME: dict[str, str] = {
    "RuleViolation": "check",
    "check_plan": "check",
    "ReportLike": "context",
    "GENERATOR_VERSION": "version",
    "MAX_WEEKS": "version",
    "generate_plan": "generator",
    "LEVELS": "levels",
    "Level": "levels",
    "min_level": "levels",
    "SCHEMA": "model",
    "Adjustments": "model",
    "Day": "model",
    "Flag": "model",
    "FocusNote": "model",
    "Plan": "model",
    "PlanItem": "model",
    "Session": "model",
    "Week": "model",
    "day_from_dict": "model",
    "day_of": "model",
    "day_to_dict": "model",
    "level_for_week": "model",
    "plan_from_dict": "model",
    "plan_to_dict": "model",
    "progress_dose": "progression",
    "PlanningData": "protocol",
    "Protocol": "protocol",
    "protocol_exercises": "protocol",
    "RULES": "rules",
    "Rule": "rules",
}

__all__ = [
    "GENERATOR_VERSION",
    "LEVELS",
    "MAX_WEEKS",
    "RULES",
    "SCHEMA",
    "Adjustments",
    "Day",
    "Flag",
    "FocusNote",
    "Level",
    "Plan",
    "PlanItem",
    "PlanningData",
    "Protocol",
    "ReportLike",
    "Rule",
    "RuleViolation",
    "Session",
    "Week",
    "check_plan",
    "day_from_dict",
    "day_of",
    "day_to_dict",
    "generate_plan",
    "level_for_week",
    "min_level",
    "plan_from_dict",
    "plan_to_dict",
    "progress_dose",
    "protocol_exercises",
]


def __getattr__(name: str) -> Any:
    """Import the module that defines ``name`` and keep the value here (PEP 562)."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})

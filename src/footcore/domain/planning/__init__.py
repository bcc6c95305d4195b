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
"""

from footcore.domain.planning.check import RuleViolation, check_plan
from footcore.domain.planning.context import ReportLike
from footcore.domain.planning.generator import GENERATOR_VERSION, MAX_WEEKS, generate_plan
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

"""Self-tests, norms and real-change detection (pure; standard library only).

Public API (other parts of footcore code against these names):

- ``TESTS`` / ``get_test`` / ``resolve_test_id``: the self-test catalogue with protocols,
  units, valid ranges, norms, asymmetry thresholds and smallest real changes.
- ``parse_battery`` -> ``BatteryInput``: validates an assessment mapping (every problem at once).
- ``score_battery`` -> ``BatteryReport``: bands, asymmetry, safety flags, focus areas.
- ``report_to_dict``: the JSON of ``footcore assess score --json``.
- ``compare`` -> ``ChangeReport`` and ``check_intervention`` -> ``InterventionCheck``.
"""

from __future__ import annotations

from footcore.domain.assessments.change import (
    NO_THRESHOLD,
    NOISE,
    NOT_SCORED,
    REAL_BETTER,
    REAL_WORSE,
    Change,
    ChangeReport,
    InterventionCheck,
    change_to_dict,
    check_intervention,
    compare,
    judge,
)
from footcore.domain.assessments.definitions import (
    FAAM_ITEMS,
    SOURCES,
    TESTS,
    Band,
    Norm,
    SelfTest,
    Shape,
    ValidRange,
    degrees_from_cm,
    get_test,
    resolve_test_id,
)
from footcore.domain.assessments.faam import FaamScore, min_answered, score_subscale
from footcore.domain.assessments.inputs import (
    ACUTE_SIGNS,
    AGE_RANGE,
    PAIN_SIDES,
    PAIN_WHEN,
    BalanceTries,
    BatteryInput,
    FaamAnswers,
    PainReport,
    PerSide,
    ToeScores,
    battery_to_dict,
    parse_battery,
)
from footcore.domain.assessments.scoring import (
    SCHEMA,
    BatteryReport,
    FocusArea,
    Measure,
    NormUsed,
    SafetyFlag,
    ScoredTest,
    norm_for,
    pain_zone,
    report_to_dict,
    score_battery,
    score_test,
)

__all__ = [
    "ACUTE_SIGNS",
    "AGE_RANGE",
    "FAAM_ITEMS",
    "NOISE",
    "NOT_SCORED",
    "NO_THRESHOLD",
    "PAIN_SIDES",
    "PAIN_WHEN",
    "REAL_BETTER",
    "REAL_WORSE",
    "SCHEMA",
    "SOURCES",
    "TESTS",
    "BalanceTries",
    "Band",
    "BatteryInput",
    "BatteryReport",
    "Change",
    "ChangeReport",
    "FaamAnswers",
    "FaamScore",
    "FocusArea",
    "InterventionCheck",
    "Measure",
    "Norm",
    "NormUsed",
    "PainReport",
    "PerSide",
    "SafetyFlag",
    "ScoredTest",
    "SelfTest",
    "Shape",
    "ToeScores",
    "ValidRange",
    "battery_to_dict",
    "change_to_dict",
    "check_intervention",
    "compare",
    "degrees_from_cm",
    "get_test",
    "judge",
    "min_answered",
    "norm_for",
    "pain_zone",
    "parse_battery",
    "report_to_dict",
    "resolve_test_id",
    "score_battery",
    "score_subscale",
    "score_test",
]

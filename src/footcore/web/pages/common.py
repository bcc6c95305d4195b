"""What several athlete pages share: vocabularies for forms, the level texts."""

from __future__ import annotations

from typing import Any

from footcore.domain.vocab import Equipment, Goal, PainSite, RunKind, Sex, Slot, Weekday


def vocab() -> dict[str, Any]:
    """The choices of the profile form, in vocabulary order."""
    return {
        "sexes": list(Sex),
        "goals": list(Goal),
        "equipment": list(Equipment),
        "slots": list(Slot),
        "weekdays": list(Weekday),
        "pain_sites": list(PainSite),
        "run_kinds": [k for k in RunKind if k is not RunKind.NONE],
    }

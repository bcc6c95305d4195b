"""The study's views and the participants as its report reads them: shared by the study
service (:mod:`footcore.services.studies`) and its report
(:mod:`footcore.services.study_report`), so that the report does not import the service.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from footcore.domain.ostrc import WeeklyCheckin

#: Below this many participants with follow-up in an arm, or this many participants with
#: the outcome in all, the report says plainly that the numbers are too small.
MIN_PER_ARM = 20
MIN_EVENTS = 10
STUDY_WORDING = "study/1"
STUDY_TEXT = (
    "I agree to take part in this study of my club. I will be put at random in one of its "
    "groups (arms) and asked to follow that group's instructions. My weekly injury "
    "check-ins, how many foot sessions I do, my weekly running distance and whether I had "
    "a running injury before will be used for the study, under a code instead of my name. "
    "I can withdraw at any time; from then on nothing more of mine is used. This is a club "
    "project, not a clinical trial approved by an ethics committee."
)


@dataclass(frozen=True)
class ArmView:
    code: str
    name: str
    instructions: str
    template_id: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "instructions": self.instructions,
            "template_id": self.template_id,
        }


@dataclass(frozen=True)
class StudyView:
    id: int
    group_id: int
    group: str
    title: str
    question: str
    follow_up_weeks: int
    status: str
    starts_on: dt.date | None
    arms: tuple[ArmView, ...]
    participants: int
    seed: int | None = None  # the coach's view only

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "group_id": self.group_id,
            "group": self.group,
            "title": self.title,
            "question": self.question,
            "follow_up_weeks": self.follow_up_weeks,
            "status": self.status,
            "starts_on": self.starts_on.isoformat() if self.starts_on else None,
            "arms": [a.to_dict() for a in self.arms],
            "participants": self.participants,
            "seed": self.seed,
            "consent_wording": STUDY_WORDING,
            "consent_text": STUDY_TEXT,
        }


@dataclass
class Person:
    """A participant as the report reads them."""

    code: str
    athlete_id: int | None
    arm: str
    weekly_km: float
    injured_before: bool
    start: dt.date
    withdrawn: dt.date | None
    weeks: list[WeeklyCheckin] = field(default_factory=list)
    planned: dict[dt.date, int] = field(default_factory=dict)  # per follow-up week
    done: dict[dt.date, int] = field(default_factory=dict)

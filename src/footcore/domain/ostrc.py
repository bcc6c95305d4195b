"""The weekly injury check-in: the OSTRC questionnaire, its scoring, and what follows.

The instrument is the Oslo Sports Trauma Research Center questionnaire in its 2020 form
(OSTRC-O2 for overuse problems, OSTRC-H2 for health problems: Clarsen et al. 2020, BJSM
54:390-396; the original is Clarsen et al. 2013, BJSM 47:495-502). Each week, for each body
area, four questions: participation, training modification (volume), performance and
symptoms. The questions below are our own words for the published ones; the answer options
keep the published order and scores.

Scoring (version 2.0; the same values the Oslo centre's own analysis package, ``ostRc``,
uses):

- every question has four options, scored 0, 8, 17 and 25; the severity score of an area is
  their sum, 0 to 100;
- the first question is the gate: "took full part without problems" means no problem in that
  area, and the other three are not asked (scored 0);
- a **problem** is any other answer to the first question;
- a **substantial problem** is "could not take part" on the first question, or a moderate
  or major effect (17 or 25) on training (question 2) or on performance (question 3).

Areas: foot and ankle, Achilles and calf, knee, hip, and any other body area (the overuse
form per area), plus illness (the H2 form's health problems that are not injuries).

Nothing here knows about storage or the web: check-ins come in as plain values and leave
as frozen records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from footcore.domain.errors import Problem, ValidationError
from footcore.domain.phrases import Day, Said

INSTRUMENT = "OSTRC-O2/H2"
SOURCES = (
    "Clarsen B, Myklebust G, Bahr R. Development and validation of a new method for the "
    "registration of overuse injuries in sports injury epidemiology: the OSTRC Overuse "
    "Injury Questionnaire. Br J Sports Med 2013;47:495-502.",
    "Clarsen B, Bahr R, Myklebust G, et al. Improved reporting of overuse injuries and "
    "health problems in sport: an update of the Oslo Sport Trauma Research Center "
    "questionnaires. Br J Sports Med 2020;54:390-396.",
)


class Area(StrEnum):
    """A body area asked about (or illness)."""

    FOOT_ANKLE = "foot-ankle"
    ACHILLES_CALF = "achilles-calf"
    KNEE = "knee"
    HIP = "hip"
    OTHER = "other"
    ILLNESS = "illness"

    def __str__(self) -> str:
        return self.value

    @property
    def label(self) -> str:
        return AREA_LABELS[self]

    @property
    def feeds_plan(self) -> bool:
        """A substantial problem here changes the foot work (the areas it loads)."""
        return self in FOOT_AREAS


AREA_LABELS: Mapping[Area, str] = {
    Area.FOOT_ANKLE: "foot or ankle",
    Area.ACHILLES_CALF: "Achilles or calf",
    Area.KNEE: "knee",
    Area.HIP: "hip or groin",
    Area.OTHER: "another body area",
    Area.ILLNESS: "illness",
}

AREAS: tuple[Area, ...] = tuple(Area)
BODY_AREAS: tuple[Area, ...] = tuple(a for a in Area if a is not Area.ILLNESS)
FOOT_AREAS: tuple[Area, ...] = (Area.FOOT_ANKLE, Area.ACHILLES_CALF)

#: The four questions, in the published order.
QUESTIONS = ("participation", "training", "performance", "symptoms")

#: The score of each option, in order (the same for every question in version 2.0).
SCORES = (0, 8, 17, 25)

#: Option 4 of the first question: could not take part at all.
COULD_NOT_TAKE_PART = 25

#: Questions 2 and 3 at or above this are a substantial problem (moderate or major).
SUBSTANTIAL_FROM = 17

#: Check-ins needed before footcore draws any trend for a person.
MIN_WEEKS_FOR_TREND = 4


@dataclass(frozen=True)
class Option:
    key: str
    text: str
    score: int


@dataclass(frozen=True)
class Question:
    key: str
    text: str  # with {problems} or {symptoms}: the area's words
    options: tuple[Option, ...]

    def ask(self, area: Area) -> str:
        return self.text.format(**_area_words(area))

    def option(self, key_or_score: str | int) -> Option:
        for o in self.options:
            if key_or_score in (o.key, o.score) or str(key_or_score) == str(o.score):
                return o
        raise KeyError(key_or_score)


def _area_words(area: Area) -> dict[str, str]:
    if area is Area.ILLNESS:
        return {"problems": "illness", "symptoms": "did you feel ill (symptoms of illness)"}
    place = "any other part of your body" if area is Area.OTHER else f"your {area.label}"
    return {
        "problems": f"problems with {place}",
        "symptoms": f"pain or other symptoms did you have in {place}",
    }


INSTRUMENT_QUESTIONS: tuple[Question, ...] = (
    Question(
        "participation",
        "In the last 7 days, did {problems} get in the way of your running and training?",
        (
            Option("full", "No: I took full part with no problems", 0),
            Option("full-with-problems", "I took full part, but had problems", 8),
            Option("reduced", "I took part less because of them", 17),
            Option("none", "I could not take part at all", 25),
        ),
    ),
    Question(
        "training",
        "In the last 7 days, how much did you cut back or change your training because of "
        "{problems}?",
        (
            Option("no", "Not at all", 0),
            Option("minor", "A little", 8),
            Option("moderate", "Moderately", 17),
            Option("major", "A lot", 25),
        ),
    ),
    Question(
        "performance",
        "In the last 7 days, how much did {problems} hold back how well you trained or raced?",
        (
            Option("no", "Not at all", 0),
            Option("minor", "A little", 8),
            Option("moderate", "Moderately", 17),
            Option("major", "A lot", 25),
        ),
    ),
    Question(
        "symptoms",
        "In the last 7 days, how much {symptoms}?",
        (
            Option("no", "None", 0),
            Option("mild", "Mild", 8),
            Option("moderate", "Moderate", 17),
            Option("severe", "Severe", 25),
        ),
    ),
)
QUESTION_BY_KEY: Mapping[str, Question] = {q.key: q for q in INSTRUMENT_QUESTIONS}


# -- one area's answers -----------------------------------------------------------------------


@dataclass(frozen=True)
class AreaAnswer:
    """The scores of the four answers for one area (0, 8, 17 or 25 each)."""

    area: Area
    participation: int
    training: int = 0
    performance: int = 0
    symptoms: int = 0

    @property
    def scores(self) -> tuple[int, int, int, int]:
        return (self.participation, self.training, self.performance, self.symptoms)

    @property
    def severity(self) -> int:
        """The OSTRC severity score: the sum of the four answers, 0 to 100."""
        return severity_score(*self.scores)

    @property
    def problem(self) -> bool:
        return is_problem(self.participation)

    @property
    def substantial(self) -> bool:
        return is_substantial(self.participation, self.training, self.performance)

    def to_dict(self) -> dict[str, Any]:
        return {
            "area": str(self.area),
            "participation": self.participation,
            "training": self.training,
            "performance": self.performance,
            "symptoms": self.symptoms,
            "severity": self.severity,
            "problem": self.problem,
            "substantial": self.substantial,
        }


def severity_score(participation: int, training: int, performance: int, symptoms: int) -> int:
    """The sum of the four option scores (each 0, 8, 17 or 25): 0 to 100."""
    for value in (participation, training, performance, symptoms):
        if value not in SCORES:
            raise ValueError(f"an OSTRC answer scores one of {SCORES}, not {value!r}")
    return participation + training + performance + symptoms


def is_problem(participation: int) -> bool:
    """Any answer to the first question but "full part, no problems"."""
    return participation > 0


def is_substantial(participation: int, training: int, performance: int) -> bool:
    """Could not take part, or a moderate or major effect on training or performance."""
    if not is_problem(participation):
        return False
    return (
        participation == COULD_NOT_TAKE_PART
        or training >= SUBSTANTIAL_FROM
        or performance >= SUBSTANTIAL_FROM
    )


def no_problem(area: Area) -> AreaAnswer:
    return AreaAnswer(area, 0, 0, 0, 0)


def parse_area_answer(area: Area, data: Mapping[str, Any], where: str) -> AreaAnswer:
    """One area's answers from option keys (``"reduced"``) or scores (``17``), checked.

    The first question is the gate: with "full part, no problems" the other answers must be
    absent or the lowest option. Otherwise all four are needed."""
    problems: list[Problem] = []
    values: dict[str, int] = {}
    for q in INSTRUMENT_QUESTIONS:
        raw = data.get(q.key)
        if raw is None:
            continue
        try:
            if isinstance(raw, bool):
                raise KeyError(raw)
            values[q.key] = q.option(raw).score
        except KeyError:
            keys = ", ".join(f"{o.key} ({o.score})" for o in q.options)
            problems.append(Problem(f"{where}.{q.key}", f"choose one of {keys}; got {raw!r}"))
    unknown = sorted(set(data) - set(QUESTIONS))
    for key in unknown:
        problems.append(
            Problem(f"{where}.{key}", f"not a question; they are {', '.join(QUESTIONS)}")
        )
    if "participation" not in values and not any(
        p.where == f"{where}.participation" for p in problems
    ):
        problems.append(Problem(f"{where}.participation", "this first question needs an answer"))
    if problems:
        raise ValidationError("check-in", problems)
    first = values["participation"]
    if first == 0:
        extra = [k for k in QUESTIONS[1:] if values.get(k, 0) != 0]
        if extra:
            raise ValidationError(
                "check-in",
                [
                    Problem(
                        f"{where}.{k}",
                        "no problem was reported in this area, so this question is not asked",
                    )
                    for k in extra
                ],
            )
        return no_problem(area)
    missing = [k for k in QUESTIONS[1:] if k not in values]
    if missing:
        raise ValidationError(
            "check-in",
            [Problem(f"{where}.{k}", "needs an answer when there was a problem") for k in missing],
        )
    return AreaAnswer(area, first, values["training"], values["performance"], values["symptoms"])


# -- one week's check-in -------------------------------------------------------------------------


def week_start(day: dt.date) -> dt.date:
    """The Monday of the week holding ``day``: one check-in per calendar week."""
    return day - dt.timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeeklyCheckin:
    """One week's answers (``skipped``: the person chose not to answer that week)."""

    week: dt.date  # the Monday
    answers: tuple[AreaAnswer, ...] = ()
    skipped: bool = False

    def answer(self, area: Area) -> AreaAnswer:
        for a in self.answers:
            if a.area is area:
                return a
        return no_problem(area)

    @property
    def problems(self) -> tuple[AreaAnswer, ...]:
        return tuple(a for a in self.answers if a.problem)

    @property
    def any_problem(self) -> bool:
        return bool(self.problems)

    @property
    def any_substantial(self) -> bool:
        return any(a.substantial for a in self.answers)

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week.isoformat(),
            "skipped": self.skipped,
            "areas": [self.answer(a).to_dict() for a in AREAS] if not self.skipped else [],
            "any_problem": self.any_problem,
            "any_substantial": self.any_substantial,
        }


def parse_checkin(data: Mapping[str, Any], week: dt.date) -> WeeklyCheckin:
    """A week's check-in from ``{"areas": {"knee": {...}}}``: areas left out had no
    problem. ``{"none": true}`` (the one-tap answer) is no problem anywhere."""
    problems: list[Problem] = []
    unknown = sorted(set(data) - {"areas", "none"})
    problems += [Problem(k, "unknown key; a check-in has 'areas' (or 'none')") for k in unknown]
    areas = data.get("areas") or {}
    if data.get("none") and areas:
        problems.append(Problem("none", "'none' means no problems: leave 'areas' out"))
    if not isinstance(areas, Mapping):
        problems.append(Problem("areas", "must map area names to their answers"))
        areas = {}
    answers: list[AreaAnswer] = []
    for name, given in areas.items():
        if name not in {a.value for a in Area}:
            problems.append(
                Problem(
                    f"areas.{name}", f"not an area; they are {', '.join(a.value for a in Area)}"
                )
            )
            continue
        if not isinstance(given, Mapping):
            problems.append(Problem(f"areas.{name}", "must map questions to answers"))
            continue
        try:
            answers.append(parse_area_answer(Area(name), given, f"areas.{name}"))
        except ValidationError as exc:
            problems += exc.problems
    if problems:
        raise ValidationError("check-in", problems)
    by_area = {a.area: a for a in answers}
    return WeeklyCheckin(
        week=week_start(week), answers=tuple(by_area.get(a, no_problem(a)) for a in AREAS)
    )


# -- how the plan reacts ---------------------------------------------------------------------

#: The pain number a substantial foot problem stands for in the planner's pain rules: 4/10
#: is the lowest of the "acceptable, but less load" band (Silbernagel 2007), so the plan
#: drops a set and heavy steps.
HOLD_PAIN = 4


class Reaction(StrEnum):
    NONE = "none"  # no recent check-in, or no problem
    NOTED = "noted"  # a problem footcore notes without changing the foot work
    HOLD = "hold"  # a substantial foot, ankle or calf problem: load held or reduced
    SEE_CLINICIAN = "see-clinician"  # high, or rising two weeks running


@dataclass(frozen=True)
class PlanResponse:
    """What the latest check-in means for the plan, with the reasons shown to the person.

    ``pain_nrs`` and ``flag`` are what the planner's existing pain rules read (the pain
    level, a self-test style ``see-clinician`` flag); ``message`` replaces the planner's
    own words for the flag the check-in caused."""

    reaction: Reaction = Reaction.NONE
    week: dt.date | None = None
    pain_nrs: int | None = None
    flag: str | None = None
    message: str = ""
    reasons: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def changes_plan(self) -> bool:
        return self.reaction in (Reaction.HOLD, Reaction.SEE_CLINICIAN)

    def to_dict(self) -> dict[str, Any]:
        return {
            "reaction": str(self.reaction),
            "week": self.week.isoformat() if self.week else None,
            "pain_nrs": self.pain_nrs,
            "flag": self.flag,
            "message": self.message,
            "reasons": list(self.reasons),
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> PlanResponse:
        week = data.get("week")
        return cls(
            reaction=Reaction(data.get("reaction", "none")),
            week=dt.date.fromisoformat(week) if week else None,
            pain_nrs=data.get("pain_nrs"),
            flag=data.get("flag"),
            message=str(data.get("message", "")),
            reasons=tuple(data.get("reasons", ())),
            notes=tuple(data.get("notes", ())),
        )


def _is_high(answer: AreaAnswer) -> bool:
    """Could not run at all, or severe pain or symptoms: the planner's own pain rule sends
    pain above 5/10 to a clinician, and "severe" is the top of that range."""
    return answer.participation == COULD_NOT_TAKE_PART or answer.symptoms == SCORES[-1]


def _rising(area: Area, weeks: Sequence[WeeklyCheckin], latest: WeeklyCheckin) -> bool:
    """Severity up two weeks running: three answered weeks in a row, each higher."""
    by_week = {c.week: c for c in weeks if not c.skipped}
    one = by_week.get(latest.week - dt.timedelta(days=7))
    two = by_week.get(latest.week - dt.timedelta(days=14))
    if one is None or two is None:
        return False
    a, b, c = (two.answer(area).severity, one.answer(area).severity, latest.answer(area).severity)
    return a < b < c


#: What a check-in says to the plan, as the check-in's views say it (shapes of
#: :class:`~footcore.domain.phrases.Said`: ``babel.cfg`` hands them to the extraction).
NOTED_ILLNESS = (
    "Illness noted (severity %(severity)s/100): your foot work is unchanged; do it only as "
    "you feel able, and rest while you have a fever."
)
NOTED_FOOT_SUBSTANTIAL = (
    "A substantial problem with your %(area)s noted (severity %(severity)s/100): it has not "
    "cut your training or performance much, so the plan is unchanged. Tell the check-in next "
    "week if it gets worse."
)
NOTED_FOOT_MINOR = (
    "A minor problem with your %(area)s noted (severity %(severity)s/100): it has not cut "
    "your training or performance much, so the plan is unchanged. Tell the check-in next "
    "week if it gets worse."
)
NOTED_ELSEWHERE_SUBSTANTIAL = (
    "A substantial problem with your %(area)s noted (severity %(severity)s/100): your foot "
    "work is unchanged. If it keeps you from running, see a physiotherapist or doctor."
)
NOTED_ELSEWHERE_MINOR = (
    "A minor problem with your %(area)s noted (severity %(severity)s/100): your foot work is "
    "unchanged. If it keeps you from running, see a physiotherapist or doctor."
)
YOUR_AREA = "your %(area)s"
BOTH_AREAS = "%(first)s and %(second)s"
WHY_COULD_NOT_RUN = "you could not run because of it"
WHY_SEVERE = "your symptoms were severe"
WHY_RISING = "its severity has risen two weeks running"
SEE_CLINICIAN_TEXT = (
    "Your weekly check-in (week of %(week)s) reports a substantial problem with %(where)s "
    "(severity %(severity)s/100), and %(why)s. Please see a physiotherapist or doctor; until "
    "then the plan holds only gentle work without load."
)
HOLD_TEXT = (
    "Your weekly check-in (week of %(week)s) reports a substantial problem with %(where)s "
    "(severity %(severity)s/100), so the plan holds the load: one set fewer and no heavy "
    "steps until a check-in shows it settling. If it gets worse, see a physiotherapist or "
    "doctor."
)


def _area(area: Area) -> Said:
    """An area's name inside a sentence (its label, a message of its own)."""
    return Said.of(area.label)


def _noted(a: AreaAnswer) -> Said:
    """The note for a problem that leaves the foot work as it is (illness, a problem
    elsewhere, a minor foot problem)."""
    if a.area is Area.ILLNESS:
        return Said.of(NOTED_ILLNESS, severity=a.severity)
    if a.area.feeds_plan:
        shape = NOTED_FOOT_SUBSTANTIAL if a.substantial else NOTED_FOOT_MINOR
    else:
        shape = NOTED_ELSEWHERE_SUBSTANTIAL if a.substantial else NOTED_ELSEWHERE_MINOR
    return Said.of(shape, area=_area(a.area), severity=a.severity)


def _foot_response(
    feet: Sequence[AreaAnswer],
    weeks: Sequence[WeeklyCheckin],
    latest: WeeklyCheckin,
    notes: tuple[str, ...],
) -> PlanResponse:
    """Substantial foot/ankle or Achilles/calf problems: a clinician when one is high or
    rising, else hold the load."""
    worst = max(feet, key=lambda a: a.severity)
    where = Said.of(YOUR_AREA, area=_area(feet[0].area))
    for a in feet[1:]:
        where = Said.of(BOTH_AREAS, first=where, second=Said.of(YOUR_AREA, area=_area(a.area)))
    high = [a for a in feet if _is_high(a)]
    rising = [a for a in feet if _rising(a.area, weeks, latest)]
    week = Day(latest.week)
    if high or rising:
        cause = high[0] if high else rising[0]
        why = (
            WHY_COULD_NOT_RUN
            if cause.participation == COULD_NOT_TAKE_PART
            else WHY_SEVERE
            if _is_high(cause)
            else WHY_RISING
        )
        message = Said.of(
            SEE_CLINICIAN_TEXT,
            week=week,
            where=where,
            severity=worst.severity,
            why=Said.of(why),
        )
        return PlanResponse(
            reaction=Reaction.SEE_CLINICIAN,
            week=latest.week,
            flag="see-clinician",
            message=message,
            reasons=(message,),
            notes=notes,
        )
    message = Said.of(HOLD_TEXT, week=week, where=where, severity=worst.severity)
    return PlanResponse(
        reaction=Reaction.HOLD,
        week=latest.week,
        pain_nrs=HOLD_PAIN,
        message=message,
        reasons=(message,),
        notes=notes,
    )


def plan_response(history: Iterable[WeeklyCheckin], today: dt.date) -> PlanResponse:
    """The one rule for how a check-in changes the plan.

    Only an answered check-in of this week or last counts (it speaks of the last 7 days).
    A substantial foot/ankle or Achilles/calf problem holds the load (the planner's pain
    rule at :data:`HOLD_PAIN`/10: one set fewer, no heavy steps, no new level); where that
    problem is high (could not run, or severe symptoms) or its severity rose two weeks
    running, the plan keeps to gentle work and asks for a clinician (``see-clinician``).
    A problem anywhere else, a minor foot problem, or illness is noted and changes nothing
    in the foot work."""
    weeks = sorted((c for c in history if not c.skipped), key=lambda c: c.week)
    recent = [c for c in weeks if c.week >= week_start(today) - dt.timedelta(days=7)]
    if not recent:
        return PlanResponse()
    latest = recent[-1]
    notes = tuple(_noted(a) for a in latest.problems if not (a.area.feeds_plan and a.substantial))
    feet = [a for a in latest.answers if a.area.feeds_plan and a.substantial]
    if not feet:
        reaction = Reaction.NOTED if notes else Reaction.NONE
        return PlanResponse(reaction=reaction, week=latest.week, notes=notes)
    return _foot_response(feet, weeks, latest, notes)


def planner_pain(logged: int | None, profile: int, response: PlanResponse) -> int | None:
    """The pain the planner's rules should see: the check-in's, where it is higher than the
    one they would see anyway (the latest logged pain, else the profile's); otherwise the
    logged pain unchanged (None: the profile's)."""
    own = logged if logged is not None else profile
    if response.pain_nrs is not None and response.pain_nrs > own:
        return response.pain_nrs
    return logged


def caused_flag(response: PlanResponse, own_pain: int, self_test_flags: Iterable[str]) -> bool:
    """Whether the plan's flag for this response is there only because of the check-in
    (then its words are the check-in's); otherwise the check-in's reason is added to it."""
    codes = set(self_test_flags)
    if response.reaction is Reaction.SEE_CLINICIAN:
        return own_pain <= 5 and not codes & {"see-clinician", "stop-acute"}
    if response.reaction is Reaction.HOLD:
        return own_pain < HOLD_PAIN
    return False


#: The planner's flag each reaction raises.
FLAG_OF: Mapping[Reaction, str] = {
    Reaction.HOLD: "reduced-load",
    Reaction.SEE_CLINICIAN: "see-clinician",
}


# -- the outcome over time ---------------------------------------------------------------------


@dataclass(frozen=True)
class AreaWeek:
    area: Area
    severity: int
    problem: bool
    substantial: bool


@dataclass(frozen=True)
class OutcomeWeek:
    week: dt.date
    answered: bool
    skipped: bool
    areas: tuple[AreaWeek, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week.isoformat(),
            "answered": self.answered,
            "skipped": self.skipped,
            "areas": {
                str(a.area): {
                    "severity": a.severity,
                    "problem": a.problem,
                    "substantial": a.substantial,
                }
                for a in self.areas
            },
        }


#: Taddei et al. 2020 (AJSM 48:3610): the benefit showed between month 4 and month 8.
DOSE_WINDOWS_DAYS = (122, 244)  # about 4 and 8 months
TRIAL_WINDOW = "4 to 8 months"
#: The trial's dose: four sessions a week for 8 weeks (one supervised, three at home), then
#: three a week.
TRIAL_FIRST_WEEKS = 8
TRIAL_FIRST_PER_WEEK = 4
TRIAL_LATER_PER_WEEK = 3


def trial_sessions(days: int) -> int:
    """Sessions the trial's programme held in its first ``days`` days."""
    weeks = days // 7
    first = min(weeks, TRIAL_FIRST_WEEKS)
    return first * TRIAL_FIRST_PER_WEEK + max(0, weeks - first) * TRIAL_LATER_PER_WEEK


@dataclass(frozen=True)
class Dose:
    """Days with foot work done in the last 4 and 8 months, against the trial's dose."""

    first_day: dt.date | None
    weeks_training: int
    days_4_months: int
    days_8_months: int
    trial_4_months: int
    trial_8_months: int
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "first_day": self.first_day.isoformat() if self.first_day else None,
            "weeks_training": self.weeks_training,
            "days_4_months": self.days_4_months,
            "days_8_months": self.days_8_months,
            "trial_4_months": self.trial_4_months,
            "trial_8_months": self.trial_8_months,
            "trial_window": TRIAL_WINDOW,
            "note": self.note,
        }


def protective_dose(days_with_work: Iterable[dt.date], today: dt.date) -> Dose:
    """How much foot work the person has done, over the windows the trial's benefit needed."""
    days = sorted({d for d in days_with_work if d <= today})
    four, eight = DOSE_WINDOWS_DAYS
    last4 = sum(1 for d in days if (today - d).days < four)
    last8 = sum(1 for d in days if (today - d).days < eight)
    first = days[0] if days else None
    weeks = (today - first).days // 7 if first else 0
    t4, t8 = trial_sessions(four), trial_sessions(eight)
    if first is None:
        note = (
            "No foot work logged yet. In the trial behind footcore (Taddei 2020) the fall in "
            "injuries appeared after 4 to 8 months of regular work."
        )
    elif (today - first).days < four:
        note = (
            f"You are {weeks} week{'s' if weeks != 1 else ''} in. In the trial behind footcore "
            "(Taddei 2020) the fall in injuries showed only between month 4 and month 8: it is "
            "too early to expect it."
        )
    else:
        note = (
            f"{last4} days with foot work in the last 4 months (the trial's programme: about "
            f"{t4} sessions) and {last8} in the last 8 (about {t8}). The trial's sessions were "
            "longer than most footcore sessions, so compare with care."
        )
    return Dose(first, weeks, last4, last8, t4, t8, note)


@dataclass(frozen=True)
class Outcome:
    """A person's check-ins over time, per area, with a plain note about what they show."""

    weeks: tuple[OutcomeWeek, ...]
    answered: int
    skipped: int
    weeks_with_problem: int
    weeks_with_substantial: int
    per_area_weeks: Mapping[Area, int] = field(default_factory=dict)
    note: str = ""
    dose: Dose | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument": INSTRUMENT,
            "weeks": [w.to_dict() for w in self.weeks],
            "answered": self.answered,
            "skipped": self.skipped,
            "weeks_with_problem": self.weeks_with_problem,
            "weeks_with_substantial": self.weeks_with_substantial,
            "weeks_with_problem_per_area": {str(a): n for a, n in self.per_area_weeks.items()},
            "note": self.note,
            "dose": self.dose.to_dict() if self.dose else None,
            "enough_data": self.answered >= MIN_WEEKS_FOR_TREND,
        }


def _outcome_weeks(given: Mapping[dt.date, WeeklyCheckin], last: dt.date) -> list[OutcomeWeek]:
    """Every week from the first check-in to ``last``: each area's severity where answered,
    empty where not (marked skipped where the person said so)."""
    weeks: list[OutcomeWeek] = []
    day = min(given)
    while day <= last:
        c = given.get(day)
        if c is None or c.skipped:
            weeks.append(OutcomeWeek(day, False, c is not None))
        else:
            areas = tuple(
                AreaWeek(a, c.answer(a).severity, c.answer(a).problem, c.answer(a).substantial)
                for a in AREAS
            )
            weeks.append(OutcomeWeek(day, True, False, areas))
        day += dt.timedelta(days=7)
    return weeks


def _outcome_note(answered: int, with_problem: int, substantial: int) -> str:
    """What the weeks can and cannot show."""
    if answered < MIN_WEEKS_FOR_TREND:
        return (
            f"{answered} week{'s' if answered != 1 else ''} answered so far: too few "
            f"to see a trend (footcore waits for {MIN_WEEKS_FOR_TREND}). One person's weeks "
            "cannot show whether foot work prevents injury; a club study can."
        )
    return (
        f"A problem in {with_problem} of {answered} weeks answered, substantial in "
        f"{substantial}. This describes your weeks; it cannot show cause and effect for "
        "one person."
    )


def outcome(
    checkins: Iterable[WeeklyCheckin],
    today: dt.date,
    days_with_work: Iterable[dt.date] = (),
) -> Outcome:
    """Weekly severity per area from the first check-in to this week (weeks without an
    answer stay empty, never counted as problem-free), weeks with a problem, and the
    protective dose so far."""
    given = {c.week: c for c in checkins}
    dose = protective_dose(days_with_work, today)
    if not given:
        return Outcome(
            (),
            0,
            0,
            0,
            0,
            {},
            "No check-ins yet: one a week, about the last 7 days, is enough.",
            dose,
        )
    weeks = _outcome_weeks(given, max(week_start(today), *given))
    answered = [w for w in weeks if w.answered]
    per_area = {
        a: sum(1 for w in answered for x in w.areas if x.area is a and x.problem) for a in AREAS
    }
    with_problem = sum(1 for w in answered if any(x.problem for x in w.areas))
    substantial = sum(1 for w in answered if any(x.substantial for x in w.areas))
    return Outcome(
        tuple(weeks),
        len(answered),
        sum(1 for w in weeks if w.skipped),
        with_problem,
        substantial,
        per_area,
        _outcome_note(len(answered), with_problem, substantial),
        dose,
    )


# -- prevalence, the published way ----------------------------------------------------------------


@dataclass(frozen=True)
class WeekPrevalence:
    """One week's prevalence: of those who answered that week, how many reported a problem
    (several problems of one person count once)."""

    week: dt.date
    responses: int
    cases: int

    @property
    def prevalence(self) -> float | None:
        return self.cases / self.responses if self.responses else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "week": self.week.isoformat(),
            "responses": self.responses,
            "cases": self.cases,
            "prevalence": self.prevalence,
        }


def weekly_prevalence(
    checkins: Iterable[tuple[Any, WeeklyCheckin]],
    *,
    substantial: bool,
    areas: Sequence[Area] = BODY_AREAS,
) -> list[WeekPrevalence]:
    """Per week: (person, check-in) pairs answered that week, and those among them with a
    problem (``substantial``: a substantial one) in any of ``areas``. Skipped weeks are not
    responses. Weeks in order."""
    responses: dict[dt.date, set[Any]] = {}
    cases: dict[dt.date, set[Any]] = {}
    wanted = set(areas)
    for person, c in checkins:
        if c.skipped:
            continue
        responses.setdefault(c.week, set()).add(person)
        hit = any(
            (a.substantial if substantial else a.problem) for a in c.answers if a.area in wanted
        )
        if hit:
            cases.setdefault(c.week, set()).add(person)
    return [
        WeekPrevalence(w, len(responses[w]), len(cases.get(w, set()))) for w in sorted(responses)
    ]


def mean_prevalence(weeks: Sequence[WeekPrevalence]) -> float | None:
    """The average of the weekly prevalences (the published summary figure)."""
    values = [w.prevalence for w in weeks if w.prevalence is not None]
    return sum(values) / len(values) if values else None


def new_cases(history: Sequence[WeeklyCheckin], areas: Sequence[Area] = BODY_AREAS) -> int:
    """Substantial problems that began during ``history``: a substantial week right after an
    answered week without one. A problem already there in the first answered week has an
    unknown start and is not counted (as the Oslo centre's ``ostRc`` package does)."""
    wanted = set(areas)
    count = 0
    before: bool | None = None
    for c in sorted((c for c in history if not c.skipped), key=lambda c: c.week):
        now = any(a.substantial for a in c.answers if a.area in wanted)
        if now and before is False:
            count += 1
        before = now
    return count

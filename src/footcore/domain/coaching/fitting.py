"""Fitting a template to one athlete: :func:`apply_template` turns a template into their
:class:`Plan`.

It starts from the athlete's own generated plan (weeks, levels, run days, flags, walking)
and, on the template's days, puts the coach's sessions instead - fitted to this athlete so
that every planning rule still holds:

- equipment they lack, pain (gentle work only above 5/10, no heavy step at 4-5/10), the
  pre-run / post-run / cramp rules of the day's run, falls safety, the level reached and
  one chain step a week: the item becomes the first easier step of its chain (or a
  same-category equivalent) that keeps them; if none does, it is left out (:mod:`.fit_items`);
- a slot the athlete does not use moves to one they do; a run slot on a day without a run
  is left out; holds over 30 s before a run are shortened;
- loading work (moderate or heavy) stays on non-consecutive days, never on or the day before
  the long run; doses rise gradually towards the coach's; a day stays within the athlete's
  minutes (:mod:`.fit_days`);
- on other days the athlete's own plan keeps them doing a little most days (without its
  loading work, which the coach's days carry).

Every change is said in the item's ``why`` and once in the plan's notes. Finally
``check_plan`` runs; an item it still objects to is left out (said in the notes), and should
anything remain, the athlete's own plan is used with a note saying so - the result always
passes ``check_plan`` (:mod:`.repair`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from footcore.domain.coaching.fit_days import FitState, coach_day, fill_day, keep_habit
from footcore.domain.coaching.fit_items import AthleteRules, rules_for
from footcore.domain.coaching.repair import repair
from footcore.domain.coaching.template import Template
from footcore.domain.exercise import Catalogue
from footcore.domain.planning.model import Day, Plan, Week
from footcore.domain.planning.safety import is_loading
from footcore.domain.profile import Profile
from footcore.domain.vocab import Goal, Weekday


def apply_template(
    template: Template,
    profile: Profile,
    catalogue: Catalogue,
    base: Plan,
    from_date: dt.date | None = None,
) -> Plan:
    """The athlete's plan following ``template`` from ``from_date`` on (days before it stay
    as in ``base``); ``base`` is their own generated plan (same profile, start, weeks and
    adjustments). The result passes ``check_plan``."""
    r = rules_for(base, profile, catalogue)
    state = FitState()
    long_day = profile.running.long_run_day if profile.running else None
    falls_only = set(profile.goals) <= {Goal.FALLS_PREVENTION, Goal.GENERAL} and (
        Goal.FALLS_PREVENTION in profile.goals
    )
    weeks: list[Week] = []
    for week in base.weeks:
        days = _week_days(
            template, week, from_date, long_day=long_day, falls_only=falls_only, r=r, state=state
        )
        days = keep_habit(days, week, state, r, week.level)
        state.record_week(days, r.idx)
        weeks.append(replace(week, days=tuple(days)))
    note = (
        f"This plan follows your coach's programme '{template.name}', fitted to your "
        "profile: every safety rule of the planner still holds."
    )
    plan = replace(base, weeks=tuple(weeks), notes=(*base.notes, note, *state.notes))
    return repair(plan, profile, catalogue, base, template)


def _week_days(
    template: Template,
    week: Week,
    from_date: dt.date | None,
    *,
    long_day: Weekday | None,
    falls_only: bool,
    r: AthleteRules,
    state: FitState,
) -> list[Day]:
    """One week's days: the coach's on the template's days (falls prevention on three days
    at most), the athlete's own between them (or none), the days before ``from_date`` as
    they were."""
    days: list[Day] = []
    coach_days = 0
    for day in week.days:
        planned = template.sessions_on(day.weekday)
        if from_date is not None and day.date < from_date:
            days.append(day)
            if any(is_loading(i.load) for i in day.items):
                state.loading_dates.add(day.date)
            continue
        if falls_only and planned and coach_days >= 3:
            state.note("Falls prevention is three days a week: extra coach days are left out.")
            planned = []
        built = None
        if planned:
            coach_days += 1
            built = coach_day(
                template, planned, day, level=week.level, long_day=long_day, r=r, state=state
            )
        if built is None:  # no coach session today, or none could be fitted
            if falls_only or not (planned or template.fill_other_days):
                built = replace(day, sessions=())
            else:
                built = fill_day(day, state, r)
        days.append(built)
    return days

"""The study report and the anonymised export, from the participants as
:class:`footcore.services.studies.StudyService` reads them.

Outcomes, per arm, over each participant's follow-up weeks (from their start to the end of
follow-up, today, or the week they withdrew):

- **cumulative incidence**: the share of participants with at least one week with a
  substantial problem (any body area; and the foot/ankle or Achilles/calf alone), of those
  who answered at least one week; Wilson intervals. Each arm against the first (the
  reference): risk ratio and risk difference with intervals, and Fisher's exact test;
- **new substantial problems**: onsets after a week without one (the first answered week's
  problem has an unknown start and is not counted);
- **average weekly prevalence** of all problems and of substantial problems: per study week,
  of the arm's participants who answered; the mean over the weeks with a t interval, and
  the difference between arms as the mean of the weekly differences;
- **follow-up** (weeks answered of those due) and **adherence** (foot sessions done of those
  planned).

Statistics: :mod:`footcore.services.study_stats` (statsmodels, scipy).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import secrets
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from footcore.domain import ostrc
from footcore.domain import study as design
from footcore.domain.ostrc import AREAS, BODY_AREAS, FOOT_AREAS, WeeklyCheckin
from footcore.domain.phrases import Said
from footcore.services.study_views import MIN_EVENTS, MIN_PER_ARM, ArmView, Person, StudyView

if TYPE_CHECKING:
    from footcore.services.unit_of_work import StudyParticipantRecord


# The report's notes and methods (English shapes; babel.cfg hands these names to the
# extraction and the page says them in its language: footcore.domain.phrases).
NOTE_TOO_SMALL = (
    "The numbers are too small to tell the arms apart: %(smallest)s participants with "
    "follow-up in the smallest arm (footcore asks for at least %(min_per_arm)s) and "
    "%(events)s with a substantial problem in all (at least %(min_events)s). The "
    "intervals below show how wide the uncertainty is; do not read a difference "
    "into them."
)
NOTE_NO_DIFFERENCE = (
    "Arm %(arm)s against arm %(reference)s: the 95%% interval of the risk ratio "
    "(%(low)s to %(high)s) includes 1, no difference at all; "
    "these data cannot tell the arms apart."
)
NOTE_NOT_STARTED = "The study has not started: nobody is allocated yet."
NOTE_INTERIM = "Follow-up is at week %(week)s of %(weeks)s: these are interim numbers."
NOTE_TOO_SHORT = (
    "In the trial behind footcore (Taddei 2020) the fall in injuries showed between "
    "month 4 and month 8; a follow-up of %(weeks)s weeks may be too short to see it."
)
NOTE_LOG_BROKEN = (
    "The allocation log does not verify: %(problems)s. Treat "
    "the comparison between arms as unreliable."
)
NOTE_INCIDENCE = (
    "Cumulative incidence counts participants with at least one week with a substantial "
    "problem among those who answered at least one week; weeks not answered are not "
    "counted as weeks without a problem."
)
METHODS = (
    "OSTRC-O2/H2 weekly questionnaire; substantial problem: could not take part, or a "
    "moderate or major effect on training or performance. Proportions with Wilson "
    "intervals; risk ratio (log-adjusted) and risk difference (Newcombe) against arm "
    "%(reference)s; Fisher's exact test; weekly prevalence averaged over study weeks with a "
    "t interval (statsmodels, scipy). 95%% intervals."
)


def _followed_weeks(person: Person, weeks: int, day: dt.date) -> int:
    """Follow-up weeks already due for the person (their start to now, the end, or the
    week they withdrew)."""
    end = person.start + dt.timedelta(days=7 * weeks - 1)
    if person.withdrawn is not None:
        end = min(end, person.withdrawn)
    end = min(end, day)
    if end < person.start:
        return 0
    return (end - person.start).days // 7 + 1


def _any(c: WeeklyCheckin, areas: Sequence[ostrc.Area], *, substantial: bool) -> bool:
    return any((a.substantial if substantial else a.problem) for a in c.answers if a.area in areas)


def _study_week(person: Person, week: dt.date) -> int:
    return (week - person.start).days // 7 + 1


def _arm_weekly(
    people: Sequence[Person], weeks: int, *, substantial: bool
) -> dict[int, tuple[int, int]]:
    """Study week -> (responses, cases) for these participants."""
    out: dict[int, tuple[int, int]] = {}
    for k in range(1, weeks + 1):
        responses = cases = 0
        for x in people:
            for c in x.weeks:
                if c.skipped or _study_week(x, c.week) != k:
                    continue
                responses += 1
                cases += _any(c, BODY_AREAS, substantial=substantial)
        if responses:
            out[k] = (responses, cases)
    return out


def _arm_counts(group: Sequence[Person]) -> dict[str, int]:
    """Participants who answered at least one week, and of those how many had a
    substantial problem (any body area; foot/ankle or Achilles/calf) or any problem."""
    answered_any = [x for x in group if any(not c.skipped for c in x.weeks)]

    def with_problem(areas: Sequence[ostrc.Area], *, substantial: bool) -> int:
        return sum(
            1 for x in answered_any if any(_any(c, areas, substantial=substantial) for c in x.weeks)
        )

    return {
        "n": len(answered_any),
        "sub_any": with_problem(BODY_AREAS, substantial=True),
        "sub_foot": with_problem(FOOT_AREAS, substantial=True),
        "prob_any": with_problem(BODY_AREAS, substantial=False),
    }


def _follow_up(group: Sequence[Person], weeks: int, day: dt.date) -> dict[str, Any]:
    due = sum(_followed_weeks(x, weeks, day) for x in group)
    answered = sum(1 for x in group for c in x.weeks if not c.skipped)
    return {
        "weeks_due": due,
        "weeks_answered": answered,
        "weeks_skipped": sum(1 for x in group for c in x.weeks if c.skipped),
        "response_rate": round(answered / due, 3) if due else None,
    }


def _adherence(group: Sequence[Person]) -> dict[str, Any]:
    planned = sum(sum(x.planned.values()) for x in group)
    done = sum(sum(x.done.values()) for x in group)
    return {
        "sessions_planned": planned,
        "sessions_done": done,
        "share_done": round(done / planned, 3) if planned else None,
    }


def _arm_outcomes(
    group: Sequence[Person],
    counts: dict[str, int],
    weekly: dict[str, dict[int, tuple[int, int]]],
    *,
    weeks: int,
    day: dt.date,
) -> dict[str, Any]:
    """One arm's part of the report: enrolment, follow-up, adherence and outcomes."""
    from footcore.services import study_stats as stats  # noqa: PLC0415 (see build_report)

    n, sub_any, sub_foot = counts["n"], counts["sub_any"], counts["sub_foot"]
    return {
        "allocated": len(group),
        "withdrawn": sum(1 for x in group if x.withdrawn is not None),
        "with_follow_up": n,
        "follow_up": _follow_up(group, weeks, day),
        "adherence": _adherence(group),
        "any_problem": stats.proportion(counts["prob_any"], n).to_dict(),
        "substantial_any_area": {"participants": sub_any, **stats.proportion(sub_any, n).to_dict()},
        "substantial_foot_or_calf": {
            "participants": sub_foot,
            **stats.proportion(sub_foot, n).to_dict(),
        },
        "new_substantial_problems": sum(ostrc.new_cases(x.weeks) for x in group),
        "mean_weekly_prevalence_all": stats.mean_with_t_interval(
            [c / r for r, c in weekly["all"].values()], (0.0, 1.0)
        ).to_dict(),
        "mean_weekly_prevalence_substantial": stats.mean_with_t_interval(
            [c / r for r, c in weekly["substantial"].values()], (0.0, 1.0)
        ).to_dict(),
    }


def _comparison(
    code: str,
    ref: str,
    counts: dict[str, dict[str, int]],
    weekly: dict[str, dict[str, dict[int, tuple[int, int]]]],
) -> dict[str, Any]:
    """One arm against the reference arm: risk ratio, risk difference and Fisher's test for
    substantial problems, and the mean difference in weekly prevalence."""
    from footcore.services import study_stats as stats  # noqa: PLC0415 (see build_report)

    one: dict[str, Any] = {"arm": code, "reference": ref}
    for name, key in (
        ("substantial_any_area", "sub_any"),
        ("substantial_foot_or_calf", "sub_foot"),
    ):
        c1, n1 = counts[code][key], counts[code]["n"]
        c0, n0 = counts[ref][key], counts[ref]["n"]
        one[name] = {
            "risk_ratio": stats.risk_ratio(c1, n1, c0, n0).to_dict(),
            "risk_difference": stats.risk_difference(c1, n1, c0, n0).to_dict(),
            "fisher_exact_p": stats.fisher_p(c1, n1, c0, n0),
        }
    for kind in ("all", "substantial"):
        a, b = weekly[code][kind], weekly[ref][kind]
        diffs = [a[k][1] / a[k][0] - b[k][1] / b[k][0] for k in sorted(set(a) & set(b))]
        one[f"weekly_prevalence_difference_{kind}"] = stats.mean_with_t_interval(diffs).to_dict()
    return one


def _size_notes(counts: dict[str, dict[str, int]]) -> tuple[bool, list[Said]]:
    """Whether the numbers are too small to tell the arms apart, and the note saying so."""
    smallest = min((c["n"] for c in counts.values()), default=0)
    events = sum(c["sub_any"] for c in counts.values())
    too_small = smallest < MIN_PER_ARM or events < MIN_EVENTS
    if not too_small:
        return False, []
    note = Said.of(
        NOTE_TOO_SMALL,
        smallest=smallest,
        min_per_arm=MIN_PER_ARM,
        events=events,
        min_events=MIN_EVENTS,
    )
    return True, [note]


def _no_difference_notes(comparisons: Sequence[dict[str, Any]], ref: str) -> list[Said]:
    """A note for each arm whose risk ratio's interval includes 1."""
    notes = []
    for c in comparisons:
        rr = c["substantial_any_area"]["risk_ratio"]
        if (
            rr["ci_low"] is not None
            and rr["ci_high"] is not None
            and rr["ci_low"] <= 1 <= rr["ci_high"]
        ):
            notes.append(
                Said.of(
                    NOTE_NO_DIFFERENCE,
                    arm=c["arm"],
                    reference=ref,
                    low=f"{rr['ci_low']:.2f}",
                    high=f"{rr['ci_high']:.2f}",
                )
            )
    return notes


def _timing_and_log_notes(view: StudyView, check: design.LogCheck, day: dt.date) -> list[Said]:
    """Notes on where the study stands (not started, interim, short) and on the log."""
    weeks = view.follow_up_weeks
    notes: list[Said] = []
    finished = view.starts_on is not None and day >= view.starts_on + dt.timedelta(days=7 * weeks)
    if view.starts_on is None:
        notes.append(Said.of(NOTE_NOT_STARTED))
    elif not finished:
        elapsed = (day - view.starts_on).days // 7 + 1
        notes.append(Said.of(NOTE_INTERIM, week=min(elapsed, weeks), weeks=weeks))
    if weeks < 17:
        notes.append(Said.of(NOTE_TOO_SHORT, weeks=weeks))
    if not check.ok:
        notes.append(Said.of(NOTE_LOG_BROKEN, problems="; ".join(check.problems)))
    return notes


def _enrolment(
    enrolled: Sequence[StudyParticipantRecord], people: Sequence[Person]
) -> dict[str, int]:
    return {
        "agreed": len(enrolled),
        "withdrawn": sum(1 for x in enrolled if x.withdrawn_at is not None),
        "allocated": len(people),
        "waiting": len(enrolled) - len(people),
    }


def _weekly_prevalence_table(
    weekly: dict[str, dict[str, dict[int, tuple[int, int]]]],
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    return {
        code: {
            kind: [
                {"study_week": k, "responses": r, "cases": c, "prevalence": round(c / r, 4)}
                for k, (r, c) in sorted(data.items())
            ]
            for kind, data in kinds.items()
        }
        for code, kinds in weekly.items()
    }


def build_report(
    view: StudyView,
    arms: Sequence[ArmView],
    people: Sequence[Person],
    *,
    enrolled: Sequence[StudyParticipantRecord],
    log: Sequence[design.LogEntry],
    check: design.LogCheck,
    day: dt.date,
) -> dict[str, Any]:
    # The statistics (footcore.services.study_stats) are imported inside the helpers that
    # use them: they bring statsmodels and scipy (seconds of a cold start), which every other
    # study call, and the CLI and web app starting, never need.
    codes = [a.code for a in arms]
    by_arm = {c: [x for x in people if x.arm == c] for c in codes}
    balance = design.balance(codes, [(x.arm, x.weekly_km, x.injured_before) for x in people])
    weeks = view.follow_up_weeks
    weekly = {
        code: {
            "all": _arm_weekly(by_arm[code], weeks, substantial=False),
            "substantial": _arm_weekly(by_arm[code], weeks, substantial=True),
        }
        for code in codes
    }
    counts = {code: _arm_counts(by_arm[code]) for code in codes}
    per_arm = {
        code: _arm_outcomes(by_arm[code], counts[code], weekly[code], weeks=weeks, day=day)
        for code in codes
    }
    ref = codes[0]
    comparisons = [_comparison(code, ref, counts, weekly) for code in codes[1:]]
    too_small, notes = _size_notes(counts)
    notes += _no_difference_notes(comparisons, ref)
    notes += _timing_and_log_notes(view, check, day)
    notes.append(Said.of(NOTE_INCIDENCE))
    return {
        "schema": "footcore.study-report/1",
        "as_of": day.isoformat(),
        "study": view.to_dict(),
        "instrument": ostrc.INSTRUMENT,
        "enrolment": _enrolment(enrolled, people),
        "balance": balance.to_dict(),
        "strata_labels": {name: design.stratum_label(name) for name in design.strata()},
        "allocation_log": {
            **check.to_dict(),
            "head_hash": log[-1].hash if log else design.GENESIS,
        },
        "arms": {a.code: {"name": a.name, **per_arm[a.code]} for a in arms},
        "comparisons": comparisons,
        "weekly_prevalence": _weekly_prevalence_table(weekly),
        "too_small": too_small,
        "notes": notes,
        "methods": Said.of(METHODS, reference=ref),
    }


# -- the export ------------------------------------------------------------------------------

_QUESTIONS = ("q1", "q2", "q3", "q4")

BASE_COLUMNS: tuple[tuple[str, str, str, str], ...] = (
    ("pid", "text", "S- and 10 hex digits", "Participant id, made at random for this export "
     "only: it is stored nowhere and differs between exports, so it cannot be traced back."),
    ("arm", "text", "A, B, C, D", "The arm the participant was allocated to (see the report)."),
    ("km_band", "text", ", ".join(name for _, _, name in design.KM_BANDS),
     "Usual weekly running distance when joining, as a band (a stratum)."),
    ("injured_before", "integer", "0, 1",
     "1: a running injury before joining, as the participant said (a stratum)."),
    ("withdrawn", "integer", "0, 1",
     "1: withdrew; no week after the week of withdrawal is in the file."),
    ("week", "integer", "1 to the follow-up weeks",
     "Follow-up week, counted from the participant's start (no calendar dates)."),
    ("answered", "integer", "0, 1", "1: the weekly questionnaire was answered this week."),
    ("skipped", "integer", "0, 1", "1: the participant chose to skip this week."),
    ("sessions_planned", "integer", "0 or more", "Foot sessions planned this week."),
    ("sessions_done", "integer", "0 or more",
     "Of those, sessions done (at least one exercise not skipped)."),
    ("any_problem", "integer", "0, 1, empty",
     "A problem in any body area (empty when not answered)."),
    ("any_substantial", "integer", "0, 1, empty", "A substantial problem in any body area."),
    ("foot_substantial", "integer", "0, 1, empty",
     "A substantial problem of the foot/ankle or Achilles/calf."),
)  # fmt: skip


def _area_columns() -> list[tuple[str, str, str, str]]:
    out = []
    for area in AREAS:
        a = str(area).replace("-", "_")
        label = area.label
        for q, question in zip(_QUESTIONS, ostrc.QUESTIONS, strict=True):
            out.append(
                (
                    f"{a}_{q}",
                    "integer",
                    "0, 8, 17, 25, empty",
                    f"{label}: OSTRC question {q[1]} ({question}), option score; 0 when the "
                    "first answer was no problem; empty when not answered.",
                )
            )
        out.append((f"{a}_severity", "integer", "0-100, empty", f"{label}: severity score."))
        out.append((f"{a}_problem", "integer", "0, 1, empty", f"{label}: a problem."))
        out.append(
            (f"{a}_substantial", "integer", "0, 1, empty", f"{label}: a substantial problem.")
        )
    return out


def columns() -> list[tuple[str, str, str, str]]:
    return [*BASE_COLUMNS, *_area_columns()]


def data_dictionary() -> str:
    """The export's columns: name, type, values, meaning (CSV)."""

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["variable", "type", "values", "description"])
    writer.writerows(columns())
    return out.getvalue()


def export_rows(
    people: Sequence[Person], weeks: int, day: dt.date
) -> tuple[list[str], list[list[Any]]]:
    """One row per participant and follow-up week due, under fresh random ids, in the order
    of those ids (so row order says nothing about enrolment or allocation)."""
    header = [c[0] for c in columns()]
    ids: set[str] = set()
    rows: list[list[Any]] = []
    for x in people:
        pid = ""
        while not pid or pid in ids:
            pid = "S-" + secrets.token_hex(5)
        ids.add(pid)
        by_week = {_study_week(x, c.week): c for c in x.weeks}
        for k in range(1, _followed_weeks(x, weeks, day) + 1):
            c = by_week.get(k)
            week = x.start + dt.timedelta(days=7 * (k - 1))
            answered = c is not None and not c.skipped
            row: list[Any] = [
                pid,
                x.arm,
                design.km_band(x.weekly_km),
                int(x.injured_before),
                int(x.withdrawn is not None),
                k,
                int(answered),
                int(c is not None and c.skipped),
                x.planned.get(week, 0),
                x.done.get(week, 0),
            ]
            if answered:
                assert c is not None
                row += [
                    int(_any(c, BODY_AREAS, substantial=False)),
                    int(_any(c, BODY_AREAS, substantial=True)),
                    int(_any(c, FOOT_AREAS, substantial=True)),
                ]
                for area in AREAS:
                    a = c.answer(area)
                    row += [*a.scores, a.severity, int(a.problem), int(a.substantial)]
            else:
                row += [""] * (3 + 7 * len(AREAS))
            rows.append(row)
    rows.sort(key=lambda r: (r[0], r[5]))
    return header, rows

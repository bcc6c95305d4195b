"""``footcore checkin`` (the weekly injury check-in) and ``footcore outcome`` (the check-ins
over time, and the dose of foot work so far)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from footcore.cli import console
from footcore.cli.options import AthleteOpt, JsonOpt, parse_date
from footcore.cli.stored import open_app
from footcore.domain.errors import FootcoreError

AREA_HELP = (
    "A body area with a problem this week, as AREA:PARTICIPATION,TRAINING,PERFORMANCE,"
    "SYMPTOMS (option names or scores), e.g. foot-ankle:reduced,moderate,minor,mild. Areas: "
    "foot-ankle, achilles-calf, knee, hip, other, illness. Repeat for more areas."
)


def register(app: typer.Typer) -> None:
    app.command("checkin")(checkin)
    app.command("outcome")(outcome)


def _area(text: str) -> tuple[str, dict[str, str]]:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.ostrc import QUESTIONS  # noqa: PLC0415

    name, _, answers = text.partition(":")
    parts = [p.strip() for p in answers.split(",")] if answers else []
    if not name or len(parts) != len(QUESTIONS):
        said = console._(
            "--area %(text)s: give AREA:%(answers)s, e.g. foot-ankle:reduced,moderate,minor,mild"
        )
        answers = ",".join(q.upper() for q in QUESTIONS)
        raise FootcoreError(said % {"text": repr(text), "answers": answers})
    return name.strip(), dict(zip(QUESTIONS, parts, strict=True))


def _choose(question: str, options: list[str]) -> int:
    """The number of the answer chosen (1-based)."""
    out, _ = console.out, console._
    out.print(_(question), markup=False)
    for i, text in enumerate(options, start=1):
        out.print(f"  {i}. {_(text)}", markup=False)
    choice = typer.prompt(_("Answer"), default="1")
    if not choice.strip().isdigit() or not 1 <= int(choice) <= len(options):
        said = _("choose a number from 1 to %(n)s, got %(value)s")
        raise FootcoreError(said % {"n": len(options), "value": repr(choice)})
    return int(choice)


def _ask() -> dict[str, Any]:
    """The questions one by one (a terminal, or lines on standard input): first whether
    anything was wrong, then which areas, then the four questions for each."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.ostrc import AREAS, INSTRUMENT_QUESTIONS  # noqa: PLC0415

    _ = console._
    title, about = _("Weekly check-in"), _("about the last 7 days.")
    console.out.print(f"[bold]{title}[/] {about}")
    # The answer's first letter: y (yes) in English, and the language's own (s, "sí").
    yes, no = console.pgettext("answer", "y"), console.pgettext("answer", "n")
    anything = typer.prompt(
        _("Any problem, injury or illness this week? (%(yes)s/%(no)s)") % {"yes": yes, "no": no},
        default=no,
    )
    if not anything.strip().lower().startswith(("y", yes)):
        return {"none": True}
    for i, area in enumerate(AREAS, start=1):
        console.out.print(f"  {i}. {_(str(area.label))}", markup=False)
    picked = typer.prompt(_("Which? (numbers, e.g. 1,3)"))
    chosen = []
    for part in picked.replace(" ", "").split(","):
        if not part.isdigit() or not 1 <= int(part) <= len(AREAS):
            said = _("choose areas by number, 1 to %(n)s; got %(value)s")
            raise FootcoreError(said % {"n": len(AREAS), "value": repr(picked)})
        chosen.append(AREAS[int(part) - 1])
    areas: dict[str, Any] = {}
    for area in dict.fromkeys(chosen):
        answers: dict[str, Any] = {}
        for q in INSTRUMENT_QUESTIONS:
            n = _choose(q.ask(area), [o.text for o in q.options])
            answers[q.key] = q.options[n - 1].key
            if q is INSTRUMENT_QUESTIONS[0] and n == 1:
                break  # no problem here after all: the other questions are not asked
        if len(answers) > 1:
            areas[str(area)] = answers
    return {"areas": areas} if areas else {"none": True}


def checkin(
    *,
    none: Annotated[
        bool, typer.Option("--none", help="No problem anywhere this week (the one tap).")
    ] = False,
    area: Annotated[list[str] | None, typer.Option("--area", help=AREA_HELP)] = None,
    skip: Annotated[bool, typer.Option("--skip", help="Skip this week's check-in.")] = False,
    status: Annotated[
        bool, typer.Option("--status", help="Only show this week's check-in.")
    ] = False,
    date: Annotated[
        str | None, typer.Option("--date", help="The day (YYYY-MM-DD); default: today.")
    ] = None,
    athlete: AthleteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """The weekly injury check-in (OSTRC): once a week, about the last 7 days. Without
    options it asks the questions; a substantial foot, ankle or calf problem changes the
    plan, and footcore says how."""
    chosen = sum(bool(x) for x in (none, area, skip, status))
    if chosen > 1:
        raise FootcoreError(console._("give one of --none, --area, --skip or --status"))
    on = parse_date(date)
    data: dict[str, Any] | None = None
    if none:
        data = {"none": True}
    elif area:
        data = {"areas": dict(_area(a) for a in area)}
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        checkins = app.services.checkins
        if status:
            view = checkins.status(athlete_id, on)
        elif skip:
            view = checkins.skip(athlete_id, on)
        else:
            if data is None:
                current = checkins.status(athlete_id, on)
                if not current.due and not current.skipped:
                    said = console._(
                        "this week's check-in is already done (week of %(week)s); the next "
                        "one opens on Monday"
                    )
                    raise FootcoreError(said % {"week": current.week.isoformat()})
                data = _ask()
            view = checkins.record(athlete_id, data, on)
    if as_json:
        console.print_json(view.to_dict())
        return
    _render(view)


def _render(view: Any) -> None:
    out, _ = console.out, console._
    week = view.week.isoformat()
    if view.done:
        problems = view.checkin.problems
        if not problems:
            out.print(
                _("Check-in for the week of %(week)s: no problems. Thank you.") % {"week": week}
            )
        else:
            out.print(_("Check-in for the week of %(week)s:") % {"week": week})
            for a in problems:
                kind = _("substantial") if a.substantial else _("minor")
                severity = _("severity %(n)s/100") % {"n": a.severity}
                out.print(f"  {_(str(a.area.label))}: {severity} ({kind})")
    elif view.skipped:
        out.print(
            _("The check-in for the week of %(week)s is skipped; the next opens on Monday.")
            % {"week": week}
        )
    else:
        out.print(
            _("The check-in for the week of %(week)s is due: footcore checkin") % {"week": week}
        )
    plan = _("Plan:")
    for reason in view.response.reasons:
        out.print(f"[bold]{plan}[/] {console.said(reason)}")
    for note in view.response.notes:
        out.print(f"[dim]{console.said(note)}[/]")


def outcome(
    date: Annotated[
        str | None, typer.Option("--date", help="The day (YYYY-MM-DD); default: today.")
    ] = None,
    athlete: AthleteOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Your check-ins over time: weekly severity per area, weeks with a problem, and the
    foot work done against the 4-8 months the trial's benefit needed."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.ostrc import AREAS  # noqa: PLC0415

    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        result = app.services.checkins.outcome(athlete_id, parse_date(date))
    if as_json:
        console.print_json(result.to_dict())
        return
    out, _ = console.out, console._
    heading = _("Weekly check-ins")
    said = _(
        "%(answered)s answered, %(skipped)s skipped; a problem in %(problem)s weeks, "
        "substantial in %(substantial)s."
    )
    values = {
        "answered": result.answered,
        "skipped": result.skipped,
        "problem": result.weeks_with_problem,
        "substantial": result.weeks_with_substantial,
    }
    out.print(f"[bold]{heading}[/]: {said % values}")
    shown = [a for a in AREAS if result.per_area_weeks.get(a)]
    for w in result.weeks[-12:]:
        if not w.answered:
            text = _("skipped") if w.skipped else "-"
        else:
            parts = [
                f"{_(str(x.area.label))} {x.severity}{'*' if x.substantial else ''}"
                for x in w.areas
                if x.problem and x.area in shown
            ]
            text = ", ".join(parts) or _("no problems")
        out.print(f"  {w.week.isoformat()}  {text}", markup=False)
    if any(w.answered for w in result.weeks):
        out.print(_("  (* a substantial problem; numbers are severity scores, 0-100)"))
    out.print(result.note)
    if result.dose is not None:
        dose = _("Dose:")
        out.print(f"[bold]{dose}[/] {result.dose.note}")

"""`footcore assess`: the self-test battery (interactive), `score`, `guide`, `compare`, `check`."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape as rich_escape

from footcore.cli import console
from footcore.cli.console import N_, _, ngettext, pgettext
from footcore.cli.stored import open_app

if TYPE_CHECKING:
    from footcore.domain.assessments import BatteryReport, ChangeReport, ScoredTest, SelfTest
    from footcore.domain.assessments.interview import QuestionSet

#: Tests whose missing norm is worth a note (a norm exists for other ages or sexes).
_NORM_NOTE_TESTS = (
    "knee_to_wall_cm",
    "heel_raise_reps",
    "balance_eyes_open_s",
    "balance_eyes_closed_s",
)
BAND_STYLE = {"low": "yellow", "typical": "green", "high": "cyan"}
#: When a pain is felt, as the report says it (the domain keeps slugs).
PAIN_WHEN_WORDS = {
    "first-steps": N_("first steps"),
    "during-activity": N_("during activity"),
    "after-activity": N_("after activity"),
    "next-morning": N_("next morning"),
    "at-rest": N_("at rest"),
    "all-day": N_("all day"),
}
#: A band's word (the bands are the domain's slugs).
BAND_WORDS = {"low": N_("low"), "typical": N_("typical"), "high": N_("high")}


def _t(text: str) -> str:
    """A self-test's words (kept in English by the domain) in the language chosen; an empty
    text stays empty (gettext would give the catalogue's header for it)."""
    return _(text) if text else text


def _label(test: SelfTest) -> str:
    """A self-test's short name in the language chosen."""
    return _t(test.label)


def _unit(test: SelfTest) -> str:
    """A self-test's unit in the language chosen (``reps``; ``repeticiones``)."""
    return _t(test.unit)


# --- rendering --------------------------------------------------------------------------------


def _styled(style: str, text: str) -> str:
    """``text`` in a Rich style (``[dim]noise[/]``)."""
    return f"[{style}]{text}[/]"


def _band(band: str | None) -> str:
    if band is None:
        return ""
    return f"[{BAND_STYLE[band]}]{_(BAND_WORDS.get(band, band))}[/]"


def _cell(result: ScoredTest, part: str) -> str:
    m = result.measure(part)
    if m is None:
        return "[dim]-[/]"
    shown = m.shown
    if result.test.id == "knee_to_wall_cm" and m.number is not None:
        shown = f"{console.decimal(m.number)} cm ({m.number * 3.6:.0f}°)"
    band = m.band.value if m.band else None
    if result.test.id == "balance_eyes_open_s" and (m.number or 0) < 5:
        return shown + "\n" + _styled("red", _("fall risk"))
    return shown + (f"\n{_band(band)}" if band else "")


def _typical(result: ScoredTest) -> str:
    if result.norm is not None:
        return _typical_text(result.norm, _unit(result.test))
    if result.test.id in ("toe_isolation", "short_foot", "paper_grip"):
        return _styled("dim", _("criterion"))
    return _styled("dim", _("no norm"))


def _typical_text(norm: Any, unit: str) -> str:
    """What is typical for a test (``9.1-14.6 cm``, ``25 reps or more``, ``up to 6 mm``)."""
    low = None if norm.low_below is None else console.number(round(norm.low_below, 2))
    high = None if norm.high_above is None else console.number(round(norm.high_above, 2))
    if low is not None and high is not None:
        return f"{low}-{high} {unit}"
    if low is not None:
        return _("%(n)s %(unit)s or more") % {"n": low, "unit": unit}
    if high is not None:
        return _("up to %(n)s %(unit)s") % {"n": high, "unit": unit}
    return str(norm.label)


def _asym(result: ScoredTest) -> str:
    if result.asymmetry:
        unit = {"cm": "cm", "reps": _("reps"), "mm": "mm"}.get(result.test.unit, "")
        if result.test.id == "toe_isolation":
            unit = _("pts")
        diff = f"{console.number(result.side_difference or 0)} {unit}" if unit else ""
        return (_styled("yellow", _("uneven")) + f"\n{diff}").rstrip()
    if result.asymmetry is False:
        return _("even")
    return ""


def render_report(report: BatteryReport) -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    out = console.out
    who = _("age %(age)s, sex %(sex)s") % {"age": report.age, "sex": _sex(report.sex.value)}
    when = f", {report.date.isoformat()}" if report.date else ""
    heading = _("Self-test results")
    out.print(f"[bold]{heading}[/] ({who}{when})")

    sided = [r for r in report.results.values() if r.test.sided]
    if sided:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column(_("Test"), no_wrap=True)
        table.add_column(_("Left"), max_width=14)
        table.add_column(_("Right"), max_width=14)
        table.add_column(_("Typical"), max_width=12)
        table.add_column(_("Sides"), max_width=9)
        for r in sided:
            table.add_row(
                _label(r.test), _cell(r, "left"), _cell(r, "right"), _typical(r), _asym(r)
            )
        out.print(table)

    pain = report.results.get("pain_nrs")
    if pain is not None:
        heading = _("Pain")
        out.print(f"[bold]{heading}[/]: {_pain_line(pain)}")
    faam = report.results.get("faam")
    if faam is not None:
        parts = []
        for m in faam.measures:
            answered = _("%(answered)s/%(items)s answered") % {
                "answered": m.extra["answered"],
                "items": m.extra["items"],
            }
            parts.append(f"{m.shown} ({answered})")
        out.print(f"[bold]FAAM[/]: {'; '.join(parts)}")

    notes = _notes(report)
    if notes:
        heading = _("Notes")
        out.print(f"\n[bold]{heading}[/]")
        _bullets([("-", escape(n)) for n in notes])

    out.print()
    _render_safety_and_focus(report)


def _render_safety_and_focus(report: BatteryReport) -> None:
    """The safety flags, then what the plan will emphasise."""
    out = console.out
    safety, focus = _("Safety"), _("Focus")
    if report.flags:
        out.print(f"[bold red]{safety}[/]")
        _bullets(
            [
                ("[red]![/]", f"[red]{f.code}[/]: {escape(console.said(f.message))}")
                for f in report.flags
            ]
        )
    else:
        out.print(f"[bold]{safety}[/]: " + _("no flags."))
    if report.focus:
        out.print(f"\n[bold]{focus}[/] " + _("(what your plan will emphasise)"))
        rows: list[tuple[str, str]] = []
        for area in report.focus_areas:
            reasons = [escape(f.reason) for f in report.focus if f.area == area]
            rows.append(("*", f"[bold]{console.term(str(area))}[/]: " + "; ".join(reasons)))
        _bullets(rows)
    else:
        out.print(f"\n[bold]{focus}[/]: " + _("nothing stands out; keep the general programme."))


def _sex(sex: str) -> str:
    """A sex as the report names it (``female``; ``mujer``)."""
    words = {"female": _("female"), "male": _("male"), "unspecified": _("unspecified")}
    return words.get(sex, sex)


def _bullets(rows: list[tuple[str, str]]) -> None:
    """Print marker + text rows with a hanging indent (wrapped lines line up)."""
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.table import Table  # noqa: PLC0415

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for marker, text in rows:
        grid.add_row(f" {marker}", text)
    console.out.print(grid)


def escape(text: str) -> str:
    return rich_escape(text)


def _pain_line(pain: ScoredTest) -> str:
    m = pain.measures[0]
    zone = {
        "acceptable": _("acceptable"),
        "caution": _("caution"),
        "see-clinician": _("see a clinician"),
    }
    bits = [f"{m.value}/10"]
    if pain.extra.get("site"):
        site = str(pain.extra["site"])
        place = (
            ("Achilles" if site == "achilles" else site)
            if console.language() == "en"
            else _in_sentence(site)
        )
        bits.append(_("at the %(site)s") % {"site": place})
    if pain.extra.get("side"):
        bits.append(f"({_side(str(pain.extra['side']))})")
    if pain.extra.get("when"):
        when = str(pain.extra["when"])
        bits.append(f"- {_(PAIN_WHEN_WORDS.get(when, when.replace('-', ' ')))}")
    colour = {"acceptable": "green", "caution": "yellow"}.get(str(pain.extra["zone"]), "red")
    said = _("zone: %(zone)s") % {"zone": f"[{colour}]{zone[str(pain.extra['zone'])]}[/]"}
    return " ".join(bits) + "; " + said


def _in_sentence(term: str) -> str:
    """A term of the vocabulary inside a phrase in another language than English (its label
    from a small letter)."""
    word = console.term(term)
    return word[:1].lower() + word[1:]


def _side(side: str) -> str:
    """A side as the report names it (``left``; ``izquierdo``)."""
    words = {"left": _("left"), "right": _("right"), "both": _("both")}
    return words.get(side, side)


def _notes(report: BatteryReport) -> list[str]:
    notes: list[str] = []
    for r in report.results.values():
        if r.norm is not None and r.norm.derived:
            notes.append(f"{_label(r.test)}: {console.said(r.norm.derived)}")
        if r.norm is None and r.norm_note and r.test.id in _NORM_NOTE_TESTS:
            notes.append(f"{_label(r.test)}: {console.said(r.norm_note)}")
        notes.extend(f"{_label(r.test)}: {console.said(n)}" for n in r.notes)
    return notes


def render_change(report: ChangeReport) -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from footcore.domain.assessments import (  # noqa: PLC0415
        NO_THRESHOLD,
        NOISE,
        NOT_SCORED,
        REAL_BETTER,
        REAL_WORSE,
        TESTS,
    )

    out = console.out
    span = ""
    if report.before_date and report.after_date:
        days = ngettext("%(n)s day", "%(n)s days", report.days or 0) % {"n": report.days}
        span = f" ({report.before_date} -> {report.after_date}, {days})"
    heading = _("Change between two assessments")
    out.print(f"[bold]{heading}[/]{span}")
    if not report.changes:
        out.print(_("No test appears in both assessments."))
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column(_("Test"), no_wrap=True)
    table.add_column(_("Side"))
    table.add_column(_("Before"), justify="right")
    table.add_column(_("After"), justify="right")
    table.add_column(pgettext("a table's heading", "Change"), justify="right")
    table.add_column(_("Verdict"), no_wrap=True)
    short = {
        REAL_BETTER: _styled("green", _("real: better")),
        REAL_WORSE: _styled("red", _("real: worse")),
        NOISE: _styled("dim", _("noise")),
        NO_THRESHOLD: _styled("dim", _("no threshold")),
        NOT_SCORED: _styled("dim", _("not scored")),
    }
    parts = {"value": "", "adl": "ADL", "sports": _("Sports"), "left": _("left"),
             "right": _("right")}  # fmt: skip
    last = ""
    for c in report.changes:
        delta = "" if c.delta is None else ("0" if c.delta == 0 else _signed(c.delta))
        label = _label(TESTS[c.test_id]) if c.test_id != last else ""
        last = c.test_id
        before = "-" if c.before is None else _shown(c.before)
        after = "-" if c.after is None else _shown(c.after)
        verdict = short.get(c.verdict, c.verdict)
        table.add_row(label, parts.get(c.part, c.part), before, after, delta, verdict)
    out.print(table)
    _change_notes(report)


def _signed(delta: float) -> str:
    """A change with its sign (``+1.5``; ``+1,5``)."""
    text = f"{delta:+g}"
    return text if console.language() == "en" else text.replace(".", ",")


def _shown(value: object) -> str:
    """A result as the comparison shows it, with the language's decimal mark."""
    text = str(value)
    return text if console.language() == "en" else text.replace(".", ",")


def _change_notes(report: ChangeReport) -> None:
    """What the verdicts mean, the smallest real changes, and the tests done once only."""
    out = console.out
    out.print(
        _("noise = within measurement noise; no threshold = no smallest real change published."),
        style="dim",
    )
    out.print(
        _(
            "Real change needs at least: knee-to-wall 1.9 cm, heel raise 6 reps, pain 2 "
            "points or 30%, FAAM 8 (ADL) / 9 (Sports) points."
        ),
        style="dim",
    )
    for label, ids in (
        (_("Only before"), report.only_before),
        (_("Only after"), report.only_after),
    ):
        if ids:
            out.print(f"{label}: {', '.join(ids)}", style="dim")


def render_guide_list() -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from footcore.domain.assessments import TESTS  # noqa: PLC0415

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title=_("footcore self-tests"))
    table.add_column(_("Name"))
    table.add_column(_("Result"))
    table.add_column(_("Its steps"), no_wrap=True)
    for test in TESTS.values():
        per = _("each foot") if test.sided else _("once")
        table.add_row(_label(test), f"{_unit(test)}, {per}", f"assess guide {short_name(test)}")
    console.out.print(table)
    console.out.print(
        _(
            "To see how to do one at home: footcore assess guide NAME, e.g. "
            "'footcore assess guide knee-to-wall'. To do them all: footcore assess."
        )
    )


def short_name(test: SelfTest) -> str:
    """What to type for a test: its first alias where its id is a long one."""
    return test.aliases[0] if "_" in test.id and test.aliases else test.id


def render_guide(test: SelfTest) -> None:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.domain.assessments import SOURCES  # noqa: PLC0415

    out = console.out
    out.print(f"[bold]{_t(test.name)}[/]")
    out.print(_t(test.purpose))
    if test.equipment:
        out.print(_("You need: %(what)s.") % {"what": ", ".join(_t(e) for e in test.equipment)})
    sides = _("each foot") if test.sided else _("once")
    said = _("Result: %(unit)s, %(sides)s; allowed %(range)s.")
    out.print(said % {"unit": _unit(test), "sides": sides, "range": _range(test)} + "\n")
    _bullets([(f"{i}.", escape(_t(step))) for i, step in enumerate(test.protocol, 1)])
    out.print()
    rows = (
        (_("Norms"), test.norm_summary),
        (_("Band"), test.band_rule),
        (_("Sides"), test.asymmetry_rule),
        (_("Real change"), test.change_rule),
    )
    _bullets([(f"[bold]{label}:[/]", escape(_t(text))) for label, text in rows])
    if test.sources:
        out.print(_styled("bold", _("Sources")))
        _bullets([("-", escape(SOURCES[sid].citation)) for sid in test.sources])
    else:
        sources = _("Sources:")
        out.print(
            f"[bold]{sources}[/] " + _("none: footcore knows of no published norm for this test.")
        )


def _range(test: SelfTest) -> str:
    """The values a test's result may take (``a whole number from 0 to 60 reps``)."""
    valid = test.valid
    if console.language() == "en":
        return str(valid.describe())
    values = {"low": console.number(valid.low), "high": console.number(valid.high),
              "unit": f" {_t(valid.unit)}" if valid.unit else ""}  # fmt: skip
    said = (
        _("a whole number from %(low)s to %(high)s%(unit)s")
        if valid.whole
        else _("a number from %(low)s to %(high)s%(unit)s")
    )
    return said % values


# --- the interactive battery -------------------------------------------------------------------


Ask = Callable[[str], str]
Say = Callable[[str], None]


def _ask_until_valid(ask: Ask, say: Say, prompt: str, parse: Callable[[str], Any]) -> Any:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import AnswerError  # noqa: PLC0415

    while True:
        text = ask(console.said(prompt))
        try:
            return parse(text)
        except AnswerError as exc:
            said = _("Not valid:")
            say(f"  [yellow]{said}[/] {console.said(exc.args[0]) if exc.args else exc}")


def _ask_person(ask: Ask, say: Say, person: tuple[int, str] | None) -> tuple[int, str]:
    """The age and sex the norms are read for: the stored profile's, else asked."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import age_answer, sex_answer  # noqa: PLC0415

    if person is not None:
        age, sex = person
        say(
            _("Norms for age %(age)s and sex %(sex)s, from your profile.")
            % {"age": age, "sex": _sex(sex)}
        )
        return age, sex
    age = _ask_until_valid(ask, say, _("Your age in years"), age_answer)
    sex = _ask_until_valid(ask, say, _("Sex (female / male / unspecified)"), sex_answer)
    return age, sex


def _introduce_test(say: Say, steps: Callable[[list[str]], None] | None, test: SelfTest) -> None:
    """Show a test's name, purpose, equipment and numbered protocol before it is asked."""
    say(f"\n[bold cyan]{_t(test.name)}[/] - {_t(test.purpose)}")
    if test.equipment:
        say(_("You need: %(what)s.") % {"what": ", ".join(_t(e) for e in test.equipment)})
    if steps is not None:
        steps([_t(step) for step in test.protocol])
    else:
        for i, step in enumerate(test.protocol, 1):
            say(f"  {i}. {_t(step)}")


def _ask_test(ask: Ask, say: Say, qs: QuestionSet, results: dict[str, object]) -> None:
    """Ask one test's questions group by group, adding each group answered to ``results``;
    skipping a required question leaves its whole group out."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import Skip, add_group  # noqa: PLC0415

    group: dict[tuple[str, ...], object] = {}
    skipping: str | None = None
    current: str | None = None
    for q in qs.questions:
        if q.group != current:
            if current is not None and skipping != current:
                add_group(results, group)
            group, current, skipping = {}, q.group, None
        if skipping == q.group:
            continue
        try:
            group[q.path] = _ask_until_valid(ask, say, q.prompt, q.parse)
        except Skip:
            if q.optional:
                group[q.path] = [] if q.path[-1] == "signs" else None
            else:
                skipping = q.group
    if current is not None and skipping != current:
        add_group(results, group)


def interview(
    ask: Ask,
    say: Say,
    today: dt.date,
    steps: Callable[[list[str]], None] | None = None,
    person: tuple[int, str] | None = None,
) -> dict[str, object]:
    """Walk a person through the battery; returns the assessment mapping (file format).

    The caller scores (and stores) the mapping; ``steps`` shows a protocol (numbered),
    defaulting to one ``say`` per step; ``person`` is the stored profile's (age, sex), which
    are then not asked again.
    """
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import (  # noqa: PLC0415
        Skip,
        battery_questions,
        choice_answer,
    )

    title = _("footcore self-test battery")
    say(f"[bold]{title}[/]")
    say(
        _(
            "Each test shows its steps first. Type [bold]skip[/] at any prompt to leave a test "
            "or a side out. Stop any test that hurts."
        )
    )
    age, sex = _ask_person(ask, say, person)
    results: dict[str, object] = {}
    start = choice_answer(("yes", "no", "skip"), optional=True)
    for qs in battery_questions():
        _introduce_test(say, steps, qs.test)
        try:
            go = _ask_until_valid(ask, say, _("Do this test now? (Enter = yes, or skip)"), start)
        except Skip:
            continue
        if go in ("no", "skip"):
            continue
        _ask_test(ask, say, qs, results)
    answers: dict[str, object] = {
        "age": age,
        "sex": sex,
        "date": today.isoformat(),
        "results": results,
    }
    return answers


# --- commands ---------------------------------------------------------------------------------


def _read(path: Path) -> Mapping[str, object]:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises` or `progress` (measured).
    from footcore.io.files import read_mapping  # noqa: PLC0415

    return read_mapping(path)


def _score_file(path: Path) -> BatteryReport:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.domain.assessments import parse_battery, score_battery  # noqa: PLC0415

    return score_battery(parse_battery(_read(path), subject=str(path)))


def _stored_person() -> tuple[int, str] | None:
    """The stored athlete's age and sex (None before ``footcore init``)."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services.context import NotSetUpError  # noqa: PLC0415

    with open_app() as app:
        try:
            athlete = app.services.programmes.athlete(app.services.default_athlete_id())
        except NotSetUpError:
            return None
    profile = athlete.profile
    if "age" not in profile:
        return None
    return int(profile["age"]), str(profile.get("sex") or "unspecified")


def _store(answers: Mapping[str, object], *, required: bool) -> None:
    """Keep a scored battery in the athlete's history.

    After the interactive battery (``required=False``) a person who has not run
    ``footcore init`` yet is told how to keep results next time instead of failing; an
    explicit ``--store`` without an athlete is an error.
    """
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.services.context import NotSetUpError  # noqa: PLC0415

    try:
        save_assessment(answers)
    except NotSetUpError:
        if required:
            raise
        console.out.print(
            "\n"
            + _(
                "Not stored: footcore has no athlete yet. Run 'footcore init' to keep your "
                "self-tests and see them change over time."
            )
        )


def _prompt(prompt: str) -> str:
    """One typed answer; Enter alone gives the empty answer."""
    return str(typer.prompt(prompt, default="", show_default=False))


def _say(text: str) -> None:
    console.out.print(text, highlight=False)


def _numbered_steps(lines: list[str]) -> None:
    _bullets([(f"{i}.", escape(step)) for i, step in enumerate(lines, 1)])


def _run_battery(save: Path | None, store: bool) -> None:
    """The interactive battery: interview, score, show, then save and store as asked."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or
    # `today --profile` (measured).
    from footcore.domain.assessments import parse_battery, score_battery  # noqa: PLC0415

    answers = interview(_prompt, _say, dt.date.today(), _numbered_steps, person=_stored_person())
    if not answers["results"]:
        console.out.print("\n" + _("No test was recorded, so there is nothing to score."))
        raise typer.Exit(0)
    report = score_battery(parse_battery(answers))
    console.out.print()
    render_report(report)
    if save is not None:
        save.write_text(json.dumps(answers, indent=2) + "\n", encoding="utf-8")
        console.out.print("\n" + _("Answers saved to %(file)s.") % {"file": save})
    if store:
        _store(answers, required=False)


def _ask_result(spec: SelfTest, parse: Callable[[str], float | int], prompt: str) -> float:
    """Ask for one result of ``spec`` until it is a valid number; skip is no answer here."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import AnswerError, Skip  # noqa: PLC0415

    def strict(text: str) -> float:
        try:
            return float(parse(text))
        except Skip:
            raise AnswerError(_("type %(range)s") % {"range": _range(spec)}) from None

    return float(_ask_until_valid(_prompt, _say, prompt, strict))


def _check_results(
    spec: SelfTest,
    parse: Callable[[str], float | int],
    before: float | None,
    after: float | None,
    intervention: str,
) -> tuple[float, float, str]:
    """The results before and after and what was done in between: those not given are
    asked for, after the test's guide, in the order the person does them."""
    if before is None or after is None:
        render_guide(spec)
        console.out.print()
    unit = spec.unit
    asked = _("Result before (%(unit)s)") % {"unit": _t(unit)}
    first = before if before is not None else _ask_result(spec, parse, asked)
    if after is None:
        if not intervention:
            intervention = str(
                typer.prompt(
                    _("What will you do in between (e.g. 1 min ball rolling)"),
                    default="",
                    show_default=False,
                )
            )
        console.out.print(_("Now do it, then retest the same way."))
    asked = _("Result after (%(unit)s)") % {"unit": _t(unit)}
    second = after if after is not None else _ask_result(spec, parse, asked)
    return first, second, intervention


def _add_battery(assess: typer.Typer) -> None:
    """The battery itself: `footcore assess` with no command."""

    @assess.callback(invoke_without_command=True)
    def _battery(
        ctx: typer.Context,
        save: Annotated[
            Path | None,
            typer.Option(
                "--save",
                help="Also write your answers to this JSON file (the `assess score` input).",
                dir_okay=False,
            ),
        ] = None,
        store: Annotated[
            bool,
            typer.Option(
                "--store/--no-store",
                help="Keep the results in your footcore history (needs `footcore init`).",
            ),
        ] = True,
    ) -> None:
        """Walk through the self-test battery with prompts, then show the scored summary."""
        if ctx.invoked_subcommand is not None:
            return
        _run_battery(save, store)


def _add_score(assess: typer.Typer) -> None:
    """`footcore assess score`."""

    @assess.command("score")
    def _score(
        input_file: Annotated[
            Path,
            typer.Option("--input", "-i", help="Assessment file (JSON or TOML).", dir_okay=False),
        ],
        as_json: Annotated[
            bool, typer.Option("--json", help="Print JSON (footcore.assessment/1).")
        ] = False,
        store: Annotated[
            bool,
            typer.Option("--store", help="Also keep the results in your footcore history."),
        ] = False,
    ) -> None:
        """Score a results file: bands against norms, asymmetry, safety flags, focus."""
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or
        # `today --profile` (measured).
        from footcore.domain.assessments import report_to_dict  # noqa: PLC0415

        report = _score_file(input_file)
        if as_json:
            console.print_json(report_to_dict(report))
        else:
            render_report(report)
        if store:
            _store(_read(input_file), required=True)


def _add_guide(assess: typer.Typer) -> None:
    """`footcore assess guide`."""

    @assess.command("guide")
    def _guide(
        test: Annotated[
            str | None,
            typer.Argument(help="The test's name, e.g. knee-to-wall (no name: the list)."),
        ] = None,
    ) -> None:
        """List the self-tests, or show one test's home protocol, norms and sources."""
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or
        # `today --profile` (measured).
        from footcore.domain.assessments import get_test  # noqa: PLC0415

        if test is None:
            render_guide_list()
        else:
            render_guide(get_test(test))


def _add_compare(assess: typer.Typer) -> None:
    """`footcore assess compare`."""

    @assess.command("compare")
    def _compare(
        before: Annotated[
            Path, typer.Option("--before", help="Earlier assessment file.", dir_okay=False)
        ],
        after: Annotated[
            Path, typer.Option("--after", help="Later assessment file.", dir_okay=False)
        ],
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Real change or measurement noise, per test and side, between two assessments."""
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or
        # `today --profile` (measured).
        from footcore.domain.assessments import change_to_dict, compare  # noqa: PLC0415

        report = compare(_score_file(before), _score_file(after))
        if as_json:
            console.print_json(change_to_dict(report))
        else:
            render_change(report)


def _add_check(assess: typer.Typer) -> None:
    """`footcore assess check`."""

    @assess.command("check")
    def _check(
        test: Annotated[str, typer.Argument(help="The test's name, e.g. knee-to-wall.")],
        *,
        before: Annotated[float | None, typer.Option("--before", help="Result before.")] = None,
        after: Annotated[float | None, typer.Option("--after", help="Result right after.")] = None,
        intervention: Annotated[
            str,
            typer.Option(
                "--intervention", help="What you did in between, e.g. '1 min ball rolling'."
            ),
        ] = "",
        side: Annotated[str | None, typer.Option("--side", help="left or right.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Test, do one thing (e.g. one minute of ball rolling), retest: real change or noise?

        Values not given as options are asked for, with the test's steps shown first.
        """
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or
        # `today --profile` (measured).
        from footcore.domain.assessments import check_intervention, get_test  # noqa: PLC0415
        from footcore.domain.assessments.interview import number_answer  # noqa: PLC0415

        spec = get_test(test)
        parse = number_answer(spec.valid)
        first, second, intervention = _check_results(spec, parse, before, after, intervention)
        result = check_intervention(spec.id, first, second, intervention, side)
        if as_json:
            console.print_json(result.as_dict())
        else:
            console.out.print(result.message, highlight=False)


def register(app: typer.Typer) -> None:
    """Add the `assess` commands to the root app."""
    assess = typer.Typer(
        name="assess",
        help=(
            "Self-tests. Alone, walks you through the battery with prompts; or score a "
            "results file, compare two dates, check one intervention, read the protocols."
        ),
        invoke_without_command=True,
        no_args_is_help=False,
        rich_markup_mode="rich",
    )

    for add in (_add_battery, _add_score, _add_guide, _add_compare, _add_check):
        add(assess)
    app.add_typer(assess, name="assess")


def save_assessment(data: Mapping[str, Any], athlete: str | None = None) -> None:
    """Store a self-test battery (the `assess score` input) for the stored athlete."""
    with open_app() as app:
        athlete_id = app.services.default_athlete_id(athlete)
        stored = app.services.record_assessment(athlete_id, data)
    said = _("Stored the self-test of %(date)s; 'footcore progress' shows the trends.")
    console.out.print(said % {"date": stored.taken_on.isoformat()})

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


# --- rendering --------------------------------------------------------------------------------


def _band(band: str | None) -> str:
    if band is None:
        return ""
    return f"[{BAND_STYLE[band]}]{band}[/]"


def _cell(result: ScoredTest, part: str) -> str:
    m = result.measure(part)
    if m is None:
        return "[dim]-[/]"
    shown = m.shown
    if result.test.id == "knee_to_wall_cm" and m.number is not None:
        shown = f"{m.number:.1f} cm ({m.number * 3.6:.0f}°)"
    band = m.band.value if m.band else None
    if result.test.id == "balance_eyes_open_s" and (m.number or 0) < 5:
        return shown + "\n[red]fall risk[/]"
    return shown + (f"\n{_band(band)}" if band else "")


def _typical(result: ScoredTest) -> str:
    if result.norm is not None:
        text = result.norm.typical_text(result.test.unit)
        if result.norm.low_below is not None and result.norm.high_above is None:
            text = f"{result.norm.low_below:g} {result.test.unit} or more"
        return text
    if result.test.id in ("toe_isolation", "short_foot", "paper_grip"):
        return "[dim]criterion[/]"
    return "[dim]no norm[/]"


def _asym(result: ScoredTest) -> str:
    if result.asymmetry:
        unit = {"cm": "cm", "reps": "reps", "mm": "mm"}.get(result.test.unit, "")
        if result.test.id == "toe_isolation":
            unit = "pts"
        diff = f"{result.side_difference:g} {unit}" if unit else ""
        return f"[yellow]uneven[/]\n{diff}".rstrip()
    if result.asymmetry is False:
        return "even"
    return ""


def render_report(report: BatteryReport) -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    out = console.out
    who = f"age {report.age}, sex {report.sex.value}"
    when = f", {report.date.isoformat()}" if report.date else ""
    out.print(f"[bold]Self-test results[/] ({who}{when})")

    sided = [r for r in report.results.values() if r.test.sided]
    if sided:
        table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        table.add_column("Test", no_wrap=True)
        table.add_column("Left", max_width=14)
        table.add_column("Right", max_width=14)
        table.add_column("Typical", max_width=12)
        table.add_column("Sides", max_width=9)
        for r in sided:
            table.add_row(r.test.label, _cell(r, "left"), _cell(r, "right"), _typical(r), _asym(r))
        out.print(table)

    pain = report.results.get("pain_nrs")
    if pain is not None:
        out.print(f"[bold]Pain[/]: {_pain_line(pain)}")
    faam = report.results.get("faam")
    if faam is not None:
        parts = []
        for m in faam.measures:
            answered = f"{m.extra['answered']}/{m.extra['items']} answered"
            parts.append(f"{m.shown} ({answered})")
        out.print(f"[bold]FAAM[/]: {'; '.join(parts)}")

    notes = _notes(report)
    if notes:
        out.print("\n[bold]Notes[/]")
        _bullets([("-", escape(n)) for n in notes])

    out.print()
    if report.flags:
        out.print("[bold red]Safety[/]")
        _bullets([("[red]![/]", f"[red]{f.code}[/]: {escape(f.message)}") for f in report.flags])
    else:
        out.print("[bold]Safety[/]: no flags.")
    if report.focus:
        out.print("\n[bold]Focus[/] (what your plan will emphasise)")
        rows: list[tuple[str, str]] = []
        for area in report.focus_areas:
            reasons = [escape(f.reason) for f in report.focus if f.area == area]
            rows.append(("*", f"[bold]{area}[/]: " + "; ".join(reasons)))
        _bullets(rows)
    else:
        out.print("\n[bold]Focus[/]: nothing stands out; keep the general programme.")


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
    zone = {"acceptable": "acceptable", "caution": "caution", "see-clinician": "see a clinician"}
    bits = [f"{m.value}/10"]
    if pain.extra.get("site"):
        site = str(pain.extra["site"])
        bits.append(f"at the {'Achilles' if site == 'achilles' else site}")
    if pain.extra.get("side"):
        bits.append(f"({pain.extra['side']})")
    if pain.extra.get("when"):
        bits.append(f"- {str(pain.extra['when']).replace('-', ' ')}")
    colour = {"acceptable": "green", "caution": "yellow"}.get(str(pain.extra["zone"]), "red")
    return " ".join(bits) + f"; zone: [{colour}]{zone[str(pain.extra['zone'])]}[/]"


def _notes(report: BatteryReport) -> list[str]:
    notes: list[str] = []
    for r in report.results.values():
        if r.norm is not None and r.norm.derived:
            notes.append(f"{r.test.label}: {r.norm.derived}")
        if r.norm is None and r.norm_note and r.test.id in _NORM_NOTE_TESTS:
            notes.append(f"{r.test.label}: {r.norm_note}")
        notes.extend(f"{r.test.label}: {n}" for n in r.notes)
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
        span = f" ({report.before_date} -> {report.after_date}, {report.days} days)"
    out.print(f"[bold]Change between two assessments[/]{span}")
    if not report.changes:
        out.print("No test appears in both assessments.")
        return
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("Test", no_wrap=True)
    table.add_column("Side")
    table.add_column("Before", justify="right")
    table.add_column("After", justify="right")
    table.add_column("Change", justify="right")
    table.add_column("Verdict", no_wrap=True)
    short = {
        REAL_BETTER: "[green]real: better[/]",
        REAL_WORSE: "[red]real: worse[/]",
        NOISE: "[dim]noise[/]",
        NO_THRESHOLD: "[dim]no threshold[/]",
        NOT_SCORED: "[dim]not scored[/]",
    }
    parts = {"value": "", "adl": "ADL", "sports": "Sports"}
    last = ""
    for c in report.changes:
        delta = "" if c.delta is None else ("0" if c.delta == 0 else f"{c.delta:+g}")
        label = TESTS[c.test_id].label if c.test_id != last else ""
        last = c.test_id
        before = "-" if c.before is None else str(c.before)
        after = "-" if c.after is None else str(c.after)
        verdict = short.get(c.verdict, c.verdict)
        table.add_row(label, parts.get(c.part, c.part), before, after, delta, verdict)
    out.print(table)
    out.print(
        "noise = within measurement noise; no threshold = no smallest real change published.",
        style="dim",
    )
    out.print(
        "Real change needs at least: knee-to-wall 1.9 cm, heel raise 6 reps, pain 2 points "
        "or 30%, FAAM 8 (ADL) / 9 (Sports) points.",
        style="dim",
    )
    for label, ids in (("Only before", report.only_before), ("Only after", report.only_after)):
        if ids:
            out.print(f"{label}: {', '.join(ids)}", style="dim")


def render_guide_list() -> None:
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich import box  # noqa: PLC0415
    from rich.table import Table  # noqa: PLC0415

    from footcore.domain.assessments import TESTS  # noqa: PLC0415

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, title="footcore self-tests")
    table.add_column("Name")
    table.add_column("Result")
    table.add_column("Its steps", no_wrap=True)
    for test in TESTS.values():
        per = "each foot" if test.sided else "once"
        table.add_row(test.label, f"{test.unit}, {per}", f"assess guide {short_name(test)}")
    console.out.print(table)
    console.out.print(
        "To see how to do one at home: footcore assess guide NAME, e.g. "
        "'footcore assess guide knee-to-wall'. To do them all: footcore assess."
    )


def short_name(test: SelfTest) -> str:
    """What to type for a test: its first alias where its id is a long one."""
    return test.aliases[0] if "_" in test.id and test.aliases else test.id


def render_guide(test: SelfTest) -> None:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan` or `today --profile`
    # (measured).
    from footcore.domain.assessments import SOURCES  # noqa: PLC0415

    out = console.out
    out.print(f"[bold]{test.name}[/]")
    out.print(test.purpose)
    if test.equipment:
        out.print(f"You need: {', '.join(test.equipment)}.")
    sides = "each foot" if test.sided else "once"
    out.print(f"Result: {test.unit}, {sides}; allowed {test.valid.describe()}.\n")
    _bullets([(f"{i}.", escape(step)) for i, step in enumerate(test.protocol, 1)])
    out.print()
    rows = (
        ("Norms", test.norm_summary),
        ("Band", test.band_rule),
        ("Sides", test.asymmetry_rule),
        ("Real change", test.change_rule),
    )
    _bullets([(f"[bold]{label}:[/]", escape(text)) for label, text in rows])
    if test.sources:
        out.print("[bold]Sources[/]")
        _bullets([("-", escape(SOURCES[sid].citation)) for sid in test.sources])
    else:
        out.print("[bold]Sources:[/] none: footcore knows of no published norm for this test.")


# --- the interactive battery -------------------------------------------------------------------


Ask = Callable[[str], str]
Say = Callable[[str], None]


def _ask_until_valid(ask: Ask, say: Say, prompt: str, parse: Callable[[str], Any]) -> Any:
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import AnswerError  # noqa: PLC0415

    while True:
        text = ask(prompt)
        try:
            return parse(text)
        except AnswerError as exc:
            say(f"  [yellow]Not valid:[/] {exc}")


def _ask_person(ask: Ask, say: Say, person: tuple[int, str] | None) -> tuple[int, str]:
    """The age and sex the norms are read for: the stored profile's, else asked."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.domain.assessments.interview import age_answer, sex_answer  # noqa: PLC0415

    if person is not None:
        age, sex = person
        say(f"Norms for age {age} and sex {sex}, from your profile.")
        return age, sex
    age = _ask_until_valid(ask, say, "Your age in years", age_answer)
    sex = _ask_until_valid(ask, say, "Sex (female / male / unspecified)", sex_answer)
    return age, sex


def _introduce_test(say: Say, steps: Callable[[list[str]], None] | None, test: SelfTest) -> None:
    """Show a test's name, purpose, equipment and numbered protocol before it is asked."""
    say(f"\n[bold cyan]{test.name}[/] - {test.purpose}")
    if test.equipment:
        say(f"You need: {', '.join(test.equipment)}.")
    if steps is not None:
        steps(list(test.protocol))
    else:
        for i, step in enumerate(test.protocol, 1):
            say(f"  {i}. {step}")


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

    say("[bold]footcore self-test battery[/]")
    say(
        "Each test shows its steps first. Type [bold]skip[/] at any prompt to leave a test "
        "or a side out. Stop any test that hurts."
    )
    age, sex = _ask_person(ask, say, person)
    results: dict[str, object] = {}
    start = choice_answer(("yes", "no", "skip"), optional=True)
    for qs in battery_questions():
        _introduce_test(say, steps, qs.test)
        try:
            go = _ask_until_valid(ask, say, "Do this test now? (Enter = yes, or skip)", start)
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
            "\nNot stored: footcore has no athlete yet. Run 'footcore init' to keep your "
            "self-tests and see them change over time."
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
        console.out.print("\nNo test was recorded, so there is nothing to score.")
        raise typer.Exit(0)
    report = score_battery(parse_battery(answers))
    console.out.print()
    render_report(report)
    if save is not None:
        save.write_text(json.dumps(answers, indent=2) + "\n", encoding="utf-8")
        console.out.print(f"\nAnswers saved to {save}.")
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
            raise AnswerError(f"type {spec.valid.describe()}") from None

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
    first = before if before is not None else _ask_result(spec, parse, f"Result before ({unit})")
    if after is None:
        if not intervention:
            intervention = str(
                typer.prompt(
                    "What will you do in between (e.g. 1 min ball rolling)",
                    default="",
                    show_default=False,
                )
            )
        console.out.print("Now do it, then retest the same way.")
    second = after if after is not None else _ask_result(spec, parse, f"Result after ({unit})")
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
    console.out.print(
        f"Stored the self-test of {stored.taken_on.isoformat()}; 'footcore progress' shows "
        "the trends."
    )

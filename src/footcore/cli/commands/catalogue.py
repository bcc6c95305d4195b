"""`footcore exercises`, `footcore exercise SLUG`, `footcore catalogue check DIR`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.markup import escape
from rich.text import Text

from footcore.cli import console
from footcore.cli.console import N_, _, err, ngettext, out, print_json
from footcore.cli.options import JsonOpt
from footcore.domain.errors import FootcoreError, ValidationError, suggest
from footcore.domain.vocab import Category, Equipment, Goal, Slot, Target, Term
from footcore.domain.wording import dose_text

if TYPE_CHECKING:
    from rich.table import Table

    from footcore.domain.exercise import Catalogue, Exercise

T = TypeVar("T", bound=Term)


def _terms(vocab: type[Term]) -> str:
    return ", ".join(vocab.slugs())


CatalogueDirs = Annotated[
    list[Path] | None,
    typer.Option(
        "--catalogue-dir",
        metavar="DIR",
        help="A folder of your own exercise files (*.toml) to add to the built-ins. Repeatable.",
        show_default=False,
    ),
]

catalogue_app = typer.Typer(
    help="Work with exercise catalogue files.", no_args_is_help=True, add_completion=False
)


def register(app: typer.Typer) -> None:
    """Add the catalogue commands to the root app."""
    app.command("exercises")(exercises)
    app.command("exercise")(exercise)
    app.add_typer(catalogue_app, name="catalogue")


def _load(dirs: list[Path] | None) -> Catalogue:
    # Deferred: not loaded by `--help` or `progress` (measured).
    from footcore.catalogue.loader import load_catalogue  # noqa: PLC0415

    return load_catalogue(dirs or ())


def _term(vocab: type[T], value: str, kind: str, option: str) -> T:
    """A filter value as a vocabulary term, or a message listing what is allowed."""
    try:
        return vocab(value)
    except ValueError:
        allowed = vocab.slugs()
        close = suggest(value, allowed)
        hint = ""
        if close:
            hint = _("; did you mean %(hint)s?") % {"hint": _(" or ").join(f"'{c}'" for c in close)}
        said = _("unknown %(kind)s '%(value)s' for %(option)s%(hint)s\nallowed: %(allowed)s")
        values = {"kind": _(kind), "value": value, "option": option, "hint": hint,
                  "allowed": ", ".join(allowed)}  # fmt: skip
        raise FootcoreError(said % values) from None


def exercises(
    *,
    category: Annotated[
        str | None,
        typer.Option(metavar="CATEGORY", help=f"Only this category: {_terms(Category)}."),
    ] = None,
    slot: Annotated[
        str | None,
        typer.Option(metavar="SLOT", help=f"Only exercises that fit this slot: {_terms(Slot)}."),
    ] = None,
    equipment: Annotated[
        list[str] | None,
        typer.Option(
            metavar="ITEM",
            help="Equipment you have (repeat the option for each item); shows what you can do "
            f"with it, substitutes included: {_terms(Equipment)}.",
            show_default=False,
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option(metavar="TARGET", help=f"Only exercises working this: {_terms(Target)}."),
    ] = None,
    goal: Annotated[
        str | None,
        typer.Option(metavar="GOAL", help=f"Only exercises serving this goal: {_terms(Goal)}."),
    ] = None,
    as_json: JsonOpt = False,
    catalogue_dir: CatalogueDirs = None,
) -> None:
    """List the exercises, with filters."""
    chosen_category = _term(Category, category, N_("category"), "--category") if category else None
    chosen_slot = _term(Slot, slot, N_("slot"), "--slot") if slot else None
    chosen_target = _term(Target, target, N_("target"), "--target") if target else None
    chosen_goal = _term(Goal, goal, N_("goal"), "--goal") if goal else None
    have = (
        [_term(Equipment, e, N_("equipment"), "--equipment") for e in equipment]
        if equipment
        else None
    )
    cat = _load(catalogue_dir)
    found = cat.filter(
        category=chosen_category,
        slot=chosen_slot,
        equipment=have,
        target=chosen_target,
        goal=chosen_goal,
    )
    if as_json:
        # Deferred: not loaded by `--help`, `exercises`, `plan`, `progress` or `today --profile`
        # (measured).
        from footcore.catalogue.plain_data import exercise_to_dict  # noqa: PLC0415

        print_json([exercise_to_dict(ex) for ex in found])
        return
    _print_table(_in_language(found), len(cat))


def _in_language(found: list[Exercise]) -> list[Exercise]:
    """The exercises with their words in the language chosen (the catalogue's own
    translation: names, cues, cautions); as they are in English."""
    language = console.language()
    return found if language == "en" else [ex.in_language(language) for ex in found]


def _terms_said(terms: Any, sep: str = ", ") -> str:
    """Terms of the vocabulary as the command line shows them: slugs joined by ``sep`` in
    English, as always; labels (which hold spaces) joined by commas in another language."""
    if console.language() == "en":
        return sep.join(str(t) for t in terms)
    return ", ".join(console.term(str(t)) for t in terms)


def _print_table(found: list[Exercise], total: int) -> None:
    """A table on a wide terminal; on a narrow one, two lines per exercise."""
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.table import Table  # noqa: PLC0415

    if not found:
        out.print(_("No exercises match these filters."))
        return
    any_sub = any(ex.substitutes for ex in found)

    def kit(ex: Exercise) -> str:
        return ", ".join(
            f"{console.term(str(e))}*" if e in ex.substitutes else console.term(str(e))
            for e in ex.equipment
        )

    if out.width >= 100:
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column(_("slug"), no_wrap=True, style="cyan")
        table.add_column(_("name"), min_width=14)
        table.add_column(_("equipment"), max_width=12)
        table.add_column(_("dose"), min_width=16)
        table.add_column(_("slots"), min_width=16)
        category = None
        for ex in found:
            if ex.category is not category:
                category = ex.category
                table.add_row(f"[bold]{console.term(str(category))}[/]", style="default")
            table.add_row(
                f"  {escape(ex.slug)}",
                escape(ex.name),
                kit(ex) or "-",
                dose_text(ex.dose, words=console.dose_words()),
                _terms_said(ex.slots, " "),
            )
        out.print(table)
    else:
        category = None
        for ex in found:
            if ex.category is not category:
                category = ex.category
                out.print(f"[bold]{console.term(str(category))}[/]")
            out.print(f"  [cyan]{escape(ex.slug)}[/]  {escape(ex.name)}")
            details = [
                kit(ex),
                dose_text(ex.dose, words=console.dose_words()),
                _terms_said(ex.slots, " "),
            ]
            out.print("    " + escape(" · ".join(d for d in details if d)), style="dim")
    shown = (
        ngettext("%(n)s of %(total)s exercise", "%(n)s of %(total)s exercises", total)
        if len(found) != total
        else ngettext("%(total)s exercise", "%(total)s exercises", total)
    ) % {"n": len(found), "total": total}
    notes = [shown]
    if any_sub:
        notes.append(_("* can be done without it"))
    said = _("%(notes)s. Details: footcore exercise SLUG") % {"notes": "; ".join(notes)}
    out.print(f"\n{said}", style="dim")


def _write_text(output: str, text: str) -> None:
    """Write ``text`` to the file (or to standard output for '-') and say so on stderr."""

    if output == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    path = Path(output).expanduser()
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        said = _("%(file)s: cannot write (%(why)s)")
        raise FootcoreError(said % {"file": path, "why": exc.strerror}) from None
    size = len(text.encode())
    said = ngettext("Wrote %(file)s (%(n)s byte).", "Wrote %(file)s (%(n)s bytes).", size)
    err.print(said % {"file": path, "n": _grouped(size)}, markup=False)


def _grouped(n: int) -> str:
    """A whole number with its thousands grouped the language's way (``234,035``;
    ``234.035``)."""
    text = f"{n:,}"
    return text if console.language() == "en" else text.replace(",", ".")


def exercise(
    slug: Annotated[
        str, typer.Argument(metavar="SLUG", help="The exercise, e.g. short-foot-standing.")
    ],
    as_json: JsonOpt = False,
    catalogue_dir: CatalogueDirs = None,
    svg: Annotated[
        str | None,
        typer.Option(
            "--svg",
            metavar="FILE",
            help="Write the exercise's drawing as an SVG file ('-' for standard output): "
            "its positions side by side with captions, or the animation with --animated.",
            show_default=False,
        ),
    ] = None,
    animated: Annotated[
        bool, typer.Option("--animated", help="With --svg: the animated drawing.")
    ] = False,
) -> None:
    """Show one exercise: how to do it, the dose, cautions and where it leads."""
    cat = _load(catalogue_dir)
    ex = cat.get(slug)
    if animated and svg is None:
        raise FootcoreError(_("--animated goes with --svg FILE: say where to write the drawing"))
    if svg is not None:
        # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
        # `today --profile` (measured).
        from footcore.drawing.render import drawing_of  # noqa: PLC0415

        drawing = drawing_of(ex)
        if drawing is None:
            said = _(
                "'%(slug)s' has no drawing: give it an [exercise.demo] table "
                "(docs/catalogue.md, Drawings)"
            )
            raise FootcoreError(said % {"slug": ex.slug})
        _write_text(svg, drawing.file(animated=animated))
        return
    if as_json:
        # Deferred: not loaded by `--help`, `exercises`, `plan`, `progress` or `today --profile`
        # (measured).
        from footcore.catalogue.plain_data import exercise_to_dict, source_to_dict  # noqa: PLC0415

        data: dict[str, Any] = exercise_to_dict(ex)
        data["chain"] = list(cat.chain_of(ex.slug))
        data["citations"] = [source_to_dict(cat.sources[s]) for s in ex.sources if s in cat.sources]
        print_json(data)
        return
    _print_card(cat, _in_language([ex])[0])


def _heading(text: str) -> None:
    out.print(f"\n[bold]{text}[/]")


def _para(text: str) -> None:
    """A paragraph indented under its heading."""
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.padding import Padding  # noqa: PLC0415

    out.print(Padding(Text(text), (0, 0, 0, 2), expand=False))


def _grid(*wrapping: bool) -> Table:
    """A borderless table whose columns wrap or not, in order."""
    # Deferred: not loaded by `exercise --json` or `today --profile` (measured).
    from rich.table import Table  # noqa: PLC0415

    grid = Table.grid(padding=(0, 1))
    for wraps in wrapping:
        grid.add_column(no_wrap=not wraps)
    return grid


def _bullets(items: tuple[str, ...] | list[str]) -> None:
    grid = _grid(False, True)
    for item in items:
        grid.add_row("  •", Text(item))
    out.print(grid)


def _print_card(cat: Catalogue, ex: Exercise) -> None:
    _card_title(ex)
    _card_how_to(ex)
    _card_equipment(ex)
    _card_fits(ex)
    _card_chain(cat, ex)
    if ex.sources:
        _heading(_("Sources"))
        _bullets(
            [cat.sources[s].citation if s in cat.sources else s for s in ex.sources],
        )
    if ex.origin != "builtin":
        out.print(Text("\n" + _("From %(origin)s") % {"origin": ex.origin}, style="dim"))


def _in_sentence(term: object) -> str:
    """A term inside a phrase: its slug in English (``load light``), its label from a
    small letter in another language (``carga ligera``)."""
    word = console.term(str(term))
    return word if console.language() == "en" else word[:1].lower() + word[1:]


def _card_title(ex: Exercise) -> None:
    """Name and slug, the short facts, then the description."""
    out.print(f"[bold]{escape(ex.name)}[/]  [cyan]{escape(ex.slug)}[/]")
    load = _("load %(load)s") % {"load": _in_sentence(ex.load)}
    facts = [console.term(str(ex.category)), console.term(str(ex.position)), load]
    if ex.stretch_depth is not None:
        depth = _in_sentence(ex.stretch_depth)
        facts.append(_("%(depth)s stretch") % {"depth": depth})
    if ex.cramp_risk:
        facts.append(_("cramp risk"))
    out.print(" · ".join(facts), style="dim")
    out.print()
    out.print(Text(ex.description))


def _card_how_to(ex: Exercise) -> None:
    """The dose, the poses of the movement, the cues, the common faults and the cautions."""
    _heading(_("Dose"))
    _para(dose_text(ex.dose, rest=True, words=console.dose_words()))
    if ex.demo is not None:
        _heading(_("How it moves"))
        moves = _grid(False, True)
        for number, pose in enumerate(ex.demo.poses, start=1):
            moves.add_row(f"  {number}.", Text(pose.label))
        out.print(moves)
    _heading(_("How to do it"))
    _bullets(ex.cues)
    if ex.faults:
        _heading(_("Common faults"))
        _bullets(ex.faults)
    _heading(_("Take care"))
    _bullets(ex.cautions)


def _card_equipment(ex: Exercise) -> None:
    """The equipment, each with what to use without it."""
    _heading(_("Equipment"))
    if ex.equipment:
        without = _("%(item)s (without it: %(instead)s)")
        _bullets(
            [
                without % {"item": console.term(str(e)), "instead": ex.substitutes[e]}
                if e in ex.substitutes
                else console.term(str(e))
                for e in ex.equipment
            ]
        )
    else:
        _para(_("None needed."))


def _card_fits(ex: Exercise) -> None:
    """When the exercise fits in the day, what it works and what it is good for."""
    _heading(_("Fits"))
    fits = _grid(False, True)
    fits.add_row("  " + _("When:"), _terms_said(ex.slots))
    fits.add_row("  " + _("Works:"), _terms_said(ex.targets))
    fits.add_row("  " + _("Good for:"), _terms_said(ex.goals))
    out.print(fits)


def _card_chain(cat: Catalogue, ex: Exercise) -> None:
    """The progression chain with this exercise marked, then the harder and easier
    exercises outside the chain."""
    chain = cat.chain_of(ex.slug)
    _heading(_("Progression chain"))
    if len(chain) == 1:
        _para(_("Stands alone: no easier or harder step."))
    else:
        steps = _grid(False, False, True)
        for number, member in enumerate(chain, start=1):
            name = _in_language([cat.get(member)])[0].name
            if member == ex.slug:
                steps.add_row(
                    f"[bold green]▶ {number}.[/]",
                    f"[bold green]{escape(member)}[/]",
                    f"[bold]{escape(name)}[/] " + _("(this one)"),
                )
            else:
                steps.add_row(f"  {number}.", escape(member), f"[dim]{escape(name)}[/]")
        out.print(steps)
    for label, links in ((_("Also harder"), ex.progressions), (_("Also easier"), ex.regressions)):
        extra = [s for s in links if s not in chain]
        if extra:
            _para(f"{label}: {', '.join(extra)}")


@catalogue_app.command("check")
def check(
    directory: Annotated[
        Path, typer.Argument(metavar="DIR", help="The folder of exercise files (*.toml) to check.")
    ],
) -> None:
    """Check a folder of exercise files together with the built-in catalogue."""
    # Deferred: not loaded by `--help` or `progress` (measured).
    from footcore.catalogue.loader import load_catalogue  # noqa: PLC0415

    try:
        cat = load_catalogue([directory])
    except ValidationError as exc:
        for problem in exc.problems:
            typer.echo(str(problem))
        count = len(exc.problems)
        said = ngettext("%(n)s problem found.", "%(n)s problems found.", count)
        typer.echo(said % {"n": count}, err=True)
        raise typer.Exit(1) from None
    own = sum(1 for ex in cat if ex.origin != "builtin")
    said = ngettext(
        "OK: %(n)s exercise in %(dir)s (%(all)s with the built-in catalogue).",
        "OK: %(n)s exercises in %(dir)s (%(all)s with the built-in catalogue).",
        own,
    )
    typer.echo(said % {"n": own, "dir": directory, "all": len(cat)})
    for ex in cat:
        if ex.origin != "builtin" and ex.demo is None:
            said = _(
                "Note: '%(slug)s' has no drawing; pages show it without one. Add "
                '[exercise.demo] with like = "SLUG" or poses of its own (docs/catalogue.md).'
            )
            typer.echo(said % {"slug": ex.slug})


@catalogue_app.command("sheet")
def sheet(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The HTML file to write ('-' for standard output).",
        ),
    ],
    catalogue_dir: CatalogueDirs = None,
) -> None:
    """Write a contact sheet: every exercise's drawing on one page, to check them at a glance."""
    # Deferred: not loaded by `--help`, `exercise --json`, `exercises`, `plan`, `progress` or
    # `today --profile` (measured).
    from footcore.drawing.sheet import sheet_html  # noqa: PLC0415

    cat = _load(catalogue_dir)
    _write_text(output, sheet_html(cat))

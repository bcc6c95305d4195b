"""The guided session in the terminal: the session player driven by keys and a clock.

In a terminal, timed work shows a live countdown and single keys act at once:
``p`` pause / resume, ``s`` skip the item, ``n`` end this step now, ``q`` stop the session.
Rep prompts wait for Enter (or a number: the reps actually done; ``s`` skip; ``p`` pause;
``q`` stop). When input is not a terminal (a pipe, a test) everything is read line by line
and countdowns simply run. With the fast clock, timed work finishes at once (tests, demos).

Every finished item is stored at once, in its own transaction, so stopping the process at
any point keeps everything already done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import select
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from rich.live import Live
from rich.panel import Panel
from rich.progress_bar import ProgressBar
from rich.table import Table

from footcore.cli import console
from footcore.cli.console import N_, _
from footcore.domain.player import ItemResult, Player, PlayerItem, Step, StepKind
from footcore.domain.wording import item_dose_text, why_text

REFRESH_S = 0.25

#: The player's keys, as the countdown shows them and as the session's start explains them.
#: The keys are the same letters in every language; their words are translated.
KEYS_SHORT = N_("p pause · n end this set now · s skip exercise · q stop")
KEYS_HELP = N_(
    "Keys during a countdown: p pause or resume, n end this set now (what you did counts), "
    "s skip the rest of this exercise, q stop the session (everything finished is kept). "
    "At a rep prompt: Enter when done, or type the reps you managed."
)


def _foot(side: str) -> str:
    """``left foot``, ``right foot`` in the language chosen."""
    return {"left": _("left foot"), "right": _("right foot")}.get(side, f"{side} foot")


class Clock(Protocol):
    realtime: bool

    def now(self) -> float: ...

    def sleep(self, seconds: float) -> None: ...


class RealClock:
    realtime = True

    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(max(0.0, seconds))


class FastClock:
    """Virtual time: sleeping moves the clock on at once."""

    realtime = False

    def __init__(self, start: float | None = None) -> None:
        self.t = time.time() if start is None else start

    def now(self) -> float:
        return self.t

    def sleep(self, seconds: float) -> None:
        self.t += max(0.0, seconds)


class Keys(Protocol):
    interactive: bool

    def key(self, clock: Clock, timeout: float) -> str | None: ...

    def line(self, prompt: str) -> str: ...


class LineKeys:
    """Line-by-line input (pipes, tests): no key presses during countdowns."""

    interactive = False

    def key(self, clock: Clock, timeout: float) -> str | None:
        clock.sleep(timeout)
        return None

    def line(self, prompt: str) -> str:
        console.out.print(prompt, end="")
        raw = sys.stdin.readline()
        if raw == "":
            raise EOFError
        console.out.print()
        return raw.strip()


class TerminalKeys:
    """Single key presses in a terminal (cbreak mode while a countdown runs)."""

    interactive = True

    def key(self, clock: Clock, timeout: float) -> str | None:
        # A real clock waits for a key up to ``timeout``; a fast clock only peeks, then moves
        # its virtual time on.
        wait = max(0.0, timeout) if clock.realtime else 0.0
        ready, _, _ = select.select([sys.stdin], [], [], wait)
        if not ready:
            if not clock.realtime:
                clock.sleep(timeout)
            return None
        return sys.stdin.read(1).lower()

    def line(self, prompt: str) -> str:
        return console.out.input(prompt).strip()


@contextlib.contextmanager
def _cbreak() -> Iterator[None]:
    # Deferred: POSIX-only modules, needed only for single keys in a real terminal.
    import termios  # noqa: PLC0415
    import tty  # noqa: PLC0415

    if not sys.stdin.isatty():
        yield
        return
    fd = sys.stdin.fileno()
    saved = termios.tcgetattr(fd)
    try:
        tty.setcbreak(fd)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def keys_for_stdin() -> Keys:
    return TerminalKeys() if sys.stdin.isatty() else LineKeys()


class Stop(Exception):
    """The person stopped the session (``q``)."""


@dataclass(frozen=True)
class Feedback:
    difficulty: int | None
    pain: int | None
    cramp: bool | None
    note: str | None


ItemSink = Callable[[PlayerItem, ItemResult], None]


def _fmt(seconds: float) -> str:
    whole = int(seconds + 0.999)
    return f"{whole // 60}:{whole % 60:02d}"


class GuidedSession:
    """Plays one planned session; ``sink`` stores each finished item."""

    def __init__(
        self, items: Sequence[PlayerItem], clock: Clock, keys: Keys, sink: ItemSink
    ) -> None:
        self.items = {i.index: i for i in items}
        self.clock = clock
        self.keys = keys
        self.sink = sink
        self.player = Player(items, clock.now)
        self.stopped = False

    def run(self) -> list[ItemResult]:
        out = console.out
        if self.keys.interactive:
            out.print(f"[dim]{_(KEYS_HELP)}[/]")
        self.player.start()
        shown_item: int | None = None
        last_side: str | None = None
        try:
            while not self.player.finished:
                step = self.player.current
                assert step is not None
                if step.item.index != shown_item:
                    self._introduce(step.item)
                    shown_item, last_side = step.item.index, None
                if step.side and last_side and step.side != last_side:
                    switch = {
                        "left": _("Switch to the left foot."),
                        "right": _("Switch to the right foot."),
                    }.get(step.side, f"Switch to the {step.side} foot.")
                    out.print(f"[bold magenta]{switch}[/]")
                last_side = step.side
                if step.kind is StepKind.REPS:
                    self._reps(step)
                else:
                    self._timed(step)
        except Stop:
            self.stopped = True
            stopped = _("Session stopped; everything finished so far is kept.")
            out.print(f"[yellow]{stopped}[/]")
        return self.player.results

    # -- steps -------------------------------------------------------------------------------

    def _introduce(self, item: PlayerItem) -> None:
        out = console.out
        total = len(self.items)
        name = console.exercise_name(item.exercise, item.name)
        out.rule(f"[bold]{item.index + 1}/{total}  {name}[/]")
        out.print(f"[cyan]{item_dose_text(item, words=console.dose_words())}[/]")
        if item.why:
            out.print(f"[dim]{console.plan_text(why_text(item.why))}[/]")
        for cue in item.cues:
            out.print(f"  • {cue}")

    def _deliver(self, results: Sequence[ItemResult]) -> None:
        for result in results:
            self.sink(self.items[result.index], result)
            sets = self.items[result.index].sets
            if result.skipped:
                state = "[yellow]" + console.pgettext("logged exercise", "skipped") + "[/]"
            elif result.complete:
                state = "[green]" + console.pgettext("logged exercise", "done") + "[/]"
            else:
                partly = _("not done in full")
                kept = console.ngettext(
                    "%(done)s of %(num)s set in full; what you did is kept",
                    "%(done)s of %(num)s sets in full; what you did is kept",
                    sets,
                ) % {"done": result.sets_done, "num": f"{sets:,}"}
                state = f"[yellow]{partly}[/] ({kept})"
            item = self.items[result.index]
            logged = _("✓ logged")
            name = console.exercise_name(item.exercise, item.name)
            console.out.print(f"[green]{logged}[/] {name}: {state}")

    def _reps(self, step: Step) -> None:
        side = f" ({_foot(step.side)})" if step.side else ""
        title = _("Set %(set)s/%(sets)s") % {"set": step.set_number, "sets": step.item.sets}
        reps = _("%(reps)s reps.") % {"reps": step.reps}
        keys = _("Enter when done, a number if fewer, s skip, p pause, q stop:")
        prompt = f"{title}{side}: {reps} {keys} "
        while True:
            try:
                answer = self.keys.line(prompt).lower()
            except EOFError:
                raise Stop() from None
            if answer == "":
                self._deliver(self.player.complete())
                return
            if answer.isdigit():
                self._deliver(self.player.complete(int(answer)))
                return
            if answer == "s":
                self._deliver(self.player.skip())
                return
            if answer == "q":
                raise Stop()
            if answer == "p":
                self._pause()
                continue
            again = _("Enter, a number, s, p or q.")
            console.out.print(f"[yellow]{again}[/]")

    def _pause(self) -> None:
        self.player.pause()
        try:
            self.keys.line(_("Paused. Enter to go on:") + " ")
        except EOFError:
            raise Stop() from None
        finally:
            self.player.resume()

    def _timed(self, step: Step) -> None:
        if self.keys.interactive:
            self._timed_live(step)
            return
        side = f" ({_foot(step.side)})" if step.side else ""
        what = _("holds") if step.kind is StepKind.HOLDS else _("timer")
        title = _("Set %(set)s/%(sets)s") % {"set": step.set_number, "sets": step.item.sets}
        console.out.print(f"{title}{side}: {what} {_fmt(step.seconds or 0)}")
        while self.player.current is step and not self.player.finished:
            remaining = self.player.remaining() or 0.0
            self.keys.key(self.clock, min(REFRESH_S, remaining) if remaining > 0 else 0)
            self._deliver(self.player.tick())

    def _timed_live(self, step: Step) -> None:
        with _cbreak(), Live(self._panel(step), console=console.out, refresh_per_second=8) as live:
            while self.player.current is step and not self.player.finished:
                remaining = self.player.remaining() or 0.0
                key = self.keys.key(self.clock, min(REFRESH_S, remaining))
                if key == "p":
                    if self.player.status.value == "paused":
                        self.player.resume()
                    else:
                        self.player.pause()
                elif key == "s":
                    live.stop()
                    self._deliver(self.player.skip())
                    return
                elif key == "n":
                    live.stop()
                    self._deliver(self.player.complete())
                    return
                elif key == "q":
                    raise Stop()
                results = self.player.tick()
                if self.player.current is not step:  # the countdown ran out
                    live.update(self._panel(step, done=True))
                    live.stop()
                    self._deliver(results)
                    return
                live.update(self._panel(step))

    def _panel(self, step: Step, done: bool = False) -> Any:
        remaining = 0.0 if done else self.player.remaining() or 0.0
        total = step.seconds or 1.0
        side = f"  {_foot(step.side)}" if step.side else ""
        grid = Table.grid(padding=(0, 1))
        title = _("Set %(set)s/%(sets)s") % {"set": step.set_number, "sets": step.item.sets}
        title += side
        paused = self.player.status.value == "paused"
        hold = None if done else self.player.hold_position()
        if hold is not None:
            rep, holding, left = hold
            phase = _("HOLD") if holding else _("release")
            where = _("rep %(rep)s/%(reps)s:") % {"rep": rep, "reps": step.reps}
            grid.add_row(f"[bold]{title}[/]  {where} {phase} {_fmt(left)}")
        else:
            left_text = _("%(time)s left") % {"time": _fmt(remaining)}
            grid.add_row(f"[bold]{title}[/]  {left_text}")
        grid.add_row(ProgressBar(total=total, completed=total - remaining, width=40))
        if paused:
            pause_word, resume = _("PAUSED"), _("p resume")
            grid.add_row(f"[yellow]{pause_word}[/] {resume}")
        else:
            grid.add_row(f"[dim]{_(KEYS_SHORT)}[/]")
        name = console.exercise_name(step.item.exercise, step.item.name)
        return Panel(grid, title=name, expand=False)


def ask_feedback(keys: Keys) -> Feedback:
    """The short form at the end: difficulty 1-5, pain 0-10, cramp y/n, a note."""
    how = _("How did it go?")
    console.out.rule(f"[bold]{how}[/]")

    def number(prompt: str, low: int, high: int) -> int | None:
        while True:
            try:
                answer = keys.line(prompt)
            except EOFError:
                return None
            if answer == "":
                return None
            if answer.isdigit() and low <= int(answer) <= high:
                return int(answer)
            again = _("A whole number from %(low)s to %(high)s, or Enter to skip.") % {
                "low": low,
                "high": high,
            }
            console.out.print(f"[yellow]{again}[/]")

    difficulty = number(_("Difficulty, 1 (easy) to 5 (very hard):") + " ", 1, 5)
    pain = number(_("Pain during, 0 (none) to 10 (worst):") + " ", 0, 10)
    cramp: bool | None = None
    # y/n in English; the language's own letters and words too (s/n, sí/no).
    yes_letter, no_letter = console.pgettext("answer", "y"), console.pgettext("answer", "n")
    yes_words = {"y", "yes", yes_letter, _("yes").lower()}
    no_words = {"n", "no", no_letter, _("no").lower()}
    while True:
        try:
            answer = keys.line(
                _("Any cramp? (%(yes)s/%(no)s):") % {"yes": yes_letter, "no": no_letter} + " "
            ).lower()
        except EOFError:
            break
        if answer in yes_words | no_words | {""}:
            cramp = None if answer == "" else answer in yes_words
            break
        console.out.print(
            "[yellow]" + _("%(yes)s or %(no)s.") % {"yes": yes_letter, "no": no_letter} + "[/]"
        )
    try:
        note = keys.line(_("A note (Enter for none):") + " ") or None
    except EOFError:
        note = None
    return Feedback(difficulty, pain, cramp, note)


def new_client_id() -> str:
    return uuid.uuid4().hex


def to_datetime(seconds: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def player_items(
    session: Mapping[str, Any], cues: Callable[[str], Sequence[str]]
) -> list[PlayerItem]:
    """The player's items for a planned session (the plan's JSON form)."""
    return [
        PlayerItem.from_plan(n, item, name=str(item.get("name") or ""), cues=cues(item["exercise"]))
        for n, item in enumerate(session["items"])
    ]

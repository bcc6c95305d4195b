"""The terminal player: keys during countdowns, pause, skip, stop, and the feedback form."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from footcore.cli.player_ui import Clock, FastClock, GuidedSession, ask_feedback
from footcore.domain.player import ItemResult, PlayerItem


class ScriptedKeys:
    """Answers prompts from a list of lines and countdowns from a list of keys."""

    def __init__(
        self, lines: Iterable[str] = (), keys: Iterable[str | None] = (), interactive: bool = True
    ) -> None:
        self.lines = list(lines)
        self.keys = list(keys)
        self.interactive = interactive
        self.prompts: list[str] = []

    def key(self, clock: Clock, timeout: float) -> str | None:
        clock.sleep(timeout)
        return self.keys.pop(0) if self.keys else None

    def line(self, prompt: str) -> str:
        self.prompts.append(prompt)
        if not self.lines:
            raise EOFError
        return self.lines.pop(0)


ROLL = PlayerItem(0, "ball-roll-sole", "Ball roll", 1, duration_s=60)
RAISES = PlayerItem(1, "calf-raise-double", "Calf raise", 2, reps=15)
STRETCH = PlayerItem(2, "calf-wall-stretch", "Calf stretch", 1, reps=1, hold_s=20, per_side=True)


def play(items: list[PlayerItem], keys: ScriptedKeys) -> tuple[GuidedSession, list[ItemResult]]:
    stored: list[ItemResult] = []
    session = GuidedSession(items, FastClock(0.0), keys, lambda _item, r: stored.append(r))
    session.run()
    return session, stored


def test_each_item_is_handed_over_as_soon_as_it_is_finished() -> None:
    session, stored = play([ROLL, RAISES, STRETCH], ScriptedKeys(lines=["", "12"]))
    assert [r.index for r in stored] == [0, 1, 2]
    assert dict(stored[1].reps) == {"both": 27}
    assert stored[1].sets_done == 1  # the second set fell short
    assert session.stopped is False


def test_pause_during_a_countdown_stops_the_clock_and_n_ends_the_step_early() -> None:
    # 10 s of work (40 ticks of 0.25 s), pause for 100 ticks, resume, 10 s more, then "n".
    keys: list[str | None] = [None] * 39 + ["p"] + [None] * 100 + ["p"] + [None] * 39 + ["n"]
    _, stored = play([ROLL], ScriptedKeys(keys=keys))
    (result,) = stored
    assert dict(result.seconds) == {"both": 20.0}
    assert result.complete is False


def test_s_during_a_countdown_skips_the_item() -> None:
    _, stored = play([STRETCH, ROLL], ScriptedKeys(keys=["s"]))
    assert [(r.index, r.skipped) for r in stored] == [(2, True), (0, False)]


def test_q_stops_the_session_keeping_what_was_finished() -> None:
    session, stored = play([ROLL, RAISES, STRETCH], ScriptedKeys(lines=["", "q"]))
    assert session.stopped is True
    assert [r.index for r in stored] == [0]


def test_end_of_input_stops_the_session_like_q() -> None:
    session, stored = play([ROLL, RAISES], ScriptedKeys(lines=[], interactive=False))
    assert session.stopped is True
    assert [r.index for r in stored] == [0]


def test_a_paused_rep_prompt_asks_again_after_resuming() -> None:
    keys = ScriptedKeys(lines=["p", "", "", "oops", ""], interactive=False)
    _, stored = play([RAISES], keys)
    assert stored[0].complete is True
    assert keys.prompts[1].startswith("Paused")
    assert len(keys.prompts) == 5


def test_the_feedback_form_asks_again_until_an_answer_fits() -> None:
    keys = ScriptedKeys(lines=["7", "3", "11", "2", "maybe", "y", "left arch"])
    form = ask_feedback(keys)
    assert (form.difficulty, form.pain, form.cramp, form.note) == (3, 2, True, "left arch")


def test_the_feedback_form_can_be_left_empty() -> None:
    form = ask_feedback(ScriptedKeys(lines=["", "", "", ""]))
    assert (form.difficulty, form.pain, form.cramp, form.note) == (None, None, None, None)


def test_in_a_terminal_the_keys_are_explained_before_the_first_exercise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Issue 16 item 13: n and s are explained on screen, not only listed."""
    play([ROLL], ScriptedKeys(interactive=True))
    shown = " ".join(capsys.readouterr().out.split())
    assert "n end this set now (what you did counts)" in shown
    assert "s skip the rest of this exercise" in shown
    assert shown.index("Keys during a countdown") < shown.index("Ball roll")


def test_without_a_terminal_no_keys_are_promised(capsys: pytest.CaptureFixture[str]) -> None:
    play([ROLL], ScriptedKeys(interactive=False))
    assert "Keys during a countdown" not in capsys.readouterr().out

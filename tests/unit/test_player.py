"""The session player: steps per set and side, countdowns, reps, pause, skip, results."""

from __future__ import annotations

from footcore.domain.player import (
    RELEASE_S,
    Player,
    PlayerItem,
    Status,
    StepKind,
    steps_for,
)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def reps_item(index: int = 0, sets: int = 2, reps: int = 10, per_side: bool = True) -> PlayerItem:
    return PlayerItem(
        index, "calf-raise-single", "Single calf raise", sets, reps=reps, per_side=per_side
    )


def hold_item(index: int = 0) -> PlayerItem:
    return PlayerItem(
        index, "calf-wall-stretch", "Calf wall stretch", 1, reps=1, hold_s=20, per_side=True
    )


def test_a_one_sided_item_alternates_left_and_right_each_set() -> None:
    steps = steps_for(reps_item(sets=2))
    assert [(s.set_number, s.side) for s in steps] == [
        (1, "left"),
        (1, "right"),
        (2, "left"),
        (2, "right"),
    ]
    assert {s.kind for s in steps} == {StepKind.REPS}


def test_dose_shapes_become_the_right_kind_of_step() -> None:
    timed = PlayerItem(0, "ball-roll-sole", "Ball roll", 1, duration_s=60)
    single_hold = hold_item()
    holds = PlayerItem(0, "short-foot-seated", "Short foot", 1, reps=8, hold_s=5)
    assert steps_for(timed)[0].kind is StepKind.TIMED
    assert steps_for(timed)[0].seconds == 60
    assert steps_for(single_hold)[0].kind is StepKind.TIMED
    assert steps_for(single_hold)[0].seconds == 20
    assert steps_for(holds)[0].kind is StepKind.HOLDS
    assert steps_for(holds)[0].seconds == 8 * 5 + 7 * RELEASE_S


def test_from_plan_reads_a_plan_item() -> None:
    item = PlayerItem.from_plan(
        3,
        {
            "exercise": "towel-scrunch",
            "sets": 1,
            "reps": 15,
            "hold_s": None,
            "duration_s": None,
            "per_side": True,
            "why": "grip",
        },
        name="Towel scrunch",
        cues=["Keep the heel down"],
    )
    assert item == PlayerItem(
        3,
        "towel-scrunch",
        "Towel scrunch",
        1,
        reps=15,
        per_side=True,
        cues=("Keep the heel down",),
        why="grip",
    )


def test_reps_steps_wait_for_the_person_and_record_reps_per_side() -> None:
    clock = FakeClock()
    player = Player([reps_item(sets=1, reps=10)], clock)
    player.start()
    clock.advance(500)
    assert player.tick() == []  # a rep prompt never ends by itself
    assert player.complete() == []  # left done, right next
    assert player.current is not None
    assert player.current.side == "right"
    results = player.complete(reps=8)
    assert len(results) == 1
    result = results[0]
    assert dict(result.reps) == {"left": 10, "right": 8}
    assert result.sets_done == 0  # the right side fell short of the planned reps
    assert result.complete is False
    assert result.skipped is False
    assert player.finished


def test_a_timed_hold_counts_down_and_ends_by_itself() -> None:
    clock = FakeClock()
    player = Player([hold_item()], clock)
    player.start()
    clock.advance(12)
    assert player.remaining() == 8
    assert player.tick() == []
    clock.advance(8)
    assert player.tick() == []  # left ended; right begins now
    assert player.current is not None
    assert player.current.side == "right"
    assert player.remaining() == 20
    clock.advance(20)
    (result,) = player.tick()
    assert dict(result.seconds) == {"left": 20, "right": 20}
    assert dict(result.reps) == {"left": 1, "right": 1}
    assert result.complete is True
    assert result.sets_done == 1
    assert (result.started_at, result.ended_at) == (1000.0, 1040.0)
    assert player.status is Status.FINISHED


def test_pause_freezes_the_countdown() -> None:
    clock = FakeClock()
    player = Player([PlayerItem(0, "ball-roll-sole", "Ball roll", 1, duration_s=60)], clock)
    player.start()
    clock.advance(10)
    player.pause()
    clock.advance(300)
    assert player.remaining() == 50
    assert player.tick() == []
    player.resume()
    clock.advance(20)
    assert player.remaining() == 30
    clock.advance(30)
    (result,) = player.tick()
    assert dict(result.seconds) == {"both": 60}


def test_held_reps_advance_by_the_clock() -> None:
    clock = FakeClock()
    player = Player([PlayerItem(0, "short-foot-seated", "Short foot", 1, reps=3, hold_s=5)], clock)
    player.start()
    assert player.hold_position() == (1, True, 5)
    clock.advance(6)
    assert player.hold_position() == (1, False, 1)
    clock.advance(1.5)
    assert player.hold_position() == (2, True, 4.5)
    clock.advance(100)
    (result,) = player.tick()
    assert dict(result.reps) == {"both": 3}
    assert dict(result.seconds) == {"both": 15}


def test_ending_a_held_step_early_counts_the_holds_done() -> None:
    clock = FakeClock()
    player = Player([PlayerItem(0, "short-foot-seated", "Short foot", 1, reps=5, hold_s=5)], clock)
    player.start()
    clock.advance(2 * (5 + RELEASE_S) + 1)  # two holds done, third under way
    (result,) = player.complete()
    assert dict(result.reps) == {"both": 2}
    assert result.complete is False


def test_skip_drops_the_rest_of_the_item_and_reports_it() -> None:
    clock = FakeClock()
    player = Player([reps_item(0, sets=2), hold_item(1)], clock)
    player.start()
    player.complete()  # set 1 left
    (partial,) = player.skip()
    assert partial.index == 0
    assert partial.skipped is False
    assert partial.complete is False
    assert dict(partial.reps) == {"left": 10}
    assert player.current is not None
    assert player.current.item.index == 1
    (skipped,) = player.skip()
    assert skipped.skipped is True
    assert skipped.sets_done == 0
    assert player.finished


def test_a_whole_session_yields_one_result_per_item_in_order() -> None:
    clock = FakeClock()
    items = [reps_item(0, sets=1, per_side=False), hold_item(1), reps_item(2, sets=2)]
    player = Player(items, clock)
    player.start()
    seen = []
    while not player.finished:
        step = player.current
        assert step is not None
        if step.kind is StepKind.REPS:
            seen.extend(player.complete())
        else:
            clock.advance(step.seconds or 0)
            seen.extend(player.tick())
    assert [r.index for r in seen] == [0, 1, 2]
    assert all(r.complete for r in seen)
    assert [r.sets_done for r in seen] == [1, 1, 2]


def test_an_empty_session_is_finished_at_once() -> None:
    player = Player([], FakeClock())
    assert player.finished
    assert player.current is None

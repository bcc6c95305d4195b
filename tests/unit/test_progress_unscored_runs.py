"""Runs without a felt score (imported from files) stay out of the "runs after foot work"
comparison, and the message says how many were left out."""

from __future__ import annotations

import datetime as dt

from footcore.domain.progress import MIN_RUNS_PER_GROUP, RunRecord, runs_after_foot_work

MON = dt.date(2027, 1, 4)


def run(n: int, felt: int | None) -> RunRecord:
    return RunRecord(MON + dt.timedelta(days=n), 8.0, 45.0, "easy", felt)


def test_runs_without_a_felt_score_do_not_change_the_means_or_counts() -> None:
    work_days = [MON + dt.timedelta(days=2 * n) for n in range(MIN_RUNS_PER_GROUP)]
    after = [run(2 * n + 1, 4) for n in range(MIN_RUNS_PER_GROUP)]
    other = [run(100 + 2 * n, 2) for n in range(MIN_RUNS_PER_GROUP)]
    unscored = [run(1, None), run(200, None), run(202, None)]
    result = runs_after_foot_work(after + other + unscored, work_days)
    assert (result.after_foot_work.runs, result.other_days.runs) == (
        MIN_RUNS_PER_GROUP,
        MIN_RUNS_PER_GROUP,
    )
    assert (result.after_foot_work.mean_felt, result.other_days.mean_felt) == (4.0, 2.0)
    assert result.difference == 2.0
    assert result.unscored == 3
    assert result.message.endswith("(3 runs without a felt score left out)")


def test_only_unscored_runs_count_as_too_few_and_say_so() -> None:
    result = runs_after_foot_work([run(1, None)], foot_work_days=[MON])
    assert (result.after_foot_work.runs, result.other_days.runs) == (0, 0)
    assert result.enough is False
    assert result.unscored == 1
    assert "(1 run without a felt score left out)" in result.message


def test_no_note_about_left_out_runs_when_every_run_has_a_score() -> None:
    result = runs_after_foot_work([run(1, 3)], foot_work_days=[MON])
    assert result.unscored == 0
    assert "left out" not in result.message

"""The simulated club study through HTTP, small: every step answers, randomisation is
balanced and verifiable, the report and the anonymised export hold together. The full-size
run (200 members, 26 weeks) is ``python -m tests.e2e.club_simulation``."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.club_simulation import simulate, summary


def test_a_small_simulated_club_runs_a_study_end_to_end(tmp_path: Path) -> None:
    result = simulate(tmp_path, members=24, weeks=5, seed=11)
    r = result.report
    log = r["allocation_log"]
    assert log["chain_intact"]
    assert log["reproducible_from_seed"]
    assert log["entries"] == r["enrolment"]["allocated"] == sum(r["balance"]["n"].values())
    assert r["balance"]["largest_stratum_difference"] <= 2
    assert r["too_small"] is True  # 24 members cannot tell two arms apart, and it says so
    assert "too small" in r["notes"][0]
    rows = result.rows()
    assert {x["arm"] for x in rows} == {"A", "B"}
    assert len({x["pid"] for x in rows}) == r["enrolment"]["allocated"]
    assert sum(int(x["answered"]) for x in rows) == sum(
        a["follow_up"]["weeks_answered"] for a in r["arms"].values()
    )
    assert "variable,type,values,description" in result.dictionary
    assert "allocation log" in summary(result)

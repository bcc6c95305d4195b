"""A guided session killed half-way keeps every item it had finished."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.domain.player import PlayerItem, StepKind, steps_for
from tests.support.profiles import ana

PROFILE = ana(
    "sex",
    "cramp_prone",
    "pain",
    "running",
    minutes_per_day=15,
    slots=["morning", "desk", "teeth", "tv"],
)
START = dt.date(2027, 1, 4)
RUN_CLI = "import sys; from footcore.cli.app import main; main(sys.argv[1:])"


def reps_prompts(item: PlayerItem) -> int:
    return sum(1 for s in steps_for(item) if s.kind is StepKind.REPS)


def pick_session(app: Any, athlete: int) -> tuple[dt.date, dict[str, Any], int]:
    """A planned session whose last rep-prompted item comes after at least one other item:
    the CLI can finish the items before it and then wait for input."""
    for offset in range(14):
        day = START + dt.timedelta(days=offset)
        for session in app.services.today(athlete, day).sessions:
            items = [PlayerItem.from_plan(n, i) for n, i in enumerate(session["items"])]
            with_reps = [i.index for i in items if reps_prompts(i)]
            if with_reps and with_reps[-1] >= 1:
                return day, dict(session), with_reps[-1]
    raise AssertionError("no session with a rep prompt after the first item in two weeks")


def test_killing_the_cli_mid_session_keeps_the_finished_items(tmp_path: Path) -> None:
    settings = Settings.for_sqlite_file(tmp_path / "footcore.sqlite3")
    app = bootstrap(settings)
    athlete = app.services.onboard(PROFILE, start=START).athlete.id
    day, session, blocking = pick_session(app, athlete)
    items = [PlayerItem.from_plan(n, i) for n, i in enumerate(session["items"])]
    answers = "".join("\n" * reps_prompts(item) for item in items[:blocking])

    env = {
        **os.environ,
        "FOOTCORE_DATA_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join(sys.path),
    }
    env.pop("FOOTCORE_DATABASE_URL", None)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            RUN_CLI,
            "start",
            session["slot"],
            "--date",
            day.isoformat(),
            "--fast",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        assert proc.stdin is not None
        proc.stdin.write(answers.encode())
        proc.stdin.flush()  # stdin stays open: the CLI now waits at item `blocking`
        deadline = time.monotonic() + 60
        while True:
            with app.uow() as uow:
                logs = uow.sessions.list(athlete)
                stored = len(logs[0].items) if logs else 0
            if stored >= blocking:
                break
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            assert time.monotonic() < deadline, f"only {stored} of {blocking} items stored"
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL

    reopened = bootstrap(settings)
    try:
        with reopened.uow() as uow:
            (log,) = uow.sessions.list(athlete)
            assert [i.item_index for i in log.items] == list(range(blocking))
            assert [i.exercise for i in log.items] == [i.exercise for i in items[:blocking]]
            assert all(i.sets_done == items[i.item_index].sets for i in log.items)
            assert log.ended_at is None  # the session never reached its feedback form
    finally:
        reopened.close()
        app.close()

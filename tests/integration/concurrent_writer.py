"""A separate process that logs sessions, for the concurrent-writers test.

usage: python concurrent_writer.py URL ATHLETE_ID PREFIX COUNT SHARED SYNC_DIR
Logs COUNT sessions of its own (client ids PREFIX-n) and SHARED sessions that the other
writer sends too (client ids shared-n), item by item, each write its own transaction.
Waits for SYNC_DIR/go before writing so that both writers run at the same time.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from pathlib import Path

from footcore.bootstrap import bootstrap
from footcore.config import Settings
from footcore.services import Feedback, ItemEntry, SessionHeader


def main() -> None:
    url, athlete, prefix, count, shared, sync = sys.argv[1:7]
    app = bootstrap(Settings(database_url=url, data_dir=Path(sync)))
    sync_dir = Path(sync)
    (sync_dir / f"ready-{prefix}").write_text("ready")
    while not (sync_dir / "go").exists():
        time.sleep(0.01)
    day = dt.date(2027, 1, 4)
    ids = [f"{prefix}-{n}" for n in range(int(count))] + [f"shared-{n}" for n in range(int(shared))]
    for n, client_id in enumerate(ids):
        header = SessionHeader(client_id, day + dt.timedelta(days=n % 20), "desk")
        app.services.open_session(int(athlete), header)
        for index in range(3):
            entry = ItemEntry(
                index=index,
                exercise="toe-spread-out",
                planned={"sets": 1, "reps": 10, "per_side": False, "minutes": 1.0},
                sets_done=1,
                reps={"both": 10},
            )
            app.services.log_item(int(athlete), client_id, entry)
        app.services.finish_session(int(athlete), client_id, Feedback(difficulty=2, pain=0))
    app.close()
    print("ok")


if __name__ == "__main__":
    main()

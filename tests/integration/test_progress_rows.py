"""The progress report reads logged work as plain rows (``SessionLogRepository.done_rows``);
they must add up exactly as the stored logs themselves do, on both engines."""

from __future__ import annotations

import datetime as dt

from footcore.bootstrap import App
from footcore.services import Feedback, ItemEntry, SessionHeader
from footcore.services.outcomes import done_session

from .support import PROFILE, TODAY


def test_done_rows_add_up_like_the_stored_logs_for_full_partial_skipped_and_empty_work(
    app: App,
) -> None:
    athlete = app.services.onboard(PROFILE).athlete.id
    day = app.services.today(athlete, TODAY)
    session = dict(day.sessions[0])
    planned = [dict(i) for i in session["items"]]
    assert planned, "the profile's first session has items"
    entries = []
    for n, item in enumerate(planned):
        if n == 0:  # all the planned work, counted per side
            reps = {"left": 40, "right": 40} if item.get("reps") else {}
            seconds = {"left": 90.0, "right": 90.0} if item.get("duration_s") else {}
            entries.append(ItemEntry(n, item["exercise"], item, item["sets"], reps, seconds))
        elif n == 1:  # skipped
            entries.append(ItemEntry(n, item["exercise"], item, 0, skipped=True))
        else:  # one set fewer than planned, no counts
            entries.append(ItemEntry(n, item["exercise"], item, max(0, item["sets"] - 1)))
    app.services.log_session(
        athlete,
        SessionHeader("rows-1", TODAY, session["slot"], "manual"),
        entries,
        Feedback(difficulty=3, pain=2),
    )
    # A session opened with no item stored yet counts too (with no work done).
    app.services.open_session(
        athlete, SessionHeader("rows-2", TODAY + dt.timedelta(days=1), session["slot"], "guided")
    )
    with app.uow() as uow:
        expected = [done_session(log) for log in uow.sessions.list(athlete)]
        rows = uow.sessions.done_rows(athlete)
        found = [done_session(row) for row in rows]
        until_today = [done_session(r) for r in uow.sessions.done_rows(athlete, until=TODAY)]
    assert found == expected
    # Only the first item was done in full: a skipped one and one set short do not count.
    assert [d.items_done for d in found] == [1, 0]
    assert found[0].minutes > 0
    assert [len(r.items) for r in rows] == [len(planned), 0]
    assert until_today == expected[:1]

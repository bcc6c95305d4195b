"""Logged-item builders that service tests on a database and in memory share."""

from __future__ import annotations

from typing import Any

from footcore.services import ItemEntry


def items_of(session: dict[str, Any]) -> list[ItemEntry]:
    """Every planned item of ``session`` logged as done: all its sets, one rep a side."""
    return [
        ItemEntry(
            index=n,
            exercise=i["exercise"],
            planned=i,
            sets_done=i["sets"],
            reps={"left": 1, "right": 1} if i["per_side"] else {"both": 1},
        )
        for n, i in enumerate(session["items"])
    ]

"""The site menu: one list that each page module adds its entry to.

The full menu, in order, is :data:`MENU`; only pages that exist register an entry, so a link
is never shown for a page that is not there yet.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Every menu entry footcore will have, in the order they appear.
MENU = ("today", "programme", "library", "self-tests", "progress", "groups", "coach", "settings")


@dataclass(frozen=True)
class NavItem:
    key: str  # one of MENU
    label: str
    path: str  # the page's URL path; it is "current" for this path and everything under it
    athlete: bool = False  # shown only once someone is set up (the page needs an athlete)
    coach: bool = False  # shown only to coaches and admins
    accounts: bool = False  # shown only in multi-user mode (groups need accounts)

    def is_current(self, path: str) -> bool:
        return path == self.path or path.startswith(self.path.rstrip("/") + "/")


class Navigation:
    """The entries of the menu, kept in :data:`MENU` order."""

    def __init__(self) -> None:
        self._items: dict[str, NavItem] = {}

    def add(self, item: NavItem) -> None:
        if item.key not in MENU:
            raise ValueError(f"unknown menu entry {item.key!r}; the menu has {', '.join(MENU)}")
        if item.key in self._items:
            raise ValueError(f"menu entry {item.key!r} is registered twice")
        self._items[item.key] = item

    def items(
        self, *, onboarded: bool = True, coach: bool = True, accounts: bool = True
    ) -> list[NavItem]:
        """The entries in menu order; before onboarding, without the athlete's pages; for
        people who are not coaches, without the coach's pages; in one-person mode, without
        the pages that need accounts."""
        return [
            self._items[key]
            for key in MENU
            if key in self._items
            and (onboarded or not self._items[key].athlete)
            and (coach or not self._items[key].coach)
            and (accounts or not self._items[key].accounts)
        ]

    def __contains__(self, key: object) -> bool:
        return key in self._items

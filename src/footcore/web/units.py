"""One conversion helper for every number shown or entered with a unit.

footcore stores metric values (cm, mm, km); a profile's ``units`` setting (``metric`` or
``imperial``) decides what people see and type: cm or in, mm or in, km or mi. Pages and forms
go through :class:`Units`, never through their own arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

CM_PER_INCH = 2.54
KM_PER_MILE = 1.609344

#: Stored (metric) unit -> (imperial unit, metric units per imperial unit, decimals shown).
_IMPERIAL: dict[str, tuple[str, float, int]] = {
    "cm": ("in", CM_PER_INCH, 1),
    "mm": ("in", CM_PER_INCH * 10, 2),
    "km": ("mi", KM_PER_MILE, 1),
}
_METRIC_DECIMALS = {"cm": 1, "mm": 0, "km": 1}


@dataclass(frozen=True)
class Units:
    system: str = "metric"  # "metric" | "imperial"

    @classmethod
    def of(cls, profile: Any) -> Units:
        """The setting of a profile mapping (``units`` key) or anything with ``.units``."""
        value = (
            profile.get("units") if isinstance(profile, dict) else getattr(profile, "units", None)
        )
        return cls("imperial" if value == "imperial" else "metric")

    @property
    def imperial(self) -> bool:
        return self.system == "imperial"

    def unit(self, stored_unit: str) -> str:
        """The unit people see for a stored unit (``cm`` -> ``in`` when imperial)."""
        if self.imperial and stored_unit in _IMPERIAL:
            return _IMPERIAL[stored_unit][0]
        return stored_unit

    def show(self, value: float | None, stored_unit: str) -> float | None:
        """A stored value in the unit people see, rounded for display."""
        if value is None:
            return None
        if self.imperial and stored_unit in _IMPERIAL:
            _, factor, decimals = _IMPERIAL[stored_unit]
            return round(value / factor, decimals)
        return round(value, _METRIC_DECIMALS.get(stored_unit, 2))

    def text(self, value: float | None, stored_unit: str) -> str:
        """``12.5 cm`` / ``4.9 in``; an en dash for no value."""
        shown = self.show(value, stored_unit)
        if shown is None:
            return "–"
        return f"{shown:g} {self.unit(stored_unit)}"

    def store(self, value: float, stored_unit: str) -> float:
        """A value typed in the unit people see, back to the stored unit."""
        if self.imperial and stored_unit in _IMPERIAL:
            return round(value * _IMPERIAL[stored_unit][1], 3)
        return value

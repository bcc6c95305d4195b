"""The vocabulary's readable words for the templates: they live in :mod:`footcore.domain.labels`."""

from __future__ import annotations

from footcore.domain.labels import EQUIPMENT_HINTS, LABELS, label

__all__ = ["EQUIPMENT_HINTS", "LABELS", "label"]

"""CSV exports of session logs and self-test results, written with the ``csv`` module.

Both files are UTF-8 with a header row, one row per logged item (session logs) or per scored
value (self-tests: one row per side of a two-sided test, per FAAM subscale). Empty cells
mean "not recorded". Column meanings are in docs/exports.md.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence

from footcore.domain.assessments import BatteryReport

SESSION_LOG_COLUMNS = (
    "date",
    "slot",
    "source",
    "item",
    "exercise",
    "planned_dose",
    "skipped",
    "sets_done",
    "reps_left",
    "reps_right",
    "reps_both",
    "seconds_left",
    "seconds_right",
    "seconds_both",
    "item_difficulty",
    "item_pain",
    "item_cramp",
    "item_note",
    "session_difficulty",
    "session_pain",
    "next_morning_pain",
    "session_cramp",
    "planned_minutes",
    "started_at",
    "ended_at",
    "session_note",
)

SELF_TEST_COLUMNS = (
    "date",
    "test",
    "name",
    "part",
    "value",
    "shown",
    "unit",
    "band",
    "asymmetry",
)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def write_csv(columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> str:
    """Rows (mappings keyed by column) as CSV text with a header; unknown keys are an error."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        extra = set(row) - set(columns)
        if extra:
            raise ValueError(f"unknown CSV columns: {', '.join(sorted(extra))}")
        writer.writerow([_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def session_logs_csv(rows: Iterable[Mapping[str, object]]) -> str:
    """Session-log rows (keys from :data:`SESSION_LOG_COLUMNS`) as CSV text."""
    return write_csv(SESSION_LOG_COLUMNS, rows)


def self_test_rows(reports: Sequence[BatteryReport]) -> list[dict[str, object]]:
    """One row per scored value of every dated report, oldest first."""
    rows: list[dict[str, object]] = []
    dated = sorted((r for r in reports if r.date is not None), key=lambda r: str(r.date))
    for report in dated:
        for test_id, scored in report.results.items():
            for m in scored.measures:
                value = m.number if m.number is not None else m.value
                if isinstance(value, dict):
                    value = m.shown
                rows.append(
                    {
                        "date": report.date.isoformat() if report.date else None,
                        "test": test_id,
                        "name": scored.test.name,
                        "part": m.part,
                        "value": value,
                        "shown": m.shown,
                        "unit": scored.test.unit,
                        "band": None if m.band is None else str(m.band),
                        "asymmetry": scored.asymmetry if m.part in ("left", "right") else None,
                    }
                )
    return rows


def self_tests_csv(reports: Sequence[BatteryReport]) -> str:
    """Every self-test result as CSV text."""
    return write_csv(SELF_TEST_COLUMNS, self_test_rows(reports))

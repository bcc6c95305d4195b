"""The statistics of the study report, all from statsmodels and scipy (no hand-written
formulas): confidence intervals for proportions (Wilson), for the difference and ratio of
two proportions (Newcombe's hybrid score; log-adjusted ratio), for a mean of weekly
prevalences (Student's t, as the Oslo centre's ``ostRc`` package reports prevalence), and
Fisher's exact test. Imported only when a report is made (statsmodels takes a few seconds
to load the first time)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from scipy.stats import fisher_exact
from statsmodels.stats.proportion import confint_proportions_2indep, proportion_confint
from statsmodels.stats.weightstats import DescrStatsW

CONFIDENCE = 0.95
ALPHA = 1 - CONFIDENCE


@dataclass(frozen=True)
class Estimate:
    value: float | None
    low: float | None
    high: float | None
    method: str

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        def r(x: float | None) -> float | None:
            return None if x is None else round(float(x), digits)

        return {
            "value": r(self.value),
            "ci_low": r(self.low),
            "ci_high": r(self.high),
            "confidence": CONFIDENCE,
            "method": self.method,
        }


def _finite(x: Any) -> float | None:
    value = float(x)
    return value if math.isfinite(value) else None


def proportion(count: int, n: int) -> Estimate:
    """A proportion with its Wilson score interval."""
    if n == 0:
        return Estimate(None, None, None, "wilson")
    low, high = proportion_confint(count, n, alpha=ALPHA, method="wilson")
    return Estimate(count / n, _finite(low), _finite(high), "wilson")


def risk_difference(c1: int, n1: int, c0: int, n0: int) -> Estimate:
    """p1 - p0 with Newcombe's hybrid score interval."""
    if not n1 or not n0:
        return Estimate(None, None, None, "newcombe")
    low, high = confint_proportions_2indep(
        c1, n1, c0, n0, compare="diff", method="newcomb", alpha=ALPHA
    )
    return Estimate(c1 / n1 - c0 / n0, _finite(low), _finite(high), "newcombe")


def risk_ratio(c1: int, n1: int, c0: int, n0: int) -> Estimate:
    """p1 / p0 with the log-adjusted interval (defined with zero counts too)."""
    if not n1 or not n0:
        return Estimate(None, None, None, "log-adjusted")
    low, high = confint_proportions_2indep(
        c1, n1, c0, n0, compare="ratio", method="log-adjusted", alpha=ALPHA
    )
    value = (c1 / n1) / (c0 / n0) if c0 else None
    return Estimate(value, _finite(low), _finite(high), "log-adjusted")


def fisher_p(c1: int, n1: int, c0: int, n0: int) -> float | None:
    """Two-sided Fisher's exact test of the 2x2 table."""
    if not n1 or not n0:
        return None
    result = fisher_exact([[c1, n1 - c1], [c0, n0 - c0]])
    return round(float(result.pvalue), 4)


def mean_with_t_interval(
    values: Sequence[float], bounds: tuple[float, float] | None = None
) -> Estimate:
    """The mean of weekly values with a Student's t interval over the weeks; ``bounds``
    clips the interval to the values possible (0 to 1 for a prevalence)."""
    if not values:
        return Estimate(None, None, None, "t over weeks")
    mean = sum(values) / len(values)
    if len(values) < 2:
        return Estimate(mean, None, None, "t over weeks")
    low, high = DescrStatsW(list(values)).tconfint_mean(alpha=ALPHA)
    if bounds is not None:
        low, high = max(bounds[0], float(low)), min(bounds[1], float(high))
        return Estimate(mean, _finite(low), _finite(high), "t over weeks, clipped to 0-1")
    return Estimate(mean, _finite(low), _finite(high), "t over weeks")

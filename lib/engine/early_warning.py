"""Early warnings (预警) of METHOD.md: 预计难以达标, 波动较大, 数据缺报.

Each warning is a frozen record of the numbers behind it; lib.presentation.explain words it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from lib import config
from lib.engine.target_rules import gap_to_target, meets_target

if TYPE_CHECKING:
    from lib.engine.progress import Judgement
    from lib.engine.series import Series

FLUCTUATION_RULES = ("median", "flat", "relative", "from_zero")  # Fluctuation.rule: which test it failed


@dataclass(frozen=True)
class ExpectedMiss:
    """预计难以达标: projected from the last `window` values, it misses the target by `miss`, `share` of the gap."""

    projected: float
    op: str
    target: float
    unit: str | None
    window: int
    miss: float
    share: float
    severity: str
    label: ClassVar[str] = config.WARN_MISS


@dataclass(frozen=True)
class Fluctuation:
    """波动较大: the change from previous_year to year beyond `limit` times the median earlier change (median;
    flat when that median is 0) or, with few years, beyond a relative change of `limit` (relative; from_zero
    when the previous value is 0). numerator and denominator are the latest counts behind a rate, if known."""

    rule: Literal["median", "flat", "relative", "from_zero"]
    unit: str | None
    year: int
    value: float
    previous_year: int
    change: float
    limit: float
    median_change: float | None = None
    relative_change: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    label: ClassVar[str] = config.WARN_FLUCTUATION
    severity: ClassVar[str | None] = None


@dataclass(frozen=True)
class MissingReport:
    """数据缺报: nothing for `year` from `source` (None: not known); `subject` is data or a rating."""

    year: int
    last_year: int | None
    source: str | None
    subject: Literal["data", "rating"] = "data"
    label: ClassVar[str] = config.WARN_MISSING
    severity: ClassVar[str | None] = None


Alert = ExpectedMiss | Fluctuation | MissingReport


def project_value(years: Sequence[int], values: Sequence[float], unit: str | None) -> float | None:
    """Value in the target year from the average annual change of the last (up to) five values."""
    last_years = list(years)[-config.PROJECTION_WINDOW :]
    last_values = list(values)[-config.PROJECTION_WINDOW :]
    if len(last_values) < 2:
        return None
    slope = (last_values[-1] - last_values[0]) / (last_years[-1] - last_years[0])
    projected = max(0.0, last_values[-1] + slope * (config.TARGET_YEAR - last_years[-1]))
    return min(projected, 100.0) if unit == "%" else projected  # no rate below 0 or share above 100 %


def detect_expected_miss(
    ind: dict, years: Sequence[int], values: Sequence[float], status: str
) -> tuple[Alert | None, float | None]:
    """预计难以达标: not met and the projection misses by ≥ 5 % of the remaining gap (red above 20 %)."""
    unit, op = ind["unit"], ind["op"]
    projected = project_value(years, values, unit)
    has_target = ind["kind"] == config.KIND_TARGET and ind["target"] is not None and ind["target"] == ind["target"]
    if projected is None or not has_target or status in (config.STATUS_MET, config.STATUS_NO_DATA):
        return None, projected
    target, tol = float(ind["target"]), ind.get("tolerance")
    if meets_target(projected, op, target, unit, tol):
        return None, projected
    miss = gap_to_target(projected, op, target, unit, tol)
    gap = gap_to_target(values[-1], op, target, unit, tol)
    share = miss / gap if gap > 0 else (1.0 if miss > 0 else 0.0)
    if share < config.MISS_YELLOW_SHARE:
        return None, projected
    severity = config.SEVERITY_RED if share > config.MISS_RED_SHARE else config.SEVERITY_YELLOW
    n = min(len(values), config.PROJECTION_WINDOW)
    return ExpectedMiss(projected, op, target, unit, n, miss, share, severity), projected


def detect_fluctuation(series: Series, unit: str | None) -> Alert | None:
    """波动较大: the latest change exceeds twice the median earlier change (or 10 % with few years)."""
    years, values = series.years, series.values
    if len(values) < 2:
        return None
    changes = [b - a for a, b in zip(values, values[1:])]
    latest, earlier = changes[-1], [abs(c) for c in changes[:-1]]
    facts = dict(unit=unit, year=years[-1], value=values[-1], previous_year=years[-2], change=latest)
    facts.update(numerator=series.numerators[-1], denominator=series.denominators[-1])
    if len(earlier) >= config.FLUCTUATION_MIN_EARLIER_CHANGES:
        median = statistics.median(earlier)
        if abs(latest) <= config.FLUCTUATION_MEDIAN_FACTOR * median:
            return None
        rule = "flat" if median == 0 else "median"
        return Fluctuation(rule, **facts, limit=config.FLUCTUATION_MEDIAN_FACTOR, median_change=median)
    previous = abs(values[-2])
    relative = abs(latest) / previous if previous > 0 else (float("inf") if latest else 0.0)
    if relative <= config.FLUCTUATION_RELATIVE:
        return None
    rule = "relative" if previous > 0 else "from_zero"
    return Fluctuation(rule, **facts, limit=config.FLUCTUATION_RELATIVE, relative_change=relative)


def detect_missing_report(
    last_year: int | None, year: int, source: str | None, subject: Literal["data", "rating"] = "data"
) -> Alert | None:
    """数据缺报: nothing reported for the assessment year."""
    if last_year == year:
        return None
    return MissingReport(year, last_year, source, subject)


def compute_warnings(
    ind: dict, series: Series | None, judgement: Judgement, year: int, ratings: Sequence[dict] | None
) -> tuple[list[Alert], float | None]:
    """All warnings of one row and the value projected to the target year (none in the target year itself)."""
    if series is None:  # qualitative goal: only a missing rating can be flagged
        last = ratings[-1] if ratings else None
        alert = detect_missing_report(
            last["year"] if last else None, year, last.get("department") if last else None, "rating"
        )
        return ([alert] if alert else []), None
    alerts: list[Alert | None] = []
    projected = None
    if config.is_final_year(year):  # the plan is over: nothing to project, no 预计难以达标
        pass
    elif ind["kind"] == config.KIND_TARGET:
        miss, projected = detect_expected_miss(ind, series.years, series.values, judgement.status)
        alerts.append(miss)
    else:
        projected = project_value(series.years, series.values, ind["unit"])
    alerts.append(detect_fluctuation(series, ind["unit"]))
    last_year = series.years[-1] if series.years else None
    alerts.append(detect_missing_report(last_year, year, series.sources[-1] if series.sources else None))
    return [a for a in alerts if a is not None], projected

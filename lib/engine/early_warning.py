"""Early warnings (预警) of METHOD.md: 预计难以达标, 波动较大, 数据缺报.

Each warning carries one Chinese sentence naming the numbers behind it.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lib import config
from lib.engine.target_rules import gap_to_target, meets_target
from lib.presentation.formatting import format_difference, format_number, format_target, format_value

if TYPE_CHECKING:
    from lib.engine.progress import Judgement
    from lib.engine.series import Series


@dataclass(frozen=True)
class Alert:
    """One warning: label from config.WARNINGS, Chinese reason, severity (红色 / 黄色 / None)."""

    label: str
    reason: str
    severity: str | None = None


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
    reason = (
        f"按最近{n}个年度数值的平均变化推算，{config.TARGET_YEAR}年约为{format_value(projected, unit)}，"
        f"距目标{format_target(op, target, unit)}尚差{format_difference(miss, unit)}"
        f"（为剩余差距的{share * 100:.0f}%，{severity}预警）"
    )
    return Alert(config.WARN_MISS, reason, severity), projected


def count_note(series: Series) -> str:
    """The counts behind a rate, when the data has them: （分子1，分母2,300）."""
    num, den = series.numerators[-1], series.denominators[-1]
    if num is None or den is None:
        return ""
    return f"（计算依据：分子{format_number(num, 0)}，分母{format_number(den, 0)}，小数字比率易波动）"


def detect_fluctuation(series: Series, unit: str | None) -> Alert | None:
    """波动较大: the latest change exceeds twice the median earlier change (or 10 % with few years)."""
    years, values = series.years, series.values
    if len(values) < 2:
        return None
    changes = [b - a for a, b in zip(values, values[1:])]
    latest, earlier = changes[-1], [abs(c) for c in changes[:-1]]
    head = (
        f"{years[-1]}年为{format_value(values[-1], unit)}，较{years[-2]}年"
        f"变化{format_difference(latest, unit, signed=True)}"
    )
    if len(earlier) >= config.FLUCTUATION_MIN_EARLIER_CHANGES:
        median = statistics.median(earlier)
        if abs(latest) <= config.FLUCTUATION_MEDIAN_FACTOR * median:
            return None
        reason = (
            f"{head}，此前各年基本没有变化"
            if median == 0
            else f"{head}，超过此前年际变化幅度中位数{format_difference(median, unit)}"
            f"的{config.FLUCTUATION_MEDIAN_FACTOR:g}倍"
        )
    else:
        previous = abs(values[-2])
        relative = abs(latest) / previous if previous > 0 else (float("inf") if latest else 0.0)
        if relative <= config.FLUCTUATION_RELATIVE:
            return None
        limit = f"{config.FLUCTUATION_RELATIVE * 100:.0f}%"
        reason = (
            f"{head}，相对变化{relative * 100:.0f}%，超过{limit}"
            if previous > 0
            else f"{head}，上次为0，相对变化超过{limit}"
        )
    return Alert(config.WARN_FLUCTUATION, reason + count_note(series))


def detect_missing_report(last_year: int | None, year: int, source: str | None, what: str = "数据") -> Alert | None:
    """数据缺报: nothing reported for the assessment year."""
    if last_year == year:
        return None
    who = f"{source}" if source else "责任单位"
    since = f"，最近一次为{last_year}年" if last_year is not None else "，此前也没有记录"
    return Alert(config.WARN_MISSING, f"{year}年未收到{who}报送的{what}{since}")


def compute_warnings(
    ind: dict, series: Series | None, judgement: Judgement, year: int, ratings: Sequence[dict] | None
) -> tuple[list[Alert], float | None]:
    """All warnings of one row and the value projected to the target year (none in the target year itself)."""
    if series is None:  # qualitative goal: only a missing rating can be flagged
        last = ratings[-1] if ratings else None
        alert = detect_missing_report(
            last["year"] if last else None, year, last.get("department") if last else None, "年度评价"
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

"""Progress status of each indicator in an assessment year, as ../shared/guide/METHOD.md defines it.

Pure facts, no words: every judgement carries its status, the rule that decided it and the numbers
behind it; lib.presentation.explain turns them into the sentences a reader sees. `compute_statuses`
is the one engine entry point (lib.presentation.explain.explain_statuses words its frame for the
dashboard and the command line). The judgement of one series is plain Python over a handful of
floats (`judge_*`), so the whole plan (about a hundred indicators) is judged in a few milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from lib import config
from lib.engine.early_warning import compute_warnings
from lib.engine.series import Series, column, group_series, latest_ratings
from lib.engine.target_rules import band_edges, meets_target

STATUS_COLUMNS = [
    "indicator_id",
    "subgroup",
    "kind",
    "status",
    "rule",
    "base_year",
    "base_value",
    "latest_year",
    "latest_value",
    "target",
    "op",
    "actual_change",
    "required_change",
    "ratio",
    "method",
    "projected",
    "warnings",
    "warning_severity",
    "is_sample",
    "judgement",
    "alerts",
]

# Which rule decided a judgement (Judgement.rule); lib.presentation.explain words each one.
RULE_MET = "met"  # the latest value meets the target
RULE_REGRESSED_AFTER_MET = "regressed_after_met"  # met in the base year, no longer
RULE_FINAL = "final"  # final evaluation of a numeric target: share p of the required change
RULE_RATIO = "ratio"  # in progress: R = actual ÷ required annual change
RULE_DIRECTION = "direction"  # direction-only goal in progress: annual growth
RULE_DIRECTION_FINAL = "direction_final"  # direction-only goal in the target year: moved or held
RULE_NO_DATA = "no_data"  # no value from the base year to the assessment year
RULE_SINGLE_VALUE = "single_value"  # one value only
RULE_NO_TARGET = "no_target"  # the catalogue lacks the target or the comparator
RULE_RATING = "rating"  # qualitative goal: the lead department's rating
RULE_NO_RATING = "no_rating"  # qualitative goal without a rating yet


@dataclass(frozen=True)
class Judgement:
    """A status, the rule that decided it and the facts behind it (the presentation words them).

    year is the assessment year; unit, op and target the indicator's; goal_op and goal what progress is
    measured toward (a band's nearer edge, else the target); change_method how annual changes are measured
    (cagr / linear, where method says band / direction); moved and saturated decide a direction goal's final
    evaluation; narrative is the lead department's text beside its rating.
    """

    status: str
    rule: str
    year: int
    unit: str | None = None
    op: str | None = None
    target: float | None = None
    base_year: int | None = None
    base_value: float | None = None
    latest_year: int | None = None
    latest_value: float | None = None
    actual_change: float | None = None
    required_change: float | None = None
    ratio: float | None = None
    method: str | None = None
    change_method: str | None = None
    goal_op: str | None = None
    goal: float | None = None
    moved: bool | None = None
    saturated: bool | None = None
    narrative: str = ""

    @property
    def stands_in(self) -> bool:
        """An earlier year's value stands in for the assessment year."""
        return self.latest_year is not None and self.latest_year < self.year


def annual_change(start: float, end: float, years: int, method: str) -> float:
    """Average annual change: compound growth rate (cagr) or units per year (linear)."""
    if method == config.METHOD_CAGR:
        return (end / start) ** (1 / years) - 1
    return (end - start) / years


def status_from_thresholds(value: float, on_track: float, accelerate: float, limited: float) -> str:
    """按期可达 / 需加快 / 进展有限 / 倒退 from a measure of progress and its three thresholds."""
    if value >= on_track:
        return config.STATUS_ON_TRACK
    if value >= accelerate:
        return config.STATUS_ACCELERATE
    if value >= limited:
        return config.STATUS_LIMITED
    return config.STATUS_REGRESS


def status_from_ratio(ratio: float) -> str:
    """Status from R and the 0.95 / 0.6 / 0 thresholds."""
    return status_from_thresholds(ratio, config.R_ON_TRACK, config.R_ACCELERATE, config.R_LIMITED)


def window(series: Series, year: int) -> tuple[list[int], list[float]]:
    """Years and values from the base year (2020, else the first year after it) to `year`."""
    pairs = [(y, v) for y, v in zip(series.years, series.values) if config.BASE_YEAR <= y <= year]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def judge_target(
    series: Series, op: str, target: float, unit: str | None, year: int, tolerance: float | None = None
) -> Judgement:
    """Status of an indicator with a numeric target (rules 1–3 of METHOD.md; the final rules in the target year)."""
    years, values = window(series, year)
    given = dict(year=year, unit=unit, op=op, target=target)
    if values and meets_target(values[-1], op, target, unit, tolerance):
        ends = dict(base_year=years[0], base_value=values[0], latest_year=years[-1], latest_value=values[-1])
        return Judgement(config.STATUS_MET, RULE_MET, **given, **ends)
    if len(values) < 2:
        return insufficient(years, values, given)
    inputs = dict(given, base_year=years[0], base_value=values[0], latest_year=years[-1], latest_value=values[-1])
    if meets_target(values[0], op, target, unit, tolerance):
        return Judgement(config.STATUS_REGRESS, RULE_REGRESSED_AFTER_MET, **inputs)
    goal_op, goal = nearer_goal(op, target, unit, tolerance, values[0])
    inputs.update(goal_op=goal_op, goal=goal)
    return judge_final(inputs) if config.is_final_year(year) else judge_ratio(inputs)


def nearer_goal(op: str, target: float, unit: str | None, tolerance: float | None, base: float) -> tuple[str, float]:
    """The comparator and value progress is measured toward: a band's nearer edge, else the target."""
    if op not in config.BAND_OPS:
        return op, target
    low, high = band_edges(target, unit, tolerance)
    return (">=", low) if base < low else ("<=", high)


def final_status(share: float | None, gain: float) -> str:
    """基本达标 / 未达标 / 倒退 from p (or, with no required change, the sign of the change)."""
    if share is None:
        return config.STATUS_REGRESS if gain < 0 else config.STATUS_NOT_MET
    if share >= config.FINAL_NEARLY_MET:
        return config.STATUS_NEARLY_MET
    return config.STATUS_NOT_MET if share >= config.FINAL_NOT_MET else config.STATUS_REGRESS


def judge_final(inputs: dict) -> Judgement:
    """Final evaluation: p = (x_T − x_B) / (x* − x_B), toward the band's nearer edge; 0.9 and 0 thresholds."""
    x_b, x_y, goal_op, goal = (inputs[k] for k in ("base_value", "latest_value", "goal_op", "goal"))
    actual, required = x_y - x_b, goal - x_b
    share = actual / required + 0.0 if required != 0 else None  # + 0.0 turns -0.0 into 0.0
    sign = -1.0 if goal_op in config.LOWER_IS_BETTER_OPS else 1.0
    return Judgement(
        final_status(share, sign * actual),
        RULE_FINAL,
        **inputs,
        actual_change=actual,
        required_change=required,
        ratio=share,
        method=config.METHOD_FINAL,
    )


def judge_ratio(inputs: dict) -> Judgement:
    """Rule 3: R = actual ÷ required annual change, sign-adjusted; band toward its nearer edge."""
    b, x_b, y, x_y = (inputs[k] for k in ("base_year", "base_value", "latest_year", "latest_value"))
    goal_op, goal = inputs["goal_op"], inputs["goal"]
    method = config.METHOD_CAGR if min(x_b, x_y, goal) > 0 else config.METHOD_LINEAR
    a = annual_change(x_b, x_y, y - b, method)
    r = annual_change(x_b, goal, config.TARGET_YEAR - b, method)
    sign = -1.0 if goal_op in config.LOWER_IS_BETTER_OPS else 1.0
    ratio = sign * a / abs(r) + 0.0 if r != 0 else None  # + 0.0 turns -0.0 into 0.0
    gain = sign * a
    status = status_from_ratio(ratio if ratio is not None else (gain > 0) - (gain < 0))
    shown_method = config.METHOD_BAND if inputs["op"] in config.BAND_OPS else method
    return Judgement(
        status,
        RULE_RATIO,
        **inputs,
        actual_change=a,
        required_change=r,
        ratio=ratio,
        method=shown_method,
        change_method=method,
    )


def judge_direction(series: Series, op: str, unit: str | None, year: int) -> Judgement:
    """Direction-only goals (提高 / 降低): annual growth against 1.5 % / 0.5 % / 0.

    In the target year: 已实现 / 未实现.
    """
    years, values = window(series, year)
    given = dict(year=year, unit=unit, op=op)
    if len(values) < 2:
        return insufficient(years, values, given)
    if config.is_final_year(year):
        return judge_direction_final(series, op, unit, year)
    b, x_b, y, x_y = years[0], values[0], years[-1], values[-1]
    sign = -1.0 if op in config.LOWER_IS_BETTER_OPS else 1.0
    method = config.METHOD_CAGR if min(x_b, x_y) > 0 else config.METHOD_LINEAR
    a = annual_change(x_b, x_y, y - b, method)
    return Judgement(
        direction_status(sign * a, method, x_y, op, unit),
        RULE_DIRECTION,
        **given,
        base_year=b,
        base_value=x_b,
        latest_year=y,
        latest_value=x_y,
        actual_change=a,
        required_change=sign * config.DIRECTION_ON_TRACK if method == config.METHOD_CAGR else None,
        method=config.METHOD_DIRECTION,
        change_method=method,
    )


def is_saturated(latest: float, op: str, unit: str | None) -> bool:
    """A percentage at 99 % or more (higher is better), or a value at 0 (lower is better): nowhere left to go."""
    if op in config.HIGHER_IS_BETTER_OPS and unit == "%" and latest >= config.DIRECTION_SATURATED_PERCENT:
        return True
    return op in config.LOWER_IS_BETTER_OPS and latest <= 0


def direction_status(growth: float, method: str, latest: float, op: str, unit: str | None) -> str:
    """Status from the growth in the desired direction; saturated and zero floors count as on track."""
    if is_saturated(latest, op, unit):
        return config.STATUS_ON_TRACK
    if method == config.METHOD_LINEAR:  # from or to zero a growth rate means nothing: use the sign
        return (
            config.STATUS_ON_TRACK if growth > 0 else (config.STATUS_LIMITED if growth == 0 else config.STATUS_REGRESS)
        )
    return status_from_thresholds(
        growth, config.DIRECTION_ON_TRACK, config.DIRECTION_ACCELERATE, config.DIRECTION_LIMITED
    )


def reported_decimals(*values: float) -> int:
    """Decimals the values are reported with (62.0 → 0, 8.25 → 2), at most DIRECTION_MAX_DECIMALS."""

    def decimals(v: float) -> int:
        for d in range(config.DIRECTION_MAX_DECIMALS + 1):
            if abs(round(v, d) - v) < 1e-9:
                return d
        return config.DIRECTION_MAX_DECIMALS

    return max(decimals(v) for v in values)


def judge_direction_final(series: Series, op: str, unit: str | None, year: int) -> Judgement:
    """Final evaluation of a direction-only goal: 已实现 when the value moved the named way since the base year.

    A change smaller than the precision the values are reported with is no change; a percentage held
    at 99 % or more, or a lower-is-better value held at 0, is achieved (as in the in-progress rule).
    """
    years, values = window(series, year)
    b, x_b, y, x_y = years[0], values[0], years[-1], values[-1]
    sign = -1.0 if op in config.LOWER_IS_BETTER_OPS else 1.0
    moved = round(sign * (x_y - x_b), reported_decimals(x_b, x_y)) > 0
    saturated = is_saturated(x_y, op, unit)
    return Judgement(
        config.STATUS_ACHIEVED if moved or saturated else config.STATUS_NOT_ACHIEVED,
        RULE_DIRECTION_FINAL,
        year,
        unit,
        op,
        base_year=b,
        base_value=x_b,
        latest_year=y,
        latest_value=x_y,
        actual_change=x_y - x_b,
        method=config.METHOD_FINAL,
        moved=moved,
        saturated=saturated,
    )


def insufficient(years: Sequence[int], values: Sequence[float], given: dict) -> Judgement:
    """数据不足: fewer than two values between the base year and the assessment year."""
    if not values:
        return Judgement(config.STATUS_NO_DATA, RULE_NO_DATA, **given)
    first = dict(base_year=years[0], base_value=values[0], latest_year=years[0], latest_value=values[0])
    return Judgement(config.STATUS_NO_DATA, RULE_SINGLE_VALUE, **given, **first)


def judge_rating(ratings: Sequence[dict], year: int) -> Judgement:
    """Qualitative goals: the lead department's latest rating at or before the year."""
    if not ratings:
        return Judgement(config.STATUS_NO_DATA, RULE_NO_RATING, year, method=config.METHOD_RATING)
    last = ratings[-1]
    narrative = last["narrative"] if isinstance(last["narrative"], str) else ""
    return Judgement(
        str(last["rating"]),
        RULE_RATING,
        year,
        latest_year=int(last["year"]),
        method=config.METHOD_RATING,
        narrative=narrative,
    )


def judge_series(ind: dict, series: Series, year: int) -> Judgement:
    """Dispatch one numeric indicator to the target or direction judgement."""
    op, target, unit = ind["op"], ind["target"], ind["unit"]
    if ind["kind"] == config.KIND_DIRECTION or op in ("up", "down"):
        return judge_direction(series, op, unit, year)
    if target is None or op is None:
        return Judgement(config.STATUS_NO_DATA, RULE_NO_TARGET, year, unit, op)
    return judge_target(series, op, float(target), unit, year, ind.get("tolerance"))


def status_row(ind: dict, subgroup: str | None, judgement: Judgement, warnings: tuple, is_sample: bool) -> dict:
    """One output row in the column order of STATUS_COLUMNS."""
    alerts, projected = warnings
    severities = [a.severity for a in alerts if a.severity]
    severity = config.SEVERITY_RED if config.SEVERITY_RED in severities else (severities[0] if severities else None)
    return {
        "indicator_id": ind["indicator_id"],
        "subgroup": subgroup,
        "kind": ind["kind"],
        "status": judgement.status,
        "rule": judgement.rule,
        "base_year": judgement.base_year,
        "base_value": judgement.base_value,
        "latest_year": judgement.latest_year,
        "latest_value": judgement.latest_value,
        "target": ind["target"],
        "op": ind["op"],
        "actual_change": judgement.actual_change,
        "required_change": judgement.required_change,
        "ratio": judgement.ratio,
        "method": judgement.method,
        "projected": projected,
        "warnings": [a.label for a in alerts],
        "warning_severity": severity,
        "is_sample": is_sample,
        "judgement": judgement,
        "alerts": tuple(alerts),
    }


def indicator_rows(ind: dict, series_by_id: dict, ratings_by_id: dict, year: int) -> list[dict]:
    """The status rows of one indicator: the total first, then each subgroup with data."""
    if ind["kind"] == config.KIND_QUALITATIVE:
        ratings = ratings_by_id.get(ind["indicator_id"], [])
        judgement = judge_rating(ratings, year)
        alerts = compute_warnings(ind, None, judgement, year, ratings)
        return [status_row(ind, None, judgement, alerts, any(r["is_sample"] for r in ratings))]
    rows = []
    subgroups = {None: Series.empty(), **series_by_id.get(ind["indicator_id"], {})}
    for subgroup, series in subgroups.items():
        judgement = judge_series(ind, series, year)
        alerts = compute_warnings(ind, series, judgement, year, None)
        rows.append(status_row(ind, subgroup, judgement, alerts, series.is_sample))
    return rows


def compute_statuses(
    indicators: pd.DataFrame, observations: pd.DataFrame, assessments: pd.DataFrame, year: int
) -> pd.DataFrame:
    """One row per indicator and subgroup (null = total): status, rule, inputs, warnings and the objects behind them.

    The judgement and alerts columns hold the Judgement and the alerts of each row; the words are
    lib.presentation.explain's.
    """
    series_by_id = group_series(observations, year)
    ratings_by_id = latest_ratings(assessments, year)
    names = list(indicators.columns)
    rows = []
    for values in zip(*(column(indicators, n) for n in names)):
        ind = {"tolerance": None, **dict(zip(names, values))}
        rows += indicator_rows(ind, series_by_id, ratings_by_id, year)
    return finish_statuses(rows)


def finish_statuses(rows: list[dict]) -> pd.DataFrame:
    """The rows as a frame with stable dtypes, even when empty (one constructor call per column)."""
    data = {c: [r[c] for r in rows] for c in STATUS_COLUMNS}
    for col in ("base_year", "latest_year"):
        data[col] = pd.array(data[col], dtype="Int64")
    for col in ("base_value", "latest_value", "target", "actual_change", "required_change", "ratio", "projected"):
        data[col] = np.array([np.nan if v is None else v for v in data[col]], dtype="float64")
    data["is_sample"] = np.array(data["is_sample"], dtype=bool)
    return pd.DataFrame(data, columns=STATUS_COLUMNS)

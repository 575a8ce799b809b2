"""The final evaluation (Y = 2025) of METHOD.md, case by case; the mid-term keeps the in-progress method."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import config
from lib.engine import progress
from lib.engine.early_warning import compute_warnings
from lib.engine.progress import (
    compute_statuses,
    judge_direction,
    judge_target,
    reported_decimals,
)
from lib.engine.series import Series

T = config.TARGET_YEAR
FINAL_BETTER_FIRST = (config.STATUS_MET, config.STATUS_NEARLY_MET, config.STATUS_NOT_MET, config.STATUS_REGRESS)


def series(points: dict[int, float]) -> Series:
    return Series.of(list(points), list(points.values()))


def final(points: dict[int, float], op: str = ">=", goal: float = 85.0, unit: str | None = "%"):
    return judge_target(series(points), op, goal, unit, T)


# ------------------------------------------------------------------ numeric targets: each status and band
@pytest.mark.parametrize(
    ("points", "op", "goal", "unit", "status", "share"),
    [
        ({2020: 70.0, 2025: 86.0}, ">=", 85.0, "%", config.STATUS_MET, None),
        ({2020: 70.0, 2025: 84.0}, ">=", 85.0, "%", config.STATUS_NEARLY_MET, 14 / 15),  # 93 % of the way
        ({2020: 70.0, 2025: 83.5}, ">=", 85.0, "%", config.STATUS_NEARLY_MET, 0.9),  # exactly the 0.9 edge
        ({2020: 70.0, 2025: 83.0}, ">=", 85.0, "%", config.STATUS_NOT_MET, 13 / 15),
        ({2020: 70.0, 2025: 70.0}, ">=", 85.0, "%", config.STATUS_NOT_MET, 0.0),  # no change: 0 is still 未达标
        ({2020: 70.0, 2025: 68.0}, ">=", 85.0, "%", config.STATUS_REGRESS, -2 / 15),
        ({2020: 12.0, 2025: 8.5}, "<=", 8.2, "1/10万", config.STATUS_NEARLY_MET, 3.5 / 3.8),  # lower is better
        ({2020: 12.0, 2025: 10.0}, "<=", 8.2, "1/10万", config.STATUS_NOT_MET, 2.0 / 3.8),
        ({2020: 12.0, 2025: 13.0}, "<=", 8.2, "1/10万", config.STATUS_REGRESS, -1.0 / 3.8),
        ({2020: 40.0, 2025: 42.8}, "≈", 45.0, "%", config.STATUS_NEARLY_MET, 2.8 / 3.0),  # toward lower edge 43
        ({2020: 52.0, 2025: 49.0}, "≈", 45.0, "%", config.STATUS_NOT_MET, 3.0 / 5.0),  # toward upper edge 47
        ({2020: 52.0, 2025: 53.0}, "≈", 45.0, "%", config.STATUS_REGRESS, -1.0 / 5.0),
        ({2020: 96.0, 2025: 94.0}, ">=", 95.0, "%", config.STATUS_REGRESS, None),  # baseline met, final not
        ({2025: 70.0}, ">=", 85.0, "%", config.STATUS_NO_DATA, None),
        ({}, ">=", 85.0, "%", config.STATUS_NO_DATA, None),
    ],
)
def test_final_numeric_target_statuses(points, op, goal, unit, status, share):
    judged = final(points, op, goal, unit)
    assert judged.status == status
    assert judged.ratio == (None if share is None else pytest.approx(share))


def test_final_share_carries_values_target_and_rule():
    judged = final({2020: 70.0, 2025: 82.6})  # p = 12.6 / 15 = 0.84
    assert (judged.rule, judged.status, judged.ratio) == (
        progress.RULE_FINAL,
        config.STATUS_NOT_MET,
        pytest.approx(0.84),
    )
    assert (judged.base_value, judged.latest_value, judged.op, judged.target) == (70.0, 82.6, ">=", 85.0)
    assert (judged.goal_op, judged.goal, judged.year) == (">=", 85.0, T)


def test_final_band_measured_toward_nearer_edge():
    low = final({2020: 40.0, 2025: 42.8}, "≈", 45.0)
    high = final({2020: 52.0, 2025: 49.0}, "≈", 45.0)
    assert (low.goal_op, low.goal, high.goal_op, high.goal) == (">=", 43.0, "<=", 47.0)
    assert high.required_change == pytest.approx(-5.0)


def test_final_share_is_method_final_with_total_changes():
    judged = final({2020: 70.0, 2023: 75.0, 2025: 82.0})
    assert (judged.method, judged.actual_change, judged.required_change) == (config.METHOD_FINAL, 12.0, 15.0)


def test_final_baseline_met_then_lost_has_its_rule():
    assert final({2020: 96.0, 2025: 94.0}, ">=", 95.0).rule == progress.RULE_REGRESSED_AFTER_MET


# ------------------------------------------------------------------ a 2024 value standing in for 2025
def test_final_2024_value_stands_in_for_2025_and_says_so():
    judged = final({2020: 70.0, 2024: 84.0})
    assert (judged.status, judged.latest_year) == (config.STATUS_NEARLY_MET, 2024)
    assert judged.stands_in and judged.year == T


def test_final_2024_value_meeting_the_target_is_met_and_says_so():
    judged = final({2020: 70.0, 2024: 88.0})
    assert (judged.status, judged.latest_year) == (config.STATUS_MET, 2024)
    assert judged.stands_in and judged.rule == progress.RULE_MET


def test_final_value_of_2025_needs_no_stand_in():
    assert not final({2020: 70.0, 2024: 80.0, 2025: 84.0}).stands_in


# ------------------------------------------------------------------ direction-only goals
@pytest.mark.parametrize(
    ("points", "op", "unit", "status"),
    [
        ({2020: 50.0, 2025: 50.1}, "up", None, config.STATUS_ACHIEVED),  # moved one reported step
        ({2020: 50.0, 2025: 50.0}, "up", None, config.STATUS_NOT_ACHIEVED),
        ({2020: 50.0, 2025: 49.0}, "up", None, config.STATUS_NOT_ACHIEVED),
        ({2020: 30.0, 2025: 28.0}, "down", None, config.STATUS_ACHIEVED),
        ({2020: 30.0, 2025: 31.0}, "down", None, config.STATUS_NOT_ACHIEVED),
        ({2020: 0.0, 2025: 0.0}, "down", "人", config.STATUS_ACHIEVED),  # held at zero
        ({2020: 99.5, 2025: 99.5}, "up", "%", config.STATUS_ACHIEVED),  # held at the ceiling
        ({2025: 50.0}, "up", None, config.STATUS_NO_DATA),
    ],
)
def test_final_direction_statuses(points, op, unit, status):
    assert judge_direction(series(points), op, unit, T).status == status


@pytest.mark.parametrize(
    ("points", "op", "unit", "moved", "saturated"),
    [
        ({2020: 50.0, 2025: 50.1}, "up", None, True, False),
        ({2020: 30.0, 2025: 31.0}, "down", None, False, False),
        ({2020: 0.0, 2025: 0.0}, "down", "人", False, True),
        ({2020: 99.5, 2025: 99.5}, "up", "%", False, True),
    ],
)
def test_final_direction_says_whether_it_moved_or_held(points, op, unit, moved, saturated):
    judged = judge_direction(series(points), op, unit, T)
    assert (judged.rule, judged.method) == (progress.RULE_DIRECTION_FINAL, config.METHOD_FINAL)
    assert (judged.moved, judged.saturated) == (moved, saturated)


def test_final_direction_ignores_float_noise_below_reported_precision():
    assert judge_direction(series({2020: 0.3, 2025: 0.1 + 0.2}), "up", None, T).status == config.STATUS_NOT_ACHIEVED


def test_final_direction_2024_value_stands_in():
    judged = judge_direction(series({2020: 50.0, 2024: 53.0}), "up", None, T)
    assert judged.status == config.STATUS_ACHIEVED and judged.stands_in and judged.latest_year == 2024


@pytest.mark.parametrize(("values", "decimals"), [((62.0, 70.3), 1), ((8.25, 8.2), 2), ((3.0, 4.0), 0)])
def test_reported_decimals(values, decimals):
    assert reported_decimals(*values) == decimals


# ------------------------------------------------------------------ warnings: no projection in the target year
IND = {"indicator_id": "X", "kind": config.KIND_TARGET, "op": ">=", "target": 85.0, "unit": "%", "tolerance": None}


def test_no_projection_warning_in_target_year():
    points = series({2020: 70.0, 2021: 70.5, 2022: 71.0, 2023: 71.0, 2024: 71.5, 2025: 72.0})
    alerts, projected = compute_warnings(IND, points, judge_target(points, ">=", 85.0, "%", T), T, None)
    assert config.WARN_MISS not in [a.label for a in alerts] and projected is None


def test_projection_warning_still_in_2024():
    points = series({2020: 70.0, 2021: 70.5, 2022: 71.0, 2023: 71.0, 2024: 71.5})
    alerts, projected = compute_warnings(IND, points, judge_target(points, ">=", 85.0, "%", 2024), 2024, None)
    assert config.WARN_MISS in [a.label for a in alerts] and projected is not None


def test_missing_report_and_fluctuation_stay_in_target_year():
    points = series({2020: 70.0, 2021: 70.5, 2022: 71.0, 2023: 71.5, 2024: 80.0})
    alerts, _ = compute_warnings(IND, points, judge_target(points, ">=", 85.0, "%", T), T, None)
    assert [a.label for a in alerts] == [config.WARN_FLUCTUATION, config.WARN_MISSING]


# ------------------------------------------------------------------ the whole table, 2023 against 2025
INDICATORS = pd.DataFrame(
    [
        {"indicator_id": "T1", "kind": "target", "op": ">=", "target": 85.0, "unit": "%"},
        {"indicator_id": "D1", "kind": "direction", "op": "up", "target": None, "unit": None},
        {"indicator_id": "Q1", "kind": "qualitative", "op": None, "target": None, "unit": None},
    ]
)
OBS = pd.DataFrame(
    {
        "indicator_id": ["T1"] * 5 + ["D1"] * 5,
        "year": [2020, 2021, 2022, 2023, 2024] * 2,
        "subgroup": None,
        "value": [70.0, 72.0, 74.0, 78.0, 84.0, 50.0, 51.0, 52.0, 53.0, 54.0],
        "is_sample": False,
    }
)
ASSESS = pd.DataFrame(
    {
        "indicator_id": ["Q1"],
        "year": [2024],
        "rating": [config.RATING_GOOD],
        "narrative": [""],
        "department": ["区妇联"],
        "is_sample": [False],
    }
)


def test_compute_statuses_final_year_has_no_in_progress_status():
    out = compute_statuses(INDICATORS, OBS, ASSESS, T)
    assert out["status"].tolist() == [config.STATUS_NEARLY_MET, config.STATUS_ACHIEVED, config.RATING_GOOD]
    assert out["projected"].isna().all() and not out["status"].isin(config.IN_PROGRESS_STATUSES).any()
    assert out["latest_year"].tolist()[:2] == [2024, 2024]


def test_compute_statuses_midterm_keeps_in_progress_method():
    out = compute_statuses(INDICATORS, OBS, ASSESS, config.MIDTERM_YEAR)
    assert out["status"].tolist()[:2] == [config.STATUS_ACCELERATE, config.STATUS_ON_TRACK]  # R = 0.93
    assert (out["rule"].iloc[0], out["method"].iloc[0]) == (progress.RULE_RATIO, config.METHOD_CAGR)
    assert not out["status"].isin(config.FINAL_TARGET_STATUSES[1:3] + config.FINAL_DIRECTION_STATUSES).any()


def test_every_status_is_valid_for_its_year():
    for year in (config.MIDTERM_YEAR, T):
        assert set(compute_statuses(INDICATORS, OBS, ASSESS, year)["status"]) <= set(config.statuses_for_year(year))


# ------------------------------------------------------------------ property: a better final value never ranks worse
values = st.floats(min_value=0.0, max_value=100.0, allow_nan=False).map(lambda v: round(v, 1))


@settings(max_examples=300, deadline=None)
@given(
    base=values,
    latest=values,
    step=st.floats(min_value=0.1, max_value=50.0),
    op=st.sampled_from(["<=", "<", ">=", ">"]),
    goal=st.floats(min_value=1.0, max_value=99.0),
)
def test_final_improving_latest_never_worsens(base, latest, step, op, goal):
    better = max(0.0, latest - step) if op in config.LOWER_IS_BETTER_OPS else latest + step
    before = final({2020: base, T: latest}, op, goal).status
    after = final({2020: base, T: better}, op, goal).status
    if config.STATUS_NO_DATA not in (before, after):
        assert FINAL_BETTER_FIRST.index(after) <= FINAL_BETTER_FIRST.index(before)

"""Statuses of METHOD.md, computed by hand for small series."""

from __future__ import annotations

import ast
import math

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import config
from lib.engine import progress
from lib.engine.progress import (
    STATUS_COLUMNS,
    compute_statuses,
    judge_direction,
    judge_rating,
    judge_series,
    judge_target,
    status_from_ratio,
)
from lib.engine.series import Series

BETTER_FIRST = (
    config.STATUS_MET,
    config.STATUS_ON_TRACK,
    config.STATUS_ACCELERATE,
    config.STATUS_LIMITED,
    config.STATUS_REGRESS,
)


def series(points: dict[int, float]) -> Series:
    return Series.of(list(points), list(points.values()))


def target(points: dict[int, float], op: str = ">=", goal: float = 85.0, unit: str | None = "%", year: int = 2023):
    return judge_target(series(points), op, goal, unit, year)


# ------------------------------------------------------------------ rule 1 and 2
def test_judge_target_met_higher_is_better():
    assert target({2020: 80.0, 2023: 86.0}).status == config.STATUS_MET


def test_judge_target_met_lower_is_better():
    assert target({2020: 12.0, 2023: 8.0}, "<=", 8.2, "1/10万").status == config.STATUS_MET


def test_judge_target_value_zero_meets_lower_target():
    assert target({2020: 43.5, 2023: 0.0}, "<=", 8.2, "1/10万").status == config.STATUS_MET


def test_judge_target_strict_comparator_excludes_equal_value():
    assert target({2020: 80.0, 2023: 90.0}, ">", 90.0).status != config.STATUS_MET


def test_judge_target_met_at_baseline_and_still_met():
    judged = target({2020: 96.0, 2023: 97.0}, ">=", 95.0)
    assert (judged.status, judged.base_value, judged.latest_value) == (config.STATUS_MET, 96.0, 97.0)


def test_judge_target_single_point_met_is_met():
    assert target({2023: 90.0}).status == config.STATUS_MET


def test_judge_target_single_point_not_met_is_insufficient():
    judged = target({2023: 70.0})
    assert (judged.status, judged.rule) == (config.STATUS_NO_DATA, progress.RULE_SINGLE_VALUE)
    assert (judged.base_year, judged.base_value, judged.year) == (2023, 70.0, 2023)


def test_judge_target_no_values_is_insufficient():
    judged = target({})
    assert (judged.status, judged.rule, judged.base_year) == (config.STATUS_NO_DATA, progress.RULE_NO_DATA, None)


def test_judge_target_met_carries_rule_and_target():
    judged = target({2020: 80.0, 2023: 86.0})
    assert (judged.rule, judged.op, judged.target, judged.unit) == (progress.RULE_MET, ">=", 85.0, "%")
    assert (judged.latest_year, judged.latest_value, judged.stands_in) == (2023, 86.0, False)


def test_judge_target_earlier_value_stands_in():
    judged = target({2020: 70.0, 2022: 75.0}, year=2023)
    assert (judged.rule, judged.year, judged.latest_year, judged.stands_in) == (progress.RULE_RATIO, 2023, 2022, True)


def test_judge_target_ignores_years_before_base_year():
    assert target({2018: 60.0, 2019: 65.0, 2023: 70.0}).status == config.STATUS_NO_DATA


# ------------------------------------------------------------------ rule 3: R
def test_judge_target_on_track_cagr():
    judged = target({2020: 70.0, 2023: 80.0})  # a = (80/70)^(1/3)-1, r = (85/70)^(1/5)-1
    assert judged.status == config.STATUS_ON_TRACK
    assert judged.ratio == pytest.approx(1.1495, abs=1e-4)
    assert judged.method == config.METHOD_CAGR
    assert (judged.rule, judged.change_method, judged.goal_op, judged.goal) == (
        progress.RULE_RATIO,
        config.METHOD_CAGR,
        ">=",
        85.0,
    )
    assert judged.actual_change == pytest.approx((80 / 70) ** (1 / 3) - 1)
    assert judged.required_change == pytest.approx((85 / 70) ** (1 / 5) - 1)


def test_judge_target_needs_acceleration():
    judged = target({2020: 70.0, 2023: 76.0})
    assert (judged.status, round(judged.ratio, 4)) == (config.STATUS_ACCELERATE, 0.7019)


def test_judge_target_limited_progress():
    judged = target({2020: 70.0, 2023: 72.0})
    assert (judged.status, round(judged.ratio, 4)) == (config.STATUS_LIMITED, 0.2383)


def test_judge_target_deterioration_negative_ratio():
    judged = target({2020: 70.0, 2023: 68.0})
    assert (judged.status, round(judged.ratio, 4)) == (config.STATUS_REGRESS, -0.2429)


def test_judge_target_lower_is_better_sign_flipped():
    judged = target({2020: 12.0, 2023: 10.0}, "<=", 8.2, "1/10万")  # -a / |r| = 0.0590 / 0.0734
    assert (judged.status, round(judged.ratio, 4)) == (config.STATUS_ACCELERATE, 0.8041)


def test_judge_target_baseline_met_then_lost_is_regress():
    judged = target({2020: 96.0, 2023: 94.0}, ">=", 95.0)
    assert judged.status == config.STATUS_REGRESS
    assert judged.ratio is None
    assert (judged.rule, judged.base_value, judged.latest_value) == (progress.RULE_REGRESSED_AFTER_MET, 96.0, 94.0)


def test_judge_target_linear_when_baseline_is_zero():
    judged = target({2020: 0.0, 2023: 30.0}, ">=", 50.0)  # a = 30/3 = 10, r = 50/5 = 10
    assert (judged.method, judged.ratio, judged.status) == (config.METHOD_LINEAR, 1.0, config.STATUS_ON_TRACK)
    assert (judged.change_method, judged.actual_change, judged.required_change) == (config.METHOD_LINEAR, 10.0, 10.0)


def test_judge_target_linear_zero_change_is_limited():
    judged = target({2020: 0.0, 2023: 0.0}, ">=", 1.0, "所")
    assert (judged.method, judged.ratio, judged.status) == (config.METHOD_LINEAR, 0.0, config.STATUS_LIMITED)


def test_judge_target_missing_base_year_uses_next_year():
    judged = target({2021: 70.0, 2023: 80.0})  # a over 2 years, r over 4 years
    assert (judged.base_year, round(judged.ratio, 4)) == (2021, 1.3882)


def test_judge_target_latest_value_before_assessment_year():
    judged = target({2020: 70.0, 2022: 75.0}, year=2024)
    assert (judged.latest_year, judged.latest_value) == (2022, 75.0)


# ------------------------------------------------------------------ bands (左右)
def test_judge_target_band_inside_is_met():
    assert target({2020: 40.0, 2023: 43.5}, "≈", 45.0).status == config.STATUS_MET


def test_judge_target_band_from_below_uses_lower_edge():
    judged = target({2020: 40.0, 2023: 42.0}, "≈", 45.0)  # toward 43 = 45 - 2
    assert (judged.method, round(judged.ratio, 4)) == (config.METHOD_BAND, 1.1254)
    assert (judged.goal_op, judged.goal, judged.change_method) == (">=", 43.0, config.METHOD_CAGR)


def test_judge_target_band_from_above_uses_upper_edge():
    judged = target({2020: 52.0, 2023: 51.0}, "≈", 45.0)  # toward 47 = 45 + 2
    assert (judged.status, round(judged.ratio, 4)) == (config.STATUS_LIMITED, 0.3223)
    assert (judged.goal_op, judged.goal) == ("<=", 47.0)


def test_judge_target_band_left_is_regress():
    assert target({2020: 45.0, 2023: 49.0}, "≈", 45.0).status == config.STATUS_REGRESS


def test_judge_target_band_relative_tolerance_for_other_units():
    assert target({2020: 1.0, 2023: 1.55}, "≈", 1.5, "比例").status == config.STATUS_MET  # ±5 %: 1.425–1.575


# ------------------------------------------------------------------ direction-only
@pytest.mark.parametrize(
    ("latest", "expected"),
    [
        (53.0, config.STATUS_ON_TRACK),
        (51.0, config.STATUS_ACCELERATE),
        (50.3, config.STATUS_LIMITED),
        (49.0, config.STATUS_REGRESS),
    ],
)
def test_judge_direction_thresholds_up(latest, expected):
    assert judge_direction(series({2020: 50.0, 2023: latest}), "up", None, 2023).status == expected


def test_judge_direction_down_lower_is_better():
    judged = judge_direction(series({2020: 30.0, 2023: 28.0}), "down", None, 2023)
    assert (judged.status, round(judged.actual_change, 4)) == (config.STATUS_ON_TRACK, -0.0227)
    assert (judged.rule, judged.method, judged.change_method, judged.op) == (
        progress.RULE_DIRECTION,
        config.METHOD_DIRECTION,
        config.METHOD_CAGR,
        "down",
    )
    assert judged.required_change == -config.DIRECTION_ON_TRACK


def test_judge_direction_saturated_percentage_on_track():
    judged = judge_direction(series({2020: 99.2, 2023: 99.1}), "up", "%", 2023)
    assert judged.status == config.STATUS_ON_TRACK


def test_judge_direction_down_at_zero_on_track():
    assert judge_direction(series({2020: 0.0, 2023: 0.0}), "down", None, 2023).status == config.STATUS_ON_TRACK


def test_judge_direction_up_from_zero_uses_sign():
    judged = judge_direction(series({2020: 0.0, 2023: 2.0}), "up", "人", 2023)
    assert judged.status == config.STATUS_ON_TRACK
    assert (judged.change_method, judged.required_change) == (config.METHOD_LINEAR, None)


def test_judge_direction_single_point_insufficient():
    judged = judge_direction(series({2023: 50.0}), "up", None, 2023)
    assert (judged.status, judged.rule) == (config.STATUS_NO_DATA, progress.RULE_SINGLE_VALUE)


# ------------------------------------------------------------------ qualitative
RATINGS = [
    {"year": 2022, "rating": config.RATING_SLOW, "narrative": "开展讲座12场。"},
    {"year": 2024, "rating": config.RATING_GOOD, "narrative": None},
]


def test_judge_rating_latest_rating():
    judged = judge_rating(RATINGS, 2024)
    assert (judged.status, judged.latest_year, judged.method) == (config.RATING_GOOD, 2024, config.METHOD_RATING)
    assert (judged.rule, judged.narrative) == (progress.RULE_RATING, "")


def test_judge_rating_carries_narrative():
    judged = judge_rating(RATINGS[:1], 2023)
    assert (judged.rule, judged.status, judged.narrative) == (
        progress.RULE_RATING,
        config.RATING_SLOW,
        "开展讲座12场。",
    )


def test_judge_rating_none_is_insufficient():
    judged = judge_rating([], 2023)
    assert (judged.status, judged.rule, judged.year) == (config.STATUS_NO_DATA, progress.RULE_NO_RATING, 2023)


def test_judge_series_without_target_says_which_rule():
    ind = {"kind": "target", "op": ">=", "target": None, "unit": "%"}
    judged = judge_series(ind, series({2020: 70.0, 2023: 80.0}), 2023)
    assert (judged.status, judged.rule) == (config.STATUS_NO_DATA, progress.RULE_NO_TARGET)


def test_status_from_ratio_thresholds():
    assert [status_from_ratio(r) for r in (0.95, 0.6, 0.0, -0.01)] == list(BETTER_FIRST[1:])


# ------------------------------------------------------------------ compute_statuses
INDICATORS = pd.DataFrame(
    [
        {
            "indicator_id": "A1-G02-1",
            "kind": "target",
            "op": "<=",
            "target": 8.2,
            "unit": "1/10万",
            "name": "孕产妇死亡率",
        },
        {"indicator_id": "A1-G03-1", "kind": "target", "op": ">=", "target": 85.0, "unit": "%", "name": "筛查率"},
        {"indicator_id": "A1-G01-1", "kind": "direction", "op": "up", "target": None, "unit": None, "name": "寿命"},
        {"indicator_id": "A1-G06-1", "kind": "qualitative", "op": None, "target": None, "unit": None, "name": "素养"},
    ]
)


def obs(rows: list[tuple]) -> pd.DataFrame:
    cols = ["indicator_id", "year", "subgroup", "value", "region", "is_sample"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


OBS = obs(
    [
        ("A1-G03-1", 2020, None, 70.0, "博山区", False),
        ("A1-G03-1", 2023, None, 80.0, "博山区", True),
        ("A1-G03-1", 2020, "农村", 60.0, "博山区", False),
        ("A1-G03-1", 2023, "农村", 61.0, "博山区", False),
        ("A1-G02-1", 2020, None, 12.0, "全国", False),
        ("A1-G02-1", 2023, None, 5.0, "全国", False),
    ]
)
ASSESS = pd.DataFrame(
    {
        "indicator_id": ["A1-G06-1"],
        "year": [2022],
        "rating": [config.RATING_SLOW],
        "narrative": ["开展讲座"],
        "department": ["区卫生健康局"],
        "is_sample": [True],
    }
)


def test_compute_statuses_columns_and_one_row_per_subgroup():
    out = compute_statuses(INDICATORS, OBS, ASSESS, 2023)
    assert list(out.columns) == STATUS_COLUMNS and "explanation" not in out and "reason" not in out
    rows = out[out["indicator_id"] == "A1-G03-1"]
    assert rows["subgroup"].tolist()[1:] == ["农村"] and pd.isna(rows["subgroup"].iloc[0])


def test_compute_statuses_subgroup_judged_on_its_own():
    out = compute_statuses(INDICATORS, OBS, ASSESS, 2023).set_index(["indicator_id", "subgroup"], drop=False)
    rural = out[(out["indicator_id"] == "A1-G03-1") & (out["subgroup"] == "农村")].iloc[0]
    assert rural["status"] == config.STATUS_LIMITED


def test_compute_statuses_ignores_other_regions():
    out = compute_statuses(INDICATORS, OBS, ASSESS, 2023)
    assert out.loc[out["indicator_id"] == "A1-G02-1", "status"].item() == config.STATUS_NO_DATA


def test_compute_statuses_is_sample_when_any_value_is():
    out = compute_statuses(INDICATORS, OBS, ASSESS, 2023)
    assert out["is_sample"].tolist() == [False, True, False, False, True]


def test_compute_statuses_qualitative_rating():
    out = compute_statuses(INDICATORS, OBS, ASSESS, 2023)
    assert out.loc[out["indicator_id"] == "A1-G06-1", "status"].item() == config.RATING_SLOW


def test_compute_statuses_rows_carry_their_judgement_and_alerts():
    out = compute_statuses(INDICATORS, OBS, ASSESS, 2023)
    assert out["rule"].tolist() == [j.rule for j in out["judgement"]]
    assert out["status"].tolist() == [j.status for j in out["judgement"]]
    assert out["warnings"].tolist() == [[a.label for a in alerts] for alerts in out["alerts"]]
    assert out.loc[out["indicator_id"] == "A1-G02-1", "rule"].item() == progress.RULE_NO_DATA


def test_compute_statuses_later_duplicate_wins():
    dup = pd.concat([OBS, obs([("A1-G03-1", 2023, None, 90.0, "博山区", False)])], ignore_index=True)
    out = compute_statuses(INDICATORS, dup, ASSESS, 2023)
    assert out["status"].iloc[1] == config.STATUS_MET


def test_compute_statuses_empty_tables_give_insufficient_rows():
    out = compute_statuses(INDICATORS, pd.DataFrame(), pd.DataFrame(), 2023)
    assert out["status"].tolist() == [config.STATUS_NO_DATA] * 4
    assert all(config.WARN_MISSING in w for w in out["warnings"])


def test_compute_statuses_does_not_mutate_inputs():
    before = (INDICATORS.copy(), OBS.copy(), ASSESS.copy())
    compute_statuses(INDICATORS, OBS, ASSESS, 2023)
    for frame, copy in zip((INDICATORS, OBS, ASSESS), before):
        pd.testing.assert_frame_equal(frame, copy)


# ------------------------------------------------------------------ properties
def rank(status: str) -> int:
    return BETTER_FIRST.index(status)


values = st.floats(min_value=0.0, max_value=100.0, allow_nan=False).map(lambda v: round(v, 1))


@settings(max_examples=300, deadline=None)
@given(
    base=values,
    latest=values,
    step=st.floats(min_value=0.1, max_value=50.0),
    op=st.sampled_from(["<=", "<", ">=", ">", "≈"]),
    goal=st.floats(min_value=1.0, max_value=99.0),
    year=st.integers(min_value=2021, max_value=2024),
)
def test_judge_target_improving_latest_never_worsens(base, latest, step, op, goal, year):
    if op == "≈":
        better = latest + step if latest < goal else max(goal, latest - step)
        better = min(better, goal) if latest < goal else better
    elif op in config.LOWER_IS_BETTER_OPS:
        better = max(0.0, latest - step)
    else:
        better = latest + step
    before = judge_target(series({2020: base, year: latest}), op, goal, "%", year).status
    after = judge_target(series({2020: base, year: better}), op, goal, "%", year).status
    assert rank(after) <= rank(before)


@settings(max_examples=200, deadline=None)
@given(
    base=st.floats(min_value=0.0, max_value=200.0),
    latest=st.floats(min_value=0.0, max_value=200.0),
    step=st.floats(min_value=0.01, max_value=50.0),
    op=st.sampled_from(["up", "down"]),
)
def test_judge_direction_improving_latest_never_worsens(base, latest, step, op):
    better = latest + step if op == "up" else max(0.0, latest - step)
    before = judge_direction(series({2020: base, 2023: latest}), op, None, 2023).status
    after = judge_direction(series({2020: base, 2023: better}), op, None, 2023).status
    assert rank(after) <= rank(before) or math.isclose(latest, better)


def test_compute_statuses_band_tolerance_per_indicator():
    band = pd.DataFrame(
        [{"indicator_id": "A3-G02-1", "kind": "target", "op": "≈", "target": 45.0, "unit": "%", "tolerance": 1.0}]
    )
    points = obs([("A3-G02-1", 2020, None, 40.0, "博山区", False), ("A3-G02-1", 2023, None, 43.5, "博山区", False)])
    assert compute_statuses(band, points, ASSESS, 2023)["status"].item() != config.STATUS_MET


# ------------------------------------------------------------------ layers: the engine holds facts, no words
ENGINE = config.ROOT / "lib" / "engine"


@pytest.mark.parametrize("path", sorted(ENGINE.glob("*.py")), ids=lambda p: p.name)
def test_engine_module_imports_no_presentation_ui_or_outputs(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    names += [f"{n.module}.{a.name}" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names]
    assert not [n for n in names if n.startswith(("lib.presentation", "lib.ui", "lib.outputs", "streamlit"))]

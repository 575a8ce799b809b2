"""Early warnings of METHOD.md, computed by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lib import config
from lib.engine.early_warning import (
    ExpectedMiss,
    MissingReport,
    compute_warnings,
    detect_expected_miss,
    detect_fluctuation,
    detect_missing_report,
    project_value,
)
from lib.engine.progress import judge_target
from lib.engine.series import Series

SCREENING = {"indicator_id": "A1-G03-1", "kind": "target", "op": ">=", "target": 85.0, "unit": "%"}
MMR = {"indicator_id": "A1-G02-1", "kind": "target", "op": "<=", "target": 8.2, "unit": "1/10万"}


def miss(ind: dict, points: dict[int, float], status: str = config.STATUS_ACCELERATE):
    return detect_expected_miss(ind, list(points), list(points.values()), status)


# ------------------------------------------------------------------ projection
def test_project_value_average_change_of_last_five_values():
    years, values = [2019, 2020, 2021, 2022, 2023, 2024], [10.0, 70.0, 72.0, 74.0, 76.0, 78.0]
    assert project_value(years, values, "%") == 80.0  # 2019 is outside the five-value window


def test_project_value_single_value_is_none():
    assert project_value([2023], [70.0], "%") is None


def test_project_value_percentage_capped_at_100():
    assert project_value([2020, 2023], [90.0, 99.0], "%") == 100.0


def test_project_value_never_below_zero():
    assert project_value([2020, 2023], [30.0, 10.0], "1/10万") == 0.0


# ------------------------------------------------------------------ 预计难以达标
def test_detect_expected_miss_red_with_numbers_in_reason():
    alert, projected = miss(SCREENING, {2020: 70.0, 2021: 72.0, 2022: 74.0, 2023: 76.0})
    assert projected == 80.0  # 76 + 2 × 2; miss 5 of a remaining gap of 9 = 56 %
    assert (alert.label, alert.severity) == (config.WARN_MISS, config.SEVERITY_RED)
    assert (alert.projected, alert.window, alert.op, alert.target, alert.unit) == (80.0, 4, ">=", 85.0, "%")
    assert (alert.miss, alert.share) == (pytest.approx(5.0), pytest.approx(5 / 9))


def test_detect_expected_miss_yellow_between_5_and_20_percent():
    alert, _ = miss(SCREENING, {2020: 80.0, 2023: 82.9})  # 84.83: miss 0.17 of a gap of 2.1 = 8 %
    assert alert.severity == config.SEVERITY_YELLOW
    assert (alert.window, alert.share) == (2, pytest.approx((85.0 - (82.9 + 2.9 / 3 * 2)) / 2.1))


def test_detect_expected_miss_below_5_percent_no_warning():
    alert, _ = miss(SCREENING, {2020: 80.0, 2023: 82.97})  # 84.95: miss 0.05 of 2.03 = 2.5 %
    assert alert is None


def test_detect_expected_miss_projection_meets_target_no_warning():
    assert miss(SCREENING, {2020: 70.0, 2023: 82.0})[0] is None


def test_detect_expected_miss_met_indicator_no_warning():
    assert miss(SCREENING, {2020: 90.0, 2023: 86.0}, config.STATUS_MET)[0] is None


def test_detect_expected_miss_lower_is_better():
    alert, projected = miss(MMR, {2020: 43.5, 2021: 0.0, 2022: 0.0, 2023: 43.5}, config.STATUS_LIMITED)
    assert projected == 43.5 and alert.severity == config.SEVERITY_RED
    assert (alert.op, alert.target, alert.miss, alert.share) == ("<=", 8.2, pytest.approx(35.3), 1.0)


def test_detect_expected_miss_final_year_not_met_is_red():
    alert, projected = miss(SCREENING, {2020: 70.0, 2025: 84.0})
    assert projected == 84.0 and alert.severity == config.SEVERITY_RED


def test_detect_expected_miss_band_measured_to_nearer_edge():
    band = {**SCREENING, "op": "≈", "target": 45.0}
    alert, _ = miss(band, {2020: 38.0, 2023: 39.5})  # 40.5 projected; edge 43: miss 2.5 of gap 3.5
    assert alert.severity == config.SEVERITY_RED and alert.miss == pytest.approx(2.5)
    assert (alert.op, alert.target, alert.share) == ("≈", 45.0, pytest.approx(2.5 / 3.5))


# ------------------------------------------------------------------ 波动较大
def test_detect_fluctuation_twice_the_median_change():
    alert = detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [10, 11, 12, 13, 17]), "%")
    assert alert.label == config.WARN_FLUCTUATION and alert.severity is None
    assert (alert.rule, alert.change, alert.median_change, alert.limit) == ("median", 4, 1.0, 2.0)
    assert (alert.year, alert.value, alert.previous_year, alert.unit) == (2024, 17, 2023, "%")


def test_detect_fluctuation_exactly_twice_no_warning():
    assert detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [10, 11, 12, 13, 15]), "%") is None


def test_detect_fluctuation_few_years_relative_change():
    alert = detect_fluctuation(Series.of([2020, 2021], [10.0, 11.5]), "%")
    assert (alert.rule, alert.relative_change, alert.limit) == ("relative", pytest.approx(0.15), 0.1)


def test_detect_fluctuation_few_years_small_change_no_warning():
    assert detect_fluctuation(Series.of([2020, 2021], [10.0, 10.5]), "%") is None


def test_detect_fluctuation_from_zero_shows_counts():
    rate = Series.of([2022, 2023], [0.0, 43.5], numerators=[0, 1], denominators=[2300, 2300])
    alert = detect_fluctuation(rate, "1/10万")
    assert (alert.rule, alert.numerator, alert.denominator) == ("from_zero", 1, 2300)


def test_detect_fluctuation_single_value_no_warning():
    assert detect_fluctuation(Series.of([2023], [40.0]), "%") is None


# ------------------------------------------------------------------ 数据缺报
def test_detect_missing_report_names_department_and_last_year():
    alert = detect_missing_report(2024, 2025, "区卫生健康局")
    assert alert == MissingReport(year=2025, last_year=2024, source="区卫生健康局", subject="data")
    assert (alert.label, alert.severity) == (config.WARN_MISSING, None)


def test_detect_missing_report_reported_no_warning():
    assert detect_missing_report(2025, 2025, "区卫生健康局") is None


def test_detect_missing_report_never_reported():
    assert detect_missing_report(None, 2023, None) == MissingReport(2023, None, None, "data")


def test_compute_warnings_qualitative_missing_rating():
    ratings = [{"year": 2023, "rating": config.RATING_GOOD, "department": "区妇联"}]
    alerts, projected = compute_warnings({"kind": "qualitative"}, None, None, 2024, ratings)
    assert [a.label for a in alerts] == [config.WARN_MISSING] and projected is None
    assert alerts[0] == MissingReport(2024, 2023, "区妇联", "rating")


def test_compute_warnings_several_at_once():
    points = Series.of([2020, 2021, 2022, 2023], [43.5, 0.0, 0.0, 43.5], sources=["区卫生健康局"] * 4)
    judged = judge_target(points, "<=", 8.2, "1/10万", 2024)
    alerts, _ = compute_warnings(MMR, points, judged, 2024, None)
    assert [a.label for a in alerts] == [config.WARN_MISS, config.WARN_FLUCTUATION, config.WARN_MISSING]
    assert isinstance(alerts[0], ExpectedMiss) and alerts[2].source == "区卫生健康局"


# ------------------------------------------------------------------ property
@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(min_value=0.0, max_value=1000.0, allow_nan=False), min_size=1, max_size=6))
def test_detect_fluctuation_repeating_last_value_never_warns(values):
    years = list(range(2025 - len(values), 2025))
    repeated = Series.of(years + [2025], values + [values[-1]])
    assert detect_fluctuation(repeated, "%") is None


def test_detect_fluctuation_after_flat_years_says_so_not_median_zero():
    alert = detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [90, 90, 90, 90, 95]), "%")
    assert (alert.rule, alert.median_change, alert.change) == ("flat", 0, 5)

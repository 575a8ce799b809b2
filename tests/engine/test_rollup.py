"""Roll-ups: status counts, 达标率 and worst indicators per area, department and overall."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from lib import config
from lib.engine.rollup import ROLLUP_COLUMNS, compute_rollup

INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["A1-G01-1", "A1-G01-2", "A1-G02-1", "A1-M01-1", "A2-G01-1", "A2-G02-1"],
        "area_id": ["A1", "A1", "A1", "A1", "A2", "A2"],
        "goal_id": ["A1-G01", "A1-G01", "A1-G02", None, "A2-G01", "A2-G02"],
    }
)
GOALS = pd.DataFrame(
    {
        "goal_id": ["A1-G01", "A1-G02", "A2-G01", "A2-G02"],
        "lead_units": [["区卫生健康局"], ["区卫生健康局", "区妇联"], ["区教育和体育局"], ["区教育和体育局"]],
        "responsible_units": [["区妇联"], [], [], ["区妇联"]],
    }
)


def statuses(rows: list[tuple]) -> pd.DataFrame:
    cols = ["indicator_id", "subgroup", "kind", "status", "warnings", "warning_severity"]
    return pd.DataFrame([dict(zip(cols, r)) for r in rows], columns=cols)


STATUSES = statuses(
    [
        ("A1-G01-1", None, "target", config.STATUS_MET, [], None),
        ("A1-G01-1", "农村", "target", config.STATUS_REGRESS, [config.WARN_MISS], config.SEVERITY_RED),
        ("A1-G01-2", None, "target", config.STATUS_ACCELERATE, [config.WARN_MISS], config.SEVERITY_RED),
        ("A1-G02-1", None, "target", config.STATUS_NO_DATA, [config.WARN_MISSING], None),
        ("A1-M01-1", None, "direction", config.STATUS_REGRESS, [], None),
        ("A2-G01-1", None, "target", config.STATUS_ACCELERATE, [], None),
        ("A2-G02-1", None, "qualitative", config.RATING_GOOD, [], None),
    ]
)


def by(kind: str) -> pd.DataFrame:
    return compute_rollup(STATUSES, INDICATORS, GOALS, kind).set_index("group")


def test_compute_rollup_columns():
    assert list(compute_rollup(STATUSES, INDICATORS, GOALS, "area").columns) == ROLLUP_COLUMNS


def test_compute_rollup_area_counts_total_rows_only():
    area = by("area")
    assert area.loc["A1", "n_indicators"] == 4 and area.loc["A1", config.STATUS_REGRESS] == 1


def test_compute_rollup_achievement_rate_excludes_no_data_and_direction():
    area = by("area")
    assert (area.loc["A1", "n_met"], area.loc["A1", "n_target_with_data"]) == (1, 2)
    assert area.loc["A1", "achievement_rate"] == 0.5


def test_compute_rollup_achievement_rate_nan_without_targets():
    only_qual = STATUSES[STATUSES["kind"] == "qualitative"]
    area = compute_rollup(only_qual, INDICATORS, GOALS, "area").set_index("group")
    assert math.isnan(area.loc["A2", "achievement_rate"])


def test_compute_rollup_warning_counts():
    area = by("area")
    assert (area.loc["A1", "n_warnings"], area.loc["A1", config.WARN_MISS], area.loc["A1", config.WARN_MISSING]) == (
        2,
        1,
        1,
    )


def test_compute_rollup_worst_ordered_by_concern():
    assert by("area").loc["A1", "worst"] == ["A1-M01-1", "A1-G01-2", "A1-G02-1"]


def test_compute_rollup_worst_listed_per_group():
    assert by("responsible").loc["区妇联", "worst"] == ["A1-G01-2"] and by("area").loc["A2", "worst"] == ["A2-G01-1"]


def test_compute_rollup_lead_counts_each_lead_department():
    lead = by("lead")
    assert lead.loc["区卫生健康局", "n_indicators"] == 3 and lead.loc["区妇联", "n_indicators"] == 1


def test_compute_rollup_indicator_without_department_grouped_last():
    lead = compute_rollup(STATUSES, INDICATORS, GOALS, "lead")
    assert lead["group"].iloc[-1] == config.NO_DEPARTMENT_LABEL
    assert lead.set_index("group").loc[config.NO_DEPARTMENT_LABEL, "n_indicators"] == 1


def test_compute_rollup_responsible_empty_list_is_no_department():
    resp = by("responsible")
    assert resp.loc["区妇联", "n_indicators"] == 3 and resp.loc[config.NO_DEPARTMENT_LABEL, "n_indicators"] == 3


def test_compute_rollup_overall_one_row():
    overall = by("overall")
    assert overall.index.tolist() == [config.OVERALL_LABEL]
    assert overall.loc[config.OVERALL_LABEL, "achievement_rate"] == pytest.approx(1 / 3)


def test_compute_rollup_unknown_kind_raises_in_chinese():
    with pytest.raises(ValueError, match="汇总方式"):
        compute_rollup(STATUSES, INDICATORS, GOALS, "town")


def test_compute_rollup_empty_statuses_gives_zero_counts():
    indicators = pd.DataFrame({"indicator_id": ["X1"], "area_id": ["A1"], "goal_id": ["A1-G01"], "kind": ["target"]})
    goals = pd.DataFrame({"goal_id": ["A1-G01"], "lead_units": [["区妇联"]], "responsible_units": [[]]})
    statuses = pd.DataFrame(columns=["indicator_id", "subgroup", "kind", "status", "warnings", "warning_severity"])
    for by in ("area", "lead", "overall"):
        assert compute_rollup(statuses, indicators, goals, by).empty


# ------------------------------------------------------------------ final evaluation: 基本达标 beside 达标率
FINAL = statuses(
    [
        ("A1-G01-1", None, "target", config.STATUS_MET, [], None),
        ("A1-G01-2", None, "target", config.STATUS_NEARLY_MET, [], None),
        ("A1-G02-1", None, "target", config.STATUS_NOT_MET, [config.WARN_MISSING], None),
        ("A1-M01-1", None, "direction", config.STATUS_NOT_ACHIEVED, [], None),
        ("A2-G01-1", None, "target", config.STATUS_NO_DATA, [], None),
        ("A2-G02-1", None, "qualitative", config.RATING_DONE, [], None),
    ]
)


def test_compute_rollup_final_nearly_met_beside_achievement_rate_never_folded_in():
    overall = compute_rollup(FINAL, INDICATORS, GOALS, "overall").iloc[0]
    assert (overall["n_met"], overall["n_nearly_met"], overall["n_target_with_data"]) == (1, 1, 3)
    assert overall["achievement_rate"] == pytest.approx(1 / 3)
    assert overall["nearly_met_rate"] == pytest.approx(1 / 3)
    assert overall[config.STATUS_NEARLY_MET] == 1 and overall[config.STATUS_NOT_ACHIEVED] == 1


def test_compute_rollup_final_worst_follows_the_one_status_order():
    assert by_final("area").loc["A1", "worst"] == ["A1-G02-1", "A1-M01-1"]  # 未达标 before 未实现


def by_final(kind: str) -> pd.DataFrame:
    return compute_rollup(FINAL, INDICATORS, GOALS, kind).set_index("group")


def test_status_order_covers_every_status_once_most_severe_first():
    assert sorted(config.STATUS_ORDER) == sorted(config.ALL_STATUSES)
    assert config.STATUS_ORDER[0] == config.STATUS_REGRESS and config.STATUS_ORDER[-1] == config.RATING_DONE

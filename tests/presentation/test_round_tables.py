"""lib.presentation.round_tables: the task editor and the review list of the 年度报送 page."""

from __future__ import annotations

import pandas as pd

from lib.presentation import round_tables as rt
from lib.store import rounds


def _tasks() -> pd.DataFrame:
    rows = [
        (
            "A1-M04-1",
            "孕产妇系统管理率",
            "target",
            "%",
            "95.0%",
            95.0,
            "≥90.0%",
            rounds.SUBMITTED,
            70.0,
            None,
            None,
            "口径调整",
        ),
        (
            "A1-G02-1",
            "健康素养",
            "qualitative",
            "",
            "进展顺利",
            None,
            "定性",
            rounds.RETURNED,
            None,
            "已完成",
            "讲座",
            None,
        ),
        (
            "A1-G01-1",
            "孕产妇死亡率",
            "target",
            "1/10万",
            "8.0/10万",
            8.0,
            "≤8.2/10万",
            rounds.NOT_FILLED,
            None,
            None,
            None,
            None,
        ),
    ]
    frame = pd.DataFrame(
        rows,
        columns=[
            "indicator_id", "name", "kind", "unit", "last_year", "last_value", "target", "state",
            "value", "rating", "note", "explanation",
        ],
    )  # fmt: skip
    frame["department"], frame["by"], frame["at"] = "区卫生健康局", "wj", "2026-12-01 10:00:00"
    frame["comment"] = [None, "请补充场次", None]
    return frame


def test_editor_frame_puts_last_year_target_and_unit_beside_each_task():
    shown = rt.editor_frame(_tasks())
    assert list(shown.columns) == rt.EDITOR_COLUMNS
    assert shown["单位"].tolist() == ["%", "定性", "1/10万"] and shown["上年"].tolist()[0] == "95.0%"
    assert shown["退回意见"].tolist() == ["", "请补充场次", ""]


def test_rows_from_editor_turn_blanks_into_none():
    edited = rt.editor_frame(_tasks())
    edited.loc[2, "数值"] = 7.9
    rows = rt.rows_from_editor(edited)
    assert rows[2] == {"indicator_id": "A1-G01-1", "value": 7.9, "rating": None, "note": None, "explanation": None}
    assert rows[1]["rating"] == "已完成" and rows[1]["value"] is None


def test_review_frame_lists_submitted_rows_and_flags_an_unusual_move():
    review = rt.review_frame(_tasks())
    assert review["指标编号"].tolist() == ["A1-M04-1"]
    assert review.iloc[0]["本年报送"] == "70.0%" and review.iloc[0]["核实"] == "较上年变动超过 10 个百分点"
    assert review.iloc[0]["说明"] == "口径调整"


def test_overdue_departments():
    tracker = pd.DataFrame({"部门": ["甲", "乙"], "逾期": [2, 0]})
    assert rt.overdue_departments(tracker) == ["甲"]

"""The reporting round's tables as the 年度报送 page shows them (Chinese headers): the task editor, the review list.

Pure: no streamlit. The rows come from lib.store.rounds.task_list.
"""

from __future__ import annotations

import math

import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.store import rounds

EDITABLE = ["数值", "评价", "备注或情况说明", "说明"]
EDITOR_COLUMNS = ["指标编号", "指标名称", "单位", "上年", "目标", "状态", *EDITABLE, "退回意见"]
REVIEW_COLUMNS = [
    "指标编号",
    "指标名称",
    "上年",
    "本年报送",
    "目标",
    "核实",
    "备注或情况说明",
    "说明",
    "报送人",
    "报送时间",
]


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str) and not value)


def _or_none(value: object) -> object:
    return None if _blank(value) else value


def editor_frame(tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per task: what the department sees (上年, 目标, 单位 beside each) and fills (数值 or 评价, notes)."""
    return pd.DataFrame(
        {
            "指标编号": tasks["indicator_id"],
            "指标名称": tasks["name"],
            "单位": tasks["unit"].where(tasks["kind"] != config.KIND_QUALITATIVE, "定性"),
            "上年": tasks["last_year"],
            "目标": tasks["target"],
            "状态": tasks["state"],
            "数值": pd.to_numeric(tasks["value"], errors="coerce").astype(float),
            "评价": tasks["rating"].astype(object),
            "备注或情况说明": tasks["note"].astype(object),
            "说明": tasks["explanation"].astype(object),
            "退回意见": tasks["comment"].fillna("").astype(str),
        },
        columns=EDITOR_COLUMNS,
    )


def rows_from_editor(edited: pd.DataFrame) -> list[dict]:
    """The edited table as rows for lib.store.rounds.save_draft."""
    return [
        {
            "indicator_id": r["指标编号"],
            "value": _or_none(r["数值"]),
            "rating": _or_none(r["评价"]),
            "note": _or_none(r["备注或情况说明"]),
            "explanation": _or_none(r["说明"]),
        }
        for _, r in edited.iterrows()
    ]


def _reported(row: pd.Series) -> str:
    if row["kind"] == config.KIND_QUALITATIVE:
        return row["rating"] or ""
    return "" if _blank(row["value"]) else fmt.format_value(row["value"], row["unit"] or None)


def review_frame(tasks: pd.DataFrame) -> pd.DataFrame:
    """The submitted rows waiting for review, with last year beside each and the 核实 flag of an unusual move."""
    waiting = tasks[tasks["state"] == rounds.SUBMITTED]
    rows = [
        (
            r["indicator_id"],
            r["name"],
            r["last_year"],
            _reported(r),
            r["target"],
            rounds.unusual_note(r["unit"] or None)
            if rounds.unusual(_or_none(r["value"]), r["last_value"], r["unit"] or None)
            else "",
            r["note"] or "",
            r["explanation"] or "",
            r["by"] or "",
            r["at"],
        )
        for _, r in waiting.iterrows()
    ]
    return pd.DataFrame(rows, columns=REVIEW_COLUMNS)


def overdue_departments(tracker: pd.DataFrame) -> list[str]:
    return tracker.loc[tracker["逾期"] > 0, "部门"].tolist()

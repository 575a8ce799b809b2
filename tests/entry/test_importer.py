"""lib.entry.importer: reading and previewing an import (committing it: tests/store/test_import_commit.py)."""

from __future__ import annotations

import pandas as pd

from lib import config
from lib.entry.importer import (
    NEW,
    REPLACED,
    UNCHANGED,
    problems_frame,
    read_upload,
)
from tests.entry.uploads import (
    GOOD,
    plan_of,
    problems_of,
)


def test_problems_frame_has_chinese_columns(catalogue):
    frame = problems_frame(problems_of(catalogue, {**GOOD, "F3": "约85"}))
    assert list(frame.columns) == ["工作表", "行", "列", "级别", "问题"] and frame.iloc[0]["行"] == "3"


def test_problems_frame_file_problem_has_blank_row_not_none():
    frame = problems_frame(read_upload(b"not a zip", "x.xlsx").problems)
    assert frame.iloc[0]["行"] == "" and "None" not in frame.to_string()


def test_plan_import_counts_new_and_replaced_rows(folder, catalogue):
    # A1-G01-1 2024 exists (sample); its 城镇 subgroup is new; A2-G01-1 2024 exists
    plan = plan_of(folder, catalogue, {**GOOD, "A11": "A1-G01-1", "D11": 2024, "E11": "城镇", "F11": 7.0})
    assert (plan.count(NEW), plan.count(REPLACED), plan.count(UNCHANGED)) == (1, 2, 0)
    assert plan.changes.iloc[0][["指标编号", "原值", "新值", "原为示例数据"]].tolist() == ["A1-G01-1", "8", "7.9", "是"]


def test_plan_import_converts_percent_sign(folder, catalogue):
    obs = plan_of(folder, catalogue, {"F3": "85%"}).observations
    row = obs[(obs["indicator_id"] == "A2-G01-1") & (obs["year"] == 2024) & obs["subgroup"].isna()]
    assert row["value"].item() == 85.0 and row["data_status"].item() == config.DATA_STATUS_PRELIMINARY


def test_plan_import_skips_rows_without_value(folder, catalogue):
    plan = plan_of(folder, catalogue, {})
    assert plan.changes.empty and len(plan.observations) == len(pd.read_parquet(folder / config.OBSERVATIONS))

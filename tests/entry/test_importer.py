"""lib.entry.importer: previewing and applying an import, all or nothing, with backups."""

from __future__ import annotations

import os

import pandas as pd
import pytest

from lib import config
from lib.contract.tables import DataError
from lib.entry.importer import (
    NEW,
    REPLACED,
    UNCHANGED,
    apply_import,
    problems_frame,
    read_upload,
)
from tests.entry.uploads import (
    GOOD,
    plan_of,
    problems_of,
    snapshot,
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


def test_apply_import_replaces_sample_rows_with_official(folder, catalogue):
    n_sample = int(pd.read_parquet(folder / config.OBSERVATIONS)["is_sample"].sum())
    apply_import(folder, plan_of(folder, catalogue, GOOD))
    obs = pd.read_parquet(folder / config.OBSERVATIONS)
    row = obs[(obs["indicator_id"] == "A1-G01-1") & (obs["year"] == 2024) & obs["subgroup"].isna()]
    assert row[["value", "is_sample", "region", "data_status"]].values.tolist() == [[7.9, False, config.REGION, "正式"]]
    assert len(obs) == 46 and obs["is_sample"].sum() == n_sample - 2


def test_apply_import_writes_ratings(folder, catalogue):
    apply_import(folder, plan_of(folder, catalogue, {}, {"D2": "已完成", "E2": "覆盖全部镇街"}))
    ass = pd.read_parquet(folder / config.ASSESSMENTS)
    new = ass[ass["year"] == 2024]
    assert new[["rating", "narrative", "is_sample"]].values.tolist() == [["已完成", "覆盖全部镇街", False]]


def test_apply_import_then_same_upload_is_unchanged(folder, catalogue):
    apply_import(folder, plan_of(folder, catalogue, GOOD))
    assert plan_of(folder, catalogue, GOOD).count(UNCHANGED) == 2


def test_apply_import_keeps_backup_of_previous_files(folder, catalogue):
    before = (folder / config.OBSERVATIONS).read_bytes()
    apply_import(folder, plan_of(folder, catalogue, GOOD))
    copies = sorted(p.name for p in (folder / "backups").iterdir())
    assert [c.split("_")[0] for c in copies] == ["assessments", "observations"]
    assert (folder / "backups" / copies[1]).read_bytes() == before


def test_apply_import_with_errors_writes_nothing(folder, catalogue):
    before = snapshot(folder)
    with pytest.raises(DataError, match="未写入任何数据"):
        apply_import(folder, plan_of(folder, catalogue, {**GOOD, "F3": "约85"}, {"D2": "已完成"}))
    assert snapshot(folder) == before and not (folder / "backups").exists()


def test_apply_import_restores_first_table_when_second_replace_fails(folder, catalogue, monkeypatch):
    before, real, calls = snapshot(folder), os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("磁盘已满")
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError):
        apply_import(folder, plan_of(folder, catalogue, GOOD, {"D2": "已完成"}))
    monkeypatch.setattr(os, "replace", real)
    assert snapshot(folder) == before and not list(folder.glob(".*.tmp"))

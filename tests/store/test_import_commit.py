"""lib.entry.importer.commit_import: an upload becomes the next version of the store, all or nothing."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from lib import config
from lib.contract.tables import DataError
from lib.entry.importer import UNCHANGED, commit_import, plan_import, read_upload
from lib.entry.template import OBS_SHEET
from lib.store import versions
from lib.store.permissions import PermissionDenied
from tests.conftest import LEAD_A
from tests.entry.uploads import GOOD, fill, workbook


def _catalogue(data_dir):
    return pd.read_parquet(data_dir / config.INDICATORS), pd.read_parquet(data_dir / config.GOALS)


def _upload(data_dir, cells, qual=None, name="填报.xlsx"):
    data = fill(_catalogue(data_dir), cells, qual)
    return read_upload(data, name), data


def _live_row(obs, indicator="A1-G01-1", year=2024):
    return obs[(obs["indicator_id"] == indicator) & (obs["year"] == year) & obs["subgroup"].isna()]


def test_commit_import_replaces_sample_rows_with_official(store, admin, data_dir):
    parsed, data = _upload(data_dir, GOOD)
    made = commit_import(store, parsed, data, 0, admin)
    assert made.id == 1 and made.file_name == "填报.xlsx" and len(made.checksum) == 64
    row = _live_row(versions.snapshot(store).observations)
    assert row[["value", "is_sample", "data_status"]].values.tolist() == [[7.9, False, "正式"]]
    assert made.summary["counts"]["observations"] == {"新增": 0, "修订": 2, "删除": 0}
    assert made.summary["uploaded"] == {"新增": 0, "替换": 2, "不变": 0}
    assert versions.describe(made.summary).endswith("上传 新增 0 行、替换 2 行、不变 0 行")


def test_commit_import_is_what_readers_see(store, admin, data_dir):
    parsed, data = _upload(data_dir, GOOD)
    commit_import(store, parsed, data, 0, admin)
    published = config.published_dir(store.state, store.source)
    assert published.name == "v000001"
    assert _live_row(pd.read_parquet(published / config.OBSERVATIONS))["value"].item() == 7.9


def test_commit_import_writes_ratings(store, admin, data_dir):
    parsed, data = _upload(data_dir, {}, {"D2": "已完成", "E2": "覆盖全部镇街"})
    commit_import(store, parsed, data, 0, admin)
    ass = versions.snapshot(store).assessments
    assert ass[ass["year"] == 2024][["rating", "narrative", "is_sample"]].values.tolist() == [
        ["已完成", "覆盖全部镇街", False]
    ]


def test_same_upload_again_is_unchanged(store, admin, data_dir):
    parsed, data = _upload(data_dir, GOOD)
    commit_import(store, parsed, data, 0, admin)
    snap = versions.snapshot(store)
    assert plan_import(snap.observations, snap.assessments, parsed).count(UNCHANGED) == 2


def test_commit_import_with_errors_writes_nothing(store, admin, data_dir):
    parsed, data = _upload(data_dir, {**GOOD, "F3": "约85"}, {"D2": "已完成"})
    before = versions.snapshot(store)
    with pytest.raises(DataError, match="未写入任何数据"):
        commit_import(store, parsed, data, 0, admin)
    after = versions.snapshot(store)
    assert after.version == 0 and after.observations.equals(before.observations)


def test_commit_from_a_stale_preview_is_refused(store, admin, data_dir):
    first, data1 = _upload(data_dir, GOOD)
    second, data2 = _upload(data_dir, {"F4": 90.0}, name="另一份.xlsx")
    commit_import(store, first, data1, 0, admin)
    with pytest.raises(versions.StaleVersion, match="重新上传"):
        commit_import(store, second, data2, 0, admin)  # previewed on version 0, the data is at 1
    assert versions.snapshot(store).version == 1
    assert [v.file_name for v in versions.list_versions(store)] == ["填报.xlsx", None]


def test_reporter_rows_of_another_department_are_refused_with_their_rows(store, reporter, data_dir):
    # the tiny catalogue: A1-G01-1 (row 2) is led by 区卫生健康局, A2-G01-1 (row 3) by 区教育和体育局
    parsed, data = _upload(data_dir, GOOD)
    with pytest.raises(DataError) as refused:
        commit_import(store, parsed, data, 0, reporter)
    assert "监测数据 第3行" in str(refused.value) and "不属于区卫生健康局的填报范围" in str(refused.value)
    assert versions.snapshot(store).version == 0


def test_reporter_commits_its_own_department_template(store, reporter, data_dir):
    wb = workbook(_catalogue(data_dir), 2024, LEAD_A)
    assert wb[OBS_SHEET]["A2"].value == "A1-G01-1"
    wb[OBS_SHEET]["F2"], wb[OBS_SHEET]["I2"] = 7.5, "正式"
    buffer = io.BytesIO()
    wb.save(buffer)
    made = commit_import(store, read_upload(buffer.getvalue(), "卫健.xlsx"), buffer.getvalue(), 0, reporter)
    assert made.user_name == "wj" and _live_row(versions.snapshot(store).observations)["value"].item() == 7.5


def test_viewer_cannot_import(store, viewer, data_dir):
    parsed, data = _upload(data_dir, GOOD)
    with pytest.raises(PermissionDenied, match="无权导入数据"):
        commit_import(store, parsed, data, 0, viewer)
    assert versions.snapshot(store).version == 0

"""AppTest of views/department.py: runs, shows a department's goals, follows the picker, downloads equal tables."""
from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib.outputs.export import split_csv

from conftest import LEAD_A, LEAD_B, RESPONSIBLE

PAGE = Path(__file__).resolve().parents[2] / "views" / "department.py"
# the frame app.py draws around every page: navigation, then the global sidebar controls
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
page = st.navigation([st.Page({str(PAGE)!r}, title="部门责任", url_path="department", default=True)])
ui.render_global_controls()
page.run()
"""


def _run(department: str | None = None, year: int = 2024) -> AppTest:
    at = AppTest.from_string(ROUTER, default_timeout=30)
    at.query_params["year"] = str(year)
    if department:
        at.query_params["dept"] = department
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _goal_ids(at: AppTest) -> list[str]:
    return at.dataframe[0].value["目标编号"].tolist()


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """Cells as text, blanks for missing: CSV and Excel do not keep dtypes."""
    return df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)


def test_department_page_runs_without_department(data_dir):
    at = _run()
    assert at.title[0].value == "部门责任"
    assert any(h.value == "全部部门" for h in at.header)


def test_department_page_shows_goals_of_department(data_dir):
    at = _run(LEAD_A)
    assert _goal_ids(at) == ["A1-G01", "A1-G02"]
    assert at.dataframe[0].value["角色"].tolist() == ["牵头", "牵头"]


def test_department_page_responsible_role(data_dir):
    at = _run(RESPONSIBLE)
    assert _goal_ids(at) == ["A1-G01"]
    assert at.dataframe[0].value["角色"].tolist() == ["责任"]


def test_department_page_picker_changes_content(data_dir):
    at = _run(LEAD_A)
    at.selectbox(key="department_pick").set_value(LEAD_B).run()
    assert not at.exception
    assert at.session_state["dept"] == LEAD_B
    assert _goal_ids(at) == [f"A{i}-G01" for i in range(2, 9)]


def test_department_page_picker_excludes_groups(data_dir):
    options = _run().selectbox(key="department_pick").options
    assert "区妇儿工委" not in options and LEAD_A in options


def test_department_page_shows_groups_apart(data_dir):
    at = _run()
    groups = [d.value for d in at.dataframe if "集体主体" in d.value.columns]
    assert groups and groups[0]["集体主体"].tolist() == ["区妇儿工委"]


def test_department_page_download_buttons_present(data_dir):
    at = _run(LEAD_A)
    labels = [b.label for b in at.download_button]
    assert labels.count("下载 Excel") == labels.count("下载 CSV") >= 5
    assert "下载完整数据（Excel）" in labels


def test_department_page_csv_download_equals_goal_table(data_dir, recorded_downloads):
    at = _run(LEAD_A)
    csv = next(c for c in recorded_downloads if c["key"] == "department_goals_csv")
    back = pd.read_csv(io.StringIO(split_csv(csv["data"]())[0]))  # the table; the filter notes follow it
    assert _plain(back).equals(_plain(at.dataframe[0].value))
    assert csv["file_name"] == f"博山区妇女发展监测_部门目标_2024年_{LEAD_A}.csv"


def test_department_page_xlsx_download_equals_every_table(data_dir, recorded_downloads):
    at = _run(LEAD_A)
    xlsx = [c for c in recorded_downloads if c["key"].endswith("_xlsx")]  # one per table, in page order
    assert len(xlsx) == len(at.dataframe)
    for frame, call in zip((d.value for d in at.dataframe), xlsx):
        if call["key"] == "department_ranking_xlsx":  # names shown as links: checked below
            continue
        back = pd.read_excel(io.BytesIO(call["data"]()), sheet_name=0)
        if "达标率（%）" in back:  # exported in percentage points with the unit in the header
            back = back.assign(**{"达标率（%）": back["达标率（%）"] / 100}).rename(columns={"达标率（%）": "达标率"})
        assert _plain(back).equals(_plain(frame)), call["key"]


def test_department_page_ranking_download_equals_names_shown(data_dir, recorded_downloads):
    at = _run()
    ranking = next(d.value for d in at.dataframe if "预警指标数" in d.value.columns)
    csv = next(c for c in recorded_downloads if c["key"] == "department_ranking_csv")
    back = pd.read_csv(io.StringIO(split_csv(csv["data"]())[0]))  # the table; the filter notes follow it
    assert back["部门"].tolist() == ranking["部门"].str.extract(r"dept=([^&]*)")[0].tolist()


def test_department_page_full_export_has_all_sheets(data_dir, recorded_downloads):
    _run(LEAD_A)
    full = next(c for c in recorded_downloads if c["key"] == "department_full_export")
    sheets = pd.read_excel(io.BytesIO(full["data"]()), sheet_name=None)
    assert list(sheets) == ["发展领域", "主要目标", "策略措施", "部门", "指标", "监测数据", "评估状态（2024年）", "说明"]


def test_department_page_without_catalogue_explains(tmp_path, monkeypatch):
    monkeypatch.setenv("BOSHAN_DATA_DIR", str(tmp_path))
    at = _run()
    assert any("make catalogue" in i.value for i in at.info)

"""AppTest of views/department.py: runs, shows a department's goals, honours the sidebar's 部门职责 and 状态,
charges warnings to the lead, draws full-height HTML tables, downloads equal tables."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from lib.outputs.export import split_csv
from tests.conftest import LEAD_A, LEAD_B, RESPONSIBLE
from tests.pages.reading import cards, html_blocks

PAGE = Path(__file__).resolve().parents[2] / "views" / "department.py"
# the frame app.py draws around every page: navigation, then the global sidebar controls
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
page = st.navigation([st.Page({str(PAGE)!r}, title="部门责任", url_path="department", default=True)])
ui.render_global_controls()
page.run()
"""


def _run(
    department: str | None = None, year: int = 2024, scope: str | None = None, status: str | None = None
) -> AppTest:
    at = AppTest.from_string(ROUTER, default_timeout=30)
    at.query_params["year"] = str(year)
    if department:
        at.query_params["dept"] = department
    if scope:
        at.query_params["scope"] = scope
    if status:
        at.query_params["status"] = status
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _tables(at: AppTest) -> list[pd.DataFrame]:
    """Every HTML table of the page, in page order, read back as frames (cells as text)."""
    html = [h for h in html_blocks(at) if 'class="bs-table"' in h]
    return [pd.read_html(io.StringIO(h), flavor="lxml")[0].astype(str) for h in html]


def _table_with(at: AppTest, column: str) -> pd.DataFrame:
    return next(t for t in _tables(at) if column in t.columns)


def _goal_ids(at: AppTest) -> list[str]:
    return _table_with(at, "目标编号")["目标编号"].tolist()


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
    assert _table_with(at, "目标编号")["角色"].tolist() == ["牵头", "牵头"]


def test_department_page_responsible_role(data_dir):
    at = _run(RESPONSIBLE)
    assert _goal_ids(at) == ["A1-G01"]
    assert _table_with(at, "目标编号")["角色"].tolist() == ["责任"]


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
    assert _table_with(at, "集体主体")["集体主体"].tolist() == ["区妇儿工委"]


def test_department_page_download_buttons_present(data_dir):
    at = _run(LEAD_A)
    labels = [b.label for b in at.download_button]
    assert labels.count("下载 Excel") == labels.count("下载 CSV") >= 5
    assert "下载完整数据（Excel）" in labels


def test_department_page_csv_download_equals_goal_table(data_dir, recorded_downloads):
    at = _run(LEAD_A)
    csv = next(c for c in recorded_downloads if c["key"] == "department_goals_csv")
    back = pd.read_csv(io.StringIO(split_csv(csv["data"]())[0]))  # the table; the filter notes follow it
    assert _plain(back).equals(_plain(_table_with(at, "目标编号")))
    assert csv["file_name"] == f"博山区妇女发展监测_部门目标_2024年_{LEAD_A}.csv"


def test_department_page_xlsx_download_equals_every_table(data_dir, recorded_downloads):
    at = _run(LEAD_A)
    xlsx = [c for c in recorded_downloads if c["key"].endswith("_xlsx")]  # one per table, in page order
    tables = _tables(at)
    assert len(xlsx) == len(tables)
    for frame, call in zip(tables, xlsx):
        if call["key"] == "department_roles_xlsx":  # 达标率 shown as 25.0%, exported as the number 0.25
            continue
        back = pd.read_excel(io.BytesIO(call["data"]()), sheet_name=0)
        if "达标率（%）" in back:  # exported in percentage points with the unit in the header
            back = back.assign(**{"达标率（%）": back["达标率（%）"] / 100}).rename(columns={"达标率（%）": "达标率"})
        assert _plain(back).equals(_plain(frame)), call["key"]


def test_department_page_ranking_download_equals_names_shown(data_dir, recorded_downloads):
    at = _run()
    ranking = _table_with(at, "牵头预警指标数")
    csv = next(c for c in recorded_downloads if c["key"] == "department_ranking_csv")
    back = pd.read_csv(io.StringIO(split_csv(csv["data"]())[0]))  # the table; the filter notes follow it
    assert back["部门"].tolist() == ranking["部门"].tolist()


def test_department_page_ranking_names_link_to_department(data_dir):
    html = next(h for h in html_blocks(_run()) if "牵头预警指标数" in h)
    assert f'href="department?dept={LEAD_A}&amp;year=2024"' in html


def test_department_page_scope_lead_hides_shared_goals(data_dir):
    at = _run(RESPONSIBLE, scope="牵头")
    assert not any("目标编号" in t.columns for t in _tables(at))
    assert any("没有该部门的目标" in i.value for i in at.info)


def test_department_page_scope_responsible_shows_only_shared(data_dir):
    at = _run(LEAD_A, scope="责任")
    assert not any("目标编号" in t.columns for t in _tables(at))
    assert [s.value for s in at.subheader if "预警" in s.value] == ["参与（共担）的预警：由牵头单位负责，本部门配合"]


def test_department_page_status_filter_keeps_goals_with_that_status(data_dir):
    at = _run(LEAD_B, status="倒退")
    assert _goal_ids(at) and set(_table_with(at, "目标编号")["状态"]) <= {"倒退"}
    everything = _goal_ids(_run(LEAD_B))
    assert set(_goal_ids(at)) <= set(everything)


def test_department_page_lists_measure_target_it_answers_for(data_dir):
    table = _table_with(_run(LEAD_A), "责任依据")
    assert table["指标编号"].tolist() == ["A1-M04-1"]
    assert table["责任依据"].tolist() == ["默认：本领域首个目标的牵头单位"]


def test_department_page_tables_are_full_height_html(data_dir):
    at = _run(LEAD_A)
    assert len(at.dataframe) == 0  # no canvas grid with a scroll box: every row is on the page


def test_department_page_full_export_has_all_sheets(data_dir, recorded_downloads):
    _run(LEAD_A)
    full = next(c for c in recorded_downloads if c["key"] == "department_full_export")
    sheets = pd.read_excel(io.BytesIO(full["data"]()), sheet_name=None)
    assert list(sheets) == [
        "发展领域",
        "主要目标",
        "策略措施",
        "部门",
        "指标",
        "监测数据",
        "评估状态（2024年）",
        "说明",
    ]


def test_department_page_without_catalogue_explains(tmp_path, monkeypatch):
    monkeypatch.setenv("BOSHAN_DATA_DIR", str(tmp_path))
    at = _run()
    assert any("make catalogue" in i.value for i in at.info)


def test_department_page_scope_lead_shows_only_lead_metrics(data_dir):
    labels = [m.label for m in cards(_run(LEAD_A, scope="牵头"))]
    assert "牵头目标" in labels and "参与目标" not in labels and "达标率（责任）" not in labels

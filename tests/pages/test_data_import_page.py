"""AppTest of views/data_import.py: template download, problems of a bad upload, import of a good one."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
from conftest import LEAD_A
from streamlit.testing.v1 import AppTest

from lib import config
from lib.entry.template import OBS_SHEET

PAGE = Path(__file__).resolve().parents[2] / "views" / "data_import.py"
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
page = st.navigation([st.Page({str(PAGE)!r}, title="数据填报", url_path="data-import", default=True)])
ui.render_global_controls()
page.run()
"""
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run() -> AppTest:
    at = AppTest.from_string(ROUTER, default_timeout=30)
    at.query_params["year"] = "2024"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _template(recorded: list[dict]) -> bytes:
    return recorded[-1]["data"]()


def _filled(template: bytes, cells: dict[str, object]) -> bytes:
    wb = openpyxl.load_workbook(io.BytesIO(template))
    for ref, value in cells.items():
        wb[OBS_SHEET][ref] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _upload(at: AppTest, content: bytes, name: str = "填报.xlsx") -> AppTest:
    at.file_uploader(key="data_import_upload").set_value((name, content, XLSX))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_data_import_page_runs(data_dir):
    at = _run()
    assert at.title[0].value == "数据填报" and any("不再标为示例数据" in i.value for i in at.info)


def test_data_import_page_template_is_valid_xlsx(data_dir, recorded_downloads):
    at = _run()
    at.selectbox(key="data_import_dept").set_value(LEAD_A).run()
    call = recorded_downloads[-1]
    wb = openpyxl.load_workbook(io.BytesIO(call["data"]()))
    assert call["file_name"] == "博山区妇女发展监测数据填报模板_2024年_区卫生健康局.xlsx"
    assert call["on_click"] == "ignore" and [c.value for c in wb[OBS_SHEET]["A"][1:]] == ["A1-G01-1", "A1-M04-1"]


def test_data_import_page_shows_problems_with_row_and_column(data_dir, recorded_downloads):
    at = _run()
    at = _upload(at, _filled(_template(recorded_downloads), {"F3": "约85", "I3": "正式"}))
    problems = at.dataframe[0].value
    assert problems[["工作表", "行", "列"]].values.tolist() == [
        ["监测数据", "3", "数值"]
    ]  # 行 is text: blank for a whole-file problem
    assert "未导入任何数据" in at.error[0].value and len(at.button) == 0  # no confirm button


def test_data_import_page_imports_good_file(data_dir, recorded_downloads):
    at = _run()
    at = _upload(at, _filled(_template(recorded_downloads), {"F3": 86.5, "I3": "正式"}))
    assert {m.label: m.value for m in at.metric} == {"新增": "0行", "替换": "1行", "不变": "0行"}
    at.button(key="data_import_confirm").click().run()
    assert not at.exception and "已导入" in at.success[0].value
    obs = pd.read_parquet(data_dir / config.OBSERVATIONS)
    row = obs[(obs["indicator_id"] == "A2-G01-1") & (obs["year"] == 2024)]
    assert row[["value", "is_sample"]].values.tolist() == [[86.5, False]]
    assert {m.label: m.value for m in at.metric}["不变"] == "1行"

"""AppTest of views/data_import.py: template download, problems of a bad upload, import of a good one."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd
from streamlit.testing.v1 import AppTest

from lib import config
from lib.entry.template import OBS_SHEET
from lib.store import accounts, audit, versions
from lib.store.db import open_store
from tests.conftest import LEAD_A, OFFICE_PASSWORD, logged_in, write_data_dir

PAGE = Path(__file__).resolve().parents[2] / "views" / "data_import.py"
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
page = st.navigation([st.Page({str(PAGE)!r}, title="数据填报", url_path="data-import", default=True)])
ui.render_global_controls()
page.run()
"""
KEY_YEAR, KEY_DEPT = "data_import_year", "data_import_dept"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _run(user: str | None = "office") -> AppTest:
    at = AppTest.from_string(ROUTER, default_timeout=30)
    if user:
        logged_in(at, user)
    at.query_params["year"] = "2024"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _confirm(at: AppTest) -> AppTest:
    at.button(key="data_import_confirm").click().run()
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


def test_without_login_the_page_shows_only_the_login(data_dir):
    at = _run(user=None)
    assert [t.value for t in at.text_input] == ["", ""] and [t.label for t in at.text_input] == ["用户名", "密码"]
    assert len(at.file_uploader) == 0 and len(at.download_button) == 0
    assert not {s.key for s in at.selectbox} & {KEY_YEAR, KEY_DEPT}  # only the frame's filters, no page control
    assert any("尚未创建任何管理员账户" in w.value for w in at.warning)  # how to make the first one


def test_login_with_wrong_then_right_password(data_dir, office):
    at = _run(user=None)
    at.text_input(key="login_name").input("office")
    at.text_input(key="login_password").input("wrong-password")
    at.button[0].click().run()
    assert "用户名或密码错误" in at.error[0].value and len(at.file_uploader) == 0
    at.text_input(key="login_password").input(OFFICE_PASSWORD)
    at.button[0].click().run()
    assert not at.exception and len(at.file_uploader) == 1
    assert any("已登录：office（管理员）" in c.value for c in at.caption)


def test_reporter_sees_only_its_department(data_dir, office, recorded_downloads):
    accounts.add_account(open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)
    at = _run(user="wj")
    department = at.selectbox(key="data_import_dept")
    assert department.options == [LEAD_A] and department.disabled
    wb = openpyxl.load_workbook(io.BytesIO(_template(recorded_downloads)))
    assert [c.value for c in wb[OBS_SHEET]["A"][1:]] == ["A1-G01-1", "A1-M04-1"]


def test_read_only_account_cannot_load(data_dir, office):
    accounts.add_account(open_store(), "guest", accounts.ROLE_VIEWER, "guest-pass-1", by=accounts.SHELL)
    at = _run(user="guest")
    assert "只读账户" in at.warning[0].value and len(at.file_uploader) == 0


def test_a_disabled_account_is_logged_out_on_the_next_run(data_dir, office):
    at = _run()
    accounts.set_disabled(open_store(), "office", True, by=accounts.SHELL)
    at.run()
    assert len(at.file_uploader) == 0 and [t.label for t in at.text_input] == ["用户名", "密码"]


def test_data_import_page_runs(data_dir, office):
    at = _run()
    assert at.title[0].value == "数据填报" and any("不再标为示例数据" in i.value for i in at.info)


def test_data_import_page_template_is_valid_xlsx(data_dir, office, recorded_downloads):
    at = _run()
    at.selectbox(key="data_import_dept").set_value(LEAD_A).run()
    call = recorded_downloads[-1]
    wb = openpyxl.load_workbook(io.BytesIO(call["data"]()))
    assert call["file_name"] == "博山区妇女发展监测数据填报模板_2024年_区卫生健康局.xlsx"
    assert call["on_click"] == "ignore" and [c.value for c in wb[OBS_SHEET]["A"][1:]] == ["A1-G01-1", "A1-M04-1"]


def test_data_import_page_shows_problems_with_row_and_column(data_dir, office, recorded_downloads):
    at = _run()
    at = _upload(at, _filled(_template(recorded_downloads), {"F3": "约85", "I3": "正式"}))
    problems = at.dataframe[0].value
    assert problems[["工作表", "行", "列"]].values.tolist() == [
        ["监测数据", "3", "数值"]
    ]  # 行 is text: blank for a whole-file problem
    assert "未导入任何数据" in at.error[0].value and [b.key for b in at.button] == ["auth_logout"]  # no confirm


def test_data_import_page_imports_good_file_as_a_new_version(data_dir, office, recorded_downloads):
    at = _run()
    at = _upload(at, _filled(_template(recorded_downloads), {"F3": 86.5, "I3": "正式"}))
    assert {m.label: m.value for m in at.metric} == {"新增": "0行", "替换": "1行", "不变": "0行"}
    at = _confirm(at)
    assert "已导入为第 1 版" in at.success[0].value
    obs = pd.read_parquet(config.data_dir() / config.OBSERVATIONS)
    row = obs[(obs["indicator_id"] == "A2-G01-1") & (obs["year"] == 2024)]
    assert row[["value", "is_sample"]].values.tolist() == [[86.5, False]]
    assert {m.label: m.value for m in at.metric}["不变"] == "1行"
    assert (data_dir / config.OBSERVATIONS).read_bytes() == write_data_dir(data_dir.parent / "again").joinpath(
        config.OBSERVATIONS
    ).read_bytes()  # the shipped sample is never written


def test_a_commit_from_a_stale_preview_is_refused(data_dir, office, recorded_downloads):
    first = _run()
    template = _template(recorded_downloads)
    first = _upload(first, _filled(template, {"F3": 86.5}))
    second = _upload(_run(), _filled(template, {"F4": 77.0}))  # previewed on version 0 as well
    assert "已导入为第 1 版" in _confirm(first).success[0].value
    second = _confirm(second)
    assert "数据已被更新" in second.error[0].value and "重新上传" in second.error[0].value
    assert versions.snapshot(open_store()).version == 1


def test_an_idle_session_ends_after_the_configured_minutes(data_dir, office, monkeypatch):
    import time

    from lib.ui import auth

    monkeypatch.setenv(auth.IDLE_ENV, "10")
    at = _run()
    at.session_state[auth.KEY_SEEN] = time.monotonic() - 11 * 60
    at.run()
    assert len(at.file_uploader) == 0 and any("已自动退出登录" in i.value for i in at.info)
    assert audit.read_log(open_store()).iloc[0][["操作", "说明"]].tolist() == [audit.LOGOUT, "闲置超时"]


def test_logout_ends_the_session(data_dir, office):
    at = _run()
    at.button(key="auth_logout").click().run()
    assert len(at.file_uploader) == 0 and [t.label for t in at.text_input] == ["用户名", "密码"]

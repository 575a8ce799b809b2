"""AppTest of 年度报送: the office opens and reviews, a department fills its task list and submits, a viewer reads."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib import config
from lib.store import accounts, rounds, versions
from lib.store.db import open_store
from tests.conftest import LEAD_A, LEAD_B, logged_in

APP = Path(__file__).resolve().parents[2] / "app.py"
YEAR = 2025


def _run(user: str | None, view: str = "round.py") -> AppTest:
    """The real app (its navigation and frame), opened on one of its views."""
    at = AppTest.from_file(str(APP), default_timeout=60)
    if user:
        logged_in(at, user)
    at.run()
    at = at.switch_page(f"views/{view}").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at: AppTest, key: str):
    return at.button(key=key)


def _table(at: AppTest, first_column: str):
    """The first table on the page whose first column is `first_column` (editors are tables too)."""
    return next(d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column])


def _accounts() -> None:
    store = open_store()
    accounts.add_account(store, "wj", accounts.ROLE_REPORTER, "report-pass-1", LEAD_A, by=accounts.SHELL)
    accounts.add_account(store, "guest", accounts.ROLE_VIEWER, "guest-pass-1", by=accounts.SHELL)


def _opened(days: int = 20):
    office = accounts.get_account(open_store(), "office")
    return rounds.open_round(open_store(), YEAR, rounds.today() + timedelta(days=days), office)


def test_office_opens_a_round_on_the_page(data_dir, office):
    at = _run("office")
    assert "尚未开启任何年度报送" in at.info[0].value
    at.selectbox(key="round_new_year").set_value(YEAR)
    _button(at, "round_open").click().run()
    assert not at.exception and "已开启2025年度报送" in at.success[0].value
    assert len(rounds.expected_pairs(open_store(), YEAR)) == 10
    assert [m.label for m in at.metric] == ["截止日期", "报送率", "及时率"] and at.metric[1].value == "0.0%"


def test_department_fills_saves_and_submits_in_the_editor(data_dir, office):
    _accounts()
    _opened()
    at = _run("wj")
    assert "区卫生健康局　2025年度报送任务 3 项" in at.markdown[0].value
    assert any(config.SAMPLE_LABEL in w.value for w in at.warning)  # 上年 shows the fixture's sample rows
    editor = at.session_state  # the editor's edits live in session state under its key, as a browser sends them
    key = "round_editor_0"
    edits = {
        "edited_rows": {0: {"数值": 7.9}, 1: {"评价": "已完成"}, 2: {"数值": 96.0}},
        "added_rows": [],
        "deleted_rows": [],
    }
    editor[key] = edits
    _button(at, "round_save").click().run()
    assert not at.exception and at.success[0].value == "已保存 3 项草稿。"
    tasks = rounds.task_list(open_store(), YEAR, LEAD_A)
    assert tasks["state"].tolist() == [rounds.DRAFT] * 3 and tasks["value"].tolist()[0] == 7.9
    _button(at, "round_submit").click().run()
    assert "已报送 3 项：A1-G01-1、A1-G02-1、A1-M04-1" in at.success[0].value


def test_department_sees_the_unusual_check_and_a_return_with_its_comment(data_dir, office):
    _accounts()
    _opened()
    wj = accounts.get_account(open_store(), "wj")
    rounds.save_draft(open_store(), YEAR, wj, [{"indicator_id": "A1-M04-1", "value": 60.0}])
    at = _run("wj")
    _button(at, "round_submit").click().run()
    assert "未通过核实性检查" in at.error[0].value and "较上年变动超过 10 个百分点" in at.error[0].value
    rounds.save_draft(open_store(), YEAR, wj, [{"indicator_id": "A1-M04-1", "value": 96.0}])
    rounds.submit(open_store(), YEAR, wj)
    office_account = accounts.get_account(open_store(), "office")
    rounds.review(open_store(), YEAR, LEAD_A, office_account, False, "请附妇幼年报", "A1-M04-1")
    at = _run("wj")
    assert any("A1-M04-1 孕产妇系统管理率** 被退回：请附妇幼年报" in w.value for w in at.warning)


def test_office_reviews_per_indicator_returns_with_a_comment_and_accepts(data_dir, office):
    _accounts()
    _opened()
    wj = accounts.get_account(open_store(), "wj")
    rounds.save_draft(
        open_store(),
        YEAR,
        wj,
        [{"indicator_id": "A1-G01-1", "value": 7.9}, {"indicator_id": "A1-M04-1", "value": 96.0}],
    )
    rounds.submit(open_store(), YEAR, wj)
    at = _run("office")
    review = _table(at, "指标编号")
    assert review["指标编号"].tolist() == ["A1-G01-1", "A1-M04-1"]
    assert review["本年报送"].tolist() == ["7.9/10万", "96.0%"]
    at.selectbox(key="round_review_pick").set_value("A1-M04-1")
    _button(at, "round_return").click().run()
    assert "退回须写明理由" in at.error[0].value
    at.selectbox(key="round_review_pick").set_value("A1-M04-1")
    at.text_area(key="round_review_comment").input("请核对分母")
    _button(at, "round_return").click().run()
    assert "已退回区卫生健康局 1 项：A1-M04-1" in at.success[0].value
    _button(at, "round_accept").click().run()
    assert "已通过区卫生健康局 1 项，已写入正式数据（第 1 版）" in at.success[0].value
    assert versions.list_versions(open_store())[0].action == rounds.ACCEPT_ACTION


def test_tracker_marks_overdue_departments_and_offers_the_reminder_list(data_dir, office, recorded_downloads):
    office_account = accounts.get_account(open_store(), "office")
    rounds.open_round(open_store(), YEAR, rounds.today() - timedelta(days=1), office_account)
    at = _run("office")
    assert "逾期未报部门（2 个）" in at.error[0].value and LEAD_B in at.error[0].value
    table = _table(at, "部门")
    assert table["逾期"].tolist() == [7, 3]
    assert any(c["label"] == "下载催报清单（Excel）" for c in recorded_downloads)


def test_viewer_sees_the_tracker_only(data_dir, office):
    _accounts()
    _opened()
    at = _run("guest")
    assert len(at.dataframe) == 1 and [m.label for m in at.metric] == ["截止日期", "报送率", "及时率"]
    keys = {b.key for b in at.button}
    assert not keys & {"round_open", "round_accept", "round_return", "round_save", "round_submit", "round_close"}


def test_overview_shows_the_completeness_while_a_round_is_open(data_dir, office):
    assert not any("年度报送进行中" in i.value for i in _run(None, "overview.py").info)
    _accounts()
    _opened()
    wj = accounts.get_account(open_store(), "wj")
    rounds.save_draft(open_store(), YEAR, wj, [{"indicator_id": "A1-G01-1", "value": 7.9}])
    rounds.submit(open_store(), YEAR, wj)
    note = next(i.value for i in _run(None, "overview.py").info if "年度报送进行中" in i.value)
    assert "报送率 10.0%（1/10 项）" in note and "及时率 10.0%" in note

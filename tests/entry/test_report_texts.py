"""lib.entry.report_texts: the office's texts kept with the year in the store; only a 管理员 saves them."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lib.entry import report_texts as rt
from lib.store import accounts, audit, schema
from lib.store.db import open_store
from lib.store.permissions import PermissionDenied


def test_empty_until_saved(data_dir):
    assert rt.load_report_texts(2025) == {rt.SECTION_ASSESSMENT: "", rt.SECTION_SUGGESTIONS: ""}


def test_saved_texts_are_kept_with_their_year(data_dir, office):
    rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "一是加强协同。\r\n二是按季通报。"}, office)
    rt.save_report_texts(2023, {rt.SECTION_SUGGESTIONS: "中期建议。"}, office)
    assert rt.load_report_texts(2025)[rt.SECTION_SUGGESTIONS] == "一是加强协同。\n二是按季通报。"
    assert rt.load_report_texts(2023)[rt.SECTION_SUGGESTIONS] == "中期建议。"
    assert rt.load_report_texts(2024)[rt.SECTION_SUGGESTIONS] == ""


def test_saving_again_replaces_and_keeps_the_history(data_dir, office):
    rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "旧"}, office)
    rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "新", rt.SECTION_ASSESSMENT: "评价"}, office)
    assert rt.load_report_texts(2025) == {rt.SECTION_ASSESSMENT: "评价", rt.SECTION_SUGGESTIONS: "新"}
    with open_store().engine.connect() as conn:
        rows = conn.execute(select(schema.report_texts.c.text, schema.report_texts.c.updated_by)).all()
    assert sorted(rows) == [("新", "office"), ("旧", "office"), ("评价", "office")]
    assert audit.read_log(open_store()).iloc[0]["说明"] == "2025年对策建议、总体评价"


def test_only_an_administrator_saves(data_dir, office):
    reporter = accounts.add_account(
        open_store(), "wj", accounts.ROLE_REPORTER, "report-pass-1", "区卫生健康局", by=accounts.SHELL
    )
    with pytest.raises(PermissionDenied, match="无权编写报告文字"):
        rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "x"}, reporter)
    with pytest.raises(PermissionDenied, match="未登录"):
        rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "x"}, None)
    assert rt.load_report_texts(2025)[rt.SECTION_SUGGESTIONS] == ""


def test_bad_year_and_unknown_section_say_so_in_chinese(data_dir, office):
    with pytest.raises(ValueError, match="评估年度"):
        rt.save_report_texts(2019, {rt.SECTION_SUGGESTIONS: "x"}, office)
    with pytest.raises(ValueError, match="未知的报告部分"):
        rt.save_report_texts(2025, {"foo": "x"}, office)
    with pytest.raises(ValueError, match="超过"):
        rt.save_report_texts(2025, {rt.SECTION_SUGGESTIONS: "字" * (rt.MAX_CHARS + 1)}, office)


def test_text_or_pending():
    assert rt.text_or_pending({}, rt.SECTION_SUGGESTIONS) == [rt.PENDING]
    assert rt.text_or_pending({rt.SECTION_SUGGESTIONS: " a\n\n b \x07"}, rt.SECTION_SUGGESTIONS) == ["a", "b"]

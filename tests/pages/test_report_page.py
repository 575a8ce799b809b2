"""AppTest of views/report.py: runs for the global year, offers the Word (and PDF) report, keeps the office's texts."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

from lib import config
from lib.entry import report_texts as rt
from tests.conftest import OFFICE_PASSWORD, logged_in

PAGE = Path(__file__).resolve().parents[2] / "views" / "report.py"
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
page = st.navigation([st.Page({str(PAGE)!r}, title="监测报告", url_path="report", default=True)])
ui.render_global_controls()
page.run()
"""


@pytest.fixture(autouse=True)
def no_charts(monkeypatch):
    # images are checked in tests/outputs/test_report.py; here they would only cost seconds per download
    monkeypatch.setattr("lib.outputs.report.chart_images", lambda *a, **k: (None, {}, None))


def _run(year: int = 2024, at: AppTest | None = None, user: str | None = None) -> AppTest:
    at = at or AppTest.from_string(ROUTER, default_timeout=30)
    if user:
        logged_in(at, user)
    at.query_params["year"] = str(year)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _docx(recorded: list[dict]) -> Document:
    call = next(c for c in reversed(recorded) if c["file_name"].endswith(".docx"))
    return Document(io.BytesIO(call["data"]()))


def test_report_page_runs(data_dir):
    at = _run()
    assert at.title[0].value == "监测报告"
    assert at.subheader[0].value == "博山区“十四五”妇女发展规划2024年监测报告"


def test_report_page_offers_word_and_pdf(data_dir, monkeypatch):
    monkeypatch.setattr("lib.outputs.pdf.soffice_path", lambda: "/usr/bin/soffice")
    labels = [b.label for b in _run().download_button]
    assert labels == ["下载2024年监测报告（Word）", "下载2024年监测报告（PDF）"]


def test_report_page_without_libreoffice_says_so(data_dir, monkeypatch):
    monkeypatch.setattr("lib.outputs.pdf.soffice_path", lambda: None)
    at = _run()
    assert [b.label for b in at.download_button] == ["下载2024年监测报告（Word）"]
    assert any("LibreOffice" in i.value for i in at.info)


def test_report_page_download_is_valid_docx(data_dir, recorded_downloads):
    _run(2023)
    call = recorded_downloads[0]
    assert callable(call["data"]) and call["on_click"] == "ignore"
    assert call["file_name"] == "博山区妇女发展监测_监测报告_2023年.docx"
    doc = Document(io.BytesIO(call["data"]()))
    assert "2023年中期评估报告" in doc.paragraphs[0].text


def test_report_page_labels_sample_data(data_dir, recorded_downloads):
    at = _run(2024)
    assert any(config.SAMPLE_LABEL in w.value for w in at.warning)
    assert config.SAMPLE_LABEL in _docx(recorded_downloads).paragraphs[1].text


def test_report_page_pending_until_the_office_writes(data_dir, recorded_downloads):
    _run(2024)
    texts = [p.text for p in _docx(recorded_downloads).paragraphs]
    assert texts[texts.index("五、对策建议") + 1] == rt.PENDING


def test_without_login_the_texts_are_read_only_with_a_login_form(data_dir, office):
    at = _run(2025)
    assert len(at.text_area) == 0 and any(e.label == "区妇儿工委办公室登录后填写" for e in at.expander)
    at.text_input(key="report_login_name").input("office")
    at.text_input(key="report_login_password").input(OFFICE_PASSWORD)
    at.button[0].click()
    at.run()
    assert not at.exception and len(at.text_area) == 2


def test_suggestions_saved_on_the_page_appear_in_the_report(data_dir, recorded_downloads, office):
    at = _run(2025, user="office")
    at.text_area(key="report_text_suggestions_2025").input("一是压实牵头单位责任。\n二是补齐数据缺报。")
    next(b for b in at.button if b.label == "保存").click()
    at.run()
    assert not at.exception
    assert any("已保存2025年" in s.value for s in at.success)
    assert rt.load_report_texts(2025)[rt.SECTION_SUGGESTIONS] == "一是压实牵头单位责任。\n二是补齐数据缺报。"
    texts = [p.text for p in _docx(recorded_downloads).paragraphs]
    start = texts.index("五、对策建议")
    assert texts[start + 1 : start + 3] == ["一是压实牵头单位责任。", "二是补齐数据缺报。"]
    again = _run(2025, user="office")  # a new session reads the saved text back into the form
    assert again.text_area(key="report_text_suggestions_2025").value.startswith("一是压实")
    assert _run(2024, user="office").text_area(key="report_text_suggestions_2024").value == ""  # kept with its year
    shown = [t.value for t in _run(2025).text]
    assert any("一是压实" in t for t in shown), shown  # and shows it read-only to everyone


def test_report_page_without_catalogue_explains(tmp_path, monkeypatch):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path))
    at = _run()
    assert any("make catalogue" in i.value for i in at.info)
    assert len(at.download_button) == 0

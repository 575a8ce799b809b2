"""AppTest of views/report.py: runs for the global year, offers one Word download that opens."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from streamlit.testing.v1 import AppTest

from lib import config

PAGE = Path(__file__).resolve().parents[2] / "views" / "report.py"
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
page = st.navigation([st.Page({str(PAGE)!r}, title="监测报告", url_path="report", default=True)])
ui.render_global_controls()
page.run()
"""


def _run(year: int = 2024) -> AppTest:
    at = AppTest.from_string(ROUTER, default_timeout=30)
    at.query_params["year"] = str(year)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_report_page_runs(data_dir):
    at = _run()
    assert at.title[0].value == "监测报告"
    assert at.subheader[0].value == "博山区“十四五”妇女发展规划2024年监测报告"


def test_report_page_has_one_download_button(data_dir):
    labels = [b.label for b in _run().download_button]
    assert labels == ["下载2024年监测报告（Word）"]


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
    doc = Document(io.BytesIO(recorded_downloads[0]["data"]()))
    assert config.SAMPLE_LABEL in doc.paragraphs[2].text


def test_report_page_without_catalogue_explains(tmp_path, monkeypatch):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(tmp_path))
    at = _run()
    assert any("make catalogue" in i.value for i in at.info)
    assert len(at.download_button) == 0

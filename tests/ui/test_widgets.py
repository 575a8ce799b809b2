"""lib.ui.widgets.run_page: a broken table or an unexpected error shows a Chinese message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import config
from lib.presentation import view_models
from lib.ui.widgets import STRICT_ENV

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _run() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    return at


def _errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


def test_run_page_damaged_table_shows_chinese_message(data_dir: Path):
    (data_dir / config.OBSERVATIONS).write_bytes(b"not a parquet file")
    at = _run()
    assert not at.exception
    text = _errors(at)
    assert "observations.parquet 已损坏" in text and str(data_dir) not in text


def test_run_page_broken_table_names_row_and_column(data_dir: Path):
    frame = pd.read_parquet(data_dir / config.OBSERVATIONS)
    frame.loc[1, "value"] = None
    frame.to_parquet(data_dir / config.OBSERVATIONS)
    at = _run()
    assert not at.exception and "第2行 〔value〕：不能为空" in _errors(at)


def test_run_page_unexpected_error_shows_code_not_traceback(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(STRICT_ENV)

    def broken(*args, **kwargs):
        raise RuntimeError("/secret/server/path")

    monkeypatch.setattr(view_models, "build_headline", broken)
    at = _run()
    assert not at.exception
    text = _errors(at)
    assert "页面出现内部错误" in text and "错误编号" in text and "/secret" not in text


def test_run_page_unexpected_error_raises_in_strict_mode(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(view_models, "build_headline", lambda *a, **k: 1 / 0)
    assert _run().exception

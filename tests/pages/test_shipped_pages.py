"""Every page, and every indicator's page, runs on the shipped data for every assessment year.

The focused page tests use a tiny fixture catalogue; this one guards what users actually open.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import config

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = sorted(f"views/{p.name}" for p in (ROOT / "views").glob("*.py") if p.stem not in ("__init__", "area"))
SHIPPED = pd.read_parquet(ROOT / "data" / config.INDICATORS)[["indicator_id", "name"]]


@pytest.fixture(autouse=True)
def shipped_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(config.DATA_DIR_ENV, str(ROOT / "data"))


def _open(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(params)
    at.run()
    at.switch_page(page)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("year", [str(y) for y in config.ASSESSMENT_YEARS])
@pytest.mark.parametrize("page", PAGES)
def test_shipped_page_runs_every_year(page, year):
    at = _open(page, year=year)
    assert at.title


def test_shipped_every_indicator_page_runs():
    for indicator_id, name in SHIPPED.itertuples(index=False):
        at = _open("views/indicator.py", id=indicator_id)  # a fresh session: a link opened anew
        assert at.title[0].value == name, indicator_id  # the page shows the indicator of the link

"""A real headless Chromium clicks the department page's downloads; the files equal the table shown."""

from __future__ import annotations

import io
import os
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pandas as pd
import pytest

from lib import config
from lib.engine.progress import compute_statuses
from lib.outputs.export import split_csv
from lib.presentation import accountability as acc
from tests.browser.test_browser import CHROMIUM, CHROMIUM_ARGS, free_port, start_server
from tests.conftest import LEAD_A, write_data_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "department.py"
# like app.py: navigation, then the global sidebar controls; the default page is served at / only,
# so the department page is a second page reachable at /department
ROUTER = f"""
import streamlit as st
from lib.ui import widgets as ui
home = st.Page(lambda: st.title("首页"), title="首页", url_path="home", default=True)
page = st.navigation([home, st.Page({str(PAGE)!r}, title="部门责任", url_path="department")])
ui.render_global_controls()
page.run()
"""
NO_STALE = '() => !document.querySelector(\'[data-testid="stElementContainer"][data-stale="true"]\')'
READY = '[data-testid="stApp"][data-test-script-state="notRunning"][data-test-connection-state="CONNECTED"]'


def _require_chromium() -> None:
    if Path(CHROMIUM).exists():
        return
    message = f"浏览器测试需要 {CHROMIUM}（以 root 运行 make test-deps 安装）"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_data_dir(tmp_path_factory.mktemp("browser") / "data")


@pytest.fixture(scope="module")
def server(browser_data: Path):
    """A fresh streamlit server on a free port serving the department page over the tiny data."""
    _require_chromium()
    router = browser_data.parent / "router.py"
    router.write_text(ROUTER, encoding="utf-8")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), config.DATA_DIR_ENV: str(browser_data)}
    proc = start_server(router, port, env, cwd=ROOT)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(accept_downloads=True)
        tab = context.new_page()
        tab.goto(f"{server}/department?dept={quote(LEAD_A)}&year=2024")
        tab.wait_for_selector(READY, timeout=60_000)
        tab.get_by_text("牵头和参与的目标", exact=True).wait_for(timeout=60_000)
        tab.wait_for_selector(READY, timeout=60_000)
        tab.wait_for_function(NO_STALE, timeout=60_000)
        yield tab
        browser.close()


def _expected_goal_table(folder: Path) -> pd.DataFrame:
    """The goal table the page shows, built by the same pure functions from the same files."""
    tables = {p.stem: pd.read_parquet(p) for p in folder.glob("*.parquet")}
    statuses = compute_statuses(tables["indicators"], tables["observations"], tables["assessments"], 2024)
    return acc.department_goals(LEAD_A, tables["goals"], tables["indicators"], statuses, tables["areas"])


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    return df.astype(object).where(df.notna(), "").astype(str).reset_index(drop=True)


def _download(page, key: str):
    """Click the download button with widget key `key` (Streamlit marks its container .st-key-<key>)."""
    button = page.locator(f".st-key-{key} button").first
    with page.expect_download(timeout=60_000) as info:
        button.click()
    return info.value


def test_browser_csv_download_equals_goal_table(page, browser_data):
    download = _download(page, "department_goals_csv")
    assert download.suggested_filename == f"博山区妇女发展监测_部门目标_2024年_{LEAD_A}.csv"
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.StringIO(split_csv(data)[0]))  # the table; the filter notes follow it
    assert _plain(back).equals(_plain(_expected_goal_table(browser_data)))


def test_browser_xlsx_download_opens_and_equals_goal_table(page, browser_data):
    download = _download(page, "department_goals_xlsx")
    assert download.suggested_filename == f"博山区妇女发展监测_部门目标_2024年_{LEAD_A}.xlsx"
    data = Path(download.path()).read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["部门目标", "筛选条件"]
    back = pd.read_excel(io.BytesIO(data), sheet_name="部门目标")
    assert _plain(back).equals(_plain(_expected_goal_table(browser_data)))

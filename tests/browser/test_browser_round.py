"""In a real Chromium, one department's full round: it logs in, fills the task list in the form and submits; the
office returns one row with a comment; the department fixes it and submits again; the office accepts; the
tracker and the overview show it."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest

from lib import config
from lib.store import accounts, rounds
from lib.store.db import close_all, open_store
from tests.browser.test_browser import free_port, launch_browser, start_server, wait_done
from tests.conftest import LEAD_A, OFFICE_PASSWORD, write_data_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
REPORTER_PASSWORD = "report-pass-1"
VALUE_COLUMN = 6  # 数值 in lib.presentation.round_tables.EDITOR_COLUMNS
ROW_PX = 35  # the editor's header and row height


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A server over the tiny data with its own store: the office, 区卫生健康局's reporter, the 2025 round open."""
    base = tmp_path_factory.mktemp("round-browser")
    data, state = write_data_dir(base / "data"), base / "state"
    store = open_store(state=state, source=data)
    office = accounts.add_account(store, "office", accounts.ROLE_ADMIN, OFFICE_PASSWORD, by=accounts.SHELL)
    accounts.add_account(store, "wj", accounts.ROLE_REPORTER, REPORTER_PASSWORD, LEAD_A, by=accounts.SHELL)
    rounds.open_round(store, 2025, rounds.today() + timedelta(days=10), office)
    close_all()
    port = free_port()
    proc = start_server(ROOT / "app.py", port, {**os.environ, config.DATA_DIR_ENV: str(data)}, state=state)
    yield f"http://127.0.0.1:{port}", base
    proc.terminate()
    proc.wait(timeout=10)


def _login(tab, url: str, name: str, password: str) -> None:
    tab.goto(f"{url}/round")
    wait_done(tab, 60_000)
    tab.get_by_label("用户名").fill(name)
    tab.get_by_label("密码").fill(password)
    tab.get_by_role("button", name="登录").click()
    tab.get_by_text(f"已登录：{name}").wait_for(timeout=30_000)
    wait_done(tab, 60_000)


def _fill(tab, row: int, value: str) -> None:
    """Type a value into the 数值 cell of a row of the task editor, with the keyboard, as a user does."""
    tab.wait_for_timeout(1500)  # the grid takes input only once it has settled after a rerun
    grid = tab.locator('[data-testid="stDataFrame"]').first
    box = grid.bounding_box()
    tab.mouse.click(box["x"] + 30, box["y"] + ROW_PX + ROW_PX // 2 + row * ROW_PX)
    for _ in range(VALUE_COLUMN):
        tab.keyboard.press("ArrowRight")
    tab.keyboard.press("Enter")  # opens the cell's editor
    cell = tab.locator("input.gdg-input")
    cell.wait_for(timeout=10_000)
    cell.fill(value)  # replaces what the cell held (a returned row keeps its value)
    tab.wait_for_timeout(300)
    tab.keyboard.press("Tab")  # commits the cell
    cell.wait_for(state="detached", timeout=10_000)
    tab.wait_for_timeout(1000)  # the edit reaches the server and its rerun starts
    wait_done(tab, 60_000)


def _click(tab, name: str, then: str) -> None:
    tab.get_by_role("button", name=name, exact=True).click()
    tab.get_by_text(then).first.wait_for(timeout=60_000)
    wait_done(tab, 60_000)


def test_one_departments_full_round(site):
    url, base = site
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_browser(pw)
        department = browser.new_page(viewport={"width": 1600, "height": 1000})
        _login(department, url, "wj", REPORTER_PASSWORD)
        department.get_by_text("区卫生健康局　2025年度报送任务 3 项").wait_for(timeout=30_000)
        _fill(department, 0, "7.9")  # A1-G01-1 孕产妇死亡率
        _fill(department, 2, "96")  # A1-M04-1 孕产妇系统管理率
        department.screenshot(path=str(base / "department-filled.png"), full_page=True)
        _click(department, "报送", "已报送 2 项：A1-G01-1、A1-M04-1")

        office = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
        _login(office, url, "office", OFFICE_PASSWORD)
        office.get_by_text("审核范围").wait_for(timeout=30_000)
        scope = office.locator('[data-testid="stSelectbox"]:has-text("审核范围")')
        scope.scroll_into_view_if_needed()  # near the bottom of the window its list would open below the fold
        scope.click()
        office.keyboard.type("A1-M04-1")  # the select filters as one types; Enter picks the match
        office.keyboard.press("Enter")
        wait_done(office, 60_000)
        office.get_by_label("退回理由（退回时必填，部门会看到）").fill("与妇幼年报不符，请核对")
        office.get_by_label("退回理由（退回时必填，部门会看到）").blur()
        wait_done(office, 60_000)
        _click(office, "退回", "已退回区卫生健康局 1 项：A1-M04-1")

        _login(department, url, "wj", REPORTER_PASSWORD)  # a page load starts a new session
        department.get_by_text("被退回：与妇幼年报不符，请核对").wait_for(timeout=30_000)
        _fill(department, 2, "95.5")
        department.screenshot(path=str(base / "department-fixed.png"), full_page=True)
        _click(department, "报送", "已报送 1 项：A1-M04-1")

        _login(office, url, "office", OFFICE_PASSWORD)
        _click(office, "通过", "已通过区卫生健康局 2 项，已写入正式数据（第 1 版）")
        rate = office.locator('[data-testid="stMetric"]:has-text("报送率") [data-testid="stMetricValue"]')
        assert rate.first.inner_text() == "20.0%"  # 2 of the 10 expected pairs
        office.screenshot(path=str(base / "office-tracker.png"), full_page=True)

        office.goto(f"{url}/?year=2025")
        wait_done(office, 60_000)
        office.get_by_text("2025年度报送进行中").wait_for(timeout=30_000)
        note = office.locator('[data-testid="stAlert"]:has-text("2025年度报送进行中")').first.inner_text()
        assert "报送率 20.0%（2/10 项）" in note and "及时率 20.0%" in note
        browser.close()

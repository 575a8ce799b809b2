"""In a real Chromium: log in, upload, preview, commit; the overview shows the new value; restore; it is back."""

from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
import pytest

from lib import config
from lib.entry.template import OBS_SHEET, build_template_bytes
from lib.store import accounts
from lib.store.db import close_all, open_store
from tests.browser.test_browser import free_port, launch_browser, start_server, wait_done
from tests.conftest import OFFICE_PASSWORD, write_data_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
RATE = '.bs-card:has-text("总体达标率") .bs-card-value'  # the overview's number card (lib.presentation.cards)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A server over the tiny data with its own store, where the office account exists."""
    base = tmp_path_factory.mktemp("store-browser")
    data, state = write_data_dir(base / "data"), base / "state"
    store = open_store(state=state, source=data)
    accounts.add_account(store, "office", accounts.ROLE_ADMIN, OFFICE_PASSWORD, by=accounts.SHELL)
    close_all()
    import pandas as pd

    catalogue = pd.read_parquet(data / config.INDICATORS), pd.read_parquet(data / config.GOALS)
    wb = openpyxl.load_workbook(io.BytesIO(build_template_bytes(*catalogue, 2024)))
    assert wb[OBS_SHEET]["A3"].value == "A2-G01-1"
    wb[OBS_SHEET]["F3"], wb[OBS_SHEET]["I3"] = 90, "正式"  # 66 % (倒退) becomes 90 %, above its target
    upload = base / "卫健填报.xlsx"
    wb.save(upload)
    port = free_port()
    proc = start_server(ROOT / "app.py", port, {**os.environ, config.DATA_DIR_ENV: str(data)}, state=state)
    yield f"http://127.0.0.1:{port}", upload, base
    proc.terminate()
    proc.wait(timeout=10)


def _rate(tab, url: str) -> str:
    tab.goto(f"{url}/?year=2024")  # the overview is the default page, served at /
    wait_done(tab, 60_000)
    return tab.locator(RATE).first.inner_text()


def _login(tab) -> None:
    tab.get_by_label("用户名").fill("office")
    tab.get_by_label("密码").fill(OFFICE_PASSWORD)
    tab.get_by_role("button", name="登录").click()
    tab.get_by_text("已登录：office（管理员）").wait_for(timeout=30_000)


def test_login_upload_commit_overview_restore(site):
    url, upload, base = site
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_browser(pw)
        tab = browser.new_page(viewport={"width": 1600, "height": 1000})
        before = _rate(tab, url)

        tab.goto(f"{url}/data-import?year=2024")
        wait_done(tab, 60_000)
        _login(tab)
        tab.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(upload))
        tab.get_by_text("3. 核对并确认导入").wait_for(timeout=60_000)
        wait_done(tab, 60_000)
        tab.screenshot(path=str(base / "preview.png"), full_page=True)
        tab.get_by_role("button", name="确认导入").click()
        tab.get_by_text("已导入为第 1 版").wait_for(timeout=60_000)

        after = _rate(tab, url)  # a new page load reads version 1
        assert after != before, (before, after)

        tab.screenshot(path=str(base / "overview-after.png"), full_page=True)
        tab.get_by_role("link", name="数据版本").click()
        _login(tab)  # the page load above started a new session (Streamlit keeps a login per session)
        tab.get_by_text("恢复到早先的版本").wait_for(timeout=60_000)
        wait_done(tab, 60_000)
        tab.get_by_text("我确认把数据恢复到第 0 版").click()
        tab.get_by_role("button", name="恢复").click()
        tab.get_by_text("已恢复：第 2 版的数据与第 0 版相同").wait_for(timeout=60_000)
        tab.screenshot(path=str(base / "versions.png"), full_page=True)
        assert _rate(tab, url) == before
        browser.close()

"""Real headless Chromium against a freshly started server: every page by direct URL, charts drawn, no error."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from lib import config
from tests.conftest import LEAD_A, write_data_dir

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# (url path with its parameters, CSS selector of a static chart or "", the page's heading)
SVG_IMAGE = 'img[src^="data:image/svg+xml"]'  # a chart rendered to SVG on the server (lib.ui.charts.svg_html)
SMALL_MULTIPLES = f".bs-sm {SVG_IMAGE}"  # the area pages' small multiples
STATUS_BARS = f".bs-bars {SVG_IMAGE}"  # the overview's status bars
VEGA = '[data-testid="stVegaLiteChart"] svg.marks'  # a chart drawn in the browser by Vega
TREND_CHART = f"{VEGA} g.mark-symbol.role-mark path"  # the indicator page's trend chart: its points
TARGET_LINE = f"{VEGA} g.target_marks line"  # the target line (lib.presentation.charts.TARGET_MARK)
FILTERS = "筛选条件"  # the popover holding the global controls (lib.ui.widgets.FILTERS_LABEL)
PAGES = (
    ("health?year=2022", SMALL_MULTIPLES, "妇女与健康"),  # the very first visitor opens an area page directly
    ("", STATUS_BARS, "规划实施监测总览"),
    ("education", SMALL_MULTIPLES, "妇女与教育"),
    ("economy", SMALL_MULTIPLES, "妇女与经济"),
    ("decision", SMALL_MULTIPLES, "妇女参与决策和管理"),
    ("social-security", SMALL_MULTIPLES, "妇女与社会保障"),
    ("law", SMALL_MULTIPLES, "妇女与法律"),
    ("family", SMALL_MULTIPLES, "妇女与家庭建设"),
    ("environment", SMALL_MULTIPLES, "妇女与环境"),
    ("indicator?id=A1-G01-1&year=2024", TREND_CHART, "孕产妇死亡率"),  # A1-G01-1 of the fixture catalogue
    ("catalogue?area=A2", "", "规划目录"),
    ("department?dept=区卫生健康局", "", "部门责任"),
    ("data-import", "", "数据填报"),
    ("report?year=2023", "", "监测报告"),
)
DONE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return !!app && app.dataset.testScriptState === 'notRunning'
    && app.dataset.testConnectionState === 'CONNECTED'
    && !document.querySelector('[data-testid="stElementContainer"][data-stale="true"]');
}"""

SKELETON_FREE_JS = """() => ![...document.querySelectorAll('[data-testid="stSkeleton"]')]
  .some(s => s.getBoundingClientRect().height > 0)"""  # lazily loaded widgets show a skeleton first


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    app: Path, port: int, env: dict[str, str], cwd: Path | None = None, state: Path | None = None
) -> subprocess.Popen:
    """A fresh streamlit server on the port (run in `cwd`, default the app's folder); returns once it is healthy.

    Its store lives in `state`, by default a new empty folder: servers never share a store or its publication.
    """
    env = {**env, config.STATE_DIR_ENV: str(state or tempfile.mkdtemp(prefix="boshan-server-state-"))}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
    ]
    proc = subprocess.Popen(cmd, cwd=cwd or app.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("streamlit 服务器 60 秒内未启动")


def launch_browser(playwright):
    """Debian's chromium; a missing one fails in CI and skips elsewhere."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI 中缺少浏览器 {CHROMIUM}：请安装 Debian 的 chromium")
        pytest.skip(f"缺少 {CHROMIUM}")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def wait_done(page, timeout_ms: int = 30000) -> None:
    page.wait_for_function(DONE_JS, timeout=timeout_ms)


def choose_year(page, label: str) -> None:
    """Open the global controls' popover and pick the year option `label` (e.g. 2022年)."""
    page.get_by_role("button", name=FILTERS).click()
    page.locator('[data-testid="stPopoverBody"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name=label).click()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    env = {**os.environ, "BOSHAN_DATA_DIR": str(write_data_dir(tmp_path_factory.mktemp("browser") / "data"))}
    port = free_port()
    proc = start_server(ROOT / "app.py", port, env)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    tab = context.new_page()
    yield tab
    context.close()


@pytest.mark.parametrize(("path", "static_chart", "text"), PAGES, ids=[p[0] or "overview" for p in PAGES])
def test_page_by_direct_url(server, page, path, static_chart, text):
    page.goto(f"{server}/{path}")
    # the heading, not any text: table cells are drawn on a canvas and their DOM copies are hidden
    page.get_by_role("heading", name=text).filter(visible=True).first.wait_for(timeout=30000)
    wait_done(page)
    if static_chart:
        page.locator(static_chart).first.wait_for(timeout=30000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    # the app's own navigation, not the legacy auto-generated one
    assert page.get_by_text("发展领域", exact=True).count() >= 1
    # no English Streamlit chrome: no menu (Print, Settings, About), no Deploy button
    assert page.locator('[data-testid="stMainMenu"]').count() == 0
    assert page.locator('[data-testid="stAppDeployButton"]').count() == 0


def _trend_years(page) -> int:
    """How many value points the browser-drawn trend chart shows."""
    return page.locator(f"{VEGA} g.mark-symbol.role-mark").last.locator("path").count()


def test_indicator_page_draws_altair_chart_with_target_line(server, page):
    page.goto(f"{server}/indicator?id=A1-G01-1&year=2024")
    page.locator(TARGET_LINE).first.wait_for(state="attached", timeout=30000)  # 0 px high: never "visible"
    wait_done(page)
    assert page.locator(TREND_CHART).count() >= 5  # 2020-2024 and the reference points
    assert page.locator('[data-testid="stException"]').count() == 0


def test_area_small_multiples_are_server_svg(server, page):
    page.goto(f"{server}/health?year=2024")
    page.locator(SMALL_MULTIPLES).first.wait_for(timeout=30000)
    wait_done(page)
    assert page.locator(f"{VEGA}").count() == 0  # no Vega in the browser: the SVG came drawn
    assert page.locator(SMALL_MULTIPLES).first.evaluate("img => img.complete && img.naturalWidth > 300")


def test_year_change_redraws_and_rewrites_url(server, page):
    page.goto(f"{server}/indicator?id=A1-G01-1&year=2024")
    page.get_by_text("已达到目标").first.wait_for(timeout=30000)
    page.locator(TREND_CHART).first.wait_for(timeout=30000)
    before = _trend_years(page)
    choose_year(page, "2022年")
    page.wait_for_url("**year=2022**", timeout=30000)
    page.get_by_text("2022年评估").first.wait_for(timeout=30000)
    wait_done(page)
    page.locator(TREND_CHART).first.wait_for(timeout=30000)
    assert page.get_by_text("已达到目标").count() == 0
    assert _trend_years(page) == before - 2  # 2023 and 2024 are gone


def test_page_switch_keeps_the_filters(server, page):
    """Clicking pages in the navigation keeps the year, department and role chosen (the year's widget sits in an
    unopened popover, so the browser sends no value back for it; the URL loses its parameters on a switch)."""
    page.goto(f"{server}/catalogue?year=2022&dept={LEAD_A}&scope=牵头")
    wait_done(page)
    for title, path in (("总览", "/?"), ("妇女与健康", "/health")):
        page.locator('[data-testid="stSidebarNav"] a', has_text=title).first.click()
        page.wait_for_url(f"**{path}**", timeout=30000)
        page.get_by_text("数据截至").first.wait_for(timeout=30000)
        wait_done(page)
        assert page.get_by_text("数据截至").first.inner_text().startswith(f"2022年　|　{LEAD_A}（牵头）")
        assert page.get_by_role("heading", name="规划实施监测总览" if title == "总览" else title).count() == 1


def test_area_indicator_link_opens_indicator(server, page):
    page.goto(f"{server}/health?year=2022")
    page.get_by_role("link", name="孕产妇死亡率").first.click()
    page.wait_for_url("**/indicator?id=A1-G01-1&year=2022**", timeout=30000)
    page.get_by_role("heading", name="孕产妇死亡率").filter(visible=True).first.wait_for(timeout=30000)
    wait_done(page)
    page.locator(TREND_CHART).first.wait_for(timeout=30000)

"""Measure every page against hello-world apps in one run and write docs/benchmark.md.

Server side: AppTest script time (median of warm reruns) and what each chart costs to build and render
(vl-convert, uncached and cached). Browser, each alternating round by round with a hello-world app so a load
spike on this shared machine hits both alike:
- fresh load: a new Chromium session from opening the link to the page fully drawn, with the main-thread
  task time Chromium reports and the JavaScript the page loaded;
- page switch: in an open session, from clicking the page in the navigation to the page fully drawn;
- filter change: from choosing another year in the filters popover to the redrawn page;
- meeting step: in meeting mode at 1920×1080, from pressing → to the next slide fully drawn, every slide, against
  a hello-world app whose → button reruns a fragment the same way.
Usage: .venv/bin/python scripts/benchmark.py [--runs 5] [--out docs/benchmark.md] [--meeting-only]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from lib import config  # noqa: E402
from tests.browser.test_browser import (  # noqa: E402
    DONE_JS,
    FILTERS,
    SKELETON_FREE_JS,
    SMALL_MULTIPLES,
    STATUS_BARS,
    TREND_CHART,
    free_port,
    launch_browser,
    start_server,
)

HELLO = 'import streamlit as st\n\nst.title("你好")\n'
# hello-world with two pages and a year select in a popover: the floor of a page switch and a filter change
HELLO_NAV = """import streamlit as st

def one():
    st.title("你好")

def two():
    st.title("第二页")

page = st.navigation([st.Page(one, title="第一页", url_path="one", default=True),
                      st.Page(two, title="第二页", url_path="two")])
with st.sidebar, st.popover("筛选条件"):
    year = st.selectbox("评估年度", ["2024年", "2022年"], key="year_pick")
st.query_params["year"] = year[:4]
st.caption(year)
page.run()
"""
# hello-world of a meeting step: a → button (shortcut Right) in a fragment, the slide number in the URL
HELLO_MEETING = """import streamlit as st

st.set_page_config(layout="wide")


def go():
    st.query_params["slide"] = str(int(st.query_params.get("slide", "1")) + 1)


@st.fragment
def slide():
    st.button("下一页", shortcut="Right", on_click=go)
    st.html(f'<div class="bs-slide-pos">{st.query_params.get("slide", "1")} / 16</div>')


slide()
"""
MEETING_MARK, MEETING_END = "<!-- 会议模式翻页（scripts/benchmark.py 生成） -->", "<!-- 会议模式翻页结束 -->"
GOAL_STEP = 0.5
TABLES_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .filter(d => d.getBoundingClientRect().height > 0).every(d => d.querySelector('canvas'))"""
# st.dataframe grids (department page) paint on a canvas; those in a tab not shown never do
JS_LOADED = """() => performance.getEntriesByType('resource').filter(r => r.name.split('?')[0].endsWith('.js'))
  .map(r => [r.name.split('/').pop().split('?')[0], r.encodedBodySize || r.transferSize || 0])"""
INDICATOR = "A1-G02-1"


@dataclass(frozen=True)
class Page:
    file: str
    path: str  # url path, without parameters
    nav: str  # its title in the navigation
    chart: str  # CSS selector of its chart, "" when it has none
    heading: str  # the page's heading; "" when the navigation opens a default (the indicator page)


PAGES = (
    Page("views/overview.py", "", "总览", STATUS_BARS, "规划实施监测总览"),
    Page("views/department.py", "department", "部门责任", "", "部门责任"),
    Page("views/area_health.py", "health", "妇女与健康", SMALL_MULTIPLES, "妇女与健康"),
    Page("views/area_education.py", "education", "妇女与教育", SMALL_MULTIPLES, "妇女与教育"),
    Page("views/area_economy.py", "economy", "妇女与经济", SMALL_MULTIPLES, "妇女与经济"),
    Page("views/area_decision.py", "decision", "妇女参与决策和管理", SMALL_MULTIPLES, "妇女参与决策和管理"),
    Page("views/area_social_security.py", "social-security", "妇女与社会保障", SMALL_MULTIPLES, "妇女与社会保障"),
    Page("views/area_law.py", "law", "妇女与法律", "", "妇女与法律"),  # all ten goals are qualitative: no chart
    Page("views/area_family.py", "family", "妇女与家庭建设", SMALL_MULTIPLES, "妇女与家庭建设"),
    Page("views/area_environment.py", "environment", "妇女与环境", SMALL_MULTIPLES, "妇女与环境"),
    Page("views/indicator.py", "indicator", "指标详情", TREND_CHART, ""),
    Page("views/catalogue.py", "catalogue", "规划目录", "", "规划目录"),
)
GOAL_LOAD, GOAL_SWITCH, GOAL_FILTER = 1.5, 0.5, 0.25
NOTES_MARK = "<!-- 分析（手写，重新测量时保留） -->"


def median(values) -> float:
    return statistics.median(list(values))


# ---------------------------------------------------------------- server side
def script_time(app: Path, page: str | None, runs: int, query: dict[str, str] | None = None) -> float:
    """Median seconds of a warm AppTest rerun of one page."""
    at = AppTest.from_file(str(app), default_timeout=120)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page).run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return median(times)


def _timed(func, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return median(times)


def chart_costs() -> dict[str, tuple[float, float, float]]:
    """Per chart kind: median seconds to build the Altair chart and its spec, to render it uncached, cached."""
    import pandas as pd

    from lib.presentation import area_tables as at
    from lib.presentation import indicator_detail as detail
    from lib.presentation import render
    from lib.presentation import view_models as vm
    from lib.presentation.explain import explain_statuses

    data = {
        name: pd.read_parquet(config.data_dir() / name)
        for name in (
            config.INDICATORS,
            config.GOALS,
            config.OBSERVATIONS,
            config.ASSESSMENTS,
            config.AREAS,
            config.REFERENCE,
        )
    }
    statuses = explain_statuses(
        data[config.INDICATORS], data[config.OBSERVATIONS], data[config.ASSESSMENTS], config.TARGET_YEAR
    )
    inds = data[config.INDICATORS]
    info = detail.indicator_record(inds, data[config.GOALS], INDICATOR)
    builders = {
        "总览：各领域状态条形图（SVG）": lambda: vm.build_overview_chart(vm.totals(statuses), inds, data[config.AREAS]),
        "妇女与健康：分面小图（SVG）": lambda: at.build_area_chart(
            data[config.OBSERVATIONS],
            inds,
            inds.loc[inds["area_id"] == "A1", "indicator_id"].tolist(),
            config.TARGET_YEAR,
        ),
        "指标页：走势图（spec，浏览器绘制）": lambda: detail.build_indicator_chart(
            info, data[config.OBSERVATIONS], statuses, data[config.REFERENCE], config.TARGET_YEAR
        ),
    }
    costs = {}
    for name, build in builders.items():
        built = _timed(lambda build=build: render.chart_spec(build()))
        spec = render.chart_spec(build())
        uncached = _timed(lambda spec=spec: render._svg.__wrapped__(render._key(spec)))
        render.to_svg(spec)
        cached = _timed(lambda spec=spec: render.to_svg(spec), runs=5)
        costs[name] = (built, uncached, cached)
    return costs


# ---------------------------------------------------------------- browser
def _drawn(page, chart: str, heading: str) -> None:
    if heading:
        page.get_by_role("heading", name=heading).filter(visible=True).first.wait_for(timeout=60000)
    page.wait_for_function(DONE_JS, timeout=60000)
    page.wait_for_function(SKELETON_FREE_JS, timeout=60000)
    page.wait_for_function(TABLES_DRAWN_JS, timeout=60000)
    if chart:
        page.locator(chart).first.wait_for(timeout=60000)


def _new_page(browser):
    context = browser.new_context(viewport={"width": 1600, "height": 1000}, locale="zh-CN")
    return context, context.new_page()


def fresh_load(browser, url: str, chart: str, heading: str) -> tuple[float, float, list]:
    """Seconds to a fully drawn page in a fresh session, main-thread task seconds, the JS files loaded."""
    context, page = _new_page(browser)
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    start = time.perf_counter()
    page.goto(url)
    _drawn(page, chart, heading)
    elapsed = time.perf_counter() - start
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    scripts = page.evaluate(JS_LOADED)
    context.close()
    return elapsed, metrics["TaskDuration"], scripts


def page_switch(browser, start_url: str, nav: str, chart: str, heading: str) -> float:
    """Seconds from clicking `nav` in the navigation of an open session to the page fully drawn."""
    context, page = _new_page(browser)
    page.goto(start_url)
    page.wait_for_function(DONE_JS, timeout=60000)
    page.wait_for_function(SKELETON_FREE_JS, timeout=60000)
    link = page.locator('[data-testid="stSidebarNav"] a', has_text=nav).first
    old_url = page.url
    start = time.perf_counter()
    link.click()
    page.wait_for_url(lambda url: url != old_url, timeout=60000)
    _drawn(page, chart, heading)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def filter_change(browser, url: str, chart: str, heading: str) -> float:
    """Seconds from choosing 2022 in the filters popover (page opened at 2024) to the redrawn page."""
    context, page = _new_page(browser)
    page.goto(url)
    _drawn(page, chart, heading)
    page.get_by_role("button", name=FILTERS).click()
    page.locator('[data-testid="stPopoverBody"] [data-testid="stSelectbox"]').first.click()
    option = page.get_by_role("option", name="2022年")
    option.wait_for(timeout=60000)
    start = time.perf_counter()
    option.click()
    page.wait_for_url("**year=2022**", timeout=60000)
    _drawn(page, chart, heading)
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def _url(base: str, page: Page, year: int) -> str:
    query = f"?id={INDICATOR}&year={year}" if page.path == "indicator" else f"?year={year}"
    return f"{base}/{page.path}{query}"


def browser_rounds(browser, base: str, hello: str, nav: str, runs: int) -> dict[str, dict[str, list]]:
    """Every page's fresh load, switch and filter change, each followed by its hello-world reference."""
    got: dict[str, dict[str, list]] = {}

    def add(name: str, kind: str, value) -> None:
        got.setdefault(name, {}).setdefault(kind, []).append(value)

    for _ in range(runs):
        for page in PAGES:
            add(page.file, "load", fresh_load(browser, _url(base, page, 2024), page.chart, page.heading))
            add("hello", "load", fresh_load(browser, hello, "", "你好"))
            start = f"{base}/{'catalogue' if page.path != 'catalogue' else ''}?year=2024"
            add(page.file, "switch", page_switch(browser, start, page.nav, page.chart, page.heading))
            add("hello", "switch", page_switch(browser, f"{nav}/", "第二页", "", "第二页"))
            add(page.file, "filter", filter_change(browser, _url(base, page, 2024), page.chart, page.heading))
            add("hello", "filter", filter_change(browser, f"{nav}/", "", "你好"))
    return got


def meeting_steps(browser, url: str, slides: int | None = None, pause: float = 0) -> list[float]:
    """Seconds from pressing → to the next slide fully drawn (number shown, script done, images decoded), per step;
    the first step `pause` seconds after the meeting opened."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    page = context.new_page()
    page.goto(url)
    position = page.locator(".bs-slide-pos").first
    position.wait_for(timeout=60000)
    _drawn(page, "", "")
    total = slides or int(position.inner_text().split("/")[1])
    time.sleep(pause)
    times = []
    for number in range(2, total + 1):
        start = time.perf_counter()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            f"() => [...document.querySelectorAll('.bs-slide-pos')].some(p => p.textContent.startsWith('{number} /'))",
            timeout=60000,
        )
        page.wait_for_function(DONE_JS, timeout=60000)
        page.wait_for_function(SKELETON_FREE_JS, timeout=60000)
        page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=60000)
        times.append(time.perf_counter() - start)
    context.close()
    return times


WARM_PAUSE = 15  # seconds between opening the meeting and the first step, as when it is opened before it starts


def meeting_rounds(browser, base: str, hello: str, runs: int) -> dict[str, list[float]]:
    """Every step of the meeting, each pass followed by as many hello-world steps: 2024 stepped straight away on the
    fresh server, 2023 (charts not yet drawn) stepped WARM_PAUSE s after opening, then 2024 again (all cached)."""
    got: dict[str, list[float]] = {"first": [], "warmed": [], "steps": [], "hello": []}
    passes = [("first", 2024, 0), ("warmed", 2023, WARM_PAUSE)] + [("steps", 2024, 0)] * max(runs - 1, 1)
    for kind, year, pause in passes:
        steps = meeting_steps(browser, f"{base}/meeting?year={year}", pause=pause)
        got[kind] += steps
        got["hello"] += meeting_steps(browser, hello, len(steps) + 1)
    return got


def meeting_section(got: dict[str, list[float]]) -> list[str]:
    hello = median(got["hello"])

    def row(label: str, times: list[float]) -> str:
        return f"| {label} | {len(times)} | {median(times):.2f} | {max(times):.2f} | {median(times) / hello:.2f}× |"

    lines = [
        MEETING_MARK,
        "## 会议模式翻页（1920×1080，总览 → 八个领域 → 红色预警指标）",
        "",
        f"从按下 → 键到下一页完全绘制（页码已更新、脚本结束、图片已解码），目标 ≤ {GOAL_STEP} s。"
        "对照：一个只有“下一页”按钮（同样的快捷键和 fragment）的 hello-world 应用。",
        "",
        "| 测量 | 翻页次数 | 中位数 (s) | 最慢 (s) | 相对 hello-world |",
        "|---|---:|---:|---:|---:|",
        row("刚启动的服务器，打开后立即翻页（图表边翻边渲染）", got["first"]),
        row(f"打开 {WARM_PAUSE} 秒后开始翻页（2023年，图表已在后台预先渲染）", got["warmed"]),
        row("再次放映（2024年，全部已缓存）", got["steps"]),
        row("hello-world 翻页", got["hello"]),
        "",
        "时间花在哪里：一页只重跑翻页的 fragment（不重跑页面框架）；每页的图表是服务器渲染的 SVG，按数据指纹缓存，"
        "会议打开时后台线程按放映顺序预先渲染全部图表（lib/ui/meeting.warm_charts），领域页的指标表也按筛选缓存。"
        "未缓存时一张图 vl-convert 渲染约 0.1–0.4 s，刚启动的服务器上立即翻页时与后台预渲染争用两个 CPU 核。",
        f"测量时间：{time.strftime('%Y-%m-%d %H:%M')} UTC；1 分钟平均负载 {os.getloadavg()[0]:.1f}。",
        MEETING_END,
        "",
    ]
    return lines


def write_meeting_section(out: Path, lines: list[str], mark: str = MEETING_MARK, end: str = MEETING_END) -> None:
    """Put a generated section (meeting steps, store commits) into the report, replacing an earlier one
    (before the hand-written notes)."""
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if mark in old:
        head, rest = old.split(mark, 1)
        tail = rest.split(end, 1)[1].lstrip("\n") if end in rest else ""
    elif NOTES_MARK in old:
        head, tail = old[: old.index(NOTES_MARK)], old[old.index(NOTES_MARK) :]
    else:
        head, tail = old, ""
    tmp = out.with_suffix(".tmp")
    tmp.write_text(head + "\n".join(lines) + "\n" + tail, encoding="utf-8")
    os.replace(tmp, out)


def main_meeting_only() -> int:
    """Only the meeting steps: update their section of the report, leave the rest as measured before."""
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        hello_app = Path(tmp) / "hello_meeting.py"
        hello_app.write_text(HELLO_MEETING, encoding="utf-8")
        ports = {"app": free_port(), "hello": free_port()}
        servers = [start_server(ROOT / "app.py", ports["app"], dict(os.environ))]
        servers.append(start_server(hello_app, ports["hello"], dict(os.environ)))
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                got = meeting_rounds(
                    browser, f"http://127.0.0.1:{ports['app']}", f"http://127.0.0.1:{ports['hello']}/", ARGS.runs
                )
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    write_meeting_section(ARGS.out, meeting_section(got))
    print("\n".join(meeting_section(got)))
    return 0


# ---------------------------------------------------------------- report
def _kb(scripts: list) -> float:
    return sum(size for _, size in scripts) / 1024


def _extra_bundles(scripts: list, hello_scripts: list) -> str:
    """The JavaScript files a page loaded beyond hello-world's, largest first."""
    seen = {name for name, _ in hello_scripts}
    extra = sorted({(name, size) for name, size in scripts if name not in seen}, key=lambda s: -s[1])
    return "、".join(f"{name}（{size / 1024:.0f} KB）" for name, size in extra[:4]) or "无"


def _misses(name: str, row: dict, hello: dict) -> list[str]:
    """Why a page misses a goal, from the numbers measured."""
    notes = []
    if row["ratio"] > GOAL_LOAD:
        notes.append(
            f"全新加载 {row['ratio']:.2f}×：主线程任务 {row['task']:.2f} s"
            f"（hello-world {hello['task']:.2f} s），服务器脚本 {row['script'] * 1000:.0f} ms，"
            f"比 hello-world 多加载的脚本：{row['extra']}"
        )
    if row["switch"] > GOAL_SWITCH:
        notes.append(
            f"页面切换 {row['switch']:.2f} s：其中服务器脚本约 {row['script'] * 1000:.0f} ms，"
            f"hello-world 的切换本身 {hello['switch']:.2f} s，其余为浏览器绘制"
        )
    if row["filter"] > GOAL_FILTER:
        notes.append(
            f"筛选变化 {row['filter']:.2f} s：服务器脚本约 {row['script'] * 1000:.0f} ms，"
            f"hello-world 的同一操作 {hello['filter']:.2f} s，其余为浏览器重绘"
        )
    return [f"- {name}：" + "；".join(notes)] if notes else []


def write_report(out: Path, scripts: dict[str, float], got: dict, costs: dict, load: tuple[float, float]) -> None:
    h = got["hello"]
    hello = {
        "load": median(x[0] for x in h["load"]),
        "task": median(x[1] for x in h["load"]),
        "switch": median(h["switch"]),
        "filter": median(h["filter"]),
        "scripts": h["load"][0][2],
    }
    lines = [
        "# 性能测量（scripts/benchmark.py）",
        "",
        f"同一次运行中测得，每项 {ARGS.runs} 次的中位数，每次页面测量之后紧接着测一次 hello-world，"
        "机器负载的波动对两者相同。",
        "全新加载：新的浏览器会话从打开链接到页面完全绘制（标题、图表在，脚本运行结束，无待加载控件）；"
        "页面切换：已打开的会话里点击导航中的页面到绘制完成；"
        "筛选变化：在“筛选条件”弹出框中把评估年度从 2024 改为 2022 到页面重绘完成。",
        f"目标：全新加载 ≤ hello-world 的 {GOAL_LOAD}×，页面切换 ≤ {GOAL_SWITCH} s，筛选变化 ≤ {GOAL_FILTER} s。",
        "",
        "| 页面 | 脚本时间 (ms) | 全新加载 (s) | 相对 hello-world | 主线程任务 (s) | 脚本 (KB) "
        "| 页面切换 (s) | 筛选变化 (s) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| hello-world | {scripts['hello'] * 1000:.0f} | {hello['load']:.2f} | 1.00× | {hello['task']:.2f} | "
        f"{_kb(hello['scripts']):.0f} | {hello['switch']:.2f}（两页版） | {hello['filter']:.2f}（弹出框版） |",
    ]
    notes = []
    for page in PAGES:
        g = got[page.file]
        row = {
            "script": scripts[page.file],
            "load": median(x[0] for x in g["load"]),
            "task": median(x[1] for x in g["load"]),
            "switch": median(g["switch"]),
            "filter": median(g["filter"]),
            "extra": _extra_bundles(g["load"][0][2], hello["scripts"]),
        }
        row["ratio"] = row["load"] / hello["load"]
        lines.append(
            f"| {page.file.removeprefix('views/')} | {row['script'] * 1000:.0f} | {row['load']:.2f} | "
            f"{row['ratio']:.2f}× | {row['task']:.2f} | {_kb(g['load'][0][2]):.0f} | {row['switch']:.2f} | "
            f"{row['filter']:.2f} |"
        )
        notes += _misses(page.file.removeprefix("views/"), row, hello)
    lines += ["", "## 未达到目标之处及时间花在哪里（自动生成）", "", *(notes or ["- 全部达到目标。"]), ""]
    lines += [
        "## 图表的服务器端成本（vl-convert）",
        "",
        "| 图表 | 构建 Altair 图和 spec (ms) | vl-convert 渲染 SVG，无缓存 (ms) | 已缓存 (ms) |",
        "|---|---:|---:|---:|",
    ]
    lines += [f"| {name} | {b * 1000:.0f} | {u * 1000:.0f} | {c * 1000:.2f} |" for name, (b, u, c) in costs.items()]
    lines += [
        "",
        "页面上的图表按数据指纹缓存（lib/ui/charts.py）：同一数据、同一筛选的再次运行"
        "直接取缓存的 SVG 或 spec，不再构建或渲染。",
        "",
        f"测量时间：{time.strftime('%Y-%m-%d %H:%M')} UTC；机器：{os.cpu_count()} 核（与其他进程共用）；"
        f"1 分钟平均负载：开始时 {load[0]:.1f}，结束时 {load[1]:.1f}。",
        "",
    ]
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if NOTES_MARK in old:  # the hand-written analysis below the table survives a re-run
        lines += [old[old.index(NOTES_MARK) :].rstrip("\n"), ""]
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.replace(tmp, out)


# ---------------------------------------------------------------- the store
STORE_MARK, STORE_END = "<!-- 数据库提交（scripts/benchmark.py 生成） -->", "<!-- 数据库提交结束 -->"


def store_rounds(runs: int) -> dict[str, list[float]]:
    """One import of a filled 2025 template (30 values) committed to the SQLite store, alternating with the
    baseline of the same run: the old way, merging into the Parquet tables and writing both with one atomic
    writer (no versions, no lock, no audit). Also a reader's cost of finding the published folder."""
    from lib.contract.files import write_all_atomic
    from lib.contract.tables import load_assessments, load_catalogue_table, load_observations
    from lib.entry.importer import commit_import, plan_import, read_upload
    from lib.entry.template import OBS_SHEET, build_template_bytes
    from lib.store import accounts, versions
    from lib.store.db import close_all, open_store

    got: dict[str, list[float]] = {"store": [], "files": [], "data_dir": [], "source_dir": []}
    shipped = config.DEFAULT_DATA_DIR
    with tempfile.TemporaryDirectory() as tmp:
        state, out = Path(tmp) / "state", Path(tmp) / "files"
        out.mkdir()
        store = open_store(state=state, source=shipped)
        office = accounts.add_account(store, "bench", accounts.ROLE_ADMIN, "bench-pass-1", by=accounts.SHELL)
        catalogue = [load_catalogue_table(n, shipped) for n in (config.INDICATORS, config.GOALS)]
        for run in range(runs):
            wb = openpyxl.load_workbook(io.BytesIO(build_template_bytes(*catalogue, 2025)))
            for row in range(2, 32):
                wb[OBS_SHEET].cell(row=row, column=6, value=50 + run + row / 10)
            buffer = io.BytesIO()
            wb.save(buffer)
            data = buffer.getvalue()
            parsed = read_upload(data, "bench.xlsx")
            head = versions.snapshot(store).version
            start = time.perf_counter()
            commit_import(store, parsed, data, head, office)
            got["store"].append(time.perf_counter() - start)
            start = time.perf_counter()
            plan = plan_import(load_observations(shipped), load_assessments(shipped), parsed)
            tables = {out / config.OBSERVATIONS: plan.observations, out / config.ASSESSMENTS: plan.assessments}
            write_all_atomic({t: (lambda tmp, df=df: df.to_parquet(tmp, index=False)) for t, df in tables.items()})
            got["files"].append(time.perf_counter() - start)
        os.environ[config.STATE_DIR_ENV] = str(state)
        for name, func in (("data_dir", config.data_dir), ("source_dir", config.source_dir)):
            start = time.perf_counter()
            for _ in range(1000):
                func()
            got[name].append((time.perf_counter() - start) / 1000)
        close_all()
    return got


def store_section(got: dict[str, list[float]]) -> list[str]:
    store, files = median(got["store"]), median(got["files"])
    reader, direct = median(got["data_dir"]), median(got["source_dir"])
    return [
        STORE_MARK,
        "## 数据库提交（导入一份填报文件）",
        "",
        f"同一次运行中交替测得，各 {len(got['store'])} 次的中位数；导入 2025 年全部单位模板中的 30 个数值。",
        "",
        "| 做法 | 中位数 | 对比 |",
        "|---|---|---|",
        f"| 提交到数据库（SQLite：检查、比较并交换、版本、审计、发布 Parquet） | {store * 1000:.0f} ms "
        f"| {store / files:.2f}× |",
        f"| 基线：合并后直接写两个 Parquet 文件（旧做法，无版本和并发保护） | {files * 1000:.0f} ms | 1.00× |",
        f"| 读取方找到当前发布版本（config.data_dir，每次调用） | {reader * 1e6:.0f} µs "
        f"| {reader / direct:.0f}× 直接用 data/ |",
        "",
        STORE_END,
    ]


def main_store_only() -> int:
    lines = store_section(store_rounds(max(ARGS.runs, 5)))
    write_meeting_section(ARGS.out, lines, STORE_MARK, STORE_END)
    print("\n".join(lines))
    return 0


def main() -> int:
    from playwright.sync_api import sync_playwright

    load_start = os.getloadavg()[0]
    costs = chart_costs()
    with tempfile.TemporaryDirectory() as tmp:
        apps = {}
        for name, source in (("hello", HELLO), ("nav", HELLO_NAV)):
            apps[name] = Path(tmp) / f"{name}.py"
            apps[name].write_text(source, encoding="utf-8")
        scripts = {"hello": script_time(apps["hello"], None, ARGS.runs)}
        scripts |= {
            p.file: script_time(
                ROOT / "app.py", p.file, ARGS.runs, {"id": INDICATOR} if p.path == "indicator" else None
            )
            for p in PAGES
        }
        ports = {name: free_port() for name in ("app", *apps)}
        servers = [start_server(ROOT / "app.py", ports["app"], dict(os.environ))]
        servers += [start_server(path, ports[name], dict(os.environ)) for name, path in apps.items()]
        base = f"http://127.0.0.1:{ports['app']}"
        hello, nav = f"http://127.0.0.1:{ports['hello']}/", f"http://127.0.0.1:{ports['nav']}"
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                browser_rounds(browser, base, hello, nav, 1)  # one discarded round: imports and caches warm
                got = browser_rounds(browser, base, hello, nav, ARGS.runs)
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    write_report(ARGS.out, scripts, got, costs, (load_start, os.getloadavg()[0]))
    main_meeting_only()
    main_store_only()
    print(ARGS.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="测量各页面的全新加载、页面切换和筛选变化时间，与 hello-world 对照")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark.md")
    parser.add_argument("--only", default="", help="只测 url 路径含此文字的页面（试运行用）")
    parser.add_argument("--meeting-only", action="store_true", help="只测会议模式翻页，更新报告中的该节")
    parser.add_argument("--store-only", action="store_true", help="只测数据库提交，更新报告中的该节")
    ARGS = parser.parse_args()
    PAGES = tuple(p for p in PAGES if ARGS.only in p.path) if ARGS.only else PAGES
    sys.exit(main_store_only() if ARGS.store_only else main_meeting_only() if ARGS.meeting_only else main())

"""Measure every page against a hello-world Streamlit app in one run and write docs/benchmark.md.

Server side: AppTest script time (median of warm reruns). Browser: time to full render in a fresh
Chromium session (new context per load, median; the loads of all pages and references interleaved
round by round, so a load spike on this shared machine hits every page alike) with the main-thread
task time Chromium reports, and the time from a year change to the redrawn chart.
Usage: .venv/bin/python scripts/benchmark.py [--runs 5] [--out docs/benchmark.md]
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from streamlit.testing.v1 import AppTest  # noqa: E402

from test_browser import DONE_JS, TREND_CHART, free_port, launch_browser, start_server  # noqa: E402

HELLO = 'import streamlit as st\n\nst.title("你好")\n'
# floors for orientation: what one chart or one table alone adds to hello-world in the browser
ONE_CHART = HELLO + ('import altair as alt\nimport pandas as pd\n\nst.altair_chart(alt.Chart(pd.DataFrame('
                     '{"x": [1, 2], "y": [1, 2]})).mark_line().encode(x="x", y="y"))\n')
CHARTS_DRAWN_JS = """(n) => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  return charts.length >= n && charts.every(c => c.querySelector('svg.marks g.role-mark path, svg.marks g.role-mark line'));
}"""  # only the one-chart reference app still draws a Vega chart
TABLES_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .every(d => d.querySelector('canvas'))"""
ONE_TABLE = HELLO + 'import pandas as pd\n\nst.dataframe(pd.DataFrame({"x": [1, 2], "y": [1, 2]}))\n'
SMALL_MULTIPLES = ".bs-sm svg polyline"  # inline-SVG small multiples of the area pages
# (page file, url path, number of Vega charts, CSS selector of a static chart or "", the page's heading)
PAGES = (
    ("views/overview.py", "", 0, ".bs-bars .bs-bar span", "规划实施监测总览"),
    ("views/department.py", "department", 0, "", "部门责任"),
    ("views/area_health.py", "health", 0, SMALL_MULTIPLES, "妇女与健康"),
    ("views/area_education.py", "education", 0, SMALL_MULTIPLES, "妇女与教育"),
    ("views/area_economy.py", "economy", 0, SMALL_MULTIPLES, "妇女与经济"),
    ("views/area_decision.py", "decision", 0, SMALL_MULTIPLES, "妇女参与决策和管理"),
    ("views/area_social_security.py", "social-security", 0, SMALL_MULTIPLES, "妇女与社会保障"),
    ("views/area_law.py", "law", 0, SMALL_MULTIPLES, "妇女与法律"),
    ("views/area_family.py", "family", 0, SMALL_MULTIPLES, "妇女与家庭建设"),
    ("views/area_environment.py", "environment", 0, SMALL_MULTIPLES, "妇女与环境"),
    ("views/indicator.py", "indicator?id=A1-G02-1", 0, TREND_CHART, "孕产妇死亡率"),
    ("views/catalogue.py", "catalogue", 0, "", "规划目录"),
)
NOTES_MARK = "<!-- 分析（手写，重新测量时保留） -->"
Target = tuple[str, int, str, str]  # url, Vega charts, static chart selector, heading


def script_time(app: Path, page: str | None, runs: int) -> float:
    """Median seconds of a warm AppTest rerun of one page."""
    at = AppTest.from_file(str(app), default_timeout=120)
    at.run()
    if page:
        at.switch_page(page).run()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def load_once(browser, target: Target) -> tuple[float, float]:
    """Seconds from navigation to a fully rendered page in a fresh session, and Chromium's main-thread task time."""
    url, n_charts, static_chart, heading = target
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Performance.enable")
    start = time.perf_counter()
    page.goto(url)
    # the heading, not any text: table cells of st.dataframe are on a canvas, their DOM copies hidden
    page.get_by_role("heading", name=heading).filter(visible=True).first.wait_for(timeout=60000)
    page.wait_for_function(DONE_JS, timeout=60000)
    page.wait_for_function(CHARTS_DRAWN_JS, arg=n_charts, timeout=60000)
    if static_chart:
        page.locator(static_chart).first.wait_for(timeout=60000)
    page.wait_for_function(TABLES_DRAWN_JS, timeout=60000)
    elapsed = time.perf_counter() - start
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    context.close()
    return elapsed, metrics["TaskDuration"]


def render_times(browser, targets: dict[str, Target], runs: int) -> dict[str, tuple[float, float]]:
    """Median (render, task) seconds per target, loading every target once per round."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in targets}
    for _ in range(runs):
        for name, target in targets.items():
            samples[name].append(load_once(browser, target))
    return {name: (statistics.median(s[0] for s in got), statistics.median(s[1] for s in got))
            for name, got in samples.items()}


def filter_change_time(browser, base: str, runs: int) -> float:
    """Median seconds from choosing another year to the redrawn indicator chart."""
    times = []
    for i in range(runs):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.goto(f"{base}/indicator?id=A1-G02-1&year=2024")
        page.locator(TREND_CHART).first.wait_for(timeout=60000)
        page.wait_for_function(DONE_JS, timeout=60000)
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        option = page.get_by_role("option", name="2022年")
        start = time.perf_counter()
        option.click()
        page.get_by_text("2022年评估").first.wait_for(timeout=60000)
        page.wait_for_function(DONE_JS, timeout=60000)
        page.locator(TREND_CHART).first.wait_for(timeout=60000)
        times.append(time.perf_counter() - start)
        context.close()
    return statistics.median(times)


def write_report(out: Path, scripts: dict[str, float], renders: dict[str, tuple[float, float]], change: float) -> None:
    hello_script, (hello_render, hello_task) = scripts["hello-world"], renders["hello-world"]
    lines = [
        "# 性能测量（scripts/benchmark.py）", "",
        f"同一次运行中测得；服务器端为 AppTest 脚本时间（热缓存，{ARGS.runs} 次中位数），"
        f"浏览器为全新会话从打开链接到页面完全绘制的时间（{ARGS.runs} 轮交替加载的中位数），"
        "以及 Chromium 报告的主线程任务时间（脚本解析执行、样式、布局、绘制）。",
        "目标：各页面完全绘制时间不超过 hello-world 的 1.5 倍。", "",
        "| 页面 | 脚本时间 (ms) | 相对 hello-world | 完全绘制 (s) | 相对 hello-world | 主线程任务 (s) |",
        "|---|---:|---:|---:|---:|---:|",
        f"| hello-world | {hello_script * 1000:.0f} | 1.0× | {hello_render:.2f} | 1.00× | {hello_task:.2f} |",
    ]
    for name, script in scripts.items():
        if name == "hello-world":
            continue
        render, task = renders[name]
        lines.append(f"| {name} | {script * 1000:.0f} | {script / hello_script:.0f}× | {render:.2f} | "
                     f"{render / hello_render:.2f}× | {task:.2f} |")
    floors = [name for name in renders if name not in scripts]
    lines += ["", "参照（只测浏览器）：" + "；".join(
        f"{name} {renders[name][0]:.2f} s（{renders[name][0] / hello_render:.2f}×，主线程 {renders[name][1]:.2f} s）"
        for name in floors) + "。"]
    lines += ["", f"筛选变化（指标页切换评估年度）到图表重绘：{change:.2f} s。", "",
              f"测量时间：{time.strftime('%Y-%m-%d %H:%M')}；机器：{os.cpu_count()} 核（与其他进程共用），"
              f"测量期间 1 分钟平均负载约 {os.getloadavg()[0]:.1f}。", ""]
    old = out.read_text(encoding="utf-8") if out.exists() else ""
    if NOTES_MARK in old:  # the hand-written analysis below the table survives a re-run
        lines += [old[old.index(NOTES_MARK):].rstrip("\n"), ""]
    tmp = out.with_suffix(".tmp")
    tmp.write_text("\n".join(lines), encoding="utf-8")
    os.replace(tmp, out)


def main() -> int:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        apps = {}
        for name, source in (("hello", HELLO), ("chart", ONE_CHART), ("table", ONE_TABLE)):
            apps[name] = Path(tmp) / f"{name}.py"
            apps[name].write_text(source, encoding="utf-8")
        scripts = {"hello-world": script_time(apps["hello"], None, ARGS.runs)}
        scripts |= {p[0].removeprefix("views/"): script_time(ROOT / "app.py", p[0], ARGS.runs) for p in PAGES}
        ports = {name: free_port() for name in ("app", *apps)}
        servers = [start_server(ROOT / "app.py", ports["app"], dict(os.environ))]
        servers += [start_server(path, ports[name], dict(os.environ)) for name, path in apps.items()]
        base = f"http://127.0.0.1:{ports['app']}"
        targets: dict[str, Target] = {
            "hello-world": (f"http://127.0.0.1:{ports['hello']}/", 0, "", "你好"),
            "hello-world + 1 个图": (f"http://127.0.0.1:{ports['chart']}/", 1, "", "你好"),
            "hello-world + 1 个表格": (f"http://127.0.0.1:{ports['table']}/", 0, "", "你好"),
        }
        targets |= {p[0].removeprefix("views/"): (f"{base}/{p[1]}", p[2], p[3], p[4]) for p in PAGES}
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                render_times(browser, targets, 1)  # one discarded round: imports and caches warm
                renders = render_times(browser, targets, ARGS.runs)
                change = filter_change_time(browser, base, ARGS.runs)
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    write_report(ARGS.out, scripts, renders, change)
    print(ARGS.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="测量各页面的服务器脚本时间和浏览器完全绘制时间")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark.md")
    ARGS = parser.parse_args()
    sys.exit(main())

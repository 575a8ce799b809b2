"""Measure every page against a hello-world Streamlit app in one run and write docs/benchmark.md.

Server side: AppTest script time (median of warm reruns). Browser: time to full render in a fresh
Chromium session (new context per load, median), and the time from a year change to the redrawn
chart. Usage: .venv/bin/python scripts/benchmark.py [--runs 3] [--out docs/benchmark.md]
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

from test_browser import (CHARTS_DRAWN_JS, DONE_JS, free_port, launch_browser,  # noqa: E402
                          start_server)

HELLO = 'import streamlit as st\n\nst.title("你好")\n'
# floors for orientation: what one chart or one table alone adds to hello-world in the browser
ONE_CHART = HELLO + ('import altair as alt\nimport pandas as pd\n\nst.altair_chart(alt.Chart(pd.DataFrame('
                     '{"x": [1, 2], "y": [1, 2]})).mark_line().encode(x="x", y="y"))\n')
TABLES_DRAWN_JS = """() => [...document.querySelectorAll('[data-testid="stDataFrame"]')]
  .every(d => d.querySelector('canvas'))"""
ONE_TABLE = HELLO + 'import pandas as pd\n\nst.dataframe(pd.DataFrame({"x": [1, 2], "y": [1, 2]}))\n'
# (page file, url path, number of charts, text that marks the content)
PAGES = (
    ("views/overview.py", "", 1, "规划实施监测总览"),
    ("views/department.py", "department", 0, "部门责任"),
    ("views/area_health.py", "health", 1, "妇女与健康"),
    ("views/area_education.py", "education", 1, "妇女与教育"),
    ("views/area_economy.py", "economy", 1, "妇女与经济"),
    ("views/area_decision.py", "decision", 1, "妇女参与决策和管理"),
    ("views/area_social_security.py", "social-security", 1, "妇女与社会保障"),
    ("views/area_law.py", "law", 1, "妇女与法律"),
    ("views/area_family.py", "family", 1, "妇女与家庭建设"),
    ("views/area_environment.py", "environment", 1, "妇女与环境"),
    ("views/indicator.py", "indicator?id=A1-G02-1", 1, "孕产妇死亡率"),
    ("views/catalogue.py", "catalogue", 0, "规划目录"),
)


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


def render_time(browser, url: str, text: str, n_charts: int, runs: int) -> float:
    """Median seconds from navigation to a fully rendered page in a fresh session."""
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        page.get_by_text(text).first.wait_for(timeout=60000)
        page.wait_for_function(DONE_JS, timeout=60000)
        page.wait_for_function(CHARTS_DRAWN_JS, arg=n_charts, timeout=60000)
        page.wait_for_function(TABLES_DRAWN_JS, timeout=60000)
        times.append(time.perf_counter() - start)
        context.close()
    return statistics.median(times)


def filter_change_time(browser, base: str, runs: int) -> float:
    """Median seconds from choosing another year to the redrawn indicator chart."""
    times = []
    for i in range(runs):
        context = browser.new_context(viewport={"width": 1600, "height": 1000})
        page = context.new_page()
        page.goto(f"{base}/indicator?id=A1-G02-1&year=2024")
        page.wait_for_function(CHARTS_DRAWN_JS, arg=1, timeout=60000)
        page.wait_for_function(DONE_JS, timeout=60000)
        page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
        option = page.get_by_role("option", name="2022年")
        start = time.perf_counter()
        option.click()
        page.get_by_text("2022年评估").first.wait_for(timeout=60000)
        page.wait_for_function(DONE_JS, timeout=60000)
        page.wait_for_function(CHARTS_DRAWN_JS, arg=1, timeout=60000)
        times.append(time.perf_counter() - start)
        context.close()
    return statistics.median(times)


def write_report(out: Path, rows: list[tuple[str, float, float]], hello: tuple[float, float],
                 floors: dict[str, float], change: float) -> None:
    lines = [
        "# 性能测量（scripts/benchmark.py）", "",
        f"同一次运行中测得；服务器端为 AppTest 脚本时间（热缓存，{ARGS.runs} 次中位数），"
        f"浏览器为全新会话从打开链接到页面完全绘制的时间（{ARGS.runs} 次中位数）。",
        "目标：各页面完全绘制时间不超过 hello-world 的 1.5 倍。", "",
        "| 页面 | 脚本时间 (ms) | 相对 hello-world | 完全绘制 (s) | 相对 hello-world |",
        "|---|---:|---:|---:|---:|",
        f"| hello-world | {hello[0] * 1000:.0f} | 1.0× | {hello[1]:.2f} | 1.0× |",
    ]
    for name, script, render in rows:
        lines.append(f"| {name} | {script * 1000:.0f} | {script / hello[0]:.0f}× | {render:.2f} | "
                     f"{render / hello[1]:.2f}× |")
    lines += ["", "参照（只测浏览器）：" + "；".join(
        f"{name} {value:.2f} s（{value / hello[1]:.2f}×）" for name, value in floors.items()) + "。"]
    lines += ["", f"筛选变化（指标页切换评估年度）到图表重绘：{change:.2f} s。", "",
              f"测量时间：{time.strftime('%Y-%m-%d %H:%M')}；机器：{os.cpu_count()} 核（与其他进程共用）。", ""]
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
        hello_app = apps["hello"]
        hello_script = script_time(hello_app, None, ARGS.runs)
        scripts = {p[0]: script_time(ROOT / "app.py", p[0], ARGS.runs) for p in PAGES}
        env = {**os.environ}
        ports = {name: free_port() for name in ("app", *apps)}
        servers = [start_server(ROOT / "app.py", ports["app"], env)]
        servers += [start_server(path, ports[name], env) for name, path in apps.items()]
        try:
            with sync_playwright() as playwright:
                browser = launch_browser(playwright)
                for name in ports:  # one discarded load per server: imports and caches warm
                    render_time(browser, f"http://127.0.0.1:{ports[name]}/", "你好" if name != "app" else
                                "规划实施监测总览", 0, 1)
                hello_render = render_time(browser, f"http://127.0.0.1:{ports['hello']}/", "你好", 0, ARGS.runs)
                floors = {"hello-world + 1 个图": render_time(
                    browser, f"http://127.0.0.1:{ports['chart']}/", "你好", 1, ARGS.runs),
                    "hello-world + 1 个表格": render_time(
                    browser, f"http://127.0.0.1:{ports['table']}/", "你好", 0, ARGS.runs)}
                base = f"http://127.0.0.1:{ports['app']}"
                rows = [(p[0].removeprefix("views/"), scripts[p[0]],
                         render_time(browser, f"{base}/{p[1]}", p[3], p[2], ARGS.runs)) for p in PAGES]
                change = filter_change_time(browser, base, ARGS.runs)
                browser.close()
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=10)
    write_report(ARGS.out, rows, (hello_script, hello_render), floors, change)
    print(ARGS.out.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="测量各页面的服务器脚本时间和浏览器完全绘制时间")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "benchmark.md")
    ARGS = parser.parse_args()
    sys.exit(main())

"""Meeting mode at 1920×1080, every page on a 390×844 phone, and print to A4 landscape PDF, in real Chromium
on the shipped data (long names and warnings, 24 indicators in 妇女与健康: the real test of fitting).

Screenshots and the printed PDFs are kept under $BOSHAN_ARTEFACTS_DIR (default tmp/artefacts/, git-ignored).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from lib import config
from tests.browser.test_browser import (
    SKELETON_FREE_JS,
    choose_year,
    free_port,
    start_server,
    wait_done,
)

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
ARTEFACTS = Path(os.environ.get("BOSHAN_ARTEFACTS_DIR") or ROOT / "tmp" / "artefacts")
MEETING_SIZE, PHONE_SIZE = {"width": 1920, "height": 1080}, {"width": 390, "height": 844}
# A4 landscape less the 10 mm margins of page_style.html.j2, in CSS px (96 per inch)
PRINT_WIDTH, PRINT_HEIGHT = round((297 - 20) / 25.4 * 96), round((210 - 20) / 25.4 * 96)
PHONE_PAGES = (  # (url path with parameters, the page's heading)
    ("?year=2024", "规划实施监测总览"),
    ("?year=2025", "规划实施终期评估总览"),  # the final year: the mid-term comparison cards
    ("health?year=2024", "妇女与健康"),
    ("education?year=2024", "妇女与教育"),
    ("economy?year=2024", "妇女与经济"),
    ("decision?year=2024", "妇女参与决策和管理"),
    ("social-security?year=2024", "妇女与社会保障"),
    ("law?year=2024", "妇女与法律"),
    ("family?year=2024", "妇女与家庭建设"),
    ("environment?year=2024", "妇女与环境"),
    ("indicator?id=A1-G02-1&year=2024", "孕产妇死亡率"),
    ("department?dept=区卫生健康局&year=2024", "部门责任"),
    ("catalogue", "规划目录"),
    ("report?year=2023", "监测报告"),
    ("data-import", "数据填报"),
)
PRINT_PAGES = (("?year=2024", "overview"), ("health?year=2024", "health"))
# what must never break across two printed sheets
UNBREAKABLE = ".bs-table tr, .bs-chart, .bs-card, [data-testid='stMetric'], [data-testid='stAlert'], h1, h2, h3"
NUMBER_CARDS = ".bs-card, [data-testid='stMetric']"  # pages' cards (lib.presentation.cards), slides' metrics
SIZES_JS = """() => {
  const px = sel => [...document.querySelectorAll(sel)].filter(e => e.getBoundingClientRect().height > 0)
    .map(e => parseFloat(getComputedStyle(e).fontSize));
  const min = a => a.length ? Math.min(...a) : null;
  return {title: min(px('.st-key-meeting_slide h1')), sub: min(px('.bs-slide-sub')),
          value: min(px("[data-testid='stMetricValue'] p")), label: min(px("[data-testid='stMetricLabel'] p")),
          cell: min(px('.st-key-meeting_slide .bs-table td')), text: min(px('.st-key-meeting_slide p'))};
}"""
FIT_JS = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const wraps = [...document.querySelectorAll('.bs-table-wrap')].filter(w => w.clientWidth > 0)
    .map(w => w.scrollWidth - w.clientWidth);
  const wide = [...document.querySelectorAll('.bs-table-wrap')].filter(w => w.scrollWidth > w.clientWidth)
    .map(w => w.querySelector('tr').innerText.slice(0, 80));
  return {doc: document.scrollingElement.scrollWidth, inner: innerWidth, mainW: main.scrollWidth - main.clientWidth,
          mainH: main.scrollHeight - main.clientHeight, tableOver: Math.max(0, ...wraps), wide};
}"""
METRICS_BOTTOM_JS = f"""() => Math.max(...[...document.querySelectorAll("{NUMBER_CARDS}")]
  .map(m => m.getBoundingClientRect().bottom))"""


def _shot(page, name: str) -> None:
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{name}.png"))


@pytest.fixture(scope="module")
def server():
    env = {k: v for k, v in os.environ.items() if k != config.DATA_DIR_ENV}  # the shipped data
    port = free_port()
    proc = start_server(ROOT / "app.py", port, env)
    yield f"http://127.0.0.1:{port}"
    proc.terminate()
    proc.wait(timeout=10)


def _tab(browser, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    return context, context.new_page()


def _drawn(page) -> None:
    wait_done(page)
    page.wait_for_function("() => [...document.images].every(i => i.complete)", timeout=30000)
    page.wait_for_function("() => document.fonts.status === 'loaded'", timeout=30000)
    page.wait_for_function(SKELETON_FREE_JS, timeout=30000)


def _settled_fit(page) -> dict:
    """The page's overflow once layout has settled (a table can be measured before its CSS applies)."""
    try:
        fits = f"() => {{ const f = ({FIT_JS})(); return f.mainW <= 0 && f.tableOver <= 0; }}"
        page.wait_for_function(fits, timeout=5000)
    except Exception:  # the assertion below reports what overflows
        pass
    return page.evaluate(FIT_JS)


def _slide(page, number: int, total: int) -> None:
    page.locator(".bs-slide-pos", has_text=f"{number} / {total}").wait_for(timeout=30000)
    _drawn(page)


def _check_slide(page, name: str) -> dict:
    """The slide fits 1920×1080 without scrolling, its numbers are above the fold, its type is large."""
    fit = page.evaluate(FIT_JS)
    assert fit["doc"] <= fit["inner"] and fit["mainW"] <= 0, f"{name}: 横向溢出 {fit}"
    assert fit["mainH"] <= 0, f"{name}: 需要纵向滚动 {fit['mainH']} px"
    assert page.evaluate(METRICS_BOTTOM_JS) <= MEETING_SIZE["height"]
    sizes = page.evaluate(SIZES_JS)
    assert sizes["title"] >= 44 and sizes["value"] >= 50 and sizes["label"] >= 22, f"{name}: {sizes}"
    assert sizes["cell"] is None or sizes["cell"] >= 22, f"{name}: {sizes}"
    assert sizes["text"] is None or sizes["text"] >= 22, f"{name}: {sizes}"
    assert page.locator(".bs-slide-sample").is_visible()  # the shipped values are sample data
    assert page.locator('[data-testid="stSidebar"]').is_hidden()
    assert page.locator('[data-testid="stHeader"]').is_hidden()
    _shot(page, f"meeting-{name}")
    return sizes


def test_meeting_keyboard_reaches_every_slide_and_each_fits_1920(server, browser):
    context, page = _tab(browser, MEETING_SIZE)
    page.goto(f"{server}/?year=2024&mode=meeting")  # a prepared link
    page.wait_for_url("**/meeting?**", timeout=30000)
    total = int(page.locator(".bs-slide-pos").inner_text(timeout=30000).split("/")[1])
    assert total >= 10  # 总览, eight areas, the red warnings of 2024
    titles = []
    for number in range(1, total + 1):
        _slide(page, number, total)
        titles.append(page.locator(".st-key-meeting_slide h1").inner_text())
        _check_slide(page, f"{number:02d}")
        if number < total:
            page.keyboard.press("ArrowRight" if number % 2 else "PageDown")  # arrows and a presenter's clicker
    assert len(set(titles)) == total and "妇女与健康" in titles and "孕产妇死亡率" in titles
    page.keyboard.press("ArrowRight")  # held at the last slide
    page.keyboard.press("PageUp")
    _slide(page, total - 1, total)
    page.keyboard.press("ArrowLeft")
    _slide(page, total - 2, total)
    context.close()


def test_meeting_keeps_department_and_exits_to_entry_page(server, browser):
    context, page = _tab(browser, MEETING_SIZE)
    page.goto(f"{server}/health?year=2023&dept=区卫生健康局")
    _drawn(page)
    page.get_by_role("link", name="会议模式").click()  # the switch
    page.wait_for_url("**/meeting?**", timeout=30000)
    page.locator(".st-key-meeting_slide h1", has_text="妇女与健康").wait_for(timeout=30000)
    assert "区卫生健康局" in page.locator(".bs-slide-sub").inner_text()
    assert "2023年" in page.locator(".bs-slide-sub").inner_text()
    page.get_by_role("link", name="退出会议模式").click()
    page.wait_for_url("**/health?**year=2023**", timeout=30000)
    page.get_by_role("heading", name="妇女与健康").first.wait_for(timeout=30000)
    context.close()


@pytest.mark.parametrize(("path", "heading"), PHONE_PAGES, ids=[p[0].split("?")[0] or "overview" for p in PHONE_PAGES])
def test_phone_page_fits_width(server, browser, path, heading):
    context, page = _tab(browser, PHONE_SIZE)
    page.goto(f"{server}/{path}")
    page.get_by_role("heading", name=heading).filter(visible=True).first.wait_for(timeout=30000)
    _drawn(page)
    fit = _settled_fit(page)
    assert fit["doc"] <= fit["inner"] and fit["mainW"] <= 0, f"横向溢出 {fit}"
    assert fit["tableOver"] <= 0, f"表格需要横向滚动 {fit['tableOver']} px：{fit['wide']}"
    assert page.get_by_role("button", name="筛选条件").is_visible()  # without opening the sidebar
    cut = page.evaluate(
        "() => [...document.querySelectorAll('.bs-card')].filter(c => c.scrollWidth > c.clientWidth + 1)"
        ".map(c => c.innerText.slice(0, 40))"
    )
    assert not cut, f"数字卡片的内容超出卡片：{cut}"
    metrics = page.locator(NUMBER_CARDS)
    if metrics.count():
        assert metrics.first.bounding_box()["y"] + metrics.first.bounding_box()["height"] <= PHONE_SIZE["height"]
    small = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] *')]
      .filter(e => e.childElementCount === 0 && e.textContent.trim() && e.getBoundingClientRect().height > 0)
      .map(e => parseFloat(getComputedStyle(e).fontSize)).filter(s => s > 0 && s < 11).length"""
    )
    assert small == 0, f"{small} 处文字小于 11 px"  # 0 px: a Streamlit text replaced by CSS (page_style.html.j2)
    for img in page.locator(".bs-chart img").all():  # a chart's 12-13 px labels drawn at ≥ 11 px
        if img.is_visible():
            scale = img.evaluate("i => i.getBoundingClientRect().width / i.naturalWidth")
            assert scale >= 11 / 12, f"图表缩小为 {scale:.2f} 倍"
    _shot(page, f"phone-{path.split('?')[0] or 'overview'}")
    context.close()


def test_phone_year_change_full_columns_and_indicator_link(server, browser):
    context, page = _tab(browser, PHONE_SIZE)
    page.goto(f"{server}/health?year=2024")
    _drawn(page)
    hidden = page.locator(".bs-table th.bs-opt").first
    assert hidden.is_hidden()
    page.locator(".bs-more summary").first.click()  # 显示全部列: one tap
    assert hidden.is_visible()
    choose_year(page, "2022年")
    page.wait_for_url("**year=2022**", timeout=30000)
    _drawn(page)
    page.get_by_role("link", name="孕产妇死亡率").first.click()
    page.wait_for_url("**/indicator?id=A1-G02-1**", timeout=30000)
    page.get_by_role("heading", name="孕产妇死亡率").filter(visible=True).first.wait_for(timeout=30000)
    context.close()


def _pdf_pages(pdf: bytes) -> int:
    """The page count of Chromium's PDF (its page tree's /Count)."""
    return max(int(n) for n in re.findall(rb"/Count (\d+)", pdf))


@pytest.mark.parametrize(("path", "name"), PRINT_PAGES, ids=[p[1] for p in PRINT_PAGES])
def test_print_a4_landscape_whole_pages(server, browser, path, name):
    context, page = _tab(browser, {"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    page.goto(f"{server}/{path}")
    _drawn(page)
    page.emulate_media(media="print")
    # laid out at the printed width: nothing the print CSS keeps whole is taller than a sheet, each says so
    blocks = page.evaluate(
        f"""() => [...document.querySelectorAll("{UNBREAKABLE}")].filter(e => e.getBoundingClientRect().height > 0)
      .map(e => [e.tagName, e.getBoundingClientRect().height, getComputedStyle(e).breakInside])"""
    )
    assert blocks and all(h <= PRINT_HEIGHT for _, h, _ in blocks), [b for b in blocks if b[1] > PRINT_HEIGHT]
    assert {b for _, _, b in blocks} == {"avoid"}
    hidden = "[data-testid='stSidebar'], [data-testid='stDownloadButton'], .st-key-bs_topbar, .bs-print"
    assert all(not e.is_visible() for e in page.locator(hidden).all())
    # the first sheet carries the title, the year with the data status, and the sample label
    first = page.evaluate(
        """() => [['h1', ''], ['[data-testid="stMain"] [data-testid="stCaptionContainer"]', '数据截至'],
                  ['[data-testid="stAlert"]', '示例数据']]
      .map(([s, t]) => [...document.querySelectorAll(s)].find(e => e.innerText.includes(t)))
      .map(e => e ? [e.innerText, e.getBoundingClientRect().bottom] : null)"""
    )
    assert all(f and f[1] <= PRINT_HEIGHT for f in first), first
    assert "2024年" in first[1][0] and config.SAMPLE_LABEL in first[2][0]
    main_height = page.evaluate("() => document.querySelector('[data-testid=\"stMainBlockContainer\"]').scrollHeight")
    pdf = page.pdf(format="A4", landscape=True, print_background=True, prefer_css_page_size=True)
    pages = _pdf_pages(pdf)
    # whole pages: at least the content's height in sheets, and no more than one extra sheet per two kept whole
    assert main_height / PRINT_HEIGHT <= pages <= main_height / PRINT_HEIGHT * 1.5 + 1, (pages, main_height)
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    out = ARTEFACTS / f"print-{name}.pdf"
    out.write_bytes(pdf)
    if shutil.which("pdftoppm"):  # the sheets as images beside the PDF, to look at
        subprocess.run(["pdftoppm", "-r", "50", "-png", str(out), str(out.with_suffix(""))], check=True)
    context.close()


def test_print_button_calls_browser_print(server, browser):
    context, page = _tab(browser, {"width": 1600, "height": 1000})
    page.add_init_script("window.print = () => { window.__printed = (window.__printed || 0) + 1; };")
    page.goto(f"{server}/health?year=2024")
    _drawn(page)
    page.get_by_role("button", name="打印 / 导出PDF").click()
    page.wait_for_function("() => window.__printed === 1", timeout=10000)
    context.close()

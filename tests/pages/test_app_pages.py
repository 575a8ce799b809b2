"""AppTest for every page: runs without exception, shows its key content, reacts to year and department."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import config
from tests.pages.reading import cards, html_blocks

APP = str(Path(__file__).resolve().parents[2] / "app.py")
AREA_FILES = (
    "area_health",
    "area_education",
    "area_economy",
    "area_decision",
    "area_social_security",
    "area_law",
    "area_family",
    "area_environment",
)
PAGES = (
    "views/overview.py",
    *(f"views/{f}.py" for f in AREA_FILES),
    "views/indicator.py",
    "views/catalogue.py",
    "views/department.py",
)


def _run(page: str | None = None, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if page:
        at.switch_page(page)
        at.query_params.update(params)  # a direct link: the page's own parameters with it
        at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _markdown(at: AppTest) -> str:
    """The page's Markdown and captions as a reader sees them (backslash escapes of plain_markdown undone)."""
    text = "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)
    return re.sub(r"\\(.)", r"\1", text)


def _metrics(at: AppTest) -> dict[str, str]:
    return {c.label: c.value for c in cards(at)}


class _TableReader(HTMLParser):
    """The static HTML tables of a page (lib.view_models.build_html_table) as text rows, and their links."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self.links: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _read_html(at: AppTest) -> _TableReader:
    reader = _TableReader()
    for block in [m.value for m in at.markdown] + html_blocks(at):
        reader.feed(block)
    return reader


def _tables(at: AppTest) -> list[pd.DataFrame]:
    return [pd.DataFrame(rows[1:], columns=rows[0]) for rows in _read_html(at).tables]


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(data_dir, page):
    at = _run(page)
    assert at.title, page


def test_overview_shows_headline_numbers(data_dir):
    metrics = _metrics(_run())
    assert metrics["监测指标"] == "10项" and metrics["倒退"] == "7项"


def test_overview_shows_area_status_chart(data_dir):
    assert any(
        'class="bs-chart bs-bars"' in h.proto.body and "data:image/svg+xml" in h.proto.body for h in _run().get("html")
    )


def test_overview_shows_sample_label(data_dir):
    at = _run()
    assert any("示例数据" in w.value for w in at.warning)


def test_overview_warning_list_links_to_indicator(data_dir):
    at = _run()
    warned = _tables(at)[0]["指标"].tolist()
    links = _read_html(at).links
    assert warned and len(links) == len(warned) and all(link.startswith("indicator?id=") for link in links)


def test_overview_year_changes_headline(data_dir):
    at = _run()
    before = _metrics(at)["已达标"]
    at.selectbox(key="global_year").set_value(2021).run()
    assert _metrics(at)["已达标"] != before


def test_overview_year_from_url(data_dir):
    assert "2022年" in _markdown(_run(year="2022"))


def test_overview_department_filter_changes_count(data_dir):
    at = _run()
    at.selectbox(key="dept").set_value("区卫生健康局").run()
    assert _metrics(at)["监测指标"] == "3项"  # its two goal indicators and the measure target A1-M04-1 it answers for


def test_overview_department_scope_responsible(data_dir):
    at = _run(dept="区妇联", scope="责任")
    assert _metrics(at)["监测指标"] == "1项"


def test_overview_status_filter(data_dir):
    at = _run()
    at.multiselect(key="status").set_value(["已达标"]).run()
    assert _metrics(at)["监测指标"] == "2项"


def _count(text: str) -> int:
    return int(text.removesuffix("项"))


def _status_tiles(at: AppTest) -> list[tuple[str, int]]:
    return [(m.label, _count(m.value)) for m in cards(at) if m.label in config.ALL_STATUSES]


def _page_text(at: AppTest) -> str:
    """Everything a reader sees on the page, sidebar included: texts, tiles, tables, charts, filter options."""
    parts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "success", "warning")
        for e in getattr(at, kind)
    ]
    parts += [f"{m.label} {m.value} {m.help or ''}" for m in cards(at)]
    parts += [str(o) for box in at.multiselect for o in box.options]
    return "\n".join(parts)


@pytest.mark.parametrize("year", ["2023", "2025"])
def test_overview_tiles_add_up_to_the_indicator_count(data_dir, year):
    at = _run(year=year)
    assert sum(n for _, n in _status_tiles(at)) == _count(_metrics(at)["监测指标"]) == 10


def test_overview_final_year_shows_final_statuses_and_no_in_progress_status(data_dir):
    at = _run(year="2025")
    tiles = dict(_status_tiles(at))
    assert tiles["已达标"] == 2 and tiles["倒退"] == 7 and tiles["进展顺利"] == 1 and "基本达标" in tiles
    text = _page_text(at)
    assert not [s for s in config.IN_PROGRESS_STATUSES if s in text]
    assert config.WARN_MISS not in text and "R=" not in text


def test_overview_final_year_compares_with_midterm(data_dir):
    at = _run(year="2025")
    metrics = _metrics(at)
    assert metrics["达标率 2023年 → 2025年"] == "11.1% → 22.2%" and metrics["新增达标"] == "1项"
    moved = next(t for t in _tables(at) if "变化" in t.columns)
    assert moved["指标"].tolist() == ["孕产妇死亡率", "健康素养"]
    assert moved["终期（2025年）"].iloc[0] == "8.0/10万（2024年）"


def test_overview_status_filter_lists_statuses_of_the_year(data_dir):
    final = _run(year="2025").multiselect(key="status").options
    mid = _run(year="2023").multiselect(key="status").options
    assert config.STATUS_NEARLY_MET in final and config.STATUS_ON_TRACK not in final
    assert config.STATUS_ON_TRACK in mid and config.STATUS_NEARLY_MET not in mid


def test_overview_switching_to_final_year_drops_in_progress_status_filter(data_dir):
    at = _run(year="2023")
    at.multiselect(key="status").set_value([config.STATUS_ACCELERATE]).run()
    at.selectbox(key="global_year").set_value(2025).run()
    assert not at.exception and at.multiselect(key="status").value == []
    assert _metrics(at)["监测指标"] == "10项"


def test_year_control_labels_midterm(data_dir):
    at = _run()
    assert "2023年（中期评估）" in at.selectbox(key="global_year").options


def test_area_page_shows_indicator_table(data_dir):
    at = _run("views/area_health.py")
    names = _tables(at)[0]["指标"].tolist()
    assert "孕产妇死亡率" in names


def test_area_page_shows_measures(data_dir):
    at = _run("views/area_health.py")
    assert any('class="bs-measure"' in h and "保障孕产妇安全分娩" in h for h in html_blocks(at))


def test_area_page_department_changes_table(data_dir):
    at = _run("views/area_health.py")
    at.selectbox(key="dept").set_value("区教育和体育局").run()
    assert [i.value for i in at.info] == ["当前筛选条件下本领域没有指标。"]


def test_area_page_year_changes_latest(data_dir):
    at = _run("views/area_health.py", year="2022")
    assert "10.5/10万" in _tables(at)[0]["最新值"].tolist()


def test_area_page_small_multiples_drawn(data_dir):
    charts = [
        h.proto.body for h in _run("views/area_education.py").get("html") if 'class="bs-chart bs-sm"' in h.proto.body
    ]
    assert len(charts) == 1 and "data:image/svg+xml" in charts[0]


def test_indicator_page_from_url_id(data_dir):
    at = _run("views/indicator.py", id="A1-G01-1")
    assert at.title[0].value == "孕产妇死亡率"


def test_indicator_page_explains_status(data_dir):
    at = _run("views/indicator.py", id="A1-G01-1")
    assert "已达到目标≤8.2/10万" in _markdown(at)


def test_indicator_page_trend_chart_has_reference_and_target(data_dir):
    charts = _run("views/indicator.py", id="A1-G01-1").get("vega_lite_chart")
    spec = json.loads(charts[0].proto.spec)  # drawn in the browser: hover values (the data travels apart)
    colors = next(layer["encoding"]["color"]["scale"] for layer in spec["layer"] if "color" in layer["encoding"])
    assert len(charts) == 1 and any(layer.get("name") == "target" for layer in spec["layer"])
    assert colors["domain"] == ["博山区", "规划目标", "预测至2025年", "全国参考值"]


def test_indicator_page_year_changes_status(data_dir):
    at = _run("views/indicator.py", id="A1-G01-1", year="2022")
    heading = next(h for h in html_blocks(at) if "年评估" in h)  # the status pill beside it
    assert "2022年评估" in heading and "已达标" not in heading
    assert "已达到目标" not in next(m.value for m in at.markdown if m.value.startswith("#### "))


def test_indicator_page_measure_indicator_shows_default_accountable(data_dir):
    at = _run("views/indicator.py", id="A1-M04-1")
    assert "区卫生健康局（默认：本领域首个目标的牵头单位）" in _markdown(at)


def test_indicator_page_qualitative_shows_ratings(data_dir):
    at = _run("views/indicator.py", id="A1-G02-1")
    assert _tables(at)[0]["评价"].tolist() == ["进展顺利", "进展缓慢"]


def test_area_row_link_opens_indicator(data_dir):
    at = _run("views/area_health.py", year="2022")
    first = _tables(at)[0]["指标"].iloc[0]
    link = _read_html(at).links[0]
    assert link.startswith("indicator?id=") and "year=2022" in link
    opened = _run("views/indicator.py", **dict(p.split("=") for p in link.split("?")[1].split("&")))
    assert opened.title[0].value == first


def test_catalogue_page_lists_goals(data_dir):
    at = _run("views/catalogue.py", area="A2")
    assert _tables(at)[0]["主要目标"].tolist() == ["第2领域的主要目标。"]


def test_catalogue_department_filters_goals(data_dir):
    at = _run("views/catalogue.py", area="A1")
    at.selectbox(key="dept").set_value("区妇联").run()
    assert _tables(at)[0]["主要目标"].tolist() == ["第1领域的主要目标。"]


def test_overview_nothing_shown_runs(data_dir):
    at = _run()
    at.multiselect(key="status").set_value(["未开展"]).run()
    assert not at.exception and _metrics(at)["监测指标"] == "0项"


@pytest.mark.parametrize("year", [2023, 2025])
def test_overview_agrees_with_status_command(data_dir, year):
    """The overview's tiles and 达标率 are the counts of `python -m lib status` for the same year."""
    import io

    from lib.cli.status import run_status
    from lib.presentation import formatting as fmt

    out = io.StringIO()
    assert run_status(year, data_dir, "csv", out, io.StringIO()) == 0
    printed = pd.read_csv(io.StringIO(out.getvalue()), keep_default_na=False)
    totals = printed[printed["subgroup"] == ""]
    at = _run(year=str(year))
    tiles: dict[str, int] = {}
    for label, n in _status_tiles(at):
        tiles[label] = tiles.get(label, 0) + n
    assert {s: n for s, n in tiles.items() if n} == totals["status"].value_counts().to_dict()
    kinds = pd.read_parquet(data_dir / config.INDICATORS).set_index("indicator_id")["kind"]
    targets = totals[totals["indicator_id"].map(kinds).eq(config.KIND_TARGET) & (totals["status"] != "数据不足")]
    rate = (targets["status"] == config.STATUS_MET).mean()
    assert _metrics(at)["总体达标率"] == fmt.format_rate(rate)


def test_indicator_page_reference_value_with_source_and_link(data_dir):
    captions = [c.value for c in _run("views/indicator.py", id="A1-G01-1").caption]
    assert any(
        c.startswith("全国 2020年：**16.9/10万**") and "[查看来源](http://example.invalid/report)" in c
        for c in captions
    )

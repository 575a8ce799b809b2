"""AppTest for every page: runs without exception, shows its key content, reacts to year and department."""
from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

import pytest
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[2] / "app.py")
AREA_FILES = ("area_health", "area_education", "area_economy", "area_decision", "area_social_security",
              "area_law", "area_family", "area_environment")
PAGES = ("views/overview.py", *(f"views/{f}.py" for f in AREA_FILES), "views/indicator.py", "views/catalogue.py",
         "views/department.py")


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
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


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
    for element in at.markdown:
        reader.feed(element.value)
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
    assert any('class="bs-chart bs-bars"' in h.proto.body and "data:image/svg+xml" in h.proto.body
               for h in _run().get("html"))


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
    assert _metrics(at)["监测指标"] == "2项"


def test_overview_department_scope_responsible(data_dir):
    at = _run(dept="区妇联", scope="责任")
    assert _metrics(at)["监测指标"] == "1项"


def test_overview_status_filter(data_dir):
    at = _run()
    at.multiselect(key="status").set_value(["已达标"]).run()
    assert _metrics(at)["监测指标"] == "2项"


def test_year_control_labels_midterm(data_dir):
    at = _run()
    assert "2023年（中期评估）" in at.selectbox(key="global_year").options


def test_area_page_shows_indicator_table(data_dir):
    at = _run("views/area_health.py")
    names = _tables(at)[0]["指标"].tolist()
    assert "孕产妇死亡率" in names


def test_area_page_shows_measures(data_dir):
    at = _run("views/area_health.py")
    assert any("保障孕产妇安全分娩" in e.label for e in at.expander)


def test_area_page_department_changes_table(data_dir):
    at = _run("views/area_health.py")
    at.selectbox(key="dept").set_value("区教育和体育局").run()
    assert [i.value for i in at.info] == ["当前筛选条件下本领域没有指标。"]


def test_area_page_year_changes_latest(data_dir):
    at = _run("views/area_health.py", year="2022")
    assert "10.5/10万" in _tables(at)[0]["最新值"].tolist()


def test_area_page_small_multiples_drawn(data_dir):
    charts = [h.proto.body for h in _run("views/area_education.py").get("html") if 'class="bs-chart bs-sm"' in h.proto.body]
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
    assert "已达标" not in _markdown(at).split("评估")[1][:200]


def test_indicator_page_measure_indicator_has_no_lead(data_dir):
    at = _run("views/indicator.py", id="A1-M04-1")
    assert "规划措施中提出，未列牵头单位" in _markdown(at)


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

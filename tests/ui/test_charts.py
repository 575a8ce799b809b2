import base64

from lib.presentation import render
from lib.presentation.view_models import Filters
from lib.ui import charts


def test_indicator_chart_spec_none_for_unknown(data_dir):
    assert charts.indicator_chart_spec("X", 2024) is None


def test_indicator_chart_spec_is_vega_lite_with_target_line(data_dir):
    spec = charts.indicator_chart_spec("A1-G01-1", 2024)
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert any(layer.get("name") == "target" for layer in spec["layer"])


def _svg(html: str) -> str:
    return base64.b64decode(html.split("data:image/svg+xml;base64,")[1].split('"')[0]).decode("utf-8")


def test_area_chart_html_is_server_svg_small_multiples(data_dir):
    html = charts.area_chart_html(["A2-G01-1"], 2024)
    assert f'class="bs-chart {charts.SMALL_MULTIPLES}"' in html and "第2项筛查率" in _svg(html)


def test_area_chart_html_none_without_numeric_values(data_dir):
    assert charts.area_chart_html(["A1-G02-1"], 2024) is None  # a qualitative goal has no values to draw


def test_area_chart_html_rerun_renders_nothing(data_dir):
    charts.area_chart_html(["A2-G01-1"], 2024)
    misses = render._svg.cache_info().misses
    charts.area_chart_html(["A2-G01-1"], 2024)
    assert render._svg.cache_info().misses == misses


def test_overview_chart_html_bars_per_area(data_dir):
    html = charts.overview_chart_html(Filters(2024))
    assert f'class="bs-chart {charts.STATUS_BARS}"' in html and ">健康</text>" in _svg(html)


def test_overview_chart_html_none_when_filtered_out(data_dir):
    assert charts.overview_chart_html(Filters(2024, statuses=("未开展",))) is None

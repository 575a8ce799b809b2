import io

import pandas as pd

from lib import config
from lib.presentation import charts


def _values(csv: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(csv))


VALUES = _values("year,value,is_sample\n2020,10.0,False\n2021,9.0,True\n2022,8.5,True\n")


PROJECTION = _values("year,value\n2022,8.5\n2025,7.0\n")
REFERENCE = _values("year,value\n2017,20.0\n2020,16.9\n")


def test_build_trend_svg_target_line_dashed_with_tooltip():
    svg = charts.build_trend_svg(VALUES, unit="1/10万", target=8.2)
    assert 'stroke-dasharray="6 3"><title>规划目标：8.2/10万</title></line>' in svg


def test_build_trend_svg_band_as_rect():
    svg = charts.build_trend_svg(VALUES, unit="%", target=50.0, band=(48.0, 52.0))
    assert "<title>规划目标：50.0%左右（48–52）</title></rect>" in svg and "（左右区间）" in svg


def test_build_trend_svg_without_target_has_no_target_marks():
    svg = charts.build_trend_svg(VALUES)
    assert charts.SERIES_TARGET not in svg and "<rect" not in svg


def test_build_trend_svg_sample_points_are_diamonds():
    svg = charts.build_trend_svg(VALUES)
    assert f"<title>2021年：9.0（{config.SAMPLE_LABEL}）</title></path>" in svg
    assert "<title>2020年：10.0</title></circle>" in svg


def test_build_trend_svg_value_labels_shown():
    svg = charts.build_trend_svg(VALUES.assign(label=["10.0/10万", "9.0/10万", "8.5/10万"]), unit="1/10万")
    assert all(f'font-weight="600">{label}</text>' in svg for label in ("10.0/10万", "9.0/10万", "8.5/10万"))


def test_build_trend_svg_projection_dashed_to_target_year():
    svg = charts.build_trend_svg(VALUES, projection=PROJECTION)
    color = config.SERIES_COLORS["projection"]
    assert f'stroke="{color}" stroke-width="2.5" stroke-dasharray="6 4"/>' in svg
    assert f"<title>预测{config.TARGET_YEAR}年：7.0</title>" in svg and charts.SERIES_PROJECTION in svg


def test_build_trend_svg_reference_in_its_own_colour():
    svg = charts.build_trend_svg(VALUES, reference=REFERENCE)
    color = config.SERIES_COLORS["reference"]
    assert svg.count(f'fill="{color}"') == 2 and "<title>全国参考值 2017年：20</title>" in svg


def test_build_trend_svg_reference_extends_year_axis():
    svg = charts.build_trend_svg(VALUES, reference=REFERENCE)
    assert 'text-anchor="middle">2017</text>' in svg and f'text-anchor="middle">{config.TARGET_YEAR}</text>' in svg


def test_build_trend_svg_value_axis_names_unit():
    assert ">数值（1/10万）</text>" in charts.build_trend_svg(VALUES, unit="1/10万")


def test_build_trend_svg_legend_only_present_series():
    svg = charts.build_trend_svg(VALUES, target=8.0)
    legend = svg.split('class="bs-trend-legend"')[1]
    assert charts.SERIES_TARGET in legend and charts.SERIES_PROJECTION not in legend and charts.SERIES_REFERENCE not in legend


def test_build_trend_svg_escapes_unit():
    assert "<b>" not in charts.build_trend_svg(VALUES, unit="<b>人</b>")


def test_build_trend_svg_does_not_mutate_input():
    before = VALUES.copy()
    charts.build_trend_svg(VALUES, target=8.0, projection=PROJECTION, reference=REFERENCE)
    pd.testing.assert_frame_equal(VALUES, before)


def test_nice_ticks_cover_range_with_round_steps():
    assert charts._nice_ticks(8.2, 12.0) == [8.0, 9.0, 10.0, 11.0, 12.0]


def test_nice_ticks_single_value_widened():
    ticks = charts._nice_ticks(5.0, 5.0)
    assert ticks[0] < 5.0 < ticks[-1]


def test_build_area_status_bars_uses_status_palette():
    counts = _values("area,status,n\n健康,已达标,3\n健康,倒退,1\n教育,按期可达,2\n")
    bars = charts.build_area_status_bars(counts, ["健康", "教育"])
    assert all(f"background:{config.STATUS_COLORS[s]}" in bars for s in ("已达标", "按期可达", "倒退"))


def test_build_area_status_bars_keeps_area_order():
    counts = _values("area,status,n\n教育,已达标,1\n健康,已达标,2\n")
    bars = charts.build_area_status_bars(counts, ["健康", "教育"])
    assert bars.index(">健康<") < bars.index(">教育<")


def test_build_area_status_bars_widest_area_fills_width():
    counts = _values("area,status,n\n健康,已达标,3\n健康,倒退,1\n教育,已达标,2\n")
    bars = charts.build_area_status_bars(counts, ["健康", "教育"])
    assert "width:75.00%" in bars and "width:25.00%" in bars and "width:50.00%" in bars


def test_build_area_status_bars_counts_on_hover():
    counts = _values("area,status,n\n健康,倒退,4\n")
    assert 'title="健康 · 倒退：4项"' in charts.build_area_status_bars(counts, ["健康"])


def test_build_sparkline_svg_one_point_per_value():
    svg = charts.build_sparkline_svg([1.0, 2.0, 3.0])
    assert svg.startswith("<svg") and svg.split('points="')[1].split('"')[0].count(",") == 3


def test_build_sparkline_svg_empty_without_values():
    assert charts.build_sparkline_svg([]) == ""


SMALL = _values("name,year,value,is_sample,target\n甲,2021,1,False,3\n甲,2022,2,True,3\n乙,2021,5,False,\n")


def test_build_small_multiples_svg_one_panel_per_indicator():
    html = charts.build_small_multiples_svg(SMALL)
    assert html.count("<figure>") == 2 and "<figcaption>甲</figcaption>" in html


def test_build_small_multiples_svg_target_line_only_with_target():
    html = charts.build_small_multiples_svg(SMALL)
    assert html.count("<title>规划目标：3</title>") == 1


def test_build_small_multiples_svg_marks_sample_points():
    html = charts.build_small_multiples_svg(SMALL)
    assert f"<title>2022年：2（{config.SAMPLE_LABEL}）</title>" in html and "<title>2021年：1</title>" in html


def test_build_small_multiples_svg_escapes_names():
    values = _values("name,year,value,is_sample,target\n<b>甲</b>,2021,1,False,\n")
    assert "<b>" not in charts.build_small_multiples_svg(values)


def test_build_trend_svg_single_reference_point_without_line():
    svg = charts.build_trend_svg(VALUES, reference=_values("year,value\n2020,16.9\n"))
    assert f'stroke="{config.SERIES_COLORS["reference"]}" stroke-width="2"/>' not in svg
    assert "<title>全国参考值 2020年：16.9</title>" in svg

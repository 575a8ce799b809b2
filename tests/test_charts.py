import io

import pandas as pd

from lib import charts, config


def _values(csv: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(csv))


VALUES = _values("year,value,is_sample\n2020,10.0,False\n2021,9.0,True\n2022,8.5,True\n")


def _marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]


def test_build_trend_chart_target_rule_first():
    spec = charts.build_trend_chart(VALUES, unit="1/10万", target=8.2).to_dict()
    assert _marks(spec)[0] == "rule"


def test_build_trend_chart_band_as_rect():
    spec = charts.build_trend_chart(VALUES, unit="%", target=50.0, band=(48.0, 52.0)).to_dict()
    assert _marks(spec)[0] == "rect"


def test_build_trend_chart_without_target_has_value_layers_only():
    spec = charts.build_trend_chart(VALUES).to_dict()
    assert _marks(spec) == ["line", "point"]


def test_build_trend_chart_sample_points_marked():
    spec = charts.build_trend_chart(VALUES).to_dict()
    rows = next(iter(spec["datasets"].values()))
    assert [r["point_kind"] for r in rows] == [charts.POINT_REAL, config.SAMPLE_LABEL, config.SAMPLE_LABEL]


def test_build_trend_chart_projection_dashed():
    projection = _values("year,value\n2022,8.5\n2025,7.0\n")
    spec = charts.build_trend_chart(VALUES, projection=projection).to_dict()
    assert spec["layer"][-1]["mark"]["strokeDash"] == [6, 4]


def test_build_trend_chart_reference_extends_x_domain():
    reference = _values("year,value\n2017,20.0\n2020,16.9\n")
    spec = charts.build_trend_chart(VALUES, reference=reference).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [2017, config.TARGET_YEAR]


def test_build_trend_chart_x_axis_ends_at_target_year():
    spec = charts.build_trend_chart(VALUES).to_dict()
    assert spec["layer"][0]["encoding"]["x"]["scale"]["domain"][1] == config.TARGET_YEAR


def test_build_trend_chart_does_not_mutate_input():
    before = VALUES.copy()
    charts.build_trend_chart(VALUES, target=8.0)
    pd.testing.assert_frame_equal(VALUES, before)


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

import io

import pandas as pd

from lib import config
from lib.presentation import charts, render


def _values(csv: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(csv))


VALUES = _values("year,value,is_sample\n2020,10.0,False\n2021,9.0,True\n2022,8.5,True\n")
PROJECTION = _values("year,value\n2022,8.5\n2025,7.0\n")
REFERENCE = _values("year,value\n2017,20.0\n2020,16.9\n")
SMALL = _values(
    "name,year,value,is_sample,target\n甲,2020,1.0,False,5.0\n甲,2021,2.0,True,5.0\n"
    "乙,2020,3.0,False,\n乙,2021,4.0,False,\n"
)


def _layers(spec: dict) -> list[dict]:
    """Every unit spec (a dict with a mark) anywhere in the chart."""
    found = []
    for key in ("layer", "spec"):
        parts = spec.get(key) or []
        for part in parts if isinstance(parts, list) else [parts]:
            found += _layers(part)
    return found + ([spec] if "mark" in spec else [])


def _mark(layer: dict) -> dict:
    return layer["mark"] if isinstance(layer["mark"], dict) else {"type": layer["mark"]}


def _data(spec: dict, layer: dict) -> list[dict]:
    """The rows a layer draws: its own data, else the chart's (Altair lifts data shared by all layers)."""
    return spec["datasets"][layer.get("data", spec.get("data"))["name"]]


def _trend(**kwargs) -> dict:
    return render.chart_spec(charts.build_trend_chart(VALUES, **kwargs))


def test_build_trend_chart_target_line_dashed_named_with_tooltip():
    spec = _trend(unit="1/10万", target=8.2)
    rule = next(layer for layer in _layers(spec) if layer.get("name") == charts.TARGET_MARK)
    assert _mark(rule)["type"] == "rule" and _mark(rule)["strokeDash"] == charts.DASH
    assert _data(spec, rule)[0]["tip"] == "规划目标：8.2/10万"


def test_build_trend_chart_band_as_rect():
    spec = _trend(unit="%", target=50.0, band=(48.0, 52.0))
    rect = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "rect")
    row = _data(spec, rect)[0]
    assert (row["low"], row["high"], row["tip"]) == (48.0, 52.0, "规划目标：50.0%左右（48–52）")


def test_build_trend_chart_without_target_has_no_target_marks():
    spec = _trend()
    assert not any(_mark(layer)["type"] in ("rule", "rect") for layer in _layers(spec))
    assert charts.SERIES_TARGET not in str(spec)


def test_build_trend_chart_sample_points_are_diamonds():
    spec = _trend()
    points = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "point")
    scale = points["encoding"]["shape"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {charts.POINT_REAL: "circle", charts.POINT_SAMPLE: "diamond"}
    assert [row["kind"] for row in _data(spec, points)] == [charts.POINT_REAL, charts.POINT_SAMPLE, charts.POINT_SAMPLE]


def test_build_trend_chart_points_have_chinese_tooltips():
    points = next(layer for layer in _layers(_trend()) if _mark(layer)["type"] == "point")
    assert [t["title"] for t in points["encoding"]["tooltip"]] == ["年份", "数值", "数据"]


def test_build_trend_chart_value_labels_shown():
    spec = render.chart_spec(charts.build_trend_chart(VALUES.assign(label=["10.0/10万", "9.0/10万", "8.5/10万"])))
    text = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "text" and "label" in str(layer))
    assert [row["label"] for row in _data(spec, text)] == ["10.0/10万", "9.0/10万", "8.5/10万"]


def test_build_trend_chart_projection_dashed_to_target_year():
    spec = _trend(projection=PROJECTION)
    line = next(
        layer
        for layer in _layers(spec)
        if _mark(layer)["type"] == "line" and _data(spec, layer)[0]["series"] == charts.SERIES_PROJECTION
    )
    assert _mark(line)["strokeDash"] == charts.DASH and _data(spec, line)[-1]["year"] == config.TARGET_YEAR


def test_build_trend_chart_reference_in_its_own_colour():
    spec = _trend(reference=REFERENCE)
    scale = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "line")["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"]))[charts.SERIES_REFERENCE] == config.SERIES_COLORS["reference"]


def test_build_trend_chart_year_axis_from_reference_to_target_year():
    spec = _trend(reference=REFERENCE)
    x = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "line")["encoding"]["x"]
    assert x["scale"]["domain"] == [2017, config.TARGET_YEAR] and x["title"] == "年份"


def test_build_trend_chart_value_axis_names_unit():
    y = next(layer for layer in _layers(_trend(unit="1/10万")) if "y" in layer.get("encoding", {}))["encoding"]["y"]
    assert y["title"] == "数值（1/10万）"


def test_build_trend_chart_legend_only_present_series():
    spec = _trend(target=8.0)
    scale = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "line")["encoding"]["color"]["scale"]
    assert scale["domain"] == [charts.SERIES_VALUE, charts.SERIES_TARGET]


def test_build_trend_chart_svg_escapes_unit():
    svg = render.to_svg(charts.build_trend_chart(VALUES, unit="<b>人</b>"))
    assert "<b>" not in svg and "&lt;b&gt;" in svg


def test_build_trend_chart_does_not_mutate_input():
    before = VALUES.copy()
    charts.build_trend_chart(VALUES, target=8.0, projection=PROJECTION, reference=REFERENCE)
    pd.testing.assert_frame_equal(VALUES, before)


def test_build_trend_chart_single_reference_point():
    spec = _trend(reference=_values("year,value\n2020,16.9\n"))
    assert any(
        _mark(layer)["type"] == "point" and _data(spec, layer)[0].get("series") == charts.SERIES_REFERENCE
        for layer in _layers(spec)
    )


COUNTS = pd.DataFrame({"area": ["教育", "健康", "健康"], "status": ["已达标", "倒退", "已达标"], "n": [2, 4, 3]})


def test_build_area_status_chart_uses_status_palette_in_status_order():
    spec = render.chart_spec(charts.build_area_status_chart(COUNTS, ["健康", "教育"]))
    bars = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "bar")
    scale = bars["encoding"]["color"]["scale"]
    assert scale["domain"] == ["已达标", "倒退"]
    assert scale["range"] == [config.STATUS_COLORS["已达标"], config.STATUS_COLORS["倒退"]]


def test_build_area_status_chart_keeps_area_order():
    spec = render.chart_spec(charts.build_area_status_chart(COUNTS, ["健康", "教育"]))
    bars = next(layer for layer in _layers(spec) if _mark(layer)["type"] == "bar")
    assert bars["encoding"]["y"]["sort"] == ["健康", "教育"]


def test_build_area_status_chart_counts_on_hover():
    svg = render.to_svg(charts.build_area_status_chart(COUNTS, ["健康", "教育"]))
    assert "<title>健康 · 倒退：4项</title>" in svg and ">4</text>" in svg


def test_build_small_multiples_chart_one_panel_per_indicator_own_scale():
    spec = render.chart_spec(charts.build_small_multiples_chart(SMALL))
    assert spec["facet"]["field"] == "name" and spec["resolve"]["scale"]["y"] == "independent"
    assert {row["name"] for row in spec["datasets"][spec["data"]["name"]]} == {"甲", "乙"}


def test_build_small_multiples_chart_target_line_only_with_target():
    svg = render.to_svg(charts.build_small_multiples_chart(SMALL))
    assert svg.count("<title>规划目标：5</title>") == 1 and "target_marks" in svg


def test_build_small_multiples_chart_marks_sample_points():
    svg = render.to_svg(charts.build_small_multiples_chart(SMALL))
    assert f"<title>2021年：2（{config.SAMPLE_LABEL}）</title>" in svg and "<title>2020年：1</title>" in svg


def test_build_small_multiples_chart_escapes_names():
    svg = render.to_svg(charts.build_small_multiples_chart(SMALL.assign(name="<b>甲</b>")))
    assert "<b>" not in svg


def test_build_area_status_chart_narrow_fits_a_phone():
    spec = render.chart_spec(charts.build_area_status_chart(COUNTS, ["健康", "教育"], narrow=True))
    assert spec["width"] == charts.NARROW_BARS_WIDTH
    svg_width = float(render.to_svg(spec).split('width="', 1)[1].split('"', 1)[0])
    assert svg_width <= 358  # drawn at about 1:1 in a 390 px phone's column: 12-13 px labels stay legible


def test_build_small_multiples_chart_columns_and_narrow():
    assert render.chart_spec(charts.build_small_multiples_chart(SMALL))["columns"] == charts.PANEL_COLUMNS
    assert render.chart_spec(charts.build_small_multiples_chart(SMALL, columns=2))["columns"] == 2
    narrow = render.chart_spec(charts.build_small_multiples_chart(SMALL, narrow=True))
    assert narrow["columns"] == 1 and narrow["spec"]["width"] == charts.NARROW_PANEL_WIDTH

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


def test_build_area_status_chart_uses_status_palette():
    counts = _values("area,status,n\n健康,已达标,3\n健康,倒退,1\n教育,按期可达,2\n")
    spec = charts.build_area_status_chart(counts, ["健康", "教育"]).to_dict()
    scale = spec["encoding"]["color"]["scale"]
    assert dict(zip(scale["domain"], scale["range"])) == {
        s: config.STATUS_COLORS[s] for s in ("已达标", "按期可达", "倒退")
    }


def test_build_area_status_chart_keeps_area_order():
    counts = _values("area,status,n\n教育,已达标,1\n健康,已达标,2\n")
    spec = charts.build_area_status_chart(counts, ["健康", "教育"]).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["健康", "教育"]


def test_build_small_multiples_facets_by_name():
    values = _values("name,year,value,is_sample,target\n甲,2021,1,False,3\n甲,2022,2,True,3\n乙,2021,5,False,\n")
    spec = charts.build_small_multiples(values).to_dict()
    assert spec["facet"]["field"] == "name"


def test_build_small_multiples_independent_y():
    values = _values("name,year,value,is_sample,target\n甲,2021,1,False,3\n")
    spec = charts.build_small_multiples(values).to_dict()
    assert spec["resolve"]["scale"]["y"] == "independent"

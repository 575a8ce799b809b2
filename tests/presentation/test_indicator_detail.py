import pandas as pd

from lib.presentation import indicator_detail as detail
from lib.engine.progress import compute_statuses


def test_indicator_record_goal_and_units(tables):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-G01-1")
    assert (info.goal_text, info.lead, info.responsible, info.target_text) == (
        "第1领域的主要目标。", "区卫生健康局", "区妇联", "≤8.2/10万")


def test_indicator_record_measure_has_no_department(tables):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-M04-1")
    assert info.lead == "规划措施中提出，未列牵头单位" and info.goal_text is None


def test_indicator_record_unknown_id(tables):
    assert detail.indicator_record(tables["indicators"], tables["goals"], "X") is None


def test_indicator_options_label(tables):
    assert detail.indicator_options(tables["indicators"])["A1-G01-1"] == "孕产妇死亡率（A1-G01-1）"


def test_build_series_total_up_to_year(tables):
    series = detail.build_series(tables["observations"], "A1-G01-1", 2023, "1/10万")
    assert series["label"].tolist() == ["12.0/10万", "11.0/10万", "10.5/10万", "9.0/10万"]


def test_build_series_marks_sample(tables):
    series = detail.build_series(tables["observations"], "A1-G01-1", 2023, "1/10万")
    assert series["is_sample"].tolist() == [False, False, False, True]


def test_build_projection_to_target_year():
    status = pd.Series({"latest_year": 2023, "latest_value": 9.0, "projected": 7.5})
    expected = pd.DataFrame({"year": [2023, 2025], "value": [9.0, 7.5]})
    pd.testing.assert_frame_equal(detail.build_projection(status), expected)


def test_build_projection_none_without_projection():
    status = pd.Series({"latest_year": 2023, "latest_value": 9.0, "projected": float("nan")})
    assert detail.build_projection(status).empty


def test_target_band_only_for_about(tables):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-G01-1")
    assert detail.target_band(info) is None


def test_build_reference_of_indicator(tables):
    assert detail.build_reference(tables["reference"], "A1-G01-1")["value"].tolist() == [16.9]


def test_build_data_table_total_first(tables):
    table = detail.build_data_table(tables["observations"], "A1-G01-1", 2022, "1/10万")
    assert table[table["年份"] == 2022]["分组"].tolist() == ["合计", "农村"]


def test_build_data_table_sample_column(tables):
    table = detail.build_data_table(tables["observations"], "A1-G01-1", 2023, "1/10万")
    assert table["示例数据"].iloc[-1] == "是"


def test_build_subgroup_table(tables):
    statuses = compute_statuses(tables["indicators"], tables["observations"], tables["assessments"], 2024)
    assert detail.build_subgroup_table(statuses, "A1-G01-1", "1/10万")["分组"].tolist() == ["农村"]


def test_build_assessment_table_latest_first(tables):
    table = detail.build_assessment_table(tables["assessments"], "A1-G02-1", 2024)
    assert table["年份"].tolist() == [2024, 2022]


def test_build_assessment_table_up_to_year(tables):
    assert detail.build_assessment_table(tables["assessments"], "A1-G02-1", 2023)["评价"].tolist() == ["进展缓慢"]


def test_status_row_total(tables):
    statuses = compute_statuses(tables["indicators"], tables["observations"], tables["assessments"], 2024)
    assert detail.status_row(statuses, "A1-G01-1")["status"] == "已达标"


def test_build_catalogue_indicators_kinds(tables):
    table = detail.build_catalogue_indicators(tables["indicators"], "A1")
    assert table["类型"].tolist() == ["数值目标", "定性目标", "数值目标"]


def _chart(tables, year: int):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-G01-1")
    statuses = compute_statuses(tables["indicators"], tables["observations"], tables["assessments"], year)
    return detail.build_indicator_chart(info, tables["observations"], statuses, tables["reference"], year)


def _rows(tables, year: int) -> list[dict]:
    """Every data row the chart draws (Altair keeps the data inline in the spec)."""
    return [row for data in _chart(tables, year).to_dict()["datasets"].values() for row in data]


def test_build_indicator_chart_target_reference_and_values(tables):
    rows = _rows(tables, 2022)
    assert any(row.get("tip") == "规划目标：8.2/10万" for row in rows)
    assert any((row.get("series"), row.get("year"), row.get("value")) == ("全国参考值", 2020, 16.9) for row in rows)
    assert any((row.get("year"), row.get("label")) == (2022, "10.5/10万") for row in rows)


def test_build_indicator_chart_projection_from_engine(tables):
    assert any(row.get("series") == "预测至2025年" and row["year"] == 2025 for row in _rows(tables, 2022))


def test_build_indicator_chart_none_without_values(tables):
    assert _chart(tables, 2000) is None

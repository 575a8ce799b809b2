import pandas as pd
import pytest

from lib.presentation import indicator_detail as detail
from lib.presentation.explain import explain_statuses


def test_indicator_record_goal_and_units(tables):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-G01-1")
    assert (info.goal_text, info.lead, info.responsible, info.target_text) == (
        "第1领域的主要目标。",
        "区卫生健康局",
        "区妇联",
        "≤8.2/10万",
    )


def test_indicator_record_measure_target_shows_default_accountable(tables):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-M04-1")
    assert info.lead == "区卫生健康局（默认：本领域首个目标的牵头单位）" and info.goal_text is None


def test_indicator_record_measure_target_office_entry(tables):
    office = pd.DataFrame({"indicator_id": ["A1-M04-1"], "department": ["区妇联"], "basis": ["办公室指定"]})
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-M04-1", office)
    assert info.lead == "区妇联（办公室指定）"


@pytest.mark.parametrize(
    "warnings,severity,expected",
    [
        (["波动较大"], float("nan"), "预警（波动较大，提示）"),
        (["预计难以达标"], "红色", "预警（预计难以达标，红色）"),
        (["预计难以达标", "数据缺报"], "黄色", "预警（预计难以达标、数据缺报，黄色）"),
    ],
)
def test_warning_card_names_type_and_never_nan(warnings, severity, expected):
    status = pd.Series({"warnings": warnings, "warning_severity": severity, "reason": "原因"})
    assert detail.warning_card(status) == (expected, "原因")


def test_warning_card_none_without_warning():
    assert detail.warning_card(pd.Series({"warnings": [], "warning_severity": None, "reason": None})) is None


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
    statuses = explain_statuses(tables["indicators"], tables["observations"], tables["assessments"], 2024)
    assert detail.build_subgroup_table(statuses, "A1-G01-1", "1/10万")["分组"].tolist() == ["农村"]


def test_build_assessment_table_latest_first(tables):
    table = detail.build_assessment_table(tables["assessments"], "A1-G02-1", 2024)
    assert table["年份"].tolist() == [2024, 2022]


def test_build_assessment_table_up_to_year(tables):
    assert detail.build_assessment_table(tables["assessments"], "A1-G02-1", 2023)["评价"].tolist() == ["进展缓慢"]


def test_status_row_total(tables):
    statuses = explain_statuses(tables["indicators"], tables["observations"], tables["assessments"], 2024)
    assert detail.status_row(statuses, "A1-G01-1")["status"] == "已达标"


def test_build_catalogue_indicators_kinds(tables):
    table = detail.build_catalogue_indicators(tables["indicators"], "A1")
    assert table["类型"].tolist() == ["数值目标", "定性目标", "数值目标"]


def _chart(tables, year: int):
    info = detail.indicator_record(tables["indicators"], tables["goals"], "A1-G01-1")
    statuses = explain_statuses(tables["indicators"], tables["observations"], tables["assessments"], year)
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


def _published(**changes) -> pd.DataFrame:
    row = {
        "indicator_id": "A1-G01-1",
        "region": "全国",
        "year": 2021,
        "period": "2021",
        "value": 16.1,
        "unit": "1/10万",
        "indicator_zh": "孕产妇死亡率",
        "source_url": "https://www.stats.gov.cn/x.html",
        "quote": "孕产妇死亡率为16.1/10万",
        "mapping_note": "同一指标",
        "source_org": "国家统计局(监测报告)",
        "tier": "A",
    }
    return pd.DataFrame([{**row, **changes}])


def test_build_reference_national_first_then_province():
    rows = pd.concat([_published(region="山东省", year=2016), _published(year=2022), _published()])
    out = detail.build_reference(rows, "A1-G01-1")
    assert list(zip(out["region"], out["year"])) == [("全国", 2021), ("全国", 2022), ("山东省", 2016)]
    assert detail.national_reference(out)["year"].tolist() == [2021, 2022]


def test_reference_caption_value_source_year_quote_link():
    caption = detail.reference_captions(detail.build_reference(_published(), "A1-G01-1"))[0]
    assert caption.startswith("全国 2021年：**16.1/10万**，国家统计局(监测报告)")
    assert "“孕产妇死亡率为16.1/10万”" in caption and "[查看来源](https://www.stats.gov.cn/x.html)" in caption
    assert "〔" not in caption and "口径：同一指标" in caption


def test_reference_caption_labels_reprint_and_english():
    rows = _published(tier="C", quote="In 2021, the maternal mortality rate was 16.1 per 100,000", period="2020-2021")
    caption = detail.reference_captions(detail.build_reference(rows, "A1-G01-1"))[0]
    assert "〔转载〕〔英文原文〕" in caption and "2020-2021年" in caption


def test_reference_caption_escapes_markdown_in_quote():
    caption = detail.reference_captions(detail.build_reference(_published(quote="提高到80.88岁[2]"), "A1-G01-1"))[0]
    assert r"80.88岁\[2\]" in caption


@pytest.mark.parametrize(
    "value, unit, shown",
    [
        (16.9, "1/10万", "16.9/10万"),
        (80.88, "岁", "80.88岁"),
        (99.0, "%(以上)", "99%以上"),
        (8.39, "年", "8.39年"),
        (45.0, "%", "45%"),
    ],
)
def test_format_published_keeps_published_decimals(value, unit, shown):
    assert detail.format_published(value, unit) == shown


def test_build_reference_older_table_without_source_org(tables):
    caption = detail.reference_captions(detail.build_reference(tables["reference"], "A1-G01-1"))[0]
    assert caption.startswith("全国 2020年：**16.9/10万**") and "〔" not in caption

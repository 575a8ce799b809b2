import pandas as pd

from lib.presentation import area_tables as at
from lib.presentation.explain import explain_statuses
from lib.presentation.view_models import totals


def _statuses(tables, year=2024):
    return explain_statuses(tables["indicators"], tables["observations"], tables["assessments"], year)


def test_area_record_name(tables):
    assert at.area_record(tables["areas"], "A2")["name"] == "妇女与教育"


def test_area_record_unknown_is_empty(tables):
    assert at.area_record(tables["areas"], "A9") == {}


def test_area_statuses_keeps_subgroups(tables):
    rows = at.area_statuses(_statuses(tables), tables["indicators"], "A1")
    assert rows["subgroup"].notna().sum() == 1


def test_build_goal_table_departments(tables):
    table = at.build_goal_table(tables["goals"], "A1")
    assert table.iloc[0].tolist() == [1, "第1领域的主要目标。", "区卫生健康局", "区妇联"]


def test_build_goal_table_department_scope(tables):
    assert at.build_goal_table(tables["goals"], "A1", "区妇联", "牵头").empty


def test_build_indicator_table_formats_values(tables):
    table = at.build_indicator_table(
        totals(_statuses(tables)), tables["indicators"], tables["goals"], tables["observations"], "A1", 2024
    )
    row = table[table["indicator_id"] == "A1-G01-1"].iloc[0]
    assert (row["目标值"], row["最新值"], row["状态"]) == ("≤8.2/10万", "8.0/10万", "已达标")


def test_build_indicator_table_trend_up_to_year(tables):
    table = at.build_indicator_table(
        totals(_statuses(tables, 2022)), tables["indicators"], tables["goals"], tables["observations"], "A1", 2022
    )
    assert table.loc[table["indicator_id"] == "A1-G01-1", "趋势"].iloc[0] == [12.0, 11.0, 10.5]


def test_build_indicator_table_measure_indicator_default_accountable(tables):
    table = at.build_indicator_table(
        totals(_statuses(tables)), tables["indicators"], tables["goals"], tables["observations"], "A1", 2024
    )
    shown = table.loc[table["indicator_id"] == "A1-M04-1", "牵头单位"].iloc[0]
    assert shown == "区卫生健康局（默认：本领域首个目标的牵头单位）"


def test_build_indicator_table_measure_indicator_office_entry(tables):
    office = pd.DataFrame({"indicator_id": ["A1-M04-1"], "department": ["区妇联"], "basis": ["办公室指定"]})
    table = at.build_indicator_table(
        totals(_statuses(tables)), tables["indicators"], tables["goals"], tables["observations"], "A1", 2024, office
    )
    assert table.loc[table["indicator_id"] == "A1-M04-1", "牵头单位"].iloc[0] == "区妇联（办公室指定）"


def test_build_small_multiple_values_numeric_only(tables):
    values = at.build_small_multiple_values(
        tables["observations"], tables["indicators"], ["A1-G01-1", "A1-G02-1"], 2021
    )
    expected = pd.DataFrame(
        {
            "name": ["孕产妇死亡率"] * 2,
            "year": [2020, 2021],
            "value": [12.0, 11.0],
            "is_sample": [False, False],
            "target": [8.2, 8.2],
            "unit": ["1/10万"] * 2,
        }
    )
    pd.testing.assert_frame_equal(values, expected, check_dtype=False)


def test_build_small_multiple_values_in_the_order_given(tables):
    ids = ["A1-M04-1", "A1-G01-1"]
    values = at.build_small_multiple_values(tables["observations"], tables["indicators"], ids, 2021)
    assert list(dict.fromkeys(values["name"])) == ["孕产妇系统管理率", "孕产妇死亡率"]


def test_build_measure_list_of_area(tables):
    assert at.build_measure_list(tables["measures"], "A1")["title"].tolist() == ["保障孕产妇安全分娩"]


def test_area_indicator_ids_filtered(tables):
    assert at.area_indicator_ids(tables["indicators"], tables["goals"], "A1", "区妇联", "责任") == ["A1-G01-1"]


def test_build_area_chart_one_panel_per_numeric_indicator(tables):
    chart = at.build_area_chart(tables["observations"], tables["indicators"], ["A1-G01-1", "A1-G02-1"], 2024)
    rows = chart.to_dict()["datasets"][chart.to_dict()["data"]["name"]]
    assert {row["name"] for row in rows} == {"孕产妇死亡率"}  # one facet panel; the qualitative one has none


def test_with_links_to_indicator_page_with_params():
    table = pd.DataFrame({"indicator_id": ["A1-G01-1"], "指标": ["孕产妇死亡率"]})
    assert at.with_links(table, {"year": 2022})["链接"].tolist() == ["indicator?id=A1-G01-1&year=2022"]


def test_build_area_chart_none_without_values(tables):
    assert at.build_area_chart(tables["observations"], tables["indicators"], ["A1-G02-1"], 2024) is None


def test_measures_html_is_closed_details_with_plain_text():
    measures = pd.DataFrame(
        {"measure_id": ["M1", "M2"], "seq": [1, 2], "title": ["保障<安全>", "二"], "text": ["**不是** Markdown", "x"]}
    )
    html = at.measures_html(measures)
    assert html.count('<details class="bs-measure">') == 2 and " open" not in html
    assert "（1）保障&lt;安全&gt;" in html and "**不是** Markdown" in html  # text as typed, escaped


def test_area_cards_final_year_shows_nearly_met_not_on_track():
    total = pd.DataFrame({"status": ["已达标", "基本达标"], "warnings": [[], []], "kind": ["target", "target"]})
    overall = pd.DataFrame({"achievement_rate": [0.5]})
    final = [c.label for c in at.area_cards(total, overall, 2025)]
    assert "基本达标" in final and "按期可达" not in final
    assert "按期可达" in [c.label for c in at.area_cards(total, overall, 2024)]

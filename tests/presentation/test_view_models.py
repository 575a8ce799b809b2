import base64
import io
import re

import pandas as pd
import pytest

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm


def _frame(csv: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(csv))


def _statuses(csv: str) -> pd.DataFrame:
    frame = _frame(csv)
    return frame.assign(
        warnings=frame["warnings"].astype(object).fillna("").map(lambda w: [x for x in w.split("|") if x])
    )


STATUSES = _statuses(
    "indicator_id,subgroup,status,warnings,warning_severity,reason,is_sample\n"
    "A1-G01-1,,已达标,,,,True\n"
    "A1-G01-1,农村,数据不足,数据缺报,,缺报,False\n"
    "A2-G01-1,,倒退,预计难以达标,红色,难以达标,False\n"
    "A1-M04-1,,需加快,波动较大,黄色,波动,False\n"
)


def test_years_with_data_within_plan_period():
    obs, assess = _frame("year\n2019\n2021\n2022\n"), _frame("year\n2024\n")
    assert vm.years_with_data(obs, assess) == [2021, 2022, 2024]


def test_default_year_latest():
    assert vm.default_year([2021, 2023]) == 2023


def test_default_year_without_data_is_first_year():
    assert vm.default_year([]) == 2021


def test_department_options_departments_only(tables):
    assert vm.department_options(tables["departments"]) == ["全部", "区卫生健康局", "区教育和体育局", "区妇联"]


def test_select_indicator_ids_lead(tables):
    ids = vm.select_indicator_ids(tables["indicators"], tables["goals"], "区卫生健康局", vm.SCOPE_LEAD)
    assert ids == {"A1-G01-1", "A1-G02-1", "A1-M04-1"}  # the measure target by default to the area's lead


def test_select_indicator_ids_responsible(tables):
    ids = vm.select_indicator_ids(tables["indicators"], tables["goals"], "区妇联", vm.SCOPE_RESPONSIBLE)
    assert ids == {"A1-G01-1"}


def test_select_indicator_ids_responsible_scope_excludes_lead(tables):
    ids = vm.select_indicator_ids(tables["indicators"], tables["goals"], "区卫生健康局", vm.SCOPE_RESPONSIBLE)
    assert ids == set()


def test_select_indicator_ids_all_departments(tables):
    ids = vm.select_indicator_ids(tables["indicators"], tables["goals"], vm.ALL, vm.ALL)
    assert len(ids) == len(tables["indicators"])


def test_filter_statuses_subgroups_follow_total(tables):
    shown = vm.filter_statuses(STATUSES, tables["indicators"], tables["goals"], vm.Filters(2024, statuses=("已达标",)))
    assert shown["subgroup"].fillna("合计").tolist() == ["合计", "农村"]


def test_filter_statuses_department(tables):
    filters = vm.Filters(2024, department="区教育和体育局", scope=vm.SCOPE_LEAD)
    assert vm.filter_statuses(STATUSES, tables["indicators"], tables["goals"], filters)["indicator_id"].tolist() == [
        "A2-G01-1"
    ]


def test_totals_drop_subgroups():
    assert vm.totals(STATUSES)["indicator_id"].tolist() == ["A1-G01-1", "A2-G01-1", "A1-M04-1"]


def test_has_sample_true():
    assert vm.has_sample(STATUSES)


def test_has_sample_false_without_column():
    assert not vm.has_sample(pd.DataFrame({"a": [1]}))


def test_build_headline_counts():
    overall = pd.DataFrame({"achievement_rate": [0.5]})
    assert vm.build_headline(vm.totals(STATUSES), overall) == vm.Headline(3, 1, 0, 2, 1, 2, 0.5)


def test_build_headline_rate_missing():
    overall = pd.DataFrame({"achievement_rate": [float("nan")]})
    assert vm.build_headline(vm.totals(STATUSES), overall).achievement_rate is None


def test_build_freshness_latest_preliminary():
    obs = _frame("year,data_status,is_sample\n2022,正式,False\n2023,初步,False\n2024,正式,True\n")
    assert vm.build_freshness(obs, 2023) == vm.Freshness(2023, "初步", False)


def test_build_freshness_without_data():
    obs = _frame("year,data_status,is_sample\n2024,正式,False\n")
    assert vm.build_freshness(obs, 2022).latest_year is None


def test_build_area_status_counts(tables):
    counts = vm.build_area_status_counts(vm.totals(STATUSES), tables["indicators"], tables["areas"])
    expected = _frame("area,status,n\n健康,已达标,1\n健康,需加快,1\n教育,倒退,1\n")
    pd.testing.assert_frame_equal(counts, expected, check_dtype=False)


def test_indicator_link_carries_params():
    assert vm.indicator_link("A1-G01-1", {"year": 2023, "dept": "区妇联"}) == (
        "indicator?id=A1-G01-1&year=2023&dept=%E5%8C%BA%E5%A6%87%E8%81%94"
    )


def test_build_warning_table_red_first(tables):
    table = vm.build_warning_table(vm.totals(STATUSES), tables["indicators"], tables["goals"], tables["areas"])
    assert table["预警等级"].tolist() == ["红色", "黄色"]


def test_build_warning_table_measure_indicator_shows_default_accountable(tables):
    table = vm.build_warning_table(vm.totals(STATUSES), tables["indicators"], tables["goals"], tables["areas"])
    assert table["牵头单位"].iloc[1] == "区卫生健康局（默认：本领域首个目标的牵头单位）"


@pytest.mark.parametrize("column", ["指标", "领域", "预警等级", "预警原因", "牵头单位", "详情"])
def test_build_warning_table_chinese_columns(tables, column):
    table = vm.build_warning_table(vm.totals(STATUSES), tables["indicators"], tables["goals"], tables["areas"])
    assert column in table.columns


def test_overall_rollup_empty_when_nothing_shown(tables):
    assert vm.overall_rollup(STATUSES.iloc[0:0], tables["indicators"], tables["goals"]).empty


def test_build_headline_nothing_shown(tables):
    empty = STATUSES.iloc[0:0]
    headline = vm.build_headline(vm.totals(empty), vm.overall_rollup(empty, tables["indicators"], tables["goals"]))
    assert headline == vm.Headline(0, 0, 0, 0, 0, 0, None)


def test_build_warning_table_empty(tables):
    empty = vm.totals(STATUSES.iloc[0:0])
    assert vm.build_warning_table(empty, tables["indicators"], tables["goals"], tables["areas"]).empty


def test_build_html_table_status_as_pill():
    html = vm.build_html_table(pd.DataFrame({"指标": ["甲"], "状态": ["倒退"]}))
    assert f'style="background:{config.STATUS_COLORS["倒退"]}">倒退</span>' in html


def test_build_html_table_link_column_hidden():
    frame = pd.DataFrame({"指标": ["甲"], "详情": ["indicator?id=X&year=2022"]})
    html = vm.build_html_table(frame, links={"指标": "详情"})
    assert '<a href="indicator?id=X&amp;year=2022" target="_self">甲</a>' in html and "<th>详情</th>" not in html


def test_build_html_table_missing_as_dash():
    html = vm.build_html_table(pd.DataFrame({"数值": [None]}))
    assert f">{fmt.MISSING}</td>" in html


def test_build_html_table_escapes_text():
    html = vm.build_html_table(pd.DataFrame({"备注": ["<script>x</script>"]}))
    assert "<script>" not in html


def test_build_html_table_sparkline_column():
    html = vm.build_html_table(pd.DataFrame({"趋势": [[1.0, 2.0], []]}), sparkline="趋势")
    src = re.search(r'<img class="bs-spark" src="data:image/svg\+xml;base64,([^"]+)"', html).group(1)
    assert "<polyline" in base64.b64decode(src).decode("utf-8")  # an image: st.html drops inline SVG
    assert html.count("<img") == 1


def test_build_change_preview_values_by_the_one_rule():
    changes = pd.DataFrame(
        {
            "工作表": ["监测数据", "监测数据", "定性评价"],
            "变更": ["替换", "新增", "新增"],
            "指标编号": ["P", "R", "Q"],
            "年份": [2025] * 3,
            "分组": [""] * 3,
            "原值": ["82.25", "", ""],
            "新值": ["82.24", "1.555", "进展顺利"],
            "原为示例数据": ["是", "", ""],
        }
    )
    indicators = pd.DataFrame({"indicator_id": ["P", "R", "Q"], "unit": ["%", "比例", None]})
    out = vm.build_change_preview(changes, indicators)
    assert out["原值"].tolist() == ["82.3%", "", ""]
    assert out["新值"].tolist() == ["82.2%", "1.56：1", "进展顺利"]


# ------------------------------------------------------------------ tiles that add up, final year against mid-term
def _kinded(csv: str) -> pd.DataFrame:
    return _statuses(
        "indicator_id,subgroup,kind,status,warnings,warning_severity,reason,is_sample,latest_value,latest_year\n" + csv
    )


FINAL = _kinded(
    "A1-G01-1,,target,已达标,,,,False,8.0,2024\n"
    "A1-M04-1,,target,基本达标,,,,False,89.0,2025\n"
    "A2-G01-1,,target,倒退,数据缺报,,缺报,False,66.0,2024\n"
    "A3-G01-1,,direction,已实现,,,,False,60.0,2025\n"
    "A1-G02-1,,qualitative,已完成,,,,False,,2025\n"
)
MID = _kinded(
    "A1-G01-1,,target,需加快,,,,False,9.0,2023\n"
    "A1-M04-1,,target,已达标,,,,False,93.5,2023\n"
    "A2-G01-1,,target,倒退,,,,False,69.0,2023\n"
    "A3-G01-1,,direction,按期可达,,,,False,55.0,2023\n"
    "A1-G02-1,,qualitative,进展缓慢,,,,False,,2023\n"
)


@pytest.mark.parametrize("year", [2023, 2025])
def test_build_headline_tiles_partition_the_indicators(year):
    shown = FINAL if year == 2025 else MID
    headline = vm.build_headline(vm.totals(shown), pd.DataFrame({"achievement_rate": [0.5]}), year)
    assert sum(n for g in headline.groups for _, n in g.counts) == headline.n_indicators == 5
    assert [g.label for g in headline.groups] == ["数值目标", "方向性目标", "定性目标"]
    assert [g.total for g in headline.groups] == [3, 1, 1]


def test_build_headline_final_tiles_show_final_statuses_only():
    headline = vm.build_headline(
        vm.totals(FINAL), pd.DataFrame({"achievement_rate": [1 / 3], "nearly_met_rate": [1 / 3]}), 2025
    )
    shown = {s for g in headline.groups for s, _ in g.counts}
    assert not shown & set(config.IN_PROGRESS_STATUSES)
    assert dict(headline.groups[0].counts) == {"已达标": 1, "基本达标": 1, "未达标": 0, "倒退": 1, "数据不足": 0}
    assert (headline.n_nearly_met, headline.nearly_met_rate) == (1, pytest.approx(1 / 3))


def test_build_headline_unexpected_status_still_counted():
    odd = _kinded("A1-G01-1,,target,按期可达,,,,False,8.0,2024\n")
    headline = vm.build_headline(vm.totals(odd), pd.DataFrame({"achievement_rate": [0.0]}), 2025)
    assert headline.groups[0].counts[-1] == ("按期可达", 1)


def test_build_midterm_comparison_what_moved(tables):
    comparison = vm.build_midterm_comparison(FINAL, MID, tables["indicators"], tables["goals"], tables["areas"])
    assert (comparison.n_newly_met, comparison.n_fell_back, comparison.n_rating_up, comparison.n_rating_down) == (
        1,
        1,
        1,
        0,
    )
    assert comparison.moved["变化"].tolist() == ["不再达标", "新增达标", "评价提升"]
    assert comparison.moved["终期（2025年）"].tolist()[:2] == ["89.0%（2025年）", "8.0/10万（2024年）"]
    assert (comparison.rate_mid, comparison.rate_final) == (pytest.approx(1 / 3), pytest.approx(1 / 3))
    assert not comparison.moved.isin(config.IN_PROGRESS_STATUSES).any().any()


def test_format_rate_change():
    assert vm.format_rate_change(0.5, 0.571) == "+7.1个百分点" and vm.format_rate_change(None, 0.5) is None


def test_build_sparkline_svg_one_point_per_value():
    svg = vm.build_sparkline_svg([1.0, 2.0, 3.0])
    assert svg.startswith("<svg") and len(svg.split('points="')[1].split('"')[0].split()) == 3


def test_build_sparkline_svg_empty_without_values():
    assert vm.build_sparkline_svg([]) == "" and vm.build_sparkline_svg([float("nan")]) == ""


def test_phone_hidden_keeps_key_columns():
    assert vm.phone_hidden(["指标", "目标值", "基期值", "最新值", "状态", "牵头单位"]) == [1, 2, 5]


def test_phone_hidden_without_key_columns_keeps_first_three():
    assert vm.phone_hidden(["部门", "健康", "教育", "经济", "法律"]) == [3, 4]  # 部门 alone is too few keys
    assert vm.phone_hidden(["序号", "文字"]) == []


def test_build_html_table_marks_phone_hidden_columns_with_toggle():
    html = vm.build_html_table(pd.DataFrame({"指标": ["甲"], "基期值": ["1"], "状态": ["倒退"], "备注": ["x"]}))
    assert '<th class="bs-opt">基期值</th>' in html and '<td class="bs-nw bs-opt">1</td>' in html
    assert "显示全部列（另有2列）" in html and "<th>指标</th>" in html
    assert "bs-more" not in vm.build_html_table(pd.DataFrame({"指标": ["甲"], "状态": ["倒退"]}))

import io

import pandas as pd
import pytest

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm


def _frame(csv: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(csv))


def _statuses(csv: str) -> pd.DataFrame:
    frame = _frame(csv)
    return frame.assign(warnings=frame["warnings"].fillna("").map(lambda w: [x for x in w.split("|") if x]))


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
    assert ids == {"A1-G01-1", "A1-G02-1"}


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
        "A2-G01-1"]


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
        "indicator?id=A1-G01-1&year=2023&dept=%E5%8C%BA%E5%A6%87%E8%81%94")


def test_build_warning_table_red_first(tables):
    table = vm.build_warning_table(vm.totals(STATUSES), tables["indicators"], tables["goals"], tables["areas"])
    assert table["预警等级"].tolist() == ["红色", "黄色"]


def test_build_warning_table_measure_indicator_has_no_lead(tables):
    table = vm.build_warning_table(vm.totals(STATUSES), tables["indicators"], tables["goals"], tables["areas"])
    assert table["牵头单位"].iloc[1] == vm.NO_UNIT_NOTE


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
    html = vm.build_html_table(pd.DataFrame({"趋势": [[1.0, 2.0]]}), sparkline="趋势")
    assert "<polyline" in html


def test_build_sparkline_svg_one_point_per_value():
    svg = vm.build_sparkline_svg([1.0, 2.0, 3.0])
    assert svg.startswith("<svg") and len(svg.split('points="')[1].split('"')[0].split()) == 3


def test_build_sparkline_svg_empty_without_values():
    assert vm.build_sparkline_svg([]) == "" and vm.build_sparkline_svg([float("nan")]) == ""

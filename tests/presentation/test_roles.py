"""lib.presentation.roles: the one department map, its filter, accountable departments and plan order."""

from __future__ import annotations

import pandas as pd
import pytest

from lib.presentation import roles

HEALTH, SPORT, HOUSING, FARM, WOMEN = "区卫生健康局", "区教育和体育局", "区住房和城乡建设局", "区农业农村局", "区妇联"


@pytest.fixture
def goals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "goal_id": ["A1-G01", "A1-G02", "A1-G03", "A8-G01", "A8-G02"],
            "area_id": ["A1", "A1", "A1", "A8", "A8"],
            "seq": [1, 2, 3, 1, 2],
            "text": [
                "妇女人均预期寿命延长。",
                "孕产妇死亡率控制在8.2/10万以下。",
                "提高妇女经常参加体育锻炼的人数比例。",
                "提高妇女的思想政治意识。",
                "城镇公共厕所男女厕位比例标准化建设。",
            ],
            "lead_units": [[HEALTH], [HEALTH], [SPORT], [WOMEN], [HOUSING, FARM]],
            "responsible_units": [[WOMEN], [], [WOMEN, HEALTH], [], [WOMEN]],
        }
    )


@pytest.fixture
def indicators() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1", "A1-G03-1", "A1-M04-1", "A1-M02-1", "A8-M09-1"],
            "area_id": ["A1", "A1", "A1", "A1", "A8"],
            "goal_id": ["A1-G01", "A1-G03", None, None, None],
            "name": [
                "人均预期寿命",
                "体育锻炼人数比例",
                "孕产妇系统管理率",
                "标准化妇幼保健机构数量",
                "女性厕位与男性厕位的比例",
            ],
        }
    )


def test_default_accountable_goal_on_the_same_subject(indicators, goals):
    out = roles.default_accountable(indicators, goals).set_index("indicator_id")
    assert out.loc["A1-M04-1", "department"] == HEALTH and out.loc["A1-M04-1", "goal_id"] == "A1-G02"
    assert out.loc["A1-M04-1", "basis"] == roles.BASIS_SUBJECT


def test_default_accountable_every_lead_of_the_matched_goal(indicators, goals):
    out = roles.default_accountable(indicators, goals)
    assert out.loc[out["indicator_id"] == "A8-M09-1", "department"].tolist() == [HOUSING, FARM]


def test_default_accountable_no_match_takes_first_goal_of_area(indicators, goals):
    out = roles.default_accountable(indicators, goals).set_index("indicator_id")
    assert out.loc["A1-M02-1", "goal_id"] == "A1-G01" and out.loc["A1-M02-1", "basis"] == roles.BASIS_FIRST_GOAL


def test_accountable_table_office_entry_replaces_default(indicators, goals):
    office = pd.DataFrame(
        {"indicator_id": ["A8-M09-1", "A1-G01-1"], "department": [WOMEN, SPORT], "basis": [roles.BASIS_OFFICE] * 2}
    )
    out = roles.accountable_table(indicators, goals, office)
    assert out.loc[out["indicator_id"] == "A8-M09-1", "department"].tolist() == [WOMEN]
    assert "A1-G01-1" not in out["indicator_id"].tolist()  # goal indicators keep the plan's units


def test_indicator_roles_goal_units_and_measure_lead(indicators, goals):
    out = roles.indicator_roles(indicators, goals)
    first = out[out["indicator_id"] == "A1-G01-1"]
    assert first[["department", "role"]].values.tolist() == [[HEALTH, "牵头"], [WOMEN, "责任"]]
    assert out.loc[out["indicator_id"] == "A1-M04-1", "role"].tolist() == ["牵头"]


def test_indicator_units_one_row_per_indicator_in_catalogue_order(indicators, goals):
    out = roles.indicator_units(indicators, goals)
    assert out["indicator_id"].tolist() == indicators["indicator_id"].tolist()
    assert out.loc[1, "responsible_units"] == [WOMEN, HEALTH] and out.loc[2, "responsible_units"] == []
    assert out.loc[2, "lead_basis"] == roles.BASIS_SUBJECT


@pytest.mark.parametrize(
    "department,scope,expected",
    [
        (HEALTH, "牵头", {"A1-G01-1", "A1-M04-1", "A1-M02-1"}),
        (HEALTH, "责任", {"A1-G03-1"}),
        (HEALTH, "全部", {"A1-G01-1", "A1-G03-1", "A1-M04-1", "A1-M02-1"}),
        (WOMEN, "牵头", set()),
        ("全部", "牵头", {"A1-G01-1", "A1-G03-1", "A1-M04-1", "A1-M02-1", "A8-M09-1"}),
    ],
)
def test_select_indicator_ids_by_scope(indicators, goals, department, scope, expected):
    assert roles.select_indicator_ids(indicators, goals, department, scope) == expected


@pytest.mark.parametrize(
    "units,basis,expected",
    [
        ([HEALTH], roles.BASIS_PLAN, HEALTH),
        ([HEALTH], roles.BASIS_SUBJECT, f"{HEALTH}（{roles.BASIS_SUBJECT}）"),
        ([], None, roles.NO_UNIT_NOTE),
        ([HOUSING, FARM], "A1-G01", f"{HOUSING}、{FARM}"),
    ],
)
def test_lead_text(units, basis, expected):
    assert roles.lead_text(units, basis) == expected


def test_department_order_first_named_in_plan(goals):
    departments = pd.DataFrame({"name": [FARM, HEALTH, "区水利局", HOUSING, SPORT, WOMEN]})
    assert roles.department_order(departments, goals) == [HEALTH, WOMEN, SPORT, HOUSING, FARM, "区水利局"]


def test_with_accountable_replaces_entry_and_round_trips(tmp_path, indicators):
    departments = pd.DataFrame({"name": [HEALTH, WOMEN]})
    table = roles.with_accountable(roles.read_accountable(tmp_path), "A8-M09-1", HEALTH, indicators, departments)
    table = roles.with_accountable(table, "A8-M09-1", WOMEN, indicators, departments)
    (tmp_path / roles.ACCOUNTABLE_FILE).write_bytes(roles.accountable_csv_bytes(table))
    assert roles.read_accountable(tmp_path).values.tolist() == [["A8-M09-1", WOMEN, roles.BASIS_OFFICE]]


@pytest.mark.parametrize(
    "indicator,department,message",
    [
        ("A1-G01-1", HEALTH, "不是规划措施中提出的指标"),
        ("A8-M09-1", "区不存在局", "不在部门表中"),
    ],
)
def test_with_accountable_rejects_in_chinese(tmp_path, indicators, indicator, department, message):
    with pytest.raises(ValueError, match=message):
        roles.with_accountable(
            roles.read_accountable(tmp_path), indicator, department, indicators, pd.DataFrame({"name": [HEALTH]})
        )


def test_read_accountable_missing_column_in_chinese(tmp_path):
    (tmp_path / roles.ACCOUNTABLE_FILE).write_text("indicator_id,department\nA8-M09-1,区妇联\n", encoding="utf-8")
    with pytest.raises(ValueError, match="缺少列：basis"):
        roles.read_accountable(tmp_path)


def test_read_accountable_missing_file_is_empty(tmp_path):
    assert roles.read_accountable(tmp_path).empty

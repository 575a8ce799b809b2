"""lib.accountability over tiny inline frames following docs/data-contract.md."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from lib import config
from lib.presentation import accountability as acc

HEALTH, EDU, WOMEN = "区卫生健康局", "区教育和体育局", "区妇联"
GROUP = "有关行业主管部门"


@pytest.fixture
def areas() -> pd.DataFrame:
    return pd.DataFrame(
        {"area_id": ["A1", "A2"], "seq": [1, 2], "name": ["妇女与健康", "妇女与教育"], "short_name": ["健康", "教育"]}
    )


@pytest.fixture
def goals() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "goal_id": ["A1-G01", "A1-G02", "A2-G01", "A2-G02"],
            "area_id": ["A1", "A1", "A2", "A2"],
            "seq": [1, 2, 1, 2],
            "text": ["孕产妇死亡率下降", "筛查率提高", "入学率提高", "性别平等教育"],
            "lead_units": [[HEALTH], [HEALTH], [EDU], []],
            "responsible_units": [[WOMEN], [WOMEN, GROUP], [HEALTH], [GROUP]],
        }
    )


@pytest.fixture
def indicators() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1", "A1-G02-1", "A1-G02-2", "A2-G01-1", "A2-M01-1"],
            "area_id": ["A1", "A1", "A1", "A2", "A2"],
            "goal_id": ["A1-G01", "A1-G02", "A1-G02", "A2-G01", None],
            "name": ["孕产妇死亡率", "宫颈癌筛查率", "健康素养", "入学率", "措施指标"],
            "kind": ["target", "target", "qualitative", "target", "target"],
        }
    )


@pytest.fixture
def departments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [HEALTH, EDU, WOMEN, GROUP],
            "kind": ["department"] * 3 + ["group"],
            "aliases": [[], [], [], []],
            "n_lead": [2, 1, 0, 0],
            "n_responsible": [1, 0, 2, 2],
        }
    )


@pytest.fixture
def statuses() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1", "A1-G01-1", "A1-G02-1", "A1-G02-2", "A2-G01-1", "A2-M01-1"],
            "subgroup": [None, "农村", None, None, None, None],
            "status": ["已达标", "倒退", "需加快", "进展顺利", "倒退", "数据不足"],
            "warnings": [[], ["波动较大"], ["预计难以达标"], [], ["预计难以达标", "数据缺报"], []],
            "warning_severity": [None, None, "黄色", None, "红色", None],
            "reason": [None, "x", "按近五年推算差3个百分点", None, "推算差10个百分点", None],
        }
    )


@pytest.fixture
def observations() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1", "A1-G01-1", "A1-G02-1", "A2-G01-1", "A2-G01-1"],
            "year": [2023, 2024, 2023, 2024, 2024],
            "subgroup": [None, None, None, "城镇", None],
            "value": [10.0, 9.0, 80.0, 95.0, None],
        }
    )


@pytest.fixture
def assessments() -> pd.DataFrame:
    return pd.DataFrame({"indicator_id": ["A1-G02-2"], "year": [2024], "rating": ["进展顺利"]})


def test_department_names_excludes_groups(departments):
    assert acc.department_names(departments) == [HEALTH, EDU, WOMEN]


def test_group_names_only_groups(departments):
    assert acc.group_names(departments) == [GROUP]


def test_goal_roles_lead_wins_over_responsible():
    goals = pd.DataFrame(
        {"goal_id": ["G"], "area_id": ["A1"], "lead_units": [[HEALTH]], "responsible_units": [[HEALTH, WOMEN]]}
    )
    expected = pd.DataFrame(
        {"goal_id": ["G", "G"], "area_id": ["A1", "A1"], "department": [HEALTH, WOMEN], "role": ["牵头", "责任"]}
    )
    assert_frame_equal(acc.goal_roles(goals), expected, check_dtype=False)


def test_goal_statuses_worst_indicator_and_no_indicator(goals, indicators, statuses):
    out = acc.goal_statuses(goals, indicators, statuses).set_index("goal_id")
    assert out.loc["A1-G01", "status"] == "已达标"  # the 农村 subgroup does not count
    assert out.loc["A1-G02", "status"] == "需加快"
    assert out.loc["A1-G02", "summary"] == "需加快1、进展顺利1"
    assert out.loc["A2-G02", "status"] == acc.NO_INDICATOR
    assert out.loc["A2-G02", "n_indicators"] == 0


def test_department_goals_lead_first(goals, indicators, statuses, areas):
    out = acc.department_goals(HEALTH, goals, indicators, statuses, areas)
    assert out["目标编号"].tolist() == ["A1-G01", "A1-G02", "A2-G01"]
    assert out["角色"].tolist() == ["牵头", "牵头", "责任"]
    assert out["领域"].tolist() == ["健康", "健康", "教育"]


def test_department_goals_unknown_department_empty(goals, indicators, statuses, areas):
    assert acc.department_goals("区不存在局", goals, indicators, statuses, areas).empty


def test_department_indicators_include_measure_target_charged_by_default(goals, indicators):
    out = acc.department_indicators(EDU, indicators, goals)
    assert out["indicator_id"].tolist() == ["A2-G01-1", "A2-M01-1"]
    assert out["basis"].tolist() == ["规划列明", "默认：本领域首个目标的牵头单位"]


def test_department_indicators_office_entry_moves_measure_target(goals, indicators):
    office = pd.DataFrame({"indicator_id": ["A2-M01-1"], "department": [WOMEN], "basis": ["办公室指定"]})
    assert "A2-M01-1" not in acc.department_indicators(EDU, indicators, goals, office)["indicator_id"].tolist()
    assert acc.department_indicators(WOMEN, indicators, goals, office, "牵头")["indicator_id"].tolist() == ["A2-M01-1"]


def test_department_indicators_scope_lead_only(goals, indicators):
    out = acc.department_indicators(HEALTH, indicators, goals, scope="牵头")
    assert out["indicator_id"].tolist() == ["A1-G01-1", "A1-G02-1", "A1-G02-2"]


def test_department_goals_scope_lead_leaves_out_shared(goals, indicators, statuses, areas):
    out = acc.department_goals(HEALTH, goals, indicators, statuses, areas, scope="牵头")
    assert out["目标编号"].tolist() == ["A1-G01", "A1-G02"]


def test_department_goals_scope_responsible(goals, indicators, statuses, areas):
    out = acc.department_goals(HEALTH, goals, indicators, statuses, areas, scope="责任")
    assert out["目标编号"].tolist() == ["A2-G01"]


def test_department_goals_keep_goals_with_a_shown_indicator(goals, indicators, statuses, areas):
    out = acc.department_goals(HEALTH, goals, indicators, statuses, areas, shown={"A1-G02-1"})
    assert out["目标编号"].tolist() == ["A1-G02"]


def test_department_warnings_split_by_role(goals, indicators, statuses):
    lead = acc.department_warnings(HEALTH, indicators, goals, statuses, role="牵头")
    shared = acc.department_warnings(HEALTH, indicators, goals, statuses, role="责任")
    assert lead["指标编号"].tolist() == ["A1-G02-1"] and shared["指标编号"].tolist() == ["A2-G01-1"]


def test_department_warnings_red_first(goals, indicators, statuses):
    out = acc.department_warnings(HEALTH, indicators, goals, statuses)
    assert out["指标编号"].tolist() == ["A2-G01-1", "A1-G02-1"]
    assert out.loc[0, "预警"] == "预计难以达标、数据缺报"
    assert out["角色"].tolist() == ["责任", "牵头"]


def test_department_missing_lists_unreported(goals, indicators, observations, assessments):
    out = acc.department_missing(HEALTH, indicators, goals, observations, assessments, 2024)
    # A1-G02-1 last reported 2023; A2-G01-1 only has a null total and a subgroup value in 2024
    assert out["指标编号"].tolist() == ["A1-G02-1", "A2-G01-1"]
    assert out["最近有数年份"].tolist() == ["2023年", "—"]


def test_department_missing_counts_ratings_for_qualitative(goals, indicators, observations, assessments):
    out = acc.department_missing(HEALTH, indicators, goals, observations, assessments.iloc[0:0], 2024)
    assert "A1-G02-2" in out["指标编号"].tolist()


def test_completeness_counts(goals, indicators, observations, assessments):
    assert acc.completeness(HEALTH, indicators, goals, observations, assessments, 2024) == (2, 4)


def test_completeness_without_observations(goals, indicators):
    assert acc.completeness(HEALTH, indicators, goals, pd.DataFrame(), pd.DataFrame(), 2024) == (0, 4)


def test_department_area_matrix_counts_and_share(goals, indicators, statuses, departments, areas):
    out = acc.department_area_matrix(goals, indicators, statuses, departments, areas)
    row = out[(out["department"] == HEALTH) & (out["area"] == "健康")].iloc[0]
    assert row["n_goals"] == 2 and row["share_on_track"] == 0.5
    assert GROUP not in set(out["department"])


def test_department_area_matrix_share_nan_without_judged_goals(goals, indicators, statuses, departments, areas):
    out = acc.department_area_matrix(goals, indicators, statuses.iloc[0:0], departments, areas)
    assert out["share_on_track"].map(math.isnan).all()


def test_matrix_wide_catalogue_order_and_zero_fill(goals, indicators, statuses, departments, areas):
    long = acc.department_area_matrix(goals, indicators, statuses, departments, areas)
    wide = acc.matrix_wide(long, departments, areas, "n_goals")
    expected = pd.DataFrame({"部门": [HEALTH, EDU, WOMEN], "健康": [2, 0, 2], "教育": [1, 1, 0]})
    assert_frame_equal(wide, expected, check_dtype=False)


def test_matrix_wide_share_in_percent(goals, indicators, statuses, departments, areas):
    long = acc.department_area_matrix(goals, indicators, statuses, departments, areas)
    wide = acc.matrix_wide(long, departments, areas, "share_on_track").set_index("部门")
    assert wide.loc[HEALTH, "健康"] == 50.0 and wide.loc[HEALTH, "教育"] == 0.0


def test_warning_ranking_charges_lead_and_counts_shared_apart(goals, indicators, statuses, departments):
    out = acc.warning_ranking(goals, indicators, statuses, departments)
    assert out["部门"].tolist() == [EDU, HEALTH, WOMEN]  # red first on a tie; 区妇联 only shares
    assert out["牵头预警指标数"].tolist() == [1, 1, 0]
    assert out["其中红色预警"].tolist() == [1, 0, 0]
    assert out["参与（共担）预警指标数"].tolist() == [0, 1, 1]


def test_department_warning_counts_never_add_shared_to_lead(goals, indicators, statuses, departments):
    counts = acc.department_warning_counts(statuses, indicators, goals, departments).set_index("department")
    n_warned = int(statuses[statuses["subgroup"].isna()]["warnings"].map(len).gt(0).sum())
    assert counts["n_lead_warnings"].sum() == n_warned  # each warning charged once (one lead each here)
    assert counts.loc[WOMEN, "n_lead_warnings"] == 0 and counts.loc[WOMEN, "n_shared_warnings"] == 1


def test_department_warning_counts_agree_with_lead_rollup(goals, indicators, statuses, departments):
    counts = acc.department_warning_counts(statuses, indicators, goals, departments).set_index("department")
    statuses = statuses.assign(kind="target", status=statuses["status"])
    rollup = acc.department_rollup(statuses, indicators, goals, "牵头").set_index("group")
    for name in (HEALTH, EDU):
        assert rollup.loc[name, "n_warnings"] == counts.loc[name, "n_lead_warnings"]
        assert rollup.loc[name, "n_indicators"] == counts.loc[name, "n_lead"]


def test_department_names_plan_order(departments, goals):
    ordered = pd.DataFrame({"name": [WOMEN, EDU, HEALTH], "kind": ["department"] * 3})
    assert acc.department_names(ordered, goals) == [HEALTH, WOMEN, EDU]


def test_warning_ranking_leaves_out_groups(goals, indicators, statuses, departments):
    assert GROUP not in acc.warning_ranking(goals, indicators, statuses, departments)["部门"].tolist()


def test_group_entries_list_goals(goals, departments):
    out = acc.group_entries(goals, departments)
    assert out.to_dict("records") == [{"集体主体": GROUP, "牵头目标": "—", "责任目标": "A1-G02、A2-G02"}]


def test_department_link_keeps_chinese_and_params():
    assert acc.department_link(HEALTH, {"year": 2024, "dept": "x"}) == f"department?dept={HEALTH}&year=2024"


def test_department_link_escapes_reserved_ascii():
    assert acc.department_link("A&B 局") == "department?dept=A%26B%20局"


def _rollup(group: str, n: int, met: int, rate: float) -> pd.DataFrame:
    row = {
        "group": group,
        "n_indicators": n,
        **{s: 0 for s in config.ALL_STATUSES},
        "n_target_with_data": n,
        "n_met": met,
        "achievement_rate": rate,
        "n_warnings": 1,
    }
    row[config.STATUS_MET] = met
    return pd.DataFrame([row])


def test_role_summary_two_roles_with_rates():
    out = acc.role_summary(HEALTH, _rollup(HEALTH, 4, 1, 0.25), _rollup(WOMEN, 2, 2, 1.0))
    assert out["角色"].tolist() == ["牵头", "责任"]
    assert out.loc[0, "达标率"] == 0.25 and math.isnan(out.loc[1, "达标率"])
    assert out["指标数"].tolist() == [4, 0]


def test_role_summary_shows_only_present_statuses():
    out = acc.role_summary(HEALTH, _rollup(HEALTH, 4, 1, 0.25), _rollup(HEALTH, 2, 2, 1.0))
    assert config.STATUS_MET in out.columns and config.STATUS_REGRESS not in out.columns

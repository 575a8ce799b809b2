"""部门责任: what one department answers for, and all departments side by side.

Tables are full-height HTML (every row and every 预警原因 in full, wrapped; no scroll box); the
sidebar's 部门职责 and 状态 controls shape the department's tables.
"""

import streamlit as st

from lib import config
from lib.presentation import accountability as acc
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.presentation.cards import Card
from lib.ui import loaders
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads, render_full_export

PICK_KEY = "department_pick"
WIDE = ("目标", "预警原因", "指标状态", "指标", "责任依据")


def _follow_pick() -> None:
    # the page's picker drives the global (URL-bound) department control
    st.session_state[ui.KEY_DEPT] = st.session_state[PICK_KEY]


def _table(
    df, *, what: str, year: int, key: str, department: str | None = None, shown=None, units=None, **html
) -> None:
    ui.html_table(df if shown is None else shown, wide=WIDE, **html)
    render_downloads(
        df,
        what=what,
        year=year,
        department=department,
        filters=filters,
        observations=observations,
        has_sample=vm.has_sample(statuses),
        units=units,
        key=key,
    )


filters = ui.current_filters()
areas, goals = loaders.load_table(config.AREAS), loaders.load_table(config.GOALS)
indicators, departments = loaders.load_table(config.INDICATORS), loaders.load_table(config.DEPARTMENTS)
observations, assessments = loaders.load_table(config.OBSERVATIONS), loaders.load_table(config.ASSESSMENTS)
accountable = loaders.load_accountable()

st.title("部门责任")
st.caption(
    "规划实行“牵头单位＋责任单位”：预警计入牵头单位；责任单位看到的是共担的预警，单独统计，不计入本部门。"
    "规划措施中提出的指标由办公室指定的单位负责，未指定的默认为同主题目标的牵头单位。"
)
if goals.empty or departments.empty:
    st.info("尚无目录数据：请先运行 `make catalogue` 生成发展领域、目标、部门和指标表。")
    st.stop()

statuses = loaders.load_statuses(filters.year)
ui.filter_caption(filters)
ui.sample_note(vm.has_sample(statuses))

options = vm.department_options(departments, goals)
st.session_state[PICK_KEY] = filters.department if filters.department in options else vm.ALL
st.selectbox(
    "选择部门",
    options,
    key=PICK_KEY,
    on_change=_follow_pick,
    format_func=lambda n: "全部部门（总览）" if n == vm.ALL else n,
)
name = st.session_state[PICK_KEY]

if name != vm.ALL:
    st.header(name)
    scoped = vm.Filters(year=filters.year, department=name, scope=filters.scope, statuses=filters.statuses)
    mine = vm.filter_statuses(statuses, indicators, goals, scoped, accountable)
    shown_ids = set(mine["indicator_id"]) if filters.statuses else None
    goal_table = acc.department_goals(name, goals, indicators, statuses, areas, filters.scope, shown_ids)
    roles = acc.role_summary(
        name,
        acc.department_rollup(statuses, indicators, goals, acc.ROLE_LEAD, accountable),
        acc.department_rollup(statuses, indicators, goals, acc.ROLE_RESPONSIBLE, accountable),
    )
    reported, n_mine = acc.completeness(
        name, indicators, goals, observations, assessments, filters.year, accountable, filters.scope
    )
    all_goals = acc.department_goals(name, goals, indicators, statuses, areas)
    cards = []
    for role, label, rate in ((acc.ROLE_LEAD, "牵头", 0), (acc.ROLE_RESPONSIBLE, "参与", 1)):
        if filters.scope in (vm.ALL, role):
            cards.append(Card(f"{label}目标", fmt.format_count((all_goals["角色"] == role).sum())))
            cards.append(Card(f"达标率（{role}）", fmt.format_rate(roles["达标率"].iloc[rate])))
    ui.number_cards([*cards, Card(f"{filters.year}年已报送指标", f"{reported}/{n_mine}")])

    st.subheader("牵头和参与的目标" if filters.scope == vm.ALL else f"{filters.scope}的目标")
    if goal_table.empty:
        st.info("当前筛选条件下没有该部门的目标。")
    else:
        _table(goal_table, what="部门目标", year=filters.year, key="department_goals", department=name)

    measures = acc.department_measure_indicators(name, indicators, goals, accountable, filters.scope, shown_ids)
    if not measures.empty:
        st.subheader("规划措施中提出、由本部门负责的指标")
        _table(measures, what="部门措施指标", year=filters.year, key="department_measures", department=name)

    st.subheader("指标状态与达标率")
    st.caption("达标率 = 已达标指标 ÷ 有数值目标且有数据的指标；牵头、责任分别统计，互不相加。")
    roles = roles[acc.role_rows(roles, filters.scope)]
    _table(
        roles,
        shown=roles.assign(达标率=roles["达标率"].map(fmt.format_rate)),
        what="部门指标状态",
        year=filters.year,
        key="department_roles",
        department=name,
        status=(),
    )

    for role, title, what, empty in acc.WARNING_SECTIONS:
        if filters.scope not in (vm.ALL, role):
            continue
        st.subheader(title)
        warnings = acc.department_warnings(name, indicators, goals, mine, accountable, role)
        if warnings.empty:
            st.success(empty)
        else:
            key = "department_warnings" if role == acc.ROLE_LEAD else "department_shared_warnings"
            _table(warnings, what=what, year=filters.year, key=key, department=name)

    st.subheader(f"{filters.year}年数据报送情况")
    missing = acc.department_missing(
        name, indicators, goals, observations, assessments, filters.year, accountable, filters.scope
    )
    if missing.empty:
        st.success(f"该部门的 {n_mine} 项指标均已报送{filters.year}年数据。")
    else:
        st.warning(f"{len(missing)} 项指标尚无{filters.year}年数值（或定性评价）。")
        _table(missing, what="数据缺报指标", year=filters.year, key="department_missing", department=name)

st.header("全部部门")
st.caption("各部门按规划中首次列出的顺序排列；本部分统计全部指标，不受左侧部门、部门职责和状态筛选影响。")
tab_rank, tab_matrix, tab_groups = st.tabs(["预警排名", "部门 × 领域", "集体责任主体"])
with tab_rank:
    st.caption(
        "预警计入目标的牵头单位（规划措施中的指标计入其负责单位）；“参与（共担）”为本部门作为责任单位的"
        "目标上的预警，单独列出，不计入排名。"
    )
    ranking = acc.warning_ranking(goals, indicators, statuses, departments, accountable)
    linked = ranking.assign(链接=[acc.department_link(n, ui.link_params(filters)) for n in ranking["部门"]])
    ui.html_table(linked, links={"部门": "链接"})
    render_downloads(
        ranking,
        what="部门预警排名",
        year=filters.year,
        filters=filters,
        observations=observations,
        has_sample=vm.has_sample(statuses),
        key="department_ranking",
    )
with tab_matrix:
    metric = st.segmented_control("显示", ["目标数", "进展正常占比"], default="目标数", key="department_matrix_metric")
    long = acc.department_area_matrix(goals, indicators, statuses, departments, areas)
    value = "share_on_track" if metric == "进展正常占比" else "n_goals"
    st.caption(
        "目标数：部门牵头或参与的目标；进展正常占比：状态为已达标、按期可达、已完成或进展顺利的目标"
        "占已有判断的目标的百分比（—：没有可判断的目标）。"
    )
    wide = acc.matrix_wide(long, departments, areas, value, goals)
    _table(
        wide,
        what=f"部门领域矩阵_{metric or '目标数'}",
        year=filters.year,
        key="department_matrix",
        units={c: "%" for c in wide.columns if c != "部门"} if value == "share_on_track" else None,
    )
with tab_groups:
    st.caption("以下是规划中列出的集体主体（如“有关行业主管部门”），不是单个部门，不参与部门排名。")
    _table(acc.group_entries(goals, departments), what="集体责任主体", year=filters.year, key="department_groups")

st.divider()
catalogue = {table.removesuffix(".parquet"): loaders.load_table(table) for table in config.CATALOGUE_TABLES}
render_full_export(catalogue, observations, statuses, year=filters.year, key="department_full_export", filters=filters)

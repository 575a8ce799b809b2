"""部门责任: what one department answers for, and all departments side by side."""
import streamlit as st

from lib.presentation import accountability as acc
from lib import config
from lib.ui import loaders
from lib.ui import widgets as ui
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.ui.downloads import render_downloads, render_full_export
from lib.engine.rollup import compute_rollup

PICK_KEY = "department_pick"


def _follow_pick() -> None:
    # the page's picker drives the global (URL-bound) department control
    st.session_state[ui.KEY_DEPT] = st.session_state[PICK_KEY]


def _table(df, *, what: str, year: int, key: str, department: str | None = None, columns=None,
           units=None) -> None:
    shown = ui.style_status(df) if "状态" in df.columns else df
    st.dataframe(shown, hide_index=True, width="stretch", column_config=columns)
    render_downloads(df, what=what, year=year, department=department, filters=filters, observations=observations,
                     has_sample=vm.has_sample(statuses), units=units, key=key)


filters = ui.current_filters()
areas, goals = loaders.load_table(config.AREAS), loaders.load_table(config.GOALS)
indicators, departments = loaders.load_table(config.INDICATORS), loaders.load_table(config.DEPARTMENTS)
observations, assessments = loaders.load_table(config.OBSERVATIONS), loaders.load_table(config.ASSESSMENTS)

st.title("部门责任")
st.caption("规划实行“牵头单位＋责任单位”：每个部门在此查看本部门牵头和参与的目标、指标进展、预警和数据报送情况。")
if goals.empty or departments.empty:
    st.info("尚无目录数据：请先运行 `make catalogue` 生成发展领域、目标、部门和指标表。")
    st.stop()

statuses = loaders.load_statuses(filters.year)
ui.filter_caption(filters)
ui.sample_note(vm.has_sample(statuses))

options = vm.department_options(departments)
st.session_state[PICK_KEY] = filters.department if filters.department in options else vm.ALL
st.selectbox("选择部门", options, key=PICK_KEY, on_change=_follow_pick,
             format_func=lambda n: "全部部门（总览）" if n == vm.ALL else n)
name = st.session_state[PICK_KEY]

if name != vm.ALL:
    st.header(name)
    goal_table = acc.department_goals(name, goals, indicators, statuses, areas)
    roles = acc.role_summary(name, compute_rollup(statuses, indicators, goals, "lead"),
                             compute_rollup(statuses, indicators, goals, "responsible"))
    reported, n_mine = acc.completeness(name, indicators, goals, observations, assessments, filters.year)
    with st.container(horizontal=True):
        st.metric("牵头目标", fmt.format_count((goal_table["角色"] == acc.ROLE_LEAD).sum()), border=True)
        st.metric("参与目标", fmt.format_count((goal_table["角色"] == acc.ROLE_RESPONSIBLE).sum()), border=True)
        st.metric("达标率（牵头）", fmt.format_rate(roles["达标率"].iloc[0]), border=True)
        st.metric("达标率（责任）", fmt.format_rate(roles["达标率"].iloc[1]), border=True)
        st.metric(f"{filters.year}年已报送指标", f"{reported}/{n_mine}", border=True)

    st.subheader("牵头和参与的目标")
    if goal_table.empty:
        st.info("规划中没有列出该部门的目标。")
    else:
        _table(goal_table, what="部门目标", year=filters.year, key="department_goals", department=name,
               columns={"目标": st.column_config.TextColumn("目标", width="large")})

    st.subheader("指标状态与达标率")
    st.caption("达标率 = 已达标指标 ÷ 有数值目标且有数据的指标；牵头、责任分别统计。")
    _table(roles, what="部门指标状态", year=filters.year, key="department_roles", department=name,
           columns={"达标率": st.column_config.NumberColumn("达标率", format="percent")})

    st.subheader("预警")
    warnings = acc.department_warnings(name, indicators, goals, statuses)
    if warnings.empty:
        st.success("该部门的指标当前没有预警。")
    else:
        _table(warnings, what="部门预警", year=filters.year, key="department_warnings", department=name)

    st.subheader(f"{filters.year}年数据报送情况")
    missing = acc.department_missing(name, indicators, goals, observations, assessments, filters.year)
    if missing.empty:
        st.success(f"该部门的 {n_mine} 项指标均已报送{filters.year}年数据。")
    else:
        st.warning(f"{len(missing)} 项指标尚无{filters.year}年数值（或定性评价）。")
        _table(missing, what="数据缺报指标", year=filters.year, key="department_missing", department=name)

st.header("全部部门")
tab_matrix, tab_rank, tab_groups = st.tabs(["部门 × 领域", "预警排名", "集体责任主体"])
with tab_matrix:
    metric = st.segmented_control("显示", ["目标数", "进展正常占比"], default="目标数", key="department_matrix_metric")
    long = acc.department_area_matrix(goals, indicators, statuses, departments, areas)
    value = "share_on_track" if metric == "进展正常占比" else "n_goals"
    st.caption("目标数：部门牵头或参与的目标；进展正常占比：状态为已达标、按期可达、已完成或进展顺利的目标"
               "占已有判断的目标的百分比（空白：没有可判断的目标）。")
    wide = acc.matrix_wide(long, departments, areas, value)
    _table(wide, what=f"部门领域矩阵_{metric or '目标数'}", year=filters.year, key="department_matrix",
           units={c: "%" for c in wide.columns if c != "部门"} if value == "share_on_track" else None)
with tab_rank:
    ranking = acc.warning_ranking(goals, indicators, statuses, departments)
    linked = ranking.assign(部门=[acc.department_link(n, ui.link_params(filters)) for n in ranking["部门"]])
    st.dataframe(linked, hide_index=True, width="stretch", column_config={
        "部门": st.column_config.LinkColumn("部门", display_text=r"dept=([^&]*)")})
    render_downloads(ranking, what="部门预警排名", year=filters.year, filters=filters, observations=observations,
                     has_sample=vm.has_sample(statuses), key="department_ranking")
with tab_groups:
    st.caption("以下是规划中列出的集体主体（如“有关行业主管部门”），不是单个部门，不参与部门排名。")
    _table(acc.group_entries(goals, departments), what="集体责任主体", year=filters.year, key="department_groups")

st.divider()
catalogue = {table.removesuffix(".parquet"): loaders.load_table(table) for table in config.CATALOGUE_TABLES}
render_full_export(catalogue, observations, statuses, year=filters.year, key="department_full_export",
                   filters=filters)

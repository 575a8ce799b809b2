import streamlit as st

from lib import config
from lib.outputs import export_frames as ex
from lib.presentation import area_tables as at
from lib.presentation import indicator_detail as detail
from lib.ui import loaders
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads

filters = ui.current_filters()
areas, goals = loaders.load_table(config.AREAS), loaders.load_table(config.GOALS)
indicators, measures = loaders.load_table(config.INDICATORS), loaders.load_table(config.MEASURES)
names = dict(zip(areas["area_id"], areas["name"]))

st.title("规划目录")
st.caption(f"{config.PLAN_TITLE}：发展领域、主要目标（含牵头和责任单位）、策略措施与监测指标")
with st.sidebar:
    area_id = ui.url_selectbox(
        "发展领域",
        list(names),
        param="area",
        default=next(iter(names), None),
        key="catalogue_area",
        format_func=names.get,
    )
ui.filter_caption(filters)

st.header(names.get(area_id, "发展领域"))
st.subheader("主要目标")
goal_table = at.build_goal_table(goals, area_id, filters.department, filters.scope)
ui.html_table(goal_table, wide=("主要目标",))
render_downloads(
    goal_table, what="主要目标", year=filters.year, area=names.get(area_id), filters=filters, key="catalogue_goals"
)

st.subheader("监测指标")
listed = detail.build_catalogue_indicators(indicators, area_id)
ui.html_table(listed, status=(), wide=("规划原文",))
render_downloads(
    ex.catalogue_indicator_export(indicators, area_id),
    what="监测指标",
    year=filters.year,
    area=names.get(area_id),
    filters=filters,
    key="catalogue_indicators",
)

st.subheader("策略措施")
ui.measure_list(at.build_measure_list(measures, area_id))

import streamlit as st

from lib import area_tables as at
from lib import config, loaders, ui
from lib import indicator_detail as detail

filters = ui.current_filters()
areas, goals = loaders.load_table(config.AREAS), loaders.load_table(config.GOALS)
indicators, measures = loaders.load_table(config.INDICATORS), loaders.load_table(config.MEASURES)
names = dict(zip(areas["area_id"], areas["name"]))

st.title("规划目录")
st.caption(f"{config.PLAN_TITLE}：发展领域、主要目标（含牵头和责任单位）、策略措施与监测指标")
with st.sidebar:
    area_id = ui.url_selectbox("发展领域", list(names), param="area", default=next(iter(names), None),
                               key="catalogue_area", format_func=names.get)
ui.filter_caption(filters)

st.header(names.get(area_id, "发展领域"))
st.subheader("主要目标")
st.dataframe(at.build_goal_table(goals, area_id, filters.department, filters.scope), hide_index=True,
             width="stretch", height="content", column_config={"主要目标": st.column_config.TextColumn("主要目标", width="large")})

st.subheader("监测指标")
st.dataframe(detail.build_catalogue_indicators(indicators, area_id), hide_index=True, width="stretch", height="content",
             column_config={"规划原文": st.column_config.TextColumn("规划原文", width="large")})

st.subheader("策略措施")
for measure in at.build_measure_list(measures, area_id).itertuples():
    with st.expander(f"（{measure.seq}）{measure.title}"):
        st.write(measure.text)

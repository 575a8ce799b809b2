import streamlit as st

from lib import config
from lib.ui import charts, loaders
from lib.ui import widgets as ui
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.ui.downloads import render_downloads
from lib.outputs import export_frames as ex

filters = ui.current_filters()
indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
areas = loaders.load_table(config.AREAS)
statuses = vm.filter_statuses(loaders.load_statuses(filters.year), indicators, goals, filters)
total = vm.totals(statuses)
headline = vm.build_headline(total, vm.overall_rollup(statuses, indicators, goals))
observations = loaders.load_table(config.OBSERVATIONS)
freshness = vm.build_freshness(observations, filters.year)

st.title("规划实施监测总览")
st.caption(config.PLAN_TITLE)
ui.filter_caption(filters)
ui.sample_note(vm.has_sample(total) or freshness.has_sample)

cards = [("监测指标", fmt.format_count(headline.n_indicators)), ("已达标", fmt.format_count(headline.n_met)),
         ("按期可达", fmt.format_count(headline.n_on_track)), ("需关注", fmt.format_count(headline.n_attention)),
         ("倒退", fmt.format_count(headline.n_regress)), ("预警", fmt.format_count(headline.n_warnings)),
         ("总体达标率", fmt.format_rate(headline.achievement_rate))]
with st.container(horizontal=True):
    for label, value in cards:
        st.metric(label, value, border=True)
fresh_year = f"{freshness.latest_year}年" if freshness.latest_year else "暂无数据"
st.markdown(f"**数据截至：** {fresh_year}　**数据状态：** {freshness.data_status}　"
            f"**达标率口径：** 已达标指标 ÷ 有数值目标且有数据的指标")

st.subheader("各领域指标状态")
chart = charts.overview_chart_html(filters)
if chart is None:
    st.info("当前筛选条件下没有指标。")
else:
    charts.draw_html(chart)

st.subheader("预警清单")
warnings = vm.build_warning_table(total, indicators, goals, areas, ui.link_params(filters))
if warnings.empty:
    st.success("当前筛选条件下没有预警。")
else:
    st.markdown(vm.build_html_table(warnings, links={"指标": "详情"}, wide=("预警原因",)), unsafe_allow_html=True)
    st.caption("点击指标名称查看该指标的详情。")
    render_downloads(ex.warning_export(total, indicators, goals, areas), what="预警清单", year=filters.year,
                     department=None if filters.department == vm.ALL else filters.department, filters=filters,
                     observations=observations, has_sample=vm.has_sample(total), key="overview_warnings")

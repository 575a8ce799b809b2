import streamlit as st

from lib import config
from lib.outputs import export_frames as ex
from lib.presentation import area_tables as at
from lib.presentation import formatting as fmt
from lib.presentation import indicator_detail as detail
from lib.presentation import view_models as vm
from lib.ui import charts, loaders
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads

filters = ui.current_filters()
indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
options = detail.indicator_options(indicators)
with st.sidebar:
    chosen = ui.url_selectbox(
        "指标",
        list(options),
        param="id",
        default=next(iter(options), None),
        key="indicator_pick",
        format_func=options.get,
    )
info = detail.indicator_record(indicators, goals, chosen, loaders.load_accountable()) if chosen else None
if info is None:
    st.title("指标详情")
    st.info("请在左侧选择一个指标。")
    st.stop()

statuses = loaders.load_statuses(filters.year)
status = detail.status_row(statuses, info.indicator_id)
observations = loaders.load_table(config.OBSERVATIONS)
series = detail.build_series(observations, info.indicator_id, filters.year, info.unit)
areas = loaders.load_table(config.AREAS)

st.title(info.name)
ui.filter_caption(filters)
st.markdown(f"**所属领域：** {at.area_record(areas, info.area_id).get('name', '—')}　**规划目标：** {info.target_text}")
if info.goal_text:
    st.markdown(f"**主要目标：** {info.goal_text}")
st.markdown(f"> 规划原文：“{info.quote}”")
st.markdown(f"**牵头单位：** {info.lead}　**责任单位：** {info.responsible}")

if status is not None:
    with st.container(border=True):
        ui.status_heading(f"{config.REGION} {filters.year}年评估", status["status"])
        st.markdown(f"#### {fmt.plain_markdown(status['explanation'])}")  # may quote an upload's narrative
        card = detail.warning_card(status)
        if card is not None:
            st.warning(f"**{card[0]}：** {card[1]}", icon=":material/warning:")
ui.sample_note(vm.has_sample(series) or (status is not None and bool(status["is_sample"])))

if info.kind == config.KIND_QUALITATIVE:
    st.subheader("年度评价")
    ratings = detail.build_assessment_table(loaders.load_table(config.ASSESSMENTS), info.indicator_id, filters.year)
    ui.html_table(ratings, status=("评价",), wide=("进展情况",))
    render_downloads(
        ratings.assign(指标编号=info.indicator_id)[["指标编号", *ratings.columns]],
        what=f"{info.name}评价",
        year=filters.year,
        filters=filters,
        observations=observations,
        key="indicator_ratings",
    )
else:
    reference = detail.build_reference(loaders.load_table(config.REFERENCE), info.indicator_id)
    st.subheader("走势")
    spec = charts.indicator_chart_spec(info.indicator_id, filters.year)
    if spec is None:
        st.info(f"截至{filters.year}年暂无数据。")
    else:
        charts.draw_spec(spec)  # in the browser: hover values
    if not reference.empty:
        st.markdown("**公开发布的参考值**（全国、山东省；转载稿仅在无官方原文时使用）")
    for caption in detail.reference_captions(reference):
        st.caption(caption)
    st.subheader("数据明细")
    data = detail.build_data_table(observations, info.indicator_id, filters.year, info.unit)
    ui.html_table(data)
    render_downloads(
        ex.observations_export(observations, info.indicator_id, filters.year, info.unit),
        what=f"{info.name}数据",
        year=filters.year,
        filters=filters,
        observations=observations,
        key="indicator_data",
    )
    subgroups = detail.build_subgroup_table(statuses, info.indicator_id, info.unit)
    if not subgroups.empty:
        st.subheader("分组情况")
        ui.html_table(subgroups)

st.subheader("本领域策略措施")
ui.measure_list(at.build_measure_list(loaders.load_table(config.MEASURES), info.area_id))

import streamlit as st

from lib import config
from lib.presentation import view_models as vm
from lib.ui import charts, loaders, view_cache
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads
from lib.ui.rounds import round_completeness

filters = ui.current_filters()
loaders.load_accountable()  # a broken accountable file: the page says so (the cached view uses the defaults)
view, warning_export = view_cache.overview_view(filters, ui.link_params(filters))
freshness = view.freshness

st.title("规划实施终期评估总览" if view.final else "规划实施监测总览")
st.caption(config.PLAN_TITLE)
ui.filter_caption(filters)
ui.sample_note(view.has_sample)
round_completeness()  # 报送率 and 及时率 while a reporting round is open (issue 10)

ui.number_cards(list(view.cards))
for row in view.rows:
    st.markdown(row.heading)
    ui.number_cards(list(row.cards))
fresh_year = f"{freshness.latest_year}年" if freshness.latest_year else "暂无数据"
rate_note = "已达标指标 ÷ 有数值目标且有数据的指标" + ("（基本达标另列，不计入）" if view.final else "")
st.markdown(f"**数据截至：** {fresh_year}　**数据状态：** {freshness.data_status}　**达标率口径：** {rate_note}")
if view.final:
    st.caption(
        "终期评估：数值目标按2020年以来完成所需变化的比例判断（90%以上为基本达标），方向性目标按是否向规定方向变化判断；"
        "2025年未报数据的指标按此前最近一年的数值评估，并在说明中注明年份。"
    )

if view.comparison is not None:
    st.subheader(f"与中期评估（{config.MIDTERM_YEAR}年）比较")
    ui.number_cards(list(view.comparison_cards))
    if view.comparison.moved.empty:
        st.info("与中期评估相比，没有指标的达标情况或评价发生变化。")
    else:
        ui.html_table(view.comparison.moved, status=("终期状态",))
    st.caption("方向性目标中期按年均增速判断、终期按是否向规定方向变化判断，口径不同，不列入比较。")

st.subheader("各领域指标状态")
chart = charts.overview_chart_html(filters)
if chart is None:
    st.info("当前筛选条件下没有指标。")
else:
    charts.draw_html(chart)

st.subheader("预警清单")
if view.warnings.empty:
    st.success("当前筛选条件下没有预警。")
else:
    ui.html_table(view.warnings, links={"指标": "详情"}, wide=("预警原因",))
    st.caption("点击指标名称查看该指标的详情。")
    render_downloads(
        warning_export,
        what="预警清单",
        year=filters.year,
        department=None if filters.department == vm.ALL else filters.department,
        filters=filters,
        observations=loaders.load_table(config.OBSERVATIONS),
        has_sample=vm.has_sample(view.total),
        key="overview_warnings",
    )

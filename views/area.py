"""The one implementation behind the eight development-area pages (thin UI over lib.area_tables).

Static HTML tables and small multiples rendered to SVG on the server (lib.ui.charts): no canvas grid and
no Vega bundle to load, which is most of a page's time to full render in the browser (docs/benchmark.md).
"""

import streamlit as st

from lib import config
from lib.presentation import area_tables as at
from lib.presentation import view_models as vm
from lib.ui import charts, loaders, view_cache
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads


def _indicator_table(view: at.AreaView, export, filters: vm.Filters, key: str, observations) -> None:
    ui.html_table(view.shown, links={"指标": "链接"}, sparkline="趋势")
    st.caption("点击指标名称查看该指标的详情。")
    render_downloads(
        export,
        what="指标状态",
        year=filters.year,
        area=view.short_name,
        department=None if filters.department == vm.ALL else filters.department,
        filters=filters,
        observations=observations,
        has_sample=view.has_sample,
        key=f"{key}_download",
    )


def render_area_page(area_id: str) -> None:
    """Goals, indicator table, small multiples, measures and 达标率 of one development area."""
    filters = ui.current_filters()
    loaders.load_accountable()  # a broken accountable file: the page says so (the cached view uses the defaults)
    view, export = view_cache.area_view(area_id, filters, ui.link_params(filters))

    st.title(view.name)
    ui.filter_caption(filters)
    ui.sample_note(view.has_sample)
    ui.number_cards(list(view.cards))

    st.subheader("指标进展")
    if view.table.empty:
        st.info("当前筛选条件下本领域没有指标。")
    else:
        observations = loaders.load_table(config.OBSERVATIONS)
        _indicator_table(view, export, filters, f"area_{area_id}_table", observations)
        chart = charts.area_chart_html(view.table["indicator_id"].tolist(), filters.year)
        if chart is not None:
            st.subheader("数值指标走势（虚线为规划目标）")
            charts.draw_html(chart)

    st.subheader("主要目标")
    ui.html_table(view.goal_table, wide=("主要目标",))

    st.subheader("策略措施")
    ui.measure_list(view.measures)

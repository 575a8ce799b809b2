"""The one implementation behind the eight development-area pages (thin UI over lib.area_tables).

Static HTML tables and small multiples rendered to SVG on the server (lib.ui.charts): no canvas grid and
no Vega bundle to load, which is most of a page's time to full render in the browser (docs/benchmark.md).
"""

import streamlit as st

from lib import config
from lib.outputs import export_frames as ex
from lib.presentation import area_tables as at
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.presentation.cards import Card
from lib.ui import charts, loaders
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads


def _indicator_table(table, filters: vm.Filters, area_name: str, key: str, total, indicators, observations) -> None:
    linked = at.with_links(table, ui.link_params(filters)).drop(columns=["indicator_id"])
    ui.html_table(linked, links={"指标": "链接"}, sparkline="趋势")
    st.caption("点击指标名称查看该指标的详情。")
    export = ex.with_raw_values(table.drop(columns=["趋势"]), ex.raw_indicator_values(total, indicators))
    render_downloads(
        export,
        what="指标状态",
        year=filters.year,
        area=area_name,
        department=None if filters.department == vm.ALL else filters.department,
        filters=filters,
        observations=observations,
        has_sample=vm.has_sample(total),
        key=f"{key}_download",
    )


def render_area_page(area_id: str) -> None:
    """Goals, indicator table, small multiples, measures and 达标率 of one development area."""
    filters = ui.current_filters()
    areas, goals = loaders.load_table(config.AREAS), loaders.load_table(config.GOALS)
    indicators, observations = loaders.load_table(config.INDICATORS), loaders.load_table(config.OBSERVATIONS)
    area = at.area_record(areas, area_id)
    accountable = loaders.load_accountable()
    statuses = vm.filter_statuses(loaders.load_statuses(filters.year), indicators, goals, filters, accountable)
    area_statuses = at.area_statuses(statuses, indicators, area_id)
    total = vm.totals(area_statuses)

    st.title(str(area.get("name", "发展领域")))
    ui.filter_caption(filters)
    ui.sample_note(vm.has_sample(total))
    headline = vm.build_headline(total, vm.overall_rollup(area_statuses, indicators, goals))
    final = config.is_final_year(filters.year)  # the final evaluation has no 按期可达
    ui.number_cards(
        [
            Card("本领域达标率", fmt.format_rate(headline.achievement_rate)),
            Card("监测指标", fmt.format_count(headline.n_indicators)),
            Card("已达标", fmt.format_count(headline.n_met)),
            Card("基本达标", fmt.format_count(headline.n_nearly_met))
            if final
            else Card("按期可达", fmt.format_count(headline.n_on_track)),
            Card("需关注", fmt.format_count(headline.n_attention)),
            Card("预警", fmt.format_count(headline.n_warnings)),
        ]
    )

    st.subheader("指标进展")
    table = at.build_indicator_table(total, indicators, goals, observations, area_id, filters.year, accountable)
    if table.empty:
        st.info("当前筛选条件下本领域没有指标。")
    else:
        _indicator_table(
            table,
            filters,
            str(area.get("short_name", "")),
            key=f"area_{area_id}_table",
            total=total,
            indicators=indicators,
            observations=observations,
        )
        chart = charts.area_chart_html(table["indicator_id"].tolist(), filters.year)
        if chart is not None:
            st.subheader("数值指标走势（虚线为规划目标）")
            charts.draw_html(chart)

    st.subheader("主要目标")
    goal_table = at.build_goal_table(goals, area_id, filters.department, filters.scope)
    ui.html_table(goal_table, wide=("主要目标",))

    st.subheader("策略措施")
    ui.measure_list(at.build_measure_list(loaders.load_table(config.MEASURES), area_id))

import streamlit as st

from lib import config
from lib.outputs import export_frames as ex
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.presentation.cards import Card
from lib.ui import charts, loaders
from lib.ui import widgets as ui
from lib.ui.downloads import render_downloads
from lib.ui.rounds import round_completeness

filters = ui.current_filters()
final = config.is_final_year(filters.year)
indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
areas = loaders.load_table(config.AREAS)
accountable = loaders.load_accountable()
statuses = vm.filter_statuses(loaders.load_statuses(filters.year), indicators, goals, filters, accountable)
total = vm.totals(statuses)
headline = vm.build_headline(total, vm.overall_rollup(statuses, indicators, goals), filters.year)
observations = loaders.load_table(config.OBSERVATIONS)
freshness = vm.build_freshness(observations, filters.year)

st.title("规划实施终期评估总览" if final else "规划实施监测总览")
st.caption(config.PLAN_TITLE)
ui.filter_caption(filters)
ui.sample_note(vm.has_sample(total) or freshness.has_sample)
round_completeness()  # 报送率 and 及时率 while a reporting round is open (issue 10)

kinds = " + ".join(f"{g.label}{g.total}" for g in headline.groups)
cards = [
    Card("监测指标", fmt.format_count(headline.n_indicators), f"全部指标 = {kinds}" if kinds else None),
    Card("总体达标率", fmt.format_rate(headline.achievement_rate), "已达标 ÷ 有目标值且有数据的数值目标"),
]
if final:
    cards.append(
        Card(
            "基本达标占比",
            fmt.format_rate(headline.nearly_met_rate),
            f"基本达标（完成所需进度的90%以上）{headline.n_nearly_met}项 ÷ 有数据的数值目标，"
            "与达标率并列，不计入达标率",
        )
    )
cards.append(
    Card("有预警的指标", fmt.format_count(headline.n_warnings), "以上指标中带有预警的项数，与状态交叉，不另计入合计")
)
ui.number_cards(cards)
for group in headline.groups:
    parts = " + ".join(f"{status}{n}" for status, n in group.counts)
    st.markdown(
        f"**{group.label}　{fmt.format_count(group.total)}**（{group.note}）　= {parts}"
        if group.note
        else f"**{group.label}　{fmt.format_count(group.total)}**　= {parts}"
    )
    ui.number_cards([Card(status, fmt.format_count(n)) for status, n in group.counts])
fresh_year = f"{freshness.latest_year}年" if freshness.latest_year else "暂无数据"
rate_note = "已达标指标 ÷ 有数值目标且有数据的指标" + ("（基本达标另列，不计入）" if final else "")
st.markdown(f"**数据截至：** {fresh_year}　**数据状态：** {freshness.data_status}　**达标率口径：** {rate_note}")
if final:
    st.caption(
        "终期评估：数值目标按2020年以来完成所需变化的比例判断（90%以上为基本达标），方向性目标按是否向规定方向变化判断；"
        "2025年未报数据的指标按此前最近一年的数值评估，并在说明中注明年份。"
    )

if final:
    st.subheader(f"与中期评估（{config.MIDTERM_YEAR}年）比较")
    comparison = vm.build_midterm_comparison(
        statuses, loaders.load_statuses(config.MIDTERM_YEAR), indicators, goals, areas
    )
    rates = f"{fmt.format_rate(comparison.rate_mid)} → {fmt.format_rate(comparison.rate_final)}"
    ui.number_cards(
        [
            Card(
                f"达标率 {config.MIDTERM_YEAR}年 → {config.FINAL_YEAR}年",
                rates,
                delta=vm.format_rate_change(comparison.rate_mid, comparison.rate_final),
            ),
            Card(
                vm.MOVE_NEWLY_MET,
                fmt.format_count(comparison.n_newly_met),
                f"{config.MIDTERM_YEAR}年未达标、{config.FINAL_YEAR}年已达标的数值目标",
            ),
            Card(
                vm.MOVE_FELL_BACK,
                fmt.format_count(comparison.n_fell_back),
                f"{config.MIDTERM_YEAR}年已达标、{config.FINAL_YEAR}年不再达标的数值目标",
            ),
            Card(vm.MOVE_RATING_UP, fmt.format_count(comparison.n_rating_up), "牵头单位评价较中期提升的定性目标"),
            Card(vm.MOVE_RATING_DOWN, fmt.format_count(comparison.n_rating_down), "牵头单位评价较中期下降的定性目标"),
        ]
    )
    if comparison.moved.empty:
        st.info("与中期评估相比，没有指标的达标情况或评价发生变化。")
    else:
        ui.html_table(comparison.moved, status=("终期状态",))
    st.caption("方向性目标中期按年均增速判断、终期按是否向规定方向变化判断，口径不同，不列入比较。")

st.subheader("各领域指标状态")
chart = charts.overview_chart_html(filters)
if chart is None:
    st.info("当前筛选条件下没有指标。")
else:
    charts.draw_html(chart)

st.subheader("预警清单")
warnings = vm.build_warning_table(total, indicators, goals, areas, ui.link_params(filters), accountable)
if warnings.empty:
    st.success("当前筛选条件下没有预警。")
else:
    ui.html_table(warnings, links={"指标": "详情"}, wide=("预警原因",))
    st.caption("点击指标名称查看该指标的详情。")
    render_downloads(
        ex.warning_export(total, indicators, goals, areas),
        what="预警清单",
        year=filters.year,
        department=None if filters.department == vm.ALL else filters.department,
        filters=filters,
        observations=observations,
        has_sample=vm.has_sample(total),
        key="overview_warnings",
    )

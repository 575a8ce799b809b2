"""Meeting mode on screen: the slide in a fragment (a step reruns only the slide, not the frame), the
stepping buttons with their keys (arrows, Page Up/Down of a presenter's clicker), and each kind of slide.

The sequence and what a slide shows come from lib.presentation.meeting; the slide number lives in the URL
(?slide=3), so a reload or a copied link shows the same slide.
"""

from __future__ import annotations

import html
import logging
import threading
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import config
from lib.presentation import area_tables as at
from lib.presentation import formatting as fmt
from lib.presentation import indicator_detail as detail
from lib.presentation import meeting, templates
from lib.presentation import view_models as vm
from lib.ui import charts, loaders
from lib.ui import widgets as ui

SLIDE_PARAM, START_PARAM, BACK_PARAM, LIST_PARAM = "slide", "at", "back", "list"
LOG = logging.getLogger("boshan")
SLIDE_KEY = "meeting_slide"  # CSS: .st-key-meeting_slide
MEETING_COLUMNS = 2  # an area slide's panels a row: two scale up larger on the projector than three
STEPS = (  # (key, label, shortcut, delta); the Page Up/Down twins are hidden (a clicker sends those keys)
    ("meeting_prev", "上一页", "Left", -1),
    ("meeting_next", "下一页", "Right", 1),
    ("meeting_pageup", "上一页（翻页笔）", "PageUp", -1),
    ("meeting_pagedown", "下一页（翻页笔）", "PageDown", 1),
)


def apply_meeting_style() -> None:
    st.html(templates.render("meeting_style.html.j2"))


def start_position(sequence: tuple[meeting.Slide, ...]) -> None:
    """Entering from a page (?at=A3): put that page's slide number in the URL, once."""
    if START_PARAM in st.query_params:
        index = meeting.slide_index(sequence, st.query_params[START_PARAM])
        del st.query_params[START_PARAM]
        st.query_params[SLIDE_PARAM] = str(index + 1)


def _slide_chart(slide: meeting.Slide, filters: vm.Filters) -> str | None:
    """The chart of a slide (server-rendered, cached by lib.ui.charts): 总览's bars, an area's panels of the
    indicators needing attention, an indicator's trend."""
    if slide.kind == meeting.KIND_OVERVIEW:
        return charts.overview_chart_html(filters)
    if slide.kind == meeting.KIND_INDICATOR:
        return charts.indicator_chart_html(slide.key, filters.year)
    table, rows = _area_rows(filters, slide.key)
    ids = meeting.chart_ids(rows, table)
    return charts.area_chart_html(ids, filters.year, columns=MEETING_COLUMNS, phone=False) if ids else None


def warm_charts(sequence: tuple[meeting.Slide, ...], filters: vm.Filters) -> None:
    """Render every slide's chart once in a background thread when a meeting opens (once per year and
    filters): the first pass through the slides then steps as fast as the second (docs/benchmark.md)."""
    marker = ("meeting_warm", filters, tuple(s.key for s in sequence))
    if st.session_state.get("meeting_warm") == marker:
        return
    st.session_state["meeting_warm"] = marker

    def run() -> None:
        for slide in sequence:
            try:
                _slide_chart(slide, filters)
            except Exception:  # a chart that fails here fails again, visibly, when its slide is shown
                LOG.debug("warming the chart of slide %s failed", slide.key, exc_info=True)

    threading.Thread(target=run, name="meeting-warm", daemon=True).start()


def _go(delta: int, n_slides: int) -> None:
    index = meeting.parse_position(st.query_params.get(SLIDE_PARAM, "1"), n_slides)
    st.query_params[SLIDE_PARAM] = str(meeting.step(index, delta, n_slides) + 1)


def _controls(index: int, n_slides: int, filters: vm.Filters) -> None:
    with st.container(horizontal=True, vertical_alignment="center", gap="small", width="content"):
        for key, label, shortcut, delta in STEPS:
            if key == "meeting_next":
                st.html(f'<div class="bs-slide-pos">{meeting.position_label(index, n_slides)}</div>', width="content")
            icon = ":material/chevron_left:" if delta < 0 else ":material/chevron_right:"
            st.button(
                label,
                key=key,
                icon=icon,
                shortcut=shortcut,
                on_click=_go,
                args=(delta, n_slides),
                disabled=index + delta < 0 or index + delta >= n_slides,
            )
        href = meeting.exit_href(st.query_params.get(BACK_PARAM, ""), ui.link_params(filters))
        link = f'<a class="bs-exit" href="{html.escape(href)}" target="_self">退出会议模式</a>'
        st.markdown(link, unsafe_allow_html=True)


def _header(slide: meeting.Slide, filters: vm.Filters, sample: bool) -> None:
    parts = ui.filter_parts(filters)
    with st.container(gap=None):
        st.title(slide.title if slide.kind != meeting.KIND_OVERVIEW else config.PLAN_TITLE, anchor=False)
        st.html(
            templates.render(
                "slide_header.html.j2", subtitle="　|　".join(parts), sample=config.SAMPLE_LABEL if sample else ""
            )
        )


def _metrics(cards: list[tuple[str, str]]) -> None:
    with st.container(horizontal=True):
        for label, value in cards:
            st.metric(label, value, border=True)


def _table(rows: pd.DataFrame, links: dict[str, str], empty: str) -> None:
    if rows.empty:
        st.success(empty)
    else:
        st.markdown(vm.build_html_table(rows, links=links), unsafe_allow_html=True)


def _overview(filters: vm.Filters, total: pd.DataFrame) -> None:
    indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
    areas = loaders.load_table(config.AREAS)
    head = vm.build_headline(total, vm.overall_rollup(total, indicators, goals))
    _metrics(
        [
            ("监测指标", fmt.format_count(head.n_indicators)),
            ("总体达标率", fmt.format_rate(head.achievement_rate)),
            ("已达标", fmt.format_count(head.n_met)),
            ("需关注", fmt.format_count(head.n_attention)),
            ("有预警的指标", fmt.format_count(head.n_warnings)),
        ]
    )
    left, right = st.columns([1, 1], gap="large")
    with left:
        chart = charts.overview_chart_html(filters)
        if chart is not None:
            charts.draw_html(chart)
    with right:
        final = config.is_final_year(filters.year)
        rows = meeting.overview_rows(total, indicators, areas, ui.link_params(filters), final=final)
        if final:
            n_off = len(meeting.off_track_ids(total, indicators, areas))
            st.markdown(f"**终期评估未达标、倒退或未实现的指标（共{n_off}项，倒退在前）**")
            _table(rows, {"指标": "链接"}, "所有有数据的指标均已达标或基本达标。")
        else:
            st.markdown(f"**有预警的指标（共{head.n_warnings}项，红色预警在前）**")
            _table(rows, {"指标": "链接"}, "当前没有预警。")


def _area_rows(filters: vm.Filters, area_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The area's indicator table and its rows needing attention (with links), cached per data and filters:
    the table's trends are the slow part of a step (docs/benchmark.md)."""
    folder = config.data_dir()
    return _cached_area_rows(str(folder), loaders.data_fingerprint(folder), filters, area_id)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached_area_rows(
    folder: str, key: tuple[loaders.Fingerprint, ...], filters: vm.Filters, area_id: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    data = Path(folder)
    indicators, goals = loaders.load_table(config.INDICATORS, data), loaders.load_table(config.GOALS, data)
    accountable = loaders.quiet_accountable(data)
    statuses = vm.filter_statuses(loaders.load_statuses(filters.year, data), indicators, goals, filters, accountable)
    area_total = at.area_statuses(vm.totals(statuses), indicators, area_id)
    observations = loaders.load_table(config.OBSERVATIONS, data)
    table = at.build_indicator_table(area_total, indicators, goals, observations, area_id, filters.year, accountable)
    return table, meeting.area_rows(at.with_links(table, ui.link_params(filters)), area_total)


def _area(filters: vm.Filters, total: pd.DataFrame, area_id: str) -> None:
    indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
    area_total = at.area_statuses(total, indicators, area_id)
    head = vm.build_headline(area_total, vm.overall_rollup(area_total, indicators, goals))
    _metrics(
        [
            ("本领域达标率", fmt.format_rate(head.achievement_rate)),
            ("监测指标", fmt.format_count(head.n_indicators)),
            ("已达标", fmt.format_count(head.n_met)),
            ("需关注", fmt.format_count(head.n_attention)),
            ("预警", fmt.format_count(head.n_warnings)),
        ]
    )
    table, rows = _area_rows(filters, area_id)
    left, right = st.columns([1, 1], gap="large")
    with left:
        chart = _slide_chart(meeting.Slide(meeting.KIND_AREA, area_id, ""), filters)
        if chart is not None:
            charts.draw_html(chart)
    with right:
        st.markdown("**需要关注的指标**（有预警或进度落后，红色预警在前；左图为这些指标的走势）")
        _table(rows.drop(columns=["indicator_id"]), {"指标": "链接"}, "本领域没有需要关注的指标。")


def _indicator(filters: vm.Filters, indicator_id: str) -> None:
    indicators, goals = loaders.load_table(config.INDICATORS), loaders.load_table(config.GOALS)
    info = detail.indicator_record(indicators, goals, indicator_id, loaders.load_accountable())
    status = detail.status_row(loaders.load_statuses(filters.year), indicator_id)
    facts = meeting.indicator_facts(status, info.target_text, info.unit)
    _metrics([(facts.latest_label, facts.latest), ("规划目标", facts.target), ("状态", facts.status)])
    left, right = st.columns([3, 2], gap="large")
    with left:
        chart = charts.indicator_chart_html(indicator_id, filters.year)
        if info.kind == config.KIND_QUALITATIVE:
            ratings = detail.build_assessment_table(loaders.load_table(config.ASSESSMENTS), indicator_id, filters.year)
            latest = ratings[["年份", "评价", "进展情况"]].head(3)  # newest first; narratives are long
            st.markdown(vm.build_html_table(latest, status=("评价",), wide=("进展情况",)), unsafe_allow_html=True)
        elif chart is not None:
            charts.draw_html(chart)
        else:
            st.info(f"截至{filters.year}年暂无数值。")
    with right:
        if facts.warning is not None:
            st.error(f"**{facts.warning[0]}：** {facts.warning[1]}", icon=":material/warning:")
        st.markdown(facts.explanation)
        st.markdown(f"**牵头单位：** {info.lead}")
        href = html.escape(vm.indicator_link(indicator_id, ui.link_params(filters)))
        st.markdown(f'<a href="{href}" target="_self">查看指标详情</a>', unsafe_allow_html=True)


@st.fragment
def render_slide(sequence: tuple[meeting.Slide, ...], filters: vm.Filters, total: pd.DataFrame) -> None:
    """The slide named by ?slide= with its stepping buttons; a step reruns only this fragment."""
    index = meeting.parse_position(st.query_params.get(SLIDE_PARAM, "1"), len(sequence))
    slide = sequence[index]
    with st.container(key=SLIDE_KEY):
        sample = (
            vm.has_sample(total)
            if slide.kind != meeting.KIND_INDICATOR
            else vm.has_sample(total[total["indicator_id"] == slide.key])
        )
        with st.container(horizontal=True, vertical_alignment="center"):
            _header(slide, filters, sample)
            _controls(index, len(sequence), filters)
        if slide.kind == meeting.KIND_OVERVIEW:
            _overview(filters, total)
        elif slide.kind == meeting.KIND_AREA:
            _area(filters, total, slide.key)
        else:
            _indicator(filters, slide.key)

"""Shared Streamlit pieces: the global controls (bound to the URL), status badges, sample label."""

from __future__ import annotations

import logging
import os
import uuid
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from lib import config
from lib.contract.tables import DataError
from lib.presentation import area_tables, meeting, templates
from lib.presentation import formatting as fmt
from lib.presentation.cards import Card, cards_html
from lib.presentation.view_models import (
    ALL,
    SCOPES,
    Filters,
    build_freshness,
    build_html_table,
    default_year,
    department_options,
    years_with_data,
)
from lib.ui import loaders

KEY_YEAR, KEY_DEPT, KEY_SCOPE, KEY_STATUS = "year", "dept", "scope", "status"
KEY_YEAR_WIDGET = "global_year"
FILTERS_LABEL = "筛选条件"
MEETING_PAGE, MEETING_PATH, MEETING_LABEL = "views/meeting.py", "meeting", "会议模式"
MODE_PARAM, MODE_MEETING = "mode", "meeting"  # ?mode=meeting on any page opens the meeting at that page
TOPBAR_KEY = "bs_topbar"  # the row above every page: filters and the meeting switch (CSS: .st-key-bs_topbar)


def apply_page_style() -> None:
    """Page-wide CSS shared by every page (called once by app.py)."""
    st.html(templates.render("page_style.html.j2"))


def url_selectbox(
    label: str, options: list, *, param: str, default: object, key: str, format_func=str, help: str | None = None
) -> object:
    """A selectbox whose raw value (not its label) is the URL parameter `param`, e.g. ?year=2023.

    bind="query-params" would put the formatted label in the URL (?year=2023年（中期评估）), so the
    value is read from and written to st.query_params here instead.
    A page switch in the navigation drops the URL's parameters, and the widget's own state is gone too when it
    sits in a popover nobody opened (the browser has not drawn it, so it sends no value back): the last value is
    kept in plain session state under `bs_kept_<key>` and used when the URL has none.
    """
    by_text, memory = {str(o): o for o in options}, f"bs_kept_{key}"
    kept = st.session_state.get(memory)
    start = by_text.get(st.query_params.get(param, ""), kept if kept in options else default)
    value = st.selectbox(label, options, index=options.index(start), format_func=format_func, key=key, help=help)
    st.query_params[param] = str(value)
    st.session_state[memory] = value
    return value


def render_global_controls() -> Filters:
    """The controls shared by every page, in a popover above the page (not in the sidebar: a phone shows them
    without opening it); each is a URL parameter.

    In a popover the widgets' frontend bundles load only when it is opened, not with every page
    (docs/benchmark.md); the server still runs them, so the URL and session state stay bound.
    """
    years = years_with_data(loaders.load_table(config.OBSERVATIONS), loaders.load_table(config.ASSESSMENTS))
    departments = department_options(loaders.load_table(config.DEPARTMENTS), loaders.load_table(config.GOALS))
    with st.popover(FILTERS_LABEL, icon=":material/filter_alt:", width="content"):
        year = url_selectbox(
            "评估年度",
            list(config.ASSESSMENT_YEARS),
            param=KEY_YEAR,
            default=default_year(years),
            key=KEY_YEAR_WIDGET,
            format_func=fmt.year_label,
            help="2023年为中期评估，2025年为终期评估；默认显示有数据的最近一年。",
        )
        department = st.selectbox("部门", departments, key=KEY_DEPT, bind="query-params")
        scope = st.radio(
            "部门职责",
            SCOPES,
            index=SCOPES.index(ALL),
            horizontal=True,
            key=KEY_SCOPE,
            bind="query-params",
            help="牵头：部门为牵头单位的目标；责任：部门为责任单位的目标。",
        )
        options = list(config.statuses_for_year(int(year)))
        keep_valid_statuses(options)
        statuses = st.multiselect(
            "状态",
            options,
            key=KEY_STATUS,
            bind="query-params",
            placeholder="全部状态",
            help="只列出所选年度可能出现的状态：2025年为终期评估的状态，其余年度为进展状态。",
        )
    return Filters(year=int(year), department=department or ALL, scope=scope or ALL, statuses=tuple(statuses))


def keep_valid_statuses(options: list[str]) -> None:
    """Drop chosen statuses the year cannot show (按期可达 after switching to 2025), before the widget is drawn."""
    chosen = st.session_state.get(KEY_STATUS)
    if chosen and any(s not in options for s in chosen):
        st.session_state[KEY_STATUS] = [s for s in chosen if s in options]


def current_filters() -> Filters:
    """The global controls as set in this run (app.py draws them before the page runs)."""
    state = st.session_state
    return Filters(
        year=int(state.get(KEY_YEAR_WIDGET) or config.FIRST_YEAR),
        department=state.get(KEY_DEPT) or ALL,
        scope=state.get(KEY_SCOPE) or ALL,
        statuses=tuple(state.get(KEY_STATUS) or ()),
    )


def link_params(filters: Filters) -> dict[str, object]:
    """The global controls as URL parameters for links built by hand (LinkColumn)."""
    params: dict[str, object] = {KEY_YEAR: filters.year}
    if filters.department != ALL:
        params[KEY_DEPT] = filters.department
    if filters.scope != ALL:
        params[KEY_SCOPE] = filters.scope
    if filters.statuses:
        params[KEY_STATUS] = list(filters.statuses)
    return params


def status_badge_html(status: str, size: str = "1.1rem") -> str:
    """A status as a coloured pill in the one palette."""
    color = config.STATUS_COLORS.get(status, config.STATUS_COLORS[config.STATUS_NO_DATA])
    return templates.render("badge.html.j2", status=status, size=size, color=color)


def status_heading(text: str, status: str) -> None:
    """A heading with the status as a coloured pill beside it, drawn as HTML (no Markdown-with-HTML bundle)."""
    st.html(templates.render("status_heading.html.j2", text=text, badge=status_badge_html(status)))


def html_table(df: pd.DataFrame, **options) -> None:
    """A frame as the dashboard's static table (view_models.build_html_table; options as there).

    Drawn by st.html, not Markdown: the browser sets it as HTML in one step instead of parsing it into a tree of
    React elements, and no Markdown-with-HTML bundle loads (docs/benchmark.md).
    """
    st.html(build_html_table(df, **options))


def number_cards(cards: list[Card]) -> None:
    """Key numbers as one row of static cards (lib.presentation.cards), wrapping on a narrow screen."""
    st.html(cards_html(cards))


def measure_list(measures: pd.DataFrame) -> None:
    """An area's measures (area_tables.build_measure_list), each a closed <details> to open."""
    st.html(area_tables.measures_html(measures))


def style_status(df: pd.DataFrame, column: str = "状态") -> pd.io.formats.style.Styler:
    """The frame with its status column painted in the status palette."""

    def paint(value: object) -> str:
        color = config.STATUS_COLORS.get(str(value))
        return f"background-color: {color}; color: white; font-weight: 600" if color else ""

    return df.style.map(paint, subset=[column])


def show_result(key: str) -> None:
    """The outcome a button's callback left in session state as (ok, message), shown once: success or error."""
    result = st.session_state.pop(key, None)
    if result is not None:
        (st.success if result[0] else st.error)(result[1])


def sample_note(show: bool) -> None:
    """The sample-data label, whenever sample rows are on the page."""
    if show:
        st.warning(f"**{config.SAMPLE_LABEL}**　{config.SAMPLE_NOTE}", icon=":material/science:")


def filter_parts(filters: Filters) -> list[str]:
    """Which filters shape the page and how fresh its data are: 2024年, the department, 数据截至2024年（正式）."""
    parts = [fmt.year_label(filters.year)]
    if filters.department != ALL:
        parts.append(f"{filters.department}（{filters.scope}）" if filters.scope != ALL else filters.department)
    if filters.statuses:
        parts.append("状态：" + "、".join(filters.statuses))
    freshness = build_freshness(loaders.load_table(config.OBSERVATIONS), filters.year)
    if freshness.latest_year:
        parts.append(f"数据截至{freshness.latest_year}年（{freshness.data_status}）")
    return parts


def filter_caption(filters: Filters) -> None:
    """One line saying which filters shape the page and how fresh its data are (a printout's first page)."""
    st.caption("　|　".join(filter_parts(filters)))


LOG = logging.getLogger("boshan")
STRICT_ENV = "BOSHAN_STRICT_ERRORS"  # set by the tests: an unexpected error fails the test instead


def meeting_params(page: st.navigation) -> dict[str, object]:
    """The URL of the meeting entered from this page: the global controls, the slide to start at, the way back."""
    filters = current_filters()
    indicator = st.query_params.get("id") if page.url_path == "indicator" else None
    areas = loaders.load_table(config.AREAS)
    back = page.url_path + (f"?{urlencode({'id': indicator})}" if indicator else "")
    return {**link_params(filters), "at": meeting.start_key(page.url_path, page.title, indicator, areas), "back": back}


def render_topbar(page: st.navigation) -> None:
    """The row above every page: the global controls and the meeting-mode switch (?mode=meeting: straight in)."""
    with st.container(horizontal=True, key=TOPBAR_KEY, vertical_alignment="center", gap="small"):
        render_global_controls()
        if page.url_path == MEETING_PATH:
            return
        params = meeting_params(page)
        if st.query_params.get(MODE_PARAM) == MODE_MEETING:
            st.switch_page(MEETING_PAGE, query_params=params)
        st.page_link(
            MEETING_PAGE,
            label=MEETING_LABEL,
            icon=":material/co_present:",
            query_params=params,
            help="投影用的演示：总览、各领域、红色预警指标逐页放映，方向键或翻页笔翻页",
        )
        # the browser's own print (A4 landscape by the page's print CSS), where 另存为PDF gives the PDF to send
        st.html(templates.render("print_button.html.j2"), unsafe_allow_javascript=True, width="content")


def run_page(page: st.navigation) -> None:
    """The shared controls and the page; a broken table or an unexpected error shows a Chinese
    message and goes to the server log, never a traceback or a server path to the visitor."""
    try:
        from lib.ui import auth  # the store is only imported once a page runs

        auth.refresh_publication()
        if not auth.viewing_allowed():
            auth.login_form("浏览看板（区妇儿工委办公室已开启浏览登录）")
            return
        render_topbar(page)
        page.run()
    except DataError as exc:
        LOG.error("data error on %s: %s", page.url_path, exc)
        st.error(f"数据有问题，页面无法显示：{exc}\n\n请联系区妇儿工委办公室检查数据文件。", icon=":material/error:")
    except Exception:
        if os.environ.get(STRICT_ENV):
            raise
        code = uuid.uuid4().hex[:8]
        LOG.exception("unexpected error %s on %s", code, page.url_path)
        st.error(
            f"页面出现内部错误，已记录（错误编号 {code}）。请刷新页面；如仍出现，请把错误编号告知管理员。",
            icon=":material/error:",
        )

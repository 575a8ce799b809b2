"""Shared Streamlit pieces: the global controls (bound to the URL), status badges, sample label."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from lib import config
from lib.ui import loaders
from lib.presentation import formatting as fmt
from lib.presentation import templates
from lib.presentation.view_models import ALL, SCOPES, Filters, default_year, department_options, years_with_data

KEY_YEAR, KEY_DEPT, KEY_SCOPE, KEY_STATUS = "year", "dept", "scope", "status"
KEY_YEAR_WIDGET = "global_year"
FILTERS_LABEL = "筛选条件"


def apply_page_style() -> None:
    """Page-wide CSS shared by every page (called once by app.py)."""
    st.html(templates.render("page_style.html.j2"))


def url_selectbox(label: str, options: list, *, param: str, default: object, key: str,
                  format_func=str, help: str | None = None) -> object:
    """A selectbox whose raw value (not its label) is the URL parameter `param`, e.g. ?year=2023.

    bind="query-params" would put the formatted label in the URL (?year=2023年（中期评估）), so the
    value is read from and written to st.query_params here instead.
    """
    by_text = {str(o): o for o in options}
    start = by_text.get(st.query_params.get(param, ""), default)
    value = st.selectbox(label, options, index=options.index(start), format_func=format_func, key=key, help=help)
    st.query_params[param] = str(value)
    return value


def render_global_controls() -> Filters:
    """The controls shared by every page, in a popover at the top of the sidebar; each is a URL parameter.

    In a popover the widgets' frontend bundles load only when it is opened, not with every page
    (docs/benchmark.md); the server still runs them, so the URL and session state stay bound.
    """
    years = years_with_data(loaders.load_table(config.OBSERVATIONS), loaders.load_table(config.ASSESSMENTS))
    departments = department_options(loaders.load_table(config.DEPARTMENTS))
    with st.sidebar, st.popover(FILTERS_LABEL, icon=":material/filter_alt:", width="stretch"):
        year = url_selectbox("评估年度", list(config.ASSESSMENT_YEARS), param=KEY_YEAR, default=default_year(years),
                             key=KEY_YEAR_WIDGET, format_func=fmt.year_label,
                             help="2023年为中期评估，2025年为终期评估；默认显示有数据的最近一年。")
        department = st.selectbox("部门", departments, key=KEY_DEPT, bind="query-params")
        scope = st.radio("部门职责", SCOPES, index=SCOPES.index(ALL), horizontal=True, key=KEY_SCOPE,
                         bind="query-params", help="牵头：部门为牵头单位的目标；责任：部门为责任单位的目标。")
        statuses = st.multiselect("状态", list(config.ALL_STATUSES), key=KEY_STATUS, bind="query-params",
                                  placeholder="全部状态")
    return Filters(year=int(year), department=department or ALL, scope=scope or ALL, statuses=tuple(statuses))


def current_filters() -> Filters:
    """The global controls as set in this run (app.py draws them before the page runs)."""
    state = st.session_state
    return Filters(
        year=int(state.get(KEY_YEAR_WIDGET) or config.FIRST_YEAR), department=state.get(KEY_DEPT) or ALL,
        scope=state.get(KEY_SCOPE) or ALL, statuses=tuple(state.get(KEY_STATUS) or ()),
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


def status_badge(status: str, size: str = "1.1rem") -> None:
    st.markdown(status_badge_html(status, size), unsafe_allow_html=True)


def style_status(df: pd.DataFrame, column: str = "状态") -> "pd.io.formats.style.Styler":
    """The frame with its status column painted in the status palette."""
    def paint(value: object) -> str:
        color = config.STATUS_COLORS.get(str(value))
        return f"background-color: {color}; color: white; font-weight: 600" if color else ""
    return df.style.map(paint, subset=[column])


def sample_note(show: bool) -> None:
    """The sample-data label, whenever sample rows are on the page."""
    if show:
        st.warning(f"**{config.SAMPLE_LABEL}**　{config.SAMPLE_NOTE}", icon=":material/science:")


def filter_caption(filters: Filters) -> None:
    """One line saying which filters shape the page."""
    parts = [fmt.year_label(filters.year)]
    if filters.department != ALL:
        parts.append(f"{filters.department}（{filters.scope}）" if filters.scope != ALL else filters.department)
    if filters.statuses:
        parts.append("状态：" + "、".join(filters.statuses))
    st.caption("　|　".join(parts))

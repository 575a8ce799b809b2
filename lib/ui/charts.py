"""Chart caching and drawing for the pages (apart from the data cache in loaders, which knows no charts).

Where each chart is drawn (docs/benchmark.md):
- the indicator page's trend chart in the browser (st.vega_lite_chart: hover values, target line); its
  Vega-Lite spec dict is built once per (data fingerprint, indicator, year);
- pages with many charts (area small multiples, overview bars) as SVG rendered on the server by
  vl-convert, once per (data fingerprint, inputs): a rerun draws the cached string. The SVG goes to the
  browser as an image (a data: URL in st.html): one element for the browser to paint instead of a thousand
  parsed through Markdown; st.html would strip inline SVG.
"""

from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from lib import config
from lib.presentation import templates
from lib.presentation.area_tables import build_area_chart
from lib.presentation.charts import PANEL_COLUMNS, SMALL_MULTIPLES_LEGEND
from lib.presentation.indicator_detail import build_indicator_chart, indicator_record
from lib.presentation.render import chart_spec, to_svg
from lib.presentation.view_models import Filters, build_overview_chart, filter_statuses, totals
from lib.ui.loaders import Fingerprint, data_fingerprint, load_statuses, load_table, quiet_accountable

SMALL_MULTIPLES, STATUS_BARS, TREND = "bs-sm", "bs-bars", "bs-trend"  # CSS classes of the server-drawn charts


SVG_WIDTH = re.compile(r'<svg[^>]*\bwidth="([\d.]+)"')


def svg_html(svg: str, kind: str, label: str, note: str = "", narrow: str | None = None) -> str:
    """A server-rendered SVG chart as an image in its page frame: its own width at most, less in a narrow column.

    narrow: the same chart laid out for a phone, shown instead below 640 px (CSS in page_style.html.j2).
    """
    width = int(float(SVG_WIDTH.search(svg).group(1)))
    narrow_src = templates.data_url(narrow) if narrow else ""
    return templates.render(
        "chart.html.j2",
        src=templates.data_url(svg),
        narrow_src=narrow_src,
        kind=kind,
        label=label,
        note=note,
        max_width=width,
        width=width,
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_chart(folder: str, key: tuple[Fingerprint, ...], filters: Filters) -> str | None:
    data = Path(folder)
    indicators, goals = load_table(config.INDICATORS, data), load_table(config.GOALS, data)
    statuses = filter_statuses(load_statuses(filters.year, data), indicators, goals, filters, quiet_accountable(data))
    total, areas = totals(statuses), load_table(config.AREAS, data)
    chart = build_overview_chart(total, indicators, areas)
    if chart is None:
        return None
    narrow = to_svg(build_overview_chart(total, indicators, areas, narrow=True))
    return svg_html(to_svg(chart), STATUS_BARS, "各领域指标状态", narrow=narrow)


def overview_chart_html(filters: Filters, data_dir: Path | None = None) -> str | None:
    """The overview's per-area status bars (server-rendered SVG in HTML); None when no indicator is shown."""
    folder = config.data_dir(data_dir)
    return _overview_chart(str(folder), data_fingerprint(folder), filters)


@st.cache_data(show_spinner=False, max_entries=128)
def _area_chart(
    folder: str, key: tuple[Fingerprint, ...], ids: tuple[str, ...], year: int, columns: int, phone: bool
) -> str | None:
    data = Path(folder)
    observations, indicators = load_table(config.OBSERVATIONS, data), load_table(config.INDICATORS, data)
    chart = build_area_chart(observations, indicators, list(ids), year, columns=columns)
    if chart is None:
        return None
    narrow = to_svg(build_area_chart(observations, indicators, list(ids), year, narrow=True)) if phone else None
    return svg_html(to_svg(chart), SMALL_MULTIPLES, "数值指标走势", SMALL_MULTIPLES_LEGEND, narrow)


def area_chart_html(
    ids: list[str], year: int, data_dir: Path | None = None, columns: int = PANEL_COLUMNS, phone: bool = True
) -> str | None:
    """Small multiples of the given indicators up to the year (server-rendered SVG in HTML); None without values.
    columns: panels a row; phone: also the one-column layout a phone shows (not needed on a projector)."""
    folder = config.data_dir(data_dir)
    return _area_chart(str(folder), data_fingerprint(folder), tuple(ids), int(year), int(columns), bool(phone))


@st.cache_data(show_spinner=False, max_entries=256)
def _indicator_spec(folder: str, key: tuple[Fingerprint, ...], indicator_id: str, year: int) -> dict | None:
    data = Path(folder)
    info = indicator_record(
        load_table(config.INDICATORS, data),
        load_table(config.GOALS, data),
        indicator_id,
        quiet_accountable(data),
    )
    if info is None:
        return None
    chart = build_indicator_chart(
        info, load_table(config.OBSERVATIONS, data), load_statuses(year, data), load_table(config.REFERENCE, data), year
    )
    return None if chart is None else chart_spec(chart)


def indicator_chart_spec(indicator_id: str, year: int, data_dir: Path | None = None) -> dict | None:
    """The Vega-Lite spec of an indicator's trend chart up to the year; None without values or for an unknown id."""
    folder = config.data_dir(data_dir)
    return _indicator_spec(str(folder), data_fingerprint(folder), indicator_id, int(year))


@st.cache_data(show_spinner=False, max_entries=256)
def _indicator_svg(folder: str, key: tuple[Fingerprint, ...], indicator_id: str, year: int) -> str | None:
    spec = _indicator_spec(folder, key, indicator_id, year)
    return None if spec is None else svg_html(to_svg(spec), TREND, "走势")


def indicator_chart_html(indicator_id: str, year: int, data_dir: Path | None = None) -> str | None:
    """The indicator's trend chart rendered on the server (meeting slides: no Vega to load between slides)."""
    folder = config.data_dir(data_dir)
    return _indicator_svg(str(folder), data_fingerprint(folder), indicator_id, int(year))


def draw_html(html: str) -> None:
    """Draw server-rendered chart HTML (svg_html)."""
    st.html(html)


def draw_spec(spec: dict) -> None:
    """Draw a Vega-Lite spec in the browser, in the chart's own colours (not Streamlit's theme)."""
    st.vega_lite_chart(spec, theme=None, width="stretch")

"""Cached view models of the pages: built once per (data version, filters), as the charts are (lib.ui.charts).

A rerun with the same data and filters (a page switch back, a filter set back, another visitor) takes the
built tables and cards from the cache instead of filtering, joining and formatting again; changed data has a
new fingerprint and so a fresh build.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from lib import config
from lib.outputs import export_frames as ex
from lib.presentation.area_tables import AreaView, build_area_view
from lib.presentation.overview import OverviewView, build_overview_view
from lib.presentation.view_models import Filters
from lib.ui.loaders import Fingerprint, data_fingerprint, load_statuses, load_table, quiet_accountable

AREA_TABLES = (config.AREAS, config.GOALS, config.INDICATORS, config.OBSERVATIONS, config.MEASURES)
OVERVIEW_TABLES = (config.AREAS, config.GOALS, config.INDICATORS, config.OBSERVATIONS)


@st.cache_data(show_spinner=False, max_entries=128)
def _area_view(
    folder: str, key: tuple[Fingerprint, ...], area_id: str, filters: Filters, link_params: dict[str, object]
) -> tuple[AreaView, pd.DataFrame | None]:
    data = Path(folder)
    tables = {name: load_table(name, data) for name in AREA_TABLES}
    view = build_area_view(
        area_id, filters, link_params, tables, load_statuses(filters.year, data), quiet_accountable(data)
    )
    if view.table.empty:
        return view, None
    raw = ex.raw_indicator_values(view.total, tables[config.INDICATORS])
    return view, ex.with_raw_values(view.table.drop(columns=["趋势"]), raw)


def area_view(
    area_id: str, filters: Filters, link_params: dict[str, object], data_dir: Path | None = None
) -> tuple[AreaView, pd.DataFrame | None]:
    """An area page's content (lib.presentation.area_tables.AreaView) and its indicator download (raw numbers);
    the download is None when no indicator is shown."""
    folder = config.data_dir(data_dir)
    return _area_view(str(folder), data_fingerprint(folder), area_id, filters, link_params)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_view(
    folder: str, key: tuple[Fingerprint, ...], filters: Filters, link_params: dict[str, object]
) -> tuple[OverviewView, pd.DataFrame | None]:
    data = Path(folder)
    tables = {name: load_table(name, data) for name in OVERVIEW_TABLES}
    midterm = load_statuses(config.MIDTERM_YEAR, data) if config.is_final_year(filters.year) else None
    view = build_overview_view(
        filters, link_params, tables, load_statuses(filters.year, data), midterm, quiet_accountable(data)
    )
    if view.warnings.empty:
        return view, None
    indicators, goals, areas = (tables[n] for n in (config.INDICATORS, config.GOALS, config.AREAS))
    return view, ex.warning_export(view.total, indicators, goals, areas)


def overview_view(
    filters: Filters, link_params: dict[str, object], data_dir: Path | None = None
) -> tuple[OverviewView, pd.DataFrame | None]:
    """The overview's content (lib.presentation.overview.OverviewView) and its warning download (None without
    warnings)."""
    folder = config.data_dir(data_dir)
    return _overview_view(str(folder), data_fingerprint(folder), filters, link_params)

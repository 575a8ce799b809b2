"""The only module with st.cache_data: cached reads keyed by a file fingerprint, one cached engine call.

Filtering happens outside the cache, in lib.view_models.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import config
from lib.area_tables import build_area_chart
from lib.indicator_detail import build_indicator_chart, indicator_record
from lib.view_models import Filters, build_overview_chart, filter_statuses, totals

Fingerprint = tuple[str, int, int]
DATA_TABLES = config.CATALOGUE_TABLES + (config.OBSERVATIONS, config.ASSESSMENTS, config.REFERENCE)


def fingerprint(path: Path) -> Fingerprint:
    """(name, mtime_ns, size) of a file; a missing file gets (name, 0, -1)."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return (path.name, 0, -1)
    return (path.name, stat.st_mtime_ns, stat.st_size)


def data_fingerprint(data_dir: Path | None = None) -> tuple[Fingerprint, ...]:
    """Fingerprints of every table the dashboard reads, in a fixed order."""
    folder = config.data_dir(data_dir)
    return tuple(fingerprint(folder / name) for name in DATA_TABLES)


@st.cache_data(show_spinner=False, max_entries=64)
def _read_parquet(path: str, key: Fingerprint) -> pd.DataFrame:
    if key[2] < 0:
        return pd.DataFrame()
    return pd.read_parquet(path)


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One table of the data directory; an empty frame when the file is absent."""
    path = config.data_dir(data_dir) / name
    return _read_parquet(str(path), fingerprint(path))


def has_table(name: str, data_dir: Path | None = None) -> bool:
    """Whether a table file exists in the data directory."""
    return (config.data_dir(data_dir) / name).exists()


@st.cache_data(show_spinner=False, max_entries=16)
def _compute_statuses(folder: str, key: tuple[Fingerprint, ...], year: int) -> pd.DataFrame:
    from lib.progress import compute_statuses  # the engine is only needed once per (data, year)

    data = Path(folder)
    return compute_statuses(
        load_table(config.INDICATORS, data), load_table(config.OBSERVATIONS, data),
        load_table(config.ASSESSMENTS, data), year,
    )


def load_statuses(year: int, data_dir: Path | None = None) -> pd.DataFrame:
    """The engine's statuses for one assessment year, computed once per data fingerprint."""
    folder = config.data_dir(data_dir)
    return _compute_statuses(str(folder), data_fingerprint(folder), int(year))


# ---------------------------------------------------------------- chart specs
# Building and validating an Altair chart costs tens of milliseconds here: each spec is built
# once per (data fingerprint, inputs) and pages draw the cached dict.


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_spec(folder: str, key: tuple[Fingerprint, ...], filters: Filters) -> dict | None:
    data = Path(folder)
    indicators, goals = load_table(config.INDICATORS, data), load_table(config.GOALS, data)
    statuses = filter_statuses(load_statuses(filters.year, data), indicators, goals, filters)
    chart = build_overview_chart(totals(statuses), indicators, load_table(config.AREAS, data))
    return chart.to_dict() if chart is not None else None


def load_overview_spec(filters: Filters, data_dir: Path | None = None) -> dict | None:
    """Vega-Lite spec of the overview's per-area status chart."""
    folder = config.data_dir(data_dir)
    return _overview_spec(str(folder), data_fingerprint(folder), filters)


@st.cache_data(show_spinner=False, max_entries=128)
def _area_spec(folder: str, key: tuple[Fingerprint, ...], ids: tuple[str, ...], year: int) -> dict | None:
    data = Path(folder)
    chart = build_area_chart(load_table(config.OBSERVATIONS, data), load_table(config.INDICATORS, data),
                             list(ids), year)
    return chart.to_dict() if chart is not None else None


def load_area_spec(ids: list[str], year: int, data_dir: Path | None = None) -> dict | None:
    """Vega-Lite spec of the small multiples of the given indicators up to the year."""
    folder = config.data_dir(data_dir)
    return _area_spec(str(folder), data_fingerprint(folder), tuple(ids), int(year))


@st.cache_data(show_spinner=False, max_entries=256)
def _indicator_spec(folder: str, key: tuple[Fingerprint, ...], indicator_id: str, year: int) -> dict | None:
    data = Path(folder)
    info = indicator_record(load_table(config.INDICATORS, data), load_table(config.GOALS, data), indicator_id)
    if info is None:
        return None
    chart = build_indicator_chart(info, load_table(config.OBSERVATIONS, data), load_statuses(year, data),
                                  load_table(config.REFERENCE, data), year)
    return chart.to_dict() if chart is not None else None


def load_indicator_spec(indicator_id: str, year: int, data_dir: Path | None = None) -> dict | None:
    """Vega-Lite spec of an indicator's trend chart up to the year."""
    folder = config.data_dir(data_dir)
    return _indicator_spec(str(folder), data_fingerprint(folder), indicator_id, int(year))

"""The only module with st.cache_data: cached reads keyed by a file fingerprint, one cached engine call.

Filtering happens outside the cache, in lib.view_models.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import config
from lib.contract import tables
from lib.contract.tables import DataError
from lib.presentation.area_tables import build_area_chart
from lib.presentation.indicator_detail import build_indicator_chart, indicator_record
from lib.presentation.roles import ACCOUNTABLE_COLUMNS, ACCOUNTABLE_FILE, read_accountable
from lib.presentation.view_models import Filters, build_overview_chart, filter_statuses, totals

Fingerprint = tuple[str, int, int]
DATA_TABLES = config.CATALOGUE_TABLES + (config.OBSERVATIONS, config.ASSESSMENTS, config.REFERENCE, ACCOUNTABLE_FILE)


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
    name = Path(path).name
    if key[2] < 0:
        return tables.empty_table(name)
    return tables.check_frame(tables.read_parquet(Path(path)), name)


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """One checked table of the data directory (lib.contract.tables); empty when the file is absent."""
    path = config.data_dir(data_dir) / name
    return _read_parquet(str(path), fingerprint(path))


@st.cache_data(show_spinner=False, max_entries=8)
def _read_accountable(folder: str, key: Fingerprint) -> pd.DataFrame:
    return read_accountable(Path(folder))


def load_accountable(data_dir: Path | None = None) -> pd.DataFrame:
    """The office's accountable departments of measure targets (data/accountable.csv); empty when none is set."""
    folder = config.data_dir(data_dir)
    try:
        return _read_accountable(str(folder), fingerprint(folder / ACCOUNTABLE_FILE))
    except DataError as exc:  # a broken file: say so, and use the defaults
        st.warning(f"指标负责单位表无法读取，暂按默认规则显示：{exc}", icon=":material/warning:")
        return pd.DataFrame(columns=ACCOUNTABLE_COLUMNS)


def has_table(name: str, data_dir: Path | None = None) -> bool:
    """Whether a table file exists in the data directory."""
    return (config.data_dir(data_dir) / name).exists()


@st.cache_data(show_spinner=False, max_entries=16)
def _compute_statuses(folder: str, key: tuple[Fingerprint, ...], year: int) -> pd.DataFrame:
    from lib.engine.progress import compute_statuses  # the engine is only needed once per (data, year)

    data = Path(folder)
    return compute_statuses(
        load_table(config.INDICATORS, data), load_table(config.OBSERVATIONS, data),
        load_table(config.ASSESSMENTS, data), year,
    )


def load_statuses(year: int, data_dir: Path | None = None) -> pd.DataFrame:
    """The engine's statuses for one assessment year, computed once per data fingerprint."""
    folder = config.data_dir(data_dir)
    return _compute_statuses(str(folder), data_fingerprint(folder), int(year))


# ---------------------------------------------------------------- charts
# Building an HTML/SVG chart costs a few milliseconds: each is built once per (data fingerprint, inputs)
# and pages draw the cached string.


@st.cache_data(show_spinner=False, max_entries=64)
def _overview_chart(folder: str, key: tuple[Fingerprint, ...], filters: Filters) -> str | None:
    data = Path(folder)
    indicators, goals = load_table(config.INDICATORS, data), load_table(config.GOALS, data)
    statuses = filter_statuses(load_statuses(filters.year, data), indicators, goals, filters, load_accountable(data))
    return build_overview_chart(totals(statuses), indicators, load_table(config.AREAS, data))


def load_overview_chart(filters: Filters, data_dir: Path | None = None) -> str | None:
    """The overview's per-area status chart (HTML bars)."""
    folder = config.data_dir(data_dir)
    return _overview_chart(str(folder), data_fingerprint(folder), filters)


@st.cache_data(show_spinner=False, max_entries=128)
def _area_chart(folder: str, key: tuple[Fingerprint, ...], ids: tuple[str, ...], year: int) -> str | None:
    data = Path(folder)
    return build_area_chart(load_table(config.OBSERVATIONS, data), load_table(config.INDICATORS, data),
                            list(ids), year)


def load_area_chart(ids: list[str], year: int, data_dir: Path | None = None) -> str | None:
    """Inline-SVG small multiples of the given indicators up to the year (HTML)."""
    folder = config.data_dir(data_dir)
    return _area_chart(str(folder), data_fingerprint(folder), tuple(ids), int(year))


@st.cache_data(show_spinner=False, max_entries=256)
def _indicator_chart(folder: str, key: tuple[Fingerprint, ...], indicator_id: str, year: int) -> str | None:
    data = Path(folder)
    info = indicator_record(load_table(config.INDICATORS, data), load_table(config.GOALS, data), indicator_id)
    if info is None:
        return None
    return build_indicator_chart(info, load_table(config.OBSERVATIONS, data), load_statuses(year, data),
                                 load_table(config.REFERENCE, data), year)


def load_indicator_chart(indicator_id: str, year: int, data_dir: Path | None = None) -> str | None:
    """Inline-SVG trend chart of an indicator up to the year (HTML); None without values."""
    folder = config.data_dir(data_dir)
    return _indicator_chart(str(folder), data_fingerprint(folder), indicator_id, int(year))

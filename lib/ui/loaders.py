"""The data cache: table reads keyed by a file fingerprint, one cached engine call per (data, year).

At import it loads no presentation code (the statuses' words are imported on first use); chart caching
lives in lib.ui.charts. Filtering happens outside the
cache, in lib.presentation.view_models.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import streamlit as st

from lib import config
from lib.contract import tables
from lib.contract.accountable import ACCOUNTABLE_COLUMNS, ACCOUNTABLE_FILE, read_accountable
from lib.contract.tables import DataError

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


def quiet_accountable(data: Path) -> pd.DataFrame:
    """The accountable departments inside a cached chart or view (a broken file: the defaults; load_accountable
    says so on the page)."""
    try:
        return read_accountable(data)
    except DataError:
        return pd.DataFrame(columns=ACCOUNTABLE_COLUMNS)


def has_table(name: str, data_dir: Path | None = None) -> bool:
    """Whether a table file exists in the data directory."""
    return (config.data_dir(data_dir) / name).exists()


@st.cache_data(show_spinner=False, max_entries=16)
def _compute_statuses(folder: str, key: tuple[Fingerprint, ...], year: int) -> pd.DataFrame:
    from lib.presentation.explain import explain_statuses  # the engine is only needed once per (data, year)

    data = Path(folder)
    return explain_statuses(
        load_table(config.INDICATORS, data),
        load_table(config.OBSERVATIONS, data),
        load_table(config.ASSESSMENTS, data),
        year,
    )


def load_statuses(year: int, data_dir: Path | None = None) -> pd.DataFrame:
    """The engine's statuses for one assessment year with their words, computed once per data fingerprint."""
    folder = config.data_dir(data_dir)
    return _compute_statuses(str(folder), data_fingerprint(folder), int(year))

"""Fixtures of the entry tests: a tiny data directory and its catalogue."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib import config
from tests.conftest import write_data_dir


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data")


@pytest.fixture
def catalogue(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(folder / config.INDICATORS), pd.read_parquet(folder / config.GOALS)

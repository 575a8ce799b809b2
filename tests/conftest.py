"""Shared fixtures: a tiny data directory following docs/data-contract.md, a clean st.cache_data, store databases."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from lib import config
from lib.ui.widgets import STRICT_ENV

# an unexpected error in a page fails the test (and the servers the browser tests start),
# instead of being turned into the Chinese message visitors see; tests/ui/test_widgets.py
# checks that message with the variable removed
os.environ.setdefault(STRICT_ENV, "1")
# never the repository's var/: the store, its published tables and the office's texts go to a throwaway
# folder for the run (servers the browser tests start inherit it), and to a fresh one for each test
os.environ[config.STATE_DIR_ENV] = tempfile.mkdtemp(prefix="boshan-state-")
os.environ.pop("BOSHAN_DATABASE_URL", None)


def _fast_password_hashes() -> None:
    """Argon2id with small parameters in this test process only (the product's are argon2-cffi's defaults,
    about 0.3 s per hash here); hashes stay argon2id and verify the same way."""
    from argon2 import PasswordHasher

    from lib.store import accounts

    accounts._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


_fast_password_hashes()

AREA_NAMES = (
    "妇女与健康",
    "妇女与教育",
    "妇女与经济",
    "妇女参与决策和管理",
    "妇女与社会保障",
    "妇女与法律",
    "妇女与家庭建设",
    "妇女与环境",
)
LEAD_A = "区卫生健康局"
LEAD_B = "区教育和体育局"
RESPONSIBLE = "区妇联"


@pytest.fixture(autouse=True)
def clear_streamlit_cache():
    st.cache_data.clear()
    yield
    st.cache_data.clear()


@pytest.fixture(autouse=True)
def fresh_state_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Each test gets an empty state directory (no store, nothing published); engines are closed after it."""
    monkeypatch.setenv(config.STATE_DIR_ENV, str(tmp_path_factory.mktemp("state")))
    yield
    from lib.store.db import close_all

    close_all()


def _areas() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "area_id": [f"A{i}" for i in range(1, 9)],
            "seq": range(1, 9),
            "name": AREA_NAMES,
            "short_name": [n.replace("妇女与", "").replace("妇女参与", "") for n in AREA_NAMES],
        }
    )


def _goals() -> pd.DataFrame:
    rows = [
        {
            "goal_id": f"A{i}-G01",
            "area_id": f"A{i}",
            "seq": 1,
            "text": f"第{i}领域的主要目标。",
            "lead_units": [LEAD_A if i == 1 else LEAD_B],
            "responsible_units": [RESPONSIBLE] if i == 1 else [],
        }
        for i in range(1, 9)
    ]
    rows.append(
        {
            "goal_id": "A1-G02",
            "area_id": "A1",
            "seq": 2,
            "text": "普及健康知识。",
            "lead_units": [LEAD_A],
            "responsible_units": [],
        }
    )
    return pd.DataFrame(rows)


def _indicators() -> pd.DataFrame:
    base = {
        "measure_id": None,
        "seq": 1,
        "unit": "%",
        "kind": "target",
        "op": ">=",
        "target": 85.0,
        "target_year": 2025,
    }
    rows = [
        {
            **base,
            "indicator_id": f"A{i}-G01-1",
            "area_id": f"A{i}",
            "goal_id": f"A{i}-G01",
            "name": f"第{i}项筛查率",
            "quote": f"第{i}项筛查率达到85%以上",
        }
        for i in range(1, 9)
    ]
    rows[0].update(name="孕产妇死亡率", unit="1/10万", op="<=", target=8.2, quote="孕产妇死亡率控制在8.2/10万以下")
    rows.append(
        {
            **base,
            "indicator_id": "A1-G02-1",
            "area_id": "A1",
            "goal_id": "A1-G02",
            "name": "健康素养",
            "unit": None,
            "kind": "qualitative",
            "op": None,
            "target": None,
            "quote": "提高妇女健康素养水平",
        }
    )
    rows.append(
        {
            **base,
            "indicator_id": "A1-M04-1",
            "area_id": "A1",
            "goal_id": None,
            "measure_id": "A1-M04",
            "name": "孕产妇系统管理率",
            "target": 90.0,
            "quote": "孕产妇系统管理率达到90%以上",
        }
    )
    return pd.DataFrame(rows)


def _observations() -> pd.DataFrame:
    rows = []
    series = {
        "A1-G01-1": [12.0, 11.0, 10.5, 9.0, 8.0],
        "A1-M04-1": [92.0, 93.0, 93.5, 94.0, 95.0],
        **{f"A{i}-G01-1": [70.0, 72.0, 71.0, 69.0, 66.0] for i in range(2, 9)},
    }
    for ind, values in series.items():
        for year, value in zip(range(2020, 2025), values):
            rows.append(
                {
                    "indicator_id": ind,
                    "region": config.REGION,
                    "year": year,
                    "subgroup": None,
                    "value": value,
                    "numerator": None,
                    "denominator": None,
                    "data_status": "初步" if year == 2024 else "正式",
                    "source": "区统计局",
                    "note": "",
                    "is_sample": year >= 2023,
                }
            )
    rows.append({**rows[2], "subgroup": "农村", "value": 13.0})
    return pd.DataFrame(rows)


def _assessments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G02-1"] * 2,
            "year": [2022, 2024],
            "rating": ["进展缓慢", "进展顺利"],
            "narrative": ["开展讲座12场。", "覆盖全部镇街。"],
            "department": [LEAD_A] * 2,
            "is_sample": [True, True],
        }
    )


def _reference() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1"],
            "region": ["全国"],
            "year": [2020],
            "period": ["2020年"],
            "value": [16.9],
            "unit": ["1/10万"],
            "indicator_zh": ["孕产妇死亡率"],
            "source_url": ["http://example.invalid/report"],
            "quote": ["孕产妇死亡率为16.9/10万"],
        }
    )


def _departments() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [LEAD_A, LEAD_B, RESPONSIBLE, "区妇儿工委"],
            "kind": ["department", "department", "department", "group"],
            "aliases": [[], [], [], []],
            "n_lead": [2, 7, 0, 0],
            "n_responsible": [0, 0, 1, 0],
        }
    )


def write_data_dir(folder: Path) -> Path:
    """Write every table of the contract into folder and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        config.AREAS: _areas(),
        config.GOALS: _goals(),
        config.INDICATORS: _indicators(),
        config.MEASURES: pd.DataFrame(
            {
                "measure_id": ["A1-M04"],
                "area_id": ["A1"],
                "seq": [4],
                "title": ["保障孕产妇安全分娩"],
                "text": ["保障孕产妇安全分娩。全文。"],
            }
        ),
        config.DEPARTMENTS: _departments(),
        config.OBSERVATIONS: _observations(),
        config.ASSESSMENTS: _assessments(),
        config.REFERENCE: _reference(),
    }
    for name, frame in tables.items():
        frame.to_parquet(folder / name, index=False)
    return folder


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A tiny data directory, also set as $BOSHAN_DATA_DIR for the app."""
    folder = write_data_dir(tmp_path / "data")
    monkeypatch.setenv(config.DATA_DIR_ENV, str(folder))
    return folder


@pytest.fixture
def tables(data_dir: Path) -> dict[str, pd.DataFrame]:
    """The tiny tables read back, keyed by file stem."""
    return {p.stem: pd.read_parquet(p) for p in data_dir.glob("*.parquet")}


@pytest.fixture
def recorded_downloads(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    """Every st.download_button call of a run, with its arguments (the real button is still drawn)."""
    calls: list[dict] = []
    original = st.download_button

    def record(label, data, *args, **kwargs):
        calls.append({"label": label, "data": data, **kwargs})
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", record)
    return calls


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster for the session (tests/pg_cluster.py); skips when none can start, fails in CI."""
    # imported here: tests/pg_cluster.py imports tests/browser/test_browser.py, which imports this module
    from tests import pg_cluster as pg

    try:
        cluster = pg.start_cluster()
    except pg.ClusterUnavailable as exc:
        pg.skip_or_fail(str(exc))
    yield cluster
    pg.stop_cluster(cluster)


@pytest.fixture(scope="session")
def pg_url(pg_cluster) -> str:
    """The SQLAlchemy URL of one database shared by the session's tests (empty when the session starts)."""
    from tests import pg_cluster as pg

    return pg_cluster.url(pg.create_database(pg_cluster, "boshan_test"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh empty database for one test: a SQLite file in tmp_path, or a new database of the session cluster."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    from tests import pg_cluster as pg

    with pg.fresh_database(request.getfixturevalue("pg_cluster")) as url:
        yield url


OFFICE_PASSWORD = "office-pass-1"


@pytest.fixture
def office(data_dir: Path):
    """The default store of the test (its state dir, seeded from the tiny data dir) with a 管理员 "office"."""
    from lib.store import accounts
    from lib.store.db import open_store

    store = open_store()
    return accounts.add_account(store, "office", accounts.ROLE_ADMIN, OFFICE_PASSWORD, by=accounts.SHELL)


def logged_in(at, name: str):
    """An AppTest session logged in as `name` (what the login form stores after a right password)."""
    import time

    from lib.ui import auth

    at.session_state[auth.KEY_ACCOUNT] = name
    at.session_state[auth.KEY_SEEN] = time.monotonic()
    return at

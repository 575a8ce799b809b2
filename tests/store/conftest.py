"""A store per test, on SQLite and on PostgreSQL (store_url, tests/conftest.py), seeded from the tiny data dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from lib.store import accounts
from lib.store.db import Store, open_store

PASSWORD = "correct-horse-1"


@pytest.fixture
def store(store_url: str, data_dir: Path, tmp_path: Path) -> Store:
    return open_store(state=tmp_path / "state", url=store_url, source=data_dir)


@pytest.fixture
def admin(store: Store) -> accounts.Account:
    return accounts.add_account(store, "office", accounts.ROLE_ADMIN, PASSWORD, by=accounts.SHELL)


@pytest.fixture
def reporter(store: Store) -> accounts.Account:
    return accounts.add_account(
        store, "wj", accounts.ROLE_REPORTER, PASSWORD, department="区卫生健康局", by=accounts.SHELL
    )


@pytest.fixture
def viewer(store: Store) -> accounts.Account:
    return accounts.add_account(store, "guest", accounts.ROLE_VIEWER, PASSWORD, by=accounts.SHELL)

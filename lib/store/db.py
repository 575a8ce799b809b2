"""Opening the store: the database URL, the engine, the migrations and the seed (version 0).

SQLite: one file in the state directory, WAL journal (readers never wait for a writer), synchronous=FULL,
every transaction BEGIN IMMEDIATE (a writer takes the lock before it reads, so two commits are serialised
instead of failing half-way), a busy timeout. PostgreSQL: $BOSHAN_DATABASE_URL, e.g.
postgresql+psycopg://boshan@db.example/boshan. The schema comes only from Alembic migrations.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text

from lib import config

DATABASE_URL_ENV = "BOSHAN_DATABASE_URL"
STORE_FILE = "store.db"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_MS = 30_000
SYSTEM_USER = "系统"

_open: dict[tuple[str, str, str], Store] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Store:
    """An open store: its engine, the state directory (published tables) and the shipped data it was seeded from."""

    engine: Engine
    state: Path
    source: Path

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"


def now() -> datetime:
    return datetime.now(UTC)


def database_url(state: Path) -> str:
    """$BOSHAN_DATABASE_URL, else the SQLite file in the state directory."""
    return os.environ.get(DATABASE_URL_ENV) or f"sqlite:///{state / STORE_FILE}"


def may_exist(state: str | os.PathLike | None = None) -> bool:
    """False only when certainly no store exists yet (the default SQLite file is absent): nothing to read."""
    return bool(os.environ.get(DATABASE_URL_ENV)) or (config.state_dir(state) / STORE_FILE).exists()


def make_engine(url: str) -> Engine:
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # the documented pysqlite recipe: we issue BEGIN ourselves
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", f"busy_timeout={SQLITE_BUSY_MS}"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration (concurrent starts wait for each other)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(74210501)"))
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_store(
    state: str | os.PathLike | None = None, url: str | None = None, source: str | os.PathLike | None = None
) -> Store:
    """The store of the state directory, migrated, seeded from the shipped sample and published (once per process)."""
    folder = config.state_dir(state).resolve()
    origin = config.source_dir(source).resolve()
    address = url or database_url(folder)
    key = (address, str(folder), str(origin))
    with _lock:
        store = _open.get(key)
        if store is None:
            folder.mkdir(parents=True, exist_ok=True)
            store = Store(make_engine(address), folder, origin)
            migrate(store.engine)
            from lib.store import publish, versions  # both import this module

            versions.seed(store)
            publish.ensure_published(store)
            _open[key] = store
    return store


def close_all() -> None:
    """Dispose every engine this process opened (tests)."""
    with _lock:
        for store in _open.values():
            store.engine.dispose()
        _open.clear()

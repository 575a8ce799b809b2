"""The store's test databases: store_url on SQLite and on the throwaway PostgreSQL cluster, and its skip/fail rule."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests import pg_cluster as pg

NOTES = sa.Table(
    "notes",
    sa.MetaData(),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("text", sa.String(50), nullable=False),
)


def test_store_url_write_then_read_in_another_connection(store_url: str):
    writer = sa.create_engine(store_url)
    NOTES.metadata.create_all(writer)
    with writer.begin() as conn:
        conn.execute(NOTES.insert(), [{"text": "孕产妇死亡率"}, {"text": "达标"}])
    writer.dispose()
    reader = sa.create_engine(store_url)
    with reader.connect() as conn:
        assert conn.execute(sa.select(NOTES.c.text).order_by(NOTES.c.id)).scalars().all() == ["孕产妇死亡率", "达标"]
    reader.dispose()


def test_store_url_is_a_fresh_empty_database(store_url: str):
    # the test above created a table in its database; this one must not see it
    engine = sa.create_engine(store_url)
    assert sa.inspect(engine).get_table_names() == []
    engine.dispose()


def test_store_url_dialect(store_url: str, request: pytest.FixtureRequest):
    assert sa.make_url(store_url).get_backend_name() == request.node.callspec.params["store_url"]


def _database_names(cluster: pg.Cluster) -> set[str]:
    with cluster.connect() as conn:
        return {row[0] for row in conn.execute("SELECT datname FROM pg_database")}


@pytest.mark.postgres
def test_fresh_database_is_dropped_after_use(pg_cluster: pg.Cluster):
    with pg.fresh_database(pg_cluster) as url:
        name = sa.make_url(url).database
        engine = sa.create_engine(url)
        with engine.connect() as conn:  # left open on purpose: the drop closes it
            conn.execute(sa.text("SELECT 1"))
            assert name in _database_names(pg_cluster)
    assert name.startswith("t_") and name not in _database_names(pg_cluster)
    engine.dispose()


@pytest.mark.postgres
def test_cluster_listens_on_no_tcp_address(pg_cluster: pg.Cluster, pg_url: str):
    engine = sa.create_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SHOW listen_addresses")).scalar() == ""
    engine.dispose()
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", pg_cluster.port), timeout=2).close()


@pytest.mark.postgres
def test_cluster_socket_is_in_its_own_directory(pg_cluster: pg.Cluster, pg_url: str):
    assert (pg_cluster.root / f".s.PGSQL.{pg_cluster.port}").is_socket()
    assert sa.make_url(pg_url).query["host"] == str(pg_cluster.root)


def test_find_bindir_without_server_says_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(pg.BINDIR_ENV, str(tmp_path))
    with pytest.raises(pg.ClusterUnavailable, match="PostgreSQL 不可用（未安装 postgresql 服务端"):
        pg.find_bindir()


@pytest.mark.parametrize("ci", ["true", "1", "TRUE"])
def test_skip_or_fail_fails_in_ci(ci: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match="CI 中 PostgreSQL 测试必须运行.*no initdb"):
        pg.skip_or_fail("no initdb")


@pytest.mark.parametrize("ci", [None, "", "false"])
def test_skip_or_fail_skips_outside_ci(ci: str | None, monkeypatch: pytest.MonkeyPatch):
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match="no initdb"):
        pg.skip_or_fail("no initdb")

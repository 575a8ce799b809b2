"""lib.store.db: migrations make the schema, the seed is version 0, readers see its publication."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from lib import config
from lib.contract.tables import load_table
from lib.store import audit, versions
from lib.store.db import open_store
from lib.store.schema import metadata


def test_migrations_create_exactly_the_schema_of_lib_store_schema(store):
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []
    assert "alembic_version" in inspect(store.engine).get_table_names()


def test_seed_is_version_0_equal_to_the_shipped_tables(store, data_dir):
    snap = versions.snapshot(store)
    assert snap.version == 0
    assert snap.observations.equals(versions.in_key_order(load_table(config.OBSERVATIONS, data_dir), "observations"))
    assert snap.assessments.equals(versions.in_key_order(load_table(config.ASSESSMENTS, data_dir), "assessments"))
    (only,) = versions.list_versions(store)
    assert (only.id, only.user_name, only.action) == (0, "系统", versions.SEED_ACTION)


def test_opening_again_does_not_seed_again(store, store_url, data_dir, tmp_path):
    from lib.store.db import close_all

    close_all()
    again = open_store(state=tmp_path / "state", url=store_url, source=data_dir)
    assert [v.id for v in versions.list_versions(again)] == [0]


def test_readers_read_the_published_version_with_links_to_the_catalogue(store, data_dir, monkeypatch):
    monkeypatch.setenv(config.STATE_DIR_ENV, str(store.state))
    folder = config.data_dir()
    assert folder == store.state / "published" / "v000000"
    assert (folder / config.INDICATORS).is_symlink() and (folder / config.INDICATORS).resolve().parent == data_dir
    assert not (folder / config.OBSERVATIONS).is_symlink()
    shipped = versions.in_key_order(load_table(config.OBSERVATIONS, data_dir), "observations")
    assert load_table(config.OBSERVATIONS, folder).equals(shipped)


def test_a_publication_from_another_data_directory_is_not_used(store, tmp_path, monkeypatch):
    monkeypatch.setenv(config.STATE_DIR_ENV, str(store.state))
    other = tmp_path / "other"
    other.mkdir()
    monkeypatch.setenv(config.DATA_DIR_ENV, str(other))
    assert config.data_dir() == other


def test_without_a_store_readers_read_the_shipped_data(data_dir):
    assert config.published_dir() is None and config.data_dir() == data_dir


def test_the_database_refuses_to_change_or_delete_an_audit_entry(store, admin):
    with pytest.raises(DBAPIError):
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE audit_log SET detail = 'x'"))
    with pytest.raises(DBAPIError):
        with store.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_log"))
    assert len(audit.read_log(store)) >= 2


def test_a_server_publishes_what_another_server_committed(store, store_url, tmp_path, monkeypatch):
    """Two app servers sharing one database, each with its own state dir: the second one catches up."""
    from lib.store.db import open_store

    other = open_store(state=tmp_path / "other-state", url=store_url, source=store.source)
    obs = versions.snapshot(other).observations.copy()
    obs["value"] += 1
    versions.commit(other, {"observations": obs}, 0, "office", versions.IMPORT_ACTION)
    from lib.store import publish

    assert publish.live_version(store) == 0
    assert publish.ensure_published(store).name == "v000001" and publish.live_version(store) == 1

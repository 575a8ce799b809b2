"""lib.store.versions: commits, history, diffs and restores; nothing is ever deleted."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from lib.store import schema, versions


def _bump(store, base, indicator="A1-G01-1", year=2024, by=1.0):
    obs = versions.snapshot(store, base).observations.copy()
    hit = (obs["indicator_id"] == indicator) & (obs["year"] == year) & obs["subgroup"].isna()
    obs.loc[hit, "value"] = obs.loc[hit, "value"] + by
    return versions.commit(store, {"observations": obs}, base, "office", versions.IMPORT_ACTION, file_name="a.xlsx")


def _value(snap, indicator="A1-G01-1", year=2024):
    obs = snap.observations
    return obs[(obs["indicator_id"] == indicator) & (obs["year"] == year) & obs["subgroup"].isna()]["value"].item()


def _rows(store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.observations)).scalar()


def test_commit_makes_the_next_version_and_keeps_the_old_one(store):
    old = _value(versions.snapshot(store))
    made = _bump(store, 0)
    assert made.id == 1 and made.summary["indicators"] == {"A1-G01-1": {"新增": 0, "修订": 1, "删除": 0}}
    assert _value(versions.snapshot(store)) == old + 1
    assert _value(versions.snapshot(store, 0)) == old


def test_version_changes_show_old_and_new_values(store):
    old = _value(versions.snapshot(store))
    _bump(store, 0, by=0.5)
    changes = versions.version_changes(store, 1)
    assert changes.values.tolist() == [["监测数据", "修订", "A1-G01-1", "2024", "", f"{old:g}", f"{old + 0.5:g}"]]


def test_stale_commit_writes_nothing(store):
    _bump(store, 0)
    rows = _rows(store)
    with pytest.raises(versions.StaleVersion, match="第 0 版.*第 1 版"):
        _bump(store, 0, indicator="A2-G01-1")
    assert _rows(store) == rows and versions.snapshot(store).version == 1
    assert len(versions.list_versions(store)) == 2


def test_restore_is_a_new_version_equal_to_the_old_one(store, admin):
    v0 = versions.snapshot(store, 0)
    _bump(store, 0)
    _bump(store, 1, indicator="A2-G01-1")
    rows = _rows(store)
    made = versions.restore(store, 0, 2, admin)
    assert made.id == 3 and made.restored_from == 0 and made.action == versions.RESTORE_ACTION
    now = versions.snapshot(store)
    assert now.observations.equals(v0.observations) and now.assessments.equals(v0.assessments)
    assert _rows(store) == rows + 2  # the restore adds rows; the history stays readable
    assert _value(versions.snapshot(store, 2)) == _value(v0) + 1


def test_removed_rows_are_closed_not_deleted(store):
    obs = versions.snapshot(store).observations
    kept = obs[obs["indicator_id"] != "A1-M04-1"]
    made = versions.commit(store, {"observations": kept}, 0, "office", versions.RESTORE_ACTION)
    assert made.summary["counts"]["observations"]["删除"] == len(obs) - len(kept)
    assert len(versions.snapshot(store, 0).observations) == len(obs)
    assert set(versions.version_changes(store, 1)["变更"]) == {versions.REMOVED}


def test_unknown_version_is_a_chinese_error(store):
    with pytest.raises(versions.DataError, match="没有第 9 版"):
        versions.snapshot(store, 9)

"""Versions of the data users change: commit (all or nothing), history, what a version changed, restore.

A commit names the version it was prepared from (`base`). In one transaction it moves the head from
`base` to `base + 1` with a compare-and-set, closes the rows it replaces, adds the new ones and records
the version and its audit entry; when the head is no longer `base` it is refused (StaleVersion) and
nothing is written. Nothing is ever deleted: a restore is a new version whose rows equal an old one's.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import Connection, and_, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from lib import config
from lib.contract.accountable import ACCOUNTABLE_COLUMNS, read_accountable
from lib.contract.tables import SCHEMAS, DataError, load_table, normalise
from lib.store import audit, schema
from lib.store.db import SYSTEM_USER, Store, now

SEED_ACTION, IMPORT_ACTION, RESTORE_ACTION = "初始数据", "导入", "恢复"
ACCOUNTABLE_ACTION = "设定负责单位"
ADDED, REVISED, REMOVED = "新增", "修订", "删除"
TABLE_LABELS = {"observations": "监测数据", "assessments": "定性评价", "accountable": "负责单位"}
KEYS = {
    "observations": ("indicator_id", "region", "subgroup", "year"),
    "assessments": ("indicator_id", "year"),
    "accountable": ("indicator_id",),
}
SHOWN = {"observations": "value", "assessments": "rating", "accountable": "department"}
CONTRACT = {"observations": config.OBSERVATIONS, "assessments": config.ASSESSMENTS}


class StaleVersion(DataError):
    """The data moved on since the preview: the commit was refused, nothing written."""


@dataclass(frozen=True)
class Snapshot:
    version: int
    tables: dict[str, pd.DataFrame]  # observations, assessments (contract form), accountable

    @property
    def observations(self) -> pd.DataFrame:
        return self.tables["observations"]

    @property
    def assessments(self) -> pd.DataFrame:
        return self.tables["assessments"]

    @property
    def accountable(self) -> pd.DataFrame:
        return self.tables["accountable"]


@dataclass(frozen=True)
class Version:
    id: int
    created_at: datetime
    user_name: str
    action: str
    file_name: str | None
    checksum: str | None
    base_version: int | None
    restored_from: int | None
    summary: dict


def columns(name: str) -> list[str]:
    return list(ACCOUNTABLE_COLUMNS) if name == "accountable" else list(SCHEMAS[CONTRACT[name]])


def _clean(value: object) -> object:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _frame(name: str, rows: list) -> pd.DataFrame:
    frame = pd.DataFrame([dict(r._mapping) for r in rows], columns=columns(name))
    if name == "accountable":
        return frame.fillna("").astype(str)
    return normalise(frame, CONTRACT[name])


def in_key_order(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    """Rows sorted by their key (a subgroup's total first): every snapshot of a version reads alike."""
    return frame.sort_values(list(KEYS[name]), na_position="first", kind="stable").reset_index(drop=True)


def _live(table, version: int | None):
    if version is None:
        return table.c.version_to.is_(None)
    return and_(table.c.version_from <= version, or_(table.c.version_to.is_(None), table.c.version_to > version))


def head_version(conn: Connection) -> int | None:
    return conn.execute(select(schema.head.c.version).where(schema.head.c.id == 1)).scalar()


def read_tables(conn: Connection, version: int | None = None) -> dict[str, pd.DataFrame]:
    out = {}
    for name, table in schema.VERSIONED.items():
        cols = [table.c[c] for c in columns(name)]
        rows = conn.execute(select(*cols).where(_live(table, version))).all()
        out[name] = in_key_order(_frame(name, rows), name)
    return out


def snapshot(store: Store, version: int | None = None) -> Snapshot:
    """The tables as of a version (the head when None)."""
    with store.engine.connect() as conn:
        head = head_version(conn)
        if head is None:
            raise DataError("数据库尚未初始化")
        wanted = head if version is None else int(version)
        if not 0 <= wanted <= head:
            raise DataError(f"没有第 {version} 版数据（现有第 0—{head} 版）")
        return Snapshot(wanted, read_tables(conn, wanted))


# ---------------------------------------------------------------- comparing tables


def _key(row: dict, key: tuple[str, ...]) -> tuple:
    return tuple("" if _clean(row.get(k)) is None else _clean(row.get(k)) for k in key)


def _records(frame: pd.DataFrame, name: str) -> dict[tuple, dict]:
    cols = columns(name)
    records = [{c: _clean(v) for c, v in zip(cols, values)} for values in frame[cols].itertuples(index=False)]
    return {_key(r, KEYS[name]): r for r in records}


def compare(name: str, old: pd.DataFrame, new: pd.DataFrame) -> tuple[list[dict], list[dict], list[dict]]:
    """Rows of `new` that are added or revised against `old`, and rows of `old` that are gone (removed)."""
    before, after = _records(old, name), _records(new, name)
    added = [r for k, r in after.items() if k not in before]
    revised = [r for k, r in after.items() if k in before and before[k] != r]
    removed = [r for k, r in before.items() if k not in after]
    return added, revised, removed


def _indicator_summary(changes: dict[str, tuple[list, list, list]]) -> dict:
    counts, indicators = {}, {}
    for name, (added, revised, removed) in changes.items():
        counts[name] = {ADDED: len(added), REVISED: len(revised), REMOVED: len(removed)}
        for label, rows in ((ADDED, added), (REVISED, revised), (REMOVED, removed)):
            for row in rows:
                entry = indicators.setdefault(row["indicator_id"], {ADDED: 0, REVISED: 0, REMOVED: 0})
                entry[label] += 1
    return {"counts": counts, "indicators": indicators}


# ---------------------------------------------------------------- committing


def commit(
    store: Store,
    tables: dict[str, pd.DataFrame],
    base: int | None,
    user: str,
    action: str,
    file_name: str | None = None,
    checksum: str | None = None,
    restored_from: int | None = None,
    origin: str | None = None,
    detail: str | None = None,
    uploaded: dict[str, int] | None = None,
) -> Version:
    """Make `tables` (full tables, any subset of observations / assessments / accountable) the next version.

    `base` is the version they were prepared from (None only for the seed); `uploaded`: an import's rows by
    新增 / 替换 / 不变, kept in the summary. All or nothing; StaleVersion when the head moved on; publishes the
    new version afterwards.
    """
    unknown = set(tables) - set(schema.VERSIONED)
    if unknown:
        raise ValueError(f"unknown tables {sorted(unknown)}")
    new = 0 if base is None else int(base) + 1
    at = now()
    with store.engine.begin() as conn:
        if base is None:
            if head_version(conn) is not None:
                raise StaleVersion("数据库已有数据，不能再次初始化")
            conn.execute(insert(schema.head).values(id=1, version=0))
        else:
            moved = conn.execute(
                update(schema.head).where(schema.head.c.id == 1, schema.head.c.version == int(base)).values(version=new)
            )
            if moved.rowcount != 1:
                current = head_version(conn)
                raise StaleVersion(
                    f"数据已被更新：预览基于第 {base} 版，现在已是第 {current} 版。"
                    "为免覆盖他人的修改，本次未写入任何数据；请重新上传检查并预览后再确认。"
                )
        current = read_tables(conn, None) if base is not None else {n: _frame(n, []) for n in schema.VERSIONED}
        changes = {name: compare(name, current[name], frame) for name, frame in tables.items()}
        summary = _indicator_summary(changes) | ({"uploaded": uploaded} if uploaded else {})
        conn.execute(
            insert(schema.versions).values(
                id=new,
                created_at=at,
                user_name=user,
                action=action,
                file_name=file_name,
                checksum=checksum,
                base_version=base,
                restored_from=restored_from,
                summary=json.dumps(summary, ensure_ascii=False),
            )
        )
        for name, (added, revised, removed) in changes.items():
            _write_rows(conn, name, current[name], added, revised, removed, new)
        audit.record(conn, user, action, True, detail or describe(summary), origin, version=new)
    from lib.store.publish import publish  # publish imports this module

    publish(store, new)
    return Version(new, at, user, action, file_name, checksum, base, restored_from, summary)


def _write_rows(conn: Connection, name: str, current, added, revised, removed, version: int) -> None:
    table = schema.VERSIONED[name]
    closing = {_key(r, KEYS[name]) for r in revised + removed}
    if closing:
        live = conn.execute(
            select(table.c.row_id, *[table.c[k] for k in KEYS[name]]).where(table.c.version_to.is_(None))
        ).all()
        ids = [r.row_id for r in live if _key(dict(r._mapping), KEYS[name]) in closing]
        for start in range(0, len(ids), 500):
            conn.execute(update(table).where(table.c.row_id.in_(ids[start : start + 500])).values(version_to=version))
    fresh = [{**r, "version_from": version} for r in added + revised]
    if fresh:
        conn.execute(insert(table), fresh)


def describe(summary: dict) -> str:
    """One Chinese line: 监测数据 新增 3 行、修订 2 行；定性评价 …"""
    parts = []
    for name, counts in summary.get("counts", {}).items():
        shown = "、".join(f"{label} {n} 行" for label, n in counts.items() if n)
        parts.append(f"{TABLE_LABELS[name]} {shown or '无变化'}")
    if summary.get("uploaded"):
        parts.append("上传 " + "、".join(f"{label} {n} 行" for label, n in summary["uploaded"].items()))
    return "；".join(parts) or "无变化"


def seed(store: Store) -> Version | None:
    """Version 0: the shipped sample (observations, assessments, accountable.csv) when the store is empty."""
    with store.engine.connect() as conn:
        if head_version(conn) is not None:
            return None
    tables = {
        "observations": load_table(config.OBSERVATIONS, store.source),
        "assessments": load_table(config.ASSESSMENTS, store.source),
        "accountable": read_accountable(store.source),
    }
    try:
        return commit(store, tables, None, SYSTEM_USER, SEED_ACTION, detail=f"由随附数据 {store.source.name}/ 初始化")
    except (StaleVersion, IntegrityError):  # another process seeded it first (its head row, or version 0, exists)
        return None


# ---------------------------------------------------------------- history


def _version(row) -> Version:
    return Version(
        row.id,
        row.created_at,
        row.user_name,
        row.action,
        row.file_name,
        row.checksum,
        row.base_version,
        row.restored_from,
        json.loads(row.summary),
    )


def list_versions(store: Store) -> list[Version]:
    """Every version, newest first."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.versions).order_by(schema.versions.c.id.desc())).all()
    return [_version(r) for r in rows]


def get_version(store: Store, version: int) -> Version:
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.versions).where(schema.versions.c.id == int(version))).first()
    if row is None:
        raise DataError(f"没有第 {version} 版")
    return _version(row)


DIFF_COLUMNS = ["数据表", "变更", "指标编号", "年份", "分组", "原值", "新值"]


def _shown(value: object) -> str:
    value = _clean(value)
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def version_changes(store: Store, version: int) -> pd.DataFrame:
    """What a version changed, one row per key: 数据表, 变更, 指标编号, 年份, 分组, 原值 → 新值."""
    get_version(store, version)
    rows = []
    with store.engine.connect() as conn:
        for name, table in schema.VERSIONED.items():
            old = conn.execute(select(table).where(table.c.version_to == int(version))).all()
            new = conn.execute(select(table).where(table.c.version_from == int(version))).all()
            before = {_key(dict(r._mapping), KEYS[name]): dict(r._mapping) for r in old}
            after = {_key(dict(r._mapping), KEYS[name]): dict(r._mapping) for r in new}
            for key in sorted(set(before) | set(after), key=str):
                was, now_ = before.get(key), after.get(key)
                row = now_ or was
                change = ADDED if was is None else (REMOVED if now_ is None else REVISED)
                rows.append(
                    (
                        TABLE_LABELS[name],
                        change,
                        row["indicator_id"],
                        "" if row.get("year") is None else str(row["year"]),
                        row.get("subgroup") or "",
                        "" if was is None else _shown(was[SHOWN[name]]),
                        "" if now_ is None else _shown(now_[SHOWN[name]]),
                    )
                )
    return pd.DataFrame(rows, columns=DIFF_COLUMNS)


def restore(store: Store, version: int, base: int, account, origin: str | None = None) -> Version:
    """A new version whose tables equal those of `version` (管理员 only; nothing is deleted: the history stays)."""
    from lib.store.permissions import RESTORE, require  # permissions imports the entry package

    require(account, RESTORE, store, origin)
    old = snapshot(store, version)
    if int(version) == int(base):
        raise DataError(f"第 {version} 版就是当前数据，无需恢复")
    return commit(
        store,
        old.tables,
        base,
        account.name,
        RESTORE_ACTION,
        restored_from=int(version),
        origin=origin,
        detail=f"恢复到第 {int(version)} 版",
    )


HISTORY_COLUMNS = ["版本", "时间", "用户", "操作", "文件", "校验和", "说明"]


def history_frame(store: Store) -> pd.DataFrame:
    """Every version, newest first, as the table the page and the command line show (Chinese headers)."""
    rows = [
        (
            v.id,
            audit.beijing(v.created_at),
            v.user_name,
            v.action + (f"（恢复到第 {v.restored_from} 版）" if v.restored_from is not None else ""),
            v.file_name or "",
            (v.checksum or "")[:12],
            describe(v.summary),
        )
        for v in list_versions(store)
    ]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)

"""The append-only audit log: every login, failed login, lockout, import, restore and account change.

Rows are only ever inserted (no function here updates or deletes one); each says who, when, what and
from where (the browser's address, or the command line's user and host).
"""

from __future__ import annotations

import getpass
import socket
from datetime import UTC, timedelta, timezone

import pandas as pd
from sqlalchemy import Connection, insert, select

from lib.store import schema
from lib.store.db import Store, now

LOGIN, LOGIN_FAILED, LOCKED, LOGOUT = "登录", "登录失败", "账户锁定", "退出登录"
ACCOUNT_ADDED, ACCOUNT_CHANGED = "新增账户", "修改账户"
REFUSED = "拒绝操作"
SETTING = "修改设置"
BEIJING = timezone(timedelta(hours=8))
LOG_COLUMNS = ["时间", "用户", "操作", "结果", "说明", "来源", "版本"]
MAX_DETAIL = 2000


def command_line_origin() -> str:
    """Where a command-line action comes from: 命令行 user@host."""
    try:
        user = getpass.getuser()
    except Exception:  # no user name in a bare container
        user = "?"
    return f"命令行 {user}@{socket.gethostname()}"


def record(
    conn: Connection,
    user: str | None,
    action: str,
    ok: bool,
    detail: str | None = None,
    origin: str | None = None,
    version: int | None = None,
) -> None:
    """Append one entry, in the caller's transaction (an action and its entry commit together)."""
    conn.execute(
        insert(schema.audit_log).values(
            at=now(),
            user_name=user,
            action=action,
            ok=bool(ok),
            detail=(detail or "")[:MAX_DETAIL],
            origin=(origin or "")[:200],
            version=version,
        )
    )


def log(store: Store, user: str | None, action: str, ok: bool, detail: str | None = None, origin: str | None = None):
    """Append one entry in its own transaction."""
    with store.engine.begin() as conn:
        record(conn, user, action, ok, detail, origin)


def beijing(value) -> str:
    """A stored time as Beijing time text (SQLite hands back naive UTC)."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def read_log(store: Store, limit: int = 500, user: str | None = None, action: str | None = None) -> pd.DataFrame:
    """The newest entries first, with Chinese headers (LOG_COLUMNS)."""
    query = select(schema.audit_log).order_by(schema.audit_log.c.id.desc()).limit(int(limit))
    if user:
        query = query.where(schema.audit_log.c.user_name == user)
    if action:
        query = query.where(schema.audit_log.c.action == action)
    with store.engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        [
            (
                beijing(r.at),
                r.user_name or "",
                r.action,
                "成功" if r.ok else "失败",
                r.detail or "",
                r.origin or "",
                "" if r.version is None else str(r.version),
            )
            for r in rows
        ],
        columns=LOG_COLUMNS,
    )

"""The office's settings kept in the store (so far one: whether viewing the dashboard needs a login)."""

from __future__ import annotations

from sqlalchemy import select

from lib.store import audit, schema
from lib.store.db import Store
from lib.store.permissions import SETTINGS, require

VIEW_LOGIN = "view_login"  # "1": every page needs a login; default open viewing
LABELS = {VIEW_LOGIN: "浏览看板需要登录"}


def get_setting(store: Store, key: str, default: str = "") -> str:
    with store.engine.connect() as conn:
        value = conn.execute(select(schema.settings.c.value).where(schema.settings.c.key == key)).scalar()
    return default if value is None else value


def view_login_required(store: Store) -> bool:
    return get_setting(store, VIEW_LOGIN, "0") == "1"


def set_setting(store: Store, key: str, value: str, account, origin: str | None = None) -> None:
    """Change a setting (管理员 only), in the audit log."""
    require(account, SETTINGS, store, origin)
    if key not in LABELS:
        raise ValueError(f"未知的设置：{key}")
    with store.engine.begin() as conn:
        table = schema.settings
        if conn.execute(select(table.c.key).where(table.c.key == key)).first():
            conn.execute(table.update().where(table.c.key == key).values(value=value))
        else:
            conn.execute(table.insert().values(key=key, value=value))
        audit.record(conn, account.name, audit.SETTING, True, f"{LABELS[key]}：{value}", origin)

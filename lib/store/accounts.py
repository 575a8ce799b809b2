"""Accounts: roles, Argon2id password hashes (argon2-cffi), failed-login lockout.

No account exists until the office creates the first 管理员 with `python -m lib user add`; a password is
only ever stored as its Argon2id hash and is never read from the command line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, insert, select, update

from lib.store import audit, schema
from lib.store.db import Store, now

ROLE_ADMIN, ROLE_REPORTER, ROLE_VIEWER = "管理员", "填报员", "只读"
ROLES = (ROLE_ADMIN, ROLE_REPORTER, ROLE_VIEWER)
MAX_FAILED = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 8
MAX_NAME = 50
_NAME = re.compile(r"^[\w\u4e00-\u9fff.@-]+$")
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters
_DUMMY = _hasher.hash("no account has this password")


class AccountError(ValueError):
    """A Chinese message for the user: bad name, role, password, unknown account, refused login."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    department: str | None
    disabled: bool
    locked_until: datetime | None

    @property
    def is_admin(self) -> bool:
        return self.role == ROLE_ADMIN

    @property
    def label(self) -> str:
        return f"{self.name}（{self.role}{'，' + self.department if self.department else ''}）"


# who acts when an account is changed with `python -m lib user` on the server (never stored, never a login)
SHELL = Account("服务器命令行", ROLE_ADMIN, None, False, None)


def as_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def _from_row(row) -> Account:
    return Account(row.name, row.role, row.department, bool(row.disabled), as_utc(row.locked_until))


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"密码至少 {MIN_PASSWORD} 位")
    if password.strip() != password or not password.isprintable():
        raise AccountError("密码不能以空格开头或结尾，也不能含控制字符")


def check_new_account(name: str, role: str, department: str | None, departments: list[str] | None) -> None:
    if not name or len(name) > MAX_NAME or not _NAME.match(name):
        raise AccountError(f"用户名须为 1—{MAX_NAME} 个汉字、字母、数字或 . _ - @，收到“{name}”")
    if role not in ROLES:
        raise AccountError(f"角色应为 {'、'.join(ROLES)} 之一，收到“{role}”")
    if role == ROLE_REPORTER and not department:
        raise AccountError("填报员须指定所属部门（--department）")
    if role != ROLE_REPORTER and department:
        raise AccountError("只有填报员属于某个部门；管理员和只读账户不填部门")
    if department and departments is not None and department not in departments:
        raise AccountError(f"“{department}”不是规划中列出的牵头单位或责任单位")


def state_label(account: Account, at: datetime | None = None) -> str:
    if account.disabled:
        return "已停用"
    return "锁定中" if account.locked_until and account.locked_until > (at or now()) else "正常"


def accounts_frame(rows: list[Account]):
    """The accounts as the table the office reads: 用户名, 角色, 部门, 状态."""
    import pandas as pd

    return pd.DataFrame(
        [(a.name, a.role, a.department or "", state_label(a)) for a in rows], columns=["用户名", "角色", "部门", "状态"]
    )


def get_account(store: Store, name: str) -> Account | None:
    with store.engine.connect() as conn:
        row = conn.execute(select(schema.accounts).where(schema.accounts.c.name == name)).first()
    return None if row is None else _from_row(row)


def list_accounts(store: Store) -> list[Account]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(schema.accounts).order_by(schema.accounts.c.name)).all()
    return [_from_row(r) for r in rows]


def has_admin(store: Store) -> bool:
    query = select(func.count()).where(schema.accounts.c.role == ROLE_ADMIN, schema.accounts.c.disabled.is_(False))
    with store.engine.connect() as conn:
        return bool(conn.execute(query).scalar())


def _authorise(store: Store, by: Account | None, origin: str | None) -> str:
    """The acting name; PermissionDenied unless `by` is a 管理员 (or SHELL: python -m lib user on the server)."""
    from lib.store.permissions import MANAGE_ACCOUNTS, require  # permissions imports this module

    require(by, MANAGE_ACCOUNTS, store, origin)
    return by.name


def add_account(
    store: Store,
    name: str,
    role: str,
    password: str,
    department: str | None = None,
    by: Account | None = None,
    origin: str | None = None,
    departments: list[str] | None = None,
) -> Account:
    """A new account, made by a 管理员 (or SHELL)."""
    actor = _authorise(store, by, origin)
    check_new_account(name, role, department, departments)
    check_password(password)
    at = now()
    with store.engine.begin() as conn:
        if conn.execute(select(schema.accounts.c.name).where(schema.accounts.c.name == name)).first():
            raise AccountError(f"账户“{name}”已存在")
        conn.execute(
            insert(schema.accounts).values(
                name=name,
                role=role,
                department=department,
                password_hash=_hasher.hash(password),
                disabled=False,
                failed_attempts=0,
                created_at=at,
                updated_at=at,
            )
        )
        audit.record(conn, actor, audit.ACCOUNT_ADDED, True, f"新增账户 {name}：{role} {department or ''}", origin)
    return Account(name, role, department, False, None)


def _change(store: Store, name: str, values: dict, detail: str, by: Account | None, origin: str | None) -> None:
    actor = _authorise(store, by, origin)
    with store.engine.begin() as conn:
        done = conn.execute(
            update(schema.accounts).where(schema.accounts.c.name == name).values(**values, updated_at=now())
        )
        if done.rowcount != 1:
            raise AccountError(f"没有账户“{name}”")
        audit.record(conn, actor, audit.ACCOUNT_CHANGED, True, detail, origin)


def set_disabled(store: Store, name: str, disabled: bool, by: Account | None = None, origin: str | None = None):
    _change(store, name, {"disabled": disabled}, f"{'停用' if disabled else '启用'}账户 {name}", by, origin)


def set_password(store: Store, name: str, password: str, by: Account | None = None, origin: str | None = None):
    """A new password; also lifts a lockout."""
    check_password(password)
    values = {"password_hash": _hasher.hash(password), "failed_attempts": 0, "locked_until": None}
    _change(store, name, values, f"重设账户 {name} 的密码", by, origin)


def authenticate(store: Store, name: str, password: str, origin: str | None = None, at: datetime | None = None):
    """The account when name and password match; AccountError (logged) when not, locked or disabled."""
    at = at or now()
    with store.engine.begin() as conn:
        row = conn.execute(select(schema.accounts).where(schema.accounts.c.name == name)).first()
        if row is None:
            _verify(_DUMMY, password)  # the same time as for a known account
            audit.record(conn, name[:MAX_NAME], audit.LOGIN_FAILED, False, "用户名不存在", origin)
            failure = AccountError("用户名或密码错误")
        elif row.disabled:
            audit.record(conn, name, audit.LOGIN_FAILED, False, "账户已停用", origin)
            failure = AccountError("该账户已停用，请联系区妇儿工委办公室")
        elif as_utc(row.locked_until) and as_utc(row.locked_until) > at:
            audit.record(conn, name, audit.LOGIN_FAILED, False, "账户锁定期间尝试登录", origin)
            failure = AccountError(_locked_message(as_utc(row.locked_until)))
        elif _verify(row.password_hash, password):
            conn.execute(
                update(schema.accounts)
                .where(schema.accounts.c.name == name)
                .values(failed_attempts=0, locked_until=None, updated_at=at)
            )
            audit.record(conn, name, audit.LOGIN, True, row.role, origin)
            return _from_row(row)
        else:
            failure = _failed(conn, row, at, origin)
    raise failure


def _failed(conn, row, at: datetime, origin: str | None) -> AccountError:
    count = (0 if as_utc(row.locked_until) and as_utc(row.locked_until) <= at else row.failed_attempts) + 1
    values = {"failed_attempts": count, "updated_at": at}
    if count >= MAX_FAILED:
        until = at + timedelta(minutes=LOCK_MINUTES)
        values |= {"locked_until": until, "failed_attempts": 0}
        conn.execute(update(schema.accounts).where(schema.accounts.c.name == row.name).values(**values))
        audit.record(conn, row.name, audit.LOCKED, False, f"连续 {MAX_FAILED} 次密码错误", origin)
        return AccountError(_locked_message(until))
    conn.execute(update(schema.accounts).where(schema.accounts.c.name == row.name).values(**values))
    audit.record(conn, row.name, audit.LOGIN_FAILED, False, f"密码错误（第 {count} 次）", origin)
    return AccountError(f"用户名或密码错误（再错 {MAX_FAILED - count} 次将锁定 {LOCK_MINUTES} 分钟）")


def _locked_message(until: datetime) -> str:
    return f"连续 {MAX_FAILED} 次密码错误，账户已锁定 {LOCK_MINUTES} 分钟，请于 {audit.beijing(until)[11:16]} 后再试"


def _verify(hashed: str, password: str) -> bool:
    try:
        return _hasher.verify(hashed, password)
    except (VerificationError, InvalidHashError):
        return False

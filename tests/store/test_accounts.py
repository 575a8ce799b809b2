"""lib.store.accounts: Argon2id hashes, login, lockout after 5 failures for 15 minutes, every attempt logged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from lib.store import accounts, audit, schema
from lib.store.db import now
from tests.store.conftest import PASSWORD


def test_password_is_stored_only_as_an_argon2id_hash(store, admin):
    with store.engine.connect() as conn:
        stored = conn.execute(select(schema.accounts.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_login_with_the_right_password(store, reporter):
    account = accounts.authenticate(store, "wj", PASSWORD, origin="127.0.0.1")
    assert (account.role, account.department) == (accounts.ROLE_REPORTER, "区卫生健康局")
    entry = audit.read_log(store).iloc[0]
    assert (entry["操作"], entry["用户"], entry["来源"]) == (audit.LOGIN, "wj", "127.0.0.1")


def test_wrong_password_and_unknown_user_say_the_same(store, reporter):
    with pytest.raises(accounts.AccountError, match="用户名或密码错误"):
        accounts.authenticate(store, "wj", "wrong-password")
    with pytest.raises(accounts.AccountError, match="^用户名或密码错误$"):
        accounts.authenticate(store, "nobody", "wrong-password")


def test_five_failures_lock_the_account_for_15_minutes(store, reporter):
    for _ in range(4):
        with pytest.raises(accounts.AccountError, match="再错"):
            accounts.authenticate(store, "wj", "wrong-password")
    with pytest.raises(accounts.AccountError, match="已锁定 15 分钟"):
        accounts.authenticate(store, "wj", "wrong-password")
    with pytest.raises(accounts.AccountError, match="已锁定"):  # even the right password
        accounts.authenticate(store, "wj", PASSWORD)
    later = now() + timedelta(minutes=15, seconds=1)
    assert accounts.authenticate(store, "wj", PASSWORD, at=later).name == "wj"
    assert audit.LOCKED in set(audit.read_log(store)["操作"])


def test_disabled_account_cannot_log_in(store, reporter, admin):
    accounts.set_disabled(store, "wj", True, by=admin)
    with pytest.raises(accounts.AccountError, match="已停用"):
        accounts.authenticate(store, "wj", PASSWORD)


def test_new_password_replaces_the_old_and_lifts_a_lock(store, reporter):
    accounts.set_password(store, "wj", "another-pass-2", by=accounts.SHELL)
    with pytest.raises(accounts.AccountError):
        accounts.authenticate(store, "wj", PASSWORD)
    assert accounts.authenticate(store, "wj", "another-pass-2").name == "wj"


@pytest.mark.parametrize(
    ("name", "role", "department", "password", "message"),
    [
        ("a b", accounts.ROLE_VIEWER, None, "long-enough-1", "用户名"),
        ("x", "超级用户", None, "long-enough-1", "角色应为"),
        ("x", accounts.ROLE_REPORTER, None, "long-enough-1", "须指定所属部门"),
        ("x", accounts.ROLE_VIEWER, "区卫生健康局", "long-enough-1", "只有填报员"),
        ("x", accounts.ROLE_VIEWER, None, "short", "至少 8 位"),
    ],
)
def test_bad_new_accounts_are_refused_in_chinese(store, name, role, department, password, message):
    with pytest.raises(accounts.AccountError, match=message):
        accounts.add_account(store, name, role, password, department, by=accounts.SHELL)
    assert accounts.list_accounts(store) == []


def test_no_account_exists_until_one_is_created(store):
    assert accounts.list_accounts(store) == [] and not accounts.has_admin(store)

"""`python -m lib import|versions|restore|user …`: the store from the shell, through the functions the pages use.

`--user NAME` names the account the action is done as: its role's permissions apply exactly as on the
pages (a 填报员 imports only its department's indicators, only a 管理员 restores). The shell user already
has the server's files, so the command line asks for no password; passwords are read from standard input
only when an account is created or its password changed. Errors in Chinese; exit 0 only on success.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import TextIO

from lib.contract.tables import DataError, load_catalogue_table
from lib.entry.importer import (
    NEW,
    REPLACED,
    UNCHANGED,
    commit_import,
    has_errors,
    import_problems,
    plan_import,
    read_upload,
)
from lib.entry.template import reporting_units
from lib.entry.upload import MAX_UPLOAD_BYTES
from lib.store import accounts, audit, versions
from lib.store.db import Store, open_store
from lib.store.permissions import PermissionDenied, require

OK, FAILED, BAD_INPUT = 0, 1, 2


def account_named(store: Store, name: str) -> accounts.Account:
    account = accounts.get_account(store, name)
    if account is None:
        raise PermissionDenied(f"没有账户“{name}”：请先由管理员用 python -m lib user add 创建")
    if account.disabled:
        raise PermissionDenied(f"账户“{name}”已停用")
    return account


def run_import(
    file: str | os.PathLike,
    user: str,
    dry_run: bool = False,
    year: int | None = None,
    department: str | None = None,
    out: TextIO | None = None,
    store: Store | None = None,
) -> int:
    """Check a filled template and commit it as a new version; 1 when it has errors or is refused (nothing written)."""
    out = out or sys.stdout
    path = Path(file)
    if not path.is_file():
        print(f"错误：找不到文件 {path}", file=out)
        return BAD_INPUT
    if path.stat().st_size > MAX_UPLOAD_BYTES:  # refused before it is read into memory
        print(f"错误：文件超过上限 {MAX_UPLOAD_BYTES // 1024 // 1024} MB", file=out)
        return FAILED
    origin = audit.command_line_origin()
    try:
        store = store or open_store()
        account = account_named(store, user)
        data = path.read_bytes()
        parsed = read_upload(data, path.name)
        problems = import_problems(store, parsed, account, year, department)
        for problem in sorted(problems, key=lambda p: not p.is_error):  # errors first, then notes
            print(problem, file=out)
        if has_errors(problems):
            print(f"有 {sum(p.is_error for p in problems)} 处错误，未写入任何数据。", file=out)
            return FAILED
        current = versions.snapshot(store)
        plan = plan_import(current.observations, current.assessments, parsed)
        counts = "，".join(f"{a} {plan.count(a)} 行" for a in (NEW, REPLACED, UNCHANGED))
        if dry_run:
            require(account, "导入数据")
            print(f"试运行（未写入）：{counts}（基于第 {current.version} 版）。", file=out)
            return OK
        version = commit_import(store, parsed, data, current.version, account, year, department, origin)
    except PermissionDenied as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    print(f"已导入为第 {version.id} 版：{counts}。", file=out)
    return OK


def run_versions(
    version: int | None = None, fmt: str = "text", out: TextIO | None = None, store: Store | None = None
) -> int:
    """List every version (newest first), or what one version changed (old → new)."""
    out = out or sys.stdout
    try:
        store = store or open_store()
        frame = versions.version_changes(store, version) if version is not None else versions.history_frame(store)
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    out.write(frame.to_csv(index=False) if fmt == "csv" else frame.to_string(index=False) + "\n")
    return OK


def run_restore(version: int, user: str, out: TextIO | None = None, store: Store | None = None) -> int:
    """Restore an earlier version as a new version (管理员 only)."""
    out = out or sys.stdout
    origin = audit.command_line_origin()
    try:
        store = store or open_store()
        account = account_named(store, user)
        head = versions.snapshot(store).version
        made = versions.restore(store, version, head, account, origin)
    except DataError as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    print(f"已恢复：第 {made.id} 版的数据与第 {version} 版相同（{versions.describe(made.summary)}）。", file=out)
    return OK


def read_password(stdin: TextIO | None = None) -> str:
    """The password from standard input: asked twice at a terminal, else the first line."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first, second = getpass.getpass("密码："), getpass.getpass("再输入一次：")
        if first != second:
            raise accounts.AccountError("两次输入的密码不一致")
        return first
    return stdin.readline().rstrip("\r\n")


def run_user(
    action: str,
    name: str | None = None,
    role: str | None = None,
    department: str | None = None,
    stdin: TextIO | None = None,
    out: TextIO | None = None,
    store: Store | None = None,
) -> int:
    """user add|list|disable|enable|passwd; the password (add, passwd) from standard input."""
    out = out or sys.stdout
    origin = audit.command_line_origin()
    try:
        store = store or open_store()
        if action == "list":
            frame = accounts.accounts_frame(accounts.list_accounts(store))
            out.write(frame.to_string(index=False) + "\n" if len(frame) else "尚无账户\n")
            return OK
        if not name:
            print("错误：请用 --name 指定账户", file=out)
            return BAD_INPUT
        if action == "add":
            goals = load_catalogue_table("goals.parquet", store.source)
            departments = load_catalogue_table("departments.parquet", store.source)
            password = read_password(stdin)
            accounts.add_account(
                store,
                name,
                role or "",
                password,
                department,
                accounts.SHELL,
                origin,
                reporting_units(goals, departments),
            )
            print(f"已创建账户 {name}（{role}{'，' + department if department else ''}）", file=out)
        elif action in ("disable", "enable"):
            accounts.set_disabled(store, name, action == "disable", accounts.SHELL, origin)
            print(f"已{'停用' if action == 'disable' else '启用'}账户 {name}", file=out)
        elif action == "passwd":
            accounts.set_password(store, name, read_password(stdin), accounts.SHELL, origin)
            print(f"已重设账户 {name} 的密码", file=out)
    except (accounts.AccountError, DataError) as exc:
        print(f"错误：{exc}", file=out)
        return FAILED
    return OK

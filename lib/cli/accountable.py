"""`python -m lib accountable [--indicator ID --department D --user NAME] [--data-dir DIR]`: who answers for measure
targets.

Without --indicator: prints every target stated in a measure with its accountable department and the basis
(办公室指定, or the default rule of docs/method.md). With --indicator, --department and --user (a 管理员): sets the
office's entry as a new version of the store (published as accountable.csv for readers).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from lib import config
from lib.contract.tables import DataError, load_catalogue_table
from lib.presentation import roles
from lib.store import accounts, audit, versions
from lib.store.db import Store, open_store
from lib.store.permissions import SET_ACCOUNTABLE, PermissionDenied, require


def set_accountable(store: Store, indicator: str, department: str, account, origin: str | None = None) -> int:
    """The office's entry for one measure target, committed as the next version (管理员 only); its id."""
    require(account, SET_ACCOUNTABLE, store, origin)
    indicators = load_catalogue_table(config.INDICATORS, store.source)
    departments = load_catalogue_table(config.DEPARTMENTS, store.source)
    current = versions.snapshot(store)
    table = roles.with_accountable(current.accountable, indicator, department, indicators, departments)
    made = versions.commit(
        store,
        {"accountable": table},
        current.version,
        account.name,
        versions.ACCOUNTABLE_ACTION,
        origin=origin,
        detail=f"{indicator} 由 {department} 负责",
    )
    return made.id


def run_accountable(
    indicator: str | None,
    department: str | None,
    data_dir: str | os.PathLike | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    user: str | None = None,
) -> int:
    """List or set accountable departments; 0 on success, 2 with a Chinese message on bad input, 1 when refused."""
    out, err = out or sys.stdout, err or sys.stderr
    if (indicator is None) != (department is None):
        print("错误：--indicator 和 --department 须同时给出（都不给则列出全部）", file=err)
        return 2
    try:
        if indicator is not None:
            if not user:
                print("错误：设定负责单位须用 --user 指明管理员账户", file=err)
                return 2
            store = open_store(source=data_dir)
            account = accounts.get_account(store, user)
            made = set_accountable(store, indicator, department, account, audit.command_line_origin())
            print(f"已设定：{indicator} 由 {department} 负责（第 {made} 版）", file=out)
            return 0
        folder = Path(config.data_dir(data_dir))
        indicators, goals = load_catalogue_table(config.INDICATORS, folder), load_catalogue_table(config.GOALS, folder)
        current = roles.read_accountable(folder)
    except PermissionDenied as exc:
        print(f"错误：{exc}", file=err)
        return 1
    except (DataError, ValueError) as exc:
        print(f"错误：{exc}", file=err)
        return 2
    table = roles.accountable_table(indicators, goals, current)
    names = indicators.set_index("indicator_id")["name"]
    out.write(
        table.assign(name=table["indicator_id"].map(names))[["indicator_id", "name", "department", "basis"]].to_csv(
            index=False
        )
    )
    return 0

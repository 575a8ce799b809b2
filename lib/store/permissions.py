"""What each role may do, checked in lib for every write (a page's buttons are not the guard).

管理员 (the committee office): everything. 填报员: imports for the indicators of its own department only.
只读: views. Every refusal raises PermissionDenied with a Chinese message and is written to the audit log.
"""

from __future__ import annotations

import pandas as pd

from lib.contract.problems import Problem
from lib.contract.tables import DataError
from lib.entry.checks import filled_rows
from lib.entry.template import OBS_SHEET, QUAL_SHEET
from lib.entry.upload import ParsedUpload
from lib.presentation.roles import ALL, select_indicator_ids
from lib.store import audit
from lib.store.accounts import ROLE_ADMIN, ROLE_REPORTER, Account
from lib.store.db import Store

IMPORT, RESTORE, MANAGE_ACCOUNTS, READ_AUDIT = "导入数据", "恢复版本", "管理账户", "查看审计日志"
SET_ACCOUNTABLE, WRITE_REPORT, VIEW_VERSIONS, SETTINGS = "设定负责单位", "编写报告文字", "查看数据版本", "修改设置"
ROUND_MANAGE, ROUND_REVIEW, ROUND_FILL = "开启或关闭年度报送", "审核报送数据", "填报年度数据"  # issue 10
ALLOWED = {
    ROLE_ADMIN: {IMPORT, RESTORE, MANAGE_ACCOUNTS, READ_AUDIT, SET_ACCOUNTABLE, WRITE_REPORT, VIEW_VERSIONS, SETTINGS}
    | {ROUND_MANAGE, ROUND_REVIEW},
    ROLE_REPORTER: {IMPORT, VIEW_VERSIONS, ROUND_FILL},
}


class PermissionDenied(DataError):
    """The account may not do this; nothing was written."""


def allowed(account: Account | None, action: str) -> bool:
    return account is not None and not account.disabled and action in ALLOWED.get(account.role, set())


def require(account: Account | None, action: str, store: Store | None = None, origin: str | None = None) -> None:
    """PermissionDenied (and an audit entry when a store is given) unless the account may do `action`."""
    if allowed(account, action):
        return
    who = "未登录" if account is None else account.label
    if store is not None:
        audit.log(store, None if account is None else account.name, audit.REFUSED, False, f"{action}：无权限", origin)
    raise PermissionDenied(f"{who}无权{action}")


def department_scope(account: Account, indicators: pd.DataFrame, goals: pd.DataFrame, accountable=None) -> set[str]:
    """The indicators an account may load: all for the office, its department's (lead or responsible) for a 填报员."""
    if account.role != ROLE_REPORTER:
        return set(indicators["indicator_id"])
    return set(select_indicator_ids(indicators, goals, account.department, ALL, accountable))


def foreign_rows(
    parsed: ParsedUpload, account: Account, indicators: pd.DataFrame, goals: pd.DataFrame, accountable=None
) -> list[Problem]:
    """An error for every uploaded row of an indicator outside the account's department, with its row number."""
    if account.role != ROLE_REPORTER:
        return []
    scope = department_scope(account, indicators, goals, accountable)
    known = set(indicators["indicator_id"])
    message = "指标 {} 不属于" + str(account.department) + "的填报范围，本行被拒绝"
    return [
        Problem(sheet, rec["_row"], "指标编号", message.format(rec["指标编号"]))
        for sheet in (OBS_SHEET, QUAL_SHEET)
        for rec in filled_rows(parsed, sheet)
        if rec["指标编号"] in known and rec["指标编号"] not in scope
    ]

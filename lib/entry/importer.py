"""Importing a filled template into observations.parquet and assessments.parquet.

Pure: no streamlit. The flow is `read_upload` (lib.ingest_template) → `validate_upload`
(the rules of lib.ingest_checks) → `plan_import` (rows new / replaced / unchanged) →
`commit_import`, which checks again (with the account's permissions) and commits the merged
tables onto the version the preview was made from, as the next version of the store (lib.store), or
writes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pandas as pd

from lib import config
from lib.contract.problems import Problem
from lib.contract.tables import DataError, load_catalogue_table, normalise, validate_table
from lib.entry.checks import RULES, check_template_origin, filled_rows, parse_year, safe_number, subgroup_of
from lib.entry.template import (  # noqa: F401  (build_template_bytes …: the page's and CLI's one import)
    ALL_UNITS,
    OBS_SHEET,
    QUAL_SHEET,
    SHEET_HEADERS,
    build_template_bytes,
    reporting_units,
    template_filename,
)
from lib.entry.upload import ParsedUpload, read_upload  # noqa: F401
from lib.store import audit
from lib.store.accounts import ROLE_REPORTER, Account
from lib.store.db import Store
from lib.store.permissions import IMPORT, foreign_rows, require
from lib.store.versions import IMPORT_ACTION, StaleVersion, Version, commit, snapshot

NEW, REPLACED, UNCHANGED = "新增", "替换", "不变"
OBS_KEY = ["indicator_id", "region", "subgroup", "year"]
ASSESSMENT_KEY = ["indicator_id", "year"]
CHANGE_COLUMNS = ["工作表", "变更", "指标编号", "年份", "分组", "原值", "新值", "原为示例数据"]


def validate_upload(
    parsed: ParsedUpload, indicators: pd.DataFrame, year: int | None = None, department: str | None = None
) -> list[Problem]:
    """Every problem of an upload, by sheet and row; errors (level 错误) block the import.

    With `year` (and `department`), the template of another year or department is refused.
    """
    problems = list(parsed.problems) + check_template_origin(parsed, year, department)
    for rule in RULES:
        problems += rule(parsed, indicators)
    order = {name: i for i, name in enumerate(SHEET_HEADERS)}
    return sorted(problems, key=lambda p: (order.get(p.source, -1), p.row or 0))


def has_errors(problems: list[Problem]) -> bool:
    return any(p.is_error for p in problems)


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """The problems as the table a user reads: 工作表, 行, 列, 级别, 问题 (行 is blank for the whole file or sheet)."""
    return pd.DataFrame(
        [(p.source, "" if p.row is None else str(p.row), p.column or "", p.level, p.message) for p in problems],
        columns=["工作表", "行", "列", "级别", "问题"],
    )


# ---------------------------------------------------------------- uploaded rows as contract tables


def uploaded_observations(parsed: ParsedUpload) -> pd.DataFrame:
    """The rows with a 数值, as observations (region 博山区, is_sample False, blank status 初步)."""
    rows = [
        {
            "indicator_id": rec["指标编号"],
            "region": config.REGION,
            "year": parse_year(rec["年份"]),
            "subgroup": subgroup_of(rec["分组"]),
            "value": safe_number(rec["数值"]),
            "numerator": safe_number(rec["分子"]),
            "denominator": safe_number(rec["分母"]),
            "data_status": rec["数据状态"] or config.DATA_STATUS_PRELIMINARY,
            "source": rec["报送单位"],
            "note": rec["备注"],
            "is_sample": False,
        }
        for rec in filled_rows(parsed, OBS_SHEET)
        if safe_number(rec["数值"]) is not None
    ]
    frame = pd.DataFrame(rows, columns=OBS_KEY + ["value"]) if not rows else pd.DataFrame(rows)
    return normalise(frame.dropna(subset=["indicator_id", "year"]), config.OBSERVATIONS)


def uploaded_assessments(parsed: ParsedUpload) -> pd.DataFrame:
    """The rows with a 评价, as assessments (is_sample False)."""
    rows = [
        {
            "indicator_id": rec["指标编号"],
            "year": parse_year(rec["年份"]),
            "rating": rec["评价"],
            "narrative": rec["情况说明"],
            "department": rec["报送单位"],
            "is_sample": False,
        }
        for rec in filled_rows(parsed, QUAL_SHEET)
        if rec["评价"] is not None
    ]
    frame = pd.DataFrame(rows, columns=ASSESSMENT_KEY + ["rating"]) if not rows else pd.DataFrame(rows)
    return normalise(frame.dropna(subset=["indicator_id", "year"]), config.ASSESSMENTS)


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do: the merged tables and one change row per uploaded key."""

    parsed: ParsedUpload
    observations: pd.DataFrame
    assessments: pd.DataFrame
    changes: pd.DataFrame  # CHANGE_COLUMNS

    def count(self, action: str) -> int:
        return int((self.changes["变更"] == action).sum())


def _keys(df: pd.DataFrame, key: list[str]) -> pd.Series:
    return pd.Series(list(zip(*(df[k].astype(object).where(df[k].notna(), "") for k in key))), index=df.index)


def _same(old: pd.Series, new: pd.Series) -> bool:
    return all((pd.isna(a) and pd.isna(b)) or a == b for a, b in zip(old, new))


def _shown(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def merge_rows(
    current: pd.DataFrame, incoming: pd.DataFrame, key: list[str], shown: str, sheet: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """current with incoming rows replacing those of the same key (new keys appended), and the changes."""
    current = current.reset_index(drop=True)
    where = {k: i for i, k in _keys(current, key).items()}
    merged, changes, extra = current.copy(), [], []
    for k, (_, row) in zip(_keys(incoming, key), incoming.iterrows()):
        i = where.get(k)
        old = current.loc[i] if i is not None else None
        action = NEW if old is None else (UNCHANGED if _same(old, row) else REPLACED)
        if action == REPLACED:
            merged.loc[i] = row
        elif action == NEW:
            extra.append(row)
        changes.append(
            (
                sheet,
                action,
                row["indicator_id"],
                int(row["year"]),
                row.get("subgroup") or "",
                "" if old is None else _shown(old[shown]),
                _shown(row[shown]),
                "" if old is None else ("是" if old["is_sample"] else "否"),
            )
        )
    if extra:
        merged = pd.concat([merged, pd.DataFrame(extra)], ignore_index=True)
    return merged, pd.DataFrame(changes, columns=CHANGE_COLUMNS)


def plan_import(observations: pd.DataFrame, assessments: pd.DataFrame, parsed: ParsedUpload) -> ImportPlan:
    """Rows new / replaced / unchanged per (indicator, year, subgroup); the merged tables."""
    obs, obs_changes = merge_rows(
        normalise(observations, config.OBSERVATIONS), uploaded_observations(parsed), OBS_KEY, "value", OBS_SHEET
    )
    ass, ass_changes = merge_rows(
        normalise(assessments, config.ASSESSMENTS), uploaded_assessments(parsed), ASSESSMENT_KEY, "rating", QUAL_SHEET
    )
    changes = pd.concat([obs_changes, ass_changes], ignore_index=True) if len(ass_changes) else obs_changes
    return ImportPlan(parsed, normalise(obs, config.OBSERVATIONS), normalise(ass, config.ASSESSMENTS), changes)


# ---------------------------------------------------------------- committing to the store


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def import_problems(
    store: Store, parsed: ParsedUpload, account: Account, year: int | None = None, department: str | None = None
) -> list[Problem]:
    """Every problem of an upload for this account: the checks, the template's origin, rows outside its department."""
    indicators = load_catalogue_table(config.INDICATORS, store.source)
    goals = load_catalogue_table(config.GOALS, store.source)
    if account.role == ROLE_REPORTER:
        department = account.department
    problems = validate_upload(parsed, indicators, year, department)
    return problems + foreign_rows(parsed, account, indicators, goals)


def commit_import(
    store: Store,
    parsed: ParsedUpload,
    data: bytes,
    base: int,
    account: Account,
    year: int | None = None,
    department: str | None = None,
    origin: str | None = None,
) -> Version:
    """Check the upload again and commit it onto version `base` as the next version, all or nothing.

    PermissionDenied for a role that may not import; DataError (nothing written) for any error, including
    a row of another department's indicator; StaleVersion when the data moved on since the preview.
    """
    require(account, IMPORT, store, origin)
    errors = [p for p in import_problems(store, parsed, account, year, department) if p.is_error]
    if errors:
        audit.log(store, account.name, IMPORT_ACTION, False, f"{parsed.filename}：{len(errors)} 处错误", origin)
        raise DataError(f"有 {len(errors)} 处错误，未写入任何数据：\n" + "\n".join(map(str, errors[:20])))
    current = snapshot(store, base)
    plan = plan_import(current.observations, current.assessments, parsed)
    tables = {config.OBSERVATIONS: plan.observations, config.ASSESSMENTS: plan.assessments}
    bad = [p for name, df in tables.items() for p in validate_table(df, name)]
    if bad:
        raise DataError("合并后的数据表有问题，未写入任何数据：\n" + "\n".join(map(str, bad[:20])))
    try:
        return commit(
            store,
            {"observations": plan.observations, "assessments": plan.assessments},
            base,
            account.name,
            IMPORT_ACTION,
            file_name=parsed.filename,
            checksum=checksum(data),
            origin=origin,
            uploaded={action: plan.count(action) for action in (NEW, REPLACED, UNCHANGED)},
        )
    except StaleVersion as exc:
        audit.log(store, account.name, IMPORT_ACTION, False, f"{parsed.filename}：{exc}", origin)
        raise

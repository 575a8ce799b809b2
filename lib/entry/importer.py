"""Importing a filled template into observations.parquet and assessments.parquet.

Pure: no streamlit. The flow is `read_upload` (lib.ingest_template) → `validate_upload`
(the rules of lib.ingest_checks) → `plan_import` (rows new / replaced / unchanged) →
`apply_import`, which checks again against the files on disk at that moment, backs up the
previous files into data_dir/backups/ and replaces both tables together, or writes nothing.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd

from lib import config
from lib.contract.files import write_all_atomic
from lib.contract.problems import Problem
from lib.contract.tables import (
    DataError,
    load_assessments,
    load_catalogue_table,
    load_observations,
    normalise,
    validate_table,
)
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
from lib.outputs.export import BEIJING

BACKUP_DIR = "backups"
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


# ---------------------------------------------------------------- writing


def backup_tables(folder: Path, names: tuple[str, ...], stamp: str) -> dict[Path, Path]:
    """Copy each existing table to folder/backups/<stem>_<stamp>.parquet; target → copy."""
    copies = {}
    for name in names:
        source = folder / name
        if source.exists():
            copy = folder / BACKUP_DIR / f"{source.stem}_{stamp}{source.suffix}"
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
            copies[source] = copy
    return copies


def replace_tables(tables: dict[Path, pd.DataFrame], backups: dict[Path, Path]) -> None:
    """Write every table to a temp file first, then move them into place; backups put back if a move fails."""
    write_all_atomic(
        {target: (lambda tmp, df=df: df.to_parquet(tmp, index=False)) for target, df in tables.items()}, restore=backups
    )


def apply_import(
    data_dir: str | os.PathLike | None, plan: ImportPlan, year: int | None = None, department: str | None = None
) -> None:
    """Check the upload again, merge it into the current files, back them up, replace both; DataError if not clean."""
    folder = config.data_dir(data_dir)
    indicators = load_catalogue_table(config.INDICATORS, folder)
    problems = [p for p in validate_upload(plan.parsed, indicators, year, department) if p.is_error]
    if problems:
        raise DataError(f"有 {len(problems)} 处错误，未写入任何数据：\n" + "\n".join(map(str, problems[:20])))
    fresh = plan_import(load_observations(folder), load_assessments(folder), plan.parsed)
    tables = {config.OBSERVATIONS: fresh.observations, config.ASSESSMENTS: fresh.assessments}
    bad = [p for name, df in tables.items() for p in validate_table(df, name)]
    if bad:
        raise DataError("合并后的数据表有问题，未写入任何数据：\n" + "\n".join(map(str, bad[:20])))
    stamp = datetime.now(BEIJING).strftime("%Y%m%d-%H%M%S-%f")
    backups = backup_tables(folder, tuple(tables), stamp)
    replace_tables({folder / name: df for name, df in tables.items()}, backups)

"""Loading and checking the monitoring tables: observations, assessments, reference values.

Pure pandas. Each `check_*` rule returns a list of problems (row, column, Chinese message);
`validate_table` collects them and the loaders raise `DataError` with all of them.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from lib import config

OBSERVATION_COLUMNS = {
    "indicator_id": "str", "region": "str", "year": "int64", "subgroup": "str", "value": "float64",
    "numerator": "float64", "denominator": "float64", "data_status": "str", "source": "str",
    "note": "str", "is_sample": "bool",
}
ASSESSMENT_COLUMNS = {
    "indicator_id": "str", "year": "int64", "rating": "str", "narrative": "str",
    "department": "str", "is_sample": "bool",
}
REFERENCE_COLUMNS = {
    "indicator_id": "str", "region": "str", "year": "int64", "period": "str", "value": "float64",
    "unit": "str", "indicator_zh": "str", "source_url": "str", "quote": "str", "mapping_note": "str",
    "source_org": "str", "tier": "str",
}
SCHEMAS = {config.OBSERVATIONS: OBSERVATION_COLUMNS, config.ASSESSMENTS: ASSESSMENT_COLUMNS,
           config.REFERENCE: REFERENCE_COLUMNS}
REQUIRED = {  # columns that may not be empty
    config.OBSERVATIONS: ("indicator_id", "year", "value"),
    config.ASSESSMENTS: ("indicator_id", "year", "rating"),
    config.REFERENCE: ("indicator_id", "region", "year", "value", "source_url", "quote"),
}
UNIQUE_KEYS = {
    config.OBSERVATIONS: ("indicator_id", "region", "subgroup", "year"),
    config.ASSESSMENTS: ("indicator_id", "year"),
}


class DataError(ValueError):
    """A data table cannot be used; the message lists every problem in Chinese."""


@dataclass(frozen=True)
class Problem:
    """One problem in a table: row (1-based data row, None for the whole table), column, message."""

    table: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.table + (f" 第{self.row}行" if self.row is not None else "")
        where += f"“{self.column}”列" if self.column else ""
        return f"{where}：{self.message}"


def empty_table(name: str) -> pd.DataFrame:
    """A table with its columns and no rows."""
    return pd.DataFrame({c: pd.Series(dtype="object" if t == "str" else t)
                         for c, t in SCHEMAS[name].items()})


def check_columns(df: pd.DataFrame, name: str) -> list[Problem]:
    """The required columns are present (optional ones are added empty by `normalise`)."""
    return [Problem(name, None, c, "缺少该列") for c in REQUIRED[name] if c not in df.columns]


def check_required(df: pd.DataFrame, name: str) -> list[Problem]:
    """Required columns have a value in every row."""
    return [Problem(name, int(i) + 1, c, "不能为空")
            for c in REQUIRED[name] if c in df.columns for i in df.index[df[c].isna()]]


def check_numeric(df: pd.DataFrame, name: str) -> list[Problem]:
    """Numeric columns hold numbers (years whole numbers)."""
    problems = []
    for col, dtype in SCHEMAS[name].items():
        if dtype not in ("int64", "float64") or col not in df.columns:
            continue
        numbers = pd.to_numeric(df[col], errors="coerce")
        bad = df[col].notna() & numbers.isna()
        if dtype == "int64":
            bad |= numbers.notna() & (numbers % 1 != 0)
        problems += [Problem(name, int(i) + 1, col, f"“{df.at[i, col]}”不是有效数字") for i in df.index[bad]]
    return problems


def check_allowed(df: pd.DataFrame, name: str) -> list[Problem]:
    """data_status is 初步 / 正式 and rating one of the four ratings."""
    allowed = {"data_status": (config.DATA_STATUS_PRELIMINARY, config.DATA_STATUS_FINAL),
               "rating": config.RATINGS}
    problems = []
    for col, values in allowed.items():
        if col in df.columns and col in SCHEMAS[name]:
            bad = df[col].notna() & ~df[col].isin(values)
            problems += [Problem(name, int(i) + 1, col, f"“{df.at[i, col]}”应为{'、'.join(values)}之一")
                         for i in df.index[bad]]
    return problems


def check_unique(df: pd.DataFrame, name: str) -> list[Problem]:
    """One value per indicator, region, subgroup and year (one rating per indicator and year)."""
    keys = [k for k in UNIQUE_KEYS.get(name, ()) if k in df.columns]
    if not keys:
        return []
    dup = df.duplicated(keys, keep="first")
    return [Problem(name, int(i) + 1, None, "与前面的行重复（同一指标、地区、分组和年份）")
            for i in df.index[dup]]


def validate_table(df: pd.DataFrame, name: str) -> list[Problem]:
    """All problems of one monitoring table."""
    df = df.reset_index(drop=True)
    problems = check_columns(df, name)
    for rule in (check_required, check_numeric, check_allowed, check_unique):
        problems += rule(df, name)
    return problems


def normalise(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Columns in schema order with schema types; optional columns added empty."""
    out = df.reset_index(drop=True).copy()
    for col, dtype in SCHEMAS[name].items():
        if col not in out.columns:
            out[col] = False if dtype == "bool" else None
        if dtype in ("int64", "float64"):
            out[col] = pd.to_numeric(out[col], errors="coerce").astype(dtype)
        elif dtype == "bool":
            out[col] = out[col].fillna(False).astype(bool)
        else:
            out[col] = out[col].astype("object").where(out[col].notna(), None)
    if name == config.OBSERVATIONS:
        out["region"] = out["region"].fillna(config.REGION)
    return out[list(SCHEMAS[name])]


def load_table(name: str, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """A checked monitoring table; an empty one when the file is absent."""
    path = config.data_dir(data_dir) / name
    if not path.exists():
        return empty_table(name)
    try:
        df = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataError(f"无法读取 {path}：{exc}") from exc
    problems = validate_table(df, name)
    if problems:
        raise DataError(f"{path} 有 {len(problems)} 处问题：\n" + "\n".join(map(str, problems[:20])))
    return normalise(df, name)


def load_observations(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    return load_table(config.OBSERVATIONS, data_dir)


def load_assessments(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    return load_table(config.ASSESSMENTS, data_dir)


def load_reference(data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    return load_table(config.REFERENCE, data_dir)


def load_catalogue_table(name: str, data_dir: str | os.PathLike | None = None) -> pd.DataFrame:
    """A catalogue table (indicators, goals …); DataError in Chinese when it is missing."""
    path = config.data_dir(data_dir) / name
    if not path.exists():
        raise DataError(f"找不到目录表 {path}：请先运行 python -m lib catalogue 生成目录")
    return pd.read_parquet(path)


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write Parquet atomically: a temporary file in the same folder, then os.replace."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        df.to_parquet(tmp, index=False)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return target

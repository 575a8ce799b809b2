"""Loading and checking every table of the data directory against the contract (lib.contract.schema).

Pure pandas. Each `check_*` rule returns a list of problems (row, column, Chinese message);
`validate_table` collects them and `load_table` raises `DataError` with all of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from lib import config
from lib.contract import schema
from lib.contract.files import write_atomic
from lib.contract.problems import Problem

MONITORING_TABLES = (config.OBSERVATIONS, config.ASSESSMENTS, config.REFERENCE)
SCHEMAS = {name: schema.dtypes(name) for name in schema.TABLES}
OBSERVATION_COLUMNS = SCHEMAS[config.OBSERVATIONS]
ASSESSMENT_COLUMNS = SCHEMAS[config.ASSESSMENTS]
REFERENCE_COLUMNS = SCHEMAS[config.REFERENCE]


UNIQUE_LABELS = {
    "indicator_id": "指标",
    "region": "地区",
    "subgroup": "分组",
    "year": "年份",
    "area_id": "领域编号",
    "goal_id": "目标编号",
    "measure_id": "措施编号",
    "name": "名称",
}


class DataError(ValueError):
    """A data table cannot be used; the message lists every problem in Chinese."""


def empty_table(name: str) -> pd.DataFrame:
    """A table with its columns and no rows."""
    return pd.DataFrame(
        {c: pd.Series(dtype=t if t in ("int64", "float64", "bool") else "object") for c, t in SCHEMAS[name].items()}
    )


def check_columns(df: pd.DataFrame, name: str) -> list[Problem]:
    """The required columns are present (optional ones are added empty by `normalise`)."""
    return [Problem(name, None, c, "缺少该列") for c in schema.required(name) if c not in df.columns]


def check_required(df: pd.DataFrame, name: str) -> list[Problem]:
    """Required columns have a value in every row."""
    return [
        Problem(name, int(i) + 1, c, "不能为空")
        for c in schema.required(name)
        if c in df.columns
        for i in df.index[df[c].isna()]
    ]


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
    problems = []
    for col, values in schema.ALLOWED.items():
        if col in df.columns and col in SCHEMAS[name]:
            bad = df[col].notna() & ~df[col].isin(values)
            problems += [
                Problem(name, int(i) + 1, col, f"“{df.at[i, col]}”应为{'、'.join(values)}之一") for i in df.index[bad]
            ]
    return problems


def check_unique(df: pd.DataFrame, name: str) -> list[Problem]:
    """One value per indicator, region, subgroup and year (one rating per indicator and year)."""
    keys = [k for k in schema.TABLES[name].unique if k in df.columns]
    if not keys:
        return []
    dup = df.duplicated(keys, keep="first")
    labels = [UNIQUE_LABELS.get(k, k) for k in keys]
    what = "和".join(filter(None, ("、".join(labels[:-1]), labels[-1])))
    return [Problem(name, int(i) + 1, None, f"与前面的行重复（同一{what}）") for i in df.index[dup]]


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
    """A checked table of the data directory; an empty one when the file is absent.

    Monitoring tables come back normalised (schema order and types); catalogue tables as read.
    DataError, in Chinese with every problem's row and column, when the file cannot be used.
    """
    path = config.data_dir(data_dir) / name
    if not path.exists():
        return empty_table(name)
    return check_frame(read_parquet(path), name)


def read_parquet(path: Path) -> pd.DataFrame:
    """A Parquet file, or DataError naming the file (not the server path) when it is damaged."""
    try:
        return pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise DataError(f"数据表 {path.name} 已损坏或不是 Parquet 文件，无法读取（{type(exc).__name__}）") from exc


def check_frame(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """The frame, normalised when it is a monitoring table; DataError listing its problems."""
    problems = validate_table(df, name)
    if problems:
        shown = "\n".join(map(str, problems[:20]))
        raise DataError(f"数据表 {name} 有 {len(problems)} 处问题：\n{shown}")
    return normalise(df, name) if name in MONITORING_TABLES else df


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
        raise DataError(f"找不到目录表 {name}：请先运行 python -m lib catalogue 生成目录")
    return load_table(name, data_dir)


def write_table(df: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write Parquet atomically (lib.contract.files)."""
    return write_atomic(path, lambda tmp: df.to_parquet(tmp, index=False))

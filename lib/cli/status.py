"""`python -m lib status --year Y [--data-dir DIR] [--format csv|json]`: statuses for batch use.

Prints one row per indicator and subgroup: indicator_id, subgroup, status, latest_year (the year
of the value judged), ratio (R in progress years, the share p of the required change in the final
year), progress (that ratio in the dashboard's words), warnings, reason, explanation, is_sample.
The rows come from lib.presentation.explain.explain_statuses (the engine's statuses in words), the
function the dashboard calls, so both always agree.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO

import pandas as pd

from lib import config
from lib.contract.tables import DataError, load_assessments, load_catalogue_table, load_observations
from lib.presentation.explain import explain_statuses, progress_words

CLI_COLUMNS = [
    "indicator_id",
    "subgroup",
    "status",
    "latest_year",
    "ratio",
    "progress",
    "warnings",
    "reason",
    "explanation",
    "is_sample",
]


def status_table(statuses: pd.DataFrame) -> pd.DataFrame:
    """The printed columns: the ratio rounded to three decimals and in words, warnings joined with 、."""
    return pd.DataFrame(
        {
            "indicator_id": statuses["indicator_id"],
            "subgroup": statuses["subgroup"],
            "status": statuses["status"],
            "latest_year": statuses["latest_year"],
            "ratio": statuses["ratio"].round(3),
            "progress": [
                progress_words(None if pd.isna(r) else float(r), m)
                for r, m in zip(statuses["ratio"], statuses["method"])
            ],
            "warnings": statuses["warnings"].map("、".join),
            "reason": statuses["reason"],
            "explanation": statuses["explanation"],
            "is_sample": statuses["is_sample"],
        },
        columns=CLI_COLUMNS,
    )


def load_and_compute(year: int, data_dir: str | os.PathLike | None) -> pd.DataFrame:
    """Statuses of one assessment year from the tables of a data directory."""
    indicators = load_catalogue_table(config.INDICATORS, data_dir)
    return explain_statuses(indicators, load_observations(data_dir), load_assessments(data_dir), year)


def to_json(table: pd.DataFrame) -> str:
    """Rows as a JSON array; warnings as a list, missing values as null."""
    records = []
    for rec in table.to_dict("records"):
        rec["warnings"] = [w for w in rec["warnings"].split("、") if w]
        rec["latest_year"] = None if pd.isna(rec["latest_year"]) else int(rec["latest_year"])
        records.append({k: (None if isinstance(v, float) and v != v else v) for k, v in rec.items()})
    return json.dumps(records, ensure_ascii=False, indent=1)


def run_status(
    year: int,
    data_dir: str | os.PathLike | None = None,
    fmt: str = "csv",
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Print the statuses of `year`; 0 on success, 2 with a Chinese message on bad input."""
    out, err = out or sys.stdout, err or sys.stderr
    if year not in config.ASSESSMENT_YEARS:
        print(f"错误：评估年度应为 {config.FIRST_YEAR}—{config.TARGET_YEAR} 之间的年份，收到 {year}", file=err)
        return 2
    if fmt not in ("csv", "json"):
        print(f"错误：输出格式应为 csv 或 json，收到 {fmt}", file=err)
        return 2
    try:
        statuses = load_and_compute(year, data_dir)
    except DataError as exc:
        print(f"错误：{exc}", file=err)
        return 2
    table = status_table(statuses)
    out.write(table.to_csv(index=False) if fmt == "csv" else to_json(table) + "\n")
    if table["is_sample"].any():
        print(f"注意：结果含{config.SAMPLE_LABEL}（is_sample 列为 True 的行）。", file=err)
    return 0

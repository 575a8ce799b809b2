"""`python -m lib report --year Y --out FILE [--data-dir DIR]`: the annual monitoring report as .docx."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from lib import config
from lib.contract.tables import DataError, load_catalogue_table, load_observations
from lib.outputs.report import REPORT_CATALOGUE, build_report_docx
from lib.cli.status import load_and_compute
from lib.contract.files import write_bytes_atomic


def load_catalogue(data_dir: str | os.PathLike | None) -> dict[str, pd.DataFrame]:
    """The catalogue tables the report needs, keyed by table name."""
    return {key: load_catalogue_table(f"{key}.parquet", data_dir) for key in REPORT_CATALOGUE}


def check_arguments(year: int, out: Path) -> str | None:
    """A Chinese message for a bad year or output path; None when both are usable."""
    if year not in config.ASSESSMENT_YEARS:
        return f"评估年度应为 {config.FIRST_YEAR}—{config.TARGET_YEAR} 之间的年份，收到 {year}"
    if out.suffix.lower() != ".docx":
        return f"输出文件应以 .docx 结尾（Word 文档），收到 {out}"
    if not out.parent.is_dir():
        return f"输出文件所在的文件夹不存在：{out.parent}"
    return None


def run_report(year: int, out: str | os.PathLike, data_dir: str | os.PathLike | None = None,
               err: TextIO | None = None) -> int:
    """Write the report of `year` to `out`; 0 on success, 2 with a Chinese message on bad input."""
    err = err or sys.stderr
    path = Path(out)
    problem = check_arguments(year, path)
    if problem:
        print(f"错误：{problem}", file=err)
        return 2
    try:
        catalogue = load_catalogue(data_dir)
        statuses = load_and_compute(year, data_dir)
        observations = load_observations(data_dir)
        has_sample = bool(statuses["is_sample"].any() or observations["is_sample"].fillna(False).astype(bool).any())
        payload = build_report_docx(catalogue, statuses, year, has_sample=has_sample, observations=observations)
    except (DataError, ValueError) as exc:
        print(f"错误：{exc}", file=err)
        return 2
    try:
        write_bytes_atomic(path, payload)
    except OSError as exc:
        print(f"错误：无法写入 {path}：{exc.strerror or exc}", file=err)
        return 2
    print(f"已生成 {path}（{len(payload) // 1024} KB）", file=err)
    if has_sample:
        print(f"注意：报告含{config.SAMPLE_LABEL}，报告开头已注明。", file=err)
    return 0

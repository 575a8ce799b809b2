"""`python -m lib report --year Y --out FILE [--data-dir DIR]`: the annual monitoring report as .docx or .pdf.

The office's texts (总体评价, 对策建议) come from the state directory ($BOSHAN_STATE_DIR, default var/);
a .pdf output is converted from the Word file by LibreOffice (lib.outputs.pdf).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

import pandas as pd

from lib import config
from lib.cli.status import load_and_compute
from lib.contract.accountable import read_accountable
from lib.contract.files import write_bytes_atomic
from lib.contract.tables import DataError, load_catalogue_table, load_observations, load_reference
from lib.entry.report_texts import load_report_texts
from lib.outputs.pdf import PdfUnavailable, docx_to_pdf
from lib.outputs.report import REPORT_CATALOGUE, build_report_docx, report_has_sample

OUTPUT_SUFFIXES = (".docx", ".pdf")


def load_catalogue(data_dir: str | os.PathLike | None) -> dict[str, pd.DataFrame]:
    """The catalogue tables the report needs, keyed by table name, and the national reference when present."""
    tables = {key: load_catalogue_table(f"{key}.parquet", data_dir) for key in REPORT_CATALOGUE}
    if (config.data_dir(data_dir) / config.REFERENCE).exists():
        tables["reference"] = load_reference(data_dir)
    tables["accountable"] = read_accountable(config.data_dir(data_dir))
    return tables


def check_arguments(year: int, out: Path) -> str | None:
    """A Chinese message for a bad year or output path; None when both are usable."""
    if year not in config.ASSESSMENT_YEARS:
        return f"评估年度应为 {config.FIRST_YEAR}—{config.TARGET_YEAR} 之间的年份，收到 {year}"
    if out.suffix.lower() not in OUTPUT_SUFFIXES:
        return f"输出文件应以 .docx（Word 文档）或 .pdf 结尾，收到 {out}"
    if not out.parent.is_dir():
        return f"输出文件所在的文件夹不存在：{out.parent}"
    return None


def statuses_up_to(year: int, data_dir: str | os.PathLike | None) -> dict[int, pd.DataFrame]:
    """The engine's statuses of every assessment year up to `year` (达标率 by year, change since 2023)."""
    return {y: load_and_compute(y, data_dir) for y in config.ASSESSMENT_YEARS if y <= year}


def build_report(
    year: int, data_dir: str | os.PathLike | None = None, state_dir: str | os.PathLike | None = None
) -> tuple[bytes, bool]:
    """The Word report of `year` from a data directory and the office's saved texts; (bytes, has sample)."""
    by_year = statuses_up_to(year, data_dir)
    observations = load_observations(data_dir)
    sample = report_has_sample(by_year[year], observations, year)
    payload = build_report_docx(
        load_catalogue(data_dir),
        by_year[year],
        year,
        has_sample=sample,
        observations=observations,
        statuses_by_year=by_year,
        texts=load_report_texts(year, state_dir),
    )
    return payload, sample


def run_report(
    year: int,
    out: str | os.PathLike,
    data_dir: str | os.PathLike | None = None,
    err: TextIO | None = None,
    state_dir: str | os.PathLike | None = None,
) -> int:
    """Write the report of `year` to `out`; 0 on success, 2 with a Chinese message on bad input."""
    err = err or sys.stderr
    path = Path(out)
    problem = check_arguments(year, path)
    if problem:
        print(f"错误：{problem}", file=err)
        return 2
    try:
        payload, has_sample = build_report(year, data_dir, state_dir)
        if path.suffix.lower() == ".pdf":
            payload = docx_to_pdf(payload)
    except (DataError, ValueError, PdfUnavailable) as exc:
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

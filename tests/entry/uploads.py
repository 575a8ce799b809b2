"""Helpers of the entry tests: fill a real template with openpyxl and read it back."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pandas as pd

from lib import config
from lib.contract.problems import Problem
from lib.entry.importer import (
    build_template_bytes,
    plan_import,
    read_upload,
    validate_upload,
)
from lib.entry.template import OBS_HEADERS, OBS_SHEET, QUAL_SHEET

# rows of the full template (all units): 监测数据 row 2 is A1-G01-1 (1/10万), rows 3–9 A2…A8-G01-1 (%),
# row 10 A1-M04-1 (%); 定性评价 row 2 is A1-G02-1. Columns: F 数值, G 分子, H 分母, I 数据状态.


def workbook(catalogue, year: int = 2024, department: str | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_template_bytes(*catalogue, year, department)))


def fill(catalogue, cells: dict[str, object], qual: dict[str, object] | None = None) -> bytes:
    wb = workbook(catalogue)
    for ref, value in cells.items():
        wb[OBS_SHEET][ref] = value
    for ref, value in (qual or {}).items():
        wb[QUAL_SHEET][ref] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def problems_of(catalogue, cells: dict[str, object], qual: dict[str, object] | None = None) -> list[Problem]:
    return validate_upload(read_upload(fill(catalogue, cells, qual), "filled.xlsx"), catalogue[0])


def where(problems: list[Problem], errors_only: bool = True) -> set[tuple]:
    return {(p.source, p.row, p.column) for p in problems if p.is_error or not errors_only}


GOOD = {"F2": 7.9, "I2": "正式", "F3": 86.5, "I3": "初步"}


CSV_TEXT = ",".join(OBS_HEADERS) + "\nA2-G01-1,第2项筛查率,%,2024,,86.5,,,正式,区教育和体育局,备注\n"


def plan_of(folder: Path, catalogue, cells: dict, qual: dict | None = None):
    parsed = read_upload(fill(catalogue, cells, qual), "x.xlsx")
    return plan_import(
        pd.read_parquet(folder / config.OBSERVATIONS), pd.read_parquet(folder / config.ASSESSMENTS), parsed
    )


def snapshot(folder: Path) -> tuple[bytes, bytes]:
    return (folder / config.OBSERVATIONS).read_bytes(), (folder / config.ASSESSMENTS).read_bytes()

"""lib.entry.template: the yearly template as a real .xlsx, opened with openpyxl."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import config
from lib.entry.importer import (
    build_template_bytes,
    reporting_units,
    template_filename,
)
from lib.entry.template import OBS_HEADERS, OBS_SHEET, QUAL_HEADERS, QUAL_SHEET
from tests.conftest import LEAD_A
from tests.entry.uploads import (
    workbook,
)


def test_build_template_bytes_has_three_chinese_sheets(catalogue):
    wb = workbook(catalogue)
    assert wb.sheetnames == [OBS_SHEET, QUAL_SHEET, "填报说明"]
    assert [c.value for c in wb[OBS_SHEET][1]] == list(OBS_HEADERS)
    assert [c.value for c in wb[QUAL_SHEET][1]] == list(QUAL_HEADERS)


def test_build_template_bytes_prefills_one_row_per_numeric_indicator(catalogue):
    ws = workbook(catalogue, 2025)[OBS_SHEET]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert ids == [f"A{i}-G01-1" for i in range(1, 9)] + ["A1-M04-1"]
    assert ws["D2"].value == 2025 and ws["C2"].value == "1/10万" and ws["F2"].value is None


def test_build_template_bytes_keeps_department_indicators_only(catalogue):
    wb = workbook(catalogue, department=LEAD_A)
    assert [c.value for c in wb[OBS_SHEET]["A"][1:]] == ["A1-G01-1", "A1-M04-1"]  # + its measure target
    assert [c.value for c in wb[QUAL_SHEET]["A"][1:]] == ["A1-G02-1"]
    assert wb[OBS_SHEET]["J2"].value == LEAD_A


def test_build_template_bytes_prefills_lead_unit_for_responsible_department(catalogue):
    ws = workbook(catalogue, department="区妇联")[OBS_SHEET]
    assert ws["A2"].value == "A1-G01-1" and ws["J2"].value == LEAD_A


def test_build_template_bytes_has_dropdowns_and_frozen_header(catalogue):
    wb = workbook(catalogue)
    formulas = {ws.title: [v.formula1 for v in ws.data_validations.dataValidation] for ws in wb.worksheets[:2]}
    assert formulas == {OBS_SHEET: ['"初步,正式"'], QUAL_SHEET: ['"已完成,进展顺利,进展缓慢,未开展"']}
    assert wb[OBS_SHEET].freeze_panes == "A2" and wb[OBS_SHEET].column_dimensions["B"].width >= 20


def test_build_template_bytes_refuses_unknown_department(catalogue):
    with pytest.raises(ValueError, match="区不存在局"):
        build_template_bytes(*catalogue, 2024, "区不存在局")


def test_build_template_bytes_refuses_year_outside_plan(catalogue):
    with pytest.raises(ValueError, match="2026"):
        build_template_bytes(*catalogue, 2026)


def test_template_filename_names_year_and_department():
    assert template_filename(2025, LEAD_A) == "博山区妇女发展监测数据填报模板_2025年_区卫生健康局.xlsx"
    assert template_filename(2024) == "博山区妇女发展监测数据填报模板_2024年_全部单位.xlsx"


def test_reporting_units_lists_departments_with_goals(catalogue, folder):
    departments = pd.read_parquet(folder / config.DEPARTMENTS)
    assert reporting_units(catalogue[1], departments) == sorted([LEAD_A, "区教育和体育局", "区妇联"])


def test_build_template_bytes_measure_target_reported_by_accountable_department(catalogue):
    ws = workbook(catalogue, department=LEAD_A)[OBS_SHEET]
    row = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "A1-M04-1")
    assert row[9].value == LEAD_A  # 报送单位 (column J): the default accountable department

"""The yearly template and its import: real .xlsx files built by build_template_bytes, filled with openpyxl."""
from __future__ import annotations

import io
import os
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from lib import config
from lib.entry.importer import (
    NEW, REPLACED, UNCHANGED, apply_import, build_template_bytes, has_errors, plan_import, problems_frame,
    read_upload, reporting_units, template_filename, validate_upload,
)
from lib.contract.problems import Problem
from lib.entry.template import OBS_HEADERS, OBS_SHEET, QUAL_HEADERS, QUAL_SHEET
from lib.contract.tables import DataError
from tests.conftest import LEAD_A, write_data_dir

# rows of the full template (all units): 监测数据 row 2 is A1-G01-1 (1/10万), rows 3–9 A2…A8-G01-1 (%),
# row 10 A1-M04-1 (%); 定性评价 row 2 is A1-G02-1. Columns: F 数值, G 分子, H 分母, I 数据状态.


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data")


@pytest.fixture
def catalogue(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return pd.read_parquet(folder / config.INDICATORS), pd.read_parquet(folder / config.GOALS)


def _workbook(catalogue, year: int = 2024, department: str | None = None) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(build_template_bytes(*catalogue, year, department)))


def _fill(catalogue, cells: dict[str, object], qual: dict[str, object] | None = None) -> bytes:
    wb = _workbook(catalogue)
    for ref, value in cells.items():
        wb[OBS_SHEET][ref] = value
    for ref, value in (qual or {}).items():
        wb[QUAL_SHEET][ref] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _problems(catalogue, cells: dict[str, object], qual: dict[str, object] | None = None) -> list[Problem]:
    return validate_upload(read_upload(_fill(catalogue, cells, qual), "filled.xlsx"), catalogue[0])


def _where(problems: list[Problem], errors_only: bool = True) -> set[tuple]:
    return {(p.source, p.row, p.column) for p in problems if p.is_error or not errors_only}


GOOD = {"F2": 7.9, "I2": "正式", "F3": 86.5, "I3": "初步"}


# ---------------------------------------------------------------- template


def test_build_template_bytes_has_three_chinese_sheets(catalogue):
    wb = _workbook(catalogue)
    assert wb.sheetnames == [OBS_SHEET, QUAL_SHEET, "填报说明"]
    assert [c.value for c in wb[OBS_SHEET][1]] == list(OBS_HEADERS)
    assert [c.value for c in wb[QUAL_SHEET][1]] == list(QUAL_HEADERS)


def test_build_template_bytes_prefills_one_row_per_numeric_indicator(catalogue):
    ws = _workbook(catalogue, 2025)[OBS_SHEET]
    ids = [ws.cell(r, 1).value for r in range(2, ws.max_row + 1)]
    assert ids == [f"A{i}-G01-1" for i in range(1, 9)] + ["A1-M04-1"]
    assert ws["D2"].value == 2025 and ws["C2"].value == "1/10万" and ws["F2"].value is None


def test_build_template_bytes_keeps_department_goals_only(catalogue):
    wb = _workbook(catalogue, department=LEAD_A)
    assert [c.value for c in wb[OBS_SHEET]["A"][1:]] == ["A1-G01-1"]
    assert [c.value for c in wb[QUAL_SHEET]["A"][1:]] == ["A1-G02-1"]
    assert wb[OBS_SHEET]["J2"].value == LEAD_A


def test_build_template_bytes_prefills_lead_unit_for_responsible_department(catalogue):
    ws = _workbook(catalogue, department="区妇联")[OBS_SHEET]
    assert ws["A2"].value == "A1-G01-1" and ws["J2"].value == LEAD_A


def test_build_template_bytes_has_dropdowns_and_frozen_header(catalogue):
    wb = _workbook(catalogue)
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


# ---------------------------------------------------------------- reading


def test_read_upload_keeps_excel_row_numbers(catalogue):
    parsed = read_upload(_fill(catalogue, {"F3": 86.5}), "x.xlsx")
    frame = parsed.sheets[OBS_SHEET]
    assert frame.loc[frame["指标编号"] == "A2-G01-1", "_row"].item() == 3
    assert frame.loc[frame["_row"] == 3, "数值"].item() == "86.5"


def test_read_upload_reads_percent_formatted_cell_as_percent(catalogue):
    wb = _workbook(catalogue)
    wb[OBS_SHEET]["F3"] = 0.853
    wb[OBS_SHEET]["F3"].number_format = "0.0%"
    buffer = io.BytesIO()
    wb.save(buffer)
    frame = read_upload(buffer.getvalue(), "x.xlsx").sheets[OBS_SHEET]
    assert frame.loc[frame["_row"] == 3, "数值"].item() == "85.3%"


CSV_TEXT = ",".join(OBS_HEADERS) + "\nA2-G01-1,第2项筛查率,%,2024,,86.5,,,正式,区教育和体育局,备注\n"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_read_upload_reads_csv_in_each_encoding(catalogue, encoding):
    parsed = read_upload(CSV_TEXT.encode(encoding), "监测数据.csv")
    assert validate_upload(parsed, catalogue[0]) == []
    assert parsed.sheets[OBS_SHEET].iloc[0][["指标编号", "数值", "备注"]].tolist() == ["A2-G01-1", "86.5", "备注"]


def test_read_upload_refuses_xls():
    problems = read_upload(b"old", "数据.xls").problems
    assert problems[0].source == "文件" and "另存为 .xlsx" in problems[0].message


def test_read_upload_reports_broken_xlsx():
    assert "无法作为 Excel 文件读取" in read_upload(b"not a zip", "x.xlsx").problems[0].message


def test_read_upload_reports_workbook_without_template_sheets():
    wb = openpyxl.Workbook()
    buffer = io.BytesIO()
    wb.save(buffer)
    assert "找不到工作表" in read_upload(buffer.getvalue(), "x.xlsx").problems[0].message


# ---------------------------------------------------------------- check rules


def test_validate_upload_accepts_untouched_template(catalogue):
    assert _problems(catalogue, {}) == []


def test_validate_upload_accepts_good_rows(catalogue):
    assert not has_errors(_problems(catalogue, GOOD))


def test_check_columns_reports_renamed_header(catalogue):
    problems = _problems(catalogue, {"F1": "数值（%）", **GOOD})
    assert _where(problems) == {(OBS_SHEET, 1, "数值")}
    assert (OBS_SHEET, 1, "数值（%）") in _where(problems, errors_only=False)


def test_check_indicator_ids_reports_unknown_id(catalogue):
    problems = _problems(catalogue, {**GOOD, "A3": "A9-G09-9"})
    assert _where(problems) == {(OBS_SHEET, 3, "指标编号")} and "A9-G09-9" in problems[0].message


def test_check_indicator_kinds_reports_qualitative_id_in_numeric_sheet(catalogue):
    assert _where(_problems(catalogue, {**GOOD, "A3": "A1-G02-1"})) == {(OBS_SHEET, 3, "指标编号")}


def test_check_indicator_kinds_reports_numeric_id_in_qualitative_sheet(catalogue):
    problems = _problems(catalogue, GOOD, {"A2": "A2-G01-1", "D2": "已完成"})
    assert _where(problems) == {(QUAL_SHEET, 2, "指标编号")}


def test_check_indicator_names_warns_on_other_name(catalogue):
    problems = _problems(catalogue, {**GOOD, "B3": "另一个名称"})
    assert not has_errors(problems) and (OBS_SHEET, 3, "指标名称") in _where(problems, errors_only=False)


@pytest.mark.parametrize("year", [2030, "二〇二四", 2024.5])
def test_check_years_reports_year_outside_plan(catalogue, year):
    assert _where(_problems(catalogue, {**GOOD, "D3": year})) == {(OBS_SHEET, 3, "年份")}


def test_check_years_accepts_year_with_suffix(catalogue):
    assert not has_errors(_problems(catalogue, {**GOOD, "D3": "2024年"}))


def test_check_numbers_refuses_text(catalogue):
    problems = _problems(catalogue, {**GOOD, "F3": "约85"})
    assert _where(problems) == {(OBS_SHEET, 3, "数值")} and "约85" in problems[0].message


def test_check_numbers_accepts_percent_sign_on_percent_unit(catalogue):
    assert not has_errors(_problems(catalogue, {**GOOD, "F3": "85%"}))


def test_check_numbers_refuses_percent_sign_on_other_unit(catalogue):
    assert _where(_problems(catalogue, {**GOOD, "F2": "8%"})) == {(OBS_SHEET, 2, "数值")}


def test_check_missing_values_refuses_counts_without_value(catalogue):
    problems = _problems(catalogue, {**GOOD, "F3": None, "G3": 853, "H3": 1000})
    assert _where(problems) == {(OBS_SHEET, 3, "数值")} and "85.30" in problems[0].message


def test_check_missing_values_refuses_narrative_without_rating(catalogue):
    problems = _problems(catalogue, GOOD, {"E2": "开展讲座"})
    assert _where(problems) == {(QUAL_SHEET, 2, "评价")}


def test_check_ranges_refuses_percentage_above_100(catalogue):
    assert _where(_problems(catalogue, {**GOOD, "F3": 120})) == {(OBS_SHEET, 3, "数值")}


def test_check_ranges_refuses_negative_numbers(catalogue):
    assert _where(_problems(catalogue, {**GOOD, "F2": -1})) == {(OBS_SHEET, 2, "数值")}


def test_check_ratio_refuses_numerator_above_denominator(catalogue):
    problems = _problems(catalogue, {**GOOD, "F3": 50, "G3": 12, "H3": 10})
    assert _where(problems) == {(OBS_SHEET, 3, "分子")}


def test_check_ratio_refuses_value_inconsistent_with_counts(catalogue):
    problems = _problems(catalogue, {**GOOD, "F2": 9.5, "G2": 3, "H2": 36585})
    assert _where(problems) == {(OBS_SHEET, 2, "数值")} and "8.20" in problems[0].message


@pytest.mark.parametrize("value", [8.2, 8])
def test_check_ratio_allows_rounding(catalogue, value):
    assert not has_errors(_problems(catalogue, {**GOOD, "F2": value, "G2": 3, "H2": 36585}))


def test_check_duplicates_reports_copied_row(catalogue):
    row = {"A11": "A2-G01-1", "D11": 2024, "F11": 80, "I11": "正式"}
    problems = _problems(catalogue, {**GOOD, **row})
    assert _where(problems) == {(OBS_SHEET, 11, None)} and "第3行" in problems[0].message


def test_check_duplicates_accepts_subgroup_rows(catalogue):
    row = {"A11": "A2-G01-1", "D11": 2024, "E11": "农村", "F11": 80, "I11": "正式"}
    assert not has_errors(_problems(catalogue, {**GOOD, **row}))


def test_check_choices_refuses_unknown_data_status(catalogue):
    assert _where(_problems(catalogue, {**GOOD, "I3": "确定"})) == {(OBS_SHEET, 3, "数据状态")}


def test_check_choices_notes_blank_data_status(catalogue):
    problems = _problems(catalogue, {**GOOD, "I3": None})
    assert not has_errors(problems) and (OBS_SHEET, 3, "数据状态") in _where(problems, errors_only=False)


def test_check_choices_refuses_unknown_rating(catalogue):
    assert _where(_problems(catalogue, GOOD, {"D2": "良好"})) == {(QUAL_SHEET, 2, "评价")}


def test_problem_str_reads_sheet_row_column():
    assert str(Problem(OBS_SHEET, 5, "数值", "不是数字")) == "监测数据 第5行 〔数值〕：不是数字"


def test_problems_frame_has_chinese_columns(catalogue):
    frame = problems_frame(_problems(catalogue, {**GOOD, "F3": "约85"}))
    assert list(frame.columns) == ["工作表", "行", "列", "级别", "问题"] and frame.iloc[0]["行"] == 3


# ---------------------------------------------------------------- plan and apply


def _plan(folder: Path, catalogue, cells: dict, qual: dict | None = None):
    parsed = read_upload(_fill(catalogue, cells, qual), "x.xlsx")
    return plan_import(pd.read_parquet(folder / config.OBSERVATIONS), pd.read_parquet(folder / config.ASSESSMENTS),
                       parsed)


def test_plan_import_counts_new_and_replaced_rows(folder, catalogue):
    # A1-G01-1 2024 exists (sample); its 城镇 subgroup is new; A2-G01-1 2024 exists
    plan = _plan(folder, catalogue, {**GOOD, "A11": "A1-G01-1", "D11": 2024, "E11": "城镇", "F11": 7.0})
    assert (plan.count(NEW), plan.count(REPLACED), plan.count(UNCHANGED)) == (1, 2, 0)
    assert plan.changes.iloc[0][["指标编号", "原值", "新值", "原为示例数据"]].tolist() == ["A1-G01-1", "8", "7.9", "是"]


def test_plan_import_converts_percent_sign(folder, catalogue):
    obs = _plan(folder, catalogue, {"F3": "85%"}).observations
    row = obs[(obs["indicator_id"] == "A2-G01-1") & (obs["year"] == 2024) & obs["subgroup"].isna()]
    assert row["value"].item() == 85.0 and row["data_status"].item() == config.DATA_STATUS_PRELIMINARY


def test_plan_import_skips_rows_without_value(folder, catalogue):
    plan = _plan(folder, catalogue, {})
    assert plan.changes.empty and len(plan.observations) == len(pd.read_parquet(folder / config.OBSERVATIONS))


def test_apply_import_replaces_sample_rows_with_official(folder, catalogue):
    n_sample = int(pd.read_parquet(folder / config.OBSERVATIONS)["is_sample"].sum())
    apply_import(folder, _plan(folder, catalogue, GOOD))
    obs = pd.read_parquet(folder / config.OBSERVATIONS)
    row = obs[(obs["indicator_id"] == "A1-G01-1") & (obs["year"] == 2024) & obs["subgroup"].isna()]
    assert row[["value", "is_sample", "region", "data_status"]].values.tolist() == [[7.9, False, config.REGION, "正式"]]
    assert len(obs) == 46 and obs["is_sample"].sum() == n_sample - 2


def test_apply_import_writes_ratings(folder, catalogue):
    apply_import(folder, _plan(folder, catalogue, {}, {"D2": "已完成", "E2": "覆盖全部镇街"}))
    ass = pd.read_parquet(folder / config.ASSESSMENTS)
    new = ass[ass["year"] == 2024]
    assert new[["rating", "narrative", "is_sample"]].values.tolist() == [["已完成", "覆盖全部镇街", False]]


def test_apply_import_then_same_upload_is_unchanged(folder, catalogue):
    apply_import(folder, _plan(folder, catalogue, GOOD))
    assert _plan(folder, catalogue, GOOD).count(UNCHANGED) == 2


def test_apply_import_keeps_backup_of_previous_files(folder, catalogue):
    before = (folder / config.OBSERVATIONS).read_bytes()
    apply_import(folder, _plan(folder, catalogue, GOOD))
    copies = sorted(p.name for p in (folder / "backups").iterdir())
    assert [c.split("_")[0] for c in copies] == ["assessments", "observations"]
    assert (folder / "backups" / copies[1]).read_bytes() == before


def _snapshot(folder: Path) -> tuple[bytes, bytes]:
    return (folder / config.OBSERVATIONS).read_bytes(), (folder / config.ASSESSMENTS).read_bytes()


def test_apply_import_with_errors_writes_nothing(folder, catalogue):
    before = _snapshot(folder)
    with pytest.raises(DataError, match="未写入任何数据"):
        apply_import(folder, _plan(folder, catalogue, {**GOOD, "F3": "约85"}, {"D2": "已完成"}))
    assert _snapshot(folder) == before and not (folder / "backups").exists()


def test_apply_import_restores_first_table_when_second_replace_fails(folder, catalogue, monkeypatch):
    before, real, calls = _snapshot(folder), os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError("磁盘已满")
        real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    with pytest.raises(OSError):
        apply_import(folder, _plan(folder, catalogue, GOOD, {"D2": "已完成"}))
    monkeypatch.setattr(os, "replace", real)
    assert _snapshot(folder) == before and not list(folder.glob(".*.tmp"))

"""lib.entry.checks: one rule per check_*, each reporting sheet, Excel row and column in Chinese."""

from __future__ import annotations

import pytest

from lib.contract.problems import Problem
from lib.entry.importer import (
    has_errors,
)
from lib.entry.template import OBS_SHEET, QUAL_SHEET
from tests.entry.uploads import (
    GOOD,
    problems_of,
    where,
)


def test_validate_upload_accepts_untouched_template(catalogue):
    assert problems_of(catalogue, {}) == []


def test_validate_upload_accepts_good_rows(catalogue):
    assert not has_errors(problems_of(catalogue, GOOD))


def test_check_columns_reports_renamed_header(catalogue):
    problems = problems_of(catalogue, {"F1": "数值（%）", **GOOD})
    assert where(problems) == {(OBS_SHEET, 1, "数值")}
    assert (OBS_SHEET, 1, "数值（%）") in where(problems, errors_only=False)


def test_check_indicator_ids_reports_unknown_id(catalogue):
    problems = problems_of(catalogue, {**GOOD, "A3": "A9-G09-9"})
    assert where(problems) == {(OBS_SHEET, 3, "指标编号")} and "A9-G09-9" in problems[0].message


def test_check_indicator_kinds_reports_qualitative_id_in_numeric_sheet(catalogue):
    assert where(problems_of(catalogue, {**GOOD, "A3": "A1-G02-1"})) == {(OBS_SHEET, 3, "指标编号")}


def test_check_indicator_kinds_reports_numeric_id_in_qualitative_sheet(catalogue):
    problems = problems_of(catalogue, GOOD, {"A2": "A2-G01-1", "D2": "已完成"})
    assert where(problems) == {(QUAL_SHEET, 2, "指标编号")}


def test_check_indicator_names_warns_on_other_name(catalogue):
    problems = problems_of(catalogue, {**GOOD, "B3": "另一个名称"})
    assert not has_errors(problems) and (OBS_SHEET, 3, "指标名称") in where(problems, errors_only=False)


@pytest.mark.parametrize("year", [2030, "二〇二四", 2024.5])
def test_check_years_reports_year_outside_plan(catalogue, year):
    assert where(problems_of(catalogue, {**GOOD, "D3": year})) == {(OBS_SHEET, 3, "年份")}


def test_check_years_accepts_year_with_suffix(catalogue):
    assert not has_errors(problems_of(catalogue, {**GOOD, "D3": "2024年"}))


def test_check_numbers_refuses_text(catalogue):
    problems = problems_of(catalogue, {**GOOD, "F3": "约85"})
    assert where(problems) == {(OBS_SHEET, 3, "数值")} and "约85" in problems[0].message


def test_check_numbers_accepts_percent_sign_on_percent_unit(catalogue):
    assert not has_errors(problems_of(catalogue, {**GOOD, "F3": "85%"}))


def test_check_numbers_refuses_percent_sign_on_other_unit(catalogue):
    assert where(problems_of(catalogue, {**GOOD, "F2": "8%"})) == {(OBS_SHEET, 2, "数值")}


def test_check_missing_values_refuses_counts_without_value(catalogue):
    problems = problems_of(catalogue, {**GOOD, "F3": None, "G3": 853, "H3": 1000})
    assert where(problems) == {(OBS_SHEET, 3, "数值")} and "85.30" in problems[0].message


def test_check_missing_values_refuses_narrative_without_rating(catalogue):
    problems = problems_of(catalogue, GOOD, {"E2": "开展讲座"})
    assert where(problems) == {(QUAL_SHEET, 2, "评价")}


def test_check_ranges_refuses_percentage_above_100(catalogue):
    assert where(problems_of(catalogue, {**GOOD, "F3": 120})) == {(OBS_SHEET, 3, "数值")}


def test_check_ranges_refuses_negative_numbers(catalogue):
    assert where(problems_of(catalogue, {**GOOD, "F2": -1})) == {(OBS_SHEET, 2, "数值")}


def test_check_ratio_refuses_numerator_above_denominator(catalogue):
    problems = problems_of(catalogue, {**GOOD, "F3": 50, "G3": 12, "H3": 10})
    assert where(problems) == {(OBS_SHEET, 3, "分子")}


def test_check_ratio_refuses_value_inconsistent_with_counts(catalogue):
    problems = problems_of(catalogue, {**GOOD, "F2": 9.5, "G2": 3, "H2": 36585})
    assert where(problems) == {(OBS_SHEET, 2, "数值")} and "8.20" in problems[0].message


@pytest.mark.parametrize("value", [8.2, 8])
def test_check_ratio_allows_rounding(catalogue, value):
    assert not has_errors(problems_of(catalogue, {**GOOD, "F2": value, "G2": 3, "H2": 36585}))


def test_check_duplicates_reports_copied_row(catalogue):
    row = {"A11": "A2-G01-1", "D11": 2024, "F11": 80, "I11": "正式"}
    problems = problems_of(catalogue, {**GOOD, **row})
    assert where(problems) == {(OBS_SHEET, 11, None)} and "第3行" in problems[0].message


def test_check_duplicates_accepts_subgroup_rows(catalogue):
    row = {"A11": "A2-G01-1", "D11": 2024, "E11": "农村", "F11": 80, "I11": "正式"}
    assert not has_errors(problems_of(catalogue, {**GOOD, **row}))


def test_check_choices_refuses_unknown_data_status(catalogue):
    assert where(problems_of(catalogue, {**GOOD, "I3": "确定"})) == {(OBS_SHEET, 3, "数据状态")}


def test_check_choices_notes_blank_data_status(catalogue):
    problems = problems_of(catalogue, {**GOOD, "I3": None})
    assert not has_errors(problems) and (OBS_SHEET, 3, "数据状态") in where(problems, errors_only=False)


def test_check_choices_refuses_unknown_rating(catalogue):
    assert where(problems_of(catalogue, GOOD, {"D2": "良好"})) == {(QUAL_SHEET, 2, "评价")}


def test_problem_str_reads_sheet_row_column():
    assert str(Problem(OBS_SHEET, 5, "数值", "不是数字")) == "监测数据 第5行 〔数值〕：不是数字"


@pytest.mark.parametrize("typed", ["85,3", "1,5", "1,23,4"])
def test_check_numbers_refuses_ambiguous_comma(catalogue, typed):
    problems = problems_of(catalogue, {**GOOD, "F3": typed})
    assert where(problems) == {(OBS_SHEET, 3, "数值")} and "逗号无法确定是小数点还是千位分隔符" in problems[0].message


@pytest.mark.parametrize("typed,read", [("1,234", "1234"), ("８５.３", "85.3"), ("12,345.6", "12345.6")])
def test_check_number_forms_reads_with_a_note(catalogue, typed, read, folder):
    cells = {**GOOD, "G2": typed if "," in typed else None, "F3": typed if "," not in typed else 86.5}
    cells = {k: v for k, v in cells.items() if v is not None}
    problems = problems_of(catalogue, cells)
    notes = [p for p in problems if not p.is_error]
    assert f"按 {read} 读取" in " ".join(p.message for p in notes)


def test_check_number_forms_plain_number_has_no_note(catalogue):
    assert problems_of(catalogue, GOOD) == []

"""lib.entry.upload: reading a filled template within a fixed budget, every refusal in Chinese."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from lib.entry import upload
from lib.entry.importer import read_upload, validate_upload
from lib.entry.template import OBS_SHEET
from tests.entry.uploads import CSV_TEXT, GOOD, fill, where, workbook


def _save(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_read_upload_keeps_excel_row_numbers(catalogue):
    parsed = read_upload(fill(catalogue, {"F3": 86.5}), "x.xlsx")
    frame = parsed.sheets[OBS_SHEET]
    assert frame.loc[frame["指标编号"] == "A2-G01-1", "_row"].item() == 3
    assert frame.loc[frame["_row"] == 3, "数值"].item() == "86.5"


def test_read_upload_reads_percent_formatted_cell_as_percent(catalogue):
    wb = workbook(catalogue)
    wb[OBS_SHEET]["F3"] = 0.853
    wb[OBS_SHEET]["F3"].number_format = "0.0%"
    buffer = io.BytesIO()
    wb.save(buffer)
    frame = read_upload(buffer.getvalue(), "x.xlsx").sheets[OBS_SHEET]
    assert frame.loc[frame["_row"] == 3, "数值"].item() == "85.3%"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_read_upload_reads_csv_in_each_encoding(catalogue, encoding):
    parsed = read_upload(CSV_TEXT.encode(encoding), "监测数据.csv")
    assert validate_upload(parsed, catalogue[0]) == []
    assert parsed.sheets[OBS_SHEET].iloc[0][["指标编号", "数值", "备注"]].tolist() == ["A2-G01-1", "86.5", "备注"]


def test_read_upload_refuses_xls():
    problems = read_upload(b"old", "数据.xls").problems
    assert problems[0].source == "文件" and "另存为 .xlsx" in problems[0].message


def test_read_upload_reports_broken_xlsx():
    message = read_upload(b"not a zip", "x.xlsx").problems[0].message
    assert "不是有效的 Excel（.xlsx）文件" in message and "zip" not in message


def test_read_upload_reports_workbook_without_template_sheets():
    wb = openpyxl.Workbook()
    buffer = io.BytesIO()
    wb.save(buffer)
    assert "找不到工作表" in read_upload(buffer.getvalue(), "x.xlsx").problems[0].message


def test_read_upload_refuses_file_over_size_limit():
    problems = read_upload(b"x" * (upload.MAX_UPLOAD_BYTES + 1), "big.xlsx").problems
    assert "超过上限5 MB" in problems[0].message


def test_read_upload_refuses_zip_bomb_before_parsing(catalogue):
    buffer = io.BytesIO(fill(catalogue, GOOD))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b"0" * (upload.MAX_UNPACKED_BYTES + 1))
    data = buffer.getvalue()
    assert len(data) < 200_000  # tiny on disk, over the budget unpacked
    assert "解压后" in read_upload(data, "x.xlsx").problems[0].message


def test_read_upload_far_away_cell_is_cut_at_row_limit(catalogue):
    wb = workbook(catalogue)
    wb[OBS_SHEET]["XFD1048576"] = "远处"
    parsed = read_upload(_save(wb), "x.xlsx")
    assert any(f"数据超过{upload.MAX_ROWS}行" in p.message for p in parsed.problems)
    assert len(parsed.sheets[OBS_SHEET].columns) <= upload.MAX_COLUMNS + 1  # + the row number


def test_read_upload_formula_without_saved_result_names_its_cell(catalogue):
    wb = workbook(catalogue)
    wb[OBS_SHEET]["F3"] = "=80+6.5"  # openpyxl saves no computed value, like a file never opened in Excel
    problems = validate_upload(read_upload(_save(wb), "x.xlsx"), catalogue[0])
    assert ("监测数据", 3, "数值") in where(problems)
    assert any("请粘贴为数值" in p.message for p in problems)


def test_read_upload_strips_control_characters():
    text = CSV_TEXT.replace(",备注", ",备\x07注\x1b")  # openpyxl refuses to write these; a CSV carries them
    frame = read_upload(text.encode("utf-8"), "x.csv").sheets[OBS_SHEET]
    assert frame["备注"].tolist() == ["备注"]


def test_read_upload_refuses_over_long_text(catalogue):
    parsed = read_upload(fill(catalogue, {**GOOD, "K3": "长" * (upload.MAX_CELL_CHARS + 1)}), "x.xlsx")
    assert ("监测数据", 3, "备注") in where(list(parsed.problems))


def test_read_upload_csv_over_long_field_is_a_chinese_message():
    data = ('指标编号,数值\nA2-G01-1,"' + "x" * 200_000 + '"\n').encode("utf-8")
    message = read_upload(data, "x.csv").problems[0].message
    assert "无法按 CSV 读取" in message and "field" not in message


def test_read_upload_reads_template_year_and_department(catalogue):
    parsed = read_upload(_save(workbook(catalogue, year=2024, department="区卫生健康局")), "x.xlsx")
    assert (parsed.template_year, parsed.template_department) == (2024, "区卫生健康局")


def test_validate_upload_refuses_template_of_another_year(catalogue):
    parsed = read_upload(_save(workbook(catalogue, year=2024)), "x.xlsx")
    messages = [p.message for p in validate_upload(parsed, catalogue[0], year=2025)]
    assert any("这是2024年的填报模板，本次填报的是2025年" in m for m in messages)


def test_validate_upload_refuses_template_of_another_department(catalogue):
    parsed = read_upload(_save(workbook(catalogue, year=2024, department="区卫生健康局")), "x.xlsx")
    messages = [p.message for p in validate_upload(parsed, catalogue[0], year=2024, department="区教育和体育局")]
    assert any("“区卫生健康局”的填报模板" in m for m in messages)


def test_validate_upload_refuses_rows_of_another_year_in_csv(catalogue):
    parsed = read_upload(CSV_TEXT.encode("utf-8"), "监测数据.csv")
    problems = validate_upload(parsed, catalogue[0], year=2023)
    assert any(p.column == "年份" and "本次填报的是2023年" in p.message for p in problems)

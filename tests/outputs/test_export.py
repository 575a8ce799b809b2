"""lib.export: the downloaded bytes open in openpyxl and pandas and equal the frame shown."""
from __future__ import annotations

import io
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from lib import config
from lib.outputs.export import (
    ExportMeta,
    build_filename,
    filter_rows,
    text_width,
    to_csv_bytes,
    to_display_frame,
    to_full_workbook_bytes,
    to_xlsx_bytes,
)

WHEN = datetime(2025, 6, 30, 9, 15, 0)


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({
        "indicator_id": ["A1-G01-1", "A1-G02-1", "A1-G03-1"],
        "name": ["孕产妇死亡率", "住院分娩率", "妇女常见病筛查率"],
        "year": [2024, 2025, 2025],
        "value": [12.5, 99.25, 91.0],
        "lead_units": [["区卫生健康局"], ["区卫生健康局", "区妇联"], ["区医保局"]],
        "achievement_rate": [0.5, 0.75, 1.0],
        "data_status": ["正式", "初步", "正式"],
        "is_sample": [False, False, False],
    })


def read_xlsx(data: bytes, sheet: str | int = 0) -> pd.DataFrame:
    return pd.read_excel(io.BytesIO(data), sheet_name=sheet)


def meta(**kw) -> ExportMeta:
    return ExportMeta(**{"what": "健康领域指标", "year": 2025, "generated_at": WHEN, **kw})


def test_to_xlsx_bytes_round_trip_equals_display_frame(table):
    back = read_xlsx(to_xlsx_bytes(table, meta()))
    assert_frame_equal(back, to_display_frame(table), check_dtype=False)


def test_to_xlsx_bytes_keeps_chinese_headers_and_text(table):
    back = read_xlsx(to_xlsx_bytes(table, meta()))
    assert list(back.columns[:3]) == ["指标编号", "名称", "年份"]
    assert back.loc[1, "牵头单位"] == "区卫生健康局、区妇联"


def test_to_xlsx_bytes_opens_in_openpyxl_with_frozen_header(table):
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, meta())))
    assert wb.sheetnames == ["健康领域指标", "筛选条件"]
    assert wb["健康领域指标"].freeze_panes == "A2"
    assert wb["健康领域指标"]["A1"].font.bold


def test_to_xlsx_bytes_number_formats(table):
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, meta())))["健康领域指标"]
    headers = {c.value: c.column_letter for c in ws[1]}
    assert ws[f"{headers['达标率']}2"].number_format == "0.0%"
    assert ws[f"{headers['数值']}2"].number_format == "0.0#"
    assert ws[f"{headers['年份']}2"].number_format == "0"


def test_to_xlsx_bytes_cjk_columns_wider(table):
    ws = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(table, meta())))["健康领域指标"]
    headers = {c.value: c.column_letter for c in ws[1]}
    assert ws.column_dimensions[headers["名称"]].width >= text_width("妇女常见病筛查率")
    assert ws.column_dimensions[headers["名称"]].width > ws.column_dimensions[headers["年份"]].width


def test_text_width_counts_cjk_double():
    assert text_width("ab健康") == 6


def test_to_xlsx_bytes_filter_sheet_states_filters_year_status_time(table):
    sheet = read_xlsx(to_xlsx_bytes(table, meta(filters={"状态": "需加快"}, department="区卫生健康局")), "筛选条件")
    items = dict(zip(sheet["项目"], sheet["内容"]))
    assert items["内容"] == "健康领域指标"
    assert items["评估年度"] == "2025年"
    assert items["部门"] == "区卫生健康局"
    assert items["筛选：状态"] == "需加快"
    assert items["数据状态"] == "正式、初步"
    assert items["生成时间"] == "2025-06-30 09:15:00（北京时间）"
    assert "数据说明" not in items


def test_filter_rows_sample_label_when_sample_rows(table):
    sample = table.assign(is_sample=[False, True, False])
    items = dict(filter_rows(sample, meta()).values.tolist())
    assert items["数据说明"] == config.SAMPLE_LABEL


def test_filter_rows_sample_label_from_meta_without_column(table):
    items = dict(filter_rows(table.drop(columns="is_sample"), meta(has_sample=True)).values.tolist())
    assert items["数据说明"] == config.SAMPLE_LABEL


def test_filter_rows_unknown_data_status(table):
    items = dict(filter_rows(table.drop(columns="data_status"), meta()).values.tolist())
    assert items["数据状态"] == "未注明"


def test_to_csv_bytes_has_bom_and_round_trips(table):
    data = to_csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert_frame_equal(back, to_display_frame(table), check_dtype=False)


def test_to_display_frame_does_not_mutate_input(table):
    before = table.copy()
    to_display_frame(table)
    assert_frame_equal(table, before)


def test_to_display_frame_translates_kind_and_sample():
    df = pd.DataFrame({"name": ["有关行业主管部门"], "kind": ["group"], "is_sample": [True]})
    shown = to_display_frame(df)
    assert shown.iloc[0].tolist() == ["有关行业主管部门", "集体", "是"]


def test_build_filename_example():
    name = build_filename("健康", 2025, department="区卫生健康局")
    assert name == "博山区妇女发展监测_健康_2025年_区卫生健康局.xlsx"


def test_build_filename_strips_unsafe_characters():
    name = build_filename("指标/数据: 全部?", 2025, area="健康", ext="CSV")
    assert name == "博山区妇女发展监测_健康_指标数据全部_2025年.csv"


def catalogue_frames() -> dict[str, pd.DataFrame]:
    return {
        "areas": pd.DataFrame({"area_id": ["A1"], "seq": [1], "name": ["妇女与健康"], "short_name": ["健康"]}),
        "goals": pd.DataFrame({
            "goal_id": ["A1-G01"], "area_id": ["A1"], "seq": [1], "text": ["孕产妇死亡率控制在较低水平"],
            "lead_units": [["区卫生健康局"]], "responsible_units": [["区妇联", "区医保局"]],
        }),
        "measures": pd.DataFrame({"measure_id": ["A1-M01"], "area_id": ["A1"], "seq": [1], "title": ["t"], "text": ["x"]}),
        "departments": pd.DataFrame({
            "name": ["区卫生健康局", "有关行业主管部门"], "kind": ["department", "group"],
            "aliases": [["区卫健局"], []], "n_lead": [1, 0], "n_responsible": [0, 1],
        }),
        "indicators": pd.DataFrame({"indicator_id": ["A1-G01-1"], "name": ["孕产妇死亡率"], "target": [10.0]}),
    }


def full_workbook(**kw) -> bytes:
    obs = pd.DataFrame({"indicator_id": ["A1-G01-1"], "year": [2025], "value": [9.8],
                        "data_status": ["初步"], "is_sample": [True]})
    statuses = pd.DataFrame({"indicator_id": ["A1-G01-1"], "status": ["已达标"], "warnings": [["数据缺报"]]})
    return to_full_workbook_bytes(catalogue_frames(), obs, statuses, 2025, meta(what="完整数据导出"))


def test_to_full_workbook_bytes_sheets():
    wb = openpyxl.load_workbook(io.BytesIO(full_workbook()))
    assert wb.sheetnames == ["发展领域", "主要目标", "策略措施", "部门", "指标", "监测数据", "评估状态（2025年）", "说明"]


def test_to_full_workbook_bytes_joins_lists_with_chinese_headers():
    goals = read_xlsx(full_workbook(), "主要目标")
    assert goals.loc[0, "责任单位"] == "区妇联、区医保局"
    assert read_xlsx(full_workbook(), "评估状态（2025年）").loc[0, "预警"] == "数据缺报"


def test_to_full_workbook_bytes_notes_label_sample_and_status():
    items = dict(read_xlsx(full_workbook(), "说明").values.tolist())
    assert items["数据说明"] == config.SAMPLE_LABEL
    assert items["数据状态"] == "初步"
    assert items["评估年度"] == "2025年"


def test_to_full_workbook_bytes_missing_table_message():
    tables = catalogue_frames()
    del tables["measures"]
    with pytest.raises(ValueError, match="策略措施（measures）"):
        to_full_workbook_bytes(tables, pd.DataFrame(), pd.DataFrame(), 2025, meta())

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
    safe_text,
    split_csv,
    text_width,
    to_csv_bytes,
    to_display_frame,
    to_full_workbook_bytes,
    to_xlsx_bytes,
)
from lib.outputs.export_frames import observations_export, with_raw_values

WHEN = datetime(2025, 6, 30, 9, 15, 0)


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1", "A1-G02-1", "A1-G03-1"],
            "name": ["孕产妇死亡率", "住院分娩率", "妇女常见病筛查率"],
            "year": [2024, 2025, 2025],
            "value": [12.5, 99.25, 91.0],
            "lead_units": [["区卫生健康局"], ["区卫生健康局", "区妇联"], ["区医保局"]],
            "achievement_rate": [0.5, 0.75, 1.0],
            "data_status": ["正式", "初步", "正式"],
            "is_sample": [False, False, False],
        }
    )


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
    assert ws[f"{headers['达标率（%）']}2"].number_format == "0.0"
    assert ws[f"{headers['达标率（%）']}2"].value == 50.0
    assert ws[f"{headers['数值']}2"].number_format == "0.0"
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


def test_to_csv_bytes_with_meta_notes_follow_the_table(table):
    data = to_csv_bytes(table.assign(is_sample=[False, True, False]), meta(filters={"状态": "倒退"}))
    body, notes = split_csv(data)
    assert_frame_equal(
        pd.read_csv(io.StringIO(body)),
        to_display_frame(table.assign(is_sample=[False, True, False])),
        check_dtype=False,
    )
    items = dict(pd.read_csv(io.StringIO(notes), header=None).values.tolist())
    assert items["评估年度"] == "2025年" and items["筛选：状态"] == "倒退" and items["数据说明"] == config.SAMPLE_LABEL


# ---------------------------------------------------------------- numbers, units, formulas

VALUES = pd.DataFrame(
    {
        "indicator_id": ["A1-G01-1", "A1-G02-1", "A5-G01-1"],
        "指标": ["孕产妇死亡率", "住院分娩率", "女性厕位与男性厕位之比"],
        "目标值": ["≤8.2/10万", "≥99.0%", "约3：2"],
        "基期值": ["12.0/10万", "98.5%", "14：9"],
        "最新值": ["8.1/10万", "99.3%", "3：2"],
        "最新年份": ["2024年", "2025年", "—"],
        "状态": ["已达标", "已达标", "数据不足"],
    }
)
RAW = pd.DataFrame(
    {
        "indicator_id": ["A1-G01-1", "A1-G02-1", "A5-G01-1"],
        "op": ["<=", ">=", "≈"],
        "target": [8.2, 99.0, 1.5],
        "unit": ["1/10万", "%", "比例"],
        "base_value": [12.0, 98.5, 1.56],
        "base_year": [2020, 2020, 2020],
        "latest_value": [8.14, 99.25, None],
        "latest_year": [2024.0, 2025.0, None],
    }
)


def _cells(data: bytes, sheet: int = 0) -> tuple[dict[str, int], list[tuple]]:
    ws = openpyxl.load_workbook(io.BytesIO(data)).worksheets[sheet]
    rows = list(ws.iter_rows(values_only=False))
    return {c.value: i for i, c in enumerate(rows[0])}, rows[1:]


def test_with_raw_values_numbers_op_and_unit_column():
    out = with_raw_values(VALUES, RAW)
    assert list(out.columns) == [
        "指标编号",
        "指标",
        "比较方式",
        "目标值",
        "基期值",
        "最新值",
        "单位",
        "最新年份",
        "状态",
    ]
    assert out["最新值"].tolist()[:2] == [8.14, 99.25] and pd.isna(out.loc[2, "最新值"])
    assert out["比较方式"].tolist() == ["≤", "≥", "约"]
    assert out["单位"].tolist() == ["1/10万", "%", "比例"]
    assert out["最新年份"].tolist()[:2] == [2024, 2025]


def test_every_cell_of_a_numeric_column_is_numeric_with_a_format():
    headers, rows = _cells(to_xlsx_bytes(with_raw_values(VALUES, RAW), meta()))
    for name in ("目标值", "基期值", "最新值", "最新年份"):
        cells = [r[headers[name]] for r in rows]
        assert all(c.value is None or isinstance(c.value, (int, float)) for c in cells), name
        assert all(c.number_format != "General" for c in cells if c.value is not None), name
    formats = [r[headers["基期值"]].number_format for r in rows]
    assert formats == ["0.0", "0.0", "0.00"]  # the row's unit: rates one decimal, ratios two


def test_unit_in_header_when_given():
    frame = pd.DataFrame({"部门": ["区妇联"], "健康": [66.7]})
    headers, rows = _cells(to_xlsx_bytes(frame, meta(units={"健康": "%"})))
    assert "健康（%）" in headers and rows[0][headers["健康（%）"]].value == 66.7
    assert rows[0][headers["健康（%）"]].number_format == "0.0"


def test_observations_export_unit_in_header():
    obs = pd.DataFrame(
        {
            "indicator_id": ["X", "X", "X"],
            "year": [2021, 2020, 2021],
            "subgroup": [None, None, "农村"],
            "value": [81.25, 80.0, 79.0],
            "numerator": [None, 800.0, None],
            "denominator": [None, 1000.0, None],
            "data_status": ["初步", "正式", "初步"],
            "source": ["区统计局"] * 3,
            "note": [None, "", ""],
            "is_sample": [True, True, True],
        }
    )
    out = observations_export(obs, "X", 2025, "%")
    assert out["年份"].tolist() == [2020, 2021, 2021] and out["分组"].tolist() == ["合计", "合计", "农村"]
    assert out["数值（%）"].tolist() == [80.0, 81.25, 79.0]
    headers, rows = _cells(to_xlsx_bytes(out, meta()))
    assert all(isinstance(r[headers["数值（%）"]].value, (int, float)) for r in rows)


def test_year_text_columns_become_numbers():
    frame = pd.DataFrame({"指标": ["a", "b"], "最近有数年份": ["2023年", "—"]})
    shown = to_display_frame(frame)
    assert shown["最近有数年份"].tolist()[0] == 2023 and pd.isna(shown["最近有数年份"].iloc[1])


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1:A3)", "-2+3", "@cmd", '=HYPERLINK("http://x")'])
def test_formula_start_is_quoted_in_excel_and_csv(text):
    frame = pd.DataFrame({"备注": [text], "数值": [1.0]})
    headers, rows = _cells(to_xlsx_bytes(frame, meta()))
    cell = rows[0][headers["备注"]]
    assert cell.data_type == "s" and cell.value == "'" + text
    back = pd.read_csv(io.StringIO(split_csv(to_csv_bytes(frame))[0]))
    assert back.loc[0, "备注"] == "'" + text


def test_control_characters_are_stripped():
    assert safe_text("区\x00统计\x07局\t\r\n备注") == "区统计局\n备注"
    assert safe_text("\t=1") == "'=1"  # a hidden tab does not smuggle a formula through
    assert safe_text(12.5) == 12.5


def test_list_cells_are_made_safe_too():
    shown = to_display_frame(pd.DataFrame({"lead_units": [["=cmd", "区妇联"]]}))
    assert shown.iloc[0, 0] == "'=cmd、区妇联"


def test_filter_sheet_states_data_year_and_status():
    items = dict(filter_rows(pd.DataFrame({"a": [1]}), meta(data_year=2024, data_status=("初步",))).values.tolist())
    assert items["数据截至"] == "2024年" and items["数据状态"] == "初步"


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
        "goals": pd.DataFrame(
            {
                "goal_id": ["A1-G01"],
                "area_id": ["A1"],
                "seq": [1],
                "text": ["孕产妇死亡率控制在较低水平"],
                "lead_units": [["区卫生健康局"]],
                "responsible_units": [["区妇联", "区医保局"]],
            }
        ),
        "measures": pd.DataFrame(
            {"measure_id": ["A1-M01"], "area_id": ["A1"], "seq": [1], "title": ["t"], "text": ["x"]}
        ),
        "departments": pd.DataFrame(
            {
                "name": ["区卫生健康局", "有关行业主管部门"],
                "kind": ["department", "group"],
                "aliases": [["区卫健局"], []],
                "n_lead": [1, 0],
                "n_responsible": [0, 1],
            }
        ),
        "indicators": pd.DataFrame({"indicator_id": ["A1-G01-1"], "name": ["孕产妇死亡率"], "target": [10.0]}),
    }


def full_workbook(**kw) -> bytes:
    obs = pd.DataFrame(
        {"indicator_id": ["A1-G01-1"], "year": [2025], "value": [9.8], "data_status": ["初步"], "is_sample": [True]}
    )
    statuses = pd.DataFrame({"indicator_id": ["A1-G01-1"], "status": ["已达标"], "warnings": [["数据缺报"]]})
    return to_full_workbook_bytes(catalogue_frames(), obs, statuses, 2025, meta(what="完整数据导出"))


def test_to_full_workbook_bytes_sheets():
    wb = openpyxl.load_workbook(io.BytesIO(full_workbook()))
    assert wb.sheetnames == [
        "发展领域",
        "主要目标",
        "策略措施",
        "部门",
        "指标",
        "监测数据",
        "评估状态（2025年）",
        "说明",
    ]


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

"""The yearly data template, built as an .xlsx (reading a filled one back: lib.entry.upload).

Pure: no streamlit. The 填报说明 sheet names the template's year and department
(META_YEAR, META_DEPARTMENT), so that an upload of another year's or department's
template can be refused saying which.
"""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from lib import config
from lib.outputs.export import style_header, text_width
from lib.presentation.roles import ALL, indicator_units, select_indicator_ids, sort_departments

OBS_SHEET = "监测数据"
QUAL_SHEET = "定性评价"
GUIDE_SHEET = "填报说明"
ROW = "_row"  # the Excel row number of a read row, as the user sees it
OBS_HEADERS = ("指标编号", "指标名称", "单位", "年份", "分组", "数值", "分子", "分母", "数据状态", "报送单位", "备注")
QUAL_HEADERS = ("指标编号", "指标名称", "年份", "评价", "情况说明", "报送单位")
SHEET_HEADERS = {OBS_SHEET: OBS_HEADERS, QUAL_SHEET: QUAL_HEADERS}
VALIDATION_ROWS = 2000  # drop-downs cover this many rows, so copied subgroup rows keep them
WIDE_COLUMNS = {"指标名称": 36, "备注": 30, "情况说明": 50, "报送单位": 18}
FILENAME_PREFIX = f"{config.REGION}妇女发展监测数据填报模板"
META_YEAR, META_DEPARTMENT = "填报年度", "填报单位"
ALL_UNITS = "全部单位"


# ---------------------------------------------------------------- building


def template_indicators(
    indicators: pd.DataFrame, goals: pd.DataFrame, department: str | None, accountable: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Indicators the department answers for (lead or responsible; measure targets by their accountable
    department), or all, with the lead unit as reporter. Reads the one department map (lib.presentation.roles)."""
    out = indicators.copy()
    leads = indicator_units(indicators, goals, accountable)["lead_units"].tolist()
    out["reporter"] = [department if department in lead else (lead[0] if lead else "") for lead in leads]
    if department is not None:
        out = out[out["indicator_id"].isin(select_indicator_ids(indicators, goals, department, ALL, accountable))]
    return out.reset_index(drop=True)


def goal_units(goals: pd.DataFrame) -> set[str]:
    """Every unit named as lead or responsible on some goal."""
    return {u for col in ("lead_units", "responsible_units") for units in goals[col] for u in units}


def reporting_units(goals: pd.DataFrame, departments: pd.DataFrame) -> list[str]:
    """Departments (not collective entries) that lead or share a goal, in plan order: the template choices."""
    if departments.empty:
        return []
    names = departments.loc[departments["kind"] == "department", "name"]
    return sort_departments(sorted(set(names) & goal_units(goals)), departments, goals)


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and np.isnan(value)) else str(value)


def _format_sheet(ws: Worksheet, headers: tuple[str, ...]) -> None:
    """The exports' sheet style (lib.outputs.export.style_header); widths from the longest cell, or WIDE_COLUMNS."""
    widths = []
    for idx, name in enumerate(headers, start=1):
        column = ws[get_column_letter(idx)][1:300]
        widths.append(WIDE_COLUMNS.get(name, max([text_width(name)] + [text_width(c.value or "") for c in column]) + 2))
    style_header(ws, widths)


def _add_dropdown(ws: Worksheet, header: str, headers: tuple[str, ...], values: tuple[str, ...]) -> None:
    letter = get_column_letter(headers.index(header) + 1)
    rule = DataValidation(
        type="list",
        formula1='"' + ",".join(values) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="无效选项",
        error=f"请选择：{'、'.join(values)}",
    )
    rule.add(f"{letter}2:{letter}{VALIDATION_ROWS}")
    ws.add_data_validation(rule)


def _fill_sheet(ws: Worksheet, headers: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    ws.append(list(headers))
    for row in rows:
        ws.append([row.get(h, "") for h in headers])


def guide_rows(year: int, department: str | None) -> list[tuple[str, str]]:
    """The 填报说明 sheet: what to fill and how the import judges it."""
    years = f"{config.BASE_YEAR}—{config.TARGET_YEAR}"
    return [
        (META_YEAR, str(year)),
        (META_DEPARTMENT, department or ALL_UNITS),
        ("适用范围", f"{config.PLAN_TITLE}监测数据，{year}年，{department or '全部单位'}。"),
        ("填写范围", "只填写本单位掌握的数据。“数值”为空的行不导入，也不算错误，可以保留或删除。"),
        (
            "单位",
            "按“单位”列填写，数值中不要写单位或文字（“约85”不能导入）。单位为%的可写 85.3 或 85.3%；"
            "“1/10万”填每10万人（活产）中的数，如 8.2。",
        ),
        (
            "分子、分母",
            "率类指标有原始计数时请同时填写，如孕产妇死亡数和活产数。系统核对 数值 ≈ 分子÷分母×100"
            "（%）或 ×100000（1/10万），允许四舍五入误差；分子不能大于分母。"
            "只填分子、分母而未填数值的行不能导入，提示中会给出按分子、分母计算的数值，请核对后填入“数值”。",
        ),
        (
            "分组",
            "空白表示全区合计。报送城镇/农村、年龄组等分组数据时，复制该指标的一行粘贴在下方，"
            "在“分组”填写组名（如 城镇、农村）。同一指标、年份、分组只能有一行。",
        ),
        ("年份", f"{years}之间的整数年份，已按模板年度预填。"),
        (
            "数据状态",
            "初步：统计快报或尚未最终核定的数据，核定后可再次报送正式数据替换；"
            "正式：经统计部门核定或已公开发布的数据。未填写的按“初步”导入。",
        ),
        (
            "定性评价",
            "定性目标每年一个评价：已完成、进展顺利、进展缓慢、未开展（下拉选择），"
            "并在“情况说明”中写明开展的主要工作。",
        ),
        ("请勿修改", "请勿修改表头、删除列或改动指标编号；可以删除不需要的行。"),
        (
            "导入",
            "在看板“数据填报”页面上传本文件（或由管理员运行 python -m lib import --file 文件）。"
            "有任何错误时不会写入数据，请按提示的工作表、行号和列修改后重新上传。"
            "已有数据按 指标编号＋年份＋分组 替换（含示例数据），替换前自动备份原数据。"
            "导入的数据标为正式报送数据，不再标“示例数据”。",
        ),
    ]


def build_template_bytes(
    indicators: pd.DataFrame, goals: pd.DataFrame, year: int, department: str | None = None
) -> bytes:
    """The .xlsx template: 监测数据 (numeric indicators), 定性评价 (qualitative), 填报说明."""
    if year not in range(config.BASE_YEAR, config.TARGET_YEAR + 1):
        raise ValueError(f"模板年度应为 {config.BASE_YEAR}—{config.TARGET_YEAR} 之间的年份，收到 {year}")
    if department is not None and department not in goal_units(goals):
        raise ValueError(f"“{department}”不是规划中列出的牵头单位或责任单位")
    chosen = template_indicators(indicators, goals, department)
    numeric = chosen[chosen["kind"].isin([config.KIND_TARGET, config.KIND_DIRECTION])]
    qualitative = chosen[chosen["kind"] == config.KIND_QUALITATIVE]
    wb = Workbook()
    obs = wb.active
    obs.title = OBS_SHEET
    _fill_sheet(
        obs,
        OBS_HEADERS,
        [
            {
                "指标编号": r.indicator_id,
                "指标名称": r.name,
                "单位": _text(r.unit),
                "年份": year,
                "报送单位": r.reporter,
            }
            for r in numeric.itertuples()
        ],
    )
    _add_dropdown(obs, "数据状态", OBS_HEADERS, (config.DATA_STATUS_PRELIMINARY, config.DATA_STATUS_FINAL))
    qual = wb.create_sheet(QUAL_SHEET)
    _fill_sheet(
        qual,
        QUAL_HEADERS,
        [
            {"指标编号": r.indicator_id, "指标名称": r.name, "年份": year, "报送单位": r.reporter}
            for r in qualitative.itertuples()
        ],
    )
    _add_dropdown(qual, "评价", QUAL_HEADERS, config.RATINGS)
    guide = wb.create_sheet(GUIDE_SHEET)
    _fill_sheet(guide, ("项目", "说明"), [{"项目": k, "说明": v} for k, v in guide_rows(year, department)])
    for ws, headers in ((obs, OBS_HEADERS), (qual, QUAL_HEADERS)):
        _format_sheet(ws, headers)
    _format_sheet(guide, ("项目", "说明"))
    guide.column_dimensions["B"].width = 100
    for row in guide.iter_rows(min_row=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_filename(year: int, department: str | None = None) -> str:
    """博山区妇女发展监测数据填报模板_2025年_区卫生健康局.xlsx (全部单位 without a department)."""
    safe = re.sub(r"[\\/:*?\"<>|\s]+", "", department or "全部单位")
    return f"{FILENAME_PREFIX}_{year}年_{safe}.xlsx"

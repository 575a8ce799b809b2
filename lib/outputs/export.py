"""Downloads as bytes: Excel with a filter sheet, CSV with BOM, the full workbook, file names.

Pure: no streamlit. Every function takes the frame to export (the rows shown on screen, with raw
numbers instead of formatted text: lib/outputs/export_frames.py) and returns bytes. Numbers stay
numbers with an Excel number format; units sit in the header (最新值（%）) or in a 单位 column.
Text cells never start a formula (= + - @ get a leading apostrophe) and carry no control characters.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np
import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from lib import config

FILENAME_PREFIX = f"{config.REGION}妇女发展监测"
BEIJING = timezone(timedelta(hours=8))  # generation times are stated in Beijing time, not the server's
FILTER_SHEET = "筛选条件"
LIST_JOIN = "、"
MIN_WIDTH, MAX_WIDTH = 6, 60
FLOAT_FORMAT = "0.0"
INT_FORMAT = "0"
UNIT_COLUMN = "单位"
# Excel number format of a value by its unit (in the 单位 column or the header)
UNIT_FORMATS: dict[str, str] = {"%": "0.0", "1/10万": "0.0", "比例": "0.00"}
COUNT_FORMAT = "#,##0"
FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # every C0 control but the line feed
_HEADER_UNIT = re.compile(r"（([^（）]+)）$")

# English column names of the data contract -> Chinese headers
COLUMN_LABELS: dict[str, str] = {
    "area_id": "领域编号",
    "area": "发展领域",
    "area_name": "发展领域",
    "short_name": "简称",
    "seq": "序号",
    "name": "名称",
    "title": "标题",
    "text": "内容",
    "quote": "规划原文",
    "goal_id": "目标编号",
    "goal_text": "目标",
    "measure_id": "措施编号",
    "lead_units": "牵头单位",
    "responsible_units": "责任单位",
    "aliases": "别名",
    "kind": "类型",
    "n_lead": "牵头目标数",
    "n_responsible": "责任目标数",
    "indicator_id": "指标编号",
    "indicator_name": "指标名称",
    "unit": "单位",
    "op": "比较方式",
    "target": "目标值",
    "target_year": "目标年份",
    "region": "地区",
    "year": "年份",
    "period": "时期",
    "subgroup": "分组",
    "value": "数值",
    "numerator": "分子",
    "denominator": "分母",
    "data_status": "数据状态",
    "source": "报送单位",
    "note": "备注",
    "is_sample": "示例数据",
    "rating": "评价",
    "narrative": "进展说明",
    "department": "部门",
    "role": "角色",
    "status": "状态",
    "base_year": "基期年份",
    "base_value": "基期值",
    "latest_year": "最新年份",
    "latest_value": "最新值",
    "actual_change": "实际变化",
    "required_change": "应有变化",
    "ratio": "进展比",
    "method": "判断方法",
    "projected": "2025年预测值",
    "explanation": "判断依据",
    "warnings": "预警",
    "warning_severity": "预警等级",
    "reason": "预警原因",
    "n_indicators": "指标数",
    "n_with_target": "有目标值指标数",
    "n_met": "已达标数",
    "achievement_rate": "达标率",
    "n_warnings": "预警数",
    "worst": "需关注指标",
    "n_goals": "目标数",
    "share_on_track": "进展正常占比",
    "indicator_zh": "发布名称",
    "source_url": "来源网址",
}
VALUE_LABELS: dict[str, dict[object, str]] = {
    "kind": {
        config.KIND_TARGET: "定量目标",
        config.KIND_DIRECTION: "方向性目标",
        config.KIND_QUALITATIVE: "定性目标",
        "department": "部门",
        "group": "集体",
    },
    "method": {
        "cagr": "年均增速",
        "linear": "线性",
        "band": "区间",
        "direction": "方向",
        "rating": "评价",
        "final": "终期评估",
    },
    "is_sample": {True: "是", False: "否"},
}
# columns holding a share between 0 and 1: exported as percentage points with （%） in the header
PERCENT_COLUMNS = frozenset({"achievement_rate", "share_on_track", "达标率", "进展正常占比"})
PERCENT_HEADER = "（%）"
DATA_STATUS_COLUMNS = ("data_status", "数据状态")
SAMPLE_COLUMNS = ("is_sample", "示例数据")


@dataclass(frozen=True)
class ExportMeta:
    """What a download is about: stated on the filter sheet of the workbook."""

    what: str
    year: int | None = None
    area: str | None = None
    department: str | None = None
    filters: Mapping[str, str] = field(default_factory=dict)
    data_status: tuple[str, ...] = ()  # statuses behind the rows when the frame has no such column
    has_sample: bool = False  # sample rows behind the frame even when it has no is_sample column
    generated_at: datetime | None = None
    data_year: int | None = None  # 数据截至: the latest year with data, as the page states it
    units: Mapping[str, str] = field(default_factory=dict)  # shown column -> unit put into its header


# ---------------------------------------------------------------- frames


def _join_list(value: object) -> object:
    if isinstance(value, (list, tuple, np.ndarray)):
        return LIST_JOIN.join(str(v) for v in value)
    return value


def _translate_column(series: pd.Series) -> pd.Series:
    labels = VALUE_LABELS.get(str(series.name))
    if labels is None:
        return series
    return series.map(lambda v: labels.get(v, v) if not _is_missing(v) else v)


def _is_text(series: pd.Series) -> bool:
    """Object or string dtype (pandas 3 gives text columns the str dtype)."""
    return series.dtype == object or pd.api.types.is_string_dtype(series)


def _is_missing(value: object) -> bool:
    return not isinstance(value, (list, tuple, np.ndarray)) and bool(pd.isna(value))


def safe_text(value: object) -> object:
    """A text cell that opens as text: control characters removed, a leading = + - @ quoted with '."""
    if not isinstance(value, str):
        return value
    text = _CONTROL.sub("", value)
    return "'" + text if text.startswith(FORMULA_START) else text


_YEAR_TEXT = re.compile(r"^(\d{4})年$")


def _year_numbers(series: pd.Series) -> pd.Series:
    """A 年份 column written as 2024年 / — becomes whole numbers (missing stays empty)."""
    if not _is_text(series) or not str(series.name).endswith("年份"):
        return series
    texts = series.dropna().astype(str)
    if texts.empty or not texts.map(lambda t: bool(_YEAR_TEXT.match(t)) or t == "—").all():
        return series
    return series.map(lambda v: int(v[:4]) if isinstance(v, str) and _YEAR_TEXT.match(v) else pd.NA).astype("Int64")


def _header(name: str, original: str, units: Mapping[str, str]) -> str:
    label = COLUMN_LABELS.get(original, original)
    if original in PERCENT_COLUMNS or label in PERCENT_COLUMNS:
        return label + PERCENT_HEADER
    unit = units.get(original) or units.get(label)
    return f"{label}（{unit}）" if unit and not label.endswith(f"（{unit}）") else label


def to_display_frame(df: pd.DataFrame, units: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Chinese headers (with units) and values, list cells joined with 、, texts made safe; numbers stay numbers."""
    out = df.copy()
    for col in out.columns:
        if _is_text(out[col]):
            out[col] = out[col].map(_join_list).map(safe_text)
        out[col] = _year_numbers(_translate_column(out[col]))
        if str(col) in PERCENT_COLUMNS and pd.api.types.is_numeric_dtype(out[col]):
            out[col] = out[col].astype("float64") * 100
    return out.rename(columns=lambda c: _header(str(c), str(c), units or {}))


def rows_data_status(df: pd.DataFrame, extra: tuple[str, ...] = ()) -> list[str]:
    """The data statuses (初步/正式) of the rows, in a fixed order."""
    found = set(extra)
    for col in DATA_STATUS_COLUMNS:
        if col in df.columns:
            found |= {str(v) for v in df[col].dropna().unique()}
    order = [config.DATA_STATUS_FINAL, config.DATA_STATUS_PRELIMINARY]
    return [s for s in order if s in found] + sorted(found - set(order))


def rows_include_sample(df: pd.DataFrame) -> bool:
    """Whether any row is sample data (is_sample true, or 是 in the Chinese column)."""
    for col in SAMPLE_COLUMNS:
        if col in df.columns and df[col].isin([True, "是"]).any():
            return True
    return False


# ---------------------------------------------------------------- CSV


def to_csv_bytes(df: pd.DataFrame, meta: ExportMeta | None = None) -> bytes:
    """CSV in UTF-8 with BOM so that Excel opens Chinese text correctly; same headers and cells as the Excel.

    With `meta`, the 筛选条件 rows (filters, year, data status, sample label) follow the table after one
    empty line, as the notes under a statistical table: read the table with `nrows` or up to the blank line.
    """
    table = to_display_frame(df, meta.units if meta else None).to_csv(index=False)
    if meta is None:
        return table.encode("utf-8-sig")
    notes = to_display_frame(filter_rows(df, meta)).to_csv(index=False, header=False)
    return (table + "\n" + notes).encode("utf-8-sig")


def split_csv(data: bytes) -> tuple[str, str]:
    """The table and the notes of a CSV written by to_csv_bytes (notes '' when there are none)."""
    text = data.decode("utf-8-sig")
    table, _, notes = text.partition("\n\n")
    return table + "\n", notes


# ---------------------------------------------------------------- Excel


def text_width(text: object) -> int:
    """Display width: CJK and full-width characters count double."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(text))


def unit_format(unit: object) -> str:
    """The Excel number format of a value in `unit`: 0.0 for rates, 0.00 for ratios, #,##0 for head counts."""
    if not isinstance(unit, str) or not unit:
        return FLOAT_FORMAT
    if unit in UNIT_FORMATS:
        return UNIT_FORMATS[unit]
    return COUNT_FORMAT if unit in ("人", "名", "所", "个", "家", "次", "户", "项") else FLOAT_FORMAT


def _column_format(name: str, series: pd.Series) -> str | None:
    if pd.api.types.is_bool_dtype(series):
        return None
    if pd.api.types.is_integer_dtype(series):
        return INT_FORMAT
    if pd.api.types.is_float_dtype(series):
        if "年份" in name:
            return INT_FORMAT
        unit = _HEADER_UNIT.search(name)
        return unit_format(unit.group(1)) if unit else FLOAT_FORMAT
    return None


def _apply_formats(ws: Worksheet, shown: pd.DataFrame) -> None:
    """Number formats per column; a float column without unit in its header follows the row's 单位."""
    row_units = shown[UNIT_COLUMN].tolist() if UNIT_COLUMN in shown.columns else None
    for idx, name in enumerate(shown.columns, start=1):
        fmt = _column_format(str(name), shown[name])
        if fmt is None:
            continue
        per_row = row_units is not None and pd.api.types.is_float_dtype(shown[name]) and fmt == FLOAT_FORMAT
        for offset, row in enumerate(ws.iter_rows(min_row=2, min_col=idx, max_col=idx, max_row=len(shown) + 1)):
            row[0].number_format = unit_format(row_units[offset]) if per_row else fmt


HEADER_FILL = "E9ECEF"


def style_header(ws: Worksheet, widths: Sequence[float]) -> None:
    """The one sheet style of every workbook we write: frozen bold shaded header row, the given column widths
    (clamped to MIN_WIDTH–MAX_WIDTH). Used by the exports here and by the data template (lib.entry.template)."""
    ws.freeze_panes = "A2"
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for idx, width in enumerate(widths, start=1):
        cell = ws.cell(row=1, column=idx)
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(vertical="center", wrap_text=False)
        ws.column_dimensions[cell.column_letter].width = min(max(width, MIN_WIDTH), MAX_WIDTH)


def _format_sheet(ws: Worksheet, shown: pd.DataFrame) -> None:
    """Frozen bold header, widths from the longest cell, number formats per column."""
    style_header(
        ws,
        [
            max(text_width(v) for v in [name, *shown[name].dropna().astype(str).head(500).tolist()]) + 2
            for name in shown
        ],
    )
    _apply_formats(ws, shown)
    if ws.max_row > 1:
        ws.auto_filter.ref = ws.dimensions


def filter_rows(df: pd.DataFrame, meta: ExportMeta) -> pd.DataFrame:
    """The rows of the 筛选条件 sheet: what, where, when, filters, data status, sample label."""
    when = meta.generated_at or datetime.now(BEIJING)
    statuses = rows_data_status(df, meta.data_status)
    rows = [("内容", meta.what), ("地区", config.REGION)]
    rows += [("评估年度", f"{meta.year}年")] if meta.year else []
    rows += [("发展领域", meta.area)] if meta.area else []
    rows += [("部门", meta.department)] if meta.department else []
    rows += [(f"筛选：{k}", str(v)) for k, v in meta.filters.items()]
    rows += [("数据截至", f"{meta.data_year}年")] if meta.data_year else []
    rows += [
        ("数据状态", LIST_JOIN.join(statuses) if statuses else "未注明"),
        ("行数", str(len(df))),
        ("生成时间", when.strftime("%Y-%m-%d %H:%M:%S") + "（北京时间）"),
    ]
    if meta.has_sample or rows_include_sample(df):
        rows += [("数据说明", config.SAMPLE_LABEL), ("示例数据说明", config.SAMPLE_NOTE)]
    return pd.DataFrame(rows, columns=["项目", "内容"])


def sheet_title(text: str, fallback: str = "数据") -> str:
    """An Excel sheet name: no []:*?/\\ and at most 31 characters."""
    cleaned = re.sub(r"[\[\]:*?/\\]", "", text).strip()[:31]
    return cleaned or fallback


def _write_sheet(writer: pd.ExcelWriter, df: pd.DataFrame, name: str, units: Mapping[str, str] | None = None) -> None:
    shown = to_display_frame(df, units)
    shown.to_excel(writer, sheet_name=name, index=False)
    _format_sheet(writer.sheets[name], shown)


def to_xlsx_bytes(df: pd.DataFrame, meta: ExportMeta) -> bytes:
    """The frame as an Excel workbook, with a second sheet stating the filters."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        name = sheet_title(meta.what)
        name = name if name != FILTER_SHEET else "数据"
        _write_sheet(writer, df, name, meta.units)
        _write_sheet(writer, filter_rows(df, meta), FILTER_SHEET)
    return buffer.getvalue()


FULL_SHEETS = (
    ("areas", "发展领域"),
    ("goals", "主要目标"),
    ("measures", "策略措施"),
    ("departments", "部门"),
    ("indicators", "指标"),
)


def notes_rows(observations: pd.DataFrame, statuses: pd.DataFrame, year: int, meta: ExportMeta) -> pd.DataFrame:
    """The 说明 sheet of the full workbook."""
    sample = meta.has_sample or rows_include_sample(observations) or rows_include_sample(statuses)
    base = filter_rows(
        observations,
        ExportMeta(
            what=meta.what,
            year=year,
            filters=meta.filters,
            data_status=meta.data_status,
            has_sample=sample,
            generated_at=meta.generated_at,
            data_year=meta.data_year,
        ),
    )
    head = pd.DataFrame([("规划", config.PLAN_TITLE)], columns=["项目", "内容"])
    sheets = "、".join([label for _, label in FULL_SHEETS] + ["监测数据", f"评估状态（{year}年）"])
    tail = pd.DataFrame([("工作表", sheets), ("评估状态行数", str(len(statuses)))], columns=["项目", "内容"])
    rows = pd.concat([head, base, tail], ignore_index=True)
    return rows[rows["项目"] != "行数"].reset_index(drop=True)


def to_full_workbook_bytes(
    catalogue: Mapping[str, pd.DataFrame],
    observations: pd.DataFrame,
    statuses: pd.DataFrame,
    year: int,
    meta: ExportMeta,
) -> bytes:
    """One workbook: the catalogue tables, all observations, the statuses of `year`, notes.

    `catalogue` maps table names (areas, goals, measures, departments, indicators) to frames.
    """
    missing = [f"{label}（{key}）" for key, label in FULL_SHEETS if key not in catalogue]
    if missing:
        raise ValueError(f"完整导出缺少目录表：{'、'.join(missing)}")
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for key, label in FULL_SHEETS:
            _write_sheet(writer, catalogue[key], label)
        _write_sheet(writer, observations, "监测数据")
        _write_sheet(writer, statuses, f"评估状态（{year}年）")
        _write_sheet(writer, notes_rows(observations, statuses, year, meta), "说明")
    return buffer.getvalue()


# ---------------------------------------------------------------- file names

_UNSAFE = re.compile(r"[^\w\u3400-\u9fff\uff08\uff09()（）·\-]+")


def _safe_part(text: str) -> str:
    return _UNSAFE.sub("", unicodedata.normalize("NFKC", str(text)).replace(" ", "")).strip("._-")


def build_filename(
    what: str,
    year: int | None,
    area: str | None = None,
    department: str | None = None,
    ext: str = "xlsx",
) -> str:
    """博山区妇女发展监测_<area>_<what>_<year>年_<department>.<ext>, safe characters only."""
    parts = [FILENAME_PREFIX, area, what if what != area else None]
    parts += [f"{year}年" if year else None, department]
    safe = [p for p in (_safe_part(x) for x in parts if x) if p]
    return "_".join(safe) + "." + _safe_part(ext).lower()

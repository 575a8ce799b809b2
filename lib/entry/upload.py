"""Reading an uploaded template (.xlsx or .csv) within a fixed budget, whatever the file claims.

Pure: no streamlit. Every cell is kept as text with the Excel row number the user sees, so
that the checks (lib.entry.checks) can name the row and column of each problem.

Budget: the file's size, the unpacked size of an .xlsx (a zip), and the rows and columns
read are capped before or while parsing; the workbook is streamed (openpyxl read-only) and
only the template's sheets and columns are read, so a tiny file that declares a huge used
range, or a zip bomb, is refused or cut short with a message instead of exhausting memory.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

import pandas as pd
from openpyxl import load_workbook

from lib.contract.problems import Problem
from lib.entry.template import GUIDE_SHEET, META_DEPARTMENT, META_YEAR, OBS_SHEET, QUAL_SHEET, ROW, SHEET_HEADERS

FILE = "文件"
MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # a filled template of every indicator is about 30 KB
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # the .xlsx zip's members together, as declared
MAX_ROWS = 5000  # data rows per sheet (the template has about 100)
MAX_COLUMNS = 30  # columns read per row (the template has 11)
MAX_CELL_CHARS = 2000  # a note or narrative longer than this is refused
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class ParsedUpload:
    """A read upload: per sheet a frame of text cells (None when blank) under the headers found, plus ROW."""

    filename: str
    sheets: Mapping[str, pd.DataFrame] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()  # the file, or cells of it, could not be read
    template_year: int | None = None  # as written in the template's 填报说明 sheet
    template_department: str | None = None


def _refused(filename: str, message: str) -> ParsedUpload:
    return ParsedUpload(filename, problems=(Problem(FILE, None, None, message),))


# ---------------------------------------------------------------- cells


def number_text(value: float) -> str:
    """A number as typed: 85.3, not 85.30000000000001."""
    return f"{round(value, 9):.9f}".rstrip("0").rstrip(".")


def clean_text(text: str) -> str | None:
    """Stripped text without control characters (they break Excel and Word files); None when blank."""
    text = _CONTROL.sub("", text).strip()
    return text or None


def cell_text(value: object, number_format: str = "General") -> str | None:
    """A cell as text; None when blank. A cell typed as 85% (stored 0.85) reads 85%."""
    if value is None or isinstance(value, bool):
        return None if value is None else str(value)
    if isinstance(value, (int, float)):
        return number_text(value * 100) + "%" if "%" in (number_format or "") else number_text(value)
    return clean_text(str(value))


def _frame(header: list[str | None], rows: list[tuple[int, list[str | None]]]) -> pd.DataFrame:
    names = [h or f"（第{i}列无表头）" for i, h in enumerate(header, start=1)]
    records = [
        {ROW: n, **dict(zip(names, cells + [None] * (len(names) - len(cells))))}
        for n, cells in rows
        if any(c is not None for c in cells)
    ]
    # object dtype keeps blank cells as None (pandas would infer str columns with NaN)
    return pd.DataFrame(records, columns=[ROW, *names], dtype=object).astype({ROW: "int64"})


def _too_long(sheet: str, header: list[str | None], rows: list[tuple[int, list[str | None]]]) -> list[Problem]:
    return [
        Problem(
            sheet,
            n,
            header[i] if i < len(header) else None,
            f"内容有{len(cell)}个字，超过上限{MAX_CELL_CHARS}字：请精简后重新上传",
        )
        for n, cells in rows
        for i, cell in enumerate(cells)
        if cell is not None and len(cell) > MAX_CELL_CHARS
    ]


def _filled_width(cells: list[str | None]) -> int:
    return max((i + 1 for i, c in enumerate(cells) if c is not None), default=0)


def _sheet(
    sheet: str, header: list[str | None], rows: list[tuple[int, list[str | None]]], more: bool
) -> tuple[pd.DataFrame, list[Problem]]:
    """The sheet's frame, as wide as its last filled column (a streamed row is padded to MAX_COLUMNS)."""
    width = max([_filled_width(header), *(_filled_width(cells) for _, cells in rows)])
    header, rows = header[:width], [(n, cells[:width]) for n, cells in rows]
    problems = _too_long(sheet, header, rows)
    if more:
        problems.append(
            Problem(sheet, None, None, f"数据超过{MAX_ROWS}行（模板约100行）：请只保留模板中的行后重新上传")
        )
    return _frame(header, rows), problems


# ---------------------------------------------------------------- .xlsx


def _xlsx_budget_problem(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return (
            "不是有效的 Excel（.xlsx）文件：文件可能已损坏，或是改了扩展名的其他文件。"
            "请用 Excel 打开后另存为 .xlsx 再上传"
        )
    if unpacked > MAX_UNPACKED_BYTES:
        return (
            f"文件解压后约{unpacked // 1024 // 1024} MB，超过上限{MAX_UNPACKED_BYTES // 1024 // 1024} MB："
            "请只保留模板中的工作表和数据后重新上传"
        )
    return None


def _rows(ws) -> Iterator[list]:
    yield from ws.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS)  # header + MAX_ROWS + one to notice more


def _read_xlsx_sheet(values, formulas, sheet: str) -> tuple[pd.DataFrame, list[Problem]]:
    """Cells as text; a formula whose result was never saved is a problem, not a silent blank."""
    header: list[str | None] = []
    rows: list[tuple[int, list[str | None]]] = []
    problems: list[Problem] = []
    for number, (row, formula_row) in enumerate(zip(_rows(values), _rows(formulas)), start=1):
        cells = [cell_text(c.value, getattr(c, "number_format", "General")) for c in row]
        if number == 1:
            header = cells
            continue
        for i, (cell, raw) in enumerate(zip(row, formula_row)):
            if cell.value is None and isinstance(raw.value, str) and raw.value.startswith("="):
                column = header[i] if i < len(header) else None
                problems.append(
                    Problem(
                        sheet,
                        number,
                        column,
                        f"是公式（{raw.value[:40]}），但文件中没有保存计算结果："
                        "请复制该列后“选择性粘贴 → 数值”（请粘贴为数值），保存后重新上传",
                    )
                )
        rows.append((number, cells))
    more = len(rows) > MAX_ROWS
    frame, sheet_problems = _sheet(sheet, header, rows[:MAX_ROWS], more)
    return frame, problems + sheet_problems


def _guide_meta(values) -> tuple[int | None, str | None]:
    """填报年度 and 填报单位 as the template wrote them in its 填报说明 sheet."""
    if GUIDE_SHEET not in values.sheetnames:
        return None, None
    meta = {}
    for row in values[GUIDE_SHEET].iter_rows(max_row=40, max_col=2, values_only=True):
        if row and row[0] in (META_YEAR, META_DEPARTMENT):
            meta[row[0]] = cell_text(row[1] if len(row) > 1 else None)
    year = meta.get(META_YEAR)
    return (int(year) if year and year.isdigit() else None), meta.get(META_DEPARTMENT)


def _read_xlsx(data: bytes, filename: str) -> ParsedUpload:
    message = _xlsx_budget_problem(data)
    if message:
        return _refused(filename, message)
    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged workbook; the user needs one message
        return _refused(filename, "无法作为 Excel 文件读取：文件可能已损坏。请用 Excel 打开后另存为 .xlsx 再上传")
    try:
        return _parse_workbook(values, formulas, filename)
    finally:
        values.close()
        formulas.close()


def _parse_workbook(values, formulas, filename: str) -> ParsedUpload:
    present = [name for name in SHEET_HEADERS if name in values.sheetnames]
    if not present:
        found = "、".join(values.sheetnames)
        return _refused(
            filename, f"找不到工作表“{OBS_SHEET}”或“{QUAL_SHEET}”（文件中的工作表：{found}），请使用数据填报模板"
        )
    sheets, problems = {}, []
    for name in present:
        sheets[name], sheet_problems = _read_xlsx_sheet(values[name], formulas[name], name)
        problems += sheet_problems
    year, department = _guide_meta(values)
    return ParsedUpload(filename, sheets, tuple(problems), year, department)


# ---------------------------------------------------------------- .csv


def decode_csv(data: bytes) -> str:
    """CSV text: UTF-8 (with or without BOM), else GBK (read as its superset GB18030)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _read_csv(data: bytes, filename: str) -> ParsedUpload:
    try:
        text = decode_csv(data)
    except UnicodeDecodeError:
        return _refused(filename, "无法识别文件编码：请另存为 UTF-8 或 GBK 编码的 CSV")
    rows: list[tuple[int, list[str | None]]] = []
    try:
        for number, record in enumerate(csv.reader(io.StringIO(text)), start=1):
            rows.append((number, [cell_text(c) for c in record[:MAX_COLUMNS]]))
            if number > MAX_ROWS + 1:
                break
    except csv.Error:
        return _refused(
            filename,
            f"第{len(rows) + 1}行无法按 CSV 读取（引号不配对或单元格过长）：请用 Excel 打开后另存为 .xlsx 再上传",
        )
    if not rows:
        return _refused(filename, "文件是空的")
    header = rows[0][1]
    frame, problems = _sheet(OBS_SHEET, header, rows[1 : MAX_ROWS + 1], len(rows) > MAX_ROWS + 1)
    return ParsedUpload(filename, {OBS_SHEET: frame}, tuple(problems))


def read_upload(data: bytes, filename: str) -> ParsedUpload:
    """Read a filled template (.xlsx) or its 监测数据 sheet saved as .csv, refusing what is over budget."""
    if len(data) > MAX_UPLOAD_BYTES:
        return _refused(
            filename,
            f"文件大小约{len(data) / 1024 / 1024:.1f} MB，超过上限{MAX_UPLOAD_BYTES // 1024 // 1024} MB："
            "请只保留模板中的工作表和数据后重新上传",
        )
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xlsx":
        return _read_xlsx(data, filename)
    if suffix == ".csv":
        return _read_csv(data, filename)
    hint = "，请在 Excel 中另存为 .xlsx" if suffix == ".xls" else ""
    return _refused(filename, f"不支持“{suffix or filename}”文件：请上传 .xlsx 或 .csv{hint}")

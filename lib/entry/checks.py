"""The rules an uploaded template must pass: one `check_*` per rule, each returning Problems.

Pure: no streamlit. Every problem names the Excel row the user sees and the Chinese header;
lib.ingest.validate_upload runs them all (RULES).

Decisions: a row without 数值 is skipped (a department fills only what it has), but a row with
分子/分母 and no 数值 is refused with the computed value suggested, so that the reported figure
is always one the department typed. A blank 数据状态 is imported as 初步 (noted, not an error).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator

import pandas as pd

from lib import config
from lib.contract.problems import Problem, notice
from lib.entry.template import OBS_SHEET, QUAL_SHEET, ROW, SHEET_HEADERS
from lib.entry.upload import FILE, ParsedUpload

PERCENT, PER_100K = "%", "1/10万"
RATE_FACTORS = {PERCENT: 100.0, PER_100K: 100_000.0}  # value = numerator / denominator × factor
MIN_TOLERANCE = 0.01  # smallest allowed gap between a rate and its numerator/denominator
TOTAL_WORDS = ("合计", "全区", "总计", "全部")  # a subgroup written like this is the total
NUMBER_COLUMNS = ("数值", "分子", "分母")
YEARS = range(config.BASE_YEAR, config.TARGET_YEAR + 1)
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?%?$")  # 1,234 or 12,345.6: a thousands separator


# ---------------------------------------------------------------- cell parsing


def _clean(text: str) -> str:
    """Half-width, without spaces; commas only removed where they are thousands separators.

    A comma anywhere else (85,3 or 1,5) could be a decimal comma: it stays, so the text is not
    a number and check_numbers refuses it instead of reading 853 or 15.
    """
    text = unicodedata.normalize("NFKC", text).replace(" ", "")
    return text.replace(",", "") if _THOUSANDS.match(text) else text


def reading_note(text: str | None) -> str | None:
    """How a number typed in another form was read (全角 digits, thousands separators); None when plain."""
    if text is None or safe_number(text) is None:
        return None
    plain = unicodedata.normalize("NFKC", text).replace(" ", "")
    if plain == text.strip() and "," not in plain:
        return None
    return f"“{text}”按 {_clean(text)} 读取，请核对"


def parse_number(text: str | None) -> float | None:
    """A typed number (a trailing % is dropped); None when blank; ValueError when not a number."""
    if text is None:
        return None
    cleaned = _clean(text).removesuffix("%")
    if not _NUMBER.match(cleaned):
        raise ValueError(text)
    return float(cleaned)


def has_percent(text: str | None) -> bool:
    return text is not None and _clean(text).endswith("%")


def decimals(text: str) -> int:
    """Digits after the decimal point of a typed number."""
    cleaned = _clean(text).removesuffix("%")
    return len(cleaned.split(".")[1]) if "." in cleaned else 0


def rounding_tolerance(text: str) -> float:
    """Half a unit of the last typed decimal (8.2 → 0.05), at least MIN_TOLERANCE."""
    return max(0.5 * 10 ** -decimals(text), MIN_TOLERANCE)


def parse_year(text: str | None) -> int | None:
    """2025, 2025.0 or 2025年; None when it is not a whole number."""
    try:
        number = parse_number(None if text is None else _clean(text).removesuffix("年"))
    except ValueError:
        return None
    return int(number) if number is not None and number == int(number) else None


def safe_number(text: str | None) -> float | None:
    try:
        return parse_number(text)
    except ValueError:
        return None


def subgroup_of(text: str | None) -> str | None:
    """None for the total (blank, 合计, 全区 …), else the group name."""
    return None if text is None or text in TOTAL_WORDS else text


# ---------------------------------------------------------------- rows the checks look at


def _complete(parsed: ParsedUpload, sheet: str) -> pd.DataFrame | None:
    frame = parsed.sheets.get(sheet)
    if frame is None or any(h not in frame.columns for h in SHEET_HEADERS[sheet]):
        return None  # missing columns are reported once by check_columns
    return frame


def filled_rows(parsed: ParsedUpload, sheet: str) -> Iterator[dict]:
    """Rows that carry data: a number (监测数据) or a rating or narrative (定性评价)."""
    frame = _complete(parsed, sheet)
    if frame is None:
        return
    cells = NUMBER_COLUMNS if sheet == OBS_SHEET else ("评价", "情况说明")
    for rec in frame.to_dict("records"):
        if any(rec[c] is not None for c in cells):
            yield rec


def _all_filled(parsed: ParsedUpload) -> Iterator[tuple[str, dict]]:
    for sheet in SHEET_HEADERS:
        for rec in filled_rows(parsed, sheet):
            yield sheet, rec


def _catalogue(indicators: pd.DataFrame) -> dict[str, dict]:
    return indicators.set_index("indicator_id")[["name", "unit", "kind"]].to_dict("index")


def _unit(indicators: dict[str, dict], indicator_id: str | None) -> str | None:
    unit = indicators.get(indicator_id, {}).get("unit")
    return unit if isinstance(unit, str) else None


# ---------------------------------------------------------------- check rules


def check_columns(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """Every template header is present; other headers are ignored with a note."""
    problems = []
    for sheet, frame in parsed.sheets.items():
        found = [c for c in frame.columns if c != ROW]
        problems += [
            Problem(sheet, 1, h, f"缺少“{h}”列：请勿修改或删除模板的表头")
            for h in SHEET_HEADERS[sheet]
            if h not in found
        ]
        problems += [notice(sheet, 1, h, "不是模板中的列，已忽略") for h in found if h not in SHEET_HEADERS[sheet]]
    return problems


def check_indicator_ids(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """Each filled row names an indicator of the catalogue."""
    known, problems = _catalogue(indicators), []
    for sheet, rec in _all_filled(parsed):
        if rec["指标编号"] is None:
            problems.append(Problem(sheet, rec[ROW], "指标编号", "请填写指标编号"))
        elif rec["指标编号"] not in known:
            problems.append(Problem(sheet, rec[ROW], "指标编号", f"“{rec['指标编号']}”不是规划指标目录中的编号"))
    return problems


def check_indicator_kinds(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """Qualitative indicators are rated in 定性评价, the others get numbers in 监测数据."""
    known, problems = _catalogue(indicators), []
    for sheet, rec in _all_filled(parsed):
        kind = known.get(rec["指标编号"], {}).get("kind")
        if sheet == OBS_SHEET and kind == config.KIND_QUALITATIVE:
            problems.append(
                Problem(
                    sheet, rec[ROW], "指标编号", f"“{rec['指标编号']}”是定性指标，请在“{QUAL_SHEET}”工作表中填写评价"
                )
            )
        elif sheet == QUAL_SHEET and kind in (config.KIND_TARGET, config.KIND_DIRECTION):
            problems.append(
                Problem(
                    sheet, rec[ROW], "指标编号", f"“{rec['指标编号']}”是数值指标，请在“{OBS_SHEET}”工作表中填写数值"
                )
            )
    return problems


def check_indicator_names(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """A 指标名称 that differs from the catalogue is noted (the 指标编号 decides)."""
    known, problems = _catalogue(indicators), []
    for sheet, rec in _all_filled(parsed):
        name = known.get(rec["指标编号"], {}).get("name")
        if name is not None and rec["指标名称"] is not None and rec["指标名称"] != name:
            problems.append(
                notice(
                    sheet,
                    rec[ROW],
                    "指标名称",
                    f"“{rec['指标名称']}”与编号{rec['指标编号']}的指标“{name}”不一致，按编号导入",
                )
            )
    return problems


def check_years(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """年份 is a whole number within the plan period."""
    problems = []
    for sheet, rec in _all_filled(parsed):
        year = parse_year(rec["年份"])
        if year not in YEARS:
            problems.append(
                Problem(
                    sheet,
                    rec[ROW],
                    "年份",
                    f"“{rec['年份'] or ''}”不是有效年份：请填写{YEARS[0]}—{YEARS[-1]}之间的整数",
                )
            )
    return problems


def check_numbers(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """数值, 分子, 分母 are plain numbers; a % sign only on 数值 of an indicator in %."""
    known, problems = _catalogue(indicators), []
    for rec in filled_rows(parsed, OBS_SHEET):
        unit = _unit(known, rec["指标编号"])
        for col in NUMBER_COLUMNS:
            text = rec[col]
            if text is not None and safe_number(text) is None and "," in _clean(text):
                problems.append(
                    Problem(
                        OBS_SHEET,
                        rec[ROW],
                        col,
                        f"“{text}”中的逗号无法确定是小数点还是千位分隔符："
                        "小数请用小数点（如 85.3），千位分隔符须每三位一个（如 1,234）",
                    )
                )
            elif text is not None and safe_number(text) is None:
                problems.append(
                    Problem(OBS_SHEET, rec[ROW], col, f"“{text}”不是数字：只填数字，不要写文字或单位（如 85.3）")
                )
            elif has_percent(text) and (col != "数值" or unit != PERCENT):
                expected = "计数" if col != "数值" else f"单位为“{unit or '无'}”的数"
                problems.append(Problem(OBS_SHEET, rec[ROW], col, f"“{text}”带百分号，但该列应填{expected}"))
    return problems


def check_number_forms(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """A number typed with full-width digits or thousands separators is read, with a note saying how."""
    return [
        notice(OBS_SHEET, rec[ROW], col, note)
        for rec in filled_rows(parsed, OBS_SHEET)
        for col in NUMBER_COLUMNS
        if (note := reading_note(rec[col]))
    ]


def check_missing_values(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """分子/分母 without 数值, and 情况说明 without 评价, are refused rather than silently dropped."""
    known, problems = _catalogue(indicators), []
    for rec in filled_rows(parsed, OBS_SHEET):
        if rec["数值"] is None:
            num, den = safe_number(rec["分子"]), safe_number(rec["分母"])
            factor = RATE_FACTORS.get(_unit(known, rec["指标编号"]) or "")
            hint = (
                f"（按分子÷分母计算为 {num / den * factor:.2f}，请核对后填入）"
                if factor and num is not None and den
                else ""
            )
            problems.append(Problem(OBS_SHEET, rec[ROW], "数值", f"填写了分子或分母但未填写数值{hint}"))
    for rec in filled_rows(parsed, QUAL_SHEET):
        if rec["评价"] is None:
            problems.append(Problem(QUAL_SHEET, rec[ROW], "评价", "填写了情况说明但未选择评价"))
    return problems


def check_ranges(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """No negative numbers; a percentage within 0–100."""
    known, problems = _catalogue(indicators), []
    for rec in filled_rows(parsed, OBS_SHEET):
        for col in NUMBER_COLUMNS:
            number = safe_number(rec[col])
            if number is not None and number < 0:
                problems.append(Problem(OBS_SHEET, rec[ROW], col, f"{rec[col]}为负数，不能小于0"))
        value = safe_number(rec["数值"])
        if _unit(known, rec["指标编号"]) == PERCENT and value is not None and value > 100:
            problems.append(Problem(OBS_SHEET, rec[ROW], "数值", f"{rec['数值']}超出百分比范围0—100"))
    return problems


def check_ratio(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """For % and 1/10万: 分子 ≤ 分母, 分母 > 0, and 数值 ≈ 分子 ÷ 分母 × 100 (× 100000) up to rounding."""
    known, problems = _catalogue(indicators), []
    for rec in filled_rows(parsed, OBS_SHEET):
        factor = RATE_FACTORS.get(_unit(known, rec["指标编号"]) or "")
        value, num, den = (safe_number(rec[c]) for c in NUMBER_COLUMNS)
        if factor is None or num is None or den is None:
            continue
        if den == 0:
            problems.append(Problem(OBS_SHEET, rec[ROW], "分母", "分母不能为0"))
        elif num > den:
            problems.append(Problem(OBS_SHEET, rec[ROW], "分子", f"分子{rec['分子']}大于分母{rec['分母']}"))
        elif value is not None and abs(value - num / den * factor) > rounding_tolerance(rec["数值"]):
            problems.append(
                Problem(OBS_SHEET, rec[ROW], "数值", f"数值{rec['数值']}与分子÷分母（{num / den * factor:.2f}）不一致")
            )
    return problems


def _key(sheet: str, rec: dict) -> tuple:
    subgroup = subgroup_of(rec["分组"]) if sheet == OBS_SHEET else None
    return rec["指标编号"], parse_year(rec["年份"]), subgroup


def check_duplicates(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """One row per indicator, year and subgroup (one rating per indicator and year)."""
    seen: dict[tuple, int] = {}
    problems = []
    for sheet, rec in _all_filled(parsed):
        key = (sheet, *_key(sheet, rec))
        if key in seen:
            what = "指标、年份和分组" if sheet == OBS_SHEET else "指标和年份"
            problems.append(Problem(sheet, rec[ROW], None, f"与第{seen[key]}行重复（同一{what}只能填一行）"))
        seen.setdefault(key, rec[ROW])
    return problems


def check_choices(parsed: ParsedUpload, indicators: pd.DataFrame) -> list[Problem]:
    """数据状态 is 初步 or 正式 (blank: 初步, noted); 评价 one of the four ratings."""
    statuses = (config.DATA_STATUS_PRELIMINARY, config.DATA_STATUS_FINAL)
    problems = []
    for rec in filled_rows(parsed, OBS_SHEET):
        if rec["数据状态"] is None:
            problems.append(notice(OBS_SHEET, rec[ROW], "数据状态", "未填写，按“初步”导入"))
        elif rec["数据状态"] not in statuses:
            problems.append(Problem(OBS_SHEET, rec[ROW], "数据状态", f"“{rec['数据状态']}”应为{'或'.join(statuses)}"))
    for rec in filled_rows(parsed, QUAL_SHEET):
        if rec["评价"] is not None and rec["评价"] not in config.RATINGS:
            problems.append(
                Problem(QUAL_SHEET, rec[ROW], "评价", f"“{rec['评价']}”应为{'、'.join(config.RATINGS)}之一")
            )
    return problems


def check_template_origin(parsed: ParsedUpload, year: int | None, department: str | None) -> list[Problem]:
    """The upload is the template of the year (and department) being filled, and its rows are of that year."""
    problems = []
    if year is not None and parsed.template_year not in (None, year):
        problems.append(
            Problem(
                FILE,
                None,
                None,
                f"这是{parsed.template_year}年的填报模板，本次填报的是{year}年：请上传{year}年的模板，或改选填报年度",
            )
        )
    if department is not None and parsed.template_department not in (None, department):
        problems.append(
            Problem(
                FILE,
                None,
                None,
                f"这是“{parsed.template_department}”的填报模板，本次报送部门是"
                f"“{department}”：请上传本部门的模板，或改选报送部门",
            )
        )
    if year is not None and not problems:
        problems += [
            Problem(sheet, rec[ROW], "年份", f"年份为{parse_year(rec['年份'])}，本次填报的是{year}年")
            for sheet, rec in _all_filled(parsed)
            if parse_year(rec["年份"]) not in (None, year)
        ]
    return problems


RULES: tuple[Callable[[ParsedUpload, pd.DataFrame], list[Problem]], ...] = (
    check_columns,
    check_indicator_ids,
    check_indicator_kinds,
    check_indicator_names,
    check_years,
    check_numbers,
    check_number_forms,
    check_missing_values,
    check_ranges,
    check_ratio,
    check_duplicates,
    check_choices,
)

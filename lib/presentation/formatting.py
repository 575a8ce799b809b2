"""Chinese number and label formats for display (8.2/10万, 85.0%, 3人, 3：2). Pure."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pandas as pd

from lib import config

MISSING = "—"
COUNT_UNITS = ("人", "名", "所", "个", "家", "次", "户")
OP_SYMBOLS = {"<=": "≤", ">=": "≥", "<": "<", ">": ">", "=": "=", "≈": "约"}
DIRECTION_TEXT = {"up": "逐步提高", "down": "逐步降低"}


def is_missing(value: object) -> bool:
    """True for None, NaN and pandas NA."""
    if value is None or value is pd.NA:
        return True
    try:
        return bool(value != value)  # NaN and NA are not equal to themselves
    except (TypeError, ValueError):  # arrays and lists are values, not missing
        return False


# ---------------------------------------------------------------- the one rounding rule
# Every display path (tables, chart labels, the import preview, exports, the report) rounds a value with
# round_value: half away from zero on the decimal digits as written (82.25 -> 82.3, never 82.2 in one
# place and 82.25 in another), to the decimals of its unit.
UNIT_DECIMALS = {"%": 1, "‰": 1, "1/10万": 1, "岁": 1, "比例": 2}
DEFAULT_DECIMALS = 1
UNIT_SUFFIX = {"1/10万": "/10万"}  # how a unit is written after a number
RATIO_UNIT = "比例"
PERCENT_UNIT = "%"


def display_decimals(unit: object, value: object = None) -> int:
    """Decimals shown for a unit: % ‰ 1/10万 岁 one, 比例 two, counts none (one if not whole), others one."""
    unit = None if is_missing(unit) else str(unit)
    if unit in COUNT_UNITS:
        whole = value is None or is_missing(value) or math.isclose(float(value), round(float(value)))
        return 0 if whole else 1
    return UNIT_DECIMALS.get(unit or "", DEFAULT_DECIMALS)


def round_half_up(value: float, decimals: int) -> float:
    """value rounded half away from zero at `decimals` places, on its shortest decimal form (82.25 -> 82.3)."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def round_value(value: object, unit: object) -> float | None:
    """The number every display of a value in this unit shows; None when missing."""
    if is_missing(value):
        return None
    return round_half_up(float(value), display_decimals(unit, value))


def excel_number_format(unit: object) -> str:
    """The Excel number format matching the display rule (values stay numbers; % values are percent points)."""
    decimals = display_decimals(unit)
    body = "#,##0" + ("." + "0" * decimals if decimals else "")
    return f'{body}"%"' if unit == PERCENT_UNIT else body


def format_number(value: float, decimals: int = 1) -> str:
    """A plain number with thousands separators: 1,234.5; whole numbers from 1,000 up without decimals."""
    if float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    return f"{round_half_up(value, decimals):,.{decimals}f}"


def format_ratio(value: float) -> str:
    """A measured ratio as N：1 with two decimals: 1.53 -> 1.53：1 (two years 1.53 and 1.56 stay apart)."""
    return f"{format_number(value, UNIT_DECIMALS[RATIO_UNIT])}：1"


def format_ratio_target(value: float) -> str:
    """A ratio target in the plan's own form when it is a small fraction (1.5 -> 3：2), else N：1."""
    frac = Fraction(float(value)).limit_denominator(10)
    if math.isclose(float(frac), float(value), abs_tol=1e-9) and frac.denominator > 1:
        return f"{frac.numerator}：{frac.denominator}"
    return format_ratio(value)


def format_value(value: object, unit: str | None) -> str:
    """One value with its unit in the plan's way of writing it, rounded by the one rule."""
    if is_missing(value):
        return MISSING
    number = float(value)
    unit = None if is_missing(unit) else unit
    if unit == RATIO_UNIT:
        return format_ratio(number)
    shown = format_number(number, display_decimals(unit, number))
    return f"{shown}{UNIT_SUFFIX.get(unit, unit)}" if unit else shown


def format_difference(delta: float, unit: str | None, signed: bool = False) -> str:
    """A difference between two values: 3.9个百分点, +43.5/10万, 2人, and for a ratio a plain +0.03."""
    unit = None if is_missing(unit) else unit
    sign = ("+" if delta >= 0 else "-") if signed else ""
    if unit == PERCENT_UNIT:
        return f"{sign}{format_number(abs(delta), 1)}个百分点"
    if unit == RATIO_UNIT:
        return f"{sign}{format_number(abs(delta), UNIT_DECIMALS[RATIO_UNIT])}"
    return sign + format_value(abs(delta), unit)


def format_change(change: float, method: str, unit: str | None) -> str:
    """An annual change as text: -9.1% a year for CAGR, +1.2个百分点 for linear percentages."""
    if method == config.METHOD_CAGR:
        return f"{change * 100:+.1f}%"
    if unit == "%":
        return f"{change:+.2f}个百分点"
    return f"{change:+.2f}" + ("/10万" if unit == "1/10万" else (unit or ""))


def format_target(op: str | None, target: object, unit: str | None) -> str:
    """The target as a short phrase: ≤8.2/10万, ≥85.0%, 逐步提高, 约3：2."""
    op = None if is_missing(op) else op
    if op in DIRECTION_TEXT:
        return DIRECTION_TEXT[op]
    if is_missing(target):
        return MISSING
    symbol = OP_SYMBOLS.get(op or "", "")
    if unit == RATIO_UNIT:
        return f"{symbol}{format_ratio_target(float(target))}"
    return f"{symbol}{format_value(target, unit)}"


def format_rate(rate: object) -> str:
    """A share between 0 and 1 as a percentage: 0.625 -> 62.5%."""
    if is_missing(rate):
        return MISSING
    return f"{format_number(float(rate) * 100, 1)}%"


def format_count(n: object, unit: str = "项") -> str:
    """A count with its measure word: 12项."""
    if is_missing(n):
        return MISSING
    return f"{int(n)}{unit}"


def year_label(year: int) -> str:
    """A year as shown in the year control: 2023年（中期评估）."""
    if year == config.MIDTERM_YEAR:
        return f"{year}年（中期评估）"
    if year == config.FINAL_YEAR:
        return f"{year}年（终期评估）"
    return f"{year}年"


def join_units(units: object) -> str:
    """A list of departments joined with the Chinese enumeration comma; empty: —."""
    if units is None or isinstance(units, float):
        return MISSING
    items = [str(u) for u in list(units)]
    return "、".join(items) if items else MISSING


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain_markdown(text: object) -> str:
    """Text (which may carry an upload's note or narrative) for st.markdown, shown as typed.

    Every Markdown and HTML character is backslash-escaped, so `![x](url)` fetches nothing and
    `## 标题` makes no heading; line breaks become spaces.
    """
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))

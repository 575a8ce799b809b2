"""Chinese number and label formats for display (8.2/10万, 85.0%, 3人, 3：2). Pure."""
from __future__ import annotations

import math
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


def format_number(value: float, decimals: int = 1) -> str:
    """A plain number with thousands separators: 1,234.5; whole numbers without decimals."""
    if float(value).is_integer() and abs(value) >= 1000:
        return f"{int(value):,}"
    return f"{value:,.{decimals}f}"


def format_ratio(value: float) -> str:
    """A ratio as small whole numbers with a Chinese colon: 1.5 -> 3：2."""
    frac = Fraction(value).limit_denominator(10)
    return f"{frac.numerator}：{frac.denominator}"


def format_value(value: object, unit: str | None) -> str:
    """One value with its unit in the plan's way of writing it."""
    if is_missing(value):
        return MISSING
    number = float(value)
    unit = None if is_missing(unit) else unit
    if unit == "%":
        return f"{number:.1f}%"
    if unit == "1/10万":
        return f"{number:.1f}/10万"
    if unit == "比例":
        return format_ratio(number)
    if unit in COUNT_UNITS:
        shown = f"{int(round(number)):,}" if math.isclose(number, round(number)) else f"{number:,.1f}"
        return f"{shown}{unit}"
    shown = format_number(number)
    return f"{shown}{unit}" if unit else shown


def format_target(op: str | None, target: object, unit: str | None) -> str:
    """The target as a short phrase: ≤8.2/10万, ≥85.0%, 逐步提高, 约3：2."""
    op = None if is_missing(op) else op
    if op in DIRECTION_TEXT:
        return DIRECTION_TEXT[op]
    if is_missing(target):
        return MISSING
    symbol = OP_SYMBOLS.get(op or "", "")
    return f"{symbol}{format_value(target, unit)}"


def format_rate(rate: object) -> str:
    """A share between 0 and 1 as a percentage: 0.625 -> 62.5%."""
    if is_missing(rate):
        return MISSING
    return f"{float(rate) * 100:.1f}%"


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

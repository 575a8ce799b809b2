"""Export view models: the rows a page shows, with raw numbers where the screen shows formatted text. Pure.

The screen writes 76.3%, ≥85.0% and 2024年; a spreadsheet needs 76.3 (unit in the header or a 单位
column), the comparison apart from the target, and 2024. Each function here takes the frame the page
shows (or the same inputs) and returns the frame to export: same rows, same order, numbers as numbers.
"""

from __future__ import annotations

import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation.view_models import has_warning, indicator_units, lead_text

UNIT_COLUMN = "单位"
OP_COLUMN = "比较方式"
ID_COLUMN = "指标编号"
SAMPLE_COLUMN = "示例数据"
# display column -> column of raw_indicator_values holding its number
VALUE_COLUMNS = {"目标值": "target", "基期值": "base_value", "最新值": "latest_value", "2025年预测值": "projected"}
YEAR_COLUMNS = {"基期年份": "base_year", "最新年份": "latest_year"}
KIND_LABELS = {config.KIND_TARGET: "数值目标", config.KIND_DIRECTION: "方向目标", config.KIND_QUALITATIVE: "定性目标"}


def unit_text(unit: object) -> str:
    """The unit as a spreadsheet states it ('' without one)."""
    return "" if fmt.is_missing(unit) else str(unit)


def op_text(op: object) -> str:
    """The comparison of a target in words and symbols: ≥, ≤, 约, 逐步提高 ('' without one)."""
    if fmt.is_missing(op):
        return ""
    return fmt.DIRECTION_TEXT.get(str(op)) or fmt.OP_SYMBOLS.get(str(op), str(op))


def raw_indicator_values(statuses: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """Per indicator (total rows): indicator_id, op, target, unit, base/latest value and year, projected."""
    info = indicators[["indicator_id", "op", "target", "unit"]]
    wanted = ["indicator_id", "base_value", "base_year", "latest_value", "latest_year", "projected"]
    total = statuses[statuses["subgroup"].isna()] if "subgroup" in statuses else statuses
    present = [c for c in wanted if c in total.columns]
    return info.merge(total[present], on="indicator_id", how="left")


def _number(values: pd.Series) -> pd.Series:
    return pd.to_numeric(values, errors="coerce").astype("float64")


def with_raw_values(shown: pd.DataFrame, raw: pd.DataFrame, key: str = "indicator_id") -> pd.DataFrame:
    """The shown frame (with a `key` column) with every formatted value/year column replaced by its number.

    A 比较方式 column comes before the target, and a 单位 column after the last value column; the key is
    kept as 指标编号 in front. Columns the mapping does not know are kept as shown.
    """
    by_key = raw.drop_duplicates(key).set_index(key)
    ids = shown[key]
    out: dict[str, pd.Series] = {ID_COLUMN: ids.reset_index(drop=True)}
    last_value = max((i for i, c in enumerate(shown.columns) if c in VALUE_COLUMNS), default=None)
    for position, column in enumerate(shown.columns):
        if column == key:
            continue
        if column in VALUE_COLUMNS and VALUE_COLUMNS[column] in by_key.columns:
            if VALUE_COLUMNS[column] == "target" and "op" in by_key.columns:
                out[OP_COLUMN] = ids.map(by_key["op"]).map(op_text).reset_index(drop=True)
            out[column] = _number(ids.map(by_key[VALUE_COLUMNS[column]])).reset_index(drop=True)
        elif column in YEAR_COLUMNS and YEAR_COLUMNS[column] in by_key.columns:
            out[column] = _number(ids.map(by_key[YEAR_COLUMNS[column]])).round().astype("Int64").reset_index(drop=True)
        else:
            out[column] = shown[column].reset_index(drop=True)
        if position == last_value and "unit" in by_key.columns:
            out[UNIT_COLUMN] = ids.map(by_key["unit"]).map(unit_text).reset_index(drop=True)
    return pd.DataFrame(out)


def observation_rows(observations: pd.DataFrame, indicator_id: str, year: int) -> pd.DataFrame:
    """The observations of one indicator up to the year, total before subgroups (the data table's order)."""
    rows = observations[(observations["indicator_id"] == indicator_id) & (observations["year"] <= year)]
    return rows.assign(_sub=rows["subgroup"].notna()).sort_values(["year", "_sub", "subgroup"]).drop(columns="_sub")


def observations_export(observations: pd.DataFrame, indicator_id: str, year: int, unit: object) -> pd.DataFrame:
    """The indicator page's 数据明细 with numbers.

    Columns: 年份, 分组, 数值（unit）, 分子, 分母, 数据状态, 来源, 备注, 示例数据.
    """
    rows = observation_rows(observations, indicator_id, year)
    label = f"数值（{unit_text(unit)}）" if unit_text(unit) else "数值"
    return pd.DataFrame(
        {
            ID_COLUMN: rows["indicator_id"],
            "年份": rows["year"].astype(int),
            "分组": rows["subgroup"].fillna("合计"),
            label: _number(rows["value"]),
            "分子": _number(rows["numerator"]),
            "分母": _number(rows["denominator"]),
            "数据状态": rows["data_status"],
            "来源": rows["source"].fillna(""),
            "备注": rows["note"].fillna(""),
            SAMPLE_COLUMN: rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
        }
    ).reset_index(drop=True)


def warning_types(warnings: object) -> str:
    """The warning types of a row joined with 、 ('' when none)."""
    if warnings is None or isinstance(warnings, float):
        return ""
    return "、".join(str(w) for w in list(warnings) if not fmt.is_missing(w))


def warning_export(
    total: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame, areas: pd.DataFrame
) -> pd.DataFrame:
    """The warning list as the overview orders it (red first, then id), with id, type, value and unit."""
    warned = total.loc[has_warning(total).to_numpy()]
    info = (
        indicators[["indicator_id", "name", "area_id", "goal_id", "unit"]]
        .merge(areas[["area_id", "short_name"]], on="area_id")
        .merge(indicator_units(indicators, goals), on="indicator_id")
    )
    rows = warned.merge(info, on="indicator_id")
    rank = rows["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    rows = rows.assign(rank=rank).sort_values(["rank", "indicator_id"])
    return pd.DataFrame(
        {
            ID_COLUMN: rows["indicator_id"],
            "指标": rows["name"],
            "领域": rows["short_name"],
            "预警类型": rows["warnings"].map(warning_types),
            "预警等级": rows["warning_severity"].map(lambda s: "" if fmt.is_missing(s) else s),
            "预警原因": rows["reason"].map(lambda s: "" if fmt.is_missing(s) else s),
            "状态": rows["status"],
            "最新值": _number(rows["latest_value"]),
            "最新年份": _number(rows["latest_year"]).round().astype("Int64"),
            UNIT_COLUMN: rows["unit"].map(unit_text),
            "牵头单位": [lead_text(u, g) for u, g in zip(rows["lead_units"], rows["goal_id"])],
            SAMPLE_COLUMN: rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
        }
    ).reset_index(drop=True)


def catalogue_indicator_export(indicators: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The catalogue page's indicator list with the target as a number: 比较方式, 目标值, 单位 apart."""
    rows = indicators[indicators["area_id"] == area_id]
    return pd.DataFrame(
        {
            ID_COLUMN: rows["indicator_id"],
            "指标": rows["name"],
            "类型": rows["kind"].map(KIND_LABELS),
            OP_COLUMN: rows["op"].map(op_text),
            "目标值": _number(rows["target"]),
            UNIT_COLUMN: rows["unit"].map(unit_text),
            "目标年份": _number(rows["target_year"]).round().astype("Int64"),
            "规划原文": rows["quote"],
        }
    ).reset_index(drop=True)

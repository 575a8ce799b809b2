"""Pure functions that assemble the indicator page: record, chart series, data and subgroup tables."""
from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation.charts import build_trend_chart
from lib.engine.target_rules import band_edges  # one definition of the band, the engine's
from lib.presentation.view_models import NO_UNIT_NOTE, indicator_units


@dataclass(frozen=True)
class IndicatorInfo:
    indicator_id: str
    name: str
    area_id: str
    unit: str | None
    kind: str
    op: str | None
    target: float | None
    quote: str
    goal_text: str | None
    lead: str
    responsible: str
    target_text: str


def _clean(value: object) -> object:
    return None if fmt.is_missing(value) else value


def indicator_record(indicators: pd.DataFrame, goals: pd.DataFrame, indicator_id: str) -> IndicatorInfo | None:
    """Everything the page header needs about one indicator; None for an unknown id."""
    rows = indicators[indicators["indicator_id"] == indicator_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    units = indicator_units(rows, goals).iloc[0]
    goal = goals[goals["goal_id"] == row["goal_id"]]
    in_goal = not goal.empty
    target = _clean(row["target"])
    return IndicatorInfo(
        indicator_id=indicator_id, name=row["name"], area_id=row["area_id"], unit=_clean(row["unit"]),
        kind=row["kind"], op=_clean(row["op"]), target=None if target is None else float(target),
        quote=row["quote"], goal_text=goal["text"].iloc[0] if in_goal else None,
        lead=fmt.join_units(units["lead_units"]) if in_goal else NO_UNIT_NOTE,
        responsible=fmt.join_units(units["responsible_units"]) if in_goal else "—",
        target_text=fmt.format_target(_clean(row["op"]), target, _clean(row["unit"])),
    )


def indicator_options(indicators: pd.DataFrame) -> dict[str, str]:
    """indicator_id -> label shown in the indicator picker, in catalogue order."""
    return {i: f"{n}（{i}）" for i, n in zip(indicators["indicator_id"], indicators["name"])}


def build_series(observations: pd.DataFrame, indicator_id: str, year: int, unit: str | None) -> pd.DataFrame:
    """The total's values up to the year: year, value, is_sample, label."""
    rows = observations[(observations["indicator_id"] == indicator_id) & observations["subgroup"].isna()
                        & (observations["year"] <= year)].sort_values("year")
    return pd.DataFrame({
        "year": rows["year"].astype(int), "value": rows["value"].astype(float),
        "is_sample": rows["is_sample"].fillna(False).astype(bool),
        "label": [fmt.format_value(v, unit) for v in rows["value"]],
    }).reset_index(drop=True)


def build_projection(status: pd.Series) -> pd.DataFrame:
    """The dashed projection from the latest value to the target year; empty when none."""
    needed = [status.get("latest_year"), status.get("latest_value"), status.get("projected")]
    if any(fmt.is_missing(v) for v in needed) or int(needed[0]) >= config.TARGET_YEAR:
        return pd.DataFrame({"year": [], "value": []})
    return pd.DataFrame({"year": [int(needed[0]), config.TARGET_YEAR],
                         "value": [float(needed[1]), float(needed[2])]})


def target_band(info: IndicatorInfo) -> tuple[float, float] | None:
    """The band drawn around a "左右" (≈) target."""
    if info.op != config.BAND_OP or info.target is None:
        return None
    return band_edges(info.target, info.unit)


def build_reference(reference: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """National reference values of the indicator: year, value, period, source_url, quote, indicator_zh."""
    if reference.empty:
        return pd.DataFrame(columns=["year", "value", "period", "source_url", "quote", "indicator_zh", "region"])
    rows = reference[reference["indicator_id"] == indicator_id].sort_values("year")
    return rows[["year", "value", "period", "source_url", "quote", "indicator_zh", "region"]].reset_index(drop=True)


def build_data_table(observations: pd.DataFrame, indicator_id: str, year: int, unit: str | None) -> pd.DataFrame:
    """Every observation up to the year, as shown: 年份, 分组, 数值, 分子, 分母, 数据状态, 来源, 备注, 示例数据."""
    rows = observations[(observations["indicator_id"] == indicator_id) & (observations["year"] <= year)]
    rows = rows.assign(total_first=rows["subgroup"].notna()).sort_values(["year", "total_first", "subgroup"])
    return pd.DataFrame({
        "年份": rows["year"].astype(int), "分组": rows["subgroup"].fillna("合计"),
        "数值": [fmt.format_value(v, unit) for v in rows["value"]],
        "分子": rows["numerator"].map(lambda v: fmt.MISSING if fmt.is_missing(v) else fmt.format_number(v, 0)),
        "分母": rows["denominator"].map(lambda v: fmt.MISSING if fmt.is_missing(v) else fmt.format_number(v, 0)),
        "数据状态": rows["data_status"], "来源": rows["source"].fillna("—"), "备注": rows["note"].fillna(""),
        "示例数据": rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
    }).reset_index(drop=True)


def build_subgroup_table(statuses: pd.DataFrame, indicator_id: str, unit: str | None) -> pd.DataFrame:
    """Subgroup rows of the indicator: 分组, 最新年份, 最新值, 状态, 说明."""
    rows = statuses[(statuses["indicator_id"] == indicator_id) & statuses["subgroup"].notna()]
    return pd.DataFrame({
        "分组": rows["subgroup"],
        "最新年份": rows["latest_year"].map(lambda y: fmt.MISSING if fmt.is_missing(y) else f"{int(y)}年"),
        "最新值": [fmt.format_value(v, unit) for v in rows["latest_value"]],
        "状态": rows["status"], "说明": rows["explanation"],
    }).reset_index(drop=True)


def build_assessment_table(assessments: pd.DataFrame, indicator_id: str, year: int) -> pd.DataFrame:
    """Ratings and narratives of a qualitative goal up to the year: 年份, 评价, 进展情况, 填报单位, 示例数据."""
    if assessments.empty:
        return pd.DataFrame(columns=["年份", "评价", "进展情况", "填报单位", "示例数据"])
    rows = assessments[(assessments["indicator_id"] == indicator_id) & (assessments["year"] <= year)]
    rows = rows.sort_values("year", ascending=False)
    return pd.DataFrame({
        "年份": rows["year"].astype(int), "评价": rows["rating"], "进展情况": rows["narrative"],
        "填报单位": rows["department"].fillna("—"),
        "示例数据": rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
    }).reset_index(drop=True)


def status_row(statuses: pd.DataFrame, indicator_id: str) -> pd.Series | None:
    """The total status row of the indicator, None when the engine gave none."""
    rows = statuses[(statuses["indicator_id"] == indicator_id) & statuses["subgroup"].isna()]
    return rows.iloc[0] if not rows.empty else None


def build_catalogue_indicators(indicators: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The area's indicators as the plan states them: 编号, 指标, 目标, 类型, 规划原文."""
    kinds = {config.KIND_TARGET: "数值目标", config.KIND_DIRECTION: "方向目标", config.KIND_QUALITATIVE: "定性目标"}
    rows = indicators[indicators["area_id"] == area_id]
    return pd.DataFrame({
        "编号": rows["indicator_id"], "指标": rows["name"],
        "目标": [fmt.format_target(_clean(o), t, _clean(u)) for o, t, u in zip(rows["op"], rows["target"], rows["unit"])],
        "类型": rows["kind"].map(kinds), "规划原文": rows["quote"],
    }).reset_index(drop=True)


def build_indicator_chart(info: IndicatorInfo, observations: pd.DataFrame, statuses: pd.DataFrame,
                          reference: pd.DataFrame, year: int) -> alt.LayerChart | None:
    """The trend chart (Altair) of a numeric indicator up to the year; None without values."""
    series = build_series(observations, info.indicator_id, year, info.unit)
    if series.empty:
        return None
    status = status_row(statuses, info.indicator_id)
    projection = build_projection(status) if status is not None else None
    return build_trend_chart(series, unit=info.unit, target=info.target, band=target_band(info),
                             projection=projection,
                             reference=build_reference(reference, info.indicator_id)[["year", "value"]])

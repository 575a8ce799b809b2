"""Pure functions that assemble the indicator page: record, chart series, data and subgroup tables."""

from __future__ import annotations

import re
from dataclasses import dataclass

import altair as alt
import pandas as pd

from lib import config
from lib.catalogue.reference import reference_labels
from lib.engine.target_rules import band_edges  # one definition of the band, the engine's
from lib.presentation import formatting as fmt
from lib.presentation.charts import build_trend_chart
from lib.presentation.roles import indicator_units, lead_text


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


def indicator_record(
    indicators: pd.DataFrame, goals: pd.DataFrame, indicator_id: str, accountable: pd.DataFrame | None = None
) -> IndicatorInfo | None:
    """Everything the page header needs about one indicator; None for an unknown id."""
    rows = indicators[indicators["indicator_id"] == indicator_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    units = indicator_units(rows, goals, accountable).iloc[0]
    goal = goals[goals["goal_id"] == row["goal_id"]]
    in_goal = not goal.empty
    target = _clean(row["target"])
    return IndicatorInfo(
        indicator_id=indicator_id,
        name=row["name"],
        area_id=row["area_id"],
        unit=_clean(row["unit"]),
        kind=row["kind"],
        op=_clean(row["op"]),
        target=None if target is None else float(target),
        quote=row["quote"],
        goal_text=goal["text"].iloc[0] if in_goal else None,
        lead=lead_text(units["lead_units"], units["lead_basis"]),
        responsible=fmt.join_units(units["responsible_units"]) if in_goal else "—",
        target_text=fmt.format_target(_clean(row["op"]), target, _clean(row["unit"])),
    )


def indicator_options(indicators: pd.DataFrame) -> dict[str, str]:
    """indicator_id -> label shown in the indicator picker, in catalogue order."""
    return {i: f"{n}（{i}）" for i, n in zip(indicators["indicator_id"], indicators["name"])}


def build_series(observations: pd.DataFrame, indicator_id: str, year: int, unit: str | None) -> pd.DataFrame:
    """The total's values up to the year: year, value, is_sample, label."""
    rows = observations[
        (observations["indicator_id"] == indicator_id)
        & observations["subgroup"].isna()
        & (observations["year"] <= year)
    ].sort_values("year")
    return pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "value": rows["value"].astype(float),
            "is_sample": rows["is_sample"].fillna(False).astype(bool),
            "label": [fmt.format_value(v, unit) for v in rows["value"]],
        }
    ).reset_index(drop=True)


def build_projection(status: pd.Series) -> pd.DataFrame:
    """The dashed projection from the latest value to the target year; empty when none."""
    needed = [status.get("latest_year"), status.get("latest_value"), status.get("projected")]
    if any(fmt.is_missing(v) for v in needed) or int(needed[0]) >= config.TARGET_YEAR:
        return pd.DataFrame({"year": [], "value": []})
    return pd.DataFrame({"year": [int(needed[0]), config.TARGET_YEAR], "value": [float(needed[1]), float(needed[2])]})


def target_band(info: IndicatorInfo) -> tuple[float, float] | None:
    """The band drawn around a "左右" (≈) target."""
    if info.op != config.BAND_OP or info.target is None:
        return None
    return band_edges(info.target, info.unit)


REFERENCE_VIEW_COLUMNS = [
    "region",
    "year",
    "period",
    "value",
    "unit",
    "indicator_zh",
    "source_org",
    "tier",
    "quote",
    "source_url",
    "mapping_note",
]
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")


def build_reference(reference: pd.DataFrame, indicator_id: str) -> pd.DataFrame:
    """Published reference values of the indicator (全国 first, then provinces, each by year), with their
    source: REFERENCE_VIEW_COLUMNS (source_org and tier empty when the table predates them)."""
    if reference.empty:
        return pd.DataFrame(columns=REFERENCE_VIEW_COLUMNS)
    rows = reference[reference["indicator_id"] == indicator_id]
    rows = rows.reindex(columns=list(dict.fromkeys(REFERENCE_VIEW_COLUMNS + list(rows.columns))))
    rank = rows["region"].map(lambda r: 0 if r == "全国" else (2 if r == config.REGION else 1))
    rows = rows.assign(_rank=rank).sort_values(["_rank", "year"], kind="stable")
    return rows[REFERENCE_VIEW_COLUMNS].reset_index(drop=True)


def national_reference(reference: pd.DataFrame) -> pd.DataFrame:
    """The national line of the trend chart: year, value of 全国 only, one value a year."""
    rows = reference[reference["region"] == "全国"].drop_duplicates("year")
    return rows[["year", "value"]].reset_index(drop=True)


def format_published(value: object, unit: object) -> str:
    """A reference value as published (16.9/10万, 80.88岁, 99%以上): its own decimals, no rounding."""
    if fmt.is_missing(value):
        return fmt.MISSING
    number = f"{float(value):.4f}".rstrip("0").rstrip(".")
    text = "" if fmt.is_missing(unit) else str(unit)
    base, qualifier = re.fullmatch(r"(.*?)(?:[（(](.+)[)）])?", text).groups()
    shown = "/10万" if base == "1/10万" else base
    return f"{number}{shown}{qualifier or ''}"


def _escape(text: object) -> str:
    return MARKDOWN_SPECIAL.sub(r"\\\1", "" if fmt.is_missing(text) else str(text))


def reference_caption(row: pd.Series) -> str:
    """One reference value as the page shows it (Markdown): region and year, the value, who issued it,
    the labels 转载 / 英文原文, the verbatim quote and the link."""
    period = str(row["period"]) if not fmt.is_missing(row["period"]) else str(int(row["year"]))
    period = period if period.endswith("年") else f"{period}年"
    org = "" if fmt.is_missing(row["source_org"]) else f"，{_escape(row['source_org'])}"
    labels = "".join(f"〔{label}〕" for label in reference_labels(row["tier"], row["quote"]))
    note = "" if fmt.is_missing(row["mapping_note"]) else f"（口径：{_escape(row['mapping_note'])}）"
    return (
        f"{_escape(row['region'])} {period}：**{_escape(format_published(row['value'], row['unit']))}**{org}"
        f"{labels}　原文：“{_escape(row['quote'])}”　[查看来源]({row['source_url']}){note}"
    )


def reference_captions(rows: pd.DataFrame) -> list[str]:
    """The captions of build_reference's rows, in its order."""
    return [reference_caption(row) for _, row in rows.iterrows()]


def build_data_table(observations: pd.DataFrame, indicator_id: str, year: int, unit: str | None) -> pd.DataFrame:
    """Every observation up to the year, as shown: 年份, 分组, 数值, 分子, 分母, 数据状态, 来源, 备注, 示例数据."""
    rows = observations[(observations["indicator_id"] == indicator_id) & (observations["year"] <= year)]
    rows = rows.assign(total_first=rows["subgroup"].notna()).sort_values(["year", "total_first", "subgroup"])
    return pd.DataFrame(
        {
            "年份": rows["year"].astype(int),
            "分组": rows["subgroup"].fillna("合计"),
            "数值": [fmt.format_value(v, unit) for v in rows["value"]],
            "分子": rows["numerator"].map(lambda v: fmt.MISSING if fmt.is_missing(v) else fmt.format_number(v, 0)),
            "分母": rows["denominator"].map(lambda v: fmt.MISSING if fmt.is_missing(v) else fmt.format_number(v, 0)),
            "数据状态": rows["data_status"],
            "来源": rows["source"].fillna("—"),
            "备注": rows["note"].fillna(""),
            "示例数据": rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
        }
    ).reset_index(drop=True)


def build_subgroup_table(statuses: pd.DataFrame, indicator_id: str, unit: str | None) -> pd.DataFrame:
    """Subgroup rows of the indicator: 分组, 最新年份, 最新值, 状态, 说明."""
    rows = statuses[(statuses["indicator_id"] == indicator_id) & statuses["subgroup"].notna()]
    return pd.DataFrame(
        {
            "分组": rows["subgroup"],
            "最新年份": rows["latest_year"].map(lambda y: fmt.MISSING if fmt.is_missing(y) else f"{int(y)}年"),
            "最新值": [fmt.format_value(v, unit) for v in rows["latest_value"]],
            "状态": rows["status"],
            "说明": rows["explanation"],
        }
    ).reset_index(drop=True)


def build_assessment_table(assessments: pd.DataFrame, indicator_id: str, year: int) -> pd.DataFrame:
    """Ratings and narratives of a qualitative goal up to the year: 年份, 评价, 进展情况, 填报单位, 示例数据."""
    if assessments.empty:
        return pd.DataFrame(columns=["年份", "评价", "进展情况", "填报单位", "示例数据"])
    rows = assessments[(assessments["indicator_id"] == indicator_id) & (assessments["year"] <= year)]
    rows = rows.sort_values("year", ascending=False)
    return pd.DataFrame(
        {
            "年份": rows["year"].astype(int),
            "评价": rows["rating"],
            "进展情况": rows["narrative"],
            "填报单位": rows["department"].fillna("—"),
            "示例数据": rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
        }
    ).reset_index(drop=True)


WARNING_HINT = "提示"  # a warning without a severity (波动较大, 数据缺报) is a prompt to check, not a red/yellow alarm


def warning_card(status: pd.Series | None) -> tuple[str, str] | None:
    """(title, reason) of the warning card, 预警（波动较大，提示） or 预警（预计难以达标，红色）; None without one."""
    if status is None or fmt.is_missing(status.get("warnings")) or len(status["warnings"]) == 0:
        return None
    severity = status.get("warning_severity")
    level = WARNING_HINT if fmt.is_missing(severity) else str(severity)
    reason = status.get("reason")
    return f"预警（{'、'.join(status['warnings'])}，{level}）", fmt.MISSING if fmt.is_missing(reason) else str(reason)


def status_row(statuses: pd.DataFrame, indicator_id: str) -> pd.Series | None:
    """The total status row of the indicator, None when the engine gave none."""
    rows = statuses[(statuses["indicator_id"] == indicator_id) & statuses["subgroup"].isna()]
    return rows.iloc[0] if not rows.empty else None


def build_catalogue_indicators(indicators: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The area's indicators as the plan states them: 编号, 指标, 目标, 类型, 规划原文."""
    kinds = {config.KIND_TARGET: "数值目标", config.KIND_DIRECTION: "方向目标", config.KIND_QUALITATIVE: "定性目标"}
    rows = indicators[indicators["area_id"] == area_id]
    return pd.DataFrame(
        {
            "编号": rows["indicator_id"],
            "指标": rows["name"],
            "目标": [
                fmt.format_target(_clean(o), t, _clean(u)) for o, t, u in zip(rows["op"], rows["target"], rows["unit"])
            ],
            "类型": rows["kind"].map(kinds),
            "规划原文": rows["quote"],
        }
    ).reset_index(drop=True)


def build_indicator_chart(
    info: IndicatorInfo, observations: pd.DataFrame, statuses: pd.DataFrame, reference: pd.DataFrame, year: int
) -> alt.LayerChart | None:
    """The trend chart (Altair) of a numeric indicator up to the year; None without values."""
    series = build_series(observations, info.indicator_id, year, info.unit)
    if series.empty:
        return None
    status = status_row(statuses, info.indicator_id)
    projection = build_projection(status) if status is not None else None
    national = national_reference(build_reference(reference, info.indicator_id))
    return build_trend_chart(
        series,
        unit=info.unit,
        target=info.target,
        band=target_band(info),
        projection=projection,
        reference=national[["year", "value"]],
    )

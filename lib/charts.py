"""Altair chart builders for the dashboard. Pure: frames in, alt.Chart out, nothing drawn."""
from __future__ import annotations

import altair as alt
import pandas as pd

from lib import config

SERIES_VALUE = f"{config.REGION}"
SERIES_REFERENCE = "全国参考值"
SERIES_PROJECTION = f"预测至{config.TARGET_YEAR}年"
SERIES_TARGET = "规划目标"
POINT_REAL = "统计数据"
POINT_SAMPLE = config.SAMPLE_LABEL
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"


def _series_scale() -> alt.Scale:
    colors = config.SERIES_COLORS
    return alt.Scale(
        domain=[SERIES_VALUE, SERIES_REFERENCE, SERIES_PROJECTION, SERIES_TARGET],
        range=[colors["value"], colors["reference"], colors["projection"], colors["target"]],
    )


def status_scale(statuses: tuple[str, ...] = config.ALL_STATUSES) -> alt.Scale:
    """The one status palette as an Altair colour scale."""
    return alt.Scale(domain=list(statuses), range=[config.STATUS_COLORS[s] for s in statuses])


def _year_x(first_year: int) -> alt.X:
    return alt.X(
        "year:Q",
        title="年份",
        scale=alt.Scale(domain=[first_year, config.TARGET_YEAR], nice=False),
        axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=14, titleFontSize=14),
    )


def _value_y(unit: str | None) -> alt.Y:
    title = f"数值（{unit}）" if unit else "数值"
    return alt.Y(
        "value:Q", title=title, scale=alt.Scale(zero=False),
        axis=alt.Axis(labelFontSize=14, titleFontSize=14),
    )


def _styled(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return chart.configure(font=FONT).configure_legend(
        orient="bottom", labelFontSize=14, titleFontSize=14, labelLimit=400,
    )


def _value_layers(values: pd.DataFrame, x: alt.X, y: alt.Y) -> list[alt.Chart]:
    frame = values.assign(
        series=SERIES_VALUE,
        point_kind=values["is_sample"].map({True: POINT_SAMPLE, False: POINT_REAL}),
    )
    tooltip = [alt.Tooltip("year:Q", title="年份", format="d"),
               alt.Tooltip("label:N", title="数值"), alt.Tooltip("point_kind:N", title="数据性质")]
    if "label" not in frame:
        frame = frame.assign(label=frame["value"].round(2).astype(str))
    base = alt.Chart(frame)
    line = base.mark_line(strokeWidth=3).encode(x=x, y=y, color=alt.Color("series:N", scale=_series_scale(), title="图例"))
    points = base.mark_point(size=120, strokeWidth=2.5, filled=False).encode(
        x=x, y=y, color=alt.Color("series:N", scale=_series_scale(), title="图例"),
        shape=alt.Shape("point_kind:N", title="数据性质",
                        scale=alt.Scale(domain=[POINT_REAL, POINT_SAMPLE], range=["circle", "diamond"])),
        tooltip=tooltip,
    )
    return [line, points]


def _target_layer(target: float, band: tuple[float, float] | None) -> alt.Chart:
    frame = pd.DataFrame({"target": [target], "series": [SERIES_TARGET],
                          "low": [band[0] if band else target], "high": [band[1] if band else target]})
    color = alt.Color("series:N", scale=_series_scale(), title="图例")
    if band:
        return alt.Chart(frame).mark_rect(opacity=0.18).encode(
            y="low:Q", y2="high:Q", color=color, tooltip=[alt.Tooltip("target:Q", title="目标")])
    return alt.Chart(frame).mark_rule(strokeDash=[8, 4], strokeWidth=2.5).encode(
        y="target:Q", color=color, tooltip=[alt.Tooltip("target:Q", title="目标")])


def _projection_layer(projection: pd.DataFrame, x: alt.X, y: alt.Y) -> alt.Chart:
    frame = projection.assign(series=SERIES_PROJECTION)
    return alt.Chart(frame).mark_line(strokeDash=[6, 4], strokeWidth=2.5, point=True).encode(
        x=x, y=y, color=alt.Color("series:N", scale=_series_scale(), title="图例"),
        tooltip=[alt.Tooltip("year:Q", title="年份", format="d"), alt.Tooltip("value:Q", title="预测值", format=".2f")],
    )


def _reference_layer(reference: pd.DataFrame, x: alt.X, y: alt.Y) -> alt.Chart:
    frame = reference.assign(series=SERIES_REFERENCE)
    return alt.Chart(frame).mark_line(strokeWidth=2, point=True, opacity=0.8).encode(
        x=x, y=y, color=alt.Color("series:N", scale=_series_scale(), title="图例"),
        tooltip=[alt.Tooltip("year:Q", title="年份", format="d"), alt.Tooltip("value:Q", title="全国", format=".2f")],
    )


def build_trend_chart(
    values: pd.DataFrame,
    *,
    unit: str | None = None,
    target: float | None = None,
    band: tuple[float, float] | None = None,
    projection: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    height: int = 360,
) -> alt.LayerChart:
    """Values by year (columns year, value, is_sample[, label]) with target, projection and reference.

    projection and reference have columns year, value; a band is (low, high) around the target.
    """
    years = [values["year"].min()]
    if reference is not None and not reference.empty:
        years.append(reference["year"].min())
    x, y = _year_x(int(min(years))), _value_y(unit)
    layers = _value_layers(values, x, y)
    if target is not None:
        layers.insert(0, _target_layer(target, band))
    if projection is not None and not projection.empty:
        layers.append(_projection_layer(projection, x, y))
    if reference is not None and not reference.empty:
        layers.append(_reference_layer(reference, x, y))
    return _styled(alt.layer(*layers).properties(height=height))


def build_area_status_chart(counts: pd.DataFrame, area_order: list[str]) -> alt.Chart:
    """Stacked horizontal bars: indicators per area (columns area, status, n) coloured by status."""
    rank = {s: i for i, s in enumerate(config.ALL_STATUSES)}
    frame = counts.assign(rank=counts["status"].map(rank))
    present = tuple(s for s in config.ALL_STATUSES if s in set(frame["status"]))
    chart = alt.Chart(frame).mark_bar(height={"band": 0.7}).encode(
        y=alt.Y("area:N", sort=area_order, title=None, axis=alt.Axis(labelFontSize=15, labelLimit=240)),
        x=alt.X("n:Q", title="指标数（项）", axis=alt.Axis(tickMinStep=1, labelFontSize=14, titleFontSize=14)),
        color=alt.Color("status:N", scale=status_scale(present), title="状态", sort=list(present)),
        order=alt.Order("rank:Q"),
        tooltip=[alt.Tooltip("area:N", title="领域"), alt.Tooltip("status:N", title="状态"),
                 alt.Tooltip("n:Q", title="指标数")],
    )
    return _styled(chart.properties(height=max(40 * len(area_order), 120)))


def build_small_multiples(values: pd.DataFrame, columns: int = 3) -> alt.FacetChart:
    """One small line chart per indicator (columns name, year, value, is_sample, target) with its target rule."""
    frame = values.assign(point_kind=values["is_sample"].map({True: POINT_SAMPLE, False: POINT_REAL}))
    color = config.SERIES_COLORS
    x = alt.X("year:Q", title=None, axis=alt.Axis(format="d", tickMinStep=1, labelFontSize=12))
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(labelFontSize=12))
    line = alt.Chart().mark_line(color=color["value"], strokeWidth=2.5).encode(x=x, y=y)
    points = alt.Chart().mark_point(color=color["value"], filled=False, size=70).encode(
        x=x, y=y,
        shape=alt.Shape("point_kind:N", title="数据性质",
                        scale=alt.Scale(domain=[POINT_REAL, POINT_SAMPLE], range=["circle", "diamond"])),
        tooltip=[alt.Tooltip("name:N", title="指标"), alt.Tooltip("year:Q", title="年份", format="d"),
                 alt.Tooltip("value:Q", title="数值", format=".2f")],
    )
    rule = alt.Chart().mark_rule(color=color["target"], strokeDash=[6, 3], strokeWidth=2).encode(
        y=alt.Y("mean(target):Q"), tooltip=[alt.Tooltip("mean(target):Q", title="目标", format=".2f")],
    ).transform_filter("isValid(datum.target)")
    chart = alt.layer(line, points, rule, data=frame).properties(width=260, height=150).facet(
        facet=alt.Facet("name:N", title=None, header=alt.Header(labelFontSize=14, labelLimit=300)),
        columns=columns,
    ).resolve_scale(y="independent")
    return _styled(chart)

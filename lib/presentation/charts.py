"""Altair chart builders: one chart language for the pages, the Word report and print. Pure: frames in, chart out.

Stable API (the outputs package renders these to PNG with lib.presentation.render.to_png):

- ``build_trend_chart(values, *, unit=None, target=None, band=None, projection=None, reference=None,
  title=None) -> alt.LayerChart`` — an indicator's values over the years (columns year, value, is_sample
  [, label]), the target as a dashed line or a 左右 band (low, high), a dashed projection to the target year,
  the national reference line (projection and reference: columns year, value), hollow circles for
  statistics and diamonds for sample values, value labels, Chinese axis titles and legend, hover tooltips.
- ``build_area_status_chart(counts, area_order=None) -> alt.LayerChart`` — stacked horizontal bars of
  indicators per area (columns area, status, n) in the one status palette config.STATUS_COLORS.
- ``build_small_multiples_chart(values) -> alt.FacetChart`` — one small line chart per indicator of an area
  (columns name, year, value, is_sample, target), each with its own value scale and its target line.

Where each is drawn (docs/benchmark.md): the indicator page in the browser (st.altair_chart: hover values),
pages with many charts as server-rendered SVG, documents as PNG (lib.presentation.render).
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from lib import config
from lib.presentation import formatting as fmt

SERIES_VALUE = f"{config.REGION}"
SERIES_REFERENCE = "全国参考值"
SERIES_PROJECTION = f"预测至{config.TARGET_YEAR}年"
SERIES_TARGET = "规划目标"
POINT_REAL = "统计数据"
POINT_SAMPLE = config.SAMPLE_LABEL
FONT = "Noto Sans CJK SC"  # fonts-noto-cjk; render.py registers it for vl-convert
TARGET_MARK = "target"  # the name of the target line's mark: Vega draws it as <g class="... target_marks">
YEAR_AXIS, COUNT_AXIS = "年份", "指标数（项）"
TREND_WIDTH, TREND_HEIGHT = 820, 300
PANEL_WIDTH, PANEL_HEIGHT, PANEL_COLUMNS = 250, 110, 3
# a phone (390 px, about 350 px for a chart): one column of panels and narrow bars, drawn at about 1:1 so the
# 12-13 px labels stay legible instead of shrinking with a desktop-width image
NARROW_PANEL_WIDTH, NARROW_BARS_WIDTH = 260, 230
DASH = [6, 3]


def _num(value: float) -> str:
    return f"{float(value):.2f}".rstrip("0").rstrip(".")


def _present(frame: pd.DataFrame | None) -> bool:
    return frame is not None and not frame.empty


def value_axis_title(unit: str | None) -> str:
    """The value axis title: 数值（unit）, or 数值 without a unit."""
    return f"数值（{unit}）" if unit else "数值"


def _configure(chart):
    """Fonts and quiet frame shared by every chart."""
    return (
        chart.configure(font=FONT)
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=13, gridColor="#e9ecef")
        .configure_legend(labelFontSize=13, orient="bottom", title=None, labelLimit=400)
    )


def _year_scale(first_year: int) -> alt.Scale:
    return alt.Scale(domain=[first_year, config.TARGET_YEAR], nice=False, padding=12)


def _year_x(first_year: int, title: str | None = YEAR_AXIS) -> alt.X:
    return alt.X(
        "year:Q",
        scale=_year_scale(first_year),
        title=title,
        axis=alt.Axis(format="d", tickMinStep=1, labelOverlap=True),
    )


_SERIES_LEGEND = alt.Legend(title=None, symbolType="stroke", symbolStrokeWidth=3, symbolSize=300)


def _series_colors(names: list[str]) -> alt.Scale:
    colors = {
        SERIES_VALUE: config.SERIES_COLORS["value"],
        SERIES_TARGET: config.SERIES_COLORS["target"],
        SERIES_PROJECTION: config.SERIES_COLORS["projection"],
        SERIES_REFERENCE: config.SERIES_COLORS["reference"],
    }
    return alt.Scale(domain=names, range=[colors[n] for n in names])


# hollow markers: white inside, the value colour around (a mark's color would fill a filled point)
_HOLLOW = {"filled": False, "fill": "#fff", "stroke": config.SERIES_COLORS["value"], "opacity": 1}
_SHAPE_LEGEND = alt.Legend(title=None, symbolStrokeWidth=2, symbolSize=90)


def _point_shapes() -> alt.Scale:
    return alt.Scale(domain=[POINT_REAL, POINT_SAMPLE], range=["circle", "diamond"])


# ---------------------------------------------------------------- indicator page: trend chart
def _trend_values(values: pd.DataFrame, unit: str | None) -> pd.DataFrame:
    labels = values["label"] if "label" in values else [fmt.format_value(v, unit) for v in values["value"]]
    kinds = [POINT_SAMPLE if bool(s) else POINT_REAL for s in values["is_sample"]]
    return pd.DataFrame(
        {
            "year": values["year"].astype(int).to_numpy(),
            "value": values["value"].astype(float),
            "label": list(labels),
            "kind": kinds,
            "series": SERIES_VALUE,
        }
    )


def _value_layers(data: pd.DataFrame, x: alt.X, y: alt.Y, colors: alt.Scale) -> list:
    base = alt.Chart(data).encode(x=x, y=y)
    tooltip = [
        alt.Tooltip("year:Q", title="年份", format="d"),
        alt.Tooltip("label:N", title="数值"),
        alt.Tooltip("kind:N", title="数据"),
    ]
    line = base.mark_line(strokeWidth=3).encode(color=alt.Color("series:N", scale=colors, legend=_SERIES_LEGEND))
    points = base.mark_point(size=90, strokeWidth=2, **_HOLLOW).encode(
        shape=alt.Shape("kind:N", scale=_point_shapes(), legend=_SHAPE_LEGEND), tooltip=tooltip
    )
    labels = base.mark_text(dy=-14, fontWeight=600, fontSize=13).encode(text="label:N")
    return [line, points, labels]


def _target_layers(target: float, band: tuple[float, float] | None, unit: str | None, colors: alt.Scale) -> list:
    value = fmt.format_value(target, unit)
    tip = f"{SERIES_TARGET}：{value}" + (f"左右（{_num(band[0])}–{_num(band[1])}）" if band else "")
    row = pd.DataFrame(
        {
            "value": [float(target)],
            "tip": [tip],
            "series": [SERIES_TARGET],
            "low": [band[0] if band else target],
            "high": [band[1] if band else target],
        }
    )
    base = alt.Chart(row)
    layers = []
    if band is not None:
        layers.append(
            base.mark_rect(opacity=0.15, color=config.SERIES_COLORS["target"]).encode(
                y="low:Q", y2="high:Q", tooltip=alt.Tooltip("tip:N", title=SERIES_TARGET)
            )
        )
    rule = (
        base.mark_rule(strokeWidth=2.5, strokeDash=DASH)
        .encode(
            y="value:Q",
            color=alt.Color("series:N", scale=colors, legend=_SERIES_LEGEND),
            tooltip=alt.Tooltip("tip:N", title=SERIES_TARGET),
        )
        .properties(name=TARGET_MARK)
    )
    text = base.mark_text(align="left", dx=6, dy=-8, fontSize=13, color=config.SERIES_COLORS["target"]).encode(
        y="value:Q", x=alt.value(0), text="tip:N"
    )
    return [*layers, rule, text]


def _line_layers(
    frame: pd.DataFrame, series: str, x: alt.X, y: alt.Y, colors: alt.Scale, dashed: bool, unit: str | None
) -> list:
    data = (
        frame[["year", "value"]]
        .astype({"year": int, "value": float})
        .assign(series=series, label=[fmt.format_value(v, unit) for v in frame["value"]])
    )
    base = alt.Chart(data).encode(x=x, y=y, color=alt.Color("series:N", scale=colors, legend=_SERIES_LEGEND))
    tooltip = [
        alt.Tooltip("series:N", title="系列"),
        alt.Tooltip("year:Q", title="年份", format="d"),
        alt.Tooltip("label:N", title="数值"),
    ]
    line = base.mark_line(strokeWidth=2.5, strokeDash=DASH if dashed else [1, 0])
    points = base.mark_point(size=50, filled=True, opacity=1).encode(tooltip=tooltip)
    if not dashed:
        return [line, points]
    end = (
        alt.Chart(data.tail(1))
        .mark_text(dy=-12, fontSize=13, color=config.SERIES_COLORS["projection"])
        .encode(x=x, y=y, text="label:N")
    )  # the projected value at the target year
    return [line, points, end]


def _levels(
    values: pd.DataFrame, extra: list[pd.DataFrame], target: float | None, band: tuple[float, float] | None
) -> list[float]:
    return [
        *values["value"],
        *(v for f in extra for v in f["value"]),
        *(band or ()),
        *([target] if target is not None else []),
    ]


def build_trend_chart(
    values: pd.DataFrame,
    *,
    unit: str | None = None,
    target: float | None = None,
    band: tuple[float, float] | None = None,
    projection: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
    title: str | None = None,
) -> alt.LayerChart:
    """Values by year (columns year, value, is_sample[, label]) with target or band, projection and reference.

    The year axis runs to the target year; every point has a tooltip; sample values are diamonds. The
    inputs are not modified.
    """
    extra = [f for f in (projection, reference) if _present(f)]
    first_year = int(min([values["year"].min(), *(f["year"].min() for f in extra)]))
    levels = _levels(values, extra, target, band)
    names = [
        SERIES_VALUE,
        *([SERIES_TARGET] if target is not None else []),
        *([SERIES_PROJECTION] if _present(projection) else []),
        *([SERIES_REFERENCE] if _present(reference) else []),
    ]
    colors = _series_colors(names)
    x = _year_x(first_year)
    y = alt.Y(
        "value:Q",
        title=value_axis_title(unit),
        scale=alt.Scale(zero=False, domain=[min(levels), max(levels)], nice=True),
    )
    layers = _target_layers(target, band, unit, colors) if target is not None else []
    if _present(reference):
        layers += _line_layers(reference, SERIES_REFERENCE, x, y, colors, False, unit)
    if _present(projection):
        layers += _line_layers(projection, SERIES_PROJECTION, x, y, colors, True, unit)
    layers += _value_layers(_trend_values(values, unit), x, y, colors)
    chart = alt.layer(*layers).properties(width=TREND_WIDTH, height=TREND_HEIGHT)
    if title:
        chart = chart.properties(title=title)
    return _configure(chart.resolve_scale(color="shared"))


# ---------------------------------------------------------------- overview: status per area
def build_area_status_chart(
    counts: pd.DataFrame, area_order: list[str] | None = None, narrow: bool = False
) -> alt.LayerChart:
    """Stacked horizontal bars: indicators per area (columns area, status, n) in the status palette.

    Areas in area_order (default: as they come), statuses in config.ALL_STATUSES order; each segment shows
    its count and names area, status and count on hover.
    """
    present = [s for s in config.ALL_STATUSES if s in set(counts["status"])]
    order = area_order or list(dict.fromkeys(counts["area"]))
    data = counts.assign(
        n=counts["n"].astype(int),
        rank=counts["status"].map(present.index),
        tip=[f"{a} · {s}：{int(n)}项" for a, s, n in zip(counts["area"], counts["status"], counts["n"])],
    )
    base = alt.Chart(data).encode(
        y=alt.Y("area:N", sort=order, title=None, axis=alt.Axis(labelFontSize=13, labelLimit=200)),
        x=alt.X("sum(n):Q", title=COUNT_AXIS, stack="zero", axis=alt.Axis(tickMinStep=1, format="d")),
        order=alt.Order("rank:Q"),
    )
    bars = base.mark_bar(height={"band": 0.75}).encode(
        color=alt.Color(
            "status:N",
            scale=alt.Scale(domain=present, range=[config.STATUS_COLORS[s] for s in present]),
            legend=alt.Legend(title=None, columns=3 if narrow else 6),
        ),
        tooltip=[
            alt.Tooltip("area:N", title="领域"),
            alt.Tooltip("status:N", title="状态"),
            alt.Tooltip("n:Q", title="项数"),
        ],
        description="tip:N",
    )
    labels = base.mark_text(color="#fff", fontWeight=600, fontSize=12, dx=-3, align="right", aria=False).encode(
        x=alt.X("sum(n):Q", stack="zero", bandPosition=1), text="n:Q", detail="status:N"
    )
    width = NARROW_BARS_WIDTH if narrow else TREND_WIDTH
    chart = alt.layer(bars, labels).properties(width=width, height=alt.Step(34))
    return _configure(chart)


# ---------------------------------------------------------------- area pages: small multiples
def build_small_multiples_chart(
    values: pd.DataFrame, narrow: bool = False, columns: int = PANEL_COLUMNS
) -> alt.FacetChart:
    """One small chart per indicator (columns name, year, value, is_sample, target), names in order.

    Each panel: its own value scale, the values with circles for statistics and diamonds for sample values,
    the target (when the indicator has one) as a dashed green line; the year axis runs to the target year.
    """
    kinds = [POINT_SAMPLE if bool(s) else POINT_REAL for s in values["is_sample"]]
    units = values["unit"] if "unit" in values else pd.Series([None] * len(values), index=values.index)
    shown = [(lambda v, u=u: fmt.format_value(v, u)) if "unit" in values else _num for u in units]  # one rounding rule
    data = values.assign(
        year=values["year"].astype(int),
        value=values["value"].astype(float),
        kind=kinds,
        tip=[
            f"{int(y)}年：{f(v)}" + (f"（{POINT_SAMPLE}）" if k == POINT_SAMPLE else "")
            for y, v, k, f in zip(values["year"], values["value"], kinds, shown)
        ],
        target_tip=[
            f"{SERIES_TARGET}：{f(t)}" if t == t and t is not None else "" for t, f in zip(values["target"], shown)
        ],
    )[["name", "year", "value", "kind", "tip", "target", "target_tip"]]
    first_year = int(data["year"].min())
    x = alt.X(
        "year:Q",
        scale=_year_scale(first_year),
        title=None,
        axis=alt.Axis(values=[first_year, config.TARGET_YEAR], format="d", grid=False),
    )
    y = alt.Y("value:Q", title=None, scale=alt.Scale(zero=False), axis=alt.Axis(tickCount=3, grid=True))
    base = alt.Chart().encode(x=x, y=y)
    line = base.mark_line(strokeWidth=2.5, color=config.SERIES_COLORS["value"], aria=False)
    points = base.mark_point(size=40, strokeWidth=2, **_HOLLOW).encode(
        shape=alt.Shape("kind:N", scale=_point_shapes(), legend=_SHAPE_LEGEND), description="tip:N"
    )
    rule = (
        alt.Chart()
        .transform_filter("isValid(datum.target)")
        .mark_rule(
            strokeWidth=2,
            strokeDash=DASH,
            color=config.SERIES_COLORS["target"],
        )
        .encode(y=alt.Y("mean(target):Q"), description="min(target_tip):N")
        .properties(name=TARGET_MARK)
    )
    panel = NARROW_PANEL_WIDTH if narrow else PANEL_WIDTH
    layered = alt.layer(rule, line, points, data=data).properties(width=panel, height=PANEL_HEIGHT)
    chart = layered.facet(
        facet=alt.Facet(
            "name:N",
            title=None,
            sort=list(pd.unique(data["name"])),  # the order given: plan order
            header=alt.Header(
                labelFontSize=13, labelFontWeight="bold", labelLimit=panel + (0 if narrow else 40), labelAnchor="start"
            ),
        ),
        columns=1 if narrow else columns,
        spacing={"row": 18, "column": 28},
    ).resolve_scale(y="independent")
    return _configure(chart)


SMALL_MULTIPLES_LEGEND = (
    f"实线：数值（○ {POINT_REAL}，◇ {POINT_SAMPLE}）；绿色虚线：{SERIES_TARGET}；横轴至{config.TARGET_YEAR}年"
)

"""Chart builders for the dashboard. Pure: frames in, an alt.Chart or an HTML/SVG string out, nothing drawn."""
from __future__ import annotations

from html import escape

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


# ---------------------------------------------------------------- static SVG
# The area pages draw many small panels: as inline SVG they need no Vega bundle in the browser,
# which is most of such a page's time to full render (see docs/benchmark.md).
PANEL_W, PANEL_H, PAD_L, PAD_R, PAD_T, PAD_B = 300, 150, 52, 14, 12, 26


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _scaler(low: float, high: float, start: float, end: float):
    span = (high - low) or 1.0
    return lambda v: start + (float(v) - low) / span * (end - start)


def build_sparkline_svg(values: list[float], width: int = 110, height: int = 28) -> str:
    """A tiny trend line (no axes) for a table cell; an empty string without values."""
    points = [float(v) for v in values if v == v]
    if not points:
        return ""
    sx = _scaler(0, max(len(points) - 1, 1), 3, width - 3)
    sy = _scaler(min(points), max(points), height - 3, 3)
    coords = " ".join(f"{sx(i):.1f},{sy(v):.1f}" for i, v in enumerate(points))
    color = config.SERIES_COLORS["value"]
    last = f'<circle cx="{sx(len(points) - 1):.1f}" cy="{sy(points[-1]):.1f}" r="2.5" fill="{color}"/>'
    return (f'<svg width="{width}" height="{height}" role="img" aria-label="趋势">'
            f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2"/>{last}</svg>')


def _marker(x: float, y: float, sample: bool, tip: str) -> str:
    color = config.SERIES_COLORS["value"]
    shape = (f'<path d="M{x:.1f},{y - 5:.1f}L{x + 5:.1f},{y:.1f}L{x:.1f},{y + 5:.1f}L{x - 5:.1f},{y:.1f}Z"'
             if sample else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"')
    return f'{shape} fill="#fff" stroke="{color}" stroke-width="2"><title>{escape(tip)}</title>' + (
        "</path>" if sample else "</circle>")


def _panel_svg(rows: pd.DataFrame, first_year: int) -> str:
    target = rows["target"].dropna()
    levels = [*rows["value"], *target.head(1)]
    low, high = min(levels), max(levels)
    sx = _scaler(first_year, config.TARGET_YEAR, PAD_L, PANEL_W - PAD_R)
    sy = _scaler(low, high, PANEL_H - PAD_B, PAD_T)
    grey, color = "#868e96", config.SERIES_COLORS["value"]
    parts = [f'<line x1="{PAD_L}" y1="{PANEL_H - PAD_B}" x2="{PANEL_W - PAD_R}" y2="{PANEL_H - PAD_B}" stroke="{grey}"/>']
    for value in (low, high):
        parts.append(f'<text x="{PAD_L - 6}" y="{sy(value) + 4:.1f}" text-anchor="end">{_num(value)}</text>')
    for year in (first_year, config.TARGET_YEAR):
        parts.append(f'<text x="{sx(year):.1f}" y="{PANEL_H - 6}" text-anchor="middle">{year}</text>')
    if not target.empty:
        y = sy(target.iloc[0])
        parts.append(f'<line x1="{PAD_L}" y1="{y:.1f}" x2="{PANEL_W - PAD_R}" y2="{y:.1f}" stroke="'
                     f'{config.SERIES_COLORS["target"]}" stroke-width="2" stroke-dasharray="6 3">'
                     f'<title>规划目标：{_num(target.iloc[0])}</title></line>')
    coords = " ".join(f"{sx(x):.1f},{sy(v):.1f}" for x, v in zip(rows["year"], rows["value"]))
    parts.append(f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="2.5"/>')
    for year, value, sample in zip(rows["year"], rows["value"], rows["is_sample"]):
        tip = f"{int(year)}年：{_num(value)}" + (f"（{POINT_SAMPLE}）" if sample else "")
        parts.append(_marker(sx(year), sy(value), bool(sample), tip))
    return (f'<svg viewBox="0 0 {PANEL_W} {PANEL_H}" width="100%" role="img" '
            f'font-size="12" font-family="{FONT}" fill="#333">{"".join(parts)}</svg>')


SMALL_MULTIPLES_CSS = (
    "<style>.bs-sm{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:0.6rem 1.2rem}"
    ".bs-sm figure{margin:0}.bs-sm figcaption{font-size:0.95rem;font-weight:600;line-height:1.3}"
    ".bs-sm-legend{font-size:0.9rem;color:#555;margin-bottom:0.4rem}</style>"
)


def build_small_multiples_svg(values: pd.DataFrame) -> str:
    """One small inline-SVG line chart per indicator (columns name, year, value, is_sample, target).

    Each panel: the values, circles for statistics and diamonds for sample values, the target
    as a dashed green line; every point carries a tooltip.
    """
    first_year = int(values["year"].min())
    panels = [f"<figure><figcaption>{escape(str(name))}</figcaption>{_panel_svg(rows, first_year)}</figure>"
              for name, rows in values.sort_values(["name", "year"]).groupby("name", sort=True)]
    legend = (f'<div class="bs-sm-legend">实线：数值（○ {POINT_REAL}，◇ {POINT_SAMPLE}）；'
              f'绿色虚线：{SERIES_TARGET}；横轴至{config.TARGET_YEAR}年</div>')
    return f'{SMALL_MULTIPLES_CSS}{legend}<div class="bs-sm">{"".join(panels)}</div>'


BARS_CSS = (
    "<style>.bs-bars{display:grid;grid-template-columns:max-content 1fr;gap:0.45rem 0.8rem;align-items:center}"
    ".bs-bars .bs-bar-label{font-size:1rem;white-space:nowrap}.bs-bar{display:flex;height:1.9rem}"
    ".bs-bar span{color:#fff;font-weight:600;font-size:0.9rem;display:flex;align-items:center;"
    "justify-content:center;overflow:hidden}.bs-legend{display:flex;flex-wrap:wrap;gap:0.4rem 1rem;"
    "margin-top:0.7rem;font-size:0.95rem}.bs-legend i{display:inline-block;width:0.9em;height:0.9em;"
    "margin-right:0.3em;vertical-align:-0.1em}</style>"
)


def build_area_status_bars(counts: pd.DataFrame, area_order: list[str]) -> str:
    """Stacked horizontal bars as HTML: indicators per area (columns area, status, n) in the status palette.

    Bar lengths share one scale (the largest area fills the width); each segment shows its count and
    names area, status and count on hover.
    """
    present = [s for s in config.ALL_STATUSES if s in set(counts["status"])]
    widest = max(counts.groupby("area")["n"].sum().max(), 1)
    rows = []
    for area in area_order:
        mine = counts[counts["area"] == area].set_index("status")["n"]
        segments = "".join(
            f'<span style="width:{100 * mine[s] / widest:.2f}%;background:{config.STATUS_COLORS[s]}" '
            f'title="{escape(area)} · {s}：{int(mine[s])}项">{int(mine[s])}</span>'
            for s in present if s in mine.index)
        rows.append(f'<div class="bs-bar-label">{escape(area)}</div><div class="bs-bar">{segments}</div>')
    legend = "".join(f'<span><i style="background:{config.STATUS_COLORS[s]}"></i>{s}</span>' for s in present)
    return (f'{BARS_CSS}<div class="bs-bars" role="img" aria-label="各领域指标状态">{"".join(rows)}</div>'
            f'<div class="bs-legend">{legend}</div>')

"""Chart builders for the dashboard. Pure: frames in, an HTML/SVG string out, nothing drawn.

Every chart is server-built inline SVG or HTML: no Vega bundle is loaded in the browser, which was most
of a chart page's time to full render (see docs/benchmark.md).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import pandas as pd

from lib import config
from lib.presentation import formatting as fmt

SERIES_VALUE = f"{config.REGION}"
SERIES_REFERENCE = "全国参考值"
SERIES_PROJECTION = f"预测至{config.TARGET_YEAR}年"
SERIES_TARGET = "规划目标"
POINT_REAL = "统计数据"
POINT_SAMPLE = config.SAMPLE_LABEL
FONT = "Noto Sans CJK SC, WenQuanYi Micro Hei, sans-serif"
GREY, GRID = "#868e96", "#e9ecef"


# ---------------------------------------------------------------- shared SVG pieces
@dataclass(frozen=True)
class Frame:
    """An SVG canvas and the padding around its plotting area."""
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int

    @property
    def base(self) -> int:
        return self.height - self.bottom

    def xs(self, first_year: int):
        """Year -> x, from the first year to the target year."""
        return _scaler(first_year, config.TARGET_YEAR, self.left, self.width - self.right)

    def ys(self, low: float, high: float):
        """Value -> y, low at the bottom."""
        return _scaler(low, high, self.base, self.top)


PANEL = Frame(300, 150, 52, 14, 12, 26)
TREND = Frame(880, 340, 70, 24, 18, 48)


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _scaler(low: float, high: float, start: float, end: float):
    span = (high - low) or 1.0
    return lambda v: start + (float(v) - low) / span * (end - start)


def _svg(frame: Frame, parts: list[str], font_size: int, label: str = "") -> str:
    aria = f' aria-label="{escape(label)}"' if label else ""
    return (f'<svg viewBox="0 0 {frame.width} {frame.height}" width="100%" role="img"{aria} '
            f'font-size="{font_size}" font-family="{FONT}" fill="#333">{"".join(parts)}</svg>')


def _polyline(points: list[tuple[float, float]], color: str, width: float, dash: str = "") -> str:
    """A line through the points; nothing for a single point (its marker stands alone)."""
    if len(points) < 2:
        return ""
    coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    dashed = f' stroke-dasharray="{dash}"' if dash else ""
    return f'<polyline points="{coords}" fill="none" stroke="{color}" stroke-width="{width}"{dashed}/>'


def _target_line(frame: Frame, y: float, tip: str, width: float = 2) -> str:
    return (f'<line x1="{frame.left}" y1="{y:.1f}" x2="{frame.width - frame.right}" y2="{y:.1f}" stroke="'
            f'{config.SERIES_COLORS["target"]}" stroke-width="{width}" stroke-dasharray="6 3">'
            f'<title>{escape(tip)}</title></line>')


def _text(x: float, y: float, text: str, anchor: str = "middle", extra: str = "") -> str:
    return f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(text)}</text>'


def _marker(x: float, y: float, sample: bool, tip: str, size: float = 4) -> str:
    """A hollow circle for a statistic, a hollow diamond for a sample value, with its tooltip."""
    color, d = config.SERIES_COLORS["value"], size + 1
    shape = (f'<path d="M{x:.1f},{y - d:.1f}L{x + d:.1f},{y:.1f}L{x:.1f},{y + d:.1f}L{x - d:.1f},{y:.1f}Z"'
             if sample else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{_num(size)}"')
    return f'{shape} fill="#fff" stroke="{color}" stroke-width="2"><title>{escape(tip)}</title>' + (
        "</path>" if sample else "</circle>")


def _dot(x: float, y: float, color: str, tip: str) -> str:
    return (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}" stroke="{color}">'
            f'<title>{escape(tip)}</title></circle>')


def build_sparkline_svg(values: list[float], width: int = 110, height: int = 28) -> str:
    """A tiny trend line (no axes) for a table cell; an empty string without values."""
    points = [float(v) for v in values if v == v]
    if not points:
        return ""
    sx = _scaler(0, max(len(points) - 1, 1), 3, width - 3)
    sy = _scaler(min(points), max(points), height - 3, 3)
    color = config.SERIES_COLORS["value"]
    last = f'<circle cx="{sx(len(points) - 1):.1f}" cy="{sy(points[-1]):.1f}" r="2.5" fill="{color}"/>'
    line = _polyline([(sx(i), sy(v)) for i, v in enumerate(points)], color, 2)
    return f'<svg width="{width}" height="{height}" role="img" aria-label="趋势">{line}{last}</svg>'


# ---------------------------------------------------------------- area pages: small multiples
def _panel_svg(rows: pd.DataFrame, first_year: int) -> str:
    unit = rows["unit"].iloc[0] if "unit" in rows else None
    shown = (lambda v: fmt.format_value(v, unit)) if "unit" in rows else _num  # the one rounding rule
    target = rows["target"].dropna()
    levels = [*rows["value"], *target.head(1)]
    low, high = min(levels), max(levels)
    sx, sy = PANEL.xs(first_year), PANEL.ys(low, high)
    parts = [f'<line x1="{PANEL.left}" y1="{PANEL.base}" x2="{PANEL.width - PANEL.right}" y2="{PANEL.base}" '
             f'stroke="{GREY}"/>']
    parts += [_text(PANEL.left - 6, sy(value) + 4, shown(value), "end") for value in (low, high)]
    parts += [_text(sx(year), PANEL.height - 6, str(year)) for year in (first_year, config.TARGET_YEAR)]
    if not target.empty:
        parts.append(_target_line(PANEL, sy(target.iloc[0]), f"{SERIES_TARGET}：{shown(target.iloc[0])}"))
    parts.append(_polyline([(sx(x), sy(v)) for x, v in zip(rows["year"], rows["value"])],
                           config.SERIES_COLORS["value"], 2.5))
    for year, value, sample in zip(rows["year"], rows["value"], rows["is_sample"]):
        tip = f"{int(year)}年：{shown(value)}" + (f"（{POINT_SAMPLE}）" if sample else "")
        parts.append(_marker(sx(year), sy(value), bool(sample), tip))
    return _svg(PANEL, parts, 12)


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
    panels = [f"<figure><figcaption>{escape(str(name))}</figcaption>{_panel_svg(rows.sort_values('year'), first_year)}"
              "</figure>" for name, rows in values.groupby("name", sort=False)]  # in the order given: plan order
    legend = (f'<div class="bs-sm-legend">实线：数值（○ {POINT_REAL}，◇ {POINT_SAMPLE}）；'
              f'绿色虚线：{SERIES_TARGET}；横轴至{config.TARGET_YEAR}年</div>')
    return f'{SMALL_MULTIPLES_CSS}{legend}<div class="bs-sm">{"".join(panels)}</div>'


# ---------------------------------------------------------------- indicator page: trend chart
TREND_CSS = (
    "<style>.bs-trend svg{display:block;max-width:1100px}.bs-trend-legend{display:flex;flex-wrap:wrap;"
    "gap:0.3rem 1.4rem;font-size:0.95rem;color:#444;margin:0.3rem 0 0.6rem 0}.bs-trend-legend i{display:inline-block;"
    "width:1.8em;height:0;vertical-align:middle;margin-right:0.35em}</style>"
)


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high, about count intervals."""
    if high == low:
        low, high = low - (abs(low) * 0.1 or 1), high + (abs(high) * 0.1 or 1)
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start, stop = math.floor(low / step) * step, math.ceil(high / step) * step
    return [start + i * step for i in range(round((stop - start) / step) + 1)]


def _axes(ticks: list[float], first_year: int, sx, sy, unit: str | None) -> list[str]:
    right = TREND.width - TREND.right
    parts = [f'<line x1="{TREND.left}" y1="{sy(t):.1f}" x2="{right}" y2="{sy(t):.1f}" stroke="{GRID}"/>'
             for t in ticks]
    parts += [_text(TREND.left - 8, sy(t) + 5, _num(t), "end") for t in ticks]
    parts.append(f'<line x1="{TREND.left}" y1="{TREND.base}" x2="{right}" y2="{TREND.base}" stroke="{GREY}"/>')
    span = config.TARGET_YEAR - first_year
    step = 1 if span <= 10 else 2 if span <= 20 else 5
    parts += [_text(sx(y), TREND.base + 20, str(y)) for y in range(first_year, config.TARGET_YEAR + 1)
              if (config.TARGET_YEAR - y) % step == 0]
    parts.append(_text((TREND.left + right) / 2, TREND.height - 4, "年份"))
    title = f"数值（{unit}）" if unit else "数值"
    middle = (TREND.top + TREND.base) / 2
    parts.append(_text(16, middle, title, extra=f' transform="rotate(-90 16 {middle:.1f})"'))
    return parts


def _target_marks(target: float, band: tuple[float, float] | None, sy, unit: str | None) -> list[str]:
    value = fmt.format_value(target, unit)
    if band is None:
        tip = f"{SERIES_TARGET}：{value}"
        parts = []
    else:
        tip = f"{SERIES_TARGET}：{value}左右（{_num(band[0])}–{_num(band[1])}）"
        top, bottom = sy(band[1]), sy(band[0])
        parts = [f'<rect x="{TREND.left}" y="{top:.1f}" width="{TREND.width - TREND.left - TREND.right}" '
                 f'height="{bottom - top:.1f}" fill="{config.SERIES_COLORS["target"]}" fill-opacity="0.15">'
                 f'<title>{escape(tip)}</title></rect>']
    y = sy(target)
    parts.append(_target_line(TREND, y, tip, 2.5))
    # at the left end: the projection, when there is one, ends at the right
    parts.append(_text(TREND.left + 6, y - 6, tip, "start", f' fill="{config.SERIES_COLORS["target"]}" font-size="13"'))
    return parts


def _reference_marks(reference: pd.DataFrame, sx, sy) -> list[str]:
    color = config.SERIES_COLORS["reference"]
    points = [(sx(y), sy(v)) for y, v in zip(reference["year"], reference["value"])]
    dots = [_dot(x, y, color, f"{SERIES_REFERENCE} {int(year)}年：{_num(v)}")
            for (x, y), year, v in zip(points, reference["year"], reference["value"])]
    return [_polyline(points, color, 2), *dots]


def _projection_marks(projection: pd.DataFrame, sx, sy, unit: str | None) -> list[str]:
    color = config.SERIES_COLORS["projection"]
    points = [(sx(y), sy(v)) for y, v in zip(projection["year"], projection["value"])]
    end_year, end_value = int(projection["year"].iloc[-1]), projection["value"].iloc[-1]
    (x, y), label = points[-1], fmt.format_value(end_value, unit)
    end = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="#fff" stroke="{color}" stroke-width="2">'
           f'<title>{escape(f"预测{end_year}年：{label}")}</title></circle>')
    return [_polyline(points, color, 2.5, "6 4"), end, _text(x, y - 10, label, extra=f' fill="{color}"')]


def _value_marks(values: pd.DataFrame, sx, sy, unit: str | None) -> list[str]:
    labels = values["label"] if "label" in values else [fmt.format_value(v, unit) for v in values["value"]]
    points = [(sx(y), sy(v)) for y, v in zip(values["year"], values["value"])]
    parts = [_polyline(points, config.SERIES_COLORS["value"], 3)]
    for (x, y), year, label, sample in zip(points, values["year"], labels, values["is_sample"]):
        tip = f"{int(year)}年：{label}" + (f"（{POINT_SAMPLE}）" if sample else "")
        parts += [_marker(x, y, bool(sample), tip, 5), _text(x, y - 11, str(label), extra=' font-weight="600"')]
    return parts


def _trend_legend(band: bool, target: bool, projection: bool, reference: bool) -> str:
    colors = config.SERIES_COLORS
    items = [(f"border-top:3px solid {colors['value']}", f"{SERIES_VALUE}（○ {POINT_REAL}，◇ {POINT_SAMPLE}）")]
    if target:
        items.append((f"border-top:3px dashed {colors['target']}" + (
            f";height:0.8em;background:{colors['target']}26" if band else ""),
            f"{SERIES_TARGET}（左右区间）" if band else SERIES_TARGET))
    if projection:
        items.append((f"border-top:3px dashed {colors['projection']}", SERIES_PROJECTION))
    if reference:
        items.append((f"border-top:3px solid {colors['reference']}", SERIES_REFERENCE))
    spans = "".join(f'<span><i style="{style}"></i>{escape(text)}</span>' for style, text in items)
    return f'<div class="bs-trend-legend">{spans}</div>'


def _present(frame: pd.DataFrame | None) -> bool:
    return frame is not None and not frame.empty


def build_trend_svg(
    values: pd.DataFrame,
    *,
    unit: str | None = None,
    target: float | None = None,
    band: tuple[float, float] | None = None,
    projection: pd.DataFrame | None = None,
    reference: pd.DataFrame | None = None,
) -> str:
    """Values by year (columns year, value, is_sample[, label]) with target or band, projection and reference.

    projection and reference have columns year, value; a band is (low, high) around the target. Every
    point is labelled and carries a tooltip; sample values are hollow diamonds; the x axis ends at the
    target year. Returns the chart as inline SVG with its legend (HTML).
    """
    extra = [f for f in (projection, reference) if _present(f)]
    first_year = int(min([values["year"].min(), *(f["year"].min() for f in extra)]))
    levels = [*values["value"], *(v for f in extra for v in f["value"]), *(band or ()),
              *([target] if target is not None else [])]
    ticks = _nice_ticks(min(levels), max(levels))
    sx, sy = TREND.xs(first_year), TREND.ys(ticks[0], ticks[-1])
    parts = _axes(ticks, first_year, sx, sy, unit)
    if target is not None:
        parts += _target_marks(target, band, sy, unit)
    if _present(reference):
        parts += _reference_marks(reference, sx, sy)
    if _present(projection):
        parts += _projection_marks(projection, sx, sy, unit)
    parts += _value_marks(values, sx, sy, unit)
    legend = _trend_legend(band is not None, target is not None, _present(projection), _present(reference))
    return f'{TREND_CSS}<div class="bs-trend">{_svg(TREND, parts, 14, "走势图")}{legend}</div>'


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

"""Charts of the Word report as PNG images: Altair specs rendered on the server with vl-convert. Pure.

The dashboard draws its charts as SVG in the browser; a Word file needs pictures. vl-convert renders
Vega-Lite without a browser; Chinese text needs a CJK font it can find, so the Noto CJK directory
(Debian package fonts-noto-cjk, installed by scripts/install-test-deps.sh) is registered first.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import altair as alt
import pandas as pd

from lib import config
from lib.presentation import formatting as fmt

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"),
             Path("/usr/share/fonts/noto-cjk"), Path("/usr/share/fonts/google-noto-cjk"))
FONT = "Noto Sans CJK SC"
SCALE = 2
RENDER_THREADS = 4
NO_FONT = "图表未生成：服务器缺少中文字体（请安装 fonts-noto-cjk）"


class ChartUnavailable(RuntimeError):
    """The server cannot render the report charts (no renderer or no CJK font); the message is Chinese."""


@cache
def _converter():
    try:
        import vl_convert as vlc
    except ImportError as exc:  # pragma: no cover - vl-convert-python is in requirements.txt
        raise ChartUnavailable("图表未生成：服务器缺少 vl-convert-python") from exc
    found = [d for d in FONT_DIRS if d.is_dir() and any(d.glob("*CJK*"))]
    if not found:
        raise ChartUnavailable(NO_FONT)
    for folder in found:
        vlc.register_font_directory(str(folder))
    return vlc


def render_png(chart: alt.TopLevelMixin) -> bytes:
    """The chart as PNG bytes at twice its size (sharp in print)."""
    return _converter().vegalite_to_png(chart.to_dict(validate=False), scale=SCALE)


def render_many(charts: list[alt.TopLevelMixin]) -> list[bytes]:
    """PNG bytes of several charts, in order; vl-convert renders outside the GIL, so threads halve the time."""
    converter = _converter()
    specs = [chart.to_dict(validate=False) for chart in charts]
    with ThreadPoolExecutor(max_workers=RENDER_THREADS) as pool:
        return list(pool.map(lambda spec: converter.vegalite_to_png(spec, scale=SCALE), specs))


def _configured(chart: alt.TopLevelMixin) -> alt.TopLevelMixin:
    return (chart.configure(font=FONT).configure_axis(labelFontSize=11, titleFontSize=11)
            .configure_legend(labelFontSize=11, titleFontSize=11, orient="bottom", columns=5)
            .configure_view(stroke=None))


def area_status_chart(counts: pd.DataFrame, areas: list[str], statuses: list[str]) -> alt.Chart:
    """Stacked horizontal bars: indicators per area (rows, plan order) and status (colours of the one palette)."""
    colours = [config.STATUS_COLORS.get(s, config.STATUS_COLORS[config.STATUS_NO_DATA]) for s in statuses]
    order = {s: i for i, s in enumerate(statuses)}
    data = counts.assign(order=counts["status"].map(order))
    chart = alt.Chart(data).mark_bar().encode(
        y=alt.Y("area:N", sort=areas, title=None),
        x=alt.X("n:Q", title="指标数（项）", axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("status:N", title="状态", scale=alt.Scale(domain=statuses, range=colours)),
        order=alt.Order("order:Q"),
    ).properties(width=430, height=26 * max(len(areas), 1))
    return _configured(chart)


def trend_chart(series: pd.DataFrame, *, unit: str | None, target: float | None, title: str) -> alt.Chart:
    """The yearly values of one indicator (hollow points: sample data) with its target as a dashed line."""
    data = series.assign(label=[fmt.format_value(v, unit) for v in series["value"]],
                         kind=series["is_sample"].map({True: "示例数据", False: "报送数据"}))
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    line = alt.Chart(data).mark_line(color=config.SERIES_COLORS["value"]).encode(x=x, y=alt.Y(
        "value:Q", title=unit or None, scale=alt.Scale(zero=False)))
    points = alt.Chart(data).mark_point(filled=True, size=50, color=config.SERIES_COLORS["value"]).encode(
        x=x, y="value:Q", shape=alt.Shape("kind:N", title=None))
    labels = alt.Chart(data).mark_text(dy=-10, fontSize=10).encode(x=x, y="value:Q", text="label:N")
    layers = [line, points, labels]
    if target is not None and not fmt.is_missing(target):
        rule = pd.DataFrame({"target": [float(target)], "text": [f"目标 {fmt.format_value(target, unit)}"]})
        layers.append(alt.Chart(rule).mark_rule(color=config.SERIES_COLORS["target"], strokeDash=[6, 4]).encode(
            y="target:Q"))
        layers.append(alt.Chart(rule).mark_text(align="left", dx=4, dy=-6, color=config.SERIES_COLORS["target"],
                                                fontSize=10).encode(y="target:Q", x=alt.value(0), text="text:N"))
    chart = alt.layer(*layers).properties(width=420, height=130, description=title)
    return _configured(chart)

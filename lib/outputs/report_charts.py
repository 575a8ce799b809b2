"""Charts of the Word report as PNG images: the project's Altair builders rendered on the server. Pure.

The builders are lib.presentation.charts (the same charts the pages draw); lib.presentation.render turns
them into PNG with vl-convert, no browser. Chinese text needs a CJK font vl-convert can find (Debian's
fonts-noto-cjk, installed by scripts/install-test-deps.sh); without one the report says so in Chinese
instead of printing boxes.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import altair as alt
import pandas as pd

from lib import config
from lib.engine.target_rules import band_edges
from lib.presentation import charts, render

SCALE = 2
RENDER_THREADS = 4  # vl-convert renders outside the GIL: threads halve the time on two cores
NO_FONT = "图表未生成：服务器缺少中文字体（请安装 Debian 软件包 fonts-noto-cjk）。"


class ChartUnavailable(RuntimeError):
    """The server cannot render the report charts (no CJK font); the message is Chinese."""


def has_cjk_font() -> bool:
    """Whether a Noto CJK font folder is present for vl-convert."""
    return any(any(folder.glob("*CJK*")) for folder in render.FONT_DIRS if folder.is_dir())


def render_many(specs: list[alt.TopLevelMixin]) -> list[bytes]:
    """PNG bytes of several charts, in order, at twice their size (sharp in print)."""
    if not has_cjk_font():
        raise ChartUnavailable(NO_FONT)
    render.register_fonts()
    with ThreadPoolExecutor(max_workers=RENDER_THREADS) as pool:
        return list(pool.map(lambda chart: render.to_png(chart, scale=SCALE), specs))


def area_status_chart(counts: pd.DataFrame, areas: list[str]) -> alt.TopLevelMixin:
    """Stacked bars of indicators per area (plan order) and status, in the one status palette."""
    return charts.build_area_status_chart(counts, areas)


def trend_chart(
    series: pd.DataFrame,
    *,
    unit: str | None,
    op: str | None,
    target: float | None,
    reference: pd.DataFrame | None = None,
) -> alt.TopLevelMixin:
    """An indicator's values by year (sample values marked) with its target line or 左右 band and the national line."""
    band = band_edges(float(target), unit) if target is not None and op in config.BAND_OPS else None
    return charts.build_trend_chart(series, unit=unit, target=target, band=band, reference=reference)

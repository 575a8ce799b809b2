"""Render Altair charts on the server with vl-convert (no browser): SVG for pages, PNG for documents.

Stable API:
- ``chart_spec(chart) -> dict``: the Vega-Lite spec (data inline), what st.vega_lite_chart draws.
- ``to_svg(chart) -> str``: the chart as a standalone SVG document (text as text, Chinese in Noto Sans CJK);
  every mark with an aria-label (Vega-Lite's ``description`` channel) also gets an SVG <title>, so a browser
  shows it on hover as it would a tooltip.
- ``to_png(chart, scale=2) -> bytes``: the chart as PNG at scale × its pixel size (scale 2 for Word/print).

Results are cached by data version: the key is the spec JSON, which holds the chart's data inline, so
the same data gives a hit and changed data a fresh render. The Noto CJK fonts (fonts-noto-cjk) are
registered with vl-convert once per process, so Chinese renders on a fresh machine.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import altair as alt
import vl_convert as vlc

FONT_DIRS = (Path("/usr/share/fonts/opentype/noto"), Path("/usr/share/fonts/truetype/noto"))
VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])  # the Vega-Lite altair writes, e.g. 6.4
CACHE_SIZE = 128
# a self-closing mark element with an aria-label: <path aria-label="2020年：76.4" d="..."/>
LABELLED_MARK = re.compile(r'<(path|line|rect|circle)\b([^>]*?\baria-label="([^"]*)"[^>]*?)/>')


@lru_cache(maxsize=1)
def register_fonts() -> tuple[str, ...]:
    """Register the Noto font folders present on this machine with vl-convert (once); returns them."""
    found = tuple(str(d) for d in FONT_DIRS if d.is_dir())
    for folder in found:
        vlc.register_font_directory(folder)
    return found


def chart_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec as a plain dict (validated once here, not again when drawn)."""
    return chart.to_dict()


def _key(chart: alt.TopLevelMixin | dict) -> str:
    spec = chart if isinstance(chart, dict) else chart_spec(chart)
    return json.dumps(spec, sort_keys=True, ensure_ascii=False)


def hover_titles(svg: str) -> str:
    """The SVG with a <title> (the browser's hover text) inside every mark that has an aria-label."""
    return LABELLED_MARK.sub(r"<\1\2><title>\3</title></\1>", svg)


@lru_cache(maxsize=CACHE_SIZE)
def _svg(spec_json: str) -> str:
    register_fonts()
    return hover_titles(vlc.vegalite_to_svg(spec_json, vl_version=VL_VERSION))


@lru_cache(maxsize=CACHE_SIZE)
def _png(spec_json: str, scale: float) -> bytes:
    register_fonts()
    return vlc.vegalite_to_png(spec_json, vl_version=VL_VERSION, scale=scale)


def to_svg(chart: alt.TopLevelMixin | dict) -> str:
    """The chart (or its spec dict) as an SVG document."""
    return _svg(_key(chart))


def to_png(chart: alt.TopLevelMixin | dict, scale: float = 2) -> bytes:
    """The chart (or its spec dict) as PNG bytes, scale × its size in pixels."""
    return _png(_key(chart), float(scale))

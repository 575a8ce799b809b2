import altair as alt
import pandas as pd

from lib.presentation import render

CHART = alt.Chart(pd.DataFrame({"年份": [2020, 2021], "v": [1, 2]})).mark_line().encode(x="年份:Q", y="v:Q")


def test_to_svg_is_svg_with_chinese_text():
    svg = render.to_svg(CHART.properties(title="妇女与健康"))
    assert svg.startswith("<svg") and ">妇女与健康</text>" in svg


def test_to_png_is_png_at_scale():
    small, large = render.to_png(CHART, scale=1), render.to_png(CHART, scale=2)
    assert small[:8] == b"\x89PNG\r\n\x1a\n" and len(large) > len(small)


def test_to_svg_cached_by_data_version():
    render._svg.cache_clear()
    render.to_svg(CHART)
    render.to_svg(CHART.to_dict())  # the same data and spec: a hit
    render.to_svg(CHART.properties(data=pd.DataFrame({"年份": [2020], "v": [3]})))  # new data: a miss
    info = render._svg.cache_info()
    assert (info.hits, info.misses) == (1, 2)


def test_register_fonts_finds_noto_once():
    assert any("noto" in folder for folder in render.register_fonts())


def test_hover_titles_from_aria_labels():
    svg = '<svg><path aria-label="2020年：1" d="M0,0"/><path d="M1,1"/></svg>'
    assert (
        render.hover_titles(svg) == '<svg><path aria-label="2020年：1" d="M0,0"><title>2020年：1</title></path>'
        '<path d="M1,1"/></svg>'
    )

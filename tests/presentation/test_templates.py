import base64

import pytest
from jinja2 import UndefinedError

from lib.presentation import templates


def test_render_escapes_values_but_not_safe_markup():
    rows = [[{"kind": "text", "text": "<script>x</script>", "cls": ""}]]
    html = templates.render("table.html.j2", columns=["<b>列</b>"], rows=rows)
    assert "&lt;b&gt;列&lt;/b&gt;" in html and "&lt;script&gt;" in html and "<script>" not in html
    heading = templates.render("status_heading.html.j2", text="<i>区</i>", badge='<span class="pill">倒退</span>')
    assert "&lt;i&gt;区&lt;/i&gt;" in heading  # the text is escaped
    assert '<span class="pill">倒退</span>' in heading  # markup built by another template is marked safe


def test_data_url_round_trips_the_svg():
    url = templates.data_url('<svg xmlns="http://www.w3.org/2000/svg"><title>趋势</title></svg>')
    assert url.startswith("data:image/svg+xml;base64,")
    assert "趋势" in base64.b64decode(url.split(",", 1)[1]).decode("utf-8")


def test_render_refuses_missing_values():
    with pytest.raises(UndefinedError):
        templates.render("chart.html.j2", src="")

import pytest
from jinja2 import UndefinedError

from lib.presentation import templates


def test_render_escapes_values():
    html = templates.render("chart.html.j2", svg="<svg></svg>", kind="k", label="<b>x</b>", note="", max_width=1)
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<svg></svg>" in html  # svg is marked safe, the label is not


def test_render_refuses_missing_values():
    with pytest.raises(UndefinedError):
        templates.render("chart.html.j2", svg="")

import pytest
from jinja2 import UndefinedError

from lib.presentation import templates


def test_render_escapes_values_but_not_safe_markup():
    rows = [
        [{"kind": "text", "text": "<script>x</script>", "cls": ""}, {"kind": "svg", "text": "<svg></svg>", "cls": ""}]
    ]
    html = templates.render("table.html.j2", columns=["<b>列</b>", "趋势"], rows=rows)
    assert "&lt;b&gt;列&lt;/b&gt;" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert "<svg></svg>" in html  # markup built by another template is marked safe


def test_render_refuses_missing_values():
    with pytest.raises(UndefinedError):
        templates.render("chart.html.j2", src="")

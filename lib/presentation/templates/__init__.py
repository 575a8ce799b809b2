"""Autoescaped Jinja2 templates for the markup that stays HTML (tables, chart frames, page CSS).

``render(name, **values)`` fills lib/presentation/templates/<name>; every value is HTML-escaped unless a
template marks it ``|safe`` (only markup built by another template or by vl-convert is).
"""

from __future__ import annotations

import base64
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

FOLDER = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one template environment: autoescape on, unknown variables an error, no stray whitespace."""
    return Environment(
        loader=FileSystemLoader(FOLDER),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(name: str, **values: object) -> str:
    """The template `name` filled with values."""
    return environment().get_template(name).render(**values)


def data_url(svg: str) -> str:
    """An SVG as a data: URL for an <img> (st.html drops inline SVG; one image is also one element to paint)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")

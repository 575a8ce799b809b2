"""Key numbers as static HTML cards (templates/cards.html.j2): the pages' 监测指标, 达标率, status counts.

One autoescaped block per row of cards instead of a Streamlit metric widget per number: the browser draws one
element, and loads no metric bundle (docs/benchmark.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from lib.presentation import templates

UP, DOWN = "up", "down"  # a delta's colour and arrow: green ▲ for a rise, red ▼ for a fall
LEADING_NUMBER = re.compile(r"\s*([+\-−]?\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class Card:
    """One number: its label, the value as shown, an optional tooltip and an optional change (delta)."""

    label: str
    value: str
    help: str | None = None
    delta: str | None = None

    @property
    def trend(self) -> str:
        """UP, DOWN or "" (no change, no number) from the number the delta starts with: +3.0个百分点, -2.0个百分点."""
        found = LEADING_NUMBER.match(self.delta or "")
        change = float(found.group(1).replace("−", "-")) if found else 0.0
        return UP if change > 0 else DOWN if change < 0 else ""


def cards_html(cards: Sequence[Card]) -> str:
    """A row of cards that wraps onto more rows on a narrow screen."""
    return templates.render("cards.html.j2", cards=list(cards))

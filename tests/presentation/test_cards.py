"""lib.presentation.cards: the pages' key numbers as static, escaped HTML cards."""

from __future__ import annotations

import pytest

from lib.presentation.cards import DOWN, UP, Card, cards_html
from tests.pages.reading import _CardReader


@pytest.mark.parametrize(
    ("delta", "trend"),
    [
        ("+7.1个百分点", UP),
        ("-2.0个百分点", DOWN),
        ("−2.0个百分点", DOWN),
        ("+0.0个百分点", ""),
        (None, ""),
        ("持平", ""),
    ],
)
def test_trend_follows_the_sign_of_the_change(delta, trend):
    assert Card("达标率", "50.0%", delta=delta).trend == trend


def test_cards_html_escapes_and_reads_back():
    shown = [
        Card("监测<b>指标</b>", "10项", help='全部 = "数值" + 定性'),
        Card("达标率", "50.0%", delta="-2.0个百分点"),
    ]
    html = cards_html(shown)
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert html.count('class="bs-card"') == 2 and "▼ -2.0个百分点" in html and 'class="bs-card-delta down"' in html
    reader = _CardReader()
    reader.feed(html)
    assert reader.cards == [Card("监测<b>指标</b>", "10项", '全部 = "数值" + 定性'), shown[1]]


def test_cards_html_without_help_has_no_marker():
    assert "bs-card-help" not in cards_html([Card("已达标", "7项")]) and "title=" not in cards_html([Card("a", "1")])

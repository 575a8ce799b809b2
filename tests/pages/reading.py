"""Reading back what a page drew as static HTML (st.html): its number cards and its blocks of markup."""

from __future__ import annotations

from html.parser import HTMLParser

from streamlit.testing.v1 import AppTest

from lib.presentation.cards import Card


def html_blocks(at: AppTest) -> list[str]:
    """The markup of every st.html element of the page, in page order."""
    return [h.proto.body for h in at.get("html")]


class _CardReader(HTMLParser):
    """The cards of lib.presentation.cards (templates/cards.html.j2) back as Card(label, value, help, delta)."""

    def __init__(self):
        super().__init__()
        self.cards: list[Card] = []
        self._card: dict | None = None
        self._part: str | None = None
        self._depth = 0  # open <div>s inside the current card

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if "bs-card" in classes:
            self._card, self._depth = {"label": "", "value": "", "help": dict(attrs).get("title"), "delta": None}, 0
        elif self._card is not None and tag == "div":
            self._depth += 1
            self._part = next((p for p in ("label", "value", "delta") if f"bs-card-{p}" in classes), None)
        elif self._card is not None and "bs-card-help" in classes:
            self._part = None  # the ？ marker is not part of the label

    def handle_endtag(self, tag):
        if tag != "div" or self._card is None:
            return
        if self._depth:
            self._depth, self._part = self._depth - 1, None
        else:
            self.cards.append(Card(**self._card))
            self._card = None

    def handle_data(self, data):
        if self._card is not None and self._part:
            text = data.strip().lstrip("▲▼ ") if self._part == "delta" else data.strip()
            self._card[self._part] = (self._card[self._part] or "") + text


def cards(at: AppTest) -> list[Card]:
    """Every number card of the page, in page order."""
    reader = _CardReader()
    for block in html_blocks(at):
        if "bs-cards" in block:
            reader.feed(block)
    return reader.cards

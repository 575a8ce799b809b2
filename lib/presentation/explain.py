"""The engine's judgements and warnings in Chinese sentences. Pure."""

from __future__ import annotations

import math

from lib import config


def stand_in_note(latest_year: int | None, year: int) -> str:
    """The sentence saying an earlier value stands in for the assessment year, or nothing."""
    if latest_year is None or latest_year >= year:
        return ""
    return f"{year}年数据未报，按{latest_year}年值评估。"


def progress_words(ratio: float | None, method: str | None) -> str:
    """R or p in words: 实际进度为所需进度的49% (in progress), 完成所需进度的84% (final evaluation)."""
    if ratio is None or math.isnan(ratio):
        return ""
    share = f"{ratio * 100:.0f}%"
    text = f"完成所需进度的{share}" if method == config.METHOD_FINAL else f"实际进度为所需进度的{share}"
    return text + ("，变化方向与目标相反" if ratio < 0 else "")

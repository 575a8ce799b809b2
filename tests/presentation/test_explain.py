"""The engine's facts in words: the exact sentences of each rule and warning."""

from __future__ import annotations

import pytest

from lib import config
from lib.presentation.explain import progress_words


# ------------------------------------------------------------------ R and p in words
@pytest.mark.parametrize(
    ("ratio", "method", "text"),
    [
        (0.49, config.METHOD_CAGR, "实际进度为所需进度的49%"),
        (0.84, config.METHOD_FINAL, "完成所需进度的84%"),
        (-0.3, config.METHOD_LINEAR, "实际进度为所需进度的-30%，变化方向与目标相反"),
        (None, config.METHOD_CAGR, ""),
    ],
)
def test_progress_words(ratio, method, text):
    assert progress_words(ratio, method) == text

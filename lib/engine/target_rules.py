"""What it means to meet a target: comparators, "左右" bands and the distance to a target."""

from __future__ import annotations

import math

from lib import config


def band_edges(target: float, unit: str | None, tolerance: float | None = None) -> tuple[float, float]:
    """Lower and upper edge of a "左右" band: ±2 percentage points, or ±5 % of the target."""
    if tolerance is None or math.isnan(tolerance):
        tolerance = (
            config.BAND_TOLERANCE_PERCENT_POINTS if unit == "%" else abs(target) * config.BAND_TOLERANCE_RELATIVE
        )
    return target - tolerance, target + tolerance


def meets_target(value: float, op: str, target: float, unit: str | None, tolerance: float | None = None) -> bool:
    """Whether a value satisfies the target (≤, <, ≥, >, or inside the band)."""
    if op == "<=":
        return value <= target
    if op == "<":
        return value < target
    if op == ">=":
        return value >= target
    if op == ">":
        return value > target
    if op in config.BAND_OPS:
        low, high = band_edges(target, unit, tolerance)
        return low <= value <= high
    return False


def gap_to_target(value: float, op: str, target: float, unit: str | None, tolerance: float | None = None) -> float:
    """Distance from a value to the set of values meeting the target (0 inside it)."""
    if op in config.BAND_OPS:
        low, high = band_edges(target, unit, tolerance)
        return max(0.0, low - value, value - high)
    if op in config.LOWER_IS_BETTER_OPS:
        return max(0.0, value - target)
    return max(0.0, target - value)

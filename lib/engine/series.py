"""Observations cut into small per-indicator, per-subgroup series for the progress engine.

Grouping is done once with pandas; each series is then a few plain tuples, so judging the
whole plan is a loop over floats rather than over DataFrames.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import config


@dataclass(frozen=True)
class Series:
    """One indicator and subgroup in one region, sorted by year."""

    years: tuple[int, ...] = ()
    values: tuple[float, ...] = ()
    numerators: tuple[float | None, ...] = ()
    denominators: tuple[float | None, ...] = ()
    sources: tuple[str | None, ...] = ()
    is_sample: bool = False

    @classmethod
    def empty(cls) -> Series:
        return cls()

    @classmethod
    def of(cls, years: list[int], values: list[float], **extra: object) -> Series:
        """A series from plain lists (tests and callers outside the engine)."""
        n = len(years)
        return cls(
            tuple(int(y) for y in years),
            tuple(float(v) for v in values),
            tuple(extra.get("numerators", [None] * n)),
            tuple(extra.get("denominators", [None] * n)),
            tuple(extra.get("sources", [None] * n)),
            bool(extra.get("is_sample", False)),
        )


def clean(value: object) -> object:
    """NaN and NA as None; lists and other values unchanged."""
    if value is None or value is pd.NA:
        return None
    return None if isinstance(value, float) and value != value else value


def column(frame: pd.DataFrame, name: str, default: object = None) -> list:
    """A column as a plain list (None for NaN), or the default for every row when absent."""
    if name not in frame.columns:
        return [default] * len(frame)
    return [clean(v) for v in frame[name].tolist()]


def group_series(observations: pd.DataFrame, year: int) -> dict[str, dict[str | None, Series]]:
    """{indicator_id: {subgroup or None: Series}} of the plan's region, years ≤ year, total first.

    Rows without a value are skipped; of two rows for the same year the later one counts.
    Plain Python over lists: a few hundred rows take well under a millisecond.
    """
    if observations.empty or "value" not in observations.columns:
        return {}
    names = ("indicator_id", "subgroup", "year", "value", "numerator", "denominator", "source", "is_sample", "region")
    cols = [column(observations, n, config.REGION if n == "region" else None) for n in names]
    points: dict[tuple, dict[int, tuple]] = {}
    for ind, sub, yr, val, num, den, src, sample, region in zip(*cols):
        if val is None or yr is None or int(yr) > year or region not in (None, config.REGION):
            continue
        points.setdefault((ind, sub or None), {})[int(yr)] = (float(val), num, den, src, bool(sample))
    out: dict[str, dict[str | None, Series]] = {}
    for (ind, sub), by_year in sorted(points.items(), key=lambda kv: (kv[0][0], kv[0][1] is not None, kv[0][1] or "")):
        years = sorted(by_year)
        rows = [by_year[y] for y in years]
        out.setdefault(ind, {})[sub] = Series(
            tuple(years),
            tuple(r[0] for r in rows),
            tuple(r[1] for r in rows),
            tuple(r[2] for r in rows),
            tuple(r[3] for r in rows),
            any(r[4] for r in rows),
        )
    return out


def latest_ratings(assessments: pd.DataFrame, year: int) -> dict[str, list[dict]]:
    """{indicator_id: ratings at or before the year, oldest first} for qualitative goals."""
    if assessments.empty or "rating" not in assessments.columns:
        return {}
    names = ("indicator_id", "year", "rating", "narrative", "department", "is_sample")
    out: dict[str, list[dict]] = {}
    for rec in zip(*(column(assessments, n) for n in names)):
        if rec[1] is not None and int(rec[1]) <= year:
            row = dict(zip(names, rec), year=int(rec[1]), is_sample=bool(rec[5]))
            out.setdefault(rec[0], []).append(row)
    return {k: sorted(v, key=lambda r: r["year"]) for k, v in out.items()}

"""Seeded sample monitoring data, derived from the catalogue (never from a fixed list of indicators).

Every row has is_sample = True. Values are plausible for a district of under half a million
people: maternal mortality comes from 0–1 deaths among ~2,000–2,500 births a year, so it
swings by tens per 10万; percentages move toward their targets; counts are small integers.
Most indicators improve, a few miss their target, a few deteriorate, a few miss years
(some the latest year) and a few have 城镇 / 农村 subgroups.
"""
from __future__ import annotations

import zlib

import numpy as np
import pandas as pd

from lib import config
from lib.contract.tables import ASSESSMENT_COLUMNS, OBSERVATION_COLUMNS, normalise

IMPROVE, MISS, DETERIORATE, MET_AT_BASE = "improve", "miss", "deteriorate", "met_at_base"
NO_LEAD_NOTE = "规划措施中提出，未列牵头单位"
SAMPLE_NOTE = "示例数据"


def indicator_rng(seed: int, indicator_id: str) -> np.random.Generator:
    """A generator per indicator, so one indicator's data does not depend on the others."""
    return np.random.default_rng([seed, zlib.crc32(indicator_id.encode("utf-8"))])


def assign_scenarios(ids: list[str], seed: int, with_target: set[str]) -> dict[str, str]:
    """Scenario per indicator: a few miss, a few deteriorate, some met at baseline, most improve."""
    order = list(np.random.default_rng(seed).permutation(sorted(ids)))
    n = len(order)
    counts = [(MISS, max(2, n // 8)), (DETERIORATE, max(2, n // 10))]
    out: dict[str, str] = {}
    for scenario, k in counts:
        for ind in order[len(out): len(out) + k]:
            out[ind] = scenario
    rest = [i for i in order if i not in out]
    for i, ind in enumerate(rest):
        out[ind] = MET_AT_BASE if ind in with_target and i % 5 == 0 else IMPROVE
    return out


def pick(ids: list[str], seed: int, salt: int, k: int) -> set[str]:
    """k indicators chosen with the seed (for missing years and subgroups)."""
    if not ids:
        return set()
    rng = np.random.default_rng([seed, salt])
    return set(rng.choice(sorted(ids), size=min(k, len(ids)), replace=False).tolist())


def path(base: float, end: float, rng: np.random.Generator, noise: float) -> np.ndarray:
    """Six yearly values from base to end with a little noise (the end points kept)."""
    values = np.linspace(base, end, len(config.SAMPLE_YEARS))
    values[1:-1] += rng.normal(0, noise, len(values) - 2)
    return values


def percent_target(op: str, t: float, scenario: str, rng: np.random.Generator) -> np.ndarray:
    """A percentage with a ≥ / > / ≈ / ≤ target."""
    gap = rng.uniform(3, 10)
    if op in config.BAND_OPS:
        ends = {IMPROVE: (t - rng.uniform(3, 5), t + rng.uniform(-1, 1)),
                MISS: (t - rng.uniform(5, 7), t - rng.uniform(3.5, 4.5)),
                DETERIORATE: (t + rng.uniform(-0.5, 0.5), t - rng.uniform(3, 4)),
                MET_AT_BASE: (t + rng.uniform(-1, 1), t + rng.uniform(-1, 1))}
    elif op in config.LOWER_IS_BETTER_OPS:
        ends = {IMPROVE: (t + gap, t - rng.uniform(0.2, 1)), MISS: (t + gap, t + gap * 0.6),
                DETERIORATE: (t + gap * 0.5, t + gap), MET_AT_BASE: (t * 0.8, t * 0.7)}
    else:
        high = min(100.0, t + rng.uniform(0.3, 1.5))
        ends = {IMPROVE: (t - gap, high), MISS: (t - gap, t - gap * rng.uniform(0.5, 0.7)),
                DETERIORATE: (t - gap * 0.5, t - gap * 0.5 - rng.uniform(1.5, 4)),
                MET_AT_BASE: (high, min(100.0, high + rng.uniform(0, 0.5)))}
    base, end = ends[scenario]
    return np.clip(path(base, end, rng, 0.3), 0, 100).round(1)


def count_target(t: float, scenario: str) -> np.ndarray:
    """Small whole numbers (名, 人, 所) against a ≥ target."""
    ends = {IMPROVE: (max(0, t - 1), t + 1), MISS: (max(0, t - 2), max(0, t - 1)),
            DETERIORATE: (t, max(0, t - 1)), MET_AT_BASE: (t, t)}
    return np.round(np.linspace(*ends[scenario], len(config.SAMPLE_YEARS)))


def ratio_target(t: float, scenario: str, rng: np.random.Generator) -> np.ndarray:
    """A ratio such as women's to men's toilet places (3：2 → 1.5)."""
    ends = {IMPROVE: (t * 0.8, t * 1.02), MISS: (t * 0.75, t * 0.82),
            DETERIORATE: (t * 0.95, t * 0.9), MET_AT_BASE: (t * 1.02, t * 1.05)}
    return path(*ends[scenario], rng, 0.01).round(2)


def births(rng: np.random.Generator) -> np.ndarray:
    """Live births a year in a district of ~450,000 people: ~2,500 falling to ~1,900."""
    trend = np.linspace(2500, 1900, len(config.SAMPLE_YEARS))
    return np.round(trend + rng.normal(0, 60, len(trend)))


def event_counts(scenario: str, rng: np.random.Generator) -> np.ndarray:
    """0 or 1 event a year (maternal deaths, mother-to-child transmissions)."""
    p_early, p_late = {IMPROVE: (0.5, 0.0), MISS: (0.4, 0.5), DETERIORATE: (0.0, 0.7),
                       MET_AT_BASE: (0.0, 0.0)}[scenario]
    probs = np.linspace(p_early, p_late, len(config.SAMPLE_YEARS))
    counts = (rng.random(len(probs)) < probs).astype(float)
    if scenario == DETERIORATE:
        counts[-1] = 1.0
    return counts


def direction_values(name: str, op: str, scenario: str, rng: np.random.Generator) -> tuple[np.ndarray, str]:
    """Direction-only goals: years for 寿命 / 年限, counts for 人数, otherwise a 0–100 index."""
    sign = -1.0 if op in config.LOWER_IS_BETTER_OPS else 1.0
    growth = {IMPROVE: 0.025, MISS: 0.004, DETERIORATE: -0.015, MET_AT_BASE: 0.025}[scenario] * sign
    if "寿命" in name:
        base, digits, note = (70.5 if "健康" in name else 81.2), 2, "单位：岁"
        growth /= 8  # life expectancy moves by tenths of a year
    elif "年限" in name:
        base, digits, note = 10.6, 2, "单位：年"
        growth /= 3
    elif "人数" in name and not name.endswith(("比例", "率")):
        base, digits, note = rng.uniform(25000, 35000), 0, "单位：人"
    else:
        base, digits, note = rng.uniform(35, 70), 1, "示意指数（0—100），规划未给出统计口径"
    years = np.arange(len(config.SAMPLE_YEARS))
    values = base * (1 + growth) ** years * (1 + rng.normal(0, 0.002, len(years)))
    return values.round(digits), note


def indicator_values(ind: dict, scenario: str, rng: np.random.Generator) -> dict[str, np.ndarray | str | None]:
    """Six yearly values (and counts behind a rate) for one numeric indicator."""
    unit, op, name, n = ind["unit"], ind["op"], str(ind["name"]), len(config.SAMPLE_YEARS)
    none = np.full(n, np.nan)
    if ind["kind"] == config.KIND_DIRECTION:
        values, note = direction_values(name, op, scenario, rng)
        return {"value": values, "numerator": none, "denominator": none, "note": note}
    target = float(ind["target"])
    if unit == "1/10万":  # deaths per 100,000 live births
        deaths, live = event_counts(scenario, rng), births(rng)
        return {"value": (deaths / live * 1e5).round(1), "numerator": deaths, "denominator": live,
                "note": "分子为死亡人数，分母为活产数"}
    if unit == "%" and op in config.LOWER_IS_BETTER_OPS and "传播" in name:
        mothers = rng.integers(1, 4, n).astype(float)  # births to infected mothers: a handful a year
        cases = np.zeros(n)
        cases[-1] = 1.0 if scenario == DETERIORATE else 0.0  # one infected child shows as a large rate
        return {"value": (cases / mothers * 100).round(1), "numerator": cases, "denominator": mothers,
                "note": "分子为感染儿童数，分母为感染孕产妇所生儿童数"}
    if unit == "%":
        return {"value": percent_target(op, target, scenario, rng), "numerator": none,
                "denominator": none, "note": None}
    if unit == "比例":
        return {"value": ratio_target(target, scenario, rng), "numerator": none,
                "denominator": none, "note": None}
    return {"value": count_target(target, scenario), "numerator": none, "denominator": none, "note": None}


def lead_of(goals: pd.DataFrame) -> dict[str, str]:
    """goal_id → first lead department (the reporting department of the sample)."""
    out = {}
    for goal_id, units in zip(goals["goal_id"], goals["lead_units"]):
        units = list(units) if units is not None else []
        if units:
            out[goal_id] = str(units[0])
    return out


def indicator_frame(ind: dict, scenario: str, source: str | None, seed: int) -> pd.DataFrame:
    """All sample rows of one indicator (total only)."""
    vals = indicator_values(ind, scenario, indicator_rng(seed, ind["indicator_id"]))
    note = "；".join(x for x in (SAMPLE_NOTE, vals["note"], None if source else NO_LEAD_NOTE) if x)
    return pd.DataFrame({
        "indicator_id": ind["indicator_id"], "region": config.REGION, "year": list(config.SAMPLE_YEARS),
        "subgroup": None, "value": vals["value"], "numerator": vals["numerator"],
        "denominator": vals["denominator"], "source": source, "note": note,
    })


def add_subgroups(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """城镇 a little above the total, 农村 below it (percentages)."""
    rng = indicator_rng(seed + 1, str(frame["indicator_id"].iloc[0]))
    urban = frame.assign(subgroup="城镇", value=(frame["value"] + rng.uniform(1, 3)).clip(0, 100).round(1))
    rural = frame.assign(subgroup="农村", value=(frame["value"] - rng.uniform(2, 5)).clip(0, 100).round(1))
    return pd.concat([frame, urban, rural], ignore_index=True)


def drop_years(frame: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    return frame[~frame["year"].isin(years)]


def generate_observations(indicators: pd.DataFrame, goals: pd.DataFrame,
                          seed: int = config.SAMPLE_SEED) -> pd.DataFrame:
    """Sample values 2020–2025 for every target and direction indicator of the catalogue."""
    numeric = indicators[indicators["kind"].isin([config.KIND_TARGET, config.KIND_DIRECTION])]
    records = [{k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()}
               for r in numeric.to_dict("records")]
    ids = [r["indicator_id"] for r in records]
    targets = {r["indicator_id"] for r in records if r["kind"] == config.KIND_TARGET}
    scenarios = assign_scenarios(ids, seed, targets)
    percent_up = sorted(r["indicator_id"] for r in records
                        if r["unit"] == "%" and r["op"] in (">=", ">") and scenarios[r["indicator_id"]] != MISS)
    with_subgroups = pick(percent_up, seed, 1, 3)
    gap_middle, gap_latest = pick(ids, seed, 2, max(2, len(ids) // 15)), pick(ids, seed, 3, max(2, len(ids) // 12))
    leads = lead_of(goals)
    frames = []
    for rec in records:
        ind = rec["indicator_id"]
        frame = indicator_frame(rec, scenarios[ind], leads.get(rec.get("goal_id")), seed)
        if ind in with_subgroups:
            frame = add_subgroups(frame, seed)
        frame = drop_years(frame, (2022,) if ind in gap_middle else ())
        frames.append(drop_years(frame, (config.TARGET_YEAR,) if ind in gap_latest else ()))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(OBSERVATION_COLUMNS))
    out["data_status"] = np.where(out["year"] >= config.TARGET_YEAR, config.DATA_STATUS_PRELIMINARY,
                                  config.DATA_STATUS_FINAL)
    out["is_sample"] = True
    return normalise(out, config.OBSERVATIONS)


RATING_PATHS = {  # yearly ratings 2021–2025 by scenario
    IMPROVE: (config.RATING_GOOD, config.RATING_GOOD, config.RATING_GOOD, config.RATING_GOOD, config.RATING_DONE),
    MISS: (config.RATING_SLOW, config.RATING_SLOW, config.RATING_GOOD, config.RATING_SLOW, config.RATING_SLOW),
    DETERIORATE: (config.RATING_NOT_STARTED, config.RATING_SLOW, config.RATING_SLOW, config.RATING_GOOD,
                  config.RATING_GOOD),
    MET_AT_BASE: (config.RATING_GOOD, config.RATING_DONE, config.RATING_DONE, config.RATING_DONE, config.RATING_DONE),
}


def generate_assessments(indicators: pd.DataFrame, goals: pd.DataFrame,
                         seed: int = config.SAMPLE_SEED) -> pd.DataFrame:
    """Sample ratings 2021–2025 for every qualitative indicator; a few lack the latest year."""
    qual = indicators[indicators["kind"] == config.KIND_QUALITATIVE]
    ids = sorted(qual["indicator_id"])
    scenarios = assign_scenarios(ids, seed + 7, set(ids))
    late = pick(ids, seed, 4, max(1, len(ids) // 10))
    leads = lead_of(goals)
    rows = []
    for rec in qual.to_dict("records"):
        ind, dept = rec["indicator_id"], leads.get(rec.get("goal_id"))
        for year, rating in zip(config.SAMPLE_RATING_YEARS, RATING_PATHS[scenarios[ind]]):
            if ind in late and year == config.TARGET_YEAR:
                continue
            narrative = f"（示例）{year}年{dept or '有关单位'}围绕“{rec['name']}”开展工作，自评为{rating}。"
            rows.append({"indicator_id": ind, "year": year, "rating": rating, "narrative": narrative,
                         "department": dept, "is_sample": True})
    return normalise(pd.DataFrame(rows, columns=list(ASSESSMENT_COLUMNS)), config.ASSESSMENTS)

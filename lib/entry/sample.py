"""Seeded sample monitoring data, derived from the catalogue (never from a fixed list of indicators).

Every row has is_sample = True and a note saying so. Values are plausible in the
indicator's real unit for a district of about 420,000 people:
- the 2020 level starts at the published national value nearest 2020 (else the provincial
  one) when the reference table has one, else at a level from LEVELS (each with its basis);
  a percentage starts at most MAX_PERCENT_GAP points below its target, and stays in 0–100;
- rates from few events come from counts: maternal deaths among ~2,000 births a year,
  infected children among a handful of births to infected mothers, occupational disease
  cases among ~90,000 women workers, so they swing as real district rates do;
- life expectancy in 岁 with two decimals, years of schooling in 年, counts in whole 人;
- shares in elected bodies (人大, 政协, 村/社区) change only in the election year.
Scenarios cover every final status of a numeric target in 2025 (met, nearly met: at least
90 % of the required change, missed, deteriorated, met at baseline and lost), directions
that move the named way or not, missing years (2022, and 2025 where 2024 stands in) and
城镇 / 农村 subgroups. Qualitative goals get yearly ratings with narratives marked （示例）.
"""

from __future__ import annotations

import re
import zlib

import numpy as np
import pandas as pd

from lib import config
from lib.contract.tables import ASSESSMENT_COLUMNS, OBSERVATION_COLUMNS, normalise
from lib.presentation.roles import indicator_units

MET, NEAR, MISS, DETERIORATE, MET_AT_BASE, LOST = "met", "near", "miss", "deteriorate", "met_at_base", "lost"
MOVE, STALL, REVERSE = "move", "stall", "reverse"  # direction goals: moved the named way, flat, the other way
SAMPLE_NOTE = "示例数据"
MAX_PERCENT_GAP = 20.0  # a 2020 share at most this many points short of the plan's target
YEARS = np.array(config.SAMPLE_YEARS)

# Levels in 2020 where the reference table has no national value (pattern on the name, level, basis)
LEVELS: tuple[tuple[str, float, str], ...] = (
    (r"健康预期寿命", 69.0, "全国人均健康预期寿命约68.7岁（2018年）"),
    (r"预期寿命", 81.5, "全国女性80.88岁（2020年），山东省高于全国"),
    (r"心理健康素养", 18.0, "全国居民心理健康素养水平约两成"),
    (r"健康素养", 24.0, "全国居民健康素养水平23.15%（2020年）"),
    (r"体育锻炼", 36.0, "全国经常参加体育锻炼人数比例37.2%（2020年）"),
    (r"体质", 90.0, "全国国民体质测定标准合格率约九成（2020年）"),
    (r"受教育年限", 9.6, "山东省妇女8.39年（2015年），此后每年约提高0.1年"),
    (r"职业病", 3.0, "约9万名女职工中每年2—4例"),
    (r"人大代表", 27.0, "全国人大代表中女性24.9%（2018年）、26.54%（2023年）"),
    (r"政协委员", 22.0, "全国政协委员中女性20.4%（2018年）"),
    (r"事业单位领导班子", 28.0, "示例水平"),
    (r"董事会", 24.0, "示例水平"),
    (r"村党组织", 22.0, "全国村“两委”成员中妇女28.1%（2022年换届后）"),
    (r"社区党组织", 45.0, "全国居委会成员中女性约五成"),
    (r"村委会成员", 24.2, "全国村委会成员中女性24.2%（2020年）"),
    (r"生育保险", 72.0, "示例水平"),
    (r"参保人数", 32000.0, "博山区女性户籍人口21.41万人（2022年）"),
    (r"家务劳动时间", 81.0, "全国时间利用调查：女性每日家务126分钟、男性45分钟（2018年）"),
)
PER_YEAR = {"%": 0.8, "岁": 0.18, "年": 0.08, "人": 0.015, "分钟/日": 2.0, "1/10万": 0.3}  # a real year's change
DIGITS = {"%": 1, "岁": 2, "年": 2, "人": 0, "名": 0, "所": 0, "个": 0, "分钟/日": 0, "1/10万": 1, "比例": 2}
ELECTION_YEAR = ((r"人大代表|政协委员", 2022), (r"村党组织|村委会|社区党组织|居委会", 2021))
ANCHOR_YEARS = 3  # a published value counts as the 2020 level when it is at most this many years away


def indicator_rng(seed: int, indicator_id: str) -> np.random.Generator:
    """A generator per indicator, so one indicator's data does not depend on the others."""
    return np.random.default_rng([seed, zlib.crc32(indicator_id.encode("utf-8"))])


def pick(ids: list[str], seed: int, salt: int, k: int) -> set[str]:
    """k indicators chosen with the seed (for missing years and subgroups)."""
    if not ids:
        return set()
    rng = np.random.default_rng([seed, salt])
    return set(rng.choice(sorted(ids), size=min(k, len(ids)), replace=False).tolist())


def deal(ids: list[str], seed: int, quotas: list[tuple[str, int, set[str] | None]], rest: str) -> dict[str, str]:
    """Scenario per id: each quota (scenario, how many, eligible ids or None for any) in turn over a
    seeded permutation, `rest` for the others."""
    order = list(np.random.default_rng(seed).permutation(sorted(ids)))
    out: dict[str, str] = {}
    for scenario, k, eligible in quotas:
        chosen = [i for i in order if i not in out and (eligible is None or i in eligible)][:k]
        out.update({i: scenario for i in chosen})
    return {ind: out.get(ind, rest) for ind in order}


def target_scenarios(
    ids: list[str], seed: int, met_by_anchor: set[str], graded: set[str], near_target: set[str]
) -> dict[str, str]:
    """Targets: whatever the national level already meets stays met; of the rest a few are nearly met
    (only a share or ratio: counts and rare events move by whole steps), missed or deteriorate, a few
    whose level is near the target met it at baseline (and one loses it); most are met by 2025."""
    free = [i for i in ids if i not in met_by_anchor]
    n = len(free)
    quotas = [
        (NEAR, max(1, n // 7), graded),
        (MISS, max(1, n // 7), None),
        (DETERIORATE, max(1, n // 10), None),
        (LOST, max(1, n // 15), near_target),
        (MET_AT_BASE, n // 10, near_target),
    ]
    return {**deal(free, seed, quotas, MET), **{i: MET_AT_BASE for i in met_by_anchor}}


def direction_scenarios(ids: list[str], seed: int) -> dict[str, str]:
    n = len(ids)
    return deal(ids, seed + 3, [(STALL, max(1, n // 8), None), (REVERSE, max(1, n // 8), None)], MOVE)


def anchor_of(reference: pd.DataFrame | None, indicator_id: str) -> float | None:
    """The published value nearest 2020 (at most ANCHOR_YEARS away): national first, else any region."""
    if reference is None or reference.empty:
        return None
    rows = reference[
        (reference["indicator_id"] == indicator_id) & ((reference["year"] - config.BASE_YEAR).abs() <= ANCHOR_YEARS)
    ]
    if rows.empty:
        return None
    rows = rows.assign(national=rows["region"] != "全国", distance=(rows["year"] - config.BASE_YEAR).abs())
    return float(rows.sort_values(["national", "distance", "year"]).iloc[0]["value"])


def level_of(name: str, anchor: float | None) -> float | None:
    """The 2020 level of a direction goal: the reference anchor, else LEVELS."""
    if anchor is not None:
        return anchor
    return next((level for pattern, level, _ in LEVELS if re.search(pattern, name)), None)


def election_year(name: str) -> int | None:
    return next((year for pattern, year in ELECTION_YEAR if re.search(pattern, name)), None)


def shape(base: float, end: float, name: str, rng: np.random.Generator, noise: float) -> np.ndarray:
    """Six yearly values from base to end: a step in the election year for elected bodies, else a
    line with a little noise (the end points kept)."""
    step = election_year(name)
    if step is not None:
        return np.where(YEARS >= step, end, base).astype(float)
    values = np.linspace(base, end, len(YEARS))
    values[1:-1] += rng.normal(0, noise, len(values) - 2)
    return values


def higher_is_better_ends(
    t: float, base: float, scenario: str, rng: np.random.Generator, ceiling: float, scale: float = 1.0
) -> tuple[float, float]:
    """(2020, 2025) for a ≥ / > target; base below the target except for the met-at-baseline cases.
    Offsets are in percentage points times `scale` (a ratio uses a twentieth of its target)."""
    gap = t - base  # base is rounded to the reported precision first, so NEAR stays within 90 % of the gap
    top = min(ceiling, t + rng.uniform(0.3, 1.5) * scale)
    if scenario in (MET_AT_BASE, LOST):
        start = min(ceiling, t + rng.uniform(0.5, 1.5) * scale)
        return (
            (start, min(ceiling, start + rng.uniform(0, 0.4) * scale))
            if scenario == MET_AT_BASE
            else (start, t - rng.uniform(1.0, 2.5) * scale)
        )
    return {
        MET: (base, top),
        NEAR: (base, base + gap * rng.uniform(0.93, 0.97)),
        MISS: (base, base + gap * rng.uniform(0.3, 0.7)),
        DETERIORATE: (base, base - rng.uniform(1.5, 3.5) * scale),
    }[scenario]


def band_ends(t: float, half: float, level: float, scenario: str, rng: np.random.Generator) -> tuple[float, float]:
    """(2020, 2025) for a "左右" target t ± half: approached from below, or held inside the band."""
    low, high = t - half, t + half
    start = round(max(min(level, low - rng.uniform(1.5, 3.0)), low - 12), 1)
    inside = round(min(max(level, low + 0.3), high - 0.3), 1)
    gap = low - start
    return {
        MET: (start, t + rng.uniform(-1, 1)),
        NEAR: (start, start + gap * rng.uniform(0.94, 0.97)),
        MISS: (start, start + gap * rng.uniform(0.3, 0.7)),
        DETERIORATE: (start, start - rng.uniform(1, 2.5)),
        MET_AT_BASE: (inside, min(max(inside + rng.uniform(-0.8, 0.8), low + 0.2), high - 0.2)),
        LOST: (inside, low - rng.uniform(1, 2)),
    }[scenario]


def percent_target(ind: dict, scenario: str, anchor: float | None, rng: np.random.Generator) -> np.ndarray:
    """A share with a ≥ / > / ≈ target, starting near the national level."""
    t, op = float(ind["target"]), ind["op"]
    level = anchor if anchor is not None else t - rng.uniform(3, 9)
    if op in config.BAND_OPS:
        ends = band_ends(t, config.BAND_TOLERANCE_PERCENT_POINTS, level, scenario, rng)
    else:
        base = round(min(max(level, t - MAX_PERCENT_GAP), t - 2.0), 1)
        ends = higher_is_better_ends(t, base, scenario, rng, 100.0)
    start, end = round(ends[0], 1), round(ends[1], 1)
    return np.clip(shape(start, end, str(ind["name"]), rng, 0.3), 0, 100).round(1)


def count_target(t: float, scenario: str) -> np.ndarray:
    """Small whole numbers (名, 人, 所) against a ≥ target; a count cannot be nearly met, so NEAR is met."""
    ends = {
        MET: (t - 1, t),
        NEAR: (t - 1, t),
        MISS: (t - 2, t - 1) if t >= 2 else (0, 0),
        DETERIORATE: (t - 1, t - 2) if t >= 2 else (t, 0),
        MET_AT_BASE: (t, t + 1),
        LOST: (t, t - 1),
    }
    start, end = ends[scenario]
    return np.round(np.linspace(max(0, start), max(0, end), len(YEARS)))


def ratio_target(t: float, scenario: str, rng: np.random.Generator) -> np.ndarray:
    """A ratio such as women's to men's toilet places (3：2 → 1.5), from about 1.2."""
    base = round(t * rng.uniform(0.78, 0.85), 2)
    ends = higher_is_better_ends(t, base, scenario, rng, 10.0, scale=t / 20)
    return shape(round(ends[0], 2), round(ends[1], 2), "", rng, 0.01).round(2)


def births(rng: np.random.Generator) -> np.ndarray:
    """Live births a year in a district of ~420,000 people: ~2,400 falling to ~1,800."""
    return np.round(np.linspace(2400, 1800, len(YEARS)) + rng.normal(0, 50, len(YEARS)))


def events(first: float, last: float, rng: np.random.Generator) -> np.ndarray:
    """Yearly counts of rare events: `first` in 2020, `last` in 2025, 0–2 in between."""
    counts = rng.integers(0, 2, len(YEARS)).astype(float)
    counts[0], counts[-1] = first, last
    return counts


EVENT_ENDS = {
    MET: (1, 0),
    NEAR: (1, 0),
    MISS: (2, 1),
    DETERIORATE: (0, 1),
    MET_AT_BASE: (0, 0),
    LOST: (0, 1),
    MOVE: (3, 1),
    STALL: (2, 3),
    REVERSE: (1, 3),
}  # (2020, 2025) counts; a rate moving the wrong way


def per_100k(ind: dict, scenario: str, rng: np.random.Generator) -> dict:
    """Deaths per 10万 live births, or cases per 10万 women workers, from the counts."""
    cases = events(*EVENT_ENDS[scenario], rng)
    if re.search("死亡", str(ind["name"])):
        base, note = births(rng), "分子为死亡人数，分母为活产数"
    else:
        base, note = (
            np.round(np.linspace(88000, 92000, len(YEARS)) + rng.normal(0, 300, len(YEARS))),
            "分子为新发病例数，分母为女职工人数",
        )
    return {"value": (cases / base * 1e5).round(1), "numerator": cases, "denominator": base, "note": note}


def transmission(scenario: str, rng: np.random.Generator) -> dict:
    """Mother-to-child transmission: a handful of births to infected mothers, rarely one infected child."""
    mothers = rng.integers(2, 6, len(YEARS)).astype(float)
    cases = np.zeros(len(YEARS))
    cases[-1] = 1.0 if scenario in (DETERIORATE, LOST, MISS) else 0.0
    cases[0] = 1.0 if scenario in (MET, NEAR, MISS) else 0.0
    return {
        "value": (cases / mothers * 100).round(1),
        "numerator": cases,
        "denominator": mothers,
        "note": "分子为感染儿童数，分母为感染孕产妇所生儿童数",
    }


def direction_values(ind: dict, scenario: str, anchor: float | None, rng: np.random.Generator) -> dict:
    """A direction goal in its unit, from its 2020 level by a real year's change."""
    unit, name, op = ind["unit"], str(ind["name"]), ind["op"]
    if unit == "1/10万":
        return per_100k(ind, scenario, rng)
    level = level_of(name, anchor)
    if level is None:  # a quantity with no known level: a share from 30 to 70 %
        level = rng.uniform(30, 70) if unit == "%" else 100.0
    sign = -1.0 if op in config.LOWER_IS_BETTER_OPS else 1.0
    step = PER_YEAR.get(unit, 0.01) * (level if unit == "人" else 1.0) * rng.uniform(0.7, 1.3)
    moved = {MOVE: 1.0, STALL: 0.0, REVERSE: -0.6}[scenario] * sign * step * (len(YEARS) - 1)
    digits = DIGITS.get(unit, 1)
    start, end = round(level, digits), round(level + moved, digits)
    values = shape(start, end, name, rng, step * 0.2)
    if scenario == STALL:
        values[-1] = start
    if unit == "%":
        values = np.clip(values, 0, 100)
    return {"value": values.round(digits), "numerator": None, "denominator": None, "note": None}


def indicator_values(ind: dict, scenario: str, anchor: float | None, rng: np.random.Generator) -> dict:
    """Six yearly values (and counts behind a rate) for one numeric indicator."""
    unit, op = ind["unit"], ind["op"]
    if ind["kind"] == config.KIND_DIRECTION:
        return direction_values(ind, scenario, anchor, rng)
    if unit == "1/10万":
        return per_100k(ind, scenario, rng)
    if unit == "%" and op in config.LOWER_IS_BETTER_OPS:
        return transmission(scenario, rng)
    if unit == "%":
        values = percent_target(ind, scenario, anchor, rng)
    elif unit == "比例":
        values = ratio_target(float(ind["target"]), scenario, rng)
    else:
        values = count_target(float(ind["target"]), scenario)
    return {"value": values, "numerator": None, "denominator": None, "note": None}


def lead_of(indicators: pd.DataFrame, goals: pd.DataFrame) -> dict[str, str]:
    """indicator_id → first accountable lead department (the reporting department of the sample);
    measure targets get the default accountable department (lib.presentation.roles)."""
    units = indicator_units(indicators, goals)
    return {i: str(u[0]) for i, u in zip(units["indicator_id"], units["lead_units"]) if len(u)}


def indicator_frame(ind: dict, scenario: str, anchor: float | None, source: str | None, seed: int) -> pd.DataFrame:
    """All sample rows of one indicator (total only)."""
    vals = indicator_values(ind, scenario, anchor, indicator_rng(seed, ind["indicator_id"]))
    note = "；".join(x for x in (SAMPLE_NOTE, vals["note"]) if x)
    none = np.full(len(YEARS), np.nan)
    return pd.DataFrame(
        {
            "indicator_id": ind["indicator_id"],
            "region": config.REGION,
            "year": YEARS.tolist(),
            "subgroup": None,
            "value": vals["value"],
            "numerator": none if vals["numerator"] is None else vals["numerator"],
            "denominator": none if vals["denominator"] is None else vals["denominator"],
            "source": source,
            "note": note,
        }
    )


def add_subgroups(frame: pd.DataFrame, seed: int) -> pd.DataFrame:
    """城镇 a little above the total, 农村 below it (percentages)."""
    rng = indicator_rng(seed + 1, str(frame["indicator_id"].iloc[0]))
    urban = frame.assign(subgroup="城镇", value=(frame["value"] + rng.uniform(1, 3)).clip(0, 100).round(1))
    rural = frame.assign(subgroup="农村", value=(frame["value"] - rng.uniform(2, 5)).clip(0, 100).round(1))
    return pd.concat([frame, urban, rural], ignore_index=True)


def drop_years(frame: pd.DataFrame, years: tuple[int, ...]) -> pd.DataFrame:
    return frame[~frame["year"].isin(years)]


def anchor_meets(rec: dict, anchor: float | None) -> bool:
    """The published national level already meets a percentage target (≥, >, or inside a 左右 band)."""
    if anchor is None or rec["kind"] != config.KIND_TARGET or rec["unit"] != "%":
        return False
    t = float(rec["target"])
    if rec["op"] in config.BAND_OPS:
        return abs(anchor - t) <= config.BAND_TOLERANCE_PERCENT_POINTS
    return rec["op"] in (">=", ">") and anchor >= t


def scenarios_of(records: list[dict], anchors: dict[str, float | None], seed: int) -> dict[str, str]:
    targets = [r["indicator_id"] for r in records if r["kind"] == config.KIND_TARGET]
    met = {r["indicator_id"] for r in records if anchor_meets(r, anchors[r["indicator_id"]])}
    graded = {
        r["indicator_id"] for r in records if r["unit"] in ("%", "比例") and r["op"] not in config.LOWER_IS_BETTER_OPS
    }
    near = {i for i in targets if anchors[i] is None or anchors[i] >= float(by_id(records, i)["target"]) - 3}
    directions = [r["indicator_id"] for r in records if r["kind"] == config.KIND_DIRECTION]
    return {**target_scenarios(targets, seed, met, graded, near), **direction_scenarios(directions, seed)}


def by_id(records: list[dict], indicator_id: str) -> dict:
    return next(r for r in records if r["indicator_id"] == indicator_id)


def generate_observations(
    indicators: pd.DataFrame, goals: pd.DataFrame, seed: int = config.SAMPLE_SEED, reference: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Sample values 2020–2025 for every target and direction indicator of the catalogue."""
    numeric = indicators[indicators["kind"].isin([config.KIND_TARGET, config.KIND_DIRECTION])]
    records = [
        {k: (None if isinstance(v, float) and v != v else v) for k, v in r.items()} for r in numeric.to_dict("records")
    ]
    ids = [r["indicator_id"] for r in records]
    anchors = {i: anchor_of(reference, i) for i in ids}
    scenarios = scenarios_of(records, anchors, seed)
    percent_up = sorted(
        r["indicator_id"]
        for r in records
        if r["unit"] == "%"
        and r["op"] in (">=", ">", "up")
        and scenarios[r["indicator_id"]] in (MET, MOVE)
        and election_year(str(r["name"])) is None
    )
    with_subgroups = pick(percent_up, seed, 1, 3)
    gap_middle, gap_latest = pick(ids, seed, 2, max(2, len(ids) // 15)), pick(ids, seed, 3, max(2, len(ids) // 12))
    leads = lead_of(indicators, goals)
    frames = []
    for rec in records:
        ind = rec["indicator_id"]
        frame = indicator_frame(rec, scenarios[ind], anchors[ind], leads.get(ind), seed)
        if ind in with_subgroups:
            frame = add_subgroups(frame, seed)
        frame = drop_years(frame, (2022,) if ind in gap_middle else ())
        frames.append(drop_years(frame, (config.TARGET_YEAR,) if ind in gap_latest else ()))
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=list(OBSERVATION_COLUMNS))
    out["data_status"] = np.where(
        out["year"] >= config.TARGET_YEAR, config.DATA_STATUS_PRELIMINARY, config.DATA_STATUS_FINAL
    )
    out["is_sample"] = True
    return normalise(out, config.OBSERVATIONS)


GOOD, DONE, SLOW, NOT_STARTED = config.RATING_GOOD, config.RATING_DONE, config.RATING_SLOW, config.RATING_NOT_STARTED
RATING_PATHS = {  # yearly ratings 2021–2025: final 已完成 / 进展顺利 / 进展缓慢 / 未开展
    MET: (GOOD, GOOD, GOOD, GOOD, DONE),
    MET_AT_BASE: (GOOD, DONE, DONE, DONE, DONE),
    NEAR: (SLOW, GOOD, GOOD, GOOD, GOOD),
    MISS: (SLOW, SLOW, GOOD, SLOW, SLOW),
    DETERIORATE: (GOOD, GOOD, SLOW, SLOW, SLOW),
    LOST: (NOT_STARTED, NOT_STARTED, SLOW, NOT_STARTED, NOT_STARTED),
}
RATING_WORDS = {
    DONE: "年度任务已全部完成",
    GOOD: "各项工作按计划推进",
    SLOW: "部分任务推进滞后，尚需加大力度",
    NOT_STARTED: "相关工作尚未开展",
}


def narrative(year: int, dept: str | None, name: str, rating: str) -> str:
    return f"（示例）{year}年，{dept or '有关单位'}围绕“{name}”开展工作，{RATING_WORDS[rating]}，自评为{rating}。"


def generate_assessments(indicators: pd.DataFrame, goals: pd.DataFrame, seed: int = config.SAMPLE_SEED) -> pd.DataFrame:
    """Sample ratings 2021–2025 for every qualitative indicator; a few lack the latest year."""
    qual = indicators[indicators["kind"] == config.KIND_QUALITATIVE]
    ids = sorted(qual["indicator_id"])
    n = len(ids)
    quotas = [
        (MET_AT_BASE, n // 6, None),
        (NEAR, n // 6, None),
        (MISS, max(1, n // 8), None),
        (DETERIORATE, max(1, n // 10), None),
        (LOST, max(1, n // 20), None),
    ]
    scenarios = deal(ids, seed + 7, quotas, MET)
    late = pick(ids, seed, 4, max(1, n // 10))
    leads = lead_of(indicators, goals)
    rows = []
    for rec in qual.to_dict("records"):
        ind, dept = rec["indicator_id"], leads.get(rec["indicator_id"])
        for year, rating in zip(config.SAMPLE_RATING_YEARS, RATING_PATHS[scenarios[ind]]):
            if ind in late and year == config.TARGET_YEAR:
                continue
            rows.append(
                {
                    "indicator_id": ind,
                    "year": year,
                    "rating": rating,
                    "narrative": narrative(year, dept, str(rec["name"]), rating),
                    "department": dept,
                    "is_sample": True,
                }
            )
    return normalise(pd.DataFrame(rows, columns=list(ASSESSMENT_COLUMNS)), config.ASSESSMENTS)

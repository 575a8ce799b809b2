"""Roll-ups of indicator statuses: counts and 达标率 per area, per department (lead / responsible), overall.

Only the total row of each indicator counts (subgroups would count it twice). Every group
lists its worst indicators, so a good 达标率 never hides them.
"""

from __future__ import annotations

import pandas as pd

from lib import config

ROLLUP_COLUMNS = [
    "group",
    "n_indicators",
    *config.ALL_STATUSES,
    "n_with_target",
    "n_target_with_data",
    "n_met",
    "achievement_rate",
    "n_nearly_met",
    "nearly_met_rate",
    "n_warnings",
    *config.WARNINGS,
    "worst",
]
RATE_COLUMNS = {"achievement_rate": "n_met", "nearly_met_rate": "n_nearly_met"}  # rate: its numerator


def department_groups(indicators: pd.DataFrame, goals: pd.DataFrame, column: str) -> pd.DataFrame:
    """indicator_id → department (one row per department of the indicator's goal)."""
    units = goals.set_index("goal_id")[column].to_dict() if not goals.empty else {}
    rows = []
    for ind, goal in zip(indicators["indicator_id"], indicators["goal_id"]):
        listed = units.get(goal)
        names = list(listed) if listed is not None else []
        rows += [(ind, name) for name in names] or [(ind, config.NO_DEPARTMENT_LABEL)]
    return pd.DataFrame(rows, columns=["indicator_id", "group"])


def indicator_groups(indicators: pd.DataFrame, goals: pd.DataFrame, by: str) -> pd.DataFrame:
    """indicator_id → group for one kind of roll-up (`area`, `lead`, `responsible`, `overall`)."""
    if by == "area":
        return indicators[["indicator_id", "area_id"]].rename(columns={"area_id": "group"})
    if by == "overall":
        return pd.DataFrame({"indicator_id": indicators["indicator_id"], "group": config.OVERALL_LABEL})
    if by in ("lead", "responsible"):
        return department_groups(indicators, goals, f"{by}_units")
    raise ValueError(f"汇总方式“{by}”无效，应为 {', '.join(config.ROLLUP_BYS)} 之一")


def indicator_flags(statuses: pd.DataFrame) -> pd.DataFrame:
    """Per total row: 0/1 flags to sum per group, and the keys that rank the worst indicators."""
    totals = statuses[statuses["subgroup"].isna()]
    ids, kinds = totals["indicator_id"].tolist(), totals["kind"].tolist()
    status, warnings = totals["status"].tolist(), totals["warnings"].tolist()
    severity = totals["warning_severity"].tolist()
    target = [k == config.KIND_TARGET for k in kinds]
    data: dict[str, list] = {
        "indicator_id": ids,
        "n_indicators": [1] * len(ids),
        "n_with_target": [int(t) for t in target],
        "n_target_with_data": [int(t and s != config.STATUS_NO_DATA) for t, s in zip(target, status)],
        "n_met": [int(t and s == config.STATUS_MET) for t, s in zip(target, status)],
        "n_nearly_met": [int(t and s == config.STATUS_NEARLY_MET) for t, s in zip(target, status)],
        "n_warnings": [int(len(w) > 0) for w in warnings],
    }
    data.update({label: [int(s == label) for s in status] for label in config.ALL_STATUSES})
    data.update({label: [int(label in w) for w in warnings] for label in config.WARNINGS})
    rank = {s: i for i, s in enumerate(config.STATUS_ORDER)}
    data["_attention"] = [s in config.ATTENTION_STATUSES or len(w) > 0 for s, w in zip(status, warnings)]
    data["_rank"] = [rank.get(s, len(config.STATUS_ORDER)) for s in status]
    data["_not_red"] = [v != config.SEVERITY_RED for v in severity]
    data["_fewer_warnings"] = [-len(w) for w in warnings]
    return pd.DataFrame(data)


def worst_lists(merged: pd.DataFrame) -> pd.Series:
    """group → up to WORST_LIMIT indicator ids needing attention, worst first."""
    keys = ["_rank", "_not_red", "_fewer_warnings", "indicator_id"]
    ranked = merged[merged["_attention"].astype(bool)].sort_values(keys, kind="stable")
    top = ranked.groupby("group", sort=False).head(config.WORST_LIMIT)
    return top.groupby("group", sort=False)["indicator_id"].agg(list)


def compute_rollup(
    statuses: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame, by: str, groups: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per group: status counts, n_with_target, n_met, achievement_rate (达标率), warnings, worst.

    达标率 = 已达标 ÷ numeric targets with data; nearly_met_rate (基本达标, final year only) stands beside it
    over the same denominator and is never added into it. groups (indicator_id, group) replaces the plan's
    own grouping, e.g. departments with the accountable department of measure targets (lib.presentation.roles).
    """
    grouping = indicator_groups(indicators, goals, by) if groups is None else groups[["indicator_id", "group"]]
    merged = grouping.merge(indicator_flags(statuses), on="indicator_id")
    counted = [c for c in ROLLUP_COLUMNS if c not in ("group", *RATE_COLUMNS, "worst")]
    frame = merged.groupby("group", sort=True)[counted].sum().reset_index()
    with_data = frame["n_target_with_data"]
    for rate, numerator in RATE_COLUMNS.items():
        frame[rate] = (frame[numerator] / with_data.where(with_data > 0)).astype("float64")
    worst = worst_lists(merged)
    frame["worst"] = [worst.get(g, []) for g in frame["group"]]
    frame = frame[ROLLUP_COLUMNS]
    if by in ("lead", "responsible"):  # most indicators first; the "no department" group last
        last = frame["group"] == config.NO_DEPARTMENT_LABEL
        frame = frame.assign(_last=last).sort_values(
            ["_last", "n_indicators", "group"], ascending=[True, False, True], kind="stable"
        )
        frame = frame.drop(columns="_last")
    return frame.reset_index(drop=True)

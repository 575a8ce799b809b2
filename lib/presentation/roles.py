"""The one map of indicators to departments (牵头 lead, 责任 responsible) and the one filter on it. Pure.

An indicator of a goal belongs to the goal's 牵头单位 and 责任单位 as the plan lists them. A target
stated in a measure names no department: it is charged to an accountable department, set by the office
in data/accountable.csv or, by default, the lead of the area goal on the same subject (docs/method.md,
"Accountable department of a measure target"). Every page, roll-up and the report read this map.
"""

from __future__ import annotations

import re

import pandas as pd

from lib.contract.accountable import (  # noqa: F401  (re-exported: the role map reads them)
    ACCOUNTABLE_COLUMNS,
    ACCOUNTABLE_FILE,
    accountable_csv_bytes,
    read_accountable,
)
from lib.presentation import formatting as fmt

ROLE_LEAD = "牵头"
ROLE_RESPONSIBLE = "责任"
ALL = "全部"
ROLE_RANK = {ROLE_LEAD: 0, ROLE_RESPONSIBLE: 1}
BASIS_PLAN = "规划列明"
BASIS_SUBJECT = "默认：同主题目标的牵头单位"
BASIS_FIRST_GOAL = "默认：本领域首个目标的牵头单位"
BASIS_OFFICE = "办公室指定"
NOTED_BASES = (BASIS_SUBJECT, BASIS_FIRST_GOAL, BASIS_OFFICE)  # shown beside the department's name
NO_UNIT_NOTE = "规划措施中提出，未列牵头单位"
MIN_SUBJECT_SCORE = 2  # shared distinctive two-character words for a goal to be "on the same subject"


def goal_roles(goals: pd.DataFrame) -> pd.DataFrame:
    """One row per goal and named unit: goal_id, area_id, department, role (lead wins over responsible)."""
    rows = [
        (g.goal_id, g.area_id, unit, role)
        for g in goals.itertuples(index=False)
        for role, units in ((ROLE_LEAD, g.lead_units), (ROLE_RESPONSIBLE, g.responsible_units))
        for unit in ([] if fmt.is_missing(units) else list(units))
    ]
    long = pd.DataFrame(rows, columns=["goal_id", "area_id", "department", "role"])
    return long.drop_duplicates(["goal_id", "department"], keep="first").reset_index(drop=True)


# ---------------------------------------------------------------- accountable department of measure targets
FUNCTION_CHARS = frozenset("的与和及或在为等了对")  # a word pair with one of these says nothing of the subject


def _bigrams(text: str) -> set[str]:
    """Two-character words of the Chinese runs of a text, leaving out pairs with a function character."""
    runs = re.findall(r"[\u4e00-\u9fff]+", str(text))
    pairs = {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
    return {p for p in pairs if not set(p) & FUNCTION_CHARS}


class _AreaGoals:
    """An area's goals in plan order with their two-character words, worked out once for all its measure targets."""

    def __init__(self, area_goals: pd.DataFrame):
        self.rows = [row for _, row in area_goals.iterrows()]
        self.grams = [_bigrams(t) for t in area_goals["text"]]
        # words in more than half of the area's goals say nothing of a particular subject
        self.common = {g for g in set().union(*self.grams) if sum(g in s for s in self.grams) * 2 > len(self.grams)}

    def subject_goal(self, name: str) -> tuple[pd.Series, str] | None:
        """The goal sharing most distinctive words with the name (first in plan order on a tie)."""
        if not self.rows:
            return None
        wanted = _bigrams(name) - self.common
        scores = [len(wanted & s) for s in self.grams]
        best = max(range(len(scores)), key=lambda i: (scores[i], -i))
        if scores[best] >= MIN_SUBJECT_SCORE:
            return self.rows[best], BASIS_SUBJECT
        return self.rows[0], BASIS_FIRST_GOAL


def default_accountable(indicators: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """For each indicator without a goal: indicator_id, department (one row per lead unit), basis, goal_id."""
    rows = []
    ordered = goals.sort_values(["area_id", "seq"]) if "seq" in goals else goals
    areas: dict[str, _AreaGoals] = {}
    for ind in indicators[indicators["goal_id"].isna()].itertuples(index=False):
        if ind.area_id not in areas:
            areas[ind.area_id] = _AreaGoals(ordered[ordered["area_id"] == ind.area_id])
        found = areas[ind.area_id].subject_goal(ind.name)
        if found is None:
            continue
        goal, basis = found
        units = [] if fmt.is_missing(goal["lead_units"]) else list(goal["lead_units"])
        rows += [(ind.indicator_id, unit, basis, goal["goal_id"]) for unit in units]
    return pd.DataFrame(rows, columns=[*ACCOUNTABLE_COLUMNS, "goal_id"])


def accountable_table(
    indicators: pd.DataFrame, goals: pd.DataFrame, overrides: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Accountable departments of measure targets: the office's entries replace the default of their indicator."""
    defaults = default_accountable(indicators, goals)[ACCOUNTABLE_COLUMNS]
    if overrides is None or overrides.empty:
        return defaults
    measure_ids = set(indicators.loc[indicators["goal_id"].isna(), "indicator_id"])
    office = overrides[overrides["indicator_id"].isin(measure_ids)][ACCOUNTABLE_COLUMNS]
    kept = defaults[~defaults["indicator_id"].isin(set(office["indicator_id"]))]
    return pd.concat([kept, office], ignore_index=True)


def with_accountable(
    current: pd.DataFrame, indicator_id: str, department: str, indicators: pd.DataFrame, departments: pd.DataFrame
) -> pd.DataFrame:
    """The office's table with one measure target set to a department (replacing its entry); Chinese errors."""
    measure_ids = set(indicators.loc[indicators["goal_id"].isna(), "indicator_id"])
    if indicator_id not in measure_ids:
        raise ValueError(f"指标“{indicator_id}”不是规划措施中提出的指标（只有这类指标需要指定负责单位）")
    if department not in set(departments["name"]):
        raise ValueError(f"部门“{department}”不在部门表中")
    entry = pd.DataFrame([[indicator_id, department, BASIS_OFFICE]], columns=ACCOUNTABLE_COLUMNS)
    return pd.concat([current[current["indicator_id"] != indicator_id], entry], ignore_index=True)


# ---------------------------------------------------------------- the one map and the one filter
def indicator_roles(
    indicators: pd.DataFrame, goals: pd.DataFrame, accountable: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One row per indicator and department: indicator_id, department, role, basis.

    Goal indicators carry their goal's units (basis 规划列明); measure targets their accountable department
    as lead. `accountable` is the office's table (read_accountable); defaults fill the rest.
    """
    stated = indicators[["indicator_id", "goal_id"]].dropna(subset=["goal_id"])
    planned = stated.merge(goal_roles(goals)[["goal_id", "department", "role"]], on="goal_id")
    planned = planned.assign(basis=BASIS_PLAN)[["indicator_id", "department", "role", "basis"]]
    measure = accountable_table(indicators, goals, accountable).assign(role=ROLE_LEAD)
    out = pd.concat([planned, measure[["indicator_id", "department", "role", "basis"]]], ignore_index=True)
    order = {i: n for n, i in enumerate(indicators["indicator_id"])}
    out = out.assign(_order=out["indicator_id"].map(order)).sort_values("_order", kind="stable")
    return out.drop(columns="_order").reset_index(drop=True)


def indicator_units(
    indicators: pd.DataFrame, goals: pd.DataFrame, accountable: pd.DataFrame | None = None
) -> pd.DataFrame:
    """indicator_id, lead_units, responsible_units (lists, empty when none), lead_basis, one row per indicator."""
    roles = indicator_roles(indicators, goals, accountable)
    grouped = {role: roles[roles["role"] == role].groupby("indicator_id", sort=False) for role in ROLE_RANK}
    lead = grouped[ROLE_LEAD]["department"].agg(list)
    responsible = grouped[ROLE_RESPONSIBLE]["department"].agg(list)
    basis = grouped[ROLE_LEAD]["basis"].first()
    ids = indicators["indicator_id"]
    return pd.DataFrame(
        {
            "indicator_id": ids.to_numpy(),
            "lead_units": [lead.get(i, []) for i in ids],
            "responsible_units": [responsible.get(i, []) for i in ids],
            "lead_basis": [basis.get(i) for i in ids],
        }
    )


def select_indicator_ids(
    indicators: pd.DataFrame, goals: pd.DataFrame, department: str, scope: str, accountable: pd.DataFrame | None = None
) -> set[str]:
    """Indicators the department answers for in the scope (牵头 / 责任 / 全部); every indicator for 全部 departments."""
    if department == ALL:
        return set(indicators["indicator_id"])
    roles = indicator_roles(indicators, goals, accountable)
    mine = roles[(roles["department"] == department) & role_mask(roles["role"], scope)]
    return set(mine["indicator_id"])


def role_mask(roles: pd.Series, scope: str) -> pd.Series:
    """Rows whose role passes the sidebar's 部门职责 control (全部 keeps all)."""
    return roles == scope if scope in ROLE_RANK else pd.Series(True, index=roles.index)


def lead_text(units: object, basis: object = None) -> str:
    """The lead departments as shown: names, with the basis when the plan does not name them."""
    names = [] if fmt.is_missing(units) else list(units)
    if not names:
        return NO_UNIT_NOTE
    shown = fmt.join_units(names)
    return f"{shown}（{basis}）" if basis in NOTED_BASES else shown


# ---------------------------------------------------------------- plan order of departments
def department_order(departments: pd.DataFrame, goals: pd.DataFrame) -> list[str]:
    """Department names in the order the plan first names them (area, goal, lead before responsible).

    Names the goals never list follow in the catalogue's order.
    """
    ordered = goals.sort_values(["area_id", "seq"]) if {"area_id", "seq"} <= set(goals.columns) else goals
    seen = list(dict.fromkeys(goal_roles(ordered)["department"])) if not goals.empty else []
    known = departments["name"].tolist() if not departments.empty else []
    return [n for n in seen if n in set(known)] + [n for n in known if n not in set(seen)]


def sort_departments(names: list[str], departments: pd.DataFrame, goals: pd.DataFrame) -> list[str]:
    """The given names in plan order; unknown names last, as given."""
    rank = {n: i for i, n in enumerate(department_order(departments, goals))}
    return sorted(names, key=lambda n: rank.get(n, len(rank)))

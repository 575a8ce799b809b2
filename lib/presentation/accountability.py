"""What each department answers for: its goals, statuses, warnings and missing reports. Pure.

The plan names for each goal 牵头单位 (lead) and 责任单位 (responsible). An indicator belongs
to the departments of its goal; indicators stated in measures belong to none. Collective
entries (departments.kind == 'group') are kept apart: they are never ranked as departments.
"""
from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote, urlencode

import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation.view_models import totals

ROLE_LEAD = "牵头"
ROLE_RESPONSIBLE = "责任"
KIND_DEPARTMENT = "department"
KIND_GROUP = "group"
NO_INDICATOR = "未设指标"
DEPARTMENT_PAGE = "department"
# most urgent first: a goal takes the status of its worst indicator
SEVERITY = config.STATUS_ORDER
ON_TRACK = frozenset({config.STATUS_MET, config.STATUS_ON_TRACK, config.RATING_DONE, config.RATING_GOOD})
UNJUDGED = frozenset({config.STATUS_NO_DATA, NO_INDICATOR})


def department_names(departments: pd.DataFrame) -> list[str]:
    """Real departments (kind 'department') in catalogue order."""
    if departments.empty:
        return []
    return departments.loc[departments["kind"] == KIND_DEPARTMENT, "name"].tolist()


def group_names(departments: pd.DataFrame) -> list[str]:
    """Collective entries (有关行业主管部门, 各成员单位 …) in catalogue order."""
    if departments.empty:
        return []
    return departments.loc[departments["kind"] == KIND_GROUP, "name"].tolist()


def _quote_ascii(text: str) -> str:
    # Chinese stays readable (LinkColumn shows it through a regex); reserved ASCII is escaped
    return "".join(quote(c, safe="") if c.isascii() and not c.isalnum() else c for c in text)


def department_link(name: str, params: Mapping[str, object] | None = None) -> str:
    """Relative link to the department page showing `name`; dept comes first, other controls follow."""
    rest = {k: v for k, v in (params or {}).items() if k != "dept"}
    tail = f"&{urlencode(rest, doseq=True)}" if rest else ""
    return f"{DEPARTMENT_PAGE}?dept={_quote_ascii(name)}{tail}"


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


RANK = {status: rank for rank, status in enumerate(SEVERITY)}


def _summaries(judged: pd.DataFrame) -> pd.Series:
    """Per goal: its indicators' statuses counted, most urgent first (倒退1、需加快2)."""
    sizes = judged.groupby(["goal_id", "status"]).size()
    parts: dict[str, list[str]] = {}
    for (goal, status), n in sorted(sizes.items(), key=lambda kv: RANK.get(kv[0][1], len(RANK))):
        parts.setdefault(goal, []).append(f"{status}{n}")
    return pd.Series({goal: "、".join(p) for goal, p in parts.items()}, dtype=object)


def goal_statuses(goals: pd.DataFrame, indicators: pd.DataFrame, statuses: pd.DataFrame) -> pd.DataFrame:
    """Per goal: status (its worst indicator's, 未设指标 without one), n_indicators, summary."""
    total = totals(statuses)[["indicator_id", "status"]]
    judged = indicators[["indicator_id", "goal_id"]].dropna(subset=["goal_id"]).merge(total, on="indicator_id", how="left")
    worst = judged["status"].map(RANK).groupby(judged["goal_id"]).min()
    ids = goals["goal_id"]
    status = ids.map(worst).map(lambda r: NO_INDICATOR if fmt.is_missing(r) else SEVERITY[int(r)])
    return pd.DataFrame({
        "goal_id": ids, "status": status,
        "n_indicators": ids.map(judged.groupby("goal_id").size()).fillna(0).astype(int),
        "summary": ids.map(_summaries(judged.dropna(subset=["status"]))).astype(object).fillna(""),
    }).reset_index(drop=True)


def department_goals(name: str, goals: pd.DataFrame, indicators: pd.DataFrame, statuses: pd.DataFrame,
                     areas: pd.DataFrame) -> pd.DataFrame:
    """The goals a department leads or shares, leading ones first: 领域, 目标, 角色, 状态, 指标数, 指标状态."""
    roles = goal_roles(goals)
    mine = roles[roles["department"] == name].merge(goals[["goal_id", "seq", "text"]], on="goal_id")
    mine = mine.merge(goal_statuses(goals, indicators, statuses), on="goal_id")
    mine = mine.merge(areas[["area_id", "short_name"]], on="area_id", how="left")
    mine = mine.assign(role_rank=mine["role"].map({ROLE_LEAD: 0, ROLE_RESPONSIBLE: 1}))
    mine = mine.sort_values(["role_rank", "goal_id"])
    return pd.DataFrame({
        "目标编号": mine["goal_id"], "领域": mine["short_name"], "目标": mine["text"], "角色": mine["role"],
        "状态": mine["status"], "指标数": mine["n_indicators"], "指标状态": mine["summary"],
    }).reset_index(drop=True)


def indicator_roles(indicators: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """One row per indicator and unit of its goal: indicator_id, department, role."""
    stated = indicators[["indicator_id", "goal_id"]].dropna(subset=["goal_id"])
    roles = stated.merge(goal_roles(goals)[["goal_id", "department", "role"]], on="goal_id")
    return roles[["indicator_id", "department", "role"]].reset_index(drop=True)


def department_indicators(name: str, indicators: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """indicator_id and role (牵头/责任) of every indicator of the department's goals."""
    roles = indicator_roles(indicators, goals)
    return roles.loc[roles["department"] == name, ["indicator_id", "role"]].reset_index(drop=True)


def _has_warning(warnings: object) -> bool:
    return not fmt.is_missing(warnings) and len(warnings) > 0


def _indicator_info(indicators: pd.DataFrame) -> pd.DataFrame:
    return indicators[["indicator_id", "name", "kind"]].rename(columns={"name": "indicator_name"})


def department_warnings(name: str, indicators: pd.DataFrame, goals: pd.DataFrame,
                        statuses: pd.DataFrame) -> pd.DataFrame:
    """Warnings on the department's indicators, red first: 指标编号, 指标, 角色, 状态, 预警, 预警等级, 预警原因."""
    total = totals(statuses)
    rows = department_indicators(name, indicators, goals).merge(total, on="indicator_id")
    rows = rows[rows["warnings"].map(_has_warning)].merge(_indicator_info(indicators), on="indicator_id")
    rank = rows["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    rows = rows.assign(rank=rank).sort_values(["rank", "indicator_id"])
    return pd.DataFrame({
        "指标编号": rows["indicator_id"], "指标": rows["indicator_name"], "角色": rows["role"],
        "状态": rows["status"], "预警": rows["warnings"].map(lambda w: "、".join(w)),
        "预警等级": rows["warning_severity"].fillna("—"), "预警原因": rows["reason"].fillna("—"),
    }).reset_index(drop=True)


def _reported(indicators: pd.DataFrame, observations: pd.DataFrame, assessments: pd.DataFrame,
              year: int) -> set[str]:
    """Indicators with a value (quantitative, total) or a rating (qualitative) for `year`."""
    if observations.empty:
        observations = pd.DataFrame(columns=["indicator_id", "year", "subgroup", "value"])
    obs = observations[(observations["year"] == year) & observations["subgroup"].isna() & observations["value"].notna()]
    rated = assessments[(assessments["year"] == year) & assessments["rating"].notna()] if not assessments.empty else assessments
    qualitative = set(indicators.loc[indicators["kind"] == config.KIND_QUALITATIVE, "indicator_id"])
    rated_ids = set(rated["indicator_id"]) & qualitative if not rated.empty else set()
    return (set(obs["indicator_id"]) - qualitative) | rated_ids


def _last_year(observations: pd.DataFrame, year: int) -> pd.Series:
    if observations.empty:
        return pd.Series(dtype="float64")
    upto = observations[(observations["year"] <= year) & observations["subgroup"].isna() & observations["value"].notna()]
    return upto.groupby("indicator_id")["year"].max()


def department_missing(name: str, indicators: pd.DataFrame, goals: pd.DataFrame, observations: pd.DataFrame,
                       assessments: pd.DataFrame, year: int) -> pd.DataFrame:
    """The department's indicators with no value (or rating) for `year`: 指标编号, 指标, 角色, 最近有数年份."""
    mine = department_indicators(name, indicators, goals)
    missing = mine[~mine["indicator_id"].isin(_reported(indicators, observations, assessments, year))]
    missing = missing.merge(_indicator_info(indicators), on="indicator_id")
    last = missing["indicator_id"].map(_last_year(observations, year))
    return pd.DataFrame({
        "指标编号": missing["indicator_id"], "指标": missing["indicator_name"], "角色": missing["role"],
        "最近有数年份": last.map(lambda y: "—" if fmt.is_missing(y) else f"{int(y)}年"),
    }).reset_index(drop=True)


def completeness(name: str, indicators: pd.DataFrame, goals: pd.DataFrame, observations: pd.DataFrame,
                 assessments: pd.DataFrame, year: int) -> tuple[int, int]:
    """(indicators reported for `year`, indicators of the department)."""
    mine = department_indicators(name, indicators, goals)
    reported = mine["indicator_id"].isin(_reported(indicators, observations, assessments, year)).sum()
    return int(reported), len(mine)


def _goal_frame(goals: pd.DataFrame, indicators: pd.DataFrame, statuses: pd.DataFrame,
                departments: pd.DataFrame) -> pd.DataFrame:
    """goal_roles of real departments with each goal's status."""
    roles = goal_roles(goals)
    roles = roles[roles["department"].isin(department_names(departments))]
    return roles.merge(goal_statuses(goals, indicators, statuses)[["goal_id", "status"]], on="goal_id")


def department_area_matrix(goals: pd.DataFrame, indicators: pd.DataFrame, statuses: pd.DataFrame,
                           departments: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Long: department, area (short name), n_goals (lead or responsible), share_on_track of judged goals."""
    frame = _goal_frame(goals, indicators, statuses, departments).merge(areas[["area_id", "short_name"]], on="area_id")
    frame = frame.assign(judged=~frame["status"].isin(UNJUDGED), on_track=frame["status"].isin(ON_TRACK))
    grouped = frame.groupby(["department", "short_name"], sort=False)
    out = grouped.agg(n_goals=("goal_id", "size"), judged=("judged", "sum"), on_track=("on_track", "sum"))
    share = (out["on_track"] / out["judged"]).where(out["judged"] > 0)
    out = out.assign(share_on_track=share.astype("float64"))[["n_goals", "share_on_track"]].reset_index()
    return out.rename(columns={"short_name": "area"})


def matrix_wide(matrix: pd.DataFrame, departments: pd.DataFrame, areas: pd.DataFrame, value: str) -> pd.DataFrame:
    """The matrix as 部门 × area short names (share_on_track in percent), catalogue order."""
    wide = matrix.pivot(index="department", columns="area", values=value)
    names = [n for n in department_names(departments) if n in wide.index]
    wide = wide.reindex(index=names, columns=[a for a in areas["short_name"] if a in wide.columns])
    wide = wide.fillna(0).astype(int) if value == "n_goals" else (wide * 100).round(1)
    return wide.rename_axis(index="部门", columns=None).reset_index()


def _count_by_department(frame: pd.DataFrame, names: list[str]) -> pd.Series:
    return frame.groupby("department").size().reindex(names, fill_value=0).astype(int)


def warning_ranking(goals: pd.DataFrame, indicators: pd.DataFrame, statuses: pd.DataFrame,
                    departments: pd.DataFrame) -> pd.DataFrame:
    """Departments by number of warned indicators (lead or responsible), most first."""
    names = department_names(departments)
    total = totals(statuses)
    warned = total.loc[total["warnings"].map(_has_warning), ["indicator_id", "warning_severity"]]
    roles = indicator_roles(indicators, goals)
    hits = roles.merge(warned, on="indicator_id")
    own = goal_roles(goals)
    out = pd.DataFrame({
        "部门": names,
        "预警指标数": _count_by_department(hits, names).to_numpy(),
        "红色预警": _count_by_department(hits[hits["warning_severity"] == config.SEVERITY_RED], names).to_numpy(),
        "牵头目标数": _count_by_department(own[own["role"] == ROLE_LEAD], names).to_numpy(),
        "责任目标数": _count_by_department(own[own["role"] == ROLE_RESPONSIBLE], names).to_numpy(),
        "指标数": _count_by_department(roles, names).to_numpy(),
    })
    out = out.sort_values(["预警指标数", "红色预警", "牵头目标数"], ascending=False, kind="stable")
    return out.reset_index(drop=True)


def group_entries(goals: pd.DataFrame, departments: pd.DataFrame) -> pd.DataFrame:
    """Collective entries with the goals that name them: 集体主体, 牵头目标, 责任目标."""
    roles = goal_roles(goals)
    rows = []
    for name in group_names(departments):
        own = roles[roles["department"] == name]
        lead = own.loc[own["role"] == ROLE_LEAD, "goal_id"].tolist()
        responsible = own.loc[own["role"] == ROLE_RESPONSIBLE, "goal_id"].tolist()
        rows.append((name, "、".join(lead) or "—", "、".join(responsible) or "—"))
    return pd.DataFrame(rows, columns=["集体主体", "牵头目标", "责任目标"])


def role_summary(name: str, lead_rollup: pd.DataFrame, responsible_rollup: pd.DataFrame) -> pd.DataFrame:
    """The engine's roll-up rows of one department as lead and as responsible: counts and 达标率."""
    columns = ["n_indicators", *config.ALL_STATUSES, "n_target_with_data", "n_met", "achievement_rate", "n_warnings"]
    rows = []
    for role, rollup in ((ROLE_LEAD, lead_rollup), (ROLE_RESPONSIBLE, responsible_rollup)):
        match = rollup[rollup["group"] == name]
        values = match[columns].iloc[0].tolist() if not match.empty else [0] * (len(columns) - 3) + [0, float("nan"), 0]
        rows.append([role, *values])
    out = pd.DataFrame(rows, columns=["角色", *columns])
    counts = [c for c in columns if c != "achievement_rate"]
    out[counts] = out[counts].astype(int)
    shown = [s for s in config.ALL_STATUSES if out[s].sum() > 0]
    out = out[["角色", "n_indicators", *shown, "n_target_with_data", "n_met", "achievement_rate", "n_warnings"]]
    return out.rename(columns={"n_indicators": "指标数", "n_target_with_data": "有目标值且有数据",
                               "n_met": "已达标指标", "achievement_rate": "达标率", "n_warnings": "预警指标数"})

"""What each department answers for: its goals, statuses, warnings and missing reports. Pure.

The plan names for each goal 牵头单位 (lead) and 责任单位 (responsible); targets stated in measures
are charged to their accountable department (lib.presentation.roles, the one department map).
A warning is charged to the lead department: the responsible departments see it as shared and it is
counted apart, never added to their own. The page, the ranking and the report read the same counts
(department_warning_counts, department_rollup). Collective entries (departments.kind == 'group')
are kept apart: they are never ranked as departments. Departments follow plan order.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote, urlencode

import pandas as pd

from lib import config
from lib.engine.rollup import compute_rollup
from lib.presentation import formatting as fmt
from lib.presentation.roles import (
    ALL,
    ROLE_LEAD,
    ROLE_RANK,
    ROLE_RESPONSIBLE,
    goal_roles,
    indicator_roles,
    role_mask,
    sort_departments,
)
from lib.presentation.view_models import totals

KIND_DEPARTMENT = "department"
KIND_GROUP = "group"
NO_INDICATOR = "未设指标"
DEPARTMENT_PAGE = "department"
# most urgent first: a goal takes the status of its worst indicator
SEVERITY = config.STATUS_ORDER
ON_TRACK = frozenset(
    {config.STATUS_MET, config.STATUS_ON_TRACK, config.STATUS_ACHIEVED, config.RATING_DONE, config.RATING_GOOD}
)  # met, achieved, or (before the target year) on track
UNJUDGED = frozenset({config.STATUS_NO_DATA, NO_INDICATOR})


def _names(departments: pd.DataFrame, kind: str, goals: pd.DataFrame | None) -> list[str]:
    if departments.empty:
        return []
    names = departments.loc[departments["kind"] == kind, "name"].tolist()
    return names if goals is None else sort_departments(names, departments, goals)


def department_names(departments: pd.DataFrame, goals: pd.DataFrame | None = None) -> list[str]:
    """Real departments (kind 'department'): in plan order with the goals, else in catalogue order."""
    return _names(departments, KIND_DEPARTMENT, goals)


def group_names(departments: pd.DataFrame, goals: pd.DataFrame | None = None) -> list[str]:
    """Collective entries (有关行业主管部门, 各成员单位 …), in plan order with the goals."""
    return _names(departments, KIND_GROUP, goals)


def _quote_ascii(text: str) -> str:
    # Chinese stays readable (LinkColumn shows it through a regex); reserved ASCII is escaped
    return "".join(quote(c, safe="") if c.isascii() and not c.isalnum() else c for c in text)


def department_link(name: str, params: Mapping[str, object] | None = None) -> str:
    """Relative link to the department page showing `name`; dept comes first, other controls follow."""
    rest = {k: v for k, v in (params or {}).items() if k != "dept"}
    tail = f"&{urlencode(rest, doseq=True)}" if rest else ""
    return f"{DEPARTMENT_PAGE}?dept={_quote_ascii(name)}{tail}"


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
    judged = (
        indicators[["indicator_id", "goal_id"]].dropna(subset=["goal_id"]).merge(total, on="indicator_id", how="left")
    )
    worst = judged["status"].map(RANK).groupby(judged["goal_id"]).min()
    ids = goals["goal_id"]
    status = ids.map(worst).map(lambda r: NO_INDICATOR if fmt.is_missing(r) else SEVERITY[int(r)])
    return pd.DataFrame(
        {
            "goal_id": ids,
            "status": status,
            "n_indicators": ids.map(judged.groupby("goal_id").size()).fillna(0).astype(int),
            "summary": ids.map(_summaries(judged.dropna(subset=["status"]))).astype(object).fillna(""),
        }
    ).reset_index(drop=True)


def department_goals(
    name: str,
    goals: pd.DataFrame,
    indicators: pd.DataFrame,
    statuses: pd.DataFrame,
    areas: pd.DataFrame,
    scope: str = ALL,
    shown: set[str] | None = None,
) -> pd.DataFrame:
    """The goals a department leads or shares in the scope, leading ones first, in plan order.

    shown: the indicator ids left by the page's status filter; a goal stays when one of its indicators is shown.
    Columns: 目标编号, 领域, 目标, 角色, 状态, 指标数, 指标状态.
    """
    roles = goal_roles(goals)
    mine = roles[(roles["department"] == name) & role_mask(roles["role"], scope)]
    if shown is not None:
        keep = set(indicators.loc[indicators["indicator_id"].isin(shown), "goal_id"].dropna())
        mine = mine[mine["goal_id"].isin(keep)]
    mine = mine.merge(goals[["goal_id", "seq", "text"]], on="goal_id")
    mine = mine.merge(goal_statuses(goals, indicators, statuses), on="goal_id")
    mine = mine.merge(areas[["area_id", "short_name"]], on="area_id", how="left")
    mine = mine.assign(role_rank=mine["role"].map(ROLE_RANK)).sort_values(["role_rank", "area_id", "seq"])
    return pd.DataFrame(
        {
            "目标编号": mine["goal_id"],
            "领域": mine["short_name"],
            "目标": mine["text"],
            "角色": mine["role"],
            "状态": mine["status"],
            "指标数": mine["n_indicators"],
            "指标状态": mine["summary"],
        }
    ).reset_index(drop=True)


def department_indicators(
    name: str, indicators: pd.DataFrame, goals: pd.DataFrame, accountable: pd.DataFrame | None = None, scope: str = ALL
) -> pd.DataFrame:
    """indicator_id, role (牵头/责任) and basis of every indicator the department answers for in the scope."""
    roles = indicator_roles(indicators, goals, accountable)
    mine = roles[(roles["department"] == name) & role_mask(roles["role"], scope)]
    return mine[["indicator_id", "role", "basis"]].reset_index(drop=True)


def _has_warning(warnings: object) -> bool:
    return not fmt.is_missing(warnings) and len(warnings) > 0


def _indicator_info(indicators: pd.DataFrame) -> pd.DataFrame:
    return indicators[["indicator_id", "name", "kind"]].rename(columns={"name": "indicator_name"})


def department_warnings(
    name: str,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    statuses: pd.DataFrame,
    accountable: pd.DataFrame | None = None,
    role: str = ALL,
) -> pd.DataFrame:
    """Warnings on the department's indicators, red first: 指标编号, 指标, 角色, 状态, 预警, 预警等级, 预警原因.

    role 牵头: the warnings charged to the department; 责任: those it shares as a responsible unit.
    """
    total = totals(statuses)
    mine = department_indicators(name, indicators, goals, accountable, role)
    rows = mine.merge(total, on="indicator_id")
    rows = rows[rows["warnings"].map(_has_warning).astype(bool)]
    rows = rows.merge(_indicator_info(indicators), on="indicator_id")
    rank = rows["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    rows = rows.assign(rank=rank).sort_values(["rank", "indicator_id"])
    return pd.DataFrame(
        {
            "指标编号": rows["indicator_id"],
            "指标": rows["indicator_name"],
            "角色": rows["role"],
            "状态": rows["status"],
            "预警": rows["warnings"].map(lambda w: "、".join(w)),
            "预警等级": rows["warning_severity"].fillna("—"),
            "预警原因": rows["reason"].fillna("—"),
        }
    ).reset_index(drop=True)


WARNING_SECTIONS = (
    # role, heading, export name, text when there is none
    (ROLE_LEAD, "本部门牵头的预警", "部门牵头预警", "本部门牵头的指标当前没有预警。"),
    (
        ROLE_RESPONSIBLE,
        "参与（共担）的预警：由牵头单位负责，本部门配合",
        "部门共担预警",
        "本部门参与的指标当前没有预警。",
    ),
)


def department_measure_indicators(
    name: str,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    accountable: pd.DataFrame | None = None,
    scope: str = ALL,
    shown: set[str] | None = None,
) -> pd.DataFrame:
    """Targets stated in measures that the department answers for: 指标编号, 指标, 角色, 责任依据."""
    mine = department_indicators(name, indicators, goals, accountable, scope)
    mine = mine[mine["indicator_id"].isin(set(indicators.loc[indicators["goal_id"].isna(), "indicator_id"]))]
    if shown is not None:
        mine = mine[mine["indicator_id"].isin(shown)]
    mine = mine.merge(_indicator_info(indicators), on="indicator_id")
    return pd.DataFrame(
        {
            "指标编号": mine["indicator_id"],
            "指标": mine["indicator_name"],
            "角色": mine["role"],
            "责任依据": mine["basis"],
        }
    ).reset_index(drop=True)


def role_rows(summary: pd.DataFrame, scope: str) -> pd.Series:
    """Rows of role_summary passing the sidebar's 部门职责 control."""
    return role_mask(summary["角色"], scope)


def _reported(indicators: pd.DataFrame, observations: pd.DataFrame, assessments: pd.DataFrame, year: int) -> set[str]:
    """Indicators with a value (quantitative, total) or a rating (qualitative) for `year`."""
    if observations.empty:
        observations = pd.DataFrame(columns=["indicator_id", "year", "subgroup", "value"])
    obs = observations[(observations["year"] == year) & observations["subgroup"].isna() & observations["value"].notna()]
    rated = (
        assessments[(assessments["year"] == year) & assessments["rating"].notna()]
        if not assessments.empty
        else assessments
    )
    qualitative = set(indicators.loc[indicators["kind"] == config.KIND_QUALITATIVE, "indicator_id"])
    rated_ids = set(rated["indicator_id"]) & qualitative if not rated.empty else set()
    return (set(obs["indicator_id"]) - qualitative) | rated_ids


def _last_year(observations: pd.DataFrame, year: int) -> pd.Series:
    if observations.empty:
        return pd.Series(dtype="float64")
    upto = observations[
        (observations["year"] <= year) & observations["subgroup"].isna() & observations["value"].notna()
    ]
    return upto.groupby("indicator_id")["year"].max()


def department_missing(
    name: str,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    observations: pd.DataFrame,
    assessments: pd.DataFrame,
    year: int,
    accountable: pd.DataFrame | None = None,
    scope: str = ALL,
) -> pd.DataFrame:
    """The department's indicators with no value (or rating) for `year`: 指标编号, 指标, 角色, 最近有数年份."""
    mine = department_indicators(name, indicators, goals, accountable, scope)
    missing = mine[~mine["indicator_id"].isin(_reported(indicators, observations, assessments, year))]
    missing = missing.merge(_indicator_info(indicators), on="indicator_id")
    last = missing["indicator_id"].map(_last_year(observations, year))
    return pd.DataFrame(
        {
            "指标编号": missing["indicator_id"],
            "指标": missing["indicator_name"],
            "角色": missing["role"],
            "最近有数年份": last.map(lambda y: "—" if fmt.is_missing(y) else f"{int(y)}年"),
        }
    ).reset_index(drop=True)


def completeness(
    name: str,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    observations: pd.DataFrame,
    assessments: pd.DataFrame,
    year: int,
    accountable: pd.DataFrame | None = None,
    scope: str = ALL,
) -> tuple[int, int]:
    """(indicators reported for `year`, indicators the department answers for in the scope)."""
    mine = department_indicators(name, indicators, goals, accountable, scope)
    reported = mine["indicator_id"].isin(_reported(indicators, observations, assessments, year)).sum()
    return int(reported), len(mine)


def _goal_frame(
    goals: pd.DataFrame, indicators: pd.DataFrame, statuses: pd.DataFrame, departments: pd.DataFrame
) -> pd.DataFrame:
    """goal_roles of real departments with each goal's status."""
    roles = goal_roles(goals)
    roles = roles[roles["department"].isin(department_names(departments))]
    return roles.merge(goal_statuses(goals, indicators, statuses)[["goal_id", "status"]], on="goal_id")


def department_area_matrix(
    goals: pd.DataFrame,
    indicators: pd.DataFrame,
    statuses: pd.DataFrame,
    departments: pd.DataFrame,
    areas: pd.DataFrame,
) -> pd.DataFrame:
    """Long: department, area (short name), n_goals (lead or responsible), share_on_track of judged goals."""
    frame = _goal_frame(goals, indicators, statuses, departments).merge(areas[["area_id", "short_name"]], on="area_id")
    frame = frame.assign(judged=~frame["status"].isin(UNJUDGED), on_track=frame["status"].isin(ON_TRACK))
    grouped = frame.groupby(["department", "short_name"], sort=False)
    out = grouped.agg(n_goals=("goal_id", "size"), judged=("judged", "sum"), on_track=("on_track", "sum"))
    share = (out["on_track"] / out["judged"]).where(out["judged"] > 0)
    out = out.assign(share_on_track=share.astype("float64"))[["n_goals", "share_on_track"]].reset_index()
    return out.rename(columns={"short_name": "area"})


def matrix_wide(
    matrix: pd.DataFrame, departments: pd.DataFrame, areas: pd.DataFrame, value: str, goals: pd.DataFrame | None = None
) -> pd.DataFrame:
    """The matrix as 部门 × area short names (share_on_track in percent), plan order with the goals."""
    wide = matrix.pivot(index="department", columns="area", values=value)
    names = [n for n in department_names(departments, goals) if n in wide.index]
    ordered = areas.sort_values("seq")["short_name"] if "seq" in areas else areas["short_name"]
    wide = wide.reindex(index=names, columns=[a for a in ordered if a in wide.columns])
    if value == "n_goals":
        wide = wide.fillna(0).astype(int)
    else:
        wide = (wide * 100).map(lambda v: fmt.round_value(v, fmt.PERCENT_UNIT)).astype("float64")
    return wide.rename_axis(index="部门", columns=None).reset_index()


def department_groups(
    indicators: pd.DataFrame, goals: pd.DataFrame, role: str, accountable: pd.DataFrame | None = None
) -> pd.DataFrame:
    """indicator_id → group (department) for one role, from the one department map; 未列单位 when none."""
    roles = indicator_roles(indicators, goals, accountable)
    mine = roles.loc[roles["role"] == role, ["indicator_id", "department"]].rename(columns={"department": "group"})
    orphans = indicators.loc[~indicators["indicator_id"].isin(mine["indicator_id"]), ["indicator_id"]]
    return pd.concat([mine, orphans.assign(group=config.NO_DEPARTMENT_LABEL)], ignore_index=True)


def department_rollup(
    statuses: pd.DataFrame,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    role: str,
    accountable: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The engine's roll-up per department in one role (牵头/责任), grouped by the one department map."""
    by = "lead" if role == ROLE_LEAD else "responsible"
    return compute_rollup(
        statuses, indicators, goals, by, groups=department_groups(indicators, goals, role, accountable)
    )


WARNING_COUNT_COLUMNS = ["department", "n_lead", "n_lead_warnings", "n_lead_red", "n_shared", "n_shared_warnings"]


def department_warning_counts(
    statuses: pd.DataFrame,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    departments: pd.DataFrame,
    accountable: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Per real department, plan order: indicators and warnings it leads (charged to it) and shares (apart).

    Columns department, n_lead, n_lead_warnings, n_lead_red, n_shared, n_shared_warnings. The page's ranking
    and the report's department table read these counts.
    """
    names = department_names(departments, goals)
    total = totals(statuses)
    warned = total.loc[total["warnings"].map(_has_warning).astype(bool), ["indicator_id", "warning_severity"]]
    roles = indicator_roles(indicators, goals, accountable)
    roles = roles[roles["indicator_id"].isin(set(total["indicator_id"]))]
    hits = roles.merge(warned, on="indicator_id")

    def count(frame: pd.DataFrame, role: str) -> list[int]:
        sizes = frame[frame["role"] == role].groupby("department").size()
        return sizes.reindex(names, fill_value=0).astype(int).tolist()

    red = hits[hits["warning_severity"] == config.SEVERITY_RED]
    return pd.DataFrame(
        {
            "department": names,
            "n_lead": count(roles, ROLE_LEAD),
            "n_lead_warnings": count(hits, ROLE_LEAD),
            "n_lead_red": count(red, ROLE_LEAD),
            "n_shared": count(roles, ROLE_RESPONSIBLE),
            "n_shared_warnings": count(hits, ROLE_RESPONSIBLE),
        },
        columns=WARNING_COUNT_COLUMNS,
    )


RANKING_COLUMNS = {
    "department": "部门",
    "n_lead_warnings": "牵头预警指标数",
    "n_lead_red": "其中红色预警",
    "n_lead": "牵头指标数",
    "n_shared_warnings": "参与（共担）预警指标数",
    "n_shared": "参与指标数",
}


def warning_ranking(
    goals: pd.DataFrame,
    indicators: pd.DataFrame,
    statuses: pd.DataFrame,
    departments: pd.DataFrame,
    accountable: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Departments by the warnings charged to them as lead (red, then indicators led break ties); shared apart."""
    counts = department_warning_counts(statuses, indicators, goals, departments, accountable)
    ranked = counts.sort_values(["n_lead_warnings", "n_lead_red", "n_lead"], ascending=False, kind="stable")
    return ranked[list(RANKING_COLUMNS)].rename(columns=RANKING_COLUMNS).reset_index(drop=True)


def group_entries(goals: pd.DataFrame, departments: pd.DataFrame) -> pd.DataFrame:
    """Collective entries with the goals that name them: 集体主体, 牵头目标, 责任目标."""
    roles = goal_roles(goals)
    rows = []
    for name in group_names(departments, goals):
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
    return out.rename(
        columns={
            "n_indicators": "指标数",
            "n_target_with_data": "有目标值且有数据",
            "n_met": "已达标指标",
            "achievement_rate": "达标率",
            "n_warnings": "预警指标数",
        }
    )

"""Pure functions that assemble the tables and chart data of a development area page."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation import templates
from lib.presentation import view_models as vm
from lib.presentation.cards import Card
from lib.presentation.charts import PANEL_COLUMNS, build_small_multiples_chart
from lib.presentation.roles import ALL, goal_roles, indicator_units, lead_text, role_mask, select_indicator_ids

NUMERIC_KINDS = (config.KIND_TARGET, config.KIND_DIRECTION)


def area_record(areas: pd.DataFrame, area_id: str) -> dict[str, object]:
    """The area row as a dict (name, short_name, seq); empty dict when absent."""
    rows = areas[areas["area_id"] == area_id]
    return rows.iloc[0].to_dict() if not rows.empty else {}


def area_statuses(statuses: pd.DataFrame, indicators: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The status rows (totals and subgroups) of the area's indicators."""
    ids = indicators.loc[indicators["area_id"] == area_id, "indicator_id"]
    return statuses[statuses["indicator_id"].isin(ids)].reset_index(drop=True)


def build_goal_table(goals: pd.DataFrame, area_id: str, department: str = ALL, scope: str = ALL) -> pd.DataFrame:
    """The area's goals with their departments: 序号, 主要目标, 牵头单位, 责任单位."""
    rows = goals[goals["area_id"] == area_id].sort_values("seq")
    if department != ALL:
        roles = goal_roles(rows)
        keep = roles[(roles["department"] == department) & role_mask(roles["role"], scope)]
        rows = rows[rows["goal_id"].isin(set(keep["goal_id"]))]
    return pd.DataFrame(
        {
            "序号": rows["seq"].astype(int),
            "主要目标": rows["text"],
            "牵头单位": rows["lead_units"].map(fmt.join_units),
            "责任单位": rows["responsible_units"].map(fmt.join_units),
        }
    ).reset_index(drop=True)


def _trend(observations: pd.DataFrame, year: int) -> dict[str, list[float]]:
    upto = observations[(observations["year"] <= year) & observations["subgroup"].isna()].sort_values("year")
    return upto.groupby("indicator_id")["value"].apply(list).to_dict()


def build_indicator_table(
    total: pd.DataFrame,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    observations: pd.DataFrame,
    area_id: str,
    year: int,
    accountable: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per indicator of the area shown: indicator_id plus the Chinese display columns."""
    units = indicator_units(indicators, goals, accountable)
    inds = indicators[indicators["area_id"] == area_id].merge(units, on="indicator_id")
    rows = inds.merge(
        total[["indicator_id", "status", "base_value", "latest_year", "latest_value", "is_sample"]], on="indicator_id"
    ).sort_values(["goal_id", "measure_id", "seq"], na_position="last")
    trend = _trend(observations, year) if not observations.empty else {}
    return pd.DataFrame(
        {
            "indicator_id": rows["indicator_id"],
            "指标": rows["name"],
            "目标值": [fmt.format_target(o, t, u) for o, t, u in zip(rows["op"], rows["target"], rows["unit"])],
            "基期值": [fmt.format_value(v, u) for v, u in zip(rows["base_value"], rows["unit"])],
            "最新值": [fmt.format_value(v, u) for v, u in zip(rows["latest_value"], rows["unit"])],
            "最新年份": rows["latest_year"].map(lambda y: fmt.MISSING if fmt.is_missing(y) else f"{int(y)}年"),
            "状态": rows["status"],
            "趋势": [trend.get(i, []) for i in rows["indicator_id"]],
            "牵头单位": [lead_text(u, b) for u, b in zip(rows["lead_units"], rows["lead_basis"])],
            "示例数据": rows["is_sample"].fillna(False).astype(bool).map({True: "是", False: "否"}),
        }
    ).reset_index(drop=True)


def build_small_multiple_values(
    observations: pd.DataFrame, indicators: pd.DataFrame, ids: list[str], year: int
) -> pd.DataFrame:
    """Totals up to the year of the numeric indicators among ids: name, year, value, is_sample, target, unit.

    Rows come in the order of ids (the table's, i.e. plan order), then by year: the panels follow it.
    """
    numeric = indicators[indicators["indicator_id"].isin(ids) & indicators["kind"].isin(NUMERIC_KINDS)]
    obs = observations[(observations["year"] <= year) & observations["subgroup"].isna()]
    rows = obs.merge(numeric[["indicator_id", "name", "target", "unit"]], on="indicator_id")
    order = {i: n for n, i in enumerate(ids)}
    rows = rows.assign(is_sample=rows["is_sample"].fillna(False).astype(bool), _order=rows["indicator_id"].map(order))
    rows = rows.sort_values(["_order", "year"], kind="stable")
    return rows[["name", "year", "value", "is_sample", "target", "unit"]].reset_index(drop=True)


def build_measure_list(measures: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The area's measures in order: seq, title, text."""
    rows = measures[measures["area_id"] == area_id].sort_values("seq")
    return rows[["measure_id", "seq", "title", "text"]].reset_index(drop=True)


def measures_html(measures: pd.DataFrame) -> str:
    """The measures (build_measure_list) as closed <details>, their text as plain text (templates/measures.html.j2)."""
    return templates.render("measures.html.j2", measures=measures.to_dict("records"))


def area_indicator_ids(
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    area_id: str,
    department: str,
    scope: str,
    accountable: pd.DataFrame | None = None,
) -> list[str]:
    """Ids of the area's indicators passing the department filter, in catalogue order."""
    keep = select_indicator_ids(indicators, goals, department, scope, accountable)
    rows = indicators[(indicators["area_id"] == area_id) & indicators["indicator_id"].isin(keep)]
    return rows["indicator_id"].tolist()


def build_area_chart(
    observations: pd.DataFrame,
    indicators: pd.DataFrame,
    ids: list[str],
    year: int,
    narrow: bool = False,
    columns: int = PANEL_COLUMNS,
) -> alt.FacetChart | None:
    """Small multiples (Altair facets) of the numeric indicators among ids; None when none has values.
    narrow: one column for a phone; columns: panels a row otherwise (two on a meeting slide: larger when scaled)."""
    values = build_small_multiple_values(observations, indicators, ids, year)
    return build_small_multiples_chart(values, narrow, columns) if not values.empty else None


def with_links(table: pd.DataFrame, params: dict[str, object] | None = None) -> pd.DataFrame:
    """The indicator table plus a 链接 column: the indicator page of each row with the global controls."""
    return table.assign(链接=[vm.indicator_link(i, params) for i in table["indicator_id"]])


@dataclass(frozen=True)
class AreaView:
    """What an area page shows for one set of filters, built once per (data version, filters) and cached."""

    name: str
    short_name: str
    cards: tuple[Card, ...]
    has_sample: bool
    total: pd.DataFrame  # the status rows shown (whole population), for the downloads' raw values
    table: pd.DataFrame  # build_indicator_table: indicator ids and 趋势 included
    shown: pd.DataFrame  # the table as drawn: names linked to the indicator page, no ids
    goal_table: pd.DataFrame
    measures: pd.DataFrame


def area_cards(total: pd.DataFrame, overall: pd.DataFrame, year: int) -> tuple[Card, ...]:
    """达标率, 监测指标, 已达标, 按期可达 (基本达标 in the final year: it has no 按期可达), 需关注, 预警."""
    headline = vm.build_headline(total, overall)
    fourth = (
        Card("基本达标", fmt.format_count(headline.n_nearly_met))
        if config.is_final_year(year)
        else Card("按期可达", fmt.format_count(headline.n_on_track))
    )
    return (
        Card("本领域达标率", fmt.format_rate(headline.achievement_rate)),
        Card("监测指标", fmt.format_count(headline.n_indicators)),
        Card("已达标", fmt.format_count(headline.n_met)),
        fourth,
        Card("需关注", fmt.format_count(headline.n_attention)),
        Card("预警", fmt.format_count(headline.n_warnings)),
    )


def build_area_view(
    area_id: str,
    filters: vm.Filters,
    link_params: dict[str, object],
    tables: dict[str, pd.DataFrame],
    statuses: pd.DataFrame,
    accountable: pd.DataFrame | None = None,
) -> AreaView:
    """The area page's content. tables: the data tables by file name (config.AREAS, GOALS, INDICATORS,
    OBSERVATIONS, MEASURES); statuses: the year's worded statuses; link_params: the filters as URL parameters."""
    indicators, goals = tables[config.INDICATORS], tables[config.GOALS]
    area = area_record(tables[config.AREAS], area_id)
    shown = vm.filter_statuses(statuses, indicators, goals, filters, accountable)
    in_area = area_statuses(shown, indicators, area_id)
    total = vm.totals(in_area)
    table = build_indicator_table(
        total, indicators, goals, tables[config.OBSERVATIONS], area_id, filters.year, accountable
    )
    return AreaView(
        name=str(area.get("name", "发展领域")),
        short_name=str(area.get("short_name", "")),
        cards=area_cards(total, vm.overall_rollup(in_area, indicators, goals), filters.year),
        has_sample=vm.has_sample(total),
        total=total,
        table=table,
        shown=with_links(table, link_params).drop(columns=["indicator_id"]) if not table.empty else table,
        goal_table=build_goal_table(goals, area_id, filters.department, filters.scope),
        measures=build_measure_list(tables[config.MEASURES], area_id),
    )

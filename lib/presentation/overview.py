"""The overview page's content for one set of filters: headline cards, tile rows, the mid-term comparison
(final year) and the warning list; built once per (data version, filters) and cached by lib.ui.view_cache."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation import view_models as vm
from lib.presentation.cards import Card


@dataclass(frozen=True)
class TileRow:
    """One kind of indicator: its heading line (数值目标 33项（…） = 已达标22 + …) and a card per status."""

    heading: str
    cards: tuple[Card, ...]


@dataclass(frozen=True)
class OverviewView:
    final: bool
    cards: tuple[Card, ...]
    rows: tuple[TileRow, ...]
    freshness: vm.Freshness
    has_sample: bool
    comparison: vm.MidtermComparison | None  # the final year only
    comparison_cards: tuple[Card, ...]
    total: pd.DataFrame  # the status rows shown (whole population), for the warning download
    warnings: pd.DataFrame


def headline_cards(headline: vm.Headline, final: bool) -> tuple[Card, ...]:
    """监测指标, 总体达标率, 基本达标占比 (final year), 有预警的指标, each with how it is counted."""
    kinds = " + ".join(f"{g.label}{g.total}" for g in headline.groups)
    cards = [
        Card("监测指标", fmt.format_count(headline.n_indicators), f"全部指标 = {kinds}" if kinds else None),
        Card("总体达标率", fmt.format_rate(headline.achievement_rate), "已达标 ÷ 有目标值且有数据的数值目标"),
    ]
    if final:
        cards.append(
            Card(
                "基本达标占比",
                fmt.format_rate(headline.nearly_met_rate),
                f"基本达标（完成所需进度的90%以上）{headline.n_nearly_met}项 ÷ 有数据的数值目标，"
                "与达标率并列，不计入达标率",
            )
        )
    warned = "以上指标中带有预警的项数，与状态交叉，不另计入合计"
    cards.append(Card("有预警的指标", fmt.format_count(headline.n_warnings), warned))
    return tuple(cards)


def tile_rows(headline: vm.Headline) -> tuple[TileRow, ...]:
    """A row per kind of indicator; its status cards add up to the kind's total."""
    rows = []
    for group in headline.groups:
        parts = " + ".join(f"{status}{n}" for status, n in group.counts)
        count = fmt.format_count(group.total)
        note = f"（{group.note}）" if group.note else ""
        heading = f"**{group.label}　{count}**{note}　= {parts}"
        rows.append(TileRow(heading, tuple(Card(status, fmt.format_count(n)) for status, n in group.counts)))
    return tuple(rows)


def comparison_cards(comparison: vm.MidtermComparison) -> tuple[Card, ...]:
    """达标率 mid-term → final with its change, and how many indicators moved each way."""
    mid, end = config.MIDTERM_YEAR, config.FINAL_YEAR
    return (
        Card(
            f"达标率 {mid}年 → {end}年",
            f"{fmt.format_rate(comparison.rate_mid)} → {fmt.format_rate(comparison.rate_final)}",
            delta=vm.format_rate_change(comparison.rate_mid, comparison.rate_final),
        ),
        Card(vm.MOVE_NEWLY_MET, fmt.format_count(comparison.n_newly_met), f"{mid}年未达标、{end}年已达标的数值目标"),
        Card(vm.MOVE_FELL_BACK, fmt.format_count(comparison.n_fell_back), f"{mid}年已达标、{end}年不再达标的数值目标"),
        Card(vm.MOVE_RATING_UP, fmt.format_count(comparison.n_rating_up), "牵头单位评价较中期提升的定性目标"),
        Card(vm.MOVE_RATING_DOWN, fmt.format_count(comparison.n_rating_down), "牵头单位评价较中期下降的定性目标"),
    )


def build_overview_view(
    filters: vm.Filters,
    link_params: dict[str, object],
    tables: dict[str, pd.DataFrame],
    statuses: pd.DataFrame,
    midterm_statuses: pd.DataFrame | None,
    accountable: pd.DataFrame | None = None,
) -> OverviewView:
    """tables: by file name (config.INDICATORS, GOALS, AREAS, OBSERVATIONS); statuses: the year's worded statuses;
    midterm_statuses: the mid-term year's, needed in the final year only."""
    indicators, goals, areas = tables[config.INDICATORS], tables[config.GOALS], tables[config.AREAS]
    final = config.is_final_year(filters.year)
    shown = vm.filter_statuses(statuses, indicators, goals, filters, accountable)
    total = vm.totals(shown)
    headline = vm.build_headline(total, vm.overall_rollup(shown, indicators, goals), filters.year)
    freshness = vm.build_freshness(tables[config.OBSERVATIONS], filters.year)
    comparison = None
    if final and midterm_statuses is not None:
        comparison = vm.build_midterm_comparison(shown, midterm_statuses, indicators, goals, areas)
    return OverviewView(
        final=final,
        cards=headline_cards(headline, final),
        rows=tile_rows(headline),
        freshness=freshness,
        has_sample=vm.has_sample(total) or freshness.has_sample,
        comparison=comparison,
        comparison_cards=comparison_cards(comparison) if comparison is not None else (),
        total=total,
        warnings=vm.build_warning_table(total, indicators, goals, areas, link_params, accountable),
    )

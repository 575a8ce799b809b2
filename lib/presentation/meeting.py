"""Meeting mode, pure: the slide sequence (总览 → each area → each red warning or the office's own list),
stepping through it, and what each slide shows (a few numbers, one chart, the rows needing attention).

The pages' own view models are reused (view_models.build_headline, build_warning_table,
area_tables.build_indicator_table); this module only picks and orders.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation.indicator_detail import warning_card
from lib.presentation.view_models import has_warning, indicator_link

KIND_OVERVIEW, KIND_AREA, KIND_INDICATOR = "overview", "area", "indicator"
OVERVIEW_KEY = "overview"
MEETING_ROWS = 5  # rows needing attention per slide: readable from the back of a room, no scrolling
LIST_SEPARATORS = ",，;；、 \n"


@dataclass(frozen=True)
class Slide:
    """One slide: its kind, its key (overview, an area_id or an indicator_id) and its title."""

    kind: str
    key: str
    title: str


def _area_slides(areas: pd.DataFrame, total: pd.DataFrame, indicators: pd.DataFrame) -> list[Slide]:
    """Every area that has an indicator shown, in plan order (all eight without a department filter)."""
    shown = set(indicators.loc[indicators["indicator_id"].isin(total["indicator_id"]), "area_id"])
    rows = areas[areas["area_id"].isin(shown)].sort_values("seq")
    return [Slide(KIND_AREA, str(a), str(n)) for a, n in zip(rows["area_id"], rows["name"])]


def plan_order(indicators: pd.DataFrame, areas: pd.DataFrame) -> list[str]:
    """Indicator ids in plan order: area, then the goal's indicators, then the measures'."""
    seq = areas.set_index("area_id")["seq"]
    ordered = indicators.assign(_area=indicators["area_id"].map(seq)).sort_values(
        ["_area", "goal_id", "measure_id", "seq"], na_position="last"
    )
    return ordered["indicator_id"].tolist()


def red_warning_ids(total: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame) -> list[str]:
    """Indicators shown that carry a red warning, in plan order."""
    red = set(total.loc[has_warning(total) & (total["warning_severity"] == config.SEVERITY_RED), "indicator_id"])
    return [i for i in plan_order(indicators, areas) if i in red]


# the final evaluation's off-track results: what a meeting on the final year walks through
FINAL_OFF_TRACK = (config.STATUS_REGRESS, config.STATUS_NOT_MET, config.STATUS_NOT_ACHIEVED)


def off_track_ids(total: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame) -> list[str]:
    """Indicators shown that the final evaluation judges 倒退, 未达标 or 未实现, worst first, then in plan order."""
    rank = {s: n for n, s in enumerate(config.STATUS_ORDER)}
    order = {i: n for n, i in enumerate(plan_order(indicators, areas))}
    off = total[total["status"].isin(FINAL_OFF_TRACK)]
    return sorted(off["indicator_id"], key=lambda i: (rank[off.set_index("indicator_id").at[i, "status"]], order[i]))


def parse_indicator_list(text: str, indicators: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The office's own list (ids separated by commas, 、 or spaces): (known ids in the order given, unknown)."""
    parts = [text or ""]
    for sep in LIST_SEPARATORS:
        parts = [piece for part in parts for piece in part.split(sep)]
    wanted = list(dict.fromkeys(p.strip().upper() for p in parts if p.strip()))
    known = set(indicators["indicator_id"])
    return [i for i in wanted if i in known], [i for i in wanted if i not in known]


def build_sequence(
    areas: pd.DataFrame,
    total: pd.DataFrame,
    indicators: pd.DataFrame,
    chosen: list[str] | None = None,
    final: bool = False,
) -> tuple[Slide, ...]:
    """总览, each area with indicators shown, then each indicator with a red warning — in the final evaluation
    year each one judged 倒退 / 未达标 / 未实现 (no warning says "unlikely to meet" then) — or the ids chosen."""
    names = indicators.set_index("indicator_id")["name"].to_dict()
    if chosen is not None:
        ids = chosen
    else:
        ids = off_track_ids(total, indicators, areas) if final else red_warning_ids(total, indicators, areas)
    return (
        Slide(KIND_OVERVIEW, OVERVIEW_KEY, "总览"),
        *_area_slides(areas, total, indicators),
        *(Slide(KIND_INDICATOR, i, str(names.get(i, i))) for i in ids),
    )


def start_key(url_path: str, title: str, indicator_id: str | None, areas: pd.DataFrame) -> str:
    """The slide a meeting entered from a page starts at: that area's, that indicator's, else 总览."""
    if url_path == "indicator" and indicator_id:
        return indicator_id
    match = areas.loc[areas["name"] == title, "area_id"]
    return str(match.iloc[0]) if not match.empty else OVERVIEW_KEY


def slide_index(sequence: tuple[Slide, ...], key: str | None) -> int:
    """Where the slide with this key (overview, area_id, indicator_id) is; 0 (总览) when it is not in the meeting."""
    return next((n for n, slide in enumerate(sequence) if slide.key == key), 0)


def parse_position(text: object, n_slides: int) -> int:
    """A 1-based slide number from the URL (?slide=3) as a 0-based index inside the sequence; 0 when invalid."""
    try:
        number = int(str(text))
    except ValueError:
        return 0
    return min(max(number - 1, 0), max(n_slides - 1, 0))


def step(index: int, delta: int, n_slides: int) -> int:
    """The index after stepping by delta, held at the first and the last slide (no wrap-around)."""
    return min(max(index + delta, 0), max(n_slides - 1, 0))


def position_label(index: int, n_slides: int) -> str:
    """The position shown on the slide: 3 / 12."""
    return f"{index + 1} / {n_slides}"


def exit_href(back: str, params: dict[str, object]) -> str:
    """The link out of the meeting: back to the page it was entered from (health, indicator?id=…) with the
    global controls as they are now; 总览 when there is no way back. Relative, like every link of the app."""
    path, _, query = (back or "").partition("?")
    merged = {**dict(parse_qsl(query)), **params}
    return f"./{path}?{urlencode(merged, doseq=True)}"


def overview_rows(
    total: pd.DataFrame,
    indicators: pd.DataFrame,
    areas: pd.DataFrame,
    params: dict[str, object] | None = None,
    limit: int = MEETING_ROWS,
    final: bool = False,
) -> pd.DataFrame:
    """The overview slide's rows: warned indicators, red first, in plan order: 指标, 领域, 预警, 最新值, 目标值
    (the reason sentence is on the indicator's own slide: a projector row must stay one line). In the final
    evaluation year: the off-track indicators (off_track_ids) with their 状态 instead of 预警."""
    if final:
        return _final_rows(total, indicators, areas, params, limit)
    warned = total[has_warning(total)]
    info = indicators.merge(areas[["area_id", "short_name"]], on="area_id", how="left").set_index("indicator_id")
    severity = warned["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    order = {i: n for n, i in enumerate(plan_order(indicators, areas))}
    rows = warned.assign(_sev=severity, _order=warned["indicator_id"].map(order)).sort_values(["_sev", "_order"])
    ids = rows["indicator_id"]
    return (
        pd.DataFrame(
            {
                "指标": ids.map(info["name"]),
                "领域": ids.map(info["short_name"]),
                "预警": ids.map(_warning_text(total.set_index("indicator_id"))),
                "最新值": [fmt.format_value(v, info.at[i, "unit"]) for i, v in zip(ids, rows["latest_value"])],
                "目标值": [fmt.format_target(info.at[i, "op"], info.at[i, "target"], info.at[i, "unit"]) for i in ids],
                "链接": [indicator_link(i, params) for i in ids],
            }
        )
        .head(limit)
        .reset_index(drop=True)
    )


def _final_rows(total, indicators, areas, params, limit: int) -> pd.DataFrame:
    ids = pd.Series(off_track_ids(total, indicators, areas), dtype=object)
    info = indicators.merge(areas[["area_id", "short_name"]], on="area_id", how="left").set_index("indicator_id")
    status = total.set_index("indicator_id")
    return pd.DataFrame(
        {
            "指标": ids.map(info["name"]),
            "领域": ids.map(info["short_name"]),
            "状态": ids.map(status["status"]),
            "最新值": [fmt.format_value(status.at[i, "latest_value"], info.at[i, "unit"]) for i in ids],
            "目标值": [fmt.format_target(info.at[i, "op"], info.at[i, "target"], info.at[i, "unit"]) for i in ids],
            "链接": [indicator_link(i, params) for i in ids],
        }
    ).head(limit)


def area_rows(table: pd.DataFrame, total: pd.DataFrame, limit: int = MEETING_ROWS) -> pd.DataFrame:
    """An area slide's rows: indicators needing attention (warned or behind), red warnings first, then by status.

    table: area_tables.build_indicator_table with its links (column 链接).
    """
    total = total[total["indicator_id"].isin(table["indicator_id"])]
    info = total.set_index("indicator_id")
    warned = has_warning(total).set_axis(total["indicator_id"])
    severity = info["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    rank = {s: n for n, s in enumerate(config.STATUS_ORDER)}  # worst first
    ids = table["indicator_id"]
    needs = ids.map(lambda i: bool(warned.get(i, False))) | table["状态"].isin(config.ATTENTION_STATUSES)
    rows = table[needs].assign(
        _sev=ids.map(severity),
        _rank=table["状态"].map(lambda s: rank.get(s, len(rank))),
        预警=ids.map(_warning_text(info)),
    )
    rows = rows.sort_values(["_sev", "_rank"], kind="stable")
    return rows[["indicator_id", "指标", "状态", "最新值", "目标值", "预警", "链接"]].head(limit).reset_index(drop=True)


def chart_ids(rows: pd.DataFrame, table: pd.DataFrame, limit: int = MEETING_ROWS + 1) -> list[str]:
    """The indicators an area slide charts: those needing attention, else the area's first ones (a projector
    shows six panels legibly, not twenty-four)."""
    ids = rows["indicator_id"].tolist() if not rows.empty else table["indicator_id"].tolist()
    return ids[:limit]


def _warning_text(info: pd.DataFrame) -> dict[str, str]:
    """indicator_id → its warning kinds and severity, e.g. 预计难以达标（红色）; — without one."""
    out = {}
    for indicator_id, row in info.iterrows():
        kinds = row["warnings"] if row["warnings"] is not None else []
        severity = "" if fmt.is_missing(row["warning_severity"]) else f"（{row['warning_severity']}）"
        out[indicator_id] = "、".join(kinds) + severity if len(kinds) else fmt.MISSING
    return out


@dataclass(frozen=True)
class IndicatorFacts:
    """The numbers an indicator slide shows, as text."""

    latest: str
    latest_label: str
    target: str
    status: str
    explanation: str
    warning: tuple[str, str] | None  # (title, reason) as on the indicator page


def indicator_facts(status: pd.Series | None, target_text: str, unit: str | None) -> IndicatorFacts:
    """The latest value with its year, the target, the status with its sentence and the warning."""
    if status is None:
        return IndicatorFacts(fmt.MISSING, "最新值", target_text, config.STATUS_NO_DATA, "", None)
    year = status["latest_year"]
    return IndicatorFacts(
        latest=fmt.format_value(status["latest_value"], unit),
        latest_label="最新值" if fmt.is_missing(year) else f"最新值（{int(year)}年）",
        target=target_text,
        status=str(status["status"]),
        explanation=fmt.plain_markdown(status["explanation"] or ""),
        warning=warning_card(status),
    )

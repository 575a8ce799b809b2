"""Pure functions that assemble what the overview and area pages show (pages do no groupby/merge)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import altair as alt
import pandas as pd

from lib import config
from lib.engine.rollup import compute_rollup
from lib.presentation import formatting as fmt
from lib.presentation import templates
from lib.presentation.charts import build_area_status_chart
from lib.presentation.roles import (  # the one department map; re-exported for the pages and the report
    ALL,
    ROLE_LEAD,
    ROLE_RESPONSIBLE,
    indicator_units,
    lead_text,
    select_indicator_ids,
    sort_departments,
)

SCOPE_LEAD = ROLE_LEAD
SCOPE_RESPONSIBLE = ROLE_RESPONSIBLE
SCOPES = (SCOPE_LEAD, SCOPE_RESPONSIBLE, ALL)
INDICATOR_PAGE = "indicator"


@dataclass(frozen=True)
class Filters:
    """The global controls: assessment year, department and scope, statuses (empty: all)."""

    year: int
    department: str = ALL
    scope: str = ALL
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class TileGroup:
    """One row of overview tiles: a kind of indicator and how many of it have each status (they add up)."""

    label: str
    note: str
    total: int
    counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Headline:
    n_indicators: int
    n_met: int
    n_on_track: int
    n_attention: int
    n_regress: int
    n_warnings: int
    achievement_rate: float | None
    n_nearly_met: int = 0
    nearly_met_rate: float | None = None
    groups: tuple[TileGroup, ...] = ()


# the overview's tile rows: every indicator is in exactly one kind, so the rows partition them
KIND_GROUPS = (
    (config.KIND_TARGET, "数值目标", "有目标值，按目标值判断"),
    (config.KIND_DIRECTION, "方向性目标", "只规定提高或降低的方向"),
    (config.KIND_QUALITATIVE, "定性目标", "按牵头单位年度评价"),
)
OTHER_KIND_LABEL = "其他指标"
ORDER_RANK = {s: i for i, s in enumerate(config.STATUS_ORDER)}


@dataclass(frozen=True)
class Freshness:
    latest_year: int | None
    data_status: str
    has_sample: bool


def years_with_data(observations: pd.DataFrame, assessments: pd.DataFrame) -> list[int]:
    """Assessment years (2021–2025) that have at least one observation or rating."""
    years = set(observations.get("year", pd.Series(dtype=int))) | set(assessments.get("year", pd.Series(dtype=int)))
    return sorted(int(y) for y in years if int(y) in config.ASSESSMENT_YEARS)


def default_year(years: list[int]) -> int:
    """The latest assessment year with data, else the first year of the plan."""
    return max(years) if years else config.FIRST_YEAR


def department_options(departments: pd.DataFrame, goals: pd.DataFrame | None = None) -> list[str]:
    """全部 followed by every department (kind 'department'), in plan order when the goals are given."""
    if departments.empty:
        return [ALL]
    names = departments.loc[departments["kind"] == "department", "name"].tolist()
    return [ALL, *(names if goals is None else sort_departments(names, departments, goals))]


def totals(statuses: pd.DataFrame) -> pd.DataFrame:
    """The rows of the whole population (subgroup null)."""
    return statuses[statuses["subgroup"].isna()].reset_index(drop=True)


def filter_statuses(
    statuses: pd.DataFrame,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    filters: Filters,
    accountable: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Statuses of the indicators passing the department and status filters (subgroups follow their total)."""
    ids = select_indicator_ids(indicators, goals, filters.department, filters.scope, accountable)
    if filters.statuses:
        total = totals(statuses)
        ids &= set(total.loc[total["status"].isin(filters.statuses), "indicator_id"])
    return statuses[statuses["indicator_id"].isin(ids)].reset_index(drop=True)


def has_sample(frame: pd.DataFrame) -> bool:
    """Whether any row shown is sample data."""
    return bool("is_sample" in frame and frame["is_sample"].fillna(False).astype(bool).any())


def overall_rollup(statuses: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """The engine's overall roll-up of the rows shown; an empty frame when no indicator is shown."""
    if totals(statuses).empty:
        return pd.DataFrame({"achievement_rate": []})
    return compute_rollup(statuses, indicators, goals, "overall")


def has_warning(statuses: pd.DataFrame) -> pd.Series:
    """Boolean mask of the rows carrying at least one warning (bool even for an empty frame)."""
    return statuses["warnings"].map(lambda w: w is not None and len(w) > 0).astype(bool)


def _rate(overall: pd.DataFrame, column: str) -> float | None:
    rate = overall[column].iloc[0] if not overall.empty and column in overall else None
    return None if fmt.is_missing(rate) else float(rate)


def tile_group(rows: pd.DataFrame, label: str, note: str, valid: tuple[str, ...]) -> TileGroup:
    """The group's count per status: every status valid for it (zeros too), then any other status present."""
    status = rows["status"]
    extra = sorted(set(status) - set(valid), key=lambda s: ORDER_RANK.get(s, len(ORDER_RANK)))
    counts = tuple((s, int((status == s).sum())) for s in (*valid, *extra))
    return TileGroup(label, note, len(rows), counts)


def build_tile_groups(total: pd.DataFrame, year: int) -> tuple[TileGroup, ...]:
    """Tile rows by kind of indicator (kinds without indicators left out); their counts add up to len(total)."""
    kinds = total["kind"] if "kind" in total else pd.Series([config.KIND_TARGET] * len(total), index=total.index)
    groups = [
        tile_group(total[kinds == kind], label, note, config.statuses_for(kind, year))
        for kind, label, note in KIND_GROUPS
    ]
    other = total[~kinds.isin([k for k, _, _ in KIND_GROUPS])]
    groups.append(tile_group(other, OTHER_KIND_LABEL, "", ()))
    return tuple(g for g in groups if g.total > 0)


def build_headline(total: pd.DataFrame, overall: pd.DataFrame, year: int | None = None) -> Headline:
    """Headline numbers from total status rows and the engine's overall rollup; tile rows when the year is given."""
    status = total["status"]
    return Headline(
        n_indicators=len(total),
        n_met=int((status == config.STATUS_MET).sum()),
        n_on_track=int((status == config.STATUS_ON_TRACK).sum()),
        n_attention=int(status.isin(config.ATTENTION_STATUSES).sum()),
        n_regress=int((status == config.STATUS_REGRESS).sum()),
        n_warnings=int(has_warning(total).sum()),
        achievement_rate=_rate(overall, "achievement_rate"),
        n_nearly_met=int((status == config.STATUS_NEARLY_MET).sum()),
        nearly_met_rate=_rate(overall, "nearly_met_rate"),
        groups=build_tile_groups(total, year) if year is not None else (),
    )


@dataclass(frozen=True)
class MidtermComparison:
    """The final year against the mid-term, over the same indicators: 达标率 and what moved."""

    mid_year: int
    final_year: int
    rate_mid: float | None
    rate_final: float | None
    n_newly_met: int
    n_fell_back: int
    n_rating_up: int
    n_rating_down: int
    moved: pd.DataFrame  # 指标, 领域, 中期, 终期, 变化


MOVE_NEWLY_MET = "新增达标"
MOVE_FELL_BACK = "不再达标"
MOVE_RATING_UP = "评价提升"
MOVE_RATING_DOWN = "评价下降"
MOVES = (MOVE_FELL_BACK, MOVE_RATING_DOWN, MOVE_NEWLY_MET, MOVE_RATING_UP)


def _move(kind: str, before: object, after: object) -> str | None:
    """How one indicator moved between mid-term and final.

    达标 for numeric targets, the rating for qualitative goals.
    """
    if kind == config.KIND_TARGET:
        was, now = before == config.STATUS_MET, after == config.STATUS_MET
        return MOVE_NEWLY_MET if now and not was else (MOVE_FELL_BACK if was and not now else None)
    if kind == config.KIND_QUALITATIVE and before in config.RATINGS and after in config.RATINGS and before != after:
        return MOVE_RATING_UP if ORDER_RANK[after] > ORDER_RANK[before] else MOVE_RATING_DOWN
    return None


def _shown_value(status: str, value: object, year: object, unit: object) -> str:
    """What an indicator stood at: its value with the year (a rating for qualitative goals)."""
    if status in config.RATINGS or fmt.is_missing(value):
        return f"{status}（{int(year)}年）" if status in config.RATINGS and not fmt.is_missing(year) else status
    return f"{fmt.format_value(value, None if fmt.is_missing(unit) else unit)}（{int(year)}年）"


def build_midterm_comparison(
    final_statuses: pd.DataFrame,
    mid_statuses: pd.DataFrame,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    areas: pd.DataFrame,
    final_year: int = config.FINAL_YEAR,
    mid_year: int = config.MIDTERM_YEAR,
) -> MidtermComparison:
    """达标率 at mid-term and at the end over the indicators shown; numeric targets that became or stopped
    being met and qualitative ratings that rose or fell, worst first.

    Direction goals are judged by annual growth at mid-term and by whether they moved at the end: the two
    are not the same question, so they are not compared.
    """
    final_total = totals(final_statuses)
    mid_statuses = mid_statuses[mid_statuses["indicator_id"].isin(final_total["indicator_id"])]
    mid_total = totals(mid_statuses)
    cols = ["indicator_id", "kind", "status", "latest_value", "latest_year"]
    pair = final_total[cols].merge(mid_total[cols], on="indicator_id", suffixes=("", "_mid"))
    info = indicators[["indicator_id", "name", "area_id", "unit"]].merge(
        areas[["area_id", "short_name"]], on="area_id", how="left"
    )
    pair = pair.merge(info, on="indicator_id", how="left")
    pair["move"] = pd.Series(
        [_move(k, b, a) for k, b, a in zip(pair["kind"], pair["status_mid"], pair["status"])],
        index=pair.index,
        dtype=object,
    )
    moved = pair.dropna(subset=["move"])
    moved = moved.assign(_rank=moved["move"].map(MOVES.index)).sort_values(["_rank", "indicator_id"])
    table = pd.DataFrame(
        {
            "指标": moved["name"],
            "领域": moved["short_name"],
            f"中期（{mid_year}年）": [
                _shown_value(s, v, y, u)
                for s, v, y, u in zip(
                    moved["status_mid"], moved["latest_value_mid"], moved["latest_year_mid"], moved["unit"]
                )
            ],
            f"终期（{final_year}年）": [
                _shown_value(s, v, y, u)
                for s, v, y, u in zip(moved["status"], moved["latest_value"], moved["latest_year"], moved["unit"])
            ],
            "终期状态": moved["status"],
            "变化": moved["move"],
        }
    ).reset_index(drop=True)
    count = {m: int((pair["move"] == m).sum()) for m in MOVES}
    rate_mid = _rate(overall_rollup(mid_statuses, indicators, goals), "achievement_rate")
    rate_final = _rate(overall_rollup(final_statuses, indicators, goals), "achievement_rate")
    return MidtermComparison(
        mid_year,
        final_year,
        rate_mid,
        rate_final,
        count[MOVE_NEWLY_MET],
        count[MOVE_FELL_BACK],
        count[MOVE_RATING_UP],
        count[MOVE_RATING_DOWN],
        table,
    )


def format_rate_change(before: float | None, after: float | None) -> str | None:
    """The change between two 达标率 in percentage points: +7.1个百分点 (None when either is missing)."""
    if before is None or after is None:
        return None
    return f"{(after - before) * 100:+.1f}个百分点"


def build_freshness(observations: pd.DataFrame, year: int) -> Freshness:
    """Latest year with observations up to the assessment year, and whether its data are final."""
    upto = observations[observations["year"] <= year] if not observations.empty else observations
    if upto.empty:
        return Freshness(None, "—", False)
    latest = int(upto["year"].max())
    final = (upto.loc[upto["year"] == latest, "data_status"] == config.DATA_STATUS_FINAL).all()
    status = config.DATA_STATUS_FINAL if final else config.DATA_STATUS_PRELIMINARY
    return Freshness(latest, status, has_sample(upto))


def build_area_status_counts(total: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame) -> pd.DataFrame:
    """Indicators per area short name and status (columns area, status, n)."""
    area_of = indicators[["indicator_id", "area_id"]].merge(areas[["area_id", "short_name"]], on="area_id")
    merged = total[["indicator_id", "status"]].merge(area_of, on="indicator_id")
    counts = merged.groupby(["short_name", "status"], as_index=False).size()
    return counts.rename(columns={"short_name": "area", "size": "n"})[["area", "status", "n"]]


def indicator_link(indicator_id: str, params: dict[str, str] | None = None) -> str:
    """Relative link to the indicator page carrying the global controls."""
    query = {"id": indicator_id, **(params or {})}
    return f"{INDICATOR_PAGE}?{urlencode(query, doseq=True)}"


def build_warning_table(
    total: pd.DataFrame,
    indicators: pd.DataFrame,
    goals: pd.DataFrame,
    areas: pd.DataFrame,
    params: dict[str, str] | None = None,
    accountable: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Indicators with warnings, red first: 指标, 领域, 预警等级, 预警原因, 牵头单位, 详情."""
    warned = total.loc[has_warning(total)]
    units = indicator_units(indicators, goals, accountable)
    info = (
        indicators[["indicator_id", "name", "area_id", "goal_id"]]
        .merge(areas[["area_id", "short_name"]], on="area_id")
        .merge(units, on="indicator_id")
    )
    rows = warned.merge(info, on="indicator_id")
    rank = rows["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    rows = rows.assign(rank=rank).sort_values(["rank", "indicator_id"])
    return pd.DataFrame(
        {
            "指标": rows["name"],
            "领域": rows["short_name"],
            "预警等级": rows["warning_severity"].fillna("—"),
            "预警原因": rows["reason"].fillna("—"),
            "牵头单位": [lead_text(u, b) for u, b in zip(rows["lead_units"], rows["lead_basis"])],
            "详情": [indicator_link(i, params) for i in rows["indicator_id"]],
        }
    ).reset_index(drop=True)


OBSERVATION_SHEET = "监测数据"  # the template's sheet of values (lib.entry.template.OBS_SHEET)


def build_change_preview(changes: pd.DataFrame, indicators: pd.DataFrame) -> pd.DataFrame:
    """The import plan's changes with 原值/新值 of value rows written as everywhere else (82.25 -> 82.3%)."""
    units = indicators.set_index("indicator_id")["unit"].to_dict()

    def shown(text: object, sheet: object, indicator: object) -> object:
        if sheet != OBSERVATION_SHEET or fmt.is_missing(text) or str(text) == "":
            return text
        try:
            return fmt.format_value(float(text), units.get(indicator))
        except ValueError:
            return text

    out = changes.copy()
    for column in ("原值", "新值"):
        out[column] = [shown(t, s, i) for t, s, i in zip(out[column], out["工作表"], out["指标编号"])]
    return out


def build_overview_chart(
    total: pd.DataFrame, indicators: pd.DataFrame, areas: pd.DataFrame, narrow: bool = False
) -> alt.LayerChart | None:
    """The per-area status chart of the overview (Altair stacked bars); None when no indicator is shown.
    narrow: for a phone."""
    counts = build_area_status_counts(total, indicators, areas)
    if counts.empty:
        return None
    return build_area_status_chart(counts, areas.sort_values("seq")["short_name"].tolist(), narrow)


# ---------------------------------------------------------------- static HTML tables
# Tables nobody sorts or selects in are drawn as plain HTML (templates/table.html.j2): the canvas grid of
# st.dataframe loads a large script bundle in the browser (see docs/benchmark.md).
# the columns a phone shows of a table (the rest behind 显示全部列); a table with none of them keeps its first three
KEY_COLUMNS = ("指标", "指标名称", "部门", "目标", "主要目标", "状态", "评价", "终期状态", "最新值", "预警等级", "预警")
PHONE_COLUMNS = 3
NOWRAP_MAX_CHARS = 12  # short cells (targets, values, years) never break inside: 8.2/10万 stays whole
SPARK_WIDTH, SPARK_HEIGHT = 110, 28


def build_sparkline_svg(values: list[float], width: int = SPARK_WIDTH, height: int = SPARK_HEIGHT) -> str:
    """A tiny trend line (no axes) for a table cell; an empty string without values."""
    points = [float(v) for v in values if v == v]
    if not points:
        return ""
    low, span = min(points), (max(points) - min(points)) or 1.0
    step = (width - 6) / max(len(points) - 1, 1)
    coords = [(3 + i * step, height - 3 - (v - low) / span * (height - 6)) for i, v in enumerate(points)]
    return templates.render(
        "sparkline.svg.j2",
        width=width,
        height=height,
        color=config.SERIES_COLORS["value"],
        points=" ".join(f"{x:.1f},{y:.1f}" for x, y in coords) if len(coords) > 1 else "",
        last=tuple(f"{c:.1f}" for c in coords[-1]),
    )


def _cell_text(value: object) -> str:
    if isinstance(value, (list, tuple)) or not fmt.is_missing(value):
        return str(value)
    return fmt.MISSING


def _cell_class(wide: bool, value: object) -> str:
    if wide:
        return "bs-wide"
    return "bs-nw" if isinstance(value, (str, int, float)) and len(str(value)) <= NOWRAP_MAX_CHARS else ""


def _cell(
    row: dict, col: str, status: tuple[str, ...], links: dict[str, str], sparkline: str | None, wide: bool
) -> dict[str, object]:
    value, cls = row[col], _cell_class(wide, row[col])
    if col == sparkline:
        svg = build_sparkline_svg(list(value))
        return {"kind": "image", "src": templates.data_url(svg) if svg else "", "label": "趋势", "cls": cls}
    if col in status and str(value) in config.STATUS_COLORS:
        return {"kind": "pill", "text": str(value), "color": config.STATUS_COLORS[str(value)], "cls": cls}
    if col in links:
        return {"kind": "link", "text": _cell_text(value), "href": str(row[links[col]]), "cls": cls}
    return {"kind": "text", "text": _cell_text(value), "cls": cls}


def build_html_table(
    df: pd.DataFrame,
    *,
    status: tuple[str, ...] = ("状态",),
    links: dict[str, str] | None = None,
    sparkline: str | None = None,
    wide: tuple[str, ...] = (),
) -> str:
    """The frame as a static HTML table in the dashboard's look (autoescaped template table.html.j2).

    status: columns drawn as pills in the status palette; links: {shown column: column of its href}
    (the href columns are not shown); sparkline: a column of value lists drawn as a tiny line.
    """
    links = links or {}
    shown = [c for c in df.columns if c not in links.values()]
    rows = [[_cell(row, col, status, links, sparkline, col in wide) for col in shown] for row in df.to_dict("records")]
    return templates.render("table.html.j2", columns=[str(c) for c in shown], rows=rows, optional=phone_hidden(shown))


def phone_hidden(columns: list[str]) -> list[int]:
    """Positions of the columns a phone hides behind 显示全部列: all but the key ones (or but the first three)."""
    keys = [n for n, c in enumerate(columns) if str(c) in KEY_COLUMNS]
    keep = set(keys) if len(keys) >= 2 else set(range(min(PHONE_COLUMNS, len(columns))))
    return [n for n in range(len(columns)) if n not in keep]

"""Pure functions that assemble what the overview and area pages show (pages do no groupby/merge)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import altair as alt
import pandas as pd

from lib import config
from lib.presentation import formatting as fmt
from lib.presentation import templates
from lib.presentation.charts import build_area_status_chart
from lib.engine.rollup import compute_rollup

ALL = "全部"
SCOPE_LEAD = "牵头"
SCOPE_RESPONSIBLE = "责任"
SCOPES = (SCOPE_LEAD, SCOPE_RESPONSIBLE, ALL)
NO_UNIT_NOTE = "规划措施中提出，未列牵头单位"
INDICATOR_PAGE = "indicator"


@dataclass(frozen=True)
class Filters:
    """The global controls: assessment year, department and scope, statuses (empty: all)."""

    year: int
    department: str = ALL
    scope: str = ALL
    statuses: tuple[str, ...] = ()


@dataclass(frozen=True)
class Headline:
    n_indicators: int
    n_met: int
    n_on_track: int
    n_attention: int
    n_regress: int
    n_warnings: int
    achievement_rate: float | None


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


def department_options(departments: pd.DataFrame) -> list[str]:
    """全部 followed by every department (kind 'department') in catalogue order."""
    if departments.empty:
        return [ALL]
    names = departments.loc[departments["kind"] == "department", "name"].tolist()
    return [ALL, *names]


def indicator_units(indicators: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """indicator_id with the lead and responsible units of its goal (empty lists for measures)."""
    units = goals[["goal_id", "lead_units", "responsible_units"]]
    merged = indicators[["indicator_id", "goal_id"]].merge(units, on="goal_id", how="left")
    for column in ("lead_units", "responsible_units"):
        merged[column] = merged[column].map(lambda v: [] if fmt.is_missing(v) else list(v))
    return merged[["indicator_id", "lead_units", "responsible_units"]]


def select_indicator_ids(indicators: pd.DataFrame, goals: pd.DataFrame, department: str, scope: str) -> set[str]:
    """Indicators whose goal names the department in the chosen scope (all of them for 全部)."""
    units = indicator_units(indicators, goals)
    if department == ALL:
        return set(units["indicator_id"])
    lead = units["lead_units"].map(lambda u: department in u)
    responsible = units["responsible_units"].map(lambda u: department in u)
    keep = {SCOPE_LEAD: lead, SCOPE_RESPONSIBLE: responsible}.get(scope, lead | responsible)
    return set(units.loc[keep, "indicator_id"])


def totals(statuses: pd.DataFrame) -> pd.DataFrame:
    """The rows of the whole population (subgroup null)."""
    return statuses[statuses["subgroup"].isna()].reset_index(drop=True)


def filter_statuses(statuses: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame,
                    filters: Filters) -> pd.DataFrame:
    """Statuses of the indicators passing the department and status filters (subgroups follow their total)."""
    ids = select_indicator_ids(indicators, goals, filters.department, filters.scope)
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


def build_headline(total: pd.DataFrame, overall: pd.DataFrame) -> Headline:
    """Headline numbers from total status rows and the engine's overall rollup."""
    status = total["status"]
    rate = overall["achievement_rate"].iloc[0] if not overall.empty else None
    return Headline(
        n_indicators=len(total), n_met=int((status == config.STATUS_MET).sum()),
        n_on_track=int((status == config.STATUS_ON_TRACK).sum()),
        n_attention=int(status.isin(config.ATTENTION_STATUSES).sum()),
        n_regress=int((status == config.STATUS_REGRESS).sum()),
        n_warnings=int(has_warning(total).sum()),
        achievement_rate=None if fmt.is_missing(rate) else float(rate),
    )


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


def lead_text(units: list[str], goal_id: object) -> str:
    if fmt.is_missing(goal_id):
        return NO_UNIT_NOTE
    return fmt.join_units(units)


def build_warning_table(total: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame,
                        areas: pd.DataFrame, params: dict[str, str] | None = None) -> pd.DataFrame:
    """Indicators with warnings, red first: 指标, 领域, 预警等级, 预警原因, 牵头单位, 详情."""
    warned = total.loc[has_warning(total)]
    info = indicators[["indicator_id", "name", "area_id", "goal_id"]].merge(
        areas[["area_id", "short_name"]], on="area_id").merge(indicator_units(indicators, goals), on="indicator_id")
    rows = warned.merge(info, on="indicator_id")
    rank = rows["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    rows = rows.assign(rank=rank).sort_values(["rank", "indicator_id"])
    return pd.DataFrame({
        "指标": rows["name"], "领域": rows["short_name"],
        "预警等级": rows["warning_severity"].fillna("—"), "预警原因": rows["reason"].fillna("—"),
        "牵头单位": [lead_text(u, g) for u, g in zip(rows["lead_units"], rows["goal_id"])],
        "详情": [indicator_link(i, params) for i in rows["indicator_id"]],
    }).reset_index(drop=True)


def build_overview_chart(total: pd.DataFrame, indicators: pd.DataFrame,
                         areas: pd.DataFrame) -> alt.LayerChart | None:
    """The per-area status chart of the overview (Altair stacked bars); None when no indicator is shown."""
    counts = build_area_status_counts(total, indicators, areas)
    if counts.empty:
        return None
    return build_area_status_chart(counts, areas.sort_values("seq")["short_name"].tolist())


# ---------------------------------------------------------------- static HTML tables
# Tables nobody sorts or selects in are drawn as plain HTML (templates/table.html.j2): the canvas grid of
# st.dataframe loads a large script bundle in the browser (see docs/benchmark.md).
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
    return templates.render("sparkline.svg.j2", width=width, height=height, color=config.SERIES_COLORS["value"],
                            points=" ".join(f"{x:.1f},{y:.1f}" for x, y in coords) if len(coords) > 1 else "",
                            last=tuple(f"{c:.1f}" for c in coords[-1]))


def _cell_text(value: object) -> str:
    if isinstance(value, (list, tuple)) or not fmt.is_missing(value):
        return str(value)
    return fmt.MISSING


def _cell_class(wide: bool, value: object) -> str:
    if wide:
        return "bs-wide"
    return "bs-nw" if isinstance(value, (str, int, float)) and len(str(value)) <= NOWRAP_MAX_CHARS else ""


def _cell(row: dict, col: str, status: tuple[str, ...], links: dict[str, str], sparkline: str | None,
          wide: bool) -> dict[str, object]:
    value, cls = row[col], _cell_class(wide, row[col])
    if col == sparkline:
        return {"kind": "svg", "text": build_sparkline_svg(list(value)), "cls": cls}
    if col in status and str(value) in config.STATUS_COLORS:
        return {"kind": "pill", "text": str(value), "color": config.STATUS_COLORS[str(value)], "cls": cls}
    if col in links:
        return {"kind": "link", "text": _cell_text(value), "href": str(row[links[col]]), "cls": cls}
    return {"kind": "text", "text": _cell_text(value), "cls": cls}


def build_html_table(df: pd.DataFrame, *, status: tuple[str, ...] = ("状态",), links: dict[str, str] | None = None,
                     sparkline: str | None = None, wide: tuple[str, ...] = ()) -> str:
    """The frame as a static HTML table in the dashboard's look (autoescaped template table.html.j2).

    status: columns drawn as pills in the status palette; links: {shown column: column of its href}
    (the href columns are not shown); sparkline: a column of value lists drawn as a tiny line.
    """
    links = links or {}
    shown = [c for c in df.columns if c not in links.values()]
    rows = [[_cell(row, col, status, links, sparkline, col in wide) for col in shown] for row in df.to_dict("records")]
    return templates.render("table.html.j2", columns=[str(c) for c in shown], rows=rows)

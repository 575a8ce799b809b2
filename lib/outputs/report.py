"""The annual monitoring report (年度监测报告; 2023 中期评估, 2025 终期评估) as a Word file. Pure.

Every figure comes from the engine (`compute_statuses`, worded by `explain_statuses`, and `compute_rollup`)
and is written with the dashboard's formatting helpers, so the report reads as the dashboard shows it.
Sentences on 成效 and 问题 are the explanations of each indicator (the engine's facts in
lib.presentation.explain's words); texts that need a person's
judgement (总体评价, 对策建议) are the office's, saved on the page (lib.entry.report_texts), and
say 待填写 until written. Layout (A4, fonts, page numbers, tables): lib.outputs.docx_layout.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

import pandas as pd
from docx.document import Document as DocxDocument

from lib import config
from lib.engine.rollup import compute_rollup
from lib.entry.report_texts import SECTION_ASSESSMENT, SECTION_SUGGESTIONS, text_or_pending
from lib.outputs import docx_layout as layout
from lib.outputs import report_charts as charts
from lib.outputs.export import BEIJING
from lib.presentation import formatting as fmt
from lib.presentation.accountability import ROLE_LEAD, department_rollup
from lib.presentation.view_models import build_area_status_counts, has_warning, indicator_units, lead_text, totals

ISSUER = "博山区妇女儿童工作委员会办公室"
CN_NUMBERS = "一二三四五六七八九十"
SECTION_HEADINGS = ("一、总体情况", "二、各领域进展", "三、预警指标", "四、各部门情况", "五、对策建议", "六、数据说明")
NUMERIC_KINDS = (config.KIND_TARGET, config.KIND_DIRECTION)
MOVED_NAMES = 12  # indicators named per status change; the count says how many in all
QUALITATIVE_TARGET = "定性目标"
RATE_DEFINITION = "达标率 = 已达标指标数 ÷ 有数值目标且已有数据的指标数"
REPORT_CATALOGUE = ("areas", "goals", "indicators", "departments")
AREA_COLUMNS = ("指标", "目标", "基期值", "最新值", "状态", "牵头单位")
WARNING_COLUMNS = ("指标", "预警", "原因", "牵头单位")
DEPARTMENT_COLUMNS = ("部门", "指标数", "已达标", "需关注", "预警", "达标率")


def report_has_sample(statuses: pd.DataFrame, observations: pd.DataFrame | None, year: int) -> bool:
    """Whether sample rows are behind the report of `year`: its statuses or the observations up to it."""
    sample = bool(statuses["is_sample"].fillna(False).astype(bool).any()) if "is_sample" in statuses else False
    if observations is None or observations.empty or sample:
        return sample
    upto = observations[observations["year"] <= year]
    return bool(upto["is_sample"].fillna(False).astype(bool).any())


def report_title(year: int) -> str:
    """博山区“十四五”妇女发展规划{year}年监测报告; 2023 中期评估报告, 2025 终期评估报告."""
    kind = {config.MIDTERM_YEAR: "中期评估报告", config.FINAL_YEAR: "终期评估报告"}.get(year, "监测报告")
    return f"{config.REGION}“十四五”妇女发展规划{year}年{kind}"


def sample_statement() -> str:
    """The sample-data warning printed at the top of a report built on sample values."""
    return f"【{config.SAMPLE_LABEL}】" + config.SAMPLE_NOTE.replace("本页", "本报告")


def _value_with_year(value: object, year: object, unit: object) -> str:
    shown = fmt.format_value(value, unit)
    return shown if fmt.is_missing(year) or shown == fmt.MISSING else f"{shown}（{int(year)}年）"


def _status_counts(rollup_row: pd.Series) -> str:
    """已达标12项、按期可达8项 …: the non-zero status counts of one roll-up row."""
    parts = [f"{label}{int(rollup_row[label])}项" for label in config.ALL_STATUSES if rollup_row[label] > 0]
    return "、".join(parts) or "无"


def judged_rows(
    statuses: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame, accountable: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Total status rows in catalogue order with name, unit, area and lead units (the office's accountable table)."""
    info = indicators[["indicator_id", "area_id", "goal_id", "name", "unit"]].merge(
        indicator_units(indicators, goals, accountable), on="indicator_id"
    )
    return info.merge(totals(statuses), on="indicator_id", how="inner")


def area_table(judged: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The indicators of one area: 指标, 目标, 基期值, 最新值, 状态, 牵头单位."""
    rows = judged[judged["area_id"] == area_id]
    return pd.DataFrame(
        {
            "指标": rows["name"],
            "目标": [
                QUALITATIVE_TARGET if k == config.KIND_QUALITATIVE else fmt.format_target(o, t, u)
                for k, o, t, u in zip(rows["kind"], rows["op"], rows["target"], rows["unit"])
            ],
            "基期值": [
                _value_with_year(v, y, u) for v, y, u in zip(rows["base_value"], rows["base_year"], rows["unit"])
            ],
            "最新值": [
                _value_with_year(v, y, u) for v, y, u in zip(rows["latest_value"], rows["latest_year"], rows["unit"])
            ],
            "状态": rows["status"],
            "牵头单位": [lead_text(u, b) for u, b in zip(rows["lead_units"], rows["lead_basis"])],
        },
        columns=list(AREA_COLUMNS),
    ).reset_index(drop=True)


def is_problem(status: object) -> bool:
    """Whether a status belongs under 存在问题: the engine's attention statuses and 数据不足."""
    return status in config.ATTENTION_STATUSES or status == config.STATUS_NO_DATA


def _sentence(row) -> str:
    explanation = row.explanation if isinstance(row.explanation, str) and row.explanation else fmt.MISSING
    return f"{row.name}（{row.status}）：{explanation}"


def attention_sentences(judged: pd.DataFrame, area_id: str) -> list[str]:
    """存在问题: one sentence per indicator of the area needing attention or lacking data, from the engine."""
    rows = judged[(judged["area_id"] == area_id) & judged["status"].map(is_problem)]
    return [_sentence(r) for r in rows.itertuples()]


def achievement_sentences(judged: pd.DataFrame, area_id: str) -> list[str]:
    """主要成效: one sentence per indicator of the area met, on track or rated well, from the engine."""
    rows = judged[(judged["area_id"] == area_id) & ~judged["status"].map(is_problem)]
    return [_sentence(r) for r in rows.itertuples()]


def warning_table(judged: pd.DataFrame) -> pd.DataFrame:
    """Warned indicators, red first: 指标, 预警 (with severity), 原因, 牵头单位."""
    warned = judged[has_warning(judged).to_numpy()]
    rank = warned["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    warned = warned.assign(_rank=rank).sort_values("_rank", kind="stable")
    labels = [
        "、".join(w) + (f"（{s}）" if not fmt.is_missing(s) else "")
        for w, s in zip(warned["warnings"], warned["warning_severity"])
    ]
    return pd.DataFrame(
        {
            "指标": warned["name"],
            "预警": labels,
            "原因": warned["reason"].fillna(fmt.MISSING),
            "牵头单位": [lead_text(u, b) for u, b in zip(warned["lead_units"], warned["lead_basis"])],
        },
        columns=list(WARNING_COLUMNS),
    ).reset_index(drop=True)


def department_table(lead_rollup: pd.DataFrame, departments: pd.DataFrame) -> pd.DataFrame:
    """Each department as lead (collective entries and 未列单位 left out): counts and 达标率."""
    names = set(departments.loc[departments["kind"] == "department", "name"]) if not departments.empty else set()
    rows = lead_rollup[lead_rollup["group"].isin(names)]
    attention = rows[list(config.ATTENTION_STATUSES)].sum(axis=1)
    return pd.DataFrame(
        {
            "部门": rows["group"],
            "指标数": rows["n_indicators"].astype(int),
            "已达标": rows[config.STATUS_MET].astype(int),
            "需关注": attention.astype(int),
            "预警": rows["n_warnings"].astype(int),
            "达标率": rows["achievement_rate"].map(fmt.format_rate),
        },
        columns=list(DEPARTMENT_COLUMNS),
    ).reset_index(drop=True)


def data_status_text(observations: pd.DataFrame | None, year: int) -> list[str]:
    """Sentences on the monitoring values up to the year: 正式/初步 counts and reporting units."""
    if observations is None or observations.empty:
        return ["未提供监测数据表。"]
    upto = observations[observations["year"] <= year]
    counts = upto["data_status"].value_counts()
    final, prelim = (int(counts.get(s, 0)) for s in (config.DATA_STATUS_FINAL, config.DATA_STATUS_PRELIMINARY))
    sources = sorted({str(s) for s in upto["source"].dropna() if str(s).strip()})
    return [
        f"截至{year}年的监测数值共{len(upto)}条，其中{config.DATA_STATUS_FINAL}数据{final}条、"
        f"{config.DATA_STATUS_PRELIMINARY}数据{prelim}条；初步数据在正式数据发布后可能调整。",
        "报送单位：" + ("、".join(sources) if sources else "未注明") + "。",
    ]


def rate_by_year(
    statuses_by_year: Mapping[int, pd.DataFrame], indicators: pd.DataFrame, goals: pd.DataFrame
) -> pd.DataFrame:
    """达标率 of every assessment year given: 年度, 已达标, 有目标且有数据, 达标率 (the engine's roll-up)."""
    rows = []
    for year in sorted(statuses_by_year):
        overall = compute_rollup(statuses_by_year[year], indicators, goals, "overall").iloc[0]
        rows.append(
            (
                fmt.year_label(year),
                int(overall["n_met"]),
                int(overall["n_target_with_data"]),
                fmt.format_rate(overall["achievement_rate"]),
            )
        )
    return pd.DataFrame(rows, columns=["年度", "已达标", "有数值目标且有数据", "达标率"])


def base_comparison(judged: pd.DataFrame) -> str | None:
    """Against the base year: how many numeric indicators moved the desired way, the other way, or held."""
    rows = judged[
        judged["kind"].isin(NUMERIC_KINDS)
        & judged["base_value"].notna()
        & judged["latest_value"].notna()
        & judged["op"].isin(config.LOWER_IS_BETTER_OPS + config.HIGHER_IS_BETTER_OPS)
    ]
    if rows.empty:
        return None
    sign = rows["op"].isin(config.HIGHER_IS_BETTER_OPS).map({True: 1, False: -1})
    change = (rows["latest_value"] - rows["base_value"]) * sign
    better, worse = int((change > 0).sum()), int((change < 0).sum())
    return (
        f"与基期（{config.BASE_YEAR}年）相比，有基期值和最新值、目标有升降方向的数值指标{len(rows)}项中，"
        f"向目标方向变化{better}项，反向变化{worse}项，持平{len(rows) - better - worse}项。"
    )


def status_moves(before: pd.DataFrame, after: pd.DataFrame, names: Mapping[str, str]) -> list[str]:
    """What moved between two assessments: indicators whose status changed, by change (已达标 first)."""
    merged = totals(before)[["indicator_id", "status"]].merge(
        totals(after)[["indicator_id", "status"]], on="indicator_id", suffixes=("_before", "_after")
    )
    moved = merged[merged["status_before"] != merged["status_after"]]
    if moved.empty:
        return []
    groups = moved.groupby(["status_before", "status_after"], sort=False)["indicator_id"].agg(list)
    keyed = sorted(groups.items(), key=lambda kv: (kv[0][1] != config.STATUS_MET, -len(kv[1])))
    return [f"由{b}变为{a}{len(ids)}项：" + _names(ids, names) + "。" for (b, a), ids in keyed]


def _names(ids: list[str], names: Mapping[str, str], limit: int = MOVED_NAMES) -> str:
    shown = "、".join(names.get(i, i) for i in ids[:limit])
    return shown + (f"等（共{len(ids)}项）" if len(ids) > limit else "")


def _pct(share: float) -> str:
    return f"{share * 100:g}%"


def final_method_text() -> list[str]:
    """The final evaluation's rule, when the engine defines one (config.FINAL_NEARLY_MET)."""
    nearly = getattr(config, "FINAL_NEARLY_MET", None)
    if nearly is None:
        return []
    return [
        f"{config.FINAL_YEAR}年为规划目标年，按终期评估判断：达到目标为已达标；未达到目标的，按{config.BASE_YEAR}年以来"
        f"实现的变化占应有变化的比例判断，达到{_pct(nearly)}为基本达标，不足为未达标，反向变化为倒退；"
        "只提方向的目标按是否向期望方向变化判断为已实现或未实现；终期不再作推算预警。"
    ]


def method_text(year: int | None = None) -> list[str]:
    """The method in a few sentences, with the thresholds of lib/config.py."""
    final = final_method_text() if year is not None and year == config.FINAL_YEAR else []
    return final + [
        f"基期为{config.BASE_YEAR}年（无该年数值时取其后第一个年份），目标年为{config.TARGET_YEAR}年；"
        "最新值取评估年度及以前最近一年的数值。",
        f"最新值达到目标为已达标；数值少于两个为数据不足；否则以实际年均变化与应有年均变化之比R判断："
        f"R≥{config.R_ON_TRACK:g}为按期可达，{config.R_ACCELERATE:g}≤R<{config.R_ON_TRACK:g}为需加快，"
        f"{config.R_LIMITED:g}≤R<{config.R_ACCELERATE:g}为进展有限，R<{config.R_LIMITED:g}为倒退；"
        "基期已达标而最新未达标亦为倒退。",
        f"“左右”目标按区间判断：百分比±{config.BAND_TOLERANCE_PERCENT_POINTS:g}个百分点，"
        f"其他单位±{_pct(config.BAND_TOLERANCE_RELATIVE)}。",
        f"只提方向的目标按期望方向的年均增速判断：≥{_pct(config.DIRECTION_ON_TRACK)}为按期可达，"
        f"{_pct(config.DIRECTION_ACCELERATE)}～{_pct(config.DIRECTION_ON_TRACK)}为需加快，"
        f"0～{_pct(config.DIRECTION_ACCELERATE)}为进展有限，负增长为倒退。定性目标采用牵头单位的年度评价。",
        f"预警：按最近{config.PROJECTION_WINDOW}个数值的变化推算至{config.TARGET_YEAR}年仍未达标为预计难以达标"
        f"（差距超过剩余差距的{_pct(config.MISS_RED_SHARE)}为红色，{_pct(config.MISS_YELLOW_SHARE)}起为黄色）；"
        f"最新变化超过以往变化中位数的{config.FLUCTUATION_MEDIAN_FACTOR:g}倍"
        f"（以往变化不足{config.FLUCTUATION_MIN_EARLIER_CHANGES}个时超过{_pct(config.FLUCTUATION_RELATIVE)}）"
        "为波动较大；评估年度未报送为数据缺报。",
        f"{RATE_DEFINITION}；分组（城镇、农村等）不重复计数。",
    ]


# ---------------------------------------------------------------- charts


def chart_images(
    judged: pd.DataFrame, catalogue: Mapping[str, pd.DataFrame], observations: pd.DataFrame | None, year: int
) -> tuple[bytes | None, dict[str, bytes], str | None]:
    """(area status chart, trend chart per indicator not met, Chinese note when charts cannot be drawn)."""
    areas = catalogue["areas"].sort_values("seq")
    counts = build_area_status_counts(judged, catalogue["indicators"], areas)
    rows = not_met_rows(judged, observations, year) if observations is not None else judged.iloc[0:0]
    reference = catalogue.get("reference")
    specs = [charts.area_status_chart(counts, areas["short_name"].tolist())] + [
        charts.trend_chart(
            trend_series(observations, r.indicator_id, year),
            unit=None if fmt.is_missing(r.unit) else r.unit,
            op=None if fmt.is_missing(r.op) else r.op,
            target=None if r.kind != config.KIND_TARGET or fmt.is_missing(r.target) else float(r.target),
            reference=_reference(reference, r.indicator_id),
        )
        for r in rows.itertuples()
    ]
    try:
        images = charts.render_many(specs)
    except charts.ChartUnavailable as exc:
        return None, {}, str(exc)
    return images[0], dict(zip(rows["indicator_id"], images[1:])), None


def _reference(reference: pd.DataFrame | None, indicator_id: str) -> pd.DataFrame | None:
    """The national reference values of an indicator (year, value), None without any."""
    if reference is None or reference.empty:
        return None
    rows = reference[reference["indicator_id"] == indicator_id].sort_values("year")
    return rows[["year", "value"]].reset_index(drop=True) if not rows.empty else None


def trend_series(observations: pd.DataFrame, indicator_id: str, year: int) -> pd.DataFrame:
    """The total's values of one indicator up to the year: year, value, is_sample."""
    rows = observations[
        (observations["indicator_id"] == indicator_id)
        & observations["subgroup"].isna()
        & (observations["year"] <= year)
        & observations["value"].notna()
    ].sort_values("year")
    return pd.DataFrame(
        {
            "year": rows["year"].astype(int),
            "value": rows["value"].astype(float),
            "is_sample": rows["is_sample"].fillna(False).astype(bool),
        }
    ).reset_index(drop=True)


def not_met_rows(judged: pd.DataFrame, observations: pd.DataFrame, year: int) -> pd.DataFrame:
    """Numeric indicators whose status needs attention and that have values to draw."""
    with_values = set(observations.loc[observations["value"].notna() & (observations["year"] <= year), "indicator_id"])
    return judged[
        judged["kind"].isin(NUMERIC_KINDS)
        & judged["status"].isin(config.ATTENTION_STATUSES)
        & judged["indicator_id"].isin(with_values)
    ]


# ---------------------------------------------------------------- the Word document


def cn_number(n: int) -> str:
    """1 -> 一 … 10 -> 十, 11 -> 十一 (area numbers of the report)."""
    if n <= 10:
        return CN_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CN_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CN_NUMBERS[ones - 1] if ones else "")


def date_text(when: datetime) -> str:
    """A document date as GB/T 9704 writes it: 2026年12月1日."""
    return f"{when.year}年{when.month}月{when.day}日"


def _paragraphs(doc: DocxDocument, texts: list[str], style: str | None = None) -> None:
    for text in texts:
        doc.add_paragraph(text, style=style)


def _overall_section(
    doc: DocxDocument, judged: pd.DataFrame, overall: pd.Series, year: int, trend: pd.DataFrame | None, moves: list[str]
) -> None:
    doc.add_heading(SECTION_HEADINGS[0], level=1)
    rate = fmt.format_rate(overall["achievement_rate"])
    doc.add_paragraph(
        f"{config.PLAN_TITLE}共设监测指标{int(overall['n_indicators'])}项。截至{year}年，"
        f"各指标状态为：{_status_counts(overall)}。总体达标率为{rate}"
        f"（{RATE_DEFINITION}，本年度为{int(overall['n_met'])}÷{int(overall['n_target_with_data'])}）。"
        f"有预警的指标{int(has_warning(judged).sum())}项，详见“三、预警指标”。"
    )
    comparison = base_comparison(judged)
    if comparison:
        doc.add_paragraph(comparison)
    if trend is not None and len(trend) > 1:
        doc.add_paragraph(f"{config.FIRST_YEAR}年以来各年度达标率如下表（各年度均按当年及以前的数据评估）。")
        layout.add_table(doc, trend)
    if moves:
        doc.add_paragraph(f"与{config.MIDTERM_YEAR}年中期评估相比，指标状态的变化：")
        _paragraphs(doc, moves, "List Bullet")


def _charts_overview(doc: DocxDocument, image: bytes | None, note: str | None, year: int) -> None:
    if image is not None:
        layout.add_picture(doc, image, f"图1　{year}年各领域指标状态（项）")
    elif note:
        doc.add_paragraph(note)


def _area_sections(
    doc: DocxDocument, judged: pd.DataFrame, areas: pd.DataFrame, by_area: pd.DataFrame, trends: dict[str, bytes]
) -> None:
    doc.add_heading(SECTION_HEADINGS[1], level=1)
    rollup = by_area.set_index("group")
    figure = 2
    for number, area in enumerate(areas.sort_values("seq").itertuples(), start=1):
        doc.add_heading(f"（{cn_number(number)}）{area.name}", level=2)
        if area.area_id not in rollup.index:
            doc.add_paragraph("本领域暂无监测指标。")
            continue
        row = rollup.loc[area.area_id]
        doc.add_paragraph(
            f"本领域指标{int(row['n_indicators'])}项，达标率{fmt.format_rate(row['achievement_rate'])}；"
            f"{_status_counts(row)}。"
        )
        doc.add_heading("1．主要成效", level=3)
        _paragraphs(doc, achievement_sentences(judged, area.area_id) or ["本领域暂无已达标或进展良好的指标。"])
        doc.add_heading("2．存在问题", level=3)
        _paragraphs(doc, attention_sentences(judged, area.area_id) or ["本领域没有需关注的指标。"])
        layout.add_table(doc, area_table(judged, area.area_id))
        for r in judged[(judged["area_id"] == area.area_id) & judged["indicator_id"].isin(trends)].itertuples():
            layout.add_picture(doc, trends[r.indicator_id], f"图{figure}　{r.name}（{r.status}）", width=layout.Cm(13))
            figure += 1


def _office_text(doc: DocxDocument, texts: Mapping[str, str] | None, section: str) -> None:
    _paragraphs(doc, text_or_pending(dict(texts or {}), section))


def _front(doc: DocxDocument, year: int, has_sample: bool, when: datetime) -> None:
    layout.add_title(doc, report_title(year))
    if has_sample:  # the sample statement leads the report
        doc.add_paragraph().add_run(sample_statement()).bold = True
    layout.add_centered(doc, ISSUER)
    layout.add_centered(doc, date_text(when))
    doc.add_paragraph(f"地区：{config.REGION}　评估年度：{fmt.year_label(year)}　规划：{config.PLAN_TITLE}")


def build_report_docx(
    catalogue: Mapping[str, pd.DataFrame],
    statuses: pd.DataFrame,
    year: int,
    *,
    has_sample: bool,
    observations: pd.DataFrame | None = None,
    generated_at: datetime | None = None,
    statuses_by_year: Mapping[int, pd.DataFrame] | None = None,
    texts: Mapping[str, str] | None = None,
    with_charts: bool = True,
) -> bytes:
    """The report of `year` as .docx bytes; `catalogue` holds areas, goals, indicators, departments.

    statuses_by_year: the engine's statuses of earlier years (达标率 by year, change since the mid-term);
    texts: the office's 总体评价 and 对策建议 (lib.entry.report_texts), 待填写 when absent.
    """
    missing = [key for key in REPORT_CATALOGUE if key not in catalogue]
    if missing:
        raise ValueError(f"生成监测报告缺少目录表：{'、'.join(missing)}")
    indicators, goals = catalogue["indicators"], catalogue["goals"]
    judged = judged_rows(statuses, indicators, goals, catalogue.get("accountable"))
    if judged.empty:
        raise ValueError(f"{year}年没有可用于报告的指标状态")
    when = generated_at or datetime.now(BEIJING)
    years = {**dict(statuses_by_year or {}), year: statuses}
    years = {y: s for y, s in years.items() if y <= year}
    overview, trends, note = chart_images(judged, catalogue, observations, year) if with_charts else (None, {}, None)
    doc = layout.new_document()
    _front(doc, year, has_sample, when)
    overall = compute_rollup(statuses, indicators, goals, "overall").iloc[0]
    moves = (
        status_moves(years[config.MIDTERM_YEAR], statuses, dict(zip(indicators["indicator_id"], indicators["name"])))
        if year == config.FINAL_YEAR and config.MIDTERM_YEAR in years
        else []
    )
    _overall_section(doc, judged, overall, year, rate_by_year(years, indicators, goals), moves)
    _charts_overview(doc, overview, note, year)
    doc.add_heading("总体评价", level=3)
    _office_text(doc, texts, SECTION_ASSESSMENT)
    _area_sections(doc, judged, catalogue["areas"], compute_rollup(statuses, indicators, goals, "area"), trends)
    doc.add_heading(SECTION_HEADINGS[2], level=1)
    warnings = warning_table(judged)
    if warnings.empty:
        doc.add_paragraph(f"{year}年没有指标触发预警。")
    else:
        layout.add_table(doc, warnings)
    doc.add_heading(SECTION_HEADINGS[3], level=1)
    doc.add_paragraph(
        "按牵头单位统计，预警计入牵头单位（与看板“部门责任”页一致）；集体责任主体不列入；规划措施中提出的"
        "指标计入其负责单位（办公室指定，未指定的为同主题目标的牵头单位）。"
    )
    lead = department_rollup(statuses, indicators, goals, ROLE_LEAD, catalogue.get("accountable"))
    layout.add_table(doc, department_table(lead, catalogue["departments"]))
    doc.add_heading(SECTION_HEADINGS[4], level=1)
    _office_text(doc, texts, SECTION_SUGGESTIONS)
    doc.add_heading(SECTION_HEADINGS[5], level=1)
    _paragraphs(doc, data_status_text(observations, year) + method_text(year))
    doc.add_paragraph(
        f"本报告数字由监测看板于{when.strftime('%Y-%m-%d %H:%M')}（北京时间）自动生成；"
        "总体评价和对策建议由区妇儿工委办公室填写。"
    )
    layout.add_right(doc, ISSUER)
    layout.add_right(doc, date_text(when))
    return layout.to_bytes(doc)

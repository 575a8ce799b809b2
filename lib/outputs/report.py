"""The annual monitoring report (年度监测报告; 2023 中期评估, 2025 终期评估) as a Word file. Pure.

Every figure comes from the engine (`compute_statuses`, `compute_rollup`) and is written with
the dashboard's formatting helpers, so the report reads as the dashboard shows it.
"""
from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import datetime

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn

from lib import config
from lib.presentation import formatting as fmt
from lib.outputs.export import BEIJING
from lib.engine.rollup import compute_rollup
from lib.presentation.accountability import ROLE_LEAD, department_rollup
from lib.presentation.view_models import has_warning, indicator_units, lead_text, totals

REPORT_FONT = "宋体"
FONT_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3")
TABLE_STYLE = "Table Grid"
QUALITATIVE_TARGET = "定性目标"
RATE_DEFINITION = "达标率 = 已达标指标数 ÷ 有数值目标且已有数据的指标数"
REPORT_CATALOGUE = ("areas", "goals", "indicators", "departments")
AREA_COLUMNS = ("指标", "目标", "基期值", "最新值", "状态", "牵头单位")
WARNING_COLUMNS = ("指标", "预警", "原因", "牵头单位")
DEPARTMENT_COLUMNS = ("部门", "指标数", "已达标", "需关注", "预警", "达标率")


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


def judged_rows(statuses: pd.DataFrame, indicators: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """Total status rows in catalogue order with name, unit, area and lead units."""
    info = indicators[["indicator_id", "area_id", "goal_id", "name", "unit"]].merge(
        indicator_units(indicators, goals), on="indicator_id")
    return info.merge(totals(statuses), on="indicator_id", how="inner")


def area_table(judged: pd.DataFrame, area_id: str) -> pd.DataFrame:
    """The indicators of one area: 指标, 目标, 基期值, 最新值, 状态, 牵头单位."""
    rows = judged[judged["area_id"] == area_id]
    return pd.DataFrame({
        "指标": rows["name"],
        "目标": [QUALITATIVE_TARGET if k == config.KIND_QUALITATIVE else fmt.format_target(o, t, u)
               for k, o, t, u in zip(rows["kind"], rows["op"], rows["target"], rows["unit"])],
        "基期值": [_value_with_year(v, y, u) for v, y, u in zip(rows["base_value"], rows["base_year"], rows["unit"])],
        "最新值": [_value_with_year(v, y, u)
                 for v, y, u in zip(rows["latest_value"], rows["latest_year"], rows["unit"])],
        "状态": rows["status"],
        "牵头单位": [lead_text(u, b) for u, b in zip(rows["lead_units"], rows["lead_basis"])],
    }, columns=list(AREA_COLUMNS)).reset_index(drop=True)


def attention_sentences(judged: pd.DataFrame, area_id: str) -> list[str]:
    """One sentence per indicator of the area in a status needing attention, from the engine."""
    rows = judged[(judged["area_id"] == area_id) & judged["status"].isin(config.ATTENTION_STATUSES)]
    return [f"{r.name}（{r.status}）：{r.explanation or '—'}" for r in rows.itertuples()]


def warning_table(judged: pd.DataFrame) -> pd.DataFrame:
    """Warned indicators, red first: 指标, 预警 (with severity), 原因, 牵头单位."""
    warned = judged[has_warning(judged).to_numpy()]
    rank = warned["warning_severity"].map({config.SEVERITY_RED: 0, config.SEVERITY_YELLOW: 1}).fillna(2)
    warned = warned.assign(_rank=rank).sort_values("_rank", kind="stable")
    labels = ["、".join(w) + (f"（{s}）" if not fmt.is_missing(s) else "")
              for w, s in zip(warned["warnings"], warned["warning_severity"])]
    return pd.DataFrame({
        "指标": warned["name"], "预警": labels, "原因": warned["reason"].fillna(fmt.MISSING),
        "牵头单位": [lead_text(u, b) for u, b in zip(warned["lead_units"], warned["lead_basis"])],
    }, columns=list(WARNING_COLUMNS)).reset_index(drop=True)


def department_table(lead_rollup: pd.DataFrame, departments: pd.DataFrame) -> pd.DataFrame:
    """Each department as lead (collective entries and 未列单位 left out): counts and 达标率."""
    names = set(departments.loc[departments["kind"] == "department", "name"]) if not departments.empty else set()
    rows = lead_rollup[lead_rollup["group"].isin(names)]
    attention = rows[list(config.ATTENTION_STATUSES)].sum(axis=1)
    return pd.DataFrame({
        "部门": rows["group"], "指标数": rows["n_indicators"].astype(int), "已达标": rows[config.STATUS_MET].astype(int),
        "需关注": attention.astype(int), "预警": rows["n_warnings"].astype(int),
        "达标率": rows["achievement_rate"].map(fmt.format_rate),
    }, columns=list(DEPARTMENT_COLUMNS)).reset_index(drop=True)


def data_status_text(observations: pd.DataFrame | None, year: int) -> list[str]:
    """Sentences on the monitoring values up to the year: 正式/初步 counts and reporting units."""
    if observations is None or observations.empty:
        return ["未提供监测数据表。"]
    upto = observations[observations["year"] <= year]
    counts = upto["data_status"].value_counts()
    final, prelim = (int(counts.get(s, 0)) for s in (config.DATA_STATUS_FINAL, config.DATA_STATUS_PRELIMINARY))
    sources = sorted({str(s) for s in upto["source"].dropna() if str(s).strip()})
    return [f"截至{year}年的监测数值共{len(upto)}条，其中{config.DATA_STATUS_FINAL}数据{final}条、"
            f"{config.DATA_STATUS_PRELIMINARY}数据{prelim}条；初步数据在正式数据发布后可能调整。",
            "报送单位：" + ("、".join(sources) if sources else "未注明") + "。"]


def _pct(share: float) -> str:
    return f"{share * 100:g}%"


def method_text() -> list[str]:
    """The method in a few sentences, with the thresholds of lib/config.py."""
    return [
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


# ---------------------------------------------------------------- the Word document


def _new_document() -> DocxDocument:
    doc = Document()
    for name in FONT_STYLES:
        style = doc.styles[name]
        style.font.name = REPORT_FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        fonts.set(qn("w:eastAsia"), REPORT_FONT)
    return doc


def _add_table(doc: DocxDocument, frame: pd.DataFrame) -> None:
    """A grid table with a bold header row; every cell as text."""
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = TABLE_STYLE
    for cell, name in zip(table.rows[0].cells, frame.columns):
        cell.paragraphs[0].add_run(str(name)).bold = True
    for values in frame.itertuples(index=False):
        for cell, value in zip(table.add_row().cells, values):
            cell.text = fmt.MISSING if fmt.is_missing(value) else str(value)


def _overall_section(doc: DocxDocument, judged: pd.DataFrame, overall: pd.Series, year: int) -> None:
    doc.add_heading("一、总体情况", level=1)
    rate = fmt.format_rate(overall["achievement_rate"])
    doc.add_paragraph(
        f"{config.PLAN_TITLE}共设监测指标{int(overall['n_indicators'])}项。截至{year}年，"
        f"各指标状态为：{_status_counts(overall)}。总体达标率为{rate}"
        f"（{RATE_DEFINITION}，本年度为{int(overall['n_met'])}÷{int(overall['n_target_with_data'])}）。"
        f"有预警的指标{int(has_warning(judged).sum())}项，详见“三、预警指标”。")


def _area_sections(doc: DocxDocument, judged: pd.DataFrame, areas: pd.DataFrame, by_area: pd.DataFrame) -> None:
    doc.add_heading("二、各领域进展", level=1)
    rollup = by_area.set_index("group")
    for number, area in enumerate(areas.sort_values("seq").itertuples(), start=1):
        doc.add_heading(f"（{number}）{area.name}", level=2)
        if area.area_id not in rollup.index:
            doc.add_paragraph("本领域暂无监测指标。")
            continue
        row = rollup.loc[area.area_id]
        doc.add_paragraph(f"本领域指标{int(row['n_indicators'])}项，达标率{fmt.format_rate(row['achievement_rate'])}；"
                          f"{_status_counts(row)}。")
        _add_table(doc, area_table(judged, area.area_id))
        sentences = attention_sentences(judged, area.area_id)
        if sentences:
            doc.add_paragraph("需关注的指标：")
        for text in sentences:
            doc.add_paragraph(text, style="List Bullet")


def build_report_docx(
    catalogue: Mapping[str, pd.DataFrame],
    statuses: pd.DataFrame,
    year: int,
    *,
    has_sample: bool,
    observations: pd.DataFrame | None = None,
    generated_at: datetime | None = None,
) -> bytes:
    """The report of `year` as .docx bytes; `catalogue` holds areas, goals, indicators, departments."""
    missing = [key for key in REPORT_CATALOGUE if key not in catalogue]
    if missing:
        raise ValueError(f"生成监测报告缺少目录表：{'、'.join(missing)}")
    indicators, goals = catalogue["indicators"], catalogue["goals"]
    judged = judged_rows(statuses, indicators, goals)
    if judged.empty:
        raise ValueError(f"{year}年没有可用于报告的指标状态")
    doc = _new_document()
    doc.add_heading(report_title(year), level=0)
    doc.add_paragraph(f"地区：{config.REGION}　评估年度：{fmt.year_label(year)}　规划：{config.PLAN_TITLE}")
    if has_sample:
        doc.add_paragraph().add_run(sample_statement()).bold = True
    overall = compute_rollup(statuses, indicators, goals, "overall").iloc[0]
    _overall_section(doc, judged, overall, year)
    _area_sections(doc, judged, catalogue["areas"], compute_rollup(statuses, indicators, goals, "area"))
    doc.add_heading("三、预警指标", level=1)
    warnings = warning_table(judged)
    if warnings.empty:
        doc.add_paragraph(f"{year}年没有指标触发预警。")
    else:
        _add_table(doc, warnings)
    doc.add_heading("四、各部门情况", level=1)
    doc.add_paragraph("按牵头单位统计，预警计入牵头单位（与看板“部门责任”页一致）；集体责任主体不列入；规划措施中提出的"
                      "指标计入其负责单位（办公室指定，未指定的为同主题目标的牵头单位）。")
    lead = department_rollup(statuses, indicators, goals, ROLE_LEAD, catalogue.get("accountable"))
    _add_table(doc, department_table(lead, catalogue["departments"]))
    doc.add_heading("五、数据说明", level=1)
    for text in data_status_text(observations, year) + method_text():
        doc.add_paragraph(text)
    when = (generated_at or datetime.now(BEIJING)).strftime("%Y-%m-%d %H:%M")
    doc.add_paragraph(f"本报告由监测看板于{when}（北京时间）自动生成。")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()

"""lib.report: the annual monitoring report (.docx) from the shipped data and from the tiny fixture."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from docx import Document
from docx.oxml.ns import qn

from lib import config
from lib.cli.status import load_and_compute
from lib.contract.tables import load_observations
from lib.engine.rollup import compute_rollup
from lib.entry.report_texts import PENDING
from lib.outputs.pdf import PdfUnavailable, count_pages, docx_to_pdf, soffice_path
from lib.outputs.report import (
    ISSUER,
    QUALITATIVE_TARGET,
    REPORT_CATALOGUE,
    achievement_sentences,
    area_table,
    attention_sentences,
    build_report_docx,
    cn_number,
    data_status_text,
    department_table,
    judged_rows,
    method_text,
    not_met_rows,
    rate_by_year,
    report_title,
    sample_statement,
    status_moves,
    warning_table,
)
from lib.presentation import formatting as fmt
from tests.conftest import LEAD_A, LEAD_B, write_data_dir

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data"


def _inputs(folder: Path, year: int) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, pd.DataFrame]:
    catalogue = {key: pd.read_parquet(folder / f"{key}.parquet") for key in REPORT_CATALOGUE}
    return catalogue, load_and_compute(year, folder), load_observations(folder)


def _build(folder: Path, year: int, has_sample: bool = False, **kw) -> Document:
    catalogue, statuses, observations = _inputs(folder, year)
    payload = build_report_docx(
        catalogue, statuses, year, has_sample=has_sample, observations=observations, **{"with_charts": False, **kw}
    )
    return Document(io.BytesIO(payload))


def _text(doc: Document) -> str:
    return "\n".join(p.text for p in doc.paragraphs)


def _table_with(doc: Document, header: tuple[str, ...]) -> list[list[str]]:
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if tuple(rows[0]) == header:
            return rows
    raise AssertionError(f"no table with header {header}")


@pytest.fixture
def fixture_dir(tmp_path: Path) -> Path:
    return write_data_dir(tmp_path / "data")


@pytest.fixture(scope="module")
def shipped_2025_bytes() -> bytes:
    catalogue, statuses, observations = _inputs(SHIPPED, 2025)
    by_year = {y: load_and_compute(y, SHIPPED) for y in config.ASSESSMENT_YEARS}
    return build_report_docx(
        catalogue,
        statuses,
        2025,
        has_sample=True,
        observations=observations,
        statuses_by_year=by_year,
        texts={"suggestions": "加强部门协同。\n按季度通报进展。"},
    )


@pytest.fixture(scope="module")
def shipped_2025(shipped_2025_bytes) -> Document:
    return Document(io.BytesIO(shipped_2025_bytes))


def test_report_title_names_the_evaluation():
    assert report_title(2023) == "博山区“十四五”妇女发展规划2023年中期评估报告"
    assert report_title(2025) == "博山区“十四五”妇女发展规划2025年终期评估报告"
    assert report_title(2024) == "博山区“十四五”妇女发展规划2024年监测报告"


def test_build_report_docx_shipped_title_is_final_evaluation(shipped_2025):
    title = shipped_2025.paragraphs[0]
    assert title.style.name == "Title"
    assert "2025年" in title.text and "终期评估" in title.text


def test_build_report_docx_shipped_every_area_is_a_heading(shipped_2025):
    headings = [p.text for p in shipped_2025.paragraphs if p.style.name == "Heading 2"]
    names = pd.read_parquet(SHIPPED / config.AREAS).sort_values("seq")["name"].tolist()
    assert [h.split("）", 1)[1] for h in headings] == names
    assert headings[0] == "（一）妇女与健康" and headings[7].startswith("（八）")


def test_build_report_docx_shipped_sections_in_order(shipped_2025):
    headings = [p.text for p in shipped_2025.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、总体情况",
        "二、各领域进展",
        "三、预警指标",
        "四、各部门情况",
        "五、对策建议",
        "六、数据说明",
    ]


def test_build_report_docx_shipped_overall_rate_equals_rollup(shipped_2025):
    catalogue, statuses, _ = _inputs(SHIPPED, 2025)
    rate = compute_rollup(statuses, catalogue["indicators"], catalogue["goals"], "overall")["achievement_rate"].iloc[0]
    assert f"总体达标率为{fmt.format_rate(rate)}" in _text(shipped_2025)


def test_build_report_docx_shipped_every_warned_indicator_in_warning_table(shipped_2025):
    catalogue, statuses, _ = _inputs(SHIPPED, 2025)
    totals = statuses[statuses["subgroup"].isna() & statuses["warnings"].map(len).gt(0)]
    names = catalogue["indicators"].set_index("indicator_id").loc[totals["indicator_id"], "name"]
    table = _table_with(shipped_2025, ("指标", "预警", "原因", "牵头单位"))
    assert len(table) - 1 == len(totals) > 0
    assert sorted(row[0] for row in table[1:]) == sorted(names)


def test_build_report_docx_shipped_sample_statement_at_top(shipped_2025):
    assert config.SAMPLE_LABEL in shipped_2025.paragraphs[1].text  # right under the title
    assert shipped_2025.paragraphs[1].runs[0].bold


def test_build_report_docx_without_sample_has_no_statement(fixture_dir):
    assert config.SAMPLE_LABEL not in _text(_build(fixture_dir, 2024, has_sample=False))


def test_build_report_docx_fixture_midterm_title(fixture_dir):
    assert "2023年中期评估报告" in _build(fixture_dir, 2023).paragraphs[0].text


def test_build_report_docx_fixture_overall_rate_equals_rollup(fixture_dir):
    catalogue, statuses, _ = _inputs(fixture_dir, 2024)
    rate = compute_rollup(statuses, catalogue["indicators"], catalogue["goals"], "overall")["achievement_rate"].iloc[0]
    assert f"总体达标率为{fmt.format_rate(rate)}" in _text(_build(fixture_dir, 2024))


def test_build_report_docx_fixture_every_area_is_a_heading(fixture_dir):
    headings = [p.text for p in _build(fixture_dir, 2024).paragraphs if p.style.name == "Heading 2"]
    assert len(headings) == 8 and headings[0] == "（一）妇女与健康"


def test_build_report_docx_fixture_tables_have_bold_headers(fixture_dir):
    for table in _build(fixture_dir, 2024).tables:
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_build_report_docx_sets_cjk_font(fixture_dir):
    styles = _build(fixture_dir, 2024).styles
    east_asia = {
        name: styles[name].element.rPr.rFonts.get(qn("w:eastAsia")) for name in ("Normal", "Title", "Heading 1")
    }
    assert east_asia == {"Normal": "仿宋", "Title": "方正小标宋简体", "Heading 1": "黑体"}
    assert styles["Normal"].element.rPr.rFonts.get(qn("w:asciiTheme")) is None  # no theme font overriding it


def test_build_report_docx_states_generation_time(fixture_dir):
    catalogue, statuses, observations = _inputs(fixture_dir, 2024)
    when = datetime(2025, 3, 1, 9, 30)
    payload = build_report_docx(
        catalogue, statuses, 2024, has_sample=False, observations=observations, generated_at=when, with_charts=False
    )
    assert "2025-03-01 09:30（北京时间）" in _text(Document(io.BytesIO(payload)))


def test_build_report_docx_missing_catalogue_table_raises(fixture_dir):
    catalogue, statuses, _ = _inputs(fixture_dir, 2024)
    del catalogue["departments"]
    with pytest.raises(ValueError, match="departments"):
        build_report_docx(catalogue, statuses, 2024, has_sample=False)


def test_area_table_formats_values_as_dashboard(fixture_dir):
    catalogue, statuses, _ = _inputs(fixture_dir, 2024)
    table = area_table(judged_rows(statuses, catalogue["indicators"], catalogue["goals"]), "A1")
    first = table.iloc[0]
    assert list(first) == ["孕产妇死亡率", "≤8.2/10万", "12.0/10万（2020年）", "8.0/10万（2024年）", "已达标", LEAD_A]
    assert table.loc[table["指标"] == "健康素养", "目标"].item() == QUALITATIVE_TARGET
    lead = table.loc[table["指标"] == "孕产妇系统管理率", "牵头单位"].item()
    assert lead == f"{LEAD_A}（默认：本领域首个目标的牵头单位）"


def test_warning_table_lists_reason_and_lead(fixture_dir):
    catalogue, statuses, _ = _inputs(fixture_dir, 2024)
    table = warning_table(judged_rows(statuses, catalogue["indicators"], catalogue["goals"]))
    row = table[table["指标"] == "第2项筛查率"].iloc[0]
    assert row["预警"].startswith(config.WARN_MISS) and row["牵头单位"] == LEAD_B and row["原因"] != "—"


def test_department_table_excludes_groups_and_no_department(fixture_dir):
    catalogue, statuses, _ = _inputs(fixture_dir, 2024)
    lead = compute_rollup(statuses, catalogue["indicators"], catalogue["goals"], "lead")
    table = department_table(lead, catalogue["departments"])
    assert sorted(table["部门"]) == sorted([LEAD_A, LEAD_B])
    assert table.loc[table["部门"] == LEAD_B, "指标数"].item() == 7


# ---------------------------------------------------------------- a government document


def test_report_page_is_a4_with_government_margins(shipped_2025):
    section = shipped_2025.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.top_margin.cm, 1) == 3.7 and round(section.left_margin.cm, 1) == 2.8


def test_report_footer_has_page_number_field(shipped_2025):
    footer = shipped_2025.sections[0].footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and 'w:fldCharType="begin"' in footer and 'w:fldCharType="end"' in footer


def test_report_headings_use_word_heading_styles(shipped_2025):
    styles = {p.style.name for p in shipped_2025.paragraphs}
    assert {"Title", "Heading 1", "Heading 2", "Heading 3"} <= styles
    assert all(
        not p.text.startswith(("一、", "二、", "三、")) for p in shipped_2025.paragraphs if p.style.name == "Normal"
    )


def test_report_issuing_body_and_date(fixture_dir):
    doc = _build(fixture_dir, 2024, generated_at=datetime(2026, 1, 5, 9, 0))
    texts = [p.text for p in doc.paragraphs]
    assert ISSUER in texts[1:4] and "2026年1月5日" in texts[1:4]
    assert texts[-2:] == [ISSUER, "2026年1月5日"]


def test_report_tables_rows_do_not_split_and_header_repeats(shipped_2025):
    for table in shipped_2025.tables:
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)


def test_report_images_area_chart_and_every_not_met_trend(shipped_2025):
    catalogue, statuses, observations = _inputs(SHIPPED, 2025)
    judged = judged_rows(statuses, catalogue["indicators"], catalogue["goals"])
    expected = len(not_met_rows(judged, observations, 2025))
    assert expected > 0
    assert len(shipped_2025.inline_shapes) == 1 + expected
    captions = [p.text for p in shipped_2025.paragraphs if p.text.startswith("图")]
    assert captions[0] == "图1　2025年各领域指标状态（项）" and len(captions) == 1 + expected


def test_report_final_year_compares_with_midterm_and_base(shipped_2025):
    text = _text(shipped_2025)
    assert "与2023年中期评估相比" in text and "与基期（2020年）相比" in text
    rates = _table_with(shipped_2025, ("年度", "已达标", "有数值目标且有数据", "达标率"))
    assert [r[0] for r in rates[1:]] == [fmt.year_label(y) for y in config.ASSESSMENT_YEARS]


def test_report_rate_by_year_equals_status_command_rollup():
    catalogue, _, _ = _inputs(SHIPPED, 2025)
    by_year = {y: load_and_compute(y, SHIPPED) for y in (2023, 2025)}
    table = rate_by_year(by_year, catalogue["indicators"], catalogue["goals"])
    for row, year in zip(table.itertuples(), (2023, 2025)):
        overall = compute_rollup(by_year[year], catalogue["indicators"], catalogue["goals"], "overall").iloc[0]
        assert row.达标率 == fmt.format_rate(overall["achievement_rate"])


def test_report_area_sections_have_achievements_and_problems(shipped_2025):
    level3 = [p.text for p in shipped_2025.paragraphs if p.style.name == "Heading 3"]
    assert level3.count("1．主要成效") == 8 and level3.count("2．存在问题") == 8


def test_achievement_and_problem_sentences_are_the_engine_explanations(fixture_dir):
    catalogue, statuses, _ = _inputs(fixture_dir, 2024)
    judged = judged_rows(statuses, catalogue["indicators"], catalogue["goals"])
    good, bad = achievement_sentences(judged, "A1"), attention_sentences(judged, "A1")
    row = judged[judged["indicator_id"] == "A1-G01-1"].iloc[0]
    assert f"孕产妇死亡率（{row['status']}）：{row['explanation']}" in good + bad
    assert all(not s.startswith("第2项") for s in good)  # an A2 indicator is not in A1


def test_office_texts_printed_or_pending(shipped_2025, fixture_dir):
    text = _text(shipped_2025)
    assert "加强部门协同。\n按季度通报进展。" in text
    headings = [p.text for p in shipped_2025.paragraphs]
    after = headings[headings.index("总体评价") + 1]
    assert after == PENDING  # nothing invented where the office has not written
    assert _text(_build(fixture_dir, 2024)).count(PENDING) == 2


def test_report_pdf_by_libreoffice_has_pages(shipped_2025_bytes, tmp_path):
    if soffice_path() is None:
        pytest.skip("LibreOffice 未安装（scripts/install-test-deps.sh）")
    pdf = docx_to_pdf(shipped_2025_bytes)
    assert pdf.startswith(b"%PDF") and count_pages(pdf) > 1
    if shutil.which("pdftotext"):
        path = tmp_path / "r.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
        flat = "".join(text.split())  # the title wraps over two lines
        assert "2025年终期评估报告" in flat and config.SAMPLE_LABEL in flat and "—2—" in flat


def test_docx_to_pdf_without_libreoffice_says_so(monkeypatch):
    monkeypatch.setattr("lib.outputs.pdf.soffice_path", lambda: None)
    with pytest.raises(PdfUnavailable, match="未安装 LibreOffice"):
        docx_to_pdf(b"PK")


def test_count_pages_ignores_the_pages_tree():
    assert count_pages(b"<< /Type /Pages /Count 2 >> << /Type /Page >> << /Type/Page >>") == 2


def test_cn_number():
    assert [cn_number(n) for n in (1, 8, 10, 12)] == ["一", "八", "十", "十二"]


def test_data_status_text_counts_final_and_preliminary(fixture_dir):
    text = data_status_text(load_observations(fixture_dir), 2024)
    assert text[0].startswith("截至2024年的监测数值共46条，其中正式数据37条、初步数据9条")
    assert text[1] == "报送单位：区统计局。"


def test_method_text_states_config_thresholds():
    text = "".join(method_text())
    assert f"R≥{config.R_ON_TRACK:g}" in text and f"±{config.BAND_TOLERANCE_PERCENT_POINTS:g}个百分点" in text


def test_sample_statement_names_the_report():
    assert sample_statement().startswith(f"【{config.SAMPLE_LABEL}】本报告")


def test_status_moves_name_the_indicators_and_count_them():
    before = pd.DataFrame({"indicator_id": list("abcd"), "subgroup": None, "status": ["按期可达"] * 3 + ["倒退"]})
    after = pd.DataFrame(
        {"indicator_id": list("abcd"), "subgroup": None, "status": ["已达标"] * 2 + ["按期可达", "倒退"]}
    )
    assert status_moves(before, after, {"a": "甲", "b": "乙"}) == ["由按期可达变为已达标2项：甲、乙。"]
    many = pd.DataFrame({"indicator_id": [f"i{n}" for n in range(15)], "subgroup": None, "status": "已达标"})
    moved = status_moves(many.assign(status="需加快"), many, {})
    assert moved[0].startswith("由需加快变为已达标15项：i0、") and moved[0].endswith("等（共15项）。")

"""lib.report: the annual monitoring report (.docx) from the shipped data and from the tiny fixture."""
from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest
from docx import Document

from conftest import LEAD_A, LEAD_B, write_data_dir
from lib import config
from lib.presentation import formatting as fmt
from lib.contract.tables import load_observations
from lib.outputs.report import (
    QUALITATIVE_TARGET, REPORT_CATALOGUE, area_table, build_report_docx, data_status_text, department_table,
    judged_rows, method_text, report_title, sample_statement, warning_table,
)
from lib.engine.rollup import compute_rollup
from lib.cli.status import load_and_compute

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "data"


def _inputs(folder: Path, year: int) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, pd.DataFrame]:
    catalogue = {key: pd.read_parquet(folder / f"{key}.parquet") for key in REPORT_CATALOGUE}
    return catalogue, load_and_compute(year, folder), load_observations(folder)


def _build(folder: Path, year: int, has_sample: bool = False) -> Document:
    catalogue, statuses, observations = _inputs(folder, year)
    payload = build_report_docx(catalogue, statuses, year, has_sample=has_sample, observations=observations)
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
def shipped_2025() -> Document:
    return _build(SHIPPED, 2025, has_sample=True)


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


def test_build_report_docx_shipped_sections_in_order(shipped_2025):
    headings = [p.text for p in shipped_2025.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、总体情况", "二、各领域进展", "三、预警指标", "四、各部门情况", "五、数据说明"]


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
    assert config.SAMPLE_LABEL in shipped_2025.paragraphs[2].text
    assert shipped_2025.paragraphs[2].runs[0].bold


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
    assert len(headings) == 8 and headings[0] == "（1）妇女与健康"


def test_build_report_docx_fixture_tables_have_bold_headers(fixture_dir):
    for table in _build(fixture_dir, 2024).tables:
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)


def test_build_report_docx_sets_cjk_font(fixture_dir):
    normal = _build(fixture_dir, 2024).styles["Normal"].element.rPr.rFonts
    assert normal.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "宋体"


def test_build_report_docx_states_generation_time(fixture_dir):
    catalogue, statuses, observations = _inputs(fixture_dir, 2024)
    when = datetime(2025, 3, 1, 9, 30)
    payload = build_report_docx(catalogue, statuses, 2024, has_sample=False, observations=observations,
                                generated_at=when)
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


def test_data_status_text_counts_final_and_preliminary(fixture_dir):
    text = data_status_text(load_observations(fixture_dir), 2024)
    assert text[0].startswith("截至2024年的监测数值共46条，其中正式数据37条、初步数据9条")
    assert text[1] == "报送单位：区统计局。"


def test_method_text_states_config_thresholds():
    text = "".join(method_text())
    assert f"R≥{config.R_ON_TRACK:g}" in text and f"±{config.BAND_TOLERANCE_PERCENT_POINTS:g}个百分点" in text


def test_sample_statement_names_the_report():
    assert sample_statement().startswith(f"【{config.SAMPLE_LABEL}】本报告")

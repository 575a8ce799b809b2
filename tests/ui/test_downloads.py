"""lib.ui.downloads: two buttons per table, files generated on click; every download of every page checked."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from lib import config
from lib.outputs.export import split_csv

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# headers of columns that hold numbers: values, years, counts, rates and shares (units in brackets)
NUMERIC_HEADER = re.compile(r"(值|年份|率|占比|分子|分母|指标数|目标数|预警数|红色预警)(（[^）]*）)?$")
PAGES_WITH_DOWNLOADS = {
    "views/overview.py": {},
    "views/area_health.py": {},
    "views/indicator.py": {"id": "A1-G01-1"},
    "views/catalogue.py": {},
    "views/department.py": {"dept": "区卫生健康局"},
}


def _app() -> None:
    import pandas as pd

    from lib.ui.downloads import render_downloads

    frame = pd.DataFrame({"指标": ["孕产妇死亡率", "住院分娩率"], "数值": [8.1, 99.5]})
    render_downloads(frame, what="预警清单", year=2025, area="健康", filters={"状态": "倒退"}, key="t")


def test_render_downloads_draws_excel_and_csv(recorded_downloads):
    at = AppTest.from_function(_app).run()
    assert not at.exception
    assert [b.label for b in at.download_button] == ["下载 Excel", "下载 CSV"]


def test_render_downloads_names_and_no_rerun(recorded_downloads):
    AppTest.from_function(_app).run()
    assert [c["file_name"] for c in recorded_downloads] == [
        "博山区妇女发展监测_健康_预警清单_2025年.xlsx",
        "博山区妇女发展监测_健康_预警清单_2025年.csv",
    ]
    assert all(c["on_click"] == "ignore" and callable(c["data"]) for c in recorded_downloads)


def test_render_downloads_files_equal_frame(recorded_downloads):
    AppTest.from_function(_app).run()
    expected = pd.DataFrame({"指标": ["孕产妇死亡率", "住院分娩率"], "数值": [8.1, 99.5]})
    xlsx, csv = (c["data"]() for c in recorded_downloads)
    pd.testing.assert_frame_equal(pd.read_excel(io.BytesIO(xlsx)), expected, check_dtype=False)
    body, notes = split_csv(csv)
    pd.testing.assert_frame_equal(pd.read_csv(io.StringIO(body)), expected, check_dtype=False)
    assert "筛选：状态,倒退" in notes
    filters = pd.read_excel(io.BytesIO(xlsx), sheet_name="筛选条件")
    assert dict(zip(filters["项目"], filters["内容"]))["筛选：状态"] == "倒退"


def _page_downloads(page: str, params: dict[str, str], recorded: list[dict]) -> list[dict]:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update({"year": "2024", **params})
    at.run()
    recorded.clear()
    at.switch_page(page)
    at.query_params.update({"year": "2024", **params})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return [c for c in recorded if c["file_name"].endswith(".xlsx") and "完整数据" not in c["file_name"]]


def _filter_items(wb: openpyxl.Workbook) -> dict[str, str]:
    return {r[0]: r[1] for r in wb["筛选条件"].iter_rows(min_row=2, values_only=True)}


@pytest.mark.parametrize("page", list(PAGES_WITH_DOWNLOADS))
def test_every_page_download_has_numbers_filters_and_labels(page, data_dir, recorded_downloads):
    calls = _page_downloads(page, PAGES_WITH_DOWNLOADS[page], recorded_downloads)
    assert calls, f"{page} offers no Excel download"
    for call in calls:
        wb = openpyxl.load_workbook(io.BytesIO(call["data"]()))
        ws = wb.worksheets[0]
        headers = [c.value for c in ws[1]]
        numeric = [i for i, h in enumerate(headers) if NUMERIC_HEADER.search(str(h))]
        for row in ws.iter_rows(min_row=2):
            for i in numeric:
                cell = row[i]
                assert cell.value is None or isinstance(cell.value, (int, float)), (
                    call["file_name"],
                    headers[i],
                    cell.value,
                )
                if cell.value is not None:
                    assert cell.number_format != "General", (call["file_name"], headers[i])
        for row in ws.iter_rows(min_row=2, values_only=True):
            assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in row)
        items = _filter_items(wb)
        assert items["评估年度"] == "2024年", call["file_name"]
        assert {"筛选：部门", "筛选：部门职责", "筛选：状态"} <= set(items), call["file_name"]
        assert "数据状态" in items
        if "示例数据" in headers and "是" in [
            r[headers.index("示例数据")] for r in ws.iter_rows(min_row=2, values_only=True)
        ]:
            assert items.get("数据说明") == config.SAMPLE_LABEL, call["file_name"]


def test_area_download_values_are_numbers_with_unit_column(data_dir, recorded_downloads):
    call = _page_downloads("views/area_health.py", {}, recorded_downloads)[0]
    frame = pd.read_excel(io.BytesIO(call["data"]()))
    row = frame[frame["指标编号"] == "A1-G01-1"].iloc[0]
    assert row["最新值"] == 8.0 and row["单位"] == "1/10万" and row["比较方式"] == "≤" and row["目标值"] == 8.2
    items = _filter_items(openpyxl.load_workbook(io.BytesIO(call["data"]())))
    assert items["数据说明"] == config.SAMPLE_LABEL and items["数据截至"] == "2024年" and items["数据状态"] == "初步"


def test_overview_warning_export_has_id_and_type(data_dir, recorded_downloads):
    calls = _page_downloads("views/overview.py", {}, recorded_downloads)
    frame = pd.read_excel(io.BytesIO(calls[0]["data"]()))
    assert {"指标编号", "预警类型", "预警等级"} <= set(frame.columns)
    assert frame["指标编号"].notna().all() and frame["预警类型"].notna().all()
    assert not frame["预警类型"].astype(str).str.contains("nan").any()


def test_catalogue_page_offers_downloads(data_dir, recorded_downloads):
    names = [c["file_name"] for c in _page_downloads("views/catalogue.py", {}, recorded_downloads)]
    assert any("监测指标" in n for n in names) and any("主要目标" in n for n in names)

"""lib.downloads: two buttons side by side, files generated on click for exactly the frame given."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest


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
    assert [c["file_name"] for c in recorded_downloads] == ["博山区妇女发展监测_健康_预警清单_2025年.xlsx",
                                               "博山区妇女发展监测_健康_预警清单_2025年.csv"]
    assert all(c["on_click"] == "ignore" and callable(c["data"]) for c in recorded_downloads)


def test_render_downloads_files_equal_frame(recorded_downloads):
    AppTest.from_function(_app).run()
    expected = pd.DataFrame({"指标": ["孕产妇死亡率", "住院分娩率"], "数值": [8.1, 99.5]})
    xlsx, csv = (c["data"]() for c in recorded_downloads)
    pd.testing.assert_frame_equal(pd.read_excel(io.BytesIO(xlsx)), expected, check_dtype=False)
    pd.testing.assert_frame_equal(pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig"), expected, check_dtype=False)
    filters = pd.read_excel(io.BytesIO(xlsx), sheet_name="筛选条件")
    assert dict(zip(filters["项目"], filters["内容"]))["筛选：状态"] == "倒退"

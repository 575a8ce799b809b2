"""Download buttons for exactly the frame on screen: Excel and CSV, side by side.

The files are generated on click in a server thread (`data=callable`) and the click does
not rerun the page (`on_click="ignore"`).
"""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from lib.outputs.export import ExportMeta, build_filename, to_csv_bytes, to_full_workbook_bytes, to_xlsx_bytes

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"


def _xlsx_maker(df: pd.DataFrame, meta: ExportMeta) -> Callable[[], bytes]:
    # the generation time is the click, not the page run
    return lambda: to_xlsx_bytes(df, meta)


def render_downloads(
    df: pd.DataFrame,
    *,
    what: str,
    year: int,
    area: str | None = None,
    department: str | None = None,
    filters: dict[str, str] | None = None,
    key: str,
) -> None:
    """An Excel and a CSV download button for `df` as given (the rows and columns shown)."""
    frame = df.copy()
    meta = ExportMeta(what=what, year=year, area=area, department=department, filters=dict(filters or {}))
    with st.container(horizontal=True):
        st.download_button(
            "下载 Excel", data=_xlsx_maker(frame, meta),
            file_name=build_filename(what, year, area, department, ext="xlsx"),
            mime=XLSX_MIME, key=f"{key}_xlsx", on_click="ignore", icon=":material/download:",
            help="当前表格（含筛选条件说明页），Excel 格式",
        )
        st.download_button(
            "下载 CSV", data=lambda: to_csv_bytes(frame),
            file_name=build_filename(what, year, area, department, ext="csv"),
            mime=CSV_MIME, key=f"{key}_csv", on_click="ignore", icon=":material/download:",
            help="当前表格，CSV（UTF-8，Excel 可直接打开）",
        )


def render_full_export(
    catalogue: dict[str, pd.DataFrame],
    observations: pd.DataFrame,
    statuses: pd.DataFrame,
    *,
    year: int,
    key: str,
) -> None:
    """One button for the whole workbook: catalogue, all observations, the statuses of `year`."""
    meta = ExportMeta(what="完整数据导出", year=year)
    st.download_button(
        "下载完整数据（Excel）",
        data=lambda: to_full_workbook_bytes(catalogue, observations, statuses, year, meta),
        file_name=build_filename("完整数据", year, ext="xlsx"),
        mime=XLSX_MIME, key=key, on_click="ignore", icon=":material/download:",
        help="目录（领域、目标、措施、部门、指标）、全部监测数据和该年度评估状态",
    )

"""Download buttons for the rows on screen: Excel and CSV, side by side.

The files are generated on click in a server thread (`data=callable`) and the click does
not rerun the page (`on_click="ignore"`). Every file states the page's filters, year, data status
and, whenever sample rows are behind it, the sample-data label (lib.outputs.export.filter_rows).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd
import streamlit as st

from lib import config
from lib.outputs.export import ExportMeta, build_filename, to_csv_bytes, to_full_workbook_bytes, to_xlsx_bytes
from lib.presentation.view_models import ALL, Filters, build_freshness

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIME = "text/csv"


def filter_items(filters: Filters | None) -> dict[str, str]:
    """The sidebar controls as the 筛选 rows of a file: 部门, 部门职责, 状态 (全部 when not set)."""
    if filters is None:
        return {}
    return {
        "部门": filters.department or ALL,
        "部门职责": filters.scope or ALL,
        "状态": "、".join(filters.statuses) or "全部",
    }


def page_meta(
    what: str,
    *,
    year: int,
    filters: Filters | None = None,
    observations: pd.DataFrame | None = None,
    area: str | None = None,
    department: str | None = None,
    has_sample: bool = False,
    extra: Mapping[str, str] | None = None,
    units: Mapping[str, str] | None = None,
) -> ExportMeta:
    """What a download states about itself: the page's filters, year, 数据截至 and 数据状态, sample label."""
    fresh = build_freshness(observations, year) if observations is not None and not observations.empty else None
    return ExportMeta(
        what=what,
        year=year,
        area=area,
        department=department,
        filters={**filter_items(filters), **dict(extra or {})},
        data_status=(fresh.data_status,) if fresh and fresh.latest_year else (),
        has_sample=has_sample,
        data_year=fresh.latest_year if fresh else None,
        units=dict(units or {}),
    )


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
    filters: Filters | Mapping[str, str] | None = None,
    observations: pd.DataFrame | None = None,
    has_sample: bool = False,
    units: Mapping[str, str] | None = None,
    key: str,
) -> None:
    """An Excel and a CSV download button for `df` (the rows shown, with raw numbers: lib.outputs.export_frames).

    filters: the page's Filters (stated as 部门, 部门职责, 状态) or extra rows; observations: the data behind
    the page, for 数据截至/数据状态 and the sample label; units: column -> unit written into its header.
    """
    frame = df.copy()
    view = filters if isinstance(filters, Filters) else None
    extra = None if view is not None else filters
    meta = page_meta(
        what,
        year=year,
        filters=view,
        observations=observations,
        area=area,
        department=department,
        has_sample=has_sample,
        extra=extra,
        units=units,
    )
    with st.container(horizontal=True):
        st.download_button(
            "下载 Excel",
            data=_xlsx_maker(frame, meta),
            file_name=build_filename(what, year, area, department, ext="xlsx"),
            mime=XLSX_MIME,
            key=f"{key}_xlsx",
            on_click="ignore",
            icon=":material/download:",
            help="当前表格（数值为数字，单位在表头或“单位”列；含筛选条件说明页），Excel 格式",
        )
        st.download_button(
            "下载 CSV",
            data=lambda: to_csv_bytes(frame, meta),
            file_name=build_filename(what, year, area, department, ext="csv"),
            mime=CSV_MIME,
            key=f"{key}_csv",
            on_click="ignore",
            icon=":material/download:",
            help="当前表格，CSV（UTF-8，Excel 可直接打开；表格下方空一行为筛选条件说明）",
        )
    if meta.has_sample:
        st.caption(f"下载的文件含{config.SAMPLE_LABEL}，说明页已注明。")


def render_full_export(
    catalogue: dict[str, pd.DataFrame],
    observations: pd.DataFrame,
    statuses: pd.DataFrame,
    *,
    year: int,
    key: str,
    filters: Filters | None = None,
) -> None:
    """One button for the whole workbook: catalogue, all observations, the statuses of `year`."""
    meta = page_meta("完整数据导出", year=year, filters=filters, observations=observations)
    st.download_button(
        "下载完整数据（Excel）",
        data=lambda: to_full_workbook_bytes(catalogue, observations, statuses, year, meta),
        file_name=build_filename("完整数据", year, ext="xlsx"),
        mime=XLSX_MIME,
        key=key,
        on_click="ignore",
        icon=":material/download:",
        help="目录（领域、目标、措施、部门、指标）、全部监测数据和该年度评估状态",
    )

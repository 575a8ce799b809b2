"""National reference values mapped to plan indicators only where the definition matches."""
from __future__ import annotations

import pandas as pd
import pytest

from lib import config
from lib.contract.tables import REFERENCE_COLUMNS, DataError
from lib.catalogue.reference import (
    MAPPINGS, UNMAPPED, build_reference, period_year, read_reference_csv, unexplained_series,
)

SHIPPED_CSV = config.ROOT / "data" / config.REFERENCE_CSV
INDICATORS = pd.DataFrame({
    "indicator_id": ["A1-G02-1", "A1-G03-3", "A1-G03-4", "A2-G04-1", "A3-G03-1", "A3-G05-1", "A5-G03-1",
                     "A4-G10-3"],
    "name": ["孕产妇死亡率", "宫颈癌人群筛查率", "乳腺癌人群筛查率", "学前3年毛入园率", "城镇单位就业人员中的女性比例",
             "高级专业技术人员中的女性比例", "妇女基本医疗保险参保率", "社区居委会主任中女性比例"],
})


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return read_reference_csv(SHIPPED_CSV)


@pytest.fixture(scope="module")
def built(raw) -> pd.DataFrame:
    return build_reference(raw, INDICATORS)


def test_period_year_survey_takes_later_year():
    assert (period_year("2018-2019"), period_year("2020")) == (2019, 2020)


def test_period_year_unreadable_raises():
    with pytest.raises(DataError, match="无法识别"):
        period_year("近年")


def test_build_reference_columns(built):
    assert list(built.columns) == list(REFERENCE_COLUMNS)


def test_build_reference_maternal_mortality_national(built):
    rows = built[built["indicator_id"] == "A1-G02-1"]
    assert set(rows["indicator_zh"]) == {"孕产妇死亡率"} and set(rows["region"]) == {"全国"}
    assert rows.set_index("year").loc[2020, "value"] == 16.9


def test_build_reference_screening_35_64_only(built):
    cervical = built[built["indicator_id"] == "A1-G03-3"]
    breast = built[built["indicator_id"] == "A1-G03-4"]
    assert set(cervical["indicator_zh"]) == {"宫颈癌筛查率(35-64岁女性,曾接受过筛查,抽样调查)"}
    assert breast["value"].tolist() == [25.7]  # not the 20岁及以上 survey


def test_build_reference_survey_period_kept(built):
    cervical = built[built["indicator_id"] == "A1-G03-3"].set_index("year")
    assert cervical.loc[2024, "period"] == "2023-2024"


def test_build_reference_preschool_three_years(built):
    assert set(built.loc[built["indicator_id"] == "A2-G04-1", "indicator_zh"]) == {"学前教育毛入园率"}


def test_build_reference_urban_unit_employment_mapped(built):
    rows = built[built["indicator_id"] == "A3-G03-1"]
    assert rows["value"].tolist() == [40.3, 40.5, 41.7] and "非私营" in rows["mapping_note"].iloc[0]


def test_build_reference_shandong_region(built):
    assert built.loc[built["indicator_id"] == "A3-G05-1", "region"].tolist() == ["山东省"]


def test_build_reference_counts_and_other_definitions_not_mapped(built):
    assert not built["indicator_id"].isin(["A5-G03-1", "A4-G10-3"]).any()
    assert built["unit"].isin(["%", "1/10万", "岁"]).all()


def test_build_reference_every_row_has_source_and_quote(built):
    assert built["source_url"].str.startswith("http").all() and built["quote"].str.len().gt(0).all()


def test_unexplained_series_none_in_shipped_csv(raw):
    assert unexplained_series(raw) == []


def test_unexplained_series_reports_new_series(raw):
    extra = pd.concat([raw, raw.head(1).assign(indicator_zh="新指标")], ignore_index=True)
    assert unexplained_series(extra) == ["新指标"]


def test_mappings_and_unmapped_do_not_overlap():
    assert not {m.indicator_zh for m in MAPPINGS} & set(UNMAPPED)


def test_read_reference_csv_missing_column(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("geography,indicator_zh,year,value\n全国,孕产妇死亡率,2020,16.9\n", encoding="utf-8")
    with pytest.raises(DataError, match="缺少列：unit"):
        read_reference_csv(path)

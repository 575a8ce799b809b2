"""National reference values mapped to plan indicators only where the definition matches."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import config
from lib.catalogue.reference import (
    MAPPINGS,
    REFERENCE_FILES,
    UNMAPPED,
    build_reference,
    is_english,
    period_year,
    prefer_official,
    read_reference_csv,
    read_reference_files,
    reference_labels,
    unexplained_series,
    unmatched_mappings,
)
from lib.contract.tables import REFERENCE_COLUMNS, DataError

SHIPPED = config.ROOT / "data"
SHIPPED_CSV = SHIPPED / config.REFERENCE_CSV
INDICATORS = pd.DataFrame(
    {
        "indicator_id": [
            "A1-G02-1",
            "A1-G03-3",
            "A1-G03-4",
            "A2-G04-1",
            "A3-G03-1",
            "A3-G05-1",
            "A5-G03-1",
            "A4-G10-3",
            "A1-M07-1",
            "A1-M07-2",
            "A1-M07-3",
            "A1-M07-4",
            "A2-G10-1",
            "A8-G08-1",
        ],
        "name": [
            "孕产妇死亡率",
            "宫颈癌人群筛查率",
            "乳腺癌人群筛查率",
            "学前3年毛入园率",
            "城镇单位就业人员中的女性比例",
            "高级专业技术人员中的女性比例",
            "妇女基本医疗保险参保率",
            "社区居委会主任中女性比例",
            "孕产妇艾滋病检测率",
            "孕产妇梅毒检测率",
            "孕产妇乙肝检测率",
            "艾滋病孕产妇感染者治疗率",
            "女性平均受教育年限",
            "农村厕所改造基本完成",
        ],
        "kind": ["target"] * 12 + ["direction", "qualitative"],
    }
)


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return read_reference_files([SHIPPED / name for name in REFERENCE_FILES])


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


def test_build_reference_maternal_mortality_national_first_then_province(built):
    rows = built[built["indicator_id"] == "A1-G02-1"]
    assert set(rows["indicator_zh"]) == {"孕产妇死亡率"} and rows["region"].tolist()[-1] == "山东省"
    national = rows[rows["region"] == "全国"].set_index("year")
    assert national.loc[2020, "value"] == 16.9 and national.loc[2020, "tier"] in ("A", "B")
    assert national.index.is_monotonic_increasing


def test_build_reference_keeps_source_org_and_tier(built):
    assert built["source_org"].str.len().gt(0).all() and built["tier"].isin(["A", "B", "C"]).all()


def test_build_reference_split_disease_indicators_each_get_the_joint_value(built):
    rows = built[built["indicator_id"].isin(["A1-M07-1", "A1-M07-2", "A1-M07-3"])]
    assert rows["indicator_id"].tolist() == ["A1-M07-1", "A1-M07-2", "A1-M07-3"]
    assert set(rows["value"]) == {99.0} and set(rows["unit"]) == {"%(以上)"}
    assert not (built["indicator_id"] == "A1-M07-4").any()  # no published treatment rate


def test_build_reference_regional_years_of_schooling(built):
    row = built[built["indicator_id"] == "A2-G10-1"].iloc[0]
    assert (row["region"], row["value"], row["unit"]) == ("山东省", 8.39, "年")


def test_build_reference_qualitative_goal_never_linked(built):
    assert not (built["indicator_id"] == "A8-G08-1").any()


def test_prefer_official_drops_reprint_only_where_official_exists():
    frame = pd.DataFrame(
        {
            "indicator_id": ["X", "X", "X", "Y"],
            "region": ["全国"] * 4,
            "year": [2020, 2020, 2021, 2020],
            "tier": ["C", "A", "C", "C"],
            "value": [1.0, 2.0, 3.0, 4.0],
        }
    )
    assert prefer_official(frame)["value"].tolist() == [2.0, 3.0, 4.0]


def test_prefer_official_other_region_does_not_count():
    frame = pd.DataFrame(
        {
            "indicator_id": ["X", "X"],
            "region": ["全国", "山东省"],
            "year": [2015, 2015],
            "tier": ["A", "C"],
            "value": [1.0, 2.0],
        }
    )
    assert prefer_official(frame)["value"].tolist() == [1.0, 2.0]


def test_build_reference_reprint_dropped_when_official_same_year(raw):
    extra = (
        raw[raw["indicator_zh"] == "孕产妇死亡率"]
        .head(1)
        .assign(year="2021", tier="C", value=99.9, quote="转载稿：孕产妇死亡率为99.9/10万")
    )
    built = build_reference(pd.concat([raw, extra], ignore_index=True), INDICATORS)
    rows = built[(built["indicator_id"] == "A1-G02-1") & (built["year"] == 2021)]
    assert rows["value"].tolist() == [16.1] and rows["tier"].tolist() == ["A"]


@pytest.mark.parametrize(
    "tier, quote, labels",
    [
        ("A", "孕产妇死亡率为16.9/10万", []),
        ("C", "孕产妇死亡率为16.9/10万", ["转载"]),
        ("A", "In 2021, the maternal mortality rate was 16.1 per 100,000", ["英文原文"]),
        ("C", "Screening coverage in rural areas (48.2%)", ["转载", "英文原文"]),
    ],
)
def test_reference_labels(tier, quote, labels):
    assert reference_labels(tier, quote) == labels


def test_is_english_traditional_characters_are_chinese():
    assert not is_english("孕產(chǎn)婦和嬰兒死亡率降至12.62/10萬") and not is_english(None)


def test_every_mapping_matches_a_shipped_indicator():
    assert unmatched_mappings(pd.read_parquet(SHIPPED / config.INDICATORS)) == []


def test_shipped_reference_table_is_a_fresh_build(raw):
    fresh = build_reference(raw, pd.read_parquet(SHIPPED / config.INDICATORS))
    shipped = pd.read_parquet(SHIPPED / config.REFERENCE)
    pd.testing.assert_frame_equal(shipped, fresh, check_dtype=False)


def test_read_reference_csv_bad_tier(tmp_path):
    path = tmp_path / "ref.csv"
    header = "geography,indicator_zh,year,value,unit,source_url,quote,source_org,tier\n"
    path.write_text(header + "全国,孕产妇死亡率,2020,16.9,1/10万,http://x,原文,国家统计局,D\n", encoding="utf-8")
    with pytest.raises(DataError, match="第2行“tier”列"):
        read_reference_csv(path)


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
    assert not built["unit"].isin(["万人", "亿人"]).any()


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

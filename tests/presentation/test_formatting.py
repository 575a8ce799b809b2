import math

import pandas as pd

from lib.presentation import formatting as fmt


def test_format_value_percent_one_decimal():
    assert fmt.format_value(85, "%") == "85.0%"


def test_format_value_per_100k():
    assert fmt.format_value(8.2, "1/10万") == "8.2/10万"


def test_format_value_count_unit_whole():
    assert fmt.format_value(3.0, "人") == "3人"


def test_format_value_count_unit_thousands():
    assert fmt.format_value(12345, "名") == "12,345名"


def test_format_value_ratio_chinese_colon():
    assert fmt.format_value(1.5, "比例") == "3：2"


def test_format_value_missing_is_dash():
    assert fmt.format_value(math.nan, "%") == "—"


def test_format_value_pandas_na_is_dash():
    assert fmt.format_value(pd.NA, None) == "—"


def test_format_value_no_unit():
    assert fmt.format_value(2.345, None) == "2.3"


def test_format_target_lower_is_better():
    assert fmt.format_target("<=", 8.2, "1/10万") == "≤8.2/10万"


def test_format_target_direction():
    assert fmt.format_target("up", None, "%") == "逐步提高"


def test_format_target_band():
    assert fmt.format_target("≈", 1.5, "比例") == "约3：2"


def test_format_target_missing_target():
    assert fmt.format_target(None, None, None) == "—"


def test_format_rate_share_to_percent():
    assert fmt.format_rate(0.625) == "62.5%"


def test_format_rate_missing():
    assert fmt.format_rate(None) == "—"


def test_format_count_measure_word():
    assert fmt.format_count(12) == "12项"


def test_year_label_midterm():
    assert fmt.year_label(2023) == "2023年（中期评估）"


def test_year_label_final():
    assert fmt.year_label(2025) == "2025年（终期评估）"


def test_year_label_plain():
    assert fmt.year_label(2022) == "2022年"


def test_join_units_list():
    assert fmt.join_units(["区卫生健康局", "区妇联"]) == "区卫生健康局、区妇联"


def test_join_units_empty():
    assert fmt.join_units([]) == "—"


def test_is_missing_list_is_not_missing():
    assert fmt.is_missing(["a"]) is False


def test_format_value_nan_unit_is_no_unit():
    assert fmt.format_value(81.2, float("nan")) == "81.2"


def test_format_target_nan_op():
    assert fmt.format_target(float("nan"), 3.0, "%") == "3.0%"

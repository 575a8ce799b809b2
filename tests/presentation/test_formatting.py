import math

import pandas as pd
import pytest

from lib.presentation import formatting as fmt


def test_format_value_percent_one_decimal():
    assert fmt.format_value(85, "%") == "85.0%"


def test_format_value_per_100k():
    assert fmt.format_value(8.2, "1/10万") == "8.2/10万"


def test_format_value_count_unit_whole():
    assert fmt.format_value(3.0, "人") == "3人"


def test_format_value_count_unit_thousands():
    assert fmt.format_value(12345, "名") == "12,345名"


def test_format_value_ratio_as_n_to_one():
    assert fmt.format_value(1.5, "比例") == "1.50：1"


def test_format_value_ratio_keeps_close_years_apart():
    assert fmt.format_value(1.53, "比例") != fmt.format_value(1.56, "比例")


def test_format_target_ratio_in_plan_form():
    assert fmt.format_target(">=", 1.5, "比例") == "≥3：2"


def test_format_target_ratio_not_a_small_fraction():
    assert fmt.format_target(">=", 1.53, "比例") == "≥1.53：1"


@pytest.mark.parametrize(
    "delta,unit,expected",
    [
        (0.03, "比例", "+0.03"),
        (-0.02, "比例", "-0.02"),
        (1.25, "%", "+1.3个百分点"),
        (-0.5, "1/10万", "-0.5/10万"),
        (2.0, "人", "+2人"),
    ],
)
def test_format_difference_signed(delta, unit, expected):
    assert fmt.format_difference(delta, unit, signed=True) == expected


@pytest.mark.parametrize(
    "value,unit,expected",
    [
        (82.25, "%", "82.3%"),
        (82.24, "%", "82.2%"),
        (-82.25, "%", "-82.3%"),
        (8.25, "1/10万", "8.3/10万"),
        (77.45, "岁", "77.5岁"),
        (1.555, "比例", "1.56：1"),
        (2.5, "人", "2.5人"),
        (1234.0, "人", "1,234人"),
    ],
)
def test_format_value_rounds_half_up_by_unit(value, unit, expected):
    assert fmt.format_value(value, unit) == expected


@pytest.mark.parametrize("value,unit,expected", [(82.25, "%", 82.3), (1.555, "比例", 1.56), (3.0, "人", 3.0)])
def test_round_value_matches_shown_text(value, unit, expected):
    assert fmt.round_value(value, unit) == expected
    assert fmt.format_value(value, unit).startswith(f"{expected:,.{fmt.display_decimals(unit, value)}f}")


def test_round_value_missing_is_none():
    assert fmt.round_value(math.nan, "%") is None


@pytest.mark.parametrize(
    "unit,expected", [("%", '#,##0.0"%"'), ("比例", "#,##0.00"), ("人", "#,##0"), (None, "#,##0.0")]
)
def test_excel_number_format_follows_display_decimals(unit, expected):
    assert fmt.excel_number_format(unit) == expected


def test_format_rate_rounds_half_up():
    assert fmt.format_rate(0.82125) == "82.1%" and fmt.format_rate(0.8225) == "82.3%"


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


def test_plain_markdown_escapes_markdown_and_html():
    text = fmt.plain_markdown("# 标题 ![i](http://e.invalid/z.png) <b>粗</b> **x**\n第二行")
    assert text.startswith("\\# 标题 \\!\\[i\\]\\(http\\:") and "\\<b\\>" in text and "\\*\\*x\\*\\*" in text
    assert "\n" not in text

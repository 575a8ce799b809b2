"""The engine's facts in words: the exact sentences of each rule and warning."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import config
from lib.engine import progress
from lib.engine.early_warning import (
    compute_warnings,
    detect_expected_miss,
    detect_fluctuation,
    detect_missing_report,
)
from lib.engine.progress import judge_direction, judge_rating, judge_series, judge_target
from lib.engine.series import Series
from lib.presentation.explain import (
    EXPLAINED_COLUMNS,
    JUDGEMENT_SENTENCES,
    explain_alert,
    explain_alerts,
    explain_judgement,
    explain_statuses,
    progress_words,
    stand_in_note,
)
from tests.engine.test_final_evaluation import ASSESS, INDICATORS, OBS

T = config.TARGET_YEAR
SCREENING = {"indicator_id": "A1-G03-1", "kind": "target", "op": ">=", "target": 85.0, "unit": "%"}
MMR = {"indicator_id": "A1-G02-1", "kind": "target", "op": "<=", "target": 8.2, "unit": "1/10万"}
RATINGS = [
    {"year": 2022, "rating": config.RATING_SLOW, "narrative": "开展讲座12场。"},
    {"year": 2024, "rating": config.RATING_GOOD, "narrative": None},
]


def series(points: dict[int, float]) -> Series:
    return Series.of(list(points), list(points.values()))


def target(points: dict[int, float], op: str = ">=", goal: float = 85.0, unit: str | None = "%", year: int = 2023):
    return judge_target(series(points), op, goal, unit, year)


def direction(points: dict[int, float], op: str, unit: str | None, year: int):
    return judge_direction(series(points), op, unit, year)


def miss(ind: dict, points: dict[int, float], status: str = config.STATUS_ACCELERATE):
    return detect_expected_miss(ind, list(points), list(points.values()), status)[0]


# ------------------------------------------------------------------ every rule, the exact sentence
# The expected texts are the sentences the engine wrote before it held facts only (commit a29b339).
@pytest.mark.parametrize(
    ("judged", "text"),
    [
        (target({2023: 70.0}), "2020—2023年只有2023年一个数值（70.0%），至少需要两个年度才能判断进展。"),
        (target({}), "2020—2023年没有监测数据，无法判断进展。"),
        (
            target({2020: 96.0, 2023: 94.0}, ">=", 95.0),
            "基期2020年为96.0%，已达到目标≥95.0%；2023年为94.0%，不再达标，判为倒退。",
        ),
        (target({2020: 80.0, 2023: 86.0}), "2023年为86.0%，已达到目标≥85.0%。"),
        (
            target({2020: 70.0, 2024: 88.0}, year=T),
            "2025年数据未报，按2024年值评估。2024年为88.0%，已达到目标≥85.0%。",
        ),
        (
            target({2020: 70.0, 2023: 80.0}),
            "基期2020年为70.0%，2023年为80.0%，实际年均变化+4.6%，实现目标≥85.0%需年均变化+4.0%，"
            "实际进度为所需进度的115%，按期可达。",
        ),
        (
            target({2020: 70.0, 2023: 68.0}),
            "基期2020年为70.0%，2023年为68.0%，实际年均变化-1.0%，实现目标≥85.0%需年均变化+4.0%，"
            "实际进度为所需进度的-24%，变化方向与目标相反，倒退。",
        ),
        (
            target({2020: 0.0, 2023: 30.0}, ">=", 50.0),
            "基期2020年为0.0%，2023年为30.0%，实际年均变化+10.00个百分点，实现目标≥50.0%需年均变化+10.00个百分点，"
            "实际进度为所需进度的100%，按期可达。",
        ),
        (
            target({2020: 12.0, 2023: 10.0}, "<=", 8.2, "1/10万"),
            "基期2020年为12.0/10万，2023年为10.0/10万，实际年均变化-5.9%，实现目标≤8.2/10万需年均变化-7.3%，"
            "实际进度为所需进度的80%，需加快。",
        ),
        (
            target({2020: 40.0, 2023: 42.0}, "≈", 45.0),
            "基期2020年为40.0%，2023年为42.0%，实际年均变化+1.6%，实现目标约45.0%需年均变化+1.5%，"
            "实际进度为所需进度的113%，按期可达。",
        ),
        (
            target({2020: 70.0, 2025: 82.6}, year=T),
            "基期2020年为70.0%，2025年为82.6%，目标≥85.0%；2020年以来变化+12.6个百分点，"
            "达到目标需变化+15.0个百分点，完成所需进度的84%，未达标。",
        ),
        (
            target({2020: 70.0, 2024: 84.0}, year=T),
            "2025年数据未报，按2024年值评估。基期2020年为70.0%，2024年为84.0%，目标≥85.0%；"
            "2020年以来变化+14.0个百分点，达到目标需变化+15.0个百分点，完成所需进度的93%，基本达标。",
        ),
        (
            target({2020: 40.0, 2025: 42.8}, "≈", 45.0, year=T),
            "基期2020年为40.0%，2025年为42.8%，目标约45.0%（区间下沿43.0%）；2020年以来变化+2.8个百分点，"
            "达到目标需变化+3.0个百分点，完成所需进度的93%，基本达标。",
        ),
        (
            target({2020: 52.0, 2025: 49.0}, "≈", 45.0, year=T),
            "基期2020年为52.0%，2025年为49.0%，目标约45.0%（区间上沿47.0%）；2020年以来变化-3.0个百分点，"
            "达到目标需变化-5.0个百分点，完成所需进度的60%，未达标。",
        ),
        (
            direction({2020: 30.0, 2023: 28.0}, "down", None, 2023),
            "目标为逐步降低：基期2020年为30.0，2023年为28.0，年均变化-2.3%，按期可达。",
        ),
        (
            direction({2020: 0.0, 2023: 2.0}, "up", "人", 2023),
            "目标为逐步提高：基期2020年为0人，2023年为2人，年均变化+0.67人，按期可达。",
        ),
        (
            direction({2020: 50.0, 2022: 53.0}, "up", "%", 2023),
            "2023年数据未报，按2022年值评估。目标为逐步提高：基期2020年为50.0%，2022年为53.0%，年均变化+3.0%，按期可达。",
        ),
        (
            direction({2020: 50.0, 2024: 53.0}, "up", None, T),
            "2025年数据未报，按2024年值评估。目标为逐步提高：基期2020年为50.0，2024年为53.0，变化+3.0，已提高，已实现。",
        ),
        (
            direction({2020: 0.0, 2025: 0.0}, "down", "人", T),
            "目标为逐步降低：基期2020年为0人，2025年为0人，变化+0人，保持为0，已实现。",
        ),
        (
            direction({2020: 99.5, 2025: 99.5}, "up", "%", T),
            "目标为逐步提高：基期2020年为99.5%，2025年为99.5%，变化+0.0个百分点，保持在高位，已实现。",
        ),
        (
            direction({2020: 30.0, 2025: 31.0}, "down", None, T),
            "目标为逐步降低：基期2020年为30.0，2025年为31.0，变化+1.0，未降低，未实现。",
        ),
        (judge_rating(RATINGS[:1], 2023), "2022年牵头单位评价：进展缓慢。开展讲座12场。"),
        (judge_rating(RATINGS, 2024), "2024年牵头单位评价：进展顺利。"),
        (judge_rating([], 2023), "截至2023年尚无牵头单位的年度评价。"),
        (
            judge_series({"op": ">=", "target": None, "unit": "%", "kind": "target"}, series({2020: 1.0}), 2023),
            "目录中缺少该指标的目标值或比较方式，无法判断。",
        ),
    ],
)
def test_explain_judgement_exact_sentence(judged, text):
    assert explain_judgement(judged) == text


def test_explain_judgement_covers_every_rule():
    rules = {v for k, v in vars(progress).items() if k.startswith("RULE_")}
    assert set(JUDGEMENT_SENTENCES) == rules


@pytest.mark.parametrize(
    ("alert", "text"),
    [
        (
            miss(SCREENING, {2020: 70.0, 2021: 72.0, 2022: 74.0, 2023: 76.0}),
            "按最近4个年度数值的平均变化推算，2025年约为80.0%，距目标≥85.0%尚差5.0个百分点（为剩余差距的56%，红色预警）",
        ),
        (
            miss(SCREENING, {2020: 80.0, 2023: 82.9}),
            "按最近2个年度数值的平均变化推算，2025年约为84.8%，距目标≥85.0%尚差0.2个百分点（为剩余差距的8%，黄色预警）",
        ),
        (
            miss(MMR, {2020: 43.5, 2021: 0.0, 2022: 0.0, 2023: 43.5}, config.STATUS_LIMITED),
            "按最近4个年度数值的平均变化推算，2025年约为43.5/10万，距目标≤8.2/10万尚差35.3/10万（为剩余差距的100%，红色预警）",
        ),
        (
            miss({**SCREENING, "op": "≈", "target": 45.0}, {2020: 38.0, 2023: 39.5}),
            "按最近2个年度数值的平均变化推算，2025年约为40.5%，距目标约45.0%尚差2.5个百分点（为剩余差距的71%，红色预警）",
        ),
        (
            detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [10, 11, 12, 13, 17]), "%"),
            "2024年为17.0%，较2023年变化+4.0个百分点，超过此前年际变化幅度中位数1.0个百分点的2倍",
        ),
        (
            detect_fluctuation(Series.of([2020, 2021], [10.0, 11.5]), "%"),
            "2021年为11.5%，较2020年变化+1.5个百分点，相对变化15%，超过10%",
        ),
        (
            detect_fluctuation(
                Series.of([2022, 2023], [0.0, 43.5], numerators=[0, 1], denominators=[2300, 2300]), "1/10万"
            ),
            "2023年为43.5/10万，较2022年变化+43.5/10万，上次为0，相对变化超过10%"
            "（计算依据：分子1，分母2,300，小数字比率易波动）",
        ),
        (
            detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [90, 90, 90, 90, 95]), "%"),
            "2024年为95.0%，较2023年变化+5.0个百分点，此前各年基本没有变化",
        ),
        (detect_missing_report(2024, 2025, "区卫生健康局"), "2025年未收到区卫生健康局报送的数据，最近一次为2024年"),
        (detect_missing_report(None, 2023, None), "2023年未收到责任单位报送的数据，此前也没有记录"),
        (detect_missing_report(2023, 2024, "区妇联", "rating"), "2024年未收到区妇联报送的年度评价，最近一次为2023年"),
    ],
)
def test_explain_alert_exact_sentence(alert, text):
    assert explain_alert(alert) == text


# ------------------------------------------------------------------ the cases the engine tests asserted in words
def test_explain_single_point_names_the_one_value():
    assert "2023年一个数值" in explain_judgement(target({2023: 70.0}))


def test_explain_baseline_met_then_lost():
    assert "不再达标" in explain_judgement(target({2020: 96.0, 2023: 94.0}, ">=", 95.0))


def test_explain_rating_narrative():
    assert "开展讲座12场" in explain_judgement(judge_rating(RATINGS[:1], 2023))


def test_explain_final_share_said_in_words_with_values_and_target():
    text = explain_judgement(target({2020: 70.0, 2025: 82.6}, year=T))  # p = 12.6 / 15 = 0.84
    assert "完成所需进度的84%" in text and "70.0%" in text and "82.6%" in text and "目标≥85" in text
    assert "R=" not in text and "未达标" in text


def test_explain_final_baseline_met_then_lost_says_so():
    assert "不再达标" in explain_judgement(target({2020: 96.0, 2025: 94.0}, ">=", 95.0, year=T))


def test_explain_final_2024_value_stands_in_for_2025_and_says_so():
    assert explain_judgement(target({2020: 70.0, 2024: 84.0}, year=T)).startswith("2025年数据未报，按2024年值评估。")


def test_explain_final_2024_value_meeting_the_target_says_so():
    assert "按2024年值评估" in explain_judgement(target({2020: 70.0, 2024: 88.0}, year=T))


def test_explain_final_value_of_2025_needs_no_stand_in_note():
    assert "未报" not in explain_judgement(target({2020: 70.0, 2024: 80.0, 2025: 84.0}, year=T))


def test_explain_final_direction_2024_value_stands_in():
    assert "按2024年值评估" in explain_judgement(direction({2020: 50.0, 2024: 53.0}, "up", None, T))


def test_explain_expected_miss_numbers_in_reason():
    reason = explain_alert(miss(SCREENING, {2020: 70.0, 2021: 72.0, 2022: 74.0, 2023: 76.0}))
    assert "2025年约为80.0%" in reason and "尚差5.0个百分点" in reason


def test_explain_expected_miss_lower_is_better():
    reason = explain_alert(miss(MMR, {2020: 43.5, 2021: 0.0, 2022: 0.0, 2023: 43.5}, config.STATUS_LIMITED))
    assert "距目标≤8.2/10万尚差35.3/10万" in reason


def test_explain_expected_miss_band_measured_to_nearer_edge():
    assert "尚差2.5个百分点" in explain_alert(miss({**SCREENING, "op": "≈", "target": 45.0}, {2020: 38.0, 2023: 39.5}))


def test_explain_fluctuation_twice_the_median_change():
    reason = explain_alert(detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [10, 11, 12, 13, 17]), "%"))
    assert "变化+4.0个百分点" in reason and "中位数1.0个百分点" in reason


def test_explain_fluctuation_few_years_relative_change():
    assert "相对变化15%" in explain_alert(detect_fluctuation(Series.of([2020, 2021], [10.0, 11.5]), "%"))


def test_explain_fluctuation_from_zero_shows_counts():
    rate = Series.of([2022, 2023], [0.0, 43.5], numerators=[0, 1], denominators=[2300, 2300])
    reason = explain_alert(detect_fluctuation(rate, "1/10万"))
    assert "上次为0" in reason and "分子1，分母2,300" in reason


def test_explain_fluctuation_after_flat_years_says_so_not_median_zero():
    reason = explain_alert(detect_fluctuation(Series.of([2020, 2021, 2022, 2023, 2024], [90, 90, 90, 90, 95]), "%"))
    assert "此前各年基本没有变化" in reason and "中位数" not in reason


def test_explain_missing_report_never_reported():
    assert "此前也没有记录" in explain_alert(detect_missing_report(None, 2023, None))


def test_explain_missing_rating_names_the_department():
    ratings = [{"year": 2023, "rating": config.RATING_GOOD, "department": "区妇联"}]
    alerts, _ = compute_warnings({"kind": "qualitative"}, None, None, 2024, ratings)
    assert "区妇联报送的年度评价" in explain_alert(alerts[0])


def test_explain_alerts_joined_with_full_width_semicolon():
    points = Series.of([2020, 2021, 2022, 2023], [43.5, 0.0, 0.0, 43.5], sources=["区卫生健康局"] * 4)
    alerts, _ = compute_warnings(MMR, points, judge_target(points, "<=", 8.2, "1/10万", 2024), 2024, None)
    assert (
        explain_alerts(alerts) == "；".join(explain_alert(a) for a in alerts)
        and explain_alerts(alerts).count("；") == 2
    )
    assert explain_alerts([]) == ""


# ------------------------------------------------------------------ R and p in words
@pytest.mark.parametrize(
    ("ratio", "method", "text"),
    [
        (0.49, config.METHOD_CAGR, "实际进度为所需进度的49%"),
        (0.84, config.METHOD_FINAL, "完成所需进度的84%"),
        (-0.3, config.METHOD_LINEAR, "实际进度为所需进度的-30%，变化方向与目标相反"),
        (None, config.METHOD_CAGR, ""),
    ],
)
def test_progress_words(ratio, method, text):
    assert progress_words(ratio, method) == text


@pytest.mark.parametrize(("latest", "text"), [(2024, "2025年数据未报，按2024年值评估。"), (2025, ""), (None, "")])
def test_stand_in_note(latest, text):
    assert stand_in_note(latest, 2025) == text


# ------------------------------------------------------------------ the status frame with its words
# the three-indicator table of the final-evaluation tests (a target, a direction, a qualitative goal)


def test_explain_statuses_columns_and_words_of_each_row():
    out = explain_statuses(INDICATORS, OBS, ASSESS, config.MIDTERM_YEAR)
    facts = progress.compute_statuses(INDICATORS, OBS, ASSESS, config.MIDTERM_YEAR)
    assert list(out.columns) == EXPLAINED_COLUMNS
    assert out["explanation"].tolist() == [explain_judgement(j) for j in facts["judgement"]]
    assert out["reason"].tolist() == [explain_alerts(a) for a in facts["alerts"]]
    shared = [c for c in EXPLAINED_COLUMNS if c not in ("explanation", "reason")]
    pd.testing.assert_frame_equal(out[shared], facts[shared])


def test_explain_statuses_midterm_keeps_in_progress_words():
    out = explain_statuses(INDICATORS, OBS, ASSESS, config.MIDTERM_YEAR)
    assert "实际进度为所需进度的" in out["explanation"].iloc[0]


def test_explain_statuses_empty_catalogue_keeps_the_columns():
    out = explain_statuses(INDICATORS.iloc[:0], OBS, ASSESS, 2023)
    assert list(out.columns) == EXPLAINED_COLUMNS and out.empty


def test_no_sentence_shows_a_bare_ratio_symbol():
    for year in config.ASSESSMENT_YEARS:
        out = explain_statuses(INDICATORS, OBS, ASSESS, year)
        assert not out["explanation"].str.contains(r"\bR\s*[=＝]|\br\s*[=＝]|\bp\s*[=＝]").any()

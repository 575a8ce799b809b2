"""The engine's judgements and warnings in Chinese sentences. Pure.

lib.engine holds facts (status, the rule that decided it, the numbers); this module words them, and
`explain_statuses` is the status frame every reader gets: the engine's frame with its explanation and
reason columns, in the column order of EXPLAINED_COLUMNS (the engine's rule, judgement and alerts
left out).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable

import pandas as pd

from lib import config
from lib.engine import progress
from lib.engine.early_warning import Alert, ExpectedMiss, Fluctuation, MissingReport
from lib.engine.progress import STATUS_COLUMNS, Judgement
from lib.presentation.formatting import format_change, format_difference, format_number, format_target, format_value

ENGINE_ONLY = ("rule", "judgement", "alerts")  # the engine's facts behind the words, not shown to readers


def _explained_columns() -> list[str]:
    """The engine's columns without its fact objects, explanation before the warnings, reason after them."""
    shown = [c for c in STATUS_COLUMNS if c not in ENGINE_ONLY]
    shown.insert(shown.index("warnings"), "explanation")
    shown.insert(shown.index("warning_severity") + 1, "reason")
    return shown


EXPLAINED_COLUMNS = _explained_columns()
MISSING_SUBJECT = {"data": "数据", "rating": "年度评价"}


def stand_in_note(latest_year: int | None, year: int) -> str:
    """The sentence saying an earlier value stands in for the assessment year, or nothing."""
    if latest_year is None or latest_year >= year:
        return ""
    return f"{year}年数据未报，按{latest_year}年值评估。"


def progress_words(ratio: float | None, method: str | None) -> str:
    """R or p in words: 实际进度为所需进度的49% (in progress), 完成所需进度的84% (final evaluation)."""
    if ratio is None or math.isnan(ratio):
        return ""
    share = f"{ratio * 100:.0f}%"
    text = f"完成所需进度的{share}" if method == config.METHOD_FINAL else f"实际进度为所需进度的{share}"
    return text + ("，变化方向与目标相反" if ratio < 0 else "")


# ---------------------------------------------------------------- judgements
def _value(j: Judgement, which: str) -> str:
    """基期2020年为70.0% / 2023年为80.0%: the base or latest year with its value."""
    if which == "base":
        return f"基期{j.base_year}年为{format_value(j.base_value, j.unit)}"
    return f"{j.latest_year}年为{format_value(j.latest_value, j.unit)}"


def _target(j: Judgement) -> str:
    return format_target(j.op, j.target, j.unit)


def _wanted(j: Judgement) -> str:
    return "降低" if j.op in config.LOWER_IS_BETTER_OPS else "提高"


def _with_words(text: str, words: str, status: str) -> str:
    return text + (f"，{words}" if words else "") + f"，{status}。"


def explain_met(j: Judgement) -> str:
    return f"{_value(j, 'latest')}，已达到目标{_target(j)}。"


def explain_regressed_after_met(j: Judgement) -> str:
    return f"{_value(j, 'base')}，已达到目标{_target(j)}；{_value(j, 'latest')}，不再达标，判为倒退。"


def band_edge(j: Judgement) -> str:
    """（区间下沿43.0%）: the band edge a final evaluation measures toward; nothing for other targets."""
    if j.op not in config.BAND_OPS:
        return ""
    return f"（区间{'下沿' if j.goal_op == '>=' else '上沿'}{format_value(j.goal, j.unit)}）"


def explain_final(j: Judgement) -> str:
    text = (
        f"{_value(j, 'base')}，{_value(j, 'latest')}，目标{_target(j)}{band_edge(j)}；"
        f"{j.base_year}年以来变化{format_difference(j.actual_change, j.unit, signed=True)}，"
        f"达到目标需变化{format_difference(j.required_change, j.unit, signed=True)}"
    )
    return _with_words(text, progress_words(j.ratio, config.METHOD_FINAL), j.status)


def explain_ratio(j: Judgement) -> str:
    text = (
        f"{_value(j, 'base')}，{_value(j, 'latest')}，"
        f"实际年均变化{format_change(j.actual_change, j.change_method, j.unit)}，"
        f"实现目标{_target(j)}需年均变化{format_change(j.required_change, j.change_method, j.unit)}"
    )
    return _with_words(text, progress_words(j.ratio, j.change_method), j.status)


def explain_direction(j: Judgement) -> str:
    return (
        f"目标为逐步{_wanted(j)}：{_value(j, 'base')}，{_value(j, 'latest')}，"
        f"年均变化{format_change(j.actual_change, j.change_method, j.unit)}，{j.status}。"
    )


def explain_direction_final(j: Judgement) -> str:
    wanted = _wanted(j)
    held = "保持为0" if j.op in config.LOWER_IS_BETTER_OPS else "保持在高位"
    result = f"已{wanted}" if j.moved else held if j.saturated else f"未{wanted}"
    return (
        f"目标为逐步{wanted}：{_value(j, 'base')}，{_value(j, 'latest')}，"
        f"变化{format_difference(j.actual_change, j.unit, signed=True)}，{result}，{j.status}。"
    )


def explain_no_data(j: Judgement) -> str:
    return f"{config.BASE_YEAR}—{j.year}年没有监测数据，无法判断进展。"


def explain_single_value(j: Judgement) -> str:
    return (
        f"{config.BASE_YEAR}—{j.year}年只有{j.base_year}年一个数值（{format_value(j.base_value, j.unit)}），"
        "至少需要两个年度才能判断进展。"
    )


def explain_no_target(j: Judgement) -> str:
    return "目录中缺少该指标的目标值或比较方式，无法判断。"


def explain_rating(j: Judgement) -> str:
    return f"{j.latest_year}年牵头单位评价：{j.status}。" + j.narrative


def explain_no_rating(j: Judgement) -> str:
    return f"截至{j.year}年尚无牵头单位的年度评价。"


JUDGEMENT_SENTENCES: dict[str, Callable[[Judgement], str]] = {
    progress.RULE_MET: explain_met,
    progress.RULE_REGRESSED_AFTER_MET: explain_regressed_after_met,
    progress.RULE_FINAL: explain_final,
    progress.RULE_RATIO: explain_ratio,
    progress.RULE_DIRECTION: explain_direction,
    progress.RULE_DIRECTION_FINAL: explain_direction_final,
    progress.RULE_NO_DATA: explain_no_data,
    progress.RULE_SINGLE_VALUE: explain_single_value,
    progress.RULE_NO_TARGET: explain_no_target,
    progress.RULE_RATING: explain_rating,
    progress.RULE_NO_RATING: explain_no_rating,
}
STAND_IN_RULES = frozenset(
    (
        progress.RULE_MET,
        progress.RULE_REGRESSED_AFTER_MET,
        progress.RULE_FINAL,
        progress.RULE_RATIO,
        progress.RULE_DIRECTION,
        progress.RULE_DIRECTION_FINAL,
    )
)


def explain_judgement(j: Judgement) -> str:
    """The sentence beside a status: the numbers and the rule behind it, after a stand-in note if any."""
    note = stand_in_note(j.latest_year, j.year) if j.rule in STAND_IN_RULES else ""
    return note + JUDGEMENT_SENTENCES[j.rule](j)


# ---------------------------------------------------------------- warnings
def explain_expected_miss(a: ExpectedMiss) -> str:
    return (
        f"按最近{a.window}个年度数值的平均变化推算，{config.TARGET_YEAR}年约为{format_value(a.projected, a.unit)}，"
        f"距目标{format_target(a.op, a.target, a.unit)}尚差{format_difference(a.miss, a.unit)}"
        f"（为剩余差距的{a.share * 100:.0f}%，{a.severity}预警）"
    )


def count_note(a: Fluctuation) -> str:
    """The counts behind a rate, when the data has them: （分子1，分母2,300）."""
    if a.numerator is None or a.denominator is None:
        return ""
    return f"（计算依据：分子{format_number(a.numerator, 0)}，分母{format_number(a.denominator, 0)}，小数字比率易波动）"


def fluctuation_test(a: Fluctuation) -> str:
    """The test a fluctuation failed, in words: ，超过此前年际变化幅度中位数1.0个百分点的2倍."""
    limit = f"{a.limit * 100:.0f}%"
    if a.rule == "flat":
        return "，此前各年基本没有变化"
    if a.rule == "median":
        return f"，超过此前年际变化幅度中位数{format_difference(a.median_change, a.unit)}的{a.limit:g}倍"
    if a.rule == "relative":
        return f"，相对变化{a.relative_change * 100:.0f}%，超过{limit}"
    return f"，上次为0，相对变化超过{limit}"


def explain_fluctuation(a: Fluctuation) -> str:
    head = (
        f"{a.year}年为{format_value(a.value, a.unit)}，较{a.previous_year}年"
        f"变化{format_difference(a.change, a.unit, signed=True)}"
    )
    return head + fluctuation_test(a) + count_note(a)


def explain_missing_report(a: MissingReport) -> str:
    who = a.source if a.source else "责任单位"
    since = f"，最近一次为{a.last_year}年" if a.last_year is not None else "，此前也没有记录"
    return f"{a.year}年未收到{who}报送的{MISSING_SUBJECT[a.subject]}{since}"


def explain_alert(a: Alert) -> str:
    """The reason of one warning, naming the numbers behind it."""
    if isinstance(a, ExpectedMiss):
        return explain_expected_miss(a)
    if isinstance(a, Fluctuation):
        return explain_fluctuation(a)
    return explain_missing_report(a)


def explain_alerts(alerts: Iterable[Alert]) -> str:
    """The reasons of a row's warnings joined with ；."""
    return "；".join(explain_alert(a) for a in alerts)


# ---------------------------------------------------------------- the status frame
def explain_frame(statuses: pd.DataFrame) -> pd.DataFrame:
    """The engine's status frame with its words: explanation and reason, in the order of EXPLAINED_COLUMNS."""
    worded = statuses.assign(
        explanation=[explain_judgement(j) for j in statuses["judgement"]],
        reason=[explain_alerts(alerts) for alerts in statuses["alerts"]],
    )
    return worded[EXPLAINED_COLUMNS]


def explain_statuses(
    indicators: pd.DataFrame, observations: pd.DataFrame, assessments: pd.DataFrame, year: int
) -> pd.DataFrame:
    """The status frame readers get (dashboard, report, command line): statuses, inputs, warnings and words."""
    return explain_frame(progress.compute_statuses(indicators, observations, assessments, year))

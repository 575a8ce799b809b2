"""lib.store.rounds: the annual reporting round on SQLite and PostgreSQL — open, save, submit, return, resubmit,
accept into the official data, the deadline passing, close; the tracker and the 催报 list."""

from __future__ import annotations

import io
from datetime import date, timedelta

import openpyxl
import pandas as pd
import pytest

from lib import config
from lib.store import accounts, audit, rounds, versions
from lib.store.permissions import PermissionDenied
from tests.store.conftest import PASSWORD

YEAR = 2025
HEALTH = "区卫生健康局"  # in the tiny catalogue: A1-G01-1 (1/10万, 2024: 8.0), A1-G02-1 (定性), A1-M04-1 (%, 95.0)
EDUCATION = "区教育和体育局"  # A2…A8-G01-1 (%, 2024: 66.0)
FILLED = [
    {"indicator_id": "A1-G01-1", "value": 7.5, "note": "卫健统计年报"},
    {"indicator_id": "A1-G02-1", "rating": config.RATING_DONE, "note": "健康讲座覆盖全部镇街。"},
    {"indicator_id": "A1-M04-1", "value": 96.0},
]


def _deadline(days: int = 30) -> date:
    return rounds.today() + timedelta(days=days)


@pytest.fixture
def opened(store, admin):
    return rounds.open_round(store, YEAR, _deadline(), admin)


def _states(store) -> dict[str, str]:
    tasks = rounds.task_list(store, YEAR)
    return dict(zip(tasks["indicator_id"], tasks["state"]))


def test_open_fixes_the_expected_pairs_from_the_lead_departments(store, admin):
    made = rounds.open_round(store, YEAR, _deadline(), admin)
    assert made.is_open and rounds.current_round(store) == made
    pairs = rounds.expected_pairs(store, YEAR)
    assert len(pairs) == 10 and pairs["A1-G01-1"] == HEALTH and pairs["A2-G01-1"] == EDUCATION
    assert set(_states(store).values()) == {rounds.NOT_FILLED}
    with pytest.raises(rounds.RoundError, match="已经开启过"):
        rounds.open_round(store, YEAR, _deadline(), admin)
    assert audit.read_log(store, action=rounds.OPEN_ACTION).iloc[0]["说明"].startswith("2025年，截止")


def test_the_office_adjusts_the_expected_list_before_opening(store, admin):
    expected = rounds.default_expected(store)
    expected.loc[expected["indicator_id"] == "A2-G01-1", "department"] = HEALTH
    expected = expected[expected["indicator_id"] != "A8-G01-1"]
    rounds.open_round(store, YEAR, _deadline(), admin, expected)
    pairs = rounds.expected_pairs(store, YEAR)
    assert pairs["A2-G01-1"] == HEALTH and "A8-G01-1" not in pairs and len(pairs) == 9
    bad = pd.DataFrame({"indicator_id": ["A1-G01-1", "A1-G01-1", "X9"], "department": [HEALTH, EDUCATION, HEALTH]})
    with pytest.raises(rounds.RoundError, match="重复列出.*X9 不在规划目录中|X9 不在规划目录中.*重复列出"):
        rounds.open_round(store, 2024, _deadline(), admin, bad)
    assert rounds.get_round(store, 2024) is None


def test_full_round_save_submit_return_resubmit_accept(store, admin, reporter, opened):
    assert rounds.save_draft(store, YEAR, reporter, FILLED) == 3
    assert set(_states(store)[i] for i in ("A1-G01-1", "A1-G02-1", "A1-M04-1")) == {rounds.DRAFT}
    assert rounds.submit(store, YEAR, reporter) == ["A1-G01-1", "A1-G02-1", "A1-M04-1"]
    with pytest.raises(rounds.RoundError, match="不能再修改"):
        rounds.save_draft(store, YEAR, reporter, [{"indicator_id": "A1-M04-1", "value": 97.0}])

    with pytest.raises(rounds.RoundError, match="退回须写明理由"):
        rounds.review(store, YEAR, HEALTH, admin, accept=False, comment="  ", indicator="A1-M04-1")
    returned, version = rounds.review(store, YEAR, HEALTH, admin, False, "与妇幼年报不符，请核对", "A1-M04-1")
    assert returned == ["A1-M04-1"] and version is None
    tasks = rounds.task_list(store, YEAR, HEALTH).set_index("indicator_id")
    assert tasks.loc["A1-M04-1", "state"] == rounds.RETURNED
    assert tasks.loc["A1-M04-1", "comment"] == "与妇幼年报不符，请核对"
    assert tasks.loc["A1-G01-1", "state"] == rounds.SUBMITTED and pd.isna(tasks.loc["A1-G01-1", "comment"])

    rounds.save_draft(store, YEAR, reporter, [{"indicator_id": "A1-M04-1", "value": 95.5}])
    assert rounds.submit(store, YEAR, reporter) == ["A1-M04-1"]
    accepted, version = rounds.review(store, YEAR, HEALTH, admin, accept=True)
    assert accepted == ["A1-G01-1", "A1-G02-1", "A1-M04-1"] and version == 1
    assert set(_states(store)[i] for i in accepted) == {rounds.ACCEPTED}

    snap = versions.snapshot(store)
    obs = snap.observations
    row = obs[(obs["indicator_id"] == "A1-M04-1") & (obs["year"] == YEAR)].iloc[0]
    assert (row["value"], row["data_status"], bool(row["is_sample"]), row["source"]) == (95.5, "正式", False, HEALTH)
    rating = snap.assessments[(snap.assessments["indicator_id"] == "A1-G02-1") & (snap.assessments["year"] == YEAR)]
    assert rating["rating"].tolist() == [config.RATING_DONE] and not rating["is_sample"].any()
    assert versions.list_versions(store)[0].action == rounds.ACCEPT_ACTION

    history = rounds.history(store, YEAR, "A1-M04-1")  # the returned 96 stays in the history
    assert history["状态"].tolist() == ["已通过", "已报送", "草稿", "已退回", "已报送", "草稿"]
    assert history["数值"].tolist() == ["95.5", "95.5", "95.5", "96", "96", "96"]
    assert "与妇幼年报不符，请核对" in history["审核意见"].tolist()
    assert "理由：与妇幼年报不符，请核对" in audit.read_log(store, action=rounds.RETURN_ACTION).iloc[0]["说明"]
    accepted_log = audit.read_log(store, action=rounds.ACCEPT_ACTION)
    assert len(accepted_log) == 1 and accepted_log.iloc[0]["版本"] == "1"
    actions = set(audit.read_log(store)["操作"])
    assert {rounds.SAVE_ACTION, rounds.SUBMIT_ACTION, rounds.RETURN_ACTION, rounds.ACCEPT_ACTION} <= actions


def test_an_unusual_move_needs_a_short_explanation(store, reporter, opened):
    rounds.save_draft(store, YEAR, reporter, [{"indicator_id": "A1-M04-1", "value": 70.0}])  # 95 → 70: 25 points
    with pytest.raises(rounds.RoundError, match="较上年变动超过 10 个百分点.*说明") as caught:
        rounds.submit(store, YEAR, reporter)
    assert "上年 95.0%，本年 70.0%" in str(caught.value)
    assert _states(store)["A1-M04-1"] == rounds.DRAFT
    rounds.save_draft(
        store, YEAR, reporter, [{"indicator_id": "A1-M04-1", "value": 70.0, "explanation": "统计口径调整"}]
    )
    assert rounds.submit(store, YEAR, reporter) == ["A1-M04-1"]
    rounds.save_draft(store, YEAR, reporter, [{"indicator_id": "A1-G01-1", "value": 12.0}])  # 8 → 12: 50 %
    with pytest.raises(rounds.RoundError, match="超过 30%"):
        rounds.submit(store, YEAR, reporter)


def test_unusual_thresholds_per_unit():
    assert rounds.unusual(80.0, 95.0, "%") and not rounds.unusual(90.0, 95.0, "%")
    assert rounds.unusual(14.0, 10.0, "1/10万") and not rounds.unusual(12.0, 10.0, "1/10万")
    assert not rounds.unusual(5.0, None, "%") and not rounds.unusual(None, 5.0, "%")


def test_bad_values_are_refused_in_chinese(store, reporter, opened):
    for row, message in (
        ({"indicator_id": "A1-M04-1", "value": "九十"}, "不是数字"),
        ({"indicator_id": "A1-M04-1", "value": 120.0}, "超出百分比范围"),
        ({"indicator_id": "A1-G02-1", "rating": "很好"}, "评价应为"),
        ({"indicator_id": "A1-G02-1", "value": 3.0}, "定性指标填写评价"),
        ({"indicator_id": "X9", "value": 3.0}, "不在2025年的报送清单中"),
    ):
        with pytest.raises(rounds.RoundError, match=message):
            rounds.save_draft(store, YEAR, reporter, [row])
    with pytest.raises(rounds.RoundError, match="没有待报送的草稿"):
        rounds.submit(store, YEAR, reporter)


def test_after_the_deadline_late_but_may_submit_until_closed(store, admin, reporter):
    rounds.open_round(store, YEAR, rounds.today() - timedelta(days=3), admin)  # the deadline has passed
    late = rounds.tracker(store, YEAR).set_index("部门")
    assert late.loc[HEALTH, "逾期"] == 3 and late.loc[HEALTH, "期限"] == "逾期 3 天"
    rounds.save_draft(store, YEAR, reporter, FILLED[:1])
    assert rounds.submit(store, YEAR, reporter) == ["A1-G01-1"]  # late, not locked
    assert "逾期报送" in audit.read_log(store, action=rounds.SUBMIT_ACTION).iloc[0]["说明"]
    done = rounds.completeness(store, YEAR)
    assert (done.expected, done.reported, done.on_time) == (10, 1, 0)
    assert done.reporting_rate == pytest.approx(0.1) and done.timely_rate == 0

    rounds.close_round(store, YEAR, admin)
    assert rounds.current_round(store) is None
    with pytest.raises(rounds.RoundError, match="已关闭"):
        rounds.save_draft(store, YEAR, reporter, FILLED[2:])
    with pytest.raises(rounds.RoundError, match="已关闭"):
        rounds.review(store, YEAR, HEALTH, admin, accept=False, comment="请核对")
    assert rounds.review(store, YEAR, HEALTH, admin, accept=True)[0] == ["A1-G01-1"]  # what came in is still reviewed
    with pytest.raises(rounds.RoundError, match="已关闭"):
        rounds.close_round(store, YEAR, admin)


def test_tracker_counts_sum_to_expected_and_completeness_never_exceeds_100(store, admin, reporter, opened):
    rounds.save_draft(store, YEAR, reporter, FILLED)
    rounds.submit(store, YEAR, reporter, ["A1-G01-1"])
    table = rounds.tracker(store, YEAR, on=opened.deadline - timedelta(days=5)).set_index("部门")
    assert list(table.columns) == rounds.TRACKER_COLUMNS[1:]
    health = table.loc[HEALTH]
    assert (health["应报"], health["已保存"], health["已报送"], health["逾期"]) == (3, 2, 1, 0)
    assert health["期限"] == "剩余 5 天" and health["报送率"] == "33.3%"
    states = ["未填", "已保存", "已报送", "已退回", "已通过"]
    assert (table[states].sum(axis=1) == table["应报"]).all()
    after = rounds.tracker(store, YEAR, on=opened.deadline + timedelta(days=2))
    assert after.iloc[0]["部门"] == EDUCATION and after.iloc[0]["逾期"] == 7  # the most overdue first
    rounds.submit(store, YEAR, reporter)
    for _ in range(2):  # submitting, returning and resubmitting does not count a pair twice
        rounds.review(store, YEAR, HEALTH, admin, False, "请核对")
        rounds.save_draft(store, YEAR, reporter, [{"indicator_id": "A1-G01-1", "value": 7.6}])
        rounds.submit(store, YEAR, reporter)
    done = rounds.completeness(store, YEAR)
    assert done.reported == 1 and done.on_time == 3 and done.timely_rate <= 1


def test_reminders_list_late_departments_with_a_notice(store, reporter, opened):
    rounds.save_draft(store, YEAR, reporter, FILLED)
    rounds.submit(store, YEAR, reporter)
    table = rounds.reminders(store, YEAR, on=opened.deadline + timedelta(days=1))
    assert table["部门"].tolist() == [EDUCATION] and table.iloc[0]["未报送"] == 7
    assert "逾期 1 天" in table.iloc[0]["催报通知"] and "A2-G01-1 第2项筛查率" in table.iloc[0]["催报通知"]
    sheet = openpyxl.load_workbook(io.BytesIO(rounds.reminders_xlsx(store, YEAR))).worksheets[0]
    assert "催报通知" in [c.value for c in sheet[1]]


def test_task_list_shows_last_year_target_and_unit(store, reporter, opened):
    tasks = rounds.task_list(store, YEAR, HEALTH).set_index("indicator_id")
    assert list(tasks.index) == ["A1-G01-1", "A1-G02-1", "A1-M04-1"]
    assert tasks.loc["A1-M04-1", ["last_year", "unit"]].tolist() == ["95.0%", "%"]
    assert tasks.loc["A1-G01-1", "target"] and tasks.loc["A1-G02-1", "last_year"] == "进展顺利"


# ---------------------------------------------------------------- permissions: every action, every role


@pytest.fixture
def other(store):
    return accounts.add_account(store, "jy", accounts.ROLE_REPORTER, PASSWORD, department=EDUCATION, by=accounts.SHELL)


def _refused(store, action, *args, **kwargs) -> None:
    before = len(audit.read_log(store, action=audit.REFUSED))
    with pytest.raises(PermissionDenied):
        action(store, *args, **kwargs)
    assert len(audit.read_log(store, action=audit.REFUSED)) == before + 1


def test_only_the_office_opens_and_closes(store, reporter, viewer, admin):
    for who in (reporter, viewer, None):
        _refused(store, rounds.open_round, YEAR, _deadline(), who)
    rounds.open_round(store, YEAR, _deadline(), admin)
    for who in (reporter, viewer, None):
        _refused(store, rounds.close_round, YEAR, who)


def test_only_the_office_reviews(store, reporter, viewer, opened):
    rounds.save_draft(store, YEAR, reporter, FILLED)
    rounds.submit(store, YEAR, reporter)
    for who in (reporter, viewer, None):
        _refused(store, rounds.review, YEAR, HEALTH, who, True)
        _refused(store, rounds.review, YEAR, HEALTH, who, False, "退回")
    assert set(_states(store)[r["indicator_id"]] for r in FILLED) == {rounds.SUBMITTED}


def test_viewers_and_the_office_never_fill_or_submit(store, admin, viewer, opened):
    for who in (admin, viewer, None):  # reviewers never edit a department's figure
        _refused(store, rounds.save_draft, YEAR, who, FILLED)
        _refused(store, rounds.submit, YEAR, who)


def test_a_department_cannot_fill_or_submit_another_departments_indicator(store, reporter, other, opened):
    _refused(store, rounds.save_draft, YEAR, other, [{"indicator_id": "A1-M04-1", "value": 1.0}])
    rounds.save_draft(store, YEAR, reporter, FILLED)
    _refused(store, rounds.submit, YEAR, other, ["A1-M04-1"])
    with pytest.raises(rounds.RoundError, match="没有待报送的草稿"):
        rounds.submit(store, YEAR, other)  # its own list has no drafts; health's drafts stay health's
    assert _states(store)["A1-M04-1"] == rounds.DRAFT

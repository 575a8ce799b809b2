"""The meeting's slide sequence and stepping (lib.presentation.meeting), on tiny inline frames."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import numpy as np
import pandas as pd
import pytest

from lib import config
from lib.presentation import meeting

AREAS = pd.DataFrame(
    {"area_id": ["A2", "A1", "A3"], "seq": [2, 1, 3], "name": ["妇女与教育", "妇女与健康", "妇女与经济"]}
).assign(short_name=["教育", "健康", "经济"])
INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["A2-G01-1", "A1-G02-1", "A1-G01-1", "A1-M01-1", "A3-G01-1"],
        "area_id": ["A2", "A1", "A1", "A1", "A3"],
        "goal_id": ["A2-G01", "A1-G02", "A1-G01", None, "A3-G01"],
        "measure_id": [None, None, None, "A1-M01", None],
        "seq": [1, 1, 1, 1, 1],
        "name": ["高中毛入学率", "孕产妇死亡率", "人均预期寿命", "筛查率", "就业占比"],
        "unit": ["%", "1/10万", "岁", "%", "%"],
        "op": [">=", "<=", "up", ">=", ">="],
        "target": [95.0, 8.2, np.nan, 90.0, 45.0],
    }
)
RED, YELLOW = config.SEVERITY_RED, config.SEVERITY_YELLOW


def _total(rows: list[tuple[str, str, str | None, list[str]]]) -> pd.DataFrame:
    """Status rows: (indicator_id, status, severity, warnings)."""
    return pd.DataFrame(
        {
            "indicator_id": [r[0] for r in rows],
            "subgroup": [None] * len(rows),
            "status": [r[1] for r in rows],
            "warning_severity": [r[2] for r in rows],
            "warnings": [np.array(r[3], dtype=object) for r in rows],
            "latest_value": [90.0] * len(rows),
            "latest_year": [2024] * len(rows),
            "explanation": ["说明"] * len(rows),
            "reason": ["原因"] * len(rows),
            "is_sample": [True] * len(rows),
        }
    )


TOTAL = _total(
    [
        ("A2-G01-1", config.STATUS_LIMITED, RED, ["预计难以达标"]),
        ("A1-G02-1", config.STATUS_ACCELERATE, RED, ["预计难以达标"]),
        ("A1-G01-1", config.STATUS_ON_TRACK, None, []),
        ("A1-M01-1", config.STATUS_REGRESS, YELLOW, ["波动较大"]),
        ("A3-G01-1", config.STATUS_MET, None, []),
    ]
)


def test_build_sequence_overview_areas_in_plan_order_then_red_warnings():
    sequence = meeting.build_sequence(AREAS, TOTAL, INDICATORS)
    assert [(s.kind, s.key) for s in sequence] == [
        ("overview", "overview"),
        ("area", "A1"),
        ("area", "A2"),
        ("area", "A3"),
        ("indicator", "A1-G02-1"),  # red, area 1 before area 2; the yellow warning has no slide
        ("indicator", "A2-G01-1"),
    ]
    assert sequence[4].title == "孕产妇死亡率"


def test_build_sequence_office_list_replaces_red_warnings_in_its_order():
    sequence = meeting.build_sequence(AREAS, TOTAL, INDICATORS, chosen=["A3-G01-1", "A1-G01-1"])
    assert [s.key for s in sequence if s.kind == "indicator"] == ["A3-G01-1", "A1-G01-1"]


def test_build_sequence_leaves_out_areas_without_indicators_shown():
    shown = TOTAL[TOTAL["indicator_id"].str.startswith("A1")]  # e.g. a department filter
    assert [s.key for s in meeting.build_sequence(AREAS, shown, INDICATORS) if s.kind == "area"] == ["A1"]


def test_build_sequence_without_red_warnings_is_overview_and_areas():
    calm = TOTAL.assign(warning_severity=None, warnings=[np.array([], dtype=object)] * len(TOTAL))
    assert len(meeting.build_sequence(AREAS, calm, INDICATORS)) == 4


@pytest.mark.parametrize(
    ("text", "known", "unknown"),
    [
        ("A1-G02-1,A3-G01-1", ["A1-G02-1", "A3-G01-1"], []),
        ("a1-g02-1， A3-G01-1、A1-G02-1", ["A1-G02-1", "A3-G01-1"], []),  # case, full-width comma, repeat
        ("A1-G02-1 A9-X", ["A1-G02-1"], ["A9-X"]),
        ("", [], []),
    ],
)
def test_parse_indicator_list(text, known, unknown):
    assert meeting.parse_indicator_list(text, INDICATORS) == (known, unknown)


@pytest.mark.parametrize(
    ("url_path", "title", "indicator_id", "key"),
    [
        ("", "总览", None, "overview"),
        ("health", "妇女与健康", None, "A1"),
        ("indicator", "指标详情", "A2-G01-1", "A2-G01-1"),
        ("department", "部门责任", None, "overview"),
    ],
)
def test_start_key(url_path, title, indicator_id, key):
    assert meeting.start_key(url_path, title, indicator_id, AREAS) == key


def test_slide_index_finds_key_else_overview():
    sequence = meeting.build_sequence(AREAS, TOTAL, INDICATORS)
    assert meeting.slide_index(sequence, "A2") == 2
    assert meeting.slide_index(sequence, "A3-G01-1") == 0  # no slide of its own in this meeting


@pytest.mark.parametrize(("text", "index"), [("3", 2), ("1", 0), ("0", 0), ("99", 5), ("x", 0), (None, 0)])
def test_parse_position_clamps_to_sequence(text, index):
    assert meeting.parse_position(text, 6) == index


@pytest.mark.parametrize(("index", "delta", "after"), [(0, -1, 0), (0, 1, 1), (4, 1, 5), (5, 1, 5), (3, -1, 2)])
def test_step_holds_at_both_ends(index, delta, after):
    assert meeting.step(index, delta, 6) == after


def test_stepping_forward_reaches_every_slide_once():
    sequence = meeting.build_sequence(AREAS, TOTAL, INDICATORS)
    index, seen = 0, [0]
    for _ in range(len(sequence) + 2):
        index = meeting.step(index, 1, len(sequence))
        seen.append(index)
    assert sorted(set(seen)) == list(range(len(sequence)))
    assert meeting.position_label(index, len(sequence)) == "6 / 6"


def test_exit_href_returns_to_entry_page_with_controls():
    href = meeting.exit_href("indicator?id=A1-G02-1", {"year": 2023, "dept": "区卫生健康局"})
    url = urlparse(href)
    assert url.path == "./indicator"
    assert parse_qs(url.query) == {"id": ["A1-G02-1"], "year": ["2023"], "dept": ["区卫生健康局"]}
    assert meeting.exit_href("", {"year": 2024}) == "./?year=2024"


def test_overview_rows_red_first_then_plan_order_with_link():
    rows = meeting.overview_rows(TOTAL, INDICATORS, AREAS, {"year": 2024})
    assert rows["指标"].tolist() == ["孕产妇死亡率", "高中毛入学率", "筛查率"]
    assert rows["预警"].tolist() == ["预计难以达标（红色）", "预计难以达标（红色）", "波动较大（黄色）"]
    assert rows.loc[0, "目标值"] == "≤8.2/10万"
    assert rows.loc[0, "链接"] == "indicator?id=A1-G02-1&year=2024"


def test_overview_rows_limited():
    assert len(meeting.overview_rows(TOTAL, INDICATORS, AREAS, limit=2)) == 2


def test_area_rows_attention_only_red_first_then_worst_status():
    table = pd.DataFrame(
        {
            "indicator_id": ["A1-G01-1", "A1-G02-1", "A1-M01-1"],
            "指标": ["人均预期寿命", "孕产妇死亡率", "筛查率"],
            "状态": [config.STATUS_ON_TRACK, config.STATUS_ACCELERATE, config.STATUS_REGRESS],
            "最新值": ["78岁", "10/10万", "80%"],
            "目标值": ["逐步提高", "≤8.2/10万", "≥90%"],
            "链接": ["a", "b", "c"],
        }
    )
    rows = meeting.area_rows(table, TOTAL)
    assert rows["indicator_id"].tolist() == ["A1-G02-1", "A1-M01-1"]  # on track without warning: not listed
    assert meeting.chart_ids(rows, table) == ["A1-G02-1", "A1-M01-1"]
    assert meeting.chart_ids(rows.iloc[0:0], table) == ["A1-G01-1", "A1-G02-1", "A1-M01-1"]


def test_indicator_facts_latest_with_year_and_warning():
    facts = meeting.indicator_facts(TOTAL.iloc[1], "≤8.2/10万", "1/10万")
    assert (facts.latest_label, facts.status) == ("最新值（2024年）", config.STATUS_ACCELERATE)
    assert facts.target == "≤8.2/10万"
    assert facts.warning == ("预警（预计难以达标，红色）", "原因")


def test_indicator_facts_without_status_row():
    facts = meeting.indicator_facts(None, "≥95%", "%")
    assert (facts.latest, facts.status, facts.warning) == ("—", config.STATUS_NO_DATA, None)


def test_final_year_sequence_walks_through_the_off_track_indicators_worst_first():
    final = TOTAL.assign(status=["未达标", "倒退", "已达标"][: len(TOTAL)] + ["已达标"] * max(0, len(TOTAL) - 3))
    ids = [s.key for s in meeting.build_sequence(AREAS, final, INDICATORS, final=True) if s.kind == "indicator"]
    assert ids == meeting.off_track_ids(final, INDICATORS, AREAS)
    statuses = final.set_index("indicator_id")["status"]
    assert [statuses[i] for i in ids] == sorted(
        (statuses[i] for i in ids), key=lambda s: meeting.FINAL_OFF_TRACK.index(s)
    ) and set(statuses[ids]) <= set(meeting.FINAL_OFF_TRACK)
    rows = meeting.overview_rows(final, INDICATORS, AREAS, {"year": 2025}, final=True)
    assert list(rows.columns) == ["指标", "领域", "状态", "最新值", "目标值", "链接"] and len(rows) == len(ids)

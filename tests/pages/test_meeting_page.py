"""AppTest of views/meeting.py: the slide sequence on the fixture data, stepping, entering by ?mode=meeting,
the year and department carried in, the sample label on every slide, the office's own list."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from lib import config

APP = str(Path(__file__).resolve().parents[2] / "app.py")
MEETING = "views/meeting.py"


def _run(page: str = MEETING, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.query_params.update(params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _html(at: AppTest) -> str:
    return "\n".join(h.proto.body for h in at.get("html"))


def _position(at: AppTest) -> tuple[int, int]:
    shown, total = re.search(r'bs-slide-pos">(\d+) / (\d+)<', _html(at)).groups()
    return int(shown), int(total)


def _title(at: AppTest) -> str:
    return at.title[0].value


def test_meeting_opens_on_overview_with_key_numbers(data_dir):
    at = _run(year="2024")
    assert _title(at) == config.PLAN_TITLE
    # 总览, eight areas, seven red warnings in the fixture's 2024
    assert _position(at) == (1, 16)
    assert {m.label for m in at.metric} >= {"监测指标", "总体达标率", "有预警的指标"}
    assert at.button(key="meeting_prev").disabled and not at.button(key="meeting_next").disabled


def test_next_button_steps_and_writes_slide_to_url(data_dir):
    at = _run(year="2024")
    at.button(key="meeting_next").click().run()
    assert _position(at) == (2, 16) and _title(at) == "妇女与健康"
    assert at.query_params["slide"] == "2"
    at.button(key="meeting_pageup").click().run()  # the clicker's Page Up twin
    assert _position(at) == (1, 16)


def test_every_slide_draws_with_sample_label(data_dir):
    at = _run(year="2024")
    _, total = _position(at)
    titles = []
    for number in range(1, total + 1):
        at = _run(year="2024", slide=str(number))
        assert _position(at) == (number, total)
        assert config.SAMPLE_LABEL in _html(at)  # the fixture's values are sample data
        assert at.metric, f"第{number}页没有关键数字"
        titles.append(_title(at))
    assert titles[1:9] == [
        "妇女与健康",
        "妇女与教育",
        "妇女与经济",
        "妇女参与决策和管理",
        "妇女与社会保障",
        "妇女与法律",
        "妇女与家庭建设",
        "妇女与环境",
    ]
    assert titles[9:] == [f"第{i}项筛查率" for i in range(2, 9)]  # the red warnings, in plan order


def test_last_slide_holds(data_dir):
    at = _run(year="2024", slide="99")
    assert _position(at) == (16, 16) and at.button(key="meeting_next").disabled


@pytest.mark.parametrize(
    ("page", "params", "title"),
    [
        ("views/area_health.py", {}, "妇女与健康"),
        ("views/indicator.py", {"id": "A2-G01-1"}, "第2项筛查率"),  # a red warning: it has a slide
        ("views/indicator.py", {"id": "A1-G01-1"}, config.PLAN_TITLE),  # no slide of its own: 总览
        ("views/catalogue.py", {}, config.PLAN_TITLE),
    ],
)
def test_mode_meeting_in_url_opens_meeting_at_that_page(data_dir, page, params, title):
    at = _run(page, year="2024", mode="meeting", **params)
    assert _title(at) == title
    assert "mode" not in at.query_params and "at" not in at.query_params


def test_year_and_department_carry_into_meeting(data_dir):
    at = _run(year="2023", dept="区教育和体育局")
    assert "2023年" in _html(at) and "区教育和体育局" in _html(at)
    everyone = _run(year="2023")
    mine, all_ = int(at.metric[0].value.removesuffix("项")), int(everyone.metric[0].value.removesuffix("项"))
    assert 0 < mine < all_
    assert _position(at)[1] < _position(everyone)[1]  # only the department's areas and warnings


def test_office_list_replaces_red_warnings_and_names_unknown_ids(data_dir):
    at = _run(year="2024", list="A1-G02-1, A9-ZZ", slide="10")
    assert _position(at) == (10, 10) and _title(at) == "健康素养"  # a qualitative goal: its rating, no chart
    assert any("A9-ZZ" in w.value for w in at.warning)


def test_exit_link_returns_to_entry_page_with_year(data_dir):
    at = _run("views/area_health.py", year="2023", mode="meeting")
    assert 'href="./health?year=2023"' in "\n".join(m.value for m in at.markdown)


def test_every_page_offers_meeting_switch_and_print(data_dir):
    at = _run("views/area_health.py", year="2024")
    assert "打印 / 导出PDF" in _html(at) and "window.print()" in _html(at)
    assert next(h for h in at.get("html") if "bs-print" in h.proto.body).proto.unsafe_allow_javascript

from pathlib import Path

import pytest

from lib import config
from lib.catalogue.plan_parser import PlanParseError, clean_lines, locate, parse_plan, split_units

PLAN_TEXT = (config.DEFAULT_DATA_DIR / config.PLAN_FILE).read_text(encoding="utf-8")
MINI = (Path(__file__).resolve().parents[1] / "fixtures" / "mini_plan.txt").read_text(encoding="utf-8")


def to_half_width(text: str) -> str:
    return text.replace("（", "(").replace("）", ")").replace("：", ":").replace("1.主要目标", "1. 主要目标")


def test_parse_plan_real_counts_per_area():
    areas = parse_plan(PLAN_TEXT)
    counts = [(a.name, len(a.goals), len(a.measures)) for a in areas]
    assert counts == [
        ("妇女与健康", 9, 13),
        ("妇女与教育", 11, 11),
        ("妇女与经济", 10, 13),
        ("妇女参与决策和管理", 12, 10),
        ("妇女与社会保障", 8, 11),
        ("妇女与法律", 10, 13),
        ("妇女与家庭建设", 9, 10),
        ("妇女与环境", 9, 10),
    ]


def test_parse_plan_real_short_names():
    assert [a.short_name for a in parse_plan(PLAN_TEXT)] == [
        "健康",
        "教育",
        "经济",
        "决策和管理",
        "社会保障",
        "法律",
        "家庭建设",
        "环境",
    ]


@pytest.mark.parametrize(
    "area, goal, lead, responsible",
    [
        (1, 1, ("区卫生健康局",), ("区医疗保障分局", "区发展和改革局")),
        (1, 2, ("区卫生健康局",), ()),
        (2, 10, ("区教育和体育局", "区人力资源和社会保障局"), ("区农业农村局", "区残联", "区妇联")),
        (3, 5, ("区人力资源和社会保障局", "区妇联"), ("有关行业主管部门",)),
        (4, 3, ("区人大常委会办公室", "区政协办公室", "区委组织部", "区委统战部"), ()),
        (6, 3, (), ("区妇儿工委各成员单位", "特邀单位")),
        (
            7,
            9,
            ("区民政局", "区卫生健康局"),
            ("区发展和改革局", "区人力资源和社会保障", "区财政局", "区法院", "区司法局"),
        ),
    ],
)
def test_parse_plan_real_goal_units(area, goal, lead, responsible):
    parsed = parse_plan(PLAN_TEXT)[area - 1].goals[goal - 1]
    assert (parsed.lead_units, parsed.responsible_units) == (lead, responsible)


def test_parse_plan_real_goal_text_without_parenthesis():
    goal = parse_plan(PLAN_TEXT)[0].goals[1]
    assert goal.text == "孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小。"


def test_parse_plan_real_measure_title_and_text():
    measure = parse_plan(PLAN_TEXT)[0].measures[0]
    assert measure.title == "完善保障妇女健康的制度机制"
    assert measure.text.startswith("完善保障妇女健康的制度机制。坚持预防为主")


def test_parse_plan_real_measure_stray_spaces_removed():
    measure = parse_plan(PLAN_TEXT)[7].measures[8]
    assert "城镇公共厕所设计标准" in measure.text


def test_clean_lines_joins_sentence_broken_across_lines():
    lines = clean_lines(PLAN_TEXT)
    joined = [line for line in lines if "《山东省“十四五”妇女发展规划》" in line.text]
    assert len(joined) == 1 and joined[0].no == 8


def test_clean_lines_drops_bookmarks():
    assert all("bookmark" not in line.text for line in clean_lines(PLAN_TEXT))


def test_parse_plan_mini_structure():
    areas = parse_plan(MINI)
    assert [(a.name, len(a.goals), len(a.measures)) for a in areas] == [("妇女与健康", 2, 2), ("妇女与家庭建设", 2, 1)]


def test_parse_plan_mini_goal_without_parenthesis():
    goal = parse_plan(MINI)[1].goals[1]
    assert (goal.text, goal.lead_units, goal.responsible_units) == ("支持家庭承担赡养老人责任。", (), ())


def test_parse_plan_half_width_punctuation():
    areas = parse_plan(to_half_width(MINI))
    goal = areas[0].goals[0]
    assert [len(a.goals) for a in areas] == [2, 2]
    assert (goal.lead_units, goal.responsible_units) == (("县卫生健康局",), ("县妇联", "县财政局"))


def test_parse_plan_half_width_units_with_period():
    text = MINI.replace(
        "（牵头单位：县卫生健康局。责任单位：县妇联、县财政局）", "(牵头单位:县卫生健康局.责任单位:县妇联,县财政局)"
    )
    goal = parse_plan(text)[0].goals[0]
    assert (goal.lead_units, goal.responsible_units) == (("县卫生健康局",), ("县妇联", "县财政局"))


def test_parse_plan_item_broken_across_lines():
    text = MINI.replace(
        "城乡差距逐步缩小。（牵头单位：县卫生健康局。责任单位：县妇联",
        "城乡差距逐步\n缩小。（牵头单位：县卫生健康局。责任单位：县妇\n 联",
    )
    goal = parse_plan(text)[0].goals[0]
    assert goal.text == "孕产妇死亡率控制在9/10万以下，城乡差距逐步缩小。"
    assert goal.responsible_units == ("县妇联", "县财政局")


def test_parse_plan_other_order_and_number_of_areas():
    health, family = MINI.split("（二）妇女与家庭建设")
    head, health_area = health.split("[bookmark: _Toc2]")
    family_area, tail = family.split("二、组织实施")
    text = head + "（一）妇女与家庭建设" + family_area + "二、组织实施" + tail
    assert [a.name for a in parse_plan(text)] == ["妇女与家庭建设"]
    swapped = head + "（一）妇女与家庭建设" + family_area + health_area.replace("（一）", "（二）") + "二、" + tail
    assert [a.name for a in parse_plan(swapped)] == ["妇女与家庭建设", "妇女与健康"]


def test_parse_plan_refuses_text_without_structure():
    with pytest.raises(PlanParseError) as caught:
        parse_plan("这是一段普通文字。\n没有规划结构。\n")
    assert caught.value.line_no == 2
    assert "第2行" in str(caught.value) and "主要目标" in str(caught.value)


def test_parse_plan_refuses_numbering_gap():
    text = MINI.replace("（2）妇女人均预期寿命延长", "（3）妇女人均预期寿命延长")
    with pytest.raises(PlanParseError) as caught:
        parse_plan(text)
    assert caught.value.line_no == 8 and "（2）" in str(caught.value)


def test_parse_plan_refuses_missing_measures_heading():
    with pytest.raises(PlanParseError) as caught:
        parse_plan(
            MINI.replace("2.策略措施\n（1）加强妇幼", "（3）加强妇幼", 1).replace(
                "（2）提升妇女健康素养", "（4）提升妇女健康素养"
            )
        )
    assert "策略措施" in str(caught.value)


def test_parse_plan_refuses_unnumbered_paragraph_in_goals():
    text = MINI.replace("（2）妇女人均预期寿命延长。", "另起一段说明。\n（2）妇女人均预期寿命延长。")
    with pytest.raises(PlanParseError) as caught:
        parse_plan(text)
    assert caught.value.line_no == 8 and "编号条目" in str(caught.value)


def test_parse_plan_refuses_empty_text():
    with pytest.raises(PlanParseError):
        parse_plan("\n  \n")


def test_split_units_lead_only():
    assert split_units("目标。（牵头单位：区委组织部）") == ("目标。", ("区委组织部",), ())


def test_split_units_responsible_only():
    assert split_units("目标。（责任单位：甲、乙）") == ("目标。", (), ("甲", "乙"))


def test_split_units_none():
    assert split_units("目标（一段说明）。") == ("目标（一段说明）。", (), ())


def test_locate_maps_across_line_break():
    assert locate("山东省妇\n 女发展", "山东省妇女发展") == "山东省妇\n 女发展"


def test_locate_exact_substring():
    assert locate("甲乙丙", "乙丙") == "乙丙"


def test_parse_plan_stray_spaces_inside_item():
    text = MINI.replace("孕产妇死亡率控制在", "孕产妇 死亡率  控制在")
    assert parse_plan(text)[0].goals[0].text.startswith("孕产妇死亡率控制在9/10万以下")

import pytest

from lib import config
from lib.catalogue.plan_parser import parse_plan
from lib.catalogue.targets import extract_targets, goal_indicators, measure_indicators, split_diseases

PLAN_TEXT = (config.DEFAULT_DATA_DIR / config.PLAN_FILE).read_text(encoding="utf-8")

# Every number the plan states as a target, checked by hand against the text:
# owner (goal G / measure M), name, op, target, unit.
REAL_TARGETS = """\
A1-G02|孕产妇死亡率|<=|8.2|1/10万
A1-G03|妇女常见病筛查率|>=|85|%
A1-G03|宫颈癌人群筛查率|>=|85|%
A1-G03|乳腺癌人群筛查率|>=|85|%
A1-G04|艾滋病母婴传播率|<=|3|%
A1-M02|区级政府举办、标准化妇幼保健机构数量|>=|1|所
A1-M04|孕产妇系统管理率|>=|90|%
A1-M06|防控知识知晓率|>=|90|%
A1-M06|确诊宫颈癌的患病妇女得到治疗的比例|>|90|%
A1-M07|孕产妇艾滋病检测率|>=|95|%
A1-M07|孕产妇梅毒检测率|>=|95|%
A1-M07|孕产妇乙肝检测率|>=|95|%
A1-M07|艾滋病孕产妇感染者治疗率|>=|95|%
A1-M07|梅毒孕产妇感染者治疗率|>=|95|%
A2-G04|学前3年毛入园率|>=|99|%
A2-G05|九年义务教育巩固率|>=|98|%
A2-G06|高中阶段教育毛入学率|>=|98|%
A3-G02|就业人员中的女性比例|≈|45|%
A3-G03|城镇单位就业人员中的女性比例|≈|40|%
A3-G05|高级专业技术人员中的女性比例|>=|40|%
A4-G04|区委、区人大、区政府、区政协和各镇（街道）党委、政府领导班子女干部人数|>=|1|名
A4-G05|镇（街道）党政正职中女干部人数|>=|1|名
A4-G06|领导班子配备女干部比例|>=|50|%
A4-G06|担任正职人数|>=|3|人
A4-G09|村委会成员中女性比例|>=|30|%
A4-G10|社区居委会成员中女性比例|≈|50|%
A4-G10|社区居委会主任中女性比例|≈|35|%
A5-G03|妇女基本医疗保险参保率|>=|95|%
A5-G04|妇女基本养老保险参保率|>=|95|%
A8-G07|农村自来水普及率|>=|95|%
A8-G07|城市集中式饮用水水源水质达到或优于Ⅲ类标准的比例|>=|95|%
A8-M09|女性厕位与男性厕位的比例|>=|1.5|比例
A8-M09|人流量较大地区女性厕位与男性厕位的比例|>=|2|比例
"""


def real_targets() -> list[tuple]:
    found = []
    for area in parse_plan(PLAN_TEXT):
        owners = [(f"A{area.seq}-G{g.seq:02d}", goal_indicators(g.text)) for g in area.goals]
        owners += [(f"A{area.seq}-M{m.seq:02d}", measure_indicators(m.text)) for m in area.measures]
        found += [
            (owner, i.name, i.op, i.target, i.unit, i.quote)
            for owner, inds in owners
            for i in inds
            if i.kind == config.KIND_TARGET
        ]
    return found


def test_goal_and_measure_indicators_real_plan_every_numeric_target():
    expected = [tuple(line.split("|")) for line in REAL_TARGETS.splitlines()]
    expected = [(o, n, op, float(t), u) for o, n, op, t, u in expected]
    assert [row[:5] for row in real_targets()] == expected


def test_goal_and_measure_indicators_real_plan_quotes_in_text():
    assert all(row[5] in PLAN_TEXT for row in real_targets())


@pytest.mark.parametrize(
    "sentence, op, target, unit",
    [
        ("孕产妇死亡率控制在8.2/10万以下", "<=", 8.2, "1/10万"),
        ("筛查率达到85%以上", ">=", 85.0, "%"),
        ("比例超过90%", ">", 90.0, "%"),
        ("比例保持在45%左右", "≈", 45.0, "%"),
        ("毛入学率达到98%", ">=", 98.0, "%"),
        ("参保率提高到95%", ">=", 95.0, "%"),
        ("普及率稳定在95%以上", ">=", 95.0, "%"),
        ("比例总体为95%", ">=", 95.0, "%"),
        ("传播率下降到3%以下", "<=", 3.0, "%"),
        ("至少配备1名女干部", ">=", 1.0, "名"),
        ("担任正职的一般不少于3人", ">=", 3.0, "人"),
        ("比例不低于20%", ">=", 20.0, "%"),
        ("应保证一半以上的领导班子配备女干部", ">=", 50.0, "%"),
        ("女性厕位与男性厕位的比例至少为3：2", ">=", 1.5, "比例"),
        ("厕位比例至少为3:2", ">=", 1.5, "比例"),
    ],
)
def test_extract_targets_comparator_and_unit(sentence, op, target, unit):
    (found,) = extract_targets(sentence)
    assert (found.op, found.target, found.unit) == (op, target, unit)


@pytest.mark.parametrize(
    "sentence",
    [
        "35-64岁适龄妇女接受检查",
        "完善家政服务、3岁以下婴幼儿照护服务等政策",
        "按照女职工生育医疗费标准的50%享受生育医疗费待遇",
        "加强“12338”妇女维权公益服务热线建设",
        "强化区、镇（街道）、村（社区）三级妇幼卫生服务网络建设",
        "区级妇女发展规划颁布1个月内",
    ],
)
def test_extract_targets_not_a_target(sentence):
    assert extract_targets(sentence) == []


def test_extract_targets_respectively_one_row_each():
    found = extract_targets("35-64岁适龄妇女宫颈癌、乳腺癌人群筛查率分别达到85%以上")
    assert [f.name for f in found] == ["宫颈癌人群筛查率", "乳腺癌人群筛查率"]
    assert {f.quote for f in found} == {"35-64岁适龄妇女宫颈癌、乳腺癌人群筛查率分别达到85%以上"}


def test_extract_targets_two_ratios_second_takes_subject():
    found = extract_targets("女性厕位与男性厕位的比例至少为3：2，人流量较大地区提高到2：1")
    assert [(f.name, f.target) for f in found] == [
        ("女性厕位与男性厕位的比例", 1.5),
        ("人流量较大地区女性厕位与男性厕位的比例", 2.0),
    ]


def test_goal_indicators_direction_up_and_down():
    found = goal_indicators("妇女心理健康素养水平不断提升。女职工职业病发病率明显降低。")
    assert [(f.kind, f.op, f.name, f.unit) for f in found] == [
        ("direction", "up", "妇女心理健康素养水平", "%"),
        ("direction", "down", "女职工职业病发病率", "1/10万"),
    ]


def test_goal_indicators_verb_first_direction_names_object():
    (found,) = goal_indicators("缩小两性家务劳动时间差距。")
    assert (found.op, found.name, found.unit, found.quote) == (
        "down",
        "两性家务劳动时间差距",
        "分钟/日",
        "缩小两性家务劳动时间差距",
    )


@pytest.mark.parametrize(
    "clause, name",
    [
        ("提高妇女的思想政治意识", "提高妇女的思想政治意识"),
        ("增强家庭功能", "增强家庭功能"),
        ("保障水平不断提高", "保障水平不断提高"),
        ("女性终身学习意识不断增强", "女性终身学习意识不断增强"),
        ("妇女焦虑障碍、抑郁症患病率上升趋势减缓", "妇女焦虑障碍、抑郁症患病率上升趋势减缓"),  # a trend, not the rate
    ],
)
def test_goal_indicators_direction_without_quantity_is_qualitative(clause, name):
    (found,) = goal_indicators(clause + "。")
    assert (found.kind, found.op, found.unit, found.name, found.quote) == ("qualitative", None, None, name, clause)


def test_goal_indicators_mixed_sentence_keeps_measurable_and_qualitative_apart():
    found = goal_indicators("提高生育保险参保率，增强家庭功能。")
    assert [(f.kind, f.name, f.unit) for f in found] == [
        ("direction", "生育保险参保率", "%"),
        ("qualitative", "增强家庭功能", None),
    ]


@pytest.mark.parametrize(
    "sentence, names",
    [
        ("孕产妇艾滋病、梅毒和乙肝检测率达到95%以上", ["孕产妇艾滋病检测率", "孕产妇梅毒检测率", "孕产妇乙肝检测率"]),
        ("艾滋病、梅毒孕产妇感染者治疗率达95%以上", ["艾滋病孕产妇感染者治疗率", "梅毒孕产妇感染者治疗率"]),
        ("结核病与乙型肝炎筛查率达到90%", ["结核病筛查率", "乙型肝炎筛查率"]),
    ],
)
def test_extract_targets_one_rate_for_several_diseases_one_row_each(sentence, names):
    found = extract_targets(sentence)
    assert [f.name for f in found] == names
    assert {(f.quote, f.op, f.unit) for f in found} == {(sentence, ">=", "%")}


@pytest.mark.parametrize(
    "name, expected",
    [
        ("妇女宫颈癌和乳腺癌防治意识", ["妇女宫颈癌和乳腺癌防治意识"]),  # not a rate: nothing counted to split
        ("区级政府举办、标准化妇幼保健机构数量", ["区级政府举办、标准化妇幼保健机构数量"]),  # no disease listed
        ("艾滋病母婴传播率", ["艾滋病母婴传播率"]),  # one disease
    ],
)
def test_split_diseases_leaves_other_names(name, expected):
    assert split_diseases(name) == expected


def test_goal_indicators_direction_rate_for_two_diseases_split():
    found = goal_indicators("提高宫颈癌和乳腺癌早诊率。")
    assert [(f.kind, f.name) for f in found] == [("direction", "宫颈癌早诊率"), ("direction", "乳腺癌早诊率")]


def test_goal_indicators_target_sentence_gives_no_direction():
    found = goal_indicators("孕产妇死亡率控制在8.2/10万以下，城乡、区域差距逐步缩小。")
    assert [f.kind for f in found] == ["target"]


def test_goal_indicators_qualitative_when_no_number_or_direction():
    (found,) = goal_indicators("教育工作全面贯彻男女平等基本国策。")
    assert (found.kind, found.op, found.name) == ("qualitative", None, "教育工作全面贯彻男女平等基本国策")
    assert found.quote == "教育工作全面贯彻男女平等基本国策。"


def test_goal_indicators_real_plan_every_goal_has_one():
    goals = [g for a in parse_plan(PLAN_TEXT) for g in a.goals]
    assert all(goal_indicators(g.text) for g in goals)


def test_measure_indicators_none_without_numbers():
    assert measure_indicators("提升妇女健康素养。提高妇女参与疫情防控的意识。") == []

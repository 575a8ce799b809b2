"""Units read from an indicator's wording, and which names are measurable at all."""

import pytest

from lib.catalogue.units import is_quantity, quantity_unit


@pytest.mark.parametrize(
    "name, unit",
    [
        ("妇女人均预期寿命", "岁"),
        ("人均健康预期寿命", "岁"),
        ("女性平均受教育年限", "年"),
        ("孕产妇死亡率", "1/10万"),
        ("女职工职业病发病率", "1/10万"),
        ("生育保险参保率", "%"),
        ("农村自来水普及率", "%"),
        ("妇女常见病筛查覆盖率", "%"),
        ("妇女经常参加体育锻炼的人数比例", "%"),  # the head noun is 比例, not 人数
        ("女性就业人员占比", "%"),
        ("女性就业人员占全社会就业人员比重", "%"),
        ("妇女健康素养水平", "%"),  # a published share of residents
        ("妇女失业保险和工伤保险参保人数", "人"),
        ("标准化妇幼保健机构数量", "所"),
        ("妇女之家数量", "个"),
        ("女性厕位与男性厕位之比", "比例"),
        ("两性家务劳动时间差距", "分钟/日"),
    ],
)
def test_quantity_unit_from_head_noun(name, unit):
    assert quantity_unit(name) == unit and is_quantity(name)


@pytest.mark.parametrize(
    "name",
    [
        "妇女的思想政治意识",
        "家庭功能",
        "保障水平",
        "女性终身学习意识",
        "失能妇女的照护服务水平",
        "女性科技人才培养力度",
        "男女两性科学素质水平差距",
        "妇女的媒介素养",
        "老年妇女家庭生活质量",
        "妇女焦虑障碍、抑郁症患病率上升趋势",
        "孕产妇贫血",
        "妇女应对突发事件的能力",
    ],
)
def test_quantity_unit_none_when_nothing_counted(name):
    assert quantity_unit(name) is None and not is_quantity(name)

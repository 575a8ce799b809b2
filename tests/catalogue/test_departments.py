import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

from lib.catalogue.departments import (
    build_alias_map,
    build_departments,
    canonical_units,
    expand,
    kind_of,
    split_entry,
)


@pytest.mark.parametrize(
    "name",
    [
        "有关行业主管部门",
        "区妇儿工委各成员单位",
        "特邀单位",
        "各区管社会组织业务主管单位",
        "区妇儿工委有关成员单位",
    ],
)
def test_kind_of_group(name):
    assert kind_of(name) == "group"


@pytest.mark.parametrize("name", ["区妇联", "区委网信办", "区妇儿工委办公室", "团区委", "区委区直机关工委"])
def test_kind_of_department(name):
    assert kind_of(name) == "department"


def test_split_entry_department_and_group():
    assert split_entry("区妇联等区妇儿工委有关成员单位") == ["区妇联", "区妇儿工委有关成员单位"]


def test_split_entry_keeps_plain_name():
    assert split_entry("区卫生健康局") == ["区卫生健康局"]


def test_build_alias_map_missing_final_ju():
    mapping = build_alias_map(["区人力资源和社会保障局", "区人力资源和社会保障", "区妇联"])
    assert mapping == {
        "区人力资源和社会保障局": "区人力资源和社会保障局",
        "区人力资源和社会保障": "区人力资源和社会保障局",
        "区妇联": "区妇联",
    }


def test_build_alias_map_missing_fenju_and_spaces():
    mapping = build_alias_map(["区公安分局", "区公安", "区 妇联"])
    assert (mapping["区公安"], mapping["区 妇联"]) == ("区公安分局", "区妇联")


def test_canonical_units_order_and_no_duplicates():
    mapping = build_alias_map(["甲局", "甲", "乙"])
    assert canonical_units(["乙", "甲", "甲局"], mapping) == ["乙", "甲局"]


def test_expand_splits_etc_entries():
    assert expand(["区委宣传部", "区妇联等区妇儿工委有关成员单位"]) == [
        "区委宣传部",
        "区妇联",
        "区妇儿工委有关成员单位",
    ]


def test_build_departments_counts_kinds_aliases():
    units = [(["区人社局"], ["区人社", "特邀单位"]), (["区妇联"], ["区人社局"])]
    frame = build_departments(units, build_alias_map(["区人社局", "区人社", "特邀单位", "区妇联"]))
    expected = pd.DataFrame(
        {
            "name": ["区人社局", "区妇联", "特邀单位"],
            "kind": ["department", "department", "group"],
            "aliases": [["区人社"], [], []],
            "n_lead": [1, 1, 0],
            "n_responsible": [2, 0, 1],
        }
    )
    assert_frame_equal(frame, expected)

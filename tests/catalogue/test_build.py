from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from pandas.testing import assert_frame_equal

from lib import config
from lib.catalogue.build import build_catalogue, run_catalogue

PLAN_PATH = config.DEFAULT_DATA_DIR / config.PLAN_FILE
PLAN_TEXT = PLAN_PATH.read_text(encoding="utf-8")
MINI_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "mini_plan.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("catalogue")
    assert run_catalogue(str(PLAN_PATH), str(out)) == 0
    return out


@pytest.mark.parametrize("table", config.CATALOGUE_TABLES)
def test_run_catalogue_equals_shipped_tables(built, table):
    assert_frame_equal(pd.read_parquet(built / table), pd.read_parquet(config.DEFAULT_DATA_DIR / table))


@pytest.mark.parametrize("table", config.CATALOGUE_TABLES)
def test_run_catalogue_twice_byte_identical(built, tmp_path, table):
    assert run_catalogue(str(PLAN_PATH), str(tmp_path)) == 0
    assert (tmp_path / table).read_bytes() == (built / table).read_bytes()


def test_run_catalogue_list_columns_are_list_of_string(built):
    schema = pq.read_schema(built / config.GOALS)
    assert str(schema.field("lead_units").type) == "list<element: string>"
    assert str(pq.read_schema(built / config.DEPARTMENTS).field("aliases").type) == "list<element: string>"


def test_run_catalogue_writes_nothing_on_refusal(tmp_path, capsys):
    plan = tmp_path / "plan.txt"
    plan.write_text("一段没有结构的文字。\n", encoding="utf-8")
    out = tmp_path / "out"
    assert run_catalogue(str(plan), str(out)) == 1
    assert not out.exists()
    assert "第1行" in capsys.readouterr().err


def test_run_catalogue_missing_file(tmp_path, capsys):
    assert run_catalogue(str(tmp_path / "none.txt"), str(tmp_path / "out")) == 2
    assert "无法读取规划文本" in capsys.readouterr().err


def test_run_catalogue_mini_plan_other_district(tmp_path):
    assert run_catalogue(str(MINI_PATH), str(tmp_path)) == 0
    goals = pd.read_parquet(tmp_path / config.GOALS)
    assert goals["goal_id"].tolist() == ["A1-G01", "A1-G02", "A2-G01", "A2-G02"]
    assert list(goals.loc[2, "responsible_units"]) == ["县妇儿工委各成员单位", "特邀单位"]


def test_build_catalogue_counts():
    tables = build_catalogue(PLAN_TEXT)
    assert {name: len(frame) for name, frame in tables.items()} == {
        config.AREAS: 8,
        config.GOALS: 78,
        config.MEASURES: 91,
        config.DEPARTMENTS: 50,
        config.INDICATORS: 107,
    }


def test_build_catalogue_indicator_quotes_in_plan():
    indicators = build_catalogue(PLAN_TEXT)[config.INDICATORS]
    assert all(quote in PLAN_TEXT for quote in indicators["quote"])


def test_build_catalogue_every_goal_has_indicator():
    tables = build_catalogue(PLAN_TEXT)
    with_indicator = set(tables[config.INDICATORS]["goal_id"].dropna())
    assert set(tables[config.GOALS]["goal_id"]) == with_indicator


def test_build_catalogue_indicator_ids_unique_and_owned_once():
    indicators = build_catalogue(PLAN_TEXT)[config.INDICATORS]
    assert indicators["indicator_id"].is_unique
    assert (indicators["goal_id"].isna() != indicators["measure_id"].isna()).all()


def test_build_catalogue_indicator_kinds():
    counts = build_catalogue(PLAN_TEXT)[config.INDICATORS]["kind"].value_counts().to_dict()
    assert counts == {"direction": 17, "target": 33, "qualitative": 57}


def test_build_catalogue_every_measurable_indicator_has_unit():
    indicators = build_catalogue(PLAN_TEXT)[config.INDICATORS]
    measurable = indicators["kind"].isin(["target", "direction"])
    assert indicators.loc[measurable, "unit"].notna().all() and indicators.loc[~measurable, "unit"].isna().all()
    units = indicators.set_index("name")["unit"]
    assert (
        units["妇女人均预期寿命"],
        units["女性平均受教育年限"],
        units["各级人大代表和常委会委员中的女性比例"],
        units["妇女失业保险和工伤保险参保人数"],
    ) == ("岁", "年", "%", "人")


def test_build_catalogue_disease_rates_split_keep_quote():
    indicators = build_catalogue(PLAN_TEXT)[config.INDICATORS].set_index("indicator_id")
    tests = indicators.loc[["A1-M07-1", "A1-M07-2", "A1-M07-3"]]
    assert tests["name"].tolist() == ["孕产妇艾滋病检测率", "孕产妇梅毒检测率", "孕产妇乙肝检测率"]
    assert set(tests["quote"]) == {"孕产妇艾滋病、梅毒和乙肝检测率达到95%以上"}
    assert indicators.loc[["A1-M07-4", "A1-M07-5"], "name"].tolist() == [
        "艾滋病孕产妇感染者治疗率",
        "梅毒孕产妇感染者治疗率",
    ]


def test_build_catalogue_unmeasurable_direction_goal_is_qualitative():
    indicators = build_catalogue(PLAN_TEXT)[config.INDICATORS].set_index("indicator_id")
    for indicator_id in ("A8-G01-1", "A7-G02-1", "A5-G01-1", "A2-G11-1"):
        assert indicators.loc[indicator_id, "kind"] == "qualitative", indicator_id
        assert pd.isna(indicators.loc[indicator_id, "op"])


def test_build_catalogue_alias_of_irregular_department():
    tables = build_catalogue(PLAN_TEXT)
    departments = tables[config.DEPARTMENTS].set_index("name")
    assert list(departments.loc["区人力资源和社会保障局", "aliases"]) == ["区人力资源和社会保障"]
    goal = tables[config.GOALS].set_index("goal_id").loc["A7-G09"]
    assert "区人力资源和社会保障局" in list(goal["responsible_units"])


def test_build_catalogue_etc_entry_split_into_department_and_group():
    tables = build_catalogue(PLAN_TEXT)
    goal = tables[config.GOALS].set_index("goal_id").loc["A8-G04"]
    assert list(goal["responsible_units"])[-3:] == ["区妇联", "区妇儿工委有关成员单位", "特邀单位"]
    kinds = tables[config.DEPARTMENTS].set_index("name")["kind"]
    assert kinds["区妇儿工委有关成员单位"] == "group"


def test_build_catalogue_law_goal_three_responsible_only():
    goal = build_catalogue(PLAN_TEXT)[config.GOALS].set_index("goal_id").loc["A6-G03"]
    assert (list(goal["lead_units"]), list(goal["responsible_units"])) == ([], ["区妇儿工委各成员单位", "特邀单位"])


def test_build_catalogue_measure_target_has_no_goal():
    indicators = build_catalogue(PLAN_TEXT)[config.INDICATORS].set_index("indicator_id")
    row = indicators.loc["A1-M04-1"]
    assert (row["measure_id"], row["name"], row["target"]) == ("A1-M04", "孕产妇系统管理率", 90.0)
    assert pd.isna(row["goal_id"])


def test_build_catalogue_quote_spans_line_break_in_raw_text():
    text = MINI_PATH.read_text(encoding="utf-8").replace("孕产妇系统管理率达到90%", "孕产妇系统管\n 理率达到90%")
    quote = build_catalogue(text)[config.INDICATORS].set_index("indicator_id").loc["A1-M01-1", "quote"]
    assert quote == "孕产妇系统管\n 理率达到90%以上" and quote in text


def test_run_catalogue_plan_without_any_department(tmp_path):
    plan = tmp_path / "plan.txt"
    text = MINI_PATH.read_text(encoding="utf-8")
    text = text.replace("（牵头单位：县卫生健康局。责任单位：县妇联、县财政局）", "")
    text = text.replace("（牵头单位：县卫生健康局）", "").replace("（责任单位：县妇儿工委各成员单位、特邀单位）", "")
    plan.write_text(text, encoding="utf-8")
    assert run_catalogue(str(plan), str(tmp_path / "out")) == 0
    assert pd.read_parquet(tmp_path / "out" / config.DEPARTMENTS).empty


def test_main_catalogue_command(tmp_path):
    from lib.__main__ import main

    assert main(["catalogue", "--plan", str(MINI_PATH), "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(config.CATALOGUE_TABLES)

"""Seeded sample data derived from the catalogue."""
from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from lib import config
from lib.contract.tables import validate_table
from lib.engine.progress import compute_statuses
from lib.entry.sample import NO_LEAD_NOTE, generate_assessments, generate_observations

SCRIPT = config.ROOT / "scripts" / "make_sample_data.py"
SHIPPED = config.ROOT / "data"


def catalogue() -> tuple[pd.DataFrame, pd.DataFrame]:
    """30 indicators of every kind, unit and comparator, in 15 goals and one measure."""
    specs = [("target", "<=", 8.2, "1/10万", "孕产妇死亡率"), ("target", "<=", 3.0, "%", "艾滋病母婴传播率"),
             ("target", "≈", 45.0, "%", "就业人员中的女性比例"), ("target", ">=", 1.0, "所", "妇幼保健机构数量"),
             ("target", ">=", 3.0, "人", "担任正职人数"), ("target", ">=", 1.5, "比例", "女性厕位与男性厕位的比例"),
             ("direction", "up", None, None, "妇女人均预期寿命"), ("direction", "down", None, None, "职业病发病率"),
             ("direction", "up", None, None, "失业保险参保人数")]
    specs += [("target", ">=", float(80 + i), "%", f"第{i}项覆盖率") for i in range(12)]
    specs += [("direction", "up", None, None, f"第{i}项水平") for i in range(3)]
    specs += [("qualitative", None, None, None, f"第{i}项工作") for i in range(6)]
    rows = []
    for n, (kind, op, target, unit, name) in enumerate(specs):
        goal = f"A1-G{n // 2 + 1:02d}" if n != 3 else None
        rows.append({"indicator_id": f"A1-G{n // 2 + 1:02d}-{n % 2 + 1}" if goal else "A1-M01-1",
                     "area_id": "A1", "goal_id": goal, "measure_id": None if goal else "A1-M01", "name": name,
                     "unit": unit, "kind": kind, "op": op, "target": target})
    goal_ids = sorted({r["goal_id"] for r in rows if r["goal_id"]})
    goals = pd.DataFrame({"goal_id": goal_ids, "area_id": "A1", "seq": range(1, len(goal_ids) + 1),
                          "text": [f"目标{g}" for g in goal_ids], "lead_units": [["区卫生健康局", "区妇联"]] * len(goal_ids),
                          "responsible_units": [[]] * len(goal_ids)})
    return pd.DataFrame(rows), goals


@pytest.fixture(scope="module")
def generated() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    indicators, goals = catalogue()
    return indicators, generate_observations(indicators, goals), generate_assessments(indicators, goals)


def test_generate_observations_every_numeric_indicator_has_years(generated):
    indicators, obs, _ = generated
    numeric = indicators[indicators["kind"] != "qualitative"]["indicator_id"]
    years = obs[obs["subgroup"].isna()].groupby("indicator_id")["year"].agg(set)
    assert set(years.index) == set(numeric)
    assert all(y <= set(config.SAMPLE_YEARS) and len(y) >= 4 and 2020 in y for y in years)


def test_generate_observations_is_deterministic(generated):
    indicators, goals = catalogue()
    pd.testing.assert_frame_equal(generate_observations(indicators, goals), generated[1])


def test_generate_observations_seed_changes_values(generated):
    indicators, goals = catalogue()
    assert not generate_observations(indicators, goals, seed=1).equals(generated[1])


def test_generate_observations_all_rows_sample(generated):
    assert generated[1]["is_sample"].all() and generated[2]["is_sample"].all()


def test_generate_observations_latest_year_preliminary(generated):
    obs = generated[1]
    assert (obs["data_status"] == obs["year"].map(lambda y: "初步" if y == 2025 else "正式")).all()


def test_generate_observations_source_is_lead_department(generated):
    obs = generated[1]
    from_goal = obs[obs["indicator_id"] != "A1-M01-1"]
    assert set(from_goal["source"]) == {"区卫生健康局"}
    measure = obs[obs["indicator_id"] == "A1-M01-1"]
    assert measure["source"].isna().all() and measure["note"].str.contains(NO_LEAD_NOTE).all()


def test_generate_observations_maternal_mortality_from_counts(generated):
    mmr = generated[1][generated[1]["indicator_id"] == "A1-G01-1"]
    assert mmr["numerator"].isin([0.0, 1.0]).all() and mmr["denominator"].between(1700, 2800).all()
    assert (mmr["value"] == (mmr["numerator"] / mmr["denominator"] * 1e5).round(1)).all()


def test_generate_observations_percentages_in_range(generated):
    indicators, obs, _ = generated
    percent = obs["indicator_id"].isin(indicators.loc[indicators["unit"] == "%", "indicator_id"])
    assert obs.loc[percent, "value"].between(0, 100).all()


def test_generate_observations_counts_are_whole_numbers(generated):
    counts = generated[1][generated[1]["indicator_id"].isin(["A1-M01-1", "A1-G03-1"])]
    assert (counts["value"] % 1 == 0).all()


def test_generate_observations_some_missing_latest_and_middle_years(generated):
    years = generated[1][generated[1]["subgroup"].isna()].groupby("indicator_id")["year"].agg(set)
    assert sum(2025 not in y for y in years) >= 2 and sum(2022 not in y for y in years) >= 2


def test_generate_observations_some_urban_rural_subgroups(generated):
    groups = generated[1].dropna(subset=["subgroup"]).groupby("indicator_id")["subgroup"].agg(set)
    assert len(groups) >= 1 and all(g == {"城镇", "农村"} for g in groups)


def test_generate_observations_passes_validation(generated):
    assert validate_table(generated[1], config.OBSERVATIONS) == []
    assert validate_table(generated[2], config.ASSESSMENTS) == []


def test_generate_observations_status_mix(generated):
    indicators, obs, assess = generated
    out = compute_statuses(indicators, obs, assess, 2025)
    totals = out[out["subgroup"].isna() & (out["kind"] != "qualitative")]
    good = totals["status"].isin([config.STATUS_MET, config.STATUS_ON_TRACK]).sum()
    assert good > len(totals) / 2
    assert (totals["status"] == config.STATUS_REGRESS).sum() >= 1
    assert totals["warnings"].map(lambda w: config.WARN_MISS in w).sum() >= 1
    assert totals["warnings"].map(lambda w: config.WARN_MISSING in w).sum() >= 1


def test_generate_assessments_ratings_for_every_qualitative(generated):
    indicators, _, assess = generated
    qual = set(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"])
    assert set(assess["indicator_id"]) == qual
    assert set(assess["year"]) == set(config.ASSESSMENT_YEARS) and assess["rating"].isin(config.RATINGS).all()
    assert assess["narrative"].str.startswith("（示例）").all()


def load_script():
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_sample_data_main_writes_three_tables(tmp_path):
    indicators, goals = catalogue()
    indicators.to_parquet(tmp_path / config.INDICATORS)
    goals.to_parquet(tmp_path / config.GOALS)
    code = load_script().main(["--data-dir", str(tmp_path), "--reference-csv", str(SHIPPED / config.REFERENCE_CSV)])
    assert code == 0
    assert all((tmp_path / n).exists() for n in (config.OBSERVATIONS, config.ASSESSMENTS, config.REFERENCE))
    assert len(pd.read_parquet(tmp_path / config.REFERENCE)) > 0


def test_make_sample_data_main_without_catalogue_fails_in_chinese(tmp_path, capsys):
    assert load_script().main(["--data-dir", str(tmp_path)]) == 2
    assert "找不到目录表" in capsys.readouterr().err


def test_shipped_sample_data_matches_catalogue(tmp_path):
    """data/observations.parquet is what the generator makes from data/indicators.parquet (run make sample)."""
    indicators, goals = pd.read_parquet(SHIPPED / config.INDICATORS), pd.read_parquet(SHIPPED / config.GOALS)
    generate_observations(indicators, goals).to_parquet(tmp_path / config.OBSERVATIONS, index=False)
    expected = pd.read_parquet(tmp_path / config.OBSERVATIONS)
    pd.testing.assert_frame_equal(pd.read_parquet(SHIPPED / config.OBSERVATIONS), expected)

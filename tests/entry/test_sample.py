"""Seeded sample data derived from the catalogue."""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest

from lib import config
from lib.contract.tables import validate_table
from lib.engine.progress import compute_statuses
from lib.engine.target_rules import band_edges, meets_target
from lib.entry.sample import generate_assessments, generate_observations

SCRIPT = config.ROOT / "scripts" / "make_sample_data.py"
SHIPPED = config.ROOT / "data"


def catalogue() -> tuple[pd.DataFrame, pd.DataFrame]:
    """30 indicators of every kind, unit and comparator, in 15 goals and one measure."""
    specs = [
        ("target", "<=", 8.2, "1/10万", "孕产妇死亡率"),
        ("target", "<=", 3.0, "%", "艾滋病母婴传播率"),
        ("target", "≈", 45.0, "%", "就业人员中的女性比例"),
        ("target", ">=", 1.0, "所", "妇幼保健机构数量"),
        ("target", ">=", 3.0, "人", "担任正职人数"),
        ("target", ">=", 1.5, "比例", "女性厕位与男性厕位的比例"),
        ("direction", "up", None, "岁", "妇女人均预期寿命"),
        ("direction", "down", None, "1/10万", "职业病发病率"),
        ("direction", "up", None, "人", "失业保险参保人数"),
    ]
    specs += [("target", ">=", float(80 + i), "%", f"第{i}项覆盖率") for i in range(12)]
    specs += [("direction", "up", None, "%", f"第{i}项比例") for i in range(3)]
    specs += [("qualitative", None, None, None, f"第{i}项工作") for i in range(6)]
    rows = []
    for n, (kind, op, target, unit, name) in enumerate(specs):
        goal = f"A1-G{n // 2 + 1:02d}" if n != 3 else None
        rows.append(
            {
                "indicator_id": f"A1-G{n // 2 + 1:02d}-{n % 2 + 1}" if goal else "A1-M01-1",
                "area_id": "A1",
                "goal_id": goal,
                "measure_id": None if goal else "A1-M01",
                "name": name,
                "unit": unit,
                "kind": kind,
                "op": op,
                "target": target,
            }
        )
    goal_ids = sorted({r["goal_id"] for r in rows if r["goal_id"]})
    goals = pd.DataFrame(
        {
            "goal_id": goal_ids,
            "area_id": "A1",
            "seq": range(1, len(goal_ids) + 1),
            "text": [f"目标{g}" for g in goal_ids],
            "lead_units": [["区卫生健康局", "区妇联"]] * len(goal_ids),
            "responsible_units": [[]] * len(goal_ids),
        }
    )
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
    assert set(obs["source"]) == {"区卫生健康局"}  # a measure target reports through its default accountable lead
    assert not obs["note"].str.contains("未列牵头单位").any()


def test_generate_observations_maternal_mortality_from_counts(generated):
    mmr = generated[1][generated[1]["indicator_id"] == "A1-G01-1"]
    assert mmr["numerator"].isin([0.0, 1.0, 2.0]).all() and mmr["denominator"].between(1600, 2600).all()
    assert (mmr["value"] == (mmr["numerator"] / mmr["denominator"] * 1e5).round(1)).all()


def test_generate_observations_values_in_real_units(generated):
    _, obs, _ = generated
    values = obs[obs["subgroup"].isna()].groupby("indicator_id")["value"]
    assert values.min()["A1-G04-1"] > 75 and values.max()["A1-G04-1"] < 90  # life expectancy in 岁
    workers = obs[obs["indicator_id"] == "A1-G04-2"]  # occupational disease per 10万 women workers, from counts
    assert workers["denominator"].between(80000, 100000).all() and workers["value"].max() < 10
    insured = obs[obs["indicator_id"] == "A1-G05-1"]["value"]
    assert (insured % 1 == 0).all() and insured.min() > 1000  # a count of people, not an index
    toilets = obs[obs["indicator_id"] == "A1-G03-2"]["value"]
    assert toilets.between(1.0, 2.0).all()
    assert not obs["note"].str.contains("指数").any()


def test_generate_observations_start_at_reference_anchor():
    indicators, goals = catalogue()
    reference = pd.DataFrame(
        {
            "indicator_id": ["A1-G04-1", "A1-G04-1", "A1-G07-2"],
            "region": ["全国", "山东省", "全国"],
            "year": [2020, 2020, 2019],
            "value": [80.88, 82.5, 50.0],
        }
    )
    obs = generate_observations(indicators, goals, reference=reference)
    base = obs[obs["subgroup"].isna() & (obs["year"] == 2020)].set_index("indicator_id")["value"]
    assert base["A1-G04-1"] == 80.88  # the national value, not the provincial one
    assert base["A1-G07-2"] == 64.0  # a national 50 % against a target of 84 %: at most 20 points short


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


def final_status(ind: pd.Series, values: pd.Series) -> str:
    """METHOD.md's final evaluation of a numeric target (values by year, latest at or before 2025)."""
    x_b, x_t, t, op = values.iloc[0], values.iloc[-1], float(ind["target"]), ind["op"]
    if meets_target(x_t, op, t, ind["unit"], None):
        return config.STATUS_MET
    if meets_target(x_b, op, t, ind["unit"], None):
        return config.STATUS_REGRESS
    if op in config.BAND_OPS:
        low, high = band_edges(t, ind["unit"])
        t = low if x_t < low else high
    share = (x_t - x_b) / (t - x_b)
    return "基本达标" if share >= 0.9 else ("未达标" if share >= 0 else config.STATUS_REGRESS)


def final_statuses(indicators: pd.DataFrame, obs: pd.DataFrame) -> pd.Series:
    totals = obs[obs["subgroup"].isna()].sort_values("year")
    targets = indicators[indicators["kind"] == "target"].set_index("indicator_id")
    return pd.Series(
        {i: final_status(targets.loc[i], totals.loc[totals["indicator_id"] == i, "value"]) for i in targets.index}
    )


def moved(indicators: pd.DataFrame, obs: pd.DataFrame) -> pd.Series:
    """Direction goals: did the latest value move the named way since 2020 (已实现)?"""
    totals = obs[obs["subgroup"].isna()].sort_values("year")
    out = {}
    for ind in indicators[indicators["kind"] == "direction"].itertuples():
        values = totals.loc[totals["indicator_id"] == ind.indicator_id, "value"]
        change = values.iloc[-1] - values.iloc[0]
        out[ind.indicator_id] = change < 0 if ind.op == "down" else change > 0
    return pd.Series(out)


def test_generate_observations_every_final_status(generated):
    indicators, obs, _ = generated
    statuses = set(final_statuses(indicators, obs))
    assert {config.STATUS_MET, "未达标", config.STATUS_REGRESS} <= statuses
    assert set(moved(indicators, obs)) == {True, False}


def test_generate_observations_mid_term_mix(generated):
    indicators, obs, assess = generated
    out = compute_statuses(indicators, obs, assess, 2023)
    totals = out[out["subgroup"].isna() & (out["kind"] != "qualitative")]
    good = totals["status"].isin([config.STATUS_MET, config.STATUS_ON_TRACK]).sum()
    assert len(totals) / 2 < good < len(totals)
    assert (totals["status"] == config.STATUS_REGRESS).sum() >= 1
    assert totals["warnings"].map(lambda w: config.WARN_MISS in w).sum() >= 1


def test_generate_observations_latest_year_missing_somewhere(generated):
    indicators, obs, assess = generated
    out = compute_statuses(indicators, obs, assess, 2025)
    assert out["warnings"].map(lambda w: config.WARN_MISSING in w).sum() >= 1


def test_generate_assessments_ratings_for_every_qualitative(generated):
    indicators, _, assess = generated
    qual = set(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"])
    assert set(assess["indicator_id"]) == qual
    assert set(assess["year"]) == set(config.ASSESSMENT_YEARS) and assess["rating"].isin(config.RATINGS).all()
    assert assess["narrative"].str.startswith("（示例）").all()
    assert all(rating in text for rating, text in zip(assess["rating"], assess["narrative"]))


def load_script():
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_make_sample_data_main_writes_three_tables(tmp_path):
    indicators, goals = catalogue()
    indicators.to_parquet(tmp_path / config.INDICATORS)
    goals.to_parquet(tmp_path / config.GOALS)
    code = load_script().main(
        [
            "--data-dir",
            str(tmp_path),
            "--reference-csv",
            str(SHIPPED / config.REFERENCE_CSV),
            "--reference-csv",
            str(SHIPPED / "regional-reference.csv"),
        ]
    )
    assert code == 0
    assert all((tmp_path / n).exists() for n in (config.OBSERVATIONS, config.ASSESSMENTS, config.REFERENCE))
    assert len(pd.read_parquet(tmp_path / config.REFERENCE)) > 0


def test_make_sample_data_main_without_catalogue_fails_in_chinese(tmp_path, capsys):
    assert load_script().main(["--data-dir", str(tmp_path)]) == 2
    assert "找不到目录表" in capsys.readouterr().err


def shipped() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return tuple(pd.read_parquet(SHIPPED / name) for name in (config.INDICATORS, config.GOALS, config.REFERENCE))


def test_shipped_sample_data_matches_catalogue(tmp_path):
    """data/observations.parquet is what the generator makes from the shipped catalogue and reference (make sample)."""
    indicators, goals, reference = shipped()
    observations = generate_observations(indicators, goals, reference=reference)
    observations.to_parquet(tmp_path / config.OBSERVATIONS, index=False)
    expected = pd.read_parquet(tmp_path / config.OBSERVATIONS)
    pd.testing.assert_frame_equal(pd.read_parquet(SHIPPED / config.OBSERVATIONS), expected)
    generate_assessments(indicators, goals).to_parquet(tmp_path / config.ASSESSMENTS, index=False)
    assessments = pd.read_parquet(tmp_path / config.ASSESSMENTS)
    pd.testing.assert_frame_equal(pd.read_parquet(SHIPPED / config.ASSESSMENTS), assessments)


def test_shipped_sample_data_every_final_status():
    indicators = shipped()[0]
    obs, assess = pd.read_parquet(SHIPPED / config.OBSERVATIONS), pd.read_parquet(SHIPPED / config.ASSESSMENTS)
    assert set(final_statuses(indicators, obs)) == {config.STATUS_MET, "基本达标", "未达标", config.STATUS_REGRESS}
    assert set(moved(indicators, obs)) == {True, False}
    final = assess[assess["year"] == 2025]
    assert set(final["rating"]) == set(config.RATINGS)
    assert set(assess["indicator_id"]) == set(indicators.loc[indicators["kind"] == "qualitative", "indicator_id"])


def test_shipped_sample_data_plausible_in_real_units():
    indicators, obs = shipped()[0].set_index("name"), pd.read_parquet(SHIPPED / config.OBSERVATIONS)

    def values(name: str) -> pd.Series:
        return obs.loc[obs["indicator_id"] == indicators.loc[name, "indicator_id"], "value"]

    assert values("各级人大代表和常委会委员中的女性比例").between(20, 40).all()  # national 24.9–26.54 %
    assert values("妇女人均预期寿命").between(79, 85).all()  # national 80.88 岁 (2020)
    assert values("女性平均受教育年限").between(8, 12).all()
    assert values("孕产妇死亡率").between(0, 150).all()
    percent = obs["indicator_id"].isin(shipped()[0].loc[lambda d: d["unit"] == "%", "indicator_id"])
    assert obs.loc[percent, "value"].between(0, 100).all() and obs["is_sample"].all()

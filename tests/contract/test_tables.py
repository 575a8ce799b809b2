"""Loading and checking observations, assessments and reference values."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from lib import config
from lib.contract.tables import (
    OBSERVATION_COLUMNS,
    DataError,
    load_assessments,
    load_catalogue_table,
    load_observations,
    load_reference,
    validate_table,
    write_table,
)


def observations(**overrides) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "indicator_id": ["A1-G02-1", "A1-G02-1"],
            "region": ["博山区", None],
            "year": [2020, 2021],
            "subgroup": [None, None],
            "value": [43.5, 0.0],
            "numerator": [1.0, 0.0],
            "denominator": [2300.0, 2250.0],
            "data_status": ["正式", "初步"],
            "source": ["区卫生健康局"] * 2,
            "note": [None, None],
            "is_sample": [True, True],
        }
    )
    return frame.assign(**overrides)


def write(folder: Path, name: str, frame: pd.DataFrame) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_parquet(folder / name, index=False)
    return folder


def test_load_observations_absent_file_gives_empty_table(tmp_path):
    out = load_observations(tmp_path)
    assert out.empty and list(out.columns) == list(OBSERVATION_COLUMNS)


def test_load_observations_fills_default_region(tmp_path):
    out = load_observations(write(tmp_path, config.OBSERVATIONS, observations()))
    assert out["region"].tolist() == [config.REGION, config.REGION]


def test_load_observations_adds_optional_columns(tmp_path):
    minimal = pd.DataFrame({"indicator_id": ["A1-G02-1"], "year": [2020], "value": [12.0]})
    out = load_observations(write(tmp_path, config.OBSERVATIONS, minimal))
    assert list(out.columns) == list(OBSERVATION_COLUMNS) and out["is_sample"].tolist() == [False]


def test_load_observations_reads_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(config.DATA_DIR_ENV, str(write(tmp_path, config.OBSERVATIONS, observations())))
    assert len(load_observations()) == 2


def test_load_observations_bad_value_names_row_and_column(tmp_path):
    bad = observations(value=["43.5", "很多"])
    with pytest.raises(DataError, match="第2行 〔value〕：“很多”不是有效数字"):
        load_observations(write(tmp_path, config.OBSERVATIONS, bad))


def test_validate_table_missing_required_column():
    problems = validate_table(observations().drop(columns=["value"]), config.OBSERVATIONS)
    assert [str(p) for p in problems] == ["observations.parquet 〔value〕：缺少该列"]


def test_validate_table_empty_required_value():
    problems = validate_table(observations(indicator_id=["A1-G02-1", None]), config.OBSERVATIONS)
    assert (problems[0].row, problems[0].column, problems[0].message) == (2, "indicator_id", "不能为空")


def test_validate_table_fractional_year():
    problems = validate_table(observations(year=[2020, 2020.5]), config.OBSERVATIONS)
    assert problems[0].column == "year" and problems[0].row == 2


def test_validate_table_unknown_data_status():
    problems = validate_table(observations(data_status=["正式", "草稿"]), config.OBSERVATIONS)
    assert "应为初步、正式之一" in problems[0].message


def test_validate_table_duplicate_year():
    problems = validate_table(observations(year=[2020, 2020], region=["博山区", "博山区"]), config.OBSERVATIONS)
    assert problems[0].row == 2 and "重复" in problems[0].message


def test_validate_table_clean_table_has_no_problems():
    assert validate_table(observations(), config.OBSERVATIONS) == []


def test_load_assessments_unknown_rating(tmp_path):
    bad = pd.DataFrame({"indicator_id": ["A2-G01-1"], "year": [2023], "rating": ["很好"]})
    with pytest.raises(DataError, match="rating"):
        load_assessments(write(tmp_path, config.ASSESSMENTS, bad))


def test_load_reference_requires_source_and_quote(tmp_path):
    ref = pd.DataFrame(
        {
            "indicator_id": ["A1-G02-1"],
            "region": ["全国"],
            "year": [2020],
            "value": [16.9],
            "source_url": [None],
            "quote": ["孕产妇死亡率为16.9/10万"],
        }
    )
    with pytest.raises(DataError, match="source_url"):
        load_reference(write(tmp_path, config.REFERENCE, ref))


def test_load_catalogue_table_missing_says_how_to_build(tmp_path):
    with pytest.raises(DataError, match="python -m lib catalogue"):
        load_catalogue_table(config.INDICATORS, tmp_path)


def test_load_table_damaged_file(tmp_path):
    (tmp_path / config.OBSERVATIONS).write_text("不是 parquet")
    with pytest.raises(DataError, match="无法读取"):
        load_observations(tmp_path)


def test_write_table_replaces_atomically(tmp_path):
    target = write_table(observations(), tmp_path / "out" / config.OBSERVATIONS)
    assert len(pd.read_parquet(target)) == 2 and [p.name for p in target.parent.iterdir()] == [target.name]


def test_write_table_failure_keeps_old_file(tmp_path):
    target = write_table(observations(), tmp_path / config.OBSERVATIONS)
    unwritable = pd.DataFrame({"value": [object()]})
    with pytest.raises(Exception):  # noqa: B017  (pyarrow raises one of several types; the point is the old file)
        write_table(unwritable, target)
    assert len(pd.read_parquet(target)) == 2 and len(list(tmp_path.iterdir())) == 1
